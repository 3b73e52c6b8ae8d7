package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "out.json")
	for _, data := range []string{"first", "second, longer"} {
		if err := Write(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != data {
			t.Fatalf("read %q, %v; want %q", got, err, data)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	// a target that cannot be written: the directory is a file
	if err := Write(filepath.Join(path, "x.json"), []byte("x"), 0o644); err == nil {
		t.Error("writing under a file succeeded")
	}
}

func TestIsTemp(t *testing.T) {
	dir := t.TempDir()
	// The temporary files Write makes are recognised: one left behind.
	f, err := os.CreateTemp(dir, ".plan.txt.json"+tempMark+"*")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, tt := range []struct {
		name string
		want bool
	}{
		{filepath.Base(f.Name()), true},
		{".plan.txt.json.tmp-123", true},
		{".guihua-batch.json.tmp-9", true},
		{"plan.txt.json.tmp-123", false}, // not hidden
		{".plan.txt.json.tmp-", false},
		{".plan.txt.json.tmp-12a", false},
		{".tmp-123", false},
		{"plan.txt.json", false},
		{".guihua-batch.log", false},
	} {
		if got := IsTemp(tt.name); got != tt.want {
			t.Errorf("IsTemp(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
