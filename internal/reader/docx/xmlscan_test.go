package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// refDecoder is the reference the scanner is held to: encoding/xml's strict
// Decoder over the same bytes, with the encodings supportedEncoding accepts.
func refDecoder(b []byte) *xml.Decoder {
	dec := xml.NewDecoder(bytes.NewReader(partBytes(b)))
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if supportedEncoding(label) {
			return in, nil
		}
		return nil, fmt.Errorf("unsupported XML encoding %q", label)
	}
	return dec
}

// refTokens returns the reference's tokens, copied, up to the end of input
// or its first error.
func refTokens(b []byte) ([]xml.Token, error) {
	dec := refDecoder(b)
	var out []xml.Token
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, xml.CopyToken(tok))
	}
}

// scanTokens returns the scanner's tokens, as encoding/xml tokens, up to
// the end of input or its first error. While skipping, start and end
// elements come without names.
func scanTokens(b []byte, skipping bool) ([]xml.Token, error) {
	s := newScanner(partBytes(b))
	s.skipping = skipping
	var out []xml.Token
	for {
		k, err := s.next()
		if err != nil {
			return out, err
		}
		var tok xml.Token
		switch k {
		case tokEOF:
			return out, nil
		case tokStart:
			tok = s.start.Copy()
		case tokEnd:
			tok = xml.EndElement{Name: s.end}
			if skipping {
				tok = xml.EndElement{}
			}
		case tokText:
			tok = xml.CharData(bytes.Clone(s.text))
		case tokComment:
			tok = xml.Comment(bytes.Clone(s.text))
		case tokProcInst:
			tok = xml.ProcInst{Target: s.target, Inst: bytes.Clone(s.text)}
		case tokDirective:
			tok = xml.Directive(bytes.Clone(s.text))
		}
		out = append(out, tok)
	}
}

// sameToken compares two tokens; an element without attributes may have a
// nil or an empty Attr slice.
func sameToken(a, b xml.Token) bool {
	switch a := a.(type) {
	case xml.StartElement:
		b, ok := b.(xml.StartElement)
		return ok && a.Name == b.Name && slices.Equal(a.Attr, b.Attr)
	case xml.EndElement:
		b, ok := b.(xml.EndElement)
		return ok && a == b
	case xml.CharData:
		b, ok := b.(xml.CharData)
		return ok && bytes.Equal(a, b)
	case xml.Comment:
		b, ok := b.(xml.Comment)
		return ok && bytes.Equal(a, b)
	case xml.ProcInst:
		b, ok := b.(xml.ProcInst)
		return ok && a.Target == b.Target && bytes.Equal(a.Inst, b.Inst)
	case xml.Directive:
		b, ok := b.(xml.Directive)
		return ok && bytes.Equal(a, b)
	}
	return false
}

// agree checks that the scanner gives the reference's tokens on b and
// fails where and only where the reference fails; it returns whether the
// reference accepted b.
func agree(t *testing.T, name string, b []byte) bool {
	t.Helper()
	want, wantErr := refTokens(b)
	got, gotErr := scanTokens(b, false)
	switch {
	case wantErr == nil && gotErr != nil:
		t.Errorf("%s: scanner rejects what encoding/xml accepts: %v", name, gotErr)
	case wantErr != nil && gotErr == nil:
		t.Errorf("%s: scanner accepts what encoding/xml rejects (%v)", name, wantErr)
	}
	for i := range max(len(want), len(got)) {
		if i >= len(want) || i >= len(got) || !sameToken(want[i], got[i]) {
			var w, g xml.Token
			if i < len(want) {
				w = want[i]
			}
			if i < len(got) {
				g = got[i]
			}
			t.Errorf("%s: token %d:\n got %#v\nwant %#v", name, i, g, w)
			break
		}
	}
	// Skipping checks the same and fails the same way.
	skipped, skipErr := scanTokens(b, true)
	if fmt.Sprint(skipErr) != fmt.Sprint(gotErr) || len(skipped) != len(got) {
		t.Errorf("%s: skipping: %d tokens and error %v, not %d and %v", name, len(skipped), skipErr, len(got), gotErr)
	}
	for i := range min(len(got), len(skipped)) {
		g := got[i]
		switch g.(type) {
		case xml.StartElement:
			g = xml.StartElement{}
		case xml.EndElement:
			g = xml.EndElement{}
		}
		if !sameToken(g, skipped[i]) {
			t.Errorf("%s: skipping: token %d is %#v, not %#v", name, i, skipped[i], g)
			break
		}
	}
	return wantErr == nil
}

// TestTokenizerEdgeCases runs the scanner against encoding/xml on the
// hand-written parts in testdata/xml: ok_* must be accepted (by both), bad_*
// rejected (by both).
func TestTokenizerEdgeCases(t *testing.T) {
	files, err := filepath.Glob("testdata/xml/*.xml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/xml files: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			ok := agree(t, name, b)
			if want := strings.HasPrefix(name, "ok_"); ok != want {
				t.Errorf("%s: encoding/xml accepts it: %v, the file name says %v", name, ok, want)
			}
		})
	}
}

