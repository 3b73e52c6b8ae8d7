package htmlreader

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isSpace reports white space in the wide sense used for trimming: ASCII
// white space, NBSP, the ideographic space U+3000 and zero-width characters.
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

// squeeze removes all white space from s: the cell-text normalisation
// ("2025年\n目标" → "2025年目标").
func squeeze(s string) string {
	if strings.IndexFunc(s, isSpace) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// collapse turns every run of white space into one ASCII space and trims.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// joinWrapped joins two pieces of one logical line broken by the page (a
// <br> inside a heading): without a space between wide characters, with
// one otherwise.
func joinWrapped(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	if isWide(last) && isWide(first) {
		return a + b
	}
	return a + " " + b
}

// inline accumulates the text of one rendered line, collapsing HTML white
// space the way a browser does: a run of spaces, tabs and newlines becomes
// one space, except that a run containing a line break between two wide
// characters disappears (CSS Text 3 segment-break rule), so Chinese text
// wrapped in the page source is not broken by spurious spaces. NBSP counts as
// a space; the ideographic space U+3000 is kept as printed inside the line.
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
		case '\u200b', '\u200c', '\u200d', '\ufeff':
			// zero width: drop
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

// numbered matches the item numbering of a boxed project list.
var numbered = regexp.MustCompile(`^(?:[0-9０-９]{1,3}\s*[.．、)）]|[（(]\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}[、是]|[a-zA-Z][.、)])`)

// boxLabelOnly matches a 专栏 label printed alone ("专栏1", "专栏 3：").
var boxLabelOnly = regexp.MustCompile(`^专栏\s*[0-9０-９一二三四五六七八九十百]*\s*[:：.．、]?$`)

// projectWords are words a boxed project list's title typically holds.
var projectWords = []string{"工程", "项目", "行动", "计划", "专项", "重点", "建设", "任务", "清单"}
