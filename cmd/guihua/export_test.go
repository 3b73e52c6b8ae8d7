package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/guihua-project/guihua/internal/export"
)

func TestExportCSVDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	// The same inputs in another order and spelled as a glob give the same bytes.
	txt := cliCorpus(t, ".txt")
	if code, _, stderr := cliRun(t, "export", "--format", "csv", "-o", a, "../../corpus/plans/*.txt"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rev := []string{"export", "--format", "csv", "-o", b}
	for i := len(txt) - 1; i >= 0; i-- {
		rev = append(rev, txt[i])
	}
	if code, _, stderr := cliRun(t, rev...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, name := range []string{export.IndicatorsCSV, export.FacilitiesCSV, export.ProjectsCSV} {
		x, err1 := os.ReadFile(filepath.Join(a, name))
		y, err2 := os.ReadFile(filepath.Join(b, name))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Errorf("%s: not byte-identical (%v %v)", name, err1, err2)
		}
	}
}

func TestExportSQLiteFromPlansAndOutputs(t *testing.T) {
	dir := t.TempDir()
	files := cliCorpus(t)
	// Outputs made by batch, exported as .json; and the plans themselves.
	outs := filepath.Join(dir, "outs")
	if code, _, stderr := cliRun(t, append([]string{"batch", "-q", "-o", outs}, files...)...); code != 0 {
		t.Fatalf("batch: exit %d\n%s", code, stderr)
	}
	fromOutputs := filepath.Join(dir, "a.db")
	fromPlans := filepath.Join(dir, "b.db")
	if code, _, stderr := cliRun(t, "export", "--format", "sqlite", "-o", fromOutputs, outs); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	code, _, stderr := cliRun(t, append([]string{"export", "--format", "sqlite", "-o", fromPlans}, files...)...)
	if code != 0 || !strings.Contains(stderr, "exported ") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}

	var values int
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(outs, filepath.Base(f)+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			Indicators []struct{ Values []json.RawMessage } `json:"indicators"`
		}
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatal(err)
		}
		for _, in := range p.Indicators {
			values += len(in.Values)
		}
	}
	for _, db := range []string{fromOutputs, fromPlans} {
		conn, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		var docs, vals int
		if err := conn.QueryRow("SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM indicator_values)").Scan(&docs, &vals); err != nil {
			t.Fatal(err)
		}
		conn.Close()
		if docs != len(files) || vals != values {
			t.Errorf("%s: %d documents, %d values; want %d, %d", filepath.Base(db), docs, vals, len(files), values)
		}
	}
}

func TestExportFailuresAndUsage(t *testing.T) {
	dir := t.TempDir()
	txt := cliCorpus(t, ".txt")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"schema_version": "1.0"}`), 0o644)
	out := filepath.Join(dir, "out.jsonl")

	code, _, stderr := cliRun(t, "export", "--format", "jsonl", "-o", out, txt[0], bad)
	if code != 1 || !strings.Contains(stderr, "FAIL "+bad) || !strings.Contains(stderr, "nothing exported") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output written despite a failure")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	code, _, stderr = cliRun(t, "export", "-k", "--format", "jsonl", "-o", out, txt[0], bad)
	data, _ := os.ReadFile(out)
	if code != 1 || bytes.Count(data, []byte("\n")) != 1 {
		t.Errorf("-k: exit %d, %d lines\n%s", code, bytes.Count(data, []byte("\n")), stderr)
	}
	code, stdout, _ := cliRun(t, append([]string{"export", "--format", "jsonl", "-o", "-"}, txt...)...)
	if code != 0 || strings.Count(stdout, "\n") != len(txt) {
		t.Errorf("jsonl to stdout: exit %d, %d lines", code, strings.Count(stdout, "\n"))
	}
	for _, args := range [][]string{
		{"export", "-o", out, txt[0]},
		{"export", "--format", "xml", "-o", out, txt[0]},
		{"export", "--format", "csv", txt[0]},
		{"export", "--format", "csv", "-o", "-", txt[0]},
		{"export", "--format", "csv", "-o", dir},
	} {
		if code, _, _ := cliRun(t, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}
