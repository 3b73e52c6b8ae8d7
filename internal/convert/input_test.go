package convert

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.txt")
	if err := os.WriteFile(plan, []byte("某县规划\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: its size is over the limit without writing 64 MB.
	if err := f.Truncate(MaxInputBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	missing := filepath.Join(dir, "missing.txt")

	tests := []struct {
		name   string
		path   string
		want   string // the content read, when no error
		reason string // Reason(path, err), when an error
		is     error  // errors.Is(err, is), when set
	}{
		{"a file", plan, "某县规划\n", "", nil},
		{"missing", missing, "", "no such file or directory", fs.ErrNotExist},
		{"a directory", dir, "", "is a directory", nil},
		{"too large", huge, "", fmt.Sprintf("file too large (%d bytes, limit %d)", MaxInputBytes+1, MaxInputBytes), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := ReadFile(tt.path)
			if tt.reason == "" {
				if err != nil || string(data) != tt.want {
					t.Fatalf("got %q, %v; want %q", data, err, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, read %d bytes", len(data))
			}
			if got := err.Error(); got != tt.path+": "+tt.reason {
				t.Errorf("error %q, want %q", got, tt.path+": "+tt.reason)
			}
			if got := Reason(tt.path, err); got != tt.reason {
				t.Errorf("Reason %q, want %q", got, tt.reason)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) is false", err, tt.is)
			}
		})
	}
}

func TestReason(t *testing.T) {
	tests := []struct {
		path string
		err  error
		want string
	}{
		{"a.txt", errors.New("a.txt: empty file"), "empty file"},
		{"a.txt", errors.New("b.txt: empty file"), "b.txt: empty file"},
		{"a.txt", errors.New("a.txt: "), "a.txt: "},
		{"a.txt", errors.New("not valid JSON"), "not valid JSON"},
		{"a.txt", nil, ""},
	}
	for _, tt := range tests {
		if got := Reason(tt.path, tt.err); got != tt.want {
			t.Errorf("Reason(%q, %v) = %q, want %q", tt.path, tt.err, got, tt.want)
		}
	}
}

// The converter's own errors name the file in the same way, so Reason
// applies to them too.
func TestReasonOfConverterError(t *testing.T) {
	c := newConverter(t)
	_, err := c.JSON("dir/empty.txt", nil)
	if got := Reason("dir/empty.txt", err); got != "empty file" || !strings.HasPrefix(err.Error(), "dir/empty.txt: ") {
		t.Errorf("error %q, Reason %q", err, got)
	}
}

// The Reader of `guihua text`, with the readers' rules only, reads every
// corpus plan as the Converter does.
func TestReaderAsConverter(t *testing.T) {
	c := newConverter(t)
	r, err := NewReader()
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range corpusPlans(t) {
		if strings.HasSuffix(path, ".pdf") && testing.Short() {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := c.Document(path, data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.Document(path, data)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the Reader's document differs from the Converter's", path)
		}
	}
}
