package docmodel

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"每千人口床位数", "每千人口床位数"},
		{"床\u200b位数", "床位数"},        // zero-width space removed
		{"\ufeff床位数", "床位数"},        // byte-order mark removed
		{"床\u00ad位数", "床位数"},        // soft hyphen removed
		{"床\u00a0位\u3000数", "床位数"},  // no-break and ideographic spaces between Han: layout
		{"目  录", "目录"},              // justified text
		{"  高阳县 中医医院\n", "高阳县中医医院"}, // cell padding and line breaks
		{"≥ 95", "≥95"},             // a space next to a symbol
		{"2.5 张", "2.5张"},           // next to a Han unit
		{"COVID 19", "COVID 19"},    // between Latin letters and digits: one space
		{"5  000", "5000"},          // digit grouping is layout
		{"7\u00a07.8", "77.8"},      // so is a stray space between digits
		{"PM\t2.5", "PM 2.5"},
		{"P\u00a02", "P2"},             // a no-break space is layout, never a word gap
		{"Type\u3000\u00a02", "Type2"}, // TAB is a space
		{"２０２５年（目标）", "２０２５年（目标）"},     // full-width kept as printed
		{"a\x00b\x7fc", "abc"},         // control characters removed
		{"\xff医院", "医院"},               // invalid UTF-8 removed
		{"", ""},
		{" \u3000 ", ""},
	}
	for _, tc := range tests {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Normalize(Normalize(tc.in)); got != tc.want {
			t.Errorf("Normalize is not idempotent on %q: %q", tc.in, got)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"床\u200b位数", "COVID 19", " a  b ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if Normalize(n) != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, Normalize(n))
		}
		checkOneLine(t, s)
	})
}

func BenchmarkNormalize(b *testing.B) {
	s := "二级及以上综合医院（含中医医院，下同）设置感染性疾病科的比例 （％）"
	for b.Loop() {
		Normalize(s)
	}
}

// TestPlainRune: the fast answer for the ranges of Chinese text is the
// Unicode tables' answer, for every character of the Basic Multilingual
// Plane and beyond.
func TestPlainRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := r != utf8.RuneError && !unicode.IsSpace(r) && !removed(r)
		if got := plainRune(r); got != want {
			t.Fatalf("plainRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// checkOneLine: OneLine's line holds no line break and normalises as s does.
func checkOneLine(t *testing.T, s string) {
	t.Helper()
	l := OneLine(s)
	if strings.ContainsAny(l, "\n\r\v\f\u0085\u2028\u2029") {
		t.Fatalf("OneLine(%q) = %q breaks the line", s, l)
	}
	if Normalize(l) != Normalize(s) {
		t.Fatalf("Normalize(OneLine(%q)) = %q, Normalize gives %q", s, Normalize(l), Normalize(s))
	}
}

func TestOneLine(t *testing.T) {
	for _, s := range []string{
		"pres", "p\x7fres", "p\nres", "p\r\nres", "p\vres", "p\fres", "p\u0085res", "p\u2028res", "p\u2029res",
		"p\x01res", "p\u009fres", "床\n位", "a\tb", "PM\n2.5", "  lead\x7f  ", "",
	} {
		checkOneLine(t, s)
	}
	if got := OneLine("a\tb 床\u3000位"); got != "a\tb 床\u3000位" {
		t.Errorf("OneLine changed a line without breaks: %q", got)
	}
}
