package convert

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/guihua-project/guihua/internal/plan"
)

// compactBufs hold the compact encoding of a plan while it is indented;
// reused, so that only the output itself is allocated. A channel rather
// than a sync.Pool, which every garbage collection empties: the buffers
// grew again after each (a few percent of a batch's allocation).
var compactBufs = make(chan *bytes.Buffer, 8)

// maxKeptBuf bounds the buffers kept (the compact JSON of a large PDF).
const maxKeptBuf = 4 << 20

func getBuf() *bytes.Buffer {
	select {
	case b := <-compactBufs:
		b.Reset()
		return b
	default:
		return new(bytes.Buffer)
	}
}

func putBuf(b *bytes.Buffer) {
	if b.Cap() > maxKeptBuf {
		return
	}
	select {
	case compactBufs <- b:
	default:
	}
}

// Marshal encodes a plan deterministically: 2-space indent, trailing
// newline, non-ASCII and <>& kept as they are; the bytes of
// json.Encoder with SetEscapeHTML(false) and SetIndent("", "  ") (the
// encoding before 2026-11-30, kept byte for byte: TestMarshalAsEncoder),
// made with one allocation of the output's exact size instead of the
// encoder's growing buffers.
func Marshal(p *plan.Plan) ([]byte, error) {
	buf := getBuf()
	defer putBuf(buf)
	if err := encodeCompact(buf, p); err != nil {
		return nil, err
	}
	src := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	out := make([]byte, 0, indentedLen(src)+1)
	out = appendIndented(out, src)
	return append(out, '\n'), nil
}

// encodeCompact writes the compact JSON of v and a newline.
func encodeCompact(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode JSON: %w", err)
	}
	return nil
}

// The indentation is encoding/json's (appendIndent) for compact input,
// which json.Encoder's output is: a newline and two spaces a level after
// every { and [ that is not empty and after every comma, a space after
// every colon, a newline before the closing bracket; strings copied as
// they are.

const indentUnit = "  "

// indentedLen is the length of appendIndented(nil, src).
func indentedLen(src []byte) int {
	n, depth := len(src), 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '"':
			i = stringEnd(src, i)
		case '{', '[':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				i++ // empty: {} or []
				continue
			}
			depth++
			n += 1 + depth*len(indentUnit)
		case ',':
			n += 1 + depth*len(indentUnit)
		case ':':
			n++
		case '}', ']':
			depth--
			n += 1 + depth*len(indentUnit)
		}
	}
	return n
}

// appendIndented appends src, compact JSON, indented.
func appendIndented(dst, src []byte) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, indentUnit...)
		}
	}
	start := 0 // of the bytes not yet copied
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			i = stringEnd(src, i)
		case '{', '[':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				i++
				continue
			}
			dst = append(dst, src[start:i+1]...)
			depth++
			newline()
			start = i + 1
		case ',':
			dst = append(dst, src[start:i+1]...)
			newline()
			start = i + 1
		case ':':
			dst = append(dst, src[start:i+1]...)
			dst = append(dst, ' ')
			start = i + 1
		case '}', ']':
			dst = append(dst, src[start:i]...)
			depth--
			newline()
			dst = append(dst, c)
			start = i + 1
		}
	}
	return append(dst, src[start:]...)
}

// stringEnd returns the index of the quote that closes the string opened
// at src[i].
func stringEnd(src []byte, i int) int {
	for i++; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return i
}
