package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plan := filepath.Join("..", "..", "corpus", "plans", "001_1d076eee4dc96132.txt")
	empty := write("empty.txt", nil)
	binary := write("blob.txt", []byte{0, 1, 2, 3, 0xff, 0xfe, 0, 0, 0x89, 0x50})
	out := filepath.Join(dir, "out", "plan.json")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"no command", nil, 2, "", "Usage"},
		{"unknown command", []string{"frobnicate"}, 2, "", "unknown command"},
		{"extract needs a file", []string{"extract"}, 2, "", "exactly one FILE"},
		{"empty file", []string{"extract", empty}, 1, "", "empty.txt: empty"},
		{"binary file", []string{"extract", binary}, 1, "", "blob.txt: not a text file"},
		{"missing file", []string{"extract", filepath.Join(dir, "nope.txt")}, 1, "", "nope.txt"},
		{"extract to stdout", []string{"extract", plan}, 0, `"region": "泗阳县"`, ""},
		{"extract to a file", []string{"extract", "-o", out, plan}, 0, "", ""},
		{"validate", []string{"validate", out}, 0, "ok", ""},
		{"validate a non-output", []string{"validate", empty}, 1, "", "not valid JSON"},
		{"schema", []string{"schema"}, 0, "2020-12", ""},
		{"text", []string{"text", plan}, 0, "泗阳县“十四五”卫生健康发展规划", ""},
		{"version", []string{"version"}, 0, "guihua", ""},
		{"help", []string{"extract", "-h"}, 0, "", "Usage: guihua extract"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stdout %.200q / stderr %.200q: want %q / %q", stdout.String(), stderr.String(), tt.stdout, tt.stderr)
			}
		})
	}
	// the text rendering of a .txt plan is the file itself
	var stdout bytes.Buffer
	run([]string{"text", plan}, &stdout, &bytes.Buffer{})
	orig, _ := os.ReadFile(plan)
	if stdout.String() != string(orig) {
		t.Error("guihua text of a .txt plan differs from the file")
	}
}