// corpusDocx lists the .docx files the corpus and the tests hold.
func corpusDocx(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{
		"../../../corpus/plans/*.docx", "../../../corpus/heldout/plans/*.docx",
		"../../../corpus/fixtures/extra/*.docx", "testdata/*.docx",
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 8 {
		t.Fatalf("only %d .docx files found", len(files))
	}
	return files
}

// TestTokenizerAgrees runs the scanner against encoding/xml on every XML
// part of every .docx in the corpus.
func TestTokenizerAgrees(t *testing.T) {
	for _, f := range corpusDocx(t) {
		zr, err := zip.OpenReader(f)
		if err != nil {
			t.Fatal(err)
		}
		parts := 0
		for _, zf := range zr.File {
			ext := strings.ToLower(filepath.Ext(zf.Name))
			if ext != ".xml" && ext != ".rels" {
				continue
			}
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(f) + ":" + zf.Name
			if !agree(t, name, b) {
				t.Errorf("%s: encoding/xml rejects a corpus part", name)
			}
			parts++
		}
		zr.Close()
		if parts == 0 {
			t.Errorf("%s: no XML parts", f)
		}
	}
}

// TestTokenizerErrors checks that an error says what is wrong and on which
// line, and that it is kept once returned.
func TestTokenizerErrors(t *testing.T) {
	tests := []struct {
		file string
		line int
		msg  string
	}{
		{"bad_mismatch.xml", 3, "element <b> closed by </c>"},
		{"bad_prefix_mismatch.xml", 1, `prefix "p" closed by </a> with prefix "q"`},
		{"bad_unclosed.xml", 1, "unexpected EOF"},
		{"bad_entity_unknown.xml", 1, `invalid character entity "&nbsp;"`},
		{"bad_entity_declared.xml", 1, `invalid character entity "&e;"`},
		{"bad_utf8_text.xml", 1, "invalid UTF-8"},
		{"bad_charref_zero.xml", 1, "illegal character code U+0000"},
		{"bad_lt_in_attr.xml", 1, "unescaped < inside quoted string"},
		{"bad_encoding.xml", 1, `unsupported XML encoding "GB2312"`},
		{"bad_name_colons.xml", 1, "expected element name after <"},
		{"bad_comment_dashes.xml", 1, `"--" not allowed in comments`},
	}
	for _, tt := range tests {
		b, err := os.ReadFile(filepath.Join("testdata/xml", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		_, err = scanTokens(b, false)
		want := fmt.Sprintf("line %d: ", tt.line)
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: error %v, want %q…%q", tt.file, err, want, tt.msg)
			continue
		}
		s := newScanner(b)
		for {
			if _, e := s.next(); e != nil {
				break
			}
		}
		if _, again := s.next(); again == nil || again.Error() != err.Error() {
			t.Errorf("%s: error not kept: %v after %v", tt.file, again, err)
		}
	}
}

// TestNameTables checks validName against encoding/xml on every character
// of the Basic Multilingual Plane and a few beyond, as the first character
// of a name and after one.
func TestNameTables(t *testing.T) {
	accepts := func(name []byte) bool {
		_, err := refTokens(slices.Concat([]byte("<"), name, []byte("/>")))
		return err == nil
	}
	for r := rune(0x80); r <= 0x10FFFF; r++ {
		if r == 0x10100 {
			r = 0x10FFF0
		}
		if !utf8.ValidRune(r) {
			continue
		}
		c := utf8.AppendRune(nil, r)
		for _, name := range [][]byte{c, append([]byte("a"), c...)} {
			if got, want := validName(name), accepts(name); got != want {
				t.Errorf("validName(%q) = %v, encoding/xml accepts it: %v", name, got, want)
			}
		}
	}
	for c := range utf8.RuneSelf {
		if !nameByte[c] {
			continue
		}
		for _, name := range [][]byte{{byte(c)}, {'a', byte(c)}} {
			if got, want := validName(name), accepts(name); got != want {
				t.Errorf("validName(%q) = %v, encoding/xml accepts it: %v", name, got, want)
			}
		}
	}
}

// FuzzTokenizer holds the scanner to encoding/xml on any input: the same
// tokens, and an error exactly where encoding/xml fails.
func FuzzTokenizer(f *testing.F) {
	files, _ := filepath.Glob("testdata/xml/*.xml")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(docHead + p("正文") + tbl(1, tr(tc(`<w:gridSpan w:val="2"/>`, p("格")))) + docTail))
	f.Fuzz(func(t *testing.T, b []byte) {
		agree(t, "input", b)
	})
}
