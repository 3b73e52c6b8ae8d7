package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/convert"
)

func TestCheck(t *testing.T) {
	files := cliCorpus(t)
	dir := t.TempDir()
	g := filepath.Join(dir, "golden")

	// No goldens: every input is missing, exit 1.
	code, stdout, stderr := cliRun(t, append([]string{"check", "--golden", g}, files...)...)
	if code != 1 || strings.Count(stdout, "MISSING ") != len(files) {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	// --update writes them (the output of extract), exit 0.
	code, stdout, stderr = cliRun(t, append([]string{"check", "--update", "--golden", g}, files...)...)
	if code != 0 || strings.Count(stdout, "updated ") != len(files) {
		t.Fatalf("--update: exit %d\n%s%s", code, stdout, stderr)
	}
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
		golden, err := os.ReadFile(filepath.Join(g, filepath.Base(f)+".json"))
		if err != nil || !bytes.Equal(golden, js) {
			t.Errorf("%s: golden is not the extract output (%v)", f, err)
		}
	}
	// Now clean, also from a copy elsewhere (source.path differs).
	copyPath := filepath.Join(dir, "elsewhere", filepath.Base(files[0]))
	cliCopy(t, files[0], copyPath)
	code, stdout, _ = cliRun(t, append([]string{"check", "--golden", g, copyPath}, files...)...)
	if code != 0 || strings.Count(stdout, "ok      ") != len(files)+1 {
		t.Fatalf("clean check: exit %d\n%s", code, stdout)
	}

	// Change one value of one golden: exit 1, and the diff names it.
	var target, name, column, raw string
	for _, f := range files {
		path := filepath.Join(g, filepath.Base(f)+".json")
		data, _ := os.ReadFile(path)
		var m map[string]any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		for _, ind := range m["indicators"].([]any) {
			ind := ind.(map[string]any)
			for _, v := range ind["values"].([]any) {
				v := v.(map[string]any)
				if r, _ := v["raw"].(string); r != "" && v["year"] != nil {
					name, column, raw = ind["name"].(string), v["column"].(string), r
					v["raw"] = r + "0"
					break
				}
			}
			if name != "" {
				break
			}
		}
		if name == "" {
			continue
		}
		out, _ := json.MarshalIndent(m, "", "  ")
		os.WriteFile(path, out, 0o644)
		target = f
		break
	}
	if target == "" {
		t.Skip("no corpus plan has an indicator value")
	}
	code, stdout, stderr = cliRun(t, append([]string{"check", "--golden", g}, files...)...)
	if code != 1 {
		t.Fatalf("drift: exit %d\n%s%s", code, stdout, stderr)
	}
	wantLine := "indicator `" + name + "`"
	wantChange := "value `" + column + "` changed `" + raw + "0` → `" + raw + "`"
	if !strings.Contains(stdout, "DRIFT   "+target+": 1 change ") || !strings.Contains(stdout, wantLine) || !strings.Contains(stdout, wantChange) {
		t.Errorf("diff does not name the value (%s %s):\n%s", wantLine, wantChange, stdout)
	}
	if !strings.Contains(stderr, "differ from their goldens") {
		t.Errorf("stderr: %s", stderr)
	}
	// --update accepts it; then the check is clean again.
	if code, stdout, _ = cliRun(t, "check", "--update", "--golden", g, target); code != 0 || !strings.Contains(stdout, "updated ") {
		t.Errorf("--update after drift: exit %d\n%s", code, stdout)
	}
	if code, stdout, _ = cliRun(t, append([]string{"check", "--golden", g}, files...)...); code != 0 {
		t.Errorf("after update: exit %d\n%s", code, stdout)
	}

	// Usage errors and failed extractions.
	if code, _, _ := cliRun(t, "check", files[0]); code != 2 {
		t.Errorf("no --golden: exit %d", code)
	}
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	if code, stdout, _ := cliRun(t, "check", "--update", "--golden", g, empty); code != 1 || !strings.Contains(stdout, "FAIL    "+empty+": empty file") {
		t.Errorf("failed extraction: exit %d\n%s", code, stdout)
	}
}
