package export

import (
	"bufio"
	"fmt"
	"io"

	"github.com/guihua-project/guihua/internal/plan"
)

// JSONL writes one compact JSON output per line.
type JSONL struct {
	tmp *tempFile // nil when writing to a stream
	w   *bufio.Writer
}

// NewJSONL writes JSON Lines to the file path (atomically, on Commit), or
// to stdout when path is "-".
func NewJSONL(path string, stdout io.Writer) (*JSONL, error) {
	if path == "-" {
		return &JSONL{w: bufio.NewWriter(stdout)}, nil
	}
	t, err := createTemp(path)
	if err != nil {
		return nil, err
	}
	return &JSONL{tmp: t, w: bufio.NewWriter(t)}, nil
}

// Add writes raw as one line.
func (j *JSONL) Add(_ *plan.Plan, raw []byte) error {
	line, err := compact(raw)
	if err != nil {
		return err
	}
	if _, err := j.w.Write(line); err != nil {
		return fmt.Errorf("write JSON Lines: %w", err)
	}
	return nil
}

// Commit flushes the lines and moves the file into place.
func (j *JSONL) Commit() error {
	if err := j.w.Flush(); err != nil {
		j.Abort()
		return fmt.Errorf("write JSON Lines: %w", err)
	}
	if j.tmp == nil {
		return nil
	}
	t := j.tmp
	j.tmp = nil
	return t.commit()
}

// Abort removes the temporary file (lines already streamed to stdout stay).
func (j *JSONL) Abort() {
	if j.tmp != nil {
		j.tmp.abort()
		j.tmp = nil
	}
}
