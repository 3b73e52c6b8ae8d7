package batch

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	shaA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	shaB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
)

// TestLoadManifestJournal: the journal's records are read after the
// manifest and win; a line cut short or damaged (the process died writing
// it) is left out, and so is everything it would have said.
func TestLoadManifestJournal(t *testing.T) {
	rec := func(out, sha string) string {
		return `{"output":"` + out + `","sha256":"` + sha + `","tool":"t"}` + "\n"
	}
	const manifest = `{"version":1,"outputs":{"a.txt.json":{"sha256":"` + shaA + `","tool":"t"},"b.txt.json":{"sha256":"` + shaA + `","tool":"t"}}}`
	tests := []struct {
		name     string
		manifest string // "" for none
		journal  string // "" for none
		want     map[string]string
	}{
		{"manifest only", manifest, "", map[string]string{"a.txt.json": shaA, "b.txt.json": shaA}},
		{"journal only", "", rec("c.txt.json", shaB), map[string]string{"c.txt.json": shaB}},
		{"the journal wins", manifest, rec("b.txt.json", shaB) + rec("c.txt.json", shaA),
			map[string]string{"a.txt.json": shaA, "b.txt.json": shaB, "c.txt.json": shaA}},
		{"the last record wins", "", rec("c.txt.json", shaA) + rec("c.txt.json", shaB), map[string]string{"c.txt.json": shaB}},
		{"a torn last line", manifest, rec("c.txt.json", shaB) + rec("d.txt.json", shaB)[:40],
			map[string]string{"a.txt.json": shaA, "b.txt.json": shaA, "c.txt.json": shaB}},
		{"a torn line in the middle", "", rec("c.txt.json", shaB)[:30] + "\n" + rec("d.txt.json", shaB),
			map[string]string{"d.txt.json": shaB}},
		{"zeros after a power failure", "", rec("c.txt.json", shaB) + "\x00\x00\x00\x00\n", map[string]string{"c.txt.json": shaB}},
		{"a record without a hash", "", `{"output":"c.txt.json","tool":"t"}` + "\n", map[string]string{}},
		{"a corrupt manifest", `{"version":1,"outp`, rec("c.txt.json", shaB), map[string]string{"c.txt.json": shaB}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.manifest != "" {
				os.WriteFile(filepath.Join(dir, ManifestName), []byte(tt.manifest), 0o644)
			}
			if tt.journal != "" {
				os.WriteFile(filepath.Join(dir, JournalName), []byte(tt.journal), 0o644)
			}
			m, journaled, err := loadManifest(dir)
			if err != nil {
				t.Fatal(err)
			}
			if journaled != (tt.journal != "") {
				t.Errorf("journaled %v", journaled)
			}
			got := make(map[string]string)
			for k, e := range m.Outputs {
				got[k] = e.SHA256
			}
			if !mapsEqualString(got, tt.want) {
				t.Errorf("outputs %v\nwant %v", got, tt.want)
			}
		})
	}
}

func mapsEqualString(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestJournalRecordsAsItGoes: while a run goes on, every output written is
// already in the journal; when it ends, the journal is folded into the
// manifest and removed.
func TestJournalRecordsAsItGoes(t *testing.T) {
	c := converter(t)
	dir := t.TempDir()
	files := corpusFiles(t)
	for i := range 6 {
		copyFile(t, files[i%len(files)], filepath.Join(dir, "in", strings.Repeat("x", i+1)+filepath.Ext(files[i%len(files)])))
	}
	out := filepath.Join(dir, "out")
	var problems []string
	sum, err := Run(context.Background(), c, Discover([]string{filepath.Join(dir, "in")}, PlanExts).Inputs, Options{
		OutDir: out, Workers: 2, Tool: "t",
		OnResult: func(r Result) {
			if r.Status != Converted {
				return
			}
			// The output is on disk and recorded, whatever comes next.
			m, journaled, err := loadManifest(out)
			rel, _ := outputRel(r.Input.Rel)
			if err != nil || !journaled || m.Outputs[rel].SHA256 != r.sha256 {
				problems = append(problems, r.Input.Rel)
			}
		},
	})
	if err != nil || sum.Converted != 6 {
		t.Fatalf("%v %+v", err, sum)
	}
	if len(problems) > 0 {
		t.Errorf("not in the journal when reported: %v", problems)
	}
	if _, err := os.Stat(filepath.Join(out, JournalName)); !os.IsNotExist(err) {
		t.Errorf("journal left after a clean run: %v", err)
	}
	m, journaled, err := loadManifest(out)
	if err != nil || journaled || len(m.Outputs) != 6 {
		t.Errorf("manifest after the run: %d outputs, journal %v, %v", len(m.Outputs), journaled, err)
	}
}

// TestRunAfterKill: a run finding the journal and temporary files of a run
// that was killed folds the journal in, removes the stale temporary files
// and converts only what was not finished.
func TestRunAfterKill(t *testing.T) {
	c := converter(t)
	dir := t.TempDir()
	files := corpusFiles(t)
	for i := range 4 {
		copyFile(t, files[i%len(files)], filepath.Join(dir, "in", strings.Repeat("x", i+1)+filepath.Ext(files[i%len(files)])))
	}
	in := filepath.Join(dir, "in")
	out := filepath.Join(dir, "out")
	inputs := Discover([]string{in}, PlanExts).Inputs
	if _, err := Run(context.Background(), c, inputs, Options{OutDir: out, Workers: 2, Tool: "t"}); err != nil {
		t.Fatal(err)
	}
	// Make it look as if the run had been killed after writing two outputs:
	// no manifest, a journal with their records and a torn third, and a
	// temporary file of the output being written.
	m, _, err := loadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	var journal strings.Builder
	keys := slices.Sorted(maps.Keys(m.Outputs))
	for _, k := range keys[:2] {
		journal.WriteString(`{"output":"` + k + `","sha256":"` + m.Outputs[k].SHA256 + `","tool":"t"}` + "\n")
	}
	journal.WriteString(`{"output":"` + keys[2] + `","sha2`)
	os.Remove(filepath.Join(out, ManifestName))
	os.WriteFile(filepath.Join(out, JournalName), []byte(journal.String()), 0o644)
	stale := filepath.Join(out, "."+keys[3]+".tmp-123456")
	os.WriteFile(stale, []byte(`{"schema_ver`), 0o644)
	old := time.Now().Add(-time.Minute)
	os.Chtimes(stale, old, old)

	var converted []string
	sum, err := Run(context.Background(), c, inputs, Options{OutDir: out, Workers: 2, Tool: "t",
		OnResult: func(r Result) {
			if r.Status == Converted {
				rel, _ := outputRel(r.Input.Rel)
				converted = append(converted, rel)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(converted)
	if sum.Skipped != 2 || !slices.Equal(converted, keys[2:]) {
		t.Errorf("converted %v (%+v), want %v", converted, sum, keys[2:])
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temporary file kept: %v", err)
	}
	want := append([]string{ManifestName}, keys...)
	slices.Sort(want)
	if got := listFiles(t, out); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
}
