package convert

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// ReadFile reads one input file: a plan, or an extraction output. It
// refuses a directory, and a file over MaxInputBytes before reading it.
// Every error names the file the way the converter's errors do,
// "<path>: <reason>" (Reason cuts the path off again), and keeps the cause
// for errors.Is (fs.ErrNotExist, fs.ErrPermission).
func ReadFile(path string) ([]byte, error) {
	fail := func(err error) ([]byte, error) {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is put in front below, once
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	if fi.IsDir() {
		return fail(errors.New("is a directory"))
	}
	if fi.Size() > MaxInputBytes {
		return fail(fmt.Errorf("file too large (%d bytes, limit %d)", fi.Size(), MaxInputBytes))
	}
	// A buffer of the size Stat gave (and a byte more, to see EOF without
	// growing it), not io.ReadAll's, which doubles from 512 bytes: that
	// was the fifth largest allocation of a batch.
	data := make([]byte, 0, fi.Size()+1)
	lr := io.LimitReader(f, MaxInputBytes+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
	}
	if len(data) > MaxInputBytes { // it grew while being read
		return fail(fmt.Errorf("file too large (over %d bytes)", MaxInputBytes))
	}
	return data, nil
}

// Reason is err's text without a leading "<path>: ", for printing next to
// the path (FAIL a.txt: empty file). Errors of ReadFile and of the
// Converter start that way; any other error is returned whole.
func Reason(path string, err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, path+": "); ok && rest != "" {
		return rest
	}
	return msg
}
