// Package export writes many extraction outputs in tabular and streaming
// forms: CSV files (NewCSV), a SQLite database (NewSQLite) and JSON Lines
// (NewJSONL). Every writer streams: it receives one plan at a time (Add)
// and holds no more than that plan, writes to temporary files next to its
// destination, and only Commit makes the result visible (renamed into
// place); Abort removes what was written. Given the same plans in the same
// order, the CSV and JSON Lines outputs are byte-identical.
package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/internal/plan"
)

// Formats are the names New accepts.
var Formats = []string{"csv", "sqlite", "jsonl"}

// Writer receives plans one at a time.
type Writer interface {
	// Add appends one plan; raw is its validated JSON output.
	Add(p *plan.Plan, raw []byte) error
	// Commit finishes the export and moves it into place.
	Commit() error
	// Abort discards everything written; it does nothing after Commit.
	Abort()
}

// New opens a writer of the named format at out: a directory for csv, a
// database file for sqlite, a file (or "-" for stdout, see NewJSONL) for
// jsonl.
func New(format, out string) (Writer, error) {
	switch format {
	case "csv":
		return NewCSV(out)
	case "sqlite":
		return NewSQLite(out)
	case "jsonl":
		return NewJSONL(out, os.Stdout)
	}
	return nil, fmt.Errorf("unknown export format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Load returns the plan of one input: a .json file is taken as an
// extraction output (checked against the schema), any other file is
// extracted with c. raw is the validated JSON output.
func Load(c *convert.Converter, path string) (p *plan.Plan, raw []byte, err error) {
	data, err := convert.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	if strings.EqualFold(filepath.Ext(path), ".json") {
		if err := c.Validate(data); err != nil {
			return nil, nil, fmt.Errorf("%s: not a valid guihua output: %w", path, err)
		}
		raw = data
	} else if raw, err = c.JSON(path, data); err != nil {
		return nil, nil, err
	}
	p = new(plan.Plan)
	if err := json.Unmarshal(raw, p); err != nil {
		return nil, nil, fmt.Errorf("%s: decode output: %w", path, err)
	}
	return p, raw, nil
}

// tempFile is a file written under a temporary name beside its final one.
type tempFile struct {
	*os.File
	final string
}

func createTemp(final string) (*tempFile, error) {
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(final)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", final, err)
	}
	return &tempFile{File: f, final: final}, nil
}

// commit syncs, closes and renames the file into place.
func (t *tempFile) commit() error {
	err := t.Sync()
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(t.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(t.Name(), t.final)
	}
	if err != nil {
		os.Remove(t.Name())
		return fmt.Errorf("write %s: %w", t.final, err)
	}
	return nil
}

// abort closes and removes the temporary file.
func (t *tempFile) abort() {
	t.Close()
	os.Remove(t.Name())
}

// Formatting helpers shared by the writers.

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func itoa(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func ftoa(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// ratioText renders [1, 1.15] as "1:1.15".
func ratioText(r []float64) string {
	parts := make([]string, len(r))
	for i, x := range r {
		parts[i] = strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strings.Join(parts, ":")
}

// period renders a plan's period as "2021-2025".
func period(p *plan.Period) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(p.Start) + "-" + strconv.Itoa(p.End)
}

// compact returns raw as one line of compact JSON with a newline.
func compact(raw []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(raw))
	if err := json.Compact(&buf, raw); err != nil {
		return nil, fmt.Errorf("compact JSON: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
