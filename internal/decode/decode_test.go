package decode

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func gb(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// utf16Bytes encodes s as UTF-16 without a byte-order mark.
func utf16Bytes(s string, le bool) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if le {
			b = append(b, byte(u), byte(u>>8))
		} else {
			b = append(b, byte(u>>8), byte(u))
		}
	}
	return b
}

func TestBytes(t *testing.T) {
	const plan = "高阳县“十四五”医疗卫生服务体系规划（2021-2025年）\n表1：主要指标\n\t≤7\n"
	tests := []struct {
		name     string
		in       []byte
		want     string
		encoding string
		err      error
	}{
		{"utf-8", []byte(plan), plan, UTF8, nil},
		{"utf-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, plan...), plan, UTF8BOM, nil},
		{"crlf", []byte("第一章 总则\r\n　一、背景\r\n"), "第一章 总则\n　一、背景\n", UTF8, nil},
		{"lone cr", []byte("甲\r乙\r"), "甲\n乙\n", UTF8, nil},
		{"gb18030", gb(t, plan), plan, GB18030, nil},
		{"gb18030 four-byte character", gb(t, "𠮷县卫生院\n"), "𠮷县卫生院\n", GB18030, nil},
		{"utf-16le", []byte{0xFF, 0xFE, 0xC4, 0x89, 0x12, 0x52, 0x0A, 0x00}, "规划\n", UTF16LE, nil},
		{"utf-16le without BOM", utf16Bytes(plan, true), plan, UTF16LE, nil},
		{"utf-16be without BOM", utf16Bytes(plan, false), plan, UTF16BE, nil},
		{"utf-16le without BOM, CRLF", utf16Bytes("一、总体要求\r\n（一）指导思想\r\n", true), "一、总体要求\n（一）指导思想\n", UTF16LE, nil},
		{"utf-16le without BOM, ASCII only", utf16Bytes("Plan 2021-2025\n", true), "Plan 2021-2025\n", UTF16LE, nil},
		{"utf-16be without BOM, two lines", []byte{0x89, 0xC4, 0x52, 0x12, 0x00, 0x0A}, "规划\n", UTF16BE, nil},
		{"utf-16 without BOM, odd length", append(utf16Bytes(plan, true), 'x'), "", "", ErrBinary},
		{"empty", []byte{}, "", "", ErrEmpty},
		{"white space only", []byte(" \n\t\u3000\n"), "", "", ErrEmpty},
		{"binary", []byte{0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x10, 0x80, 0x81, 0x00}, "", "", ErrBinary},
		{"nul bytes in utf-8", []byte("abc\x00\x00\x00\x00def\x00\x00"), "", "", ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Bytes(tt.in)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || enc != tt.encoding {
				t.Errorf("got %q (%s), want %q (%s)", got, enc, tt.want, tt.encoding)
			}
		})
	}
}

// TestUTF16WithoutBOMCorpus: every corpus plan saved as UTF-16 without a
// byte-order mark, in either byte order, reads as the same text (before,
// it was refused with a hint about Big5).
func TestUTF16WithoutBOMCorpus(t *testing.T) {
	files, err := filepath.Glob("../../corpus/plans/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus plans: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		for _, le := range []bool{true, false} {
			got, enc, err := Bytes(utf16Bytes(strings.TrimPrefix(string(data), "\ufeff"), le))
			if wantEnc := map[bool]string{true: UTF16LE, false: UTF16BE}[le]; err != nil || enc != wantEnc || got != want {
				t.Errorf("%s as %s: %s, %v; same text %v", filepath.Base(f), wantEnc, enc, err, got == want)
			}
		}
	}
}

func FuzzBytes(f *testing.F) {
	f.Add([]byte("规划\r\n"))
	f.Add([]byte{0xFF, 0xFE, 0x00})
	f.Add([]byte{0xB9, 0xE6, 0xBB, 0xAE})
	f.Add(utf16Bytes("规划\n2025\n", true))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _, _ = Bytes(b)
	})
}

func TestBig5IsRefused(t *testing.T) {
	// Traditional Chinese prose in Big5: valid bytes for the GB18030 decoder,
	// but not Chinese once decoded that way.
	text := strings.Repeat("本縣醫療衛生服務體系規劃，堅持以人民健康為中心，推進醫院高質量發展。每千人口醫療衛生機構床位數達到七張。", 20)
	b, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Bytes(b); !errors.Is(err, ErrEncoding) {
		t.Errorf("Big5 text: err %v, want ErrEncoding", err)
	}
	// the same prose in GB18030 is accepted
	g, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if got, enc, err := Bytes(g); err != nil || enc != GB18030 || got != text {
		t.Errorf("GB18030 text: %v %s", err, enc)
	}
}

// allBlank is strings.TrimSpace(strings.Map(U+00A0, U+3000, U+FEFF → ' ',
// text)) == "", the test it replaced, without the copy.
func TestAllBlank(t *testing.T) {
	old := func(text string) bool {
		return strings.TrimSpace(strings.Map(func(r rune) rune {
			if r == '\u00a0' || r == '\u3000' || r == '\ufeff' {
				return ' '
			}
			return r
		}, text)) == ""
	}
	pieces := []string{" ", "\t", "\n", "\r", "\v", "\f", "\u0085", "\u00a0", "\u3000", "\ufeff", "\u2028", "\u200b", "a", "规", "\xff", "\x00", "\u2003"}
	rng := rand.New(rand.NewPCG(3, 14))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if s := b.String(); allBlank(s) != old(s) {
			t.Fatalf("%q: allBlank %v", s, allBlank(s))
		}
	}
}
