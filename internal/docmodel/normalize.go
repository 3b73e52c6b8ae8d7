package docmodel

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize is the one text normalisation of guihua. Every reader applies it
// exactly once, to the text of each paragraph, heading, box line, table cell
// and metadata value it hands to the model, after its format mechanics (TAB
// cells, XML runs, HTML inline text) have cut the text out; extractors,
// segmentation and rules matching receive normalised text and never clean it
// again. Spans and quotes still point at the rendering's own characters.
//
// What it does, in order:
//
//   - Removed: invisible format characters (Unicode category Cf: zero-width
//     space U+200B, ZWNJ/ZWJ U+200C/D, marks U+200E/F and U+202A–E, word
//     joiner U+2060–4, byte-order mark U+FEFF, soft hyphen U+00AD …), control
//     characters other than white space (C0, C1, DEL), the replacement
//     character U+FFFD, and invalid UTF-8.
//   - Space: every Unicode white-space character (TAB, CR, LF, U+00A0 no-break
//     space, U+2000–U+200A, U+202F, U+205F, U+3000 ideographic space …) is a
//     space. Only the ASCII space, TAB and line breaks can separate words:
//     no-break, ideographic and the other typographic spaces are layout in
//     Chinese documents (&nbsp; padding of web pages, full-width indents,
//     标　　题) and are always removed.
//   - A run of spaces holding an ASCII space, TAB or line break between two
//     Latin words — a Latin letter on one side, a Latin letter or a digit on
//     the other ("COVID 19", "PM 2.5", "Type 2") — becomes one ASCII space;
//     every other run is removed. Chinese has no
//     word spaces, so a space next to a Han character or a symbol is layout
//     (justified text 目  录, cell padding, "≥ 95", "2.5 张"), and so is a
//     space between two digits (digit grouping "5 000", a stray space in
//     "7 7.8"): Chinese plans separate numbers with punctuation, never with a
//     space. Leading and trailing spaces are removed.
//   - Not done: no NFKC, no width folding. Full-width digits, letters and
//     punctuation (２０２５, （）, ：) are kept as printed, because quotes and
//     names must show the document's own characters; matching keys fold width
//     where they are built (rules, value grammar).
func Normalize(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false // a word separator since the last rune written
	var prev rune         // last rune written, 0 at the start
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if plainRune(r) {
			if pendingSpace && wordGap(prev, r) {
				b.WriteByte(' ')
			}
			pendingSpace = false
			b.WriteString(s[i-size : i])
			prev = r
			continue
		}
		if r == utf8.RuneError && size <= 1 || removed(r) {
			continue
		}
		if unicode.IsSpace(r) {
			pendingSpace = pendingSpace || r == ' ' || r == '\t' || r == '\n' || r == '\r'
			continue
		}
		if pendingSpace && wordGap(prev, r) {
			b.WriteByte(' ')
		}
		pendingSpace = false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// isPlain reports text Normalize leaves unchanged: valid UTF-8 with no white
// space and nothing to remove, so the common case costs one scan.
func isPlain(s string) bool {
	for _, r := range s {
		if !plainRune(r) {
			return false
		}
	}
	return true
}

// plainRune reports a character Normalize keeps as it is: not white space,
// nothing it removes, not U+FFFD (which an invalid byte also decodes to).
// The characters of Chinese text are answered without the Unicode tables:
// printable ASCII, General Punctuation's dashes, quotes and marks
// (U+2010–2027, U+2030–205E), and U+3001–U+D7FF (CJK punctuation, kana,
// the Han blocks, Hangul) and U+FF00–U+FFEF (full-width forms), ranges
// that hold no space, control or format character.
func plainRune(r rune) bool {
	switch {
	case r < 0x80:
		return r > ' ' && r != 0x7F
	case r >= 0x3001 && r < 0xD800, r >= 0xFF00 && r < 0xFFF0,
		r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E:
		return true
	}
	return r != utf8.RuneError && !unicode.IsSpace(r) && !removed(r)
}

// removed reports characters Normalize drops.
func removed(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return true
	case unicode.IsSpace(r):
		return false
	case unicode.IsControl(r):
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// wordGap reports whether a space between a and b separates two Latin words:
// both are Latin letters or digits, and not both digits.
func wordGap(a, b rune) bool {
	return latinWord(a) && latinWord(b) && !(unicode.IsDigit(a) && unicode.IsDigit(b))
}

// latinWord reports a Latin (ASCII or Latin-1/Extended) letter or an ASCII digit.
func latinWord(r rune) bool {
	return r < 0x250 && (unicode.IsLetter(r) || r >= '0' && r <= '9')
}

// OneLine lays text out on one line of a rendering without changing what
// Normalize makes of it (Normalize(OneLine(s)) == Normalize(s)): CR and LF,
// which separate words, become spaces; the other characters that break a
// line (vertical tab, form feed, NEL U+0085, U+2028, U+2029), white space
// that separates no words, become no-break spaces, layout like them; the
// control characters Normalize removes are removed. Everything else stays
// as written, TAB included.
func OneLine(s string) string {
	if strings.IndexFunc(s, offLine) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case !offLine(r):
			return r
		case r == '\n' || r == '\r':
			return ' '
		case unicode.IsSpace(r):
			return '\u00a0'
		}
		return -1
	}, s)
}

// offLine reports a character OneLine replaces: a control character other
// than TAB, or a line or paragraph separator.
func offLine(r rune) bool {
	return r != '\t' && (r < 0x20 || r >= 0x7F && r <= 0x9F) || r == '\u2028' || r == '\u2029'
}
