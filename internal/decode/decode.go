// Package decode turns the bytes of a text-like input into UTF-8 text and
// names the encoding it found. Detection needs no library: a byte-order mark
// wins; otherwise UTF-16 without a byte-order mark is recognised by its NUL
// bytes (the high byte of every line end, digit and Latin letter) falling
// on one side of each two-byte unit, when the text it decodes to reads as a
// Chinese document; otherwise valid UTF-8 is UTF-8; otherwise the bytes are
// read as GB18030 (a superset of GBK and GB2312) and accepted only when the
// result looks like text.
package decode

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encodings reported by Bytes.
const (
	UTF8     = "utf-8"
	UTF8BOM  = "utf-8-bom"
	UTF16LE  = "utf-16le"
	UTF16BE  = "utf-16be"
	GB18030  = "gb18030"
	maxBad   = 0.001 // tolerated share of replacement/control runes
	minRunes = 1
)

// ErrEmpty is returned for input without any text.
var ErrEmpty = errors.New("empty input: no text to read")

// ErrEncoding is returned for text that is neither UTF-8 nor readable as
// GB18030 (Big5, Shift-JIS …): decoded as GB18030 it is not Chinese prose.
var ErrEncoding = errors.New("unsupported text encoding: neither UTF-8 nor GB18030/GBK (Big5? convert the file to UTF-8)")

// ErrBinary is returned for input that is not text in a supported encoding.
var ErrBinary = errors.New("not a text file: binary data or an unsupported encoding")

// Bytes decodes data and returns the text with line ends normalised to "\n"
// and the detected encoding.
func Bytes(data []byte) (text string, encoding string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data, encoding = data[3:], UTF8BOM
		if !utf8.Valid(data) {
			return "", "", fmt.Errorf("%w: UTF-8 byte-order mark but invalid UTF-8", ErrBinary)
		}
		text = string(data)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		le := data[0] == 0xFF
		encoding = UTF16BE
		if le {
			encoding = UTF16LE
		}
		text = decodeUTF16(data[2:], le)
	case bytes.IndexByte(data, 0) >= 0 && isUTF16(data):
		le := nulParity(data) == 1
		encoding = UTF16BE
		if le {
			encoding = UTF16LE
		}
		text = decodeUTF16(data, le)
	case utf8.Valid(data):
		text, encoding = string(data), UTF8
	default:
		out, derr := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if derr != nil {
			return "", "", fmt.Errorf("%w: %v", ErrBinary, derr)
		}
		text, encoding = string(out), GB18030
		if !readsAsChinese(text) {
			return "", "", ErrEncoding
		}
	}
	if allBlank(text) {
		return "", encoding, ErrEmpty
	}
	if !looksLikeText(text) {
		return "", "", ErrBinary
	}
	return normaliseLineEnds(text), encoding, nil
}

func decodeUTF16(b []byte, le bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if le {
			u = append(u, uint16(b[i])|uint16(b[i+1])<<8)
		} else {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
	}
	return string(utf16.Decode(u))
}

// nulParity tells on which side of the two-byte units NUL bytes fall: 1
// (odd offsets: little-endian UTF-16 of ASCII characters), 0 (even:
// big-endian), or -1 when neither clearly (at least twice as often as the
// other; a Chinese character U+xx00 such as 一 puts a NUL on the other
// side).
func nulParity(data []byte) int {
	var nul [2]int
	for i, b := range data {
		if b == 0 {
			nul[i&1]++
		}
	}
	switch {
	case nul[1] > 0 && nul[1] >= 2*nul[0]:
		return 1
	case nul[0] > 0 && nul[0] >= 2*nul[1]:
		return 0
	}
	return -1
}

// minUTF16Share is the share of the runes of UTF-16 without a byte-order
// mark that must be of the scripts and symbols of a Chinese document.
const minUTF16Share = 0.95

// isUTF16 reports whether data, holding NUL bytes, is UTF-16 without a
// byte-order mark: an even length, NULs on one side of the units, and a
// decoding that is text of a Chinese document (the other byte order gives
// Hangul and rarer scripts).
func isUTF16(data []byte) bool {
	p := nulParity(data)
	if p < 0 || len(data)%2 != 0 {
		return false
	}
	text := decodeUTF16(data, p == 1)
	total, usual := 0, 0
	for _, r := range text {
		total++
		if usualRune(r) {
			usual++
		}
	}
	return float64(usual) >= minUTF16Share*float64(total) && looksLikeText(text) && readsAsChinese(text)
}

// usualRune reports whether r is of the scripts and symbols found in a
// Chinese document: ASCII and Latin, general punctuation and symbols, CJK
// symbols, kana, CJK ideographs (all extensions), compatibility forms and
// full-width forms.
func usualRune(r rune) bool {
	switch {
	case r < 0x250, // ASCII, Latin-1, Latin extended
		0x2000 <= r && r < 0x2800,   // punctuation, letter-like, arrows, maths, box drawing, shapes, dingbats
		0x2E80 <= r && r < 0xA000,   // CJK radicals, symbols and punctuation, kana, enclosed, ideographs
		0xF900 <= r && r < 0xFB00,   // CJK compatibility ideographs
		0xFE10 <= r && r < 0xFE70,   // vertical and small forms, CJK compatibility forms
		0xFF00 <= r && r < 0xFFF0,   // full-width and half-width forms
		0x20000 <= r && r < 0x32000: // CJK ideographs, extensions B and later
		return true
	}
	return false
}

// looksLikeText rejects decodings full of control characters, NULs or
// replacement characters: the signs of binary data or a wrong encoding.
func looksLikeText(s string) bool {
	total, bad := 0, 0
	for _, r := range s {
		total++
		switch {
		case r == utf8.RuneError, r == 0:
			bad++
		case r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != '\v':
			bad++
		case unicode.Is(unicode.Co, r): // private use: typical of mis-decoded bytes
			bad++
		}
	}
	return total >= minRunes && float64(bad) <= maxBad*float64(total)+1
}

// commonHan are among the most frequent characters of Chinese prose; in
// any Chinese document a good share of the Han characters are among them,
// while bytes of another encoding read as GB18030 give rare characters.
const commonHan = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开合还因由其些然前外天政四日社义事平形相全表间样与关各重新线内数正心反明看原又利比或质气第向道命此变条只结解问意建月公无系很情者最立代想已通并提直题党程展五果料员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济"

const (
	minHanForCheck = 200  // too little text to judge: accept
	minCommonShare = 0.08 // share of common characters below which it is not Chinese
)

func readsAsChinese(s string) bool {
	han, common := 0, 0
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			continue
		}
		han++
		if strings.ContainsRune(commonHan, r) {
			common++
		}
	}
	return han < minHanForCheck || float64(common) >= minCommonShare*float64(han)
}

// allBlank reports whether text holds only white space (unicode.IsSpace,
// which takes in no-break and ideographic spaces) and zero-width no-break
// spaces: strings.TrimSpace of it with U+FEFF made a space would be empty.
// It stops at the first other character, without copying the text.
func allBlank(text string) bool {
	for _, r := range text {
		if !unicode.IsSpace(r) && r != '\ufeff' {
			return false
		}
	}
	return true
}

func normaliseLineEnds(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
