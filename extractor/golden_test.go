package extractor

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/golden"
	"github.com/guihua-project/guihua/internal/plan"
)

var update = flag.Bool("update", false, "rewrite testdata/**/*.golden.json from the extractor's output (read the diff before committing)")

// TestGolden extracts every input testdata/**/*.txt (txt reader and
// extractor, as extractText does) and compares the plan, encoded as the CLI
// encodes it, with <input without .txt>.golden.json by the semantic diff of
// internal/golden. go test ./extractor -update rewrites the golden files:
// read their diff before committing them, every value in them is checked
// against the hand-written assertions of the other tests.
func TestGolden(t *testing.T) {
	var inputs []string
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".txt") {
			inputs = append(inputs, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no inputs under testdata")
	}
	for _, in := range inputs {
		name := filepath.ToSlash(strings.TrimPrefix(in, "testdata"+string(filepath.Separator)))
		t.Run(strings.TrimSuffix(name, ".txt"), func(t *testing.T) {
			got := marshalPlan(t, extractText(t, readInput(t, in)))
			goldenPath := strings.TrimSuffix(in, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("no golden file (go test ./extractor -update writes it; review it): %v", err)
			}
			changes, err := golden.Diff(want, got)
			if err != nil {
				t.Fatalf("compare with %s: %v", goldenPath, err)
			}
			if len(changes) > 0 {
				msg := make([]string, len(changes))
				for i, ch := range changes {
					msg[i] = ch.String()
				}
				t.Errorf("output differs from %s (go test ./extractor -update rewrites it; review the diff):\n%s", goldenPath, strings.Join(msg, "\n"))
			}
		})
	}
}

// marshalPlan encodes a plan as internal/convert.Marshal does (two-space
// indent, no HTML escaping, a trailing newline); Source stays zero.
func marshalPlan(t *testing.T, p *plan.Plan) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
