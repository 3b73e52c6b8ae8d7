package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// xmlReader reads one part with the scanner, with depth accounting and
// error context.
type xmlReader struct {
	s     *scanner
	part  string
	depth int
}

// maxDepth bounds element nesting; real documents stay well under 100.
const maxDepth = 1000

// errDescend, returned by a walk callback, asks the walker to visit the
// element's children with the same callback.
var errDescend = &descendSignal{}

type descendSignal struct{}

func (*descendSignal) Error() string { return "descend" }

func newXMLReader(b []byte, part string) *xmlReader {
	return &xmlReader{s: newScanner(partBytes(b)), part: part}
}

// next reads the next token, which the scanner holds (x.s.start, x.s.text);
// the end of input at the top level is tokEOF, inside an element an error.
func (x *xmlReader) next() (tokKind, error) {
	k, err := x.s.next()
	if err != nil {
		return tokEOF, &partError{part: x.part, err: err}
	}
	switch k {
	case tokStart:
		x.depth++
		if x.depth > maxDepth {
			return tokEOF, &partError{part: x.part, err: errTooDeep}
		}
	case tokEnd:
		x.depth--
	}
	return k, nil
}

// skip consumes the rest of the element whose start was just read. The
// scanner checks what it skips in full but builds no StartElement.
func (x *xmlReader) skip() error {
	x.s.skipping = true
	defer func() { x.s.skipping = false }()
	for d := 1; d > 0; {
		k, err := x.next()
		if err != nil {
			return err
		}
		switch k {
		case tokEOF:
			return nil
		case tokStart:
			d++
		case tokEnd:
			d--
		}
	}
	return nil
}

// children calls fn for each child element of the element whose start was
// just read, until its end. fn must consume the child (skip or children).
func (x *xmlReader) children(fn func(xml.StartElement) error) error {
	for {
		k, err := x.next()
		if err != nil {
			return err
		}
		switch k {
		case tokEOF, tokEnd:
			return nil
		case tokStart:
			if err := fn(x.s.start); err == errDescend {
				if err := x.children(fn); err != nil {
					return err
				}
			} else if err != nil {
				return err
			}
		}
	}
}

// walk is children at the top level of the part.
func (x *xmlReader) walk(fn func(xml.StartElement) error) error {
	return x.children(fn)
}

// text returns the character data of the element whose start was just
// read. The scanner's text is valid until the next token: it is copied.
func (x *xmlReader) text() (string, error) {
	var sb strings.Builder
	for d := 1; d > 0; {
		k, err := x.next()
		if err != nil {
			return "", err
		}
		switch k {
		case tokEOF:
			return sb.String(), nil
		case tokText:
			if d == 1 {
				sb.Write(x.s.text)
			}
		case tokStart:
			d++
		case tokEnd:
			d--
		}
	}
	return sb.String(), nil
}

// numPr reads a w:numPr element.
func (x *xmlReader) numPr(numID *string, has *bool, ilvl *int) error {
	return x.children(func(c xml.StartElement) error {
		if isW(c.Name) {
			switch c.Name.Local {
			case "numId":
				*numID, *has = attr(c, "val"), true
			case "ilvl":
				*ilvl = intAttr(c, "val", -1)
			}
		}
		return x.skip()
	})
}

type partError struct {
	part string
	err  error
}

func (e *partError) Error() string { return "docx: " + e.part + ": malformed XML: " + e.err.Error() }
func (e *partError) Unwrap() error { return e.err }

var errTooDeep = errorString("elements nested too deeply")

type errorString string

func (e errorString) Error() string { return string(e) }

// Namespaces.
const (
	nsW        = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict  = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC       = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsMath     = "http://schemas.openxmlformats.org/officeDocument/2006/math"
	nsMathStr  = "http://purl.oclc.org/ooxml/officeDocument/math"
	prefixW    = "w"
	prefixMC   = "mc"
	prefixMath = "m"
)

func isW(n xml.Name) bool {
	return n.Space == nsW || n.Space == nsWStrict || n.Space == prefixW
}

func isMC(n xml.Name) bool { return n.Space == nsMC || n.Space == prefixMC }

func isMath(n xml.Name) bool {
	return n.Space == nsMath || n.Space == nsMathStr || n.Space == prefixMath
}

// attrOK returns the value of the attribute with the given local name.
func attrOK(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || isW(a.Name)) {
			return a.Value, true
		}
	}
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func attr(se xml.StartElement, local string) string {
	v, _ := attrOK(se, local)
	return v
}

func intAttr(se xml.StartElement, local string, def int) int {
	v, ok := attrOK(se, local)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def
	}
	return n
}

// onOff reads an ST_OnOff value; a present attribute-less element is on.
func onOff(v string, present bool) bool {
	if !present {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "0", "false", "off", "none":
		return false
	}
	return true
}
