package batch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/guihua-project/guihua/internal/atomicfile"
)

// manifestVersion is the format version of the manifest file.
const manifestVersion = 1

// JournalName is the name of the manifest's journal in the output
// directory: one record appended per output as soon as it is written,
// folded into the manifest (ManifestName) when a run ends or the next run
// starts.
const JournalName = ".guihua-batch.log"

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

// journalRecord is one line of the journal.
type journalRecord struct {
	Output string `json:"output"` // relative path, as a manifest key
	manifestEntry
}

// loadManifest reads the manifest in dir and then its journal, whose
// records win (they are newer). A missing manifest gives an empty one, and
// so does one of another format version or one that does not parse (its
// outputs are then simply converted again). A journal line that does not
// parse (the record being written when the process died) is left out, and
// its output is converted again. journaled reports whether a journal was
// found.
func loadManifest(dir string) (m *manifest, journaled bool, err error) {
	m = &manifest{Version: manifestVersion, Outputs: make(map[string]manifestEntry)}
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, false, fmt.Errorf("read batch manifest: %w", err)
	default:
		var old manifest
		if json.Unmarshal(data, &old) == nil && old.Version == manifestVersion && old.Outputs != nil {
			m.Outputs = old.Outputs
		}
	}
	data, err = os.ReadFile(filepath.Join(dir, JournalName))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return m, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("read batch journal: %w", err)
	}
	for _, rec := range parseJournal(data) {
		m.Outputs[rec.Output] = rec.manifestEntry
	}
	return m, true, nil
}

// parseJournal returns the complete, well-formed records of a journal in
// order. A record is complete when its line ends with a newline.
func parseJournal(data []byte) []journalRecord {
	var recs []journalRecord
	for {
		line, rest, ok := bytes.Cut(data, []byte{'\n'})
		if !ok {
			return recs // an unfinished last line: the process died writing it
		}
		data = rest
		var rec journalRecord
		if json.Unmarshal(line, &rec) != nil || rec.Output == "" || len(rec.SHA256) != 64 {
			continue
		}
		recs = append(recs, rec)
	}
}

// write saves the manifest atomically (map keys are sorted by encoding/json,
// so the file is deterministic).
func (m *manifest) write(dir string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode batch manifest: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(dir, ManifestName), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("batch manifest: %w", err)
	}
	return nil
}

// compact writes the manifest and then removes the journal it includes.
// Whenever the process dies in between, the next run reads the journal's
// records again, and they say the same as the manifest.
func (m *manifest) compact(dir string) error {
	if err := m.write(dir); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, JournalName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("batch journal: %w", err)
	}
	return nil
}

// journal appends one record per finished output to the journal file: one
// write of one whole line, made as soon as the output has been renamed into
// place, so that a run killed at any moment (SIGKILL, the kernel's
// out-of-memory killer, a second Ctrl-C) has recorded every output it
// finished except at most the ones whose record was not yet written. The
// file is created when the run starts, so that its presence tells the next
// run that this one did not end cleanly. It is not synced: what was written
// survives the process, not a power failure (whose lost records only cause
// outputs to be converted again). It is safe for concurrent use.
type journal struct {
	mu     sync.Mutex
	f      *os.File
	failed bool // a record could not be written: no more are tried
	recs   map[string]manifestEntry
}

func openJournal(dir string) (*journal, error) {
	f, err := os.OpenFile(filepath.Join(dir, JournalName), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("batch journal: %w", err)
	}
	return &journal{f: f, recs: make(map[string]manifestEntry)}, nil
}

// add records that the output rel was written from an input with the given
// sha256 by tool.
func (j *journal) add(rel, sha256, tool string) {
	e := manifestEntry{SHA256: sha256, Tool: tool}
	line, err := json.Marshal(journalRecord{Output: rel, manifestEntry: e})
	j.mu.Lock()
	defer j.mu.Unlock()
	j.recs[rel] = e
	if err == nil && !j.failed {
		_, err = j.f.Write(append(line, '\n'))
	}
	if err != nil {
		j.failed = true
	}
}

// close closes the file and returns every record added, also those that
// could not be written (the manifest written at the end of the run holds
// them all; if that fails too, Run reports it).
func (j *journal) close() map[string]manifestEntry {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.f.Close()
	return j.recs
}
