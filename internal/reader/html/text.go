package htmlreader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isSpace reports white space in the wide sense used for layout mechanics —
// trimming a rendered line, telling a text node blank, counting visible
// runes: ASCII white space, NBSP, the ideographic space U+3000 and
// zero-width characters. Text handed to the model is docmodel.Normalize'd.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u200c' || r == '\u200d'
}

// isWide reports characters that East Asian typesetting sets without spaces
// between them: ideographs, kana, CJK punctuation and full-width forms.
func isWide(r rune) bool {
	switch {
	case r >= 0x2e80 && r <= 0x303f, // radicals, CJK symbols and punctuation
		r >= 0x3040 && r <= 0x30ff, // kana
		r >= 0x3400 && r <= 0x4dbf,
		r >= 0x4e00 && r <= 0x9fff,
		r >= 0xf900 && r <= 0xfaff,
		r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xffef, // full-width forms
		r >= 0x20000 && r <= 0x3ffff:
		return true
	case r == '“', r == '”', r == '‘', r == '’', r == '—', r == '…', r == '·':
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// inline accumulates the text of one rendered line, collapsing HTML white
// space the way a browser does: a run of spaces, tabs and newlines becomes
// one space, except that a run containing a line break between two wide
// characters disappears (CSS Text 3 segment-break rule), so Chinese text
// wrapped in the page source is not broken by spurious spaces. NBSP counts as
// a space; the ideographic space U+3000 and invisible characters are kept as
// printed inside the line (docmodel.Normalize removes them from block text).
type inline struct {
	b    []byte
	last rune
	pend byte // 0: none, 1: space, 2: space containing a line break
}

func (l *inline) add(s string) {
	for _, r := range s {
		switch r {
		case '\n', '\r':
			l.pend = 2
		case ' ', '\t', '\f', '\u00a0':
			if l.pend == 0 {
				l.pend = 1
			}
		default:
			if l.pend != 0 && len(l.b) > 0 && !(l.pend == 2 && isWide(l.last) && isWide(r)) {
				l.b = append(l.b, ' ')
			}
			l.pend = 0
			l.b = utf8.AppendRune(l.b, r)
			l.last = r
		}
	}
}

// take returns the accumulated line, trimmed, and resets the buffer.
func (l *inline) take() string {
	s := strings.TrimFunc(string(l.b), isSpace)
	l.b = l.b[:0]
	l.pend = 0
	l.last = 0
	return s
}
