package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/guihua-project/guihua/internal/atomicfile"
)

// manifestVersion is the format version of the manifest file.
const manifestVersion = 1

// manifest records, for each output under the output directory (by its
// slash-separated relative path), what it was made from and by which tool.
type manifest struct {
	Version int                      `json:"version"`
	Outputs map[string]manifestEntry `json:"outputs"`
}

type manifestEntry struct {
	SHA256 string `json:"sha256"` // of the input
	Tool   string `json:"tool"`   // Options.Tool of the run that wrote the output
}

// loadManifest reads the manifest at path; a missing file gives an empty
// manifest, and so does one of another format version or one that does not
// parse (its outputs are then simply converted again).
func loadManifest(path string) (*manifest, error) {
	m := &manifest{Version: manifestVersion, Outputs: make(map[string]manifestEntry)}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read batch manifest: %w", err)
	}
	var old manifest
	if json.Unmarshal(data, &old) != nil || old.Version != manifestVersion || old.Outputs == nil {
		return m, nil
	}
	m.Outputs = old.Outputs
	return m, nil
}

// write saves the manifest atomically (map keys are sorted by encoding/json,
// so the file is deterministic).
func (m *manifest) write(path string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode batch manifest: %w", err)
	}
	if err := atomicfile.Write(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("batch manifest: %w", err)
	}
	return nil
}
