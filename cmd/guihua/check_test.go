package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/convert"
)

// TestCheck runs `guihua check` through its states on the corpus: what it
// prints and its exit status. The comparison itself is tested in
// internal/check.
func TestCheck(t *testing.T) {
	files := cliCorpus(t, ".txt", ".html")
	dir := t.TempDir()
	g := filepath.Join(dir, "golden")
	goldenOf := func(f string) string { return filepath.Join(g, filepath.Base(f)+".json") }
	txt, html := files[len(files)/2], files[0] // a .txt and a .html plan
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	elsewhere := filepath.Join(dir, "elsewhere", filepath.Base(txt))
	cliCopy(t, txt, elsewhere)
	n := len(files)
	summary := func(ok, drifted, missing, corrupt, failed int) string {
		s := fmt.Sprintf("%d checked: %d ok, %d drifted, %d missing", ok+drifted+missing+corrupt+failed, ok, drifted, missing)
		if corrupt > 0 {
			s += fmt.Sprintf(", %d corrupt", corrupt)
		}
		return s + fmt.Sprintf(", %d failed", failed)
	}
	steps := []struct {
		name   string
		setup  func(t *testing.T)
		args   []string
		code   int
		stdout []string // substrings
		count  map[string]int
		stderr string
	}{
		{
			name: "no goldens", args: files, code: 1,
			stdout: []string{"MISSING " + txt + ": no golden " + goldenOf(txt) + "\n", summary(0, 0, n, 0, 0) + "\n"},
			count:  map[string]int{"MISSING ": n},
			stderr: fmt.Sprintf("guihua: %d of %d inputs differ from their goldens (run with --update to accept)\n", n, n),
		},
		{
			name: "--update writes them", args: append([]string{"--update"}, files...),
			stdout: []string{"updated " + goldenOf(txt) + "\n", summary(0, 0, n, 0, 0) + fmt.Sprintf(", %d goldens written\n", n)},
			count:  map[string]int{"updated ": n},
		},
		{
			name: "clean, also from a copy elsewhere", args: append([]string{elsewhere}, files...),
			stdout: []string{"ok      " + elsewhere + "\n", summary(n+1, 0, 0, 0, 0) + "\n"},
			count:  map[string]int{"ok      ": n + 1},
		},
		{
			name:  "drift: the golden of another format",
			setup: func(t *testing.T) { cliCopy(t, goldenOf(html), goldenOf(txt)) },
			args:  append([]string{"--max-changes", "1"}, files...), code: 1,
			stdout: []string{"DRIFT   " + txt + ": ", " changes against " + goldenOf(txt) + "\n        source: ", "        … and ", summary(n-1, 1, 0, 0, 0) + "\n"},
			stderr: fmt.Sprintf("guihua: 1 of %d inputs differ", n),
		},
		{
			name: "--update accepts the drift", args: append([]string{"--update"}, files...),
			stdout: []string{"DRIFT   " + txt, "updated " + goldenOf(txt) + "\n", summary(n-1, 1, 0, 0, 0) + ", 1 golden written\n"},
			count:  map[string]int{"updated ": 1},
		},
		{
			name: "a corrupt golden",
			setup: func(t *testing.T) {
				data, err := os.ReadFile(goldenOf(txt))
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(goldenOf(txt), data[:len(data)/2], 0o644)
			},
			args: files, code: 1,
			stdout: []string{"CORRUPT " + txt + ": golden " + goldenOf(txt) + ": invalid JSON", summary(n-1, 0, 0, 1, 0) + "\n"},
			stderr: fmt.Sprintf("guihua: 1 of %d inputs differ", n),
		},
		{
			name: "--update repairs it", args: append([]string{"--update"}, files...),
			stdout: []string{"CORRUPT " + txt, "updated " + goldenOf(txt) + "\n", summary(n-1, 0, 0, 1, 0) + ", 1 golden written\n"},
		},
		{
			name: "clean again", args: files,
			stdout: []string{summary(n, 0, 0, 0, 0) + "\n"},
		},
		{
			name: "a failed extraction", args: append([]string{"--update"}, empty, txt), code: 1,
			stdout: []string{"FAIL    " + empty + ": empty file\n", "ok      " + txt + "\n", summary(1, 0, 0, 0, 1) + ", 0 goldens written\n"},
			stderr: "guihua: 1 of 2 inputs failed\n",
		},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			if st.setup != nil {
				st.setup(t)
			}
			code, stdout, stderr := cliRun(t, append([]string{"check", "--golden", g}, st.args...)...)
			if code != st.code {
				t.Errorf("exit %d, want %d", code, st.code)
			}
			for _, s := range st.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q", s)
				}
			}
			for s, n := range st.count {
				if got := strings.Count(stdout, s); got != n {
					t.Errorf("%d × %q, want %d", got, s, n)
				}
			}
			if stderr != st.stderr && (st.stderr == "" || !strings.HasPrefix(stderr, st.stderr)) {
				t.Errorf("stderr %q, want %q", stderr, st.stderr)
			}
			if t.Failed() {
				t.Logf("stdout:\n%s", stdout)
			}
		})
	}

	// The goldens --update wrote are the output of extract.
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		js, err := c.JSON(f, data)
		if err != nil {
			t.Fatal(err)
		}
		if golden, err := os.ReadFile(goldenOf(f)); err != nil || !bytes.Equal(golden, js) {
			t.Errorf("%s: golden is not the extract output (%v)", f, err)
		}
	}
}
