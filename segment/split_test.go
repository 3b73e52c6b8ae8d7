package segment

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/go-ego/gse"
)

// TestSplitWordsAsGse: splitWords splits as gse's SplitTextToWords, on every
// line of a plan and on random text of letters, digits, punctuation and
// invalid bytes of every width.
func TestSplitWordsAsGse(t *testing.T) {
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	same := func(text string) {
		t.Helper()
		want := seg.SplitTextToWords([]byte(text))
		got := splitWords(nil, []byte(text))
		if !slices.EqualFunc(got, want, func(a, b gse.Text) bool { return bytes.Equal(a, b) }) {
			t.Fatalf("%q: got %q, want %q", text, got, want)
		}
	}
	for _, line := range strings.Split(facReadPlan(t), "\n") {
		same(line)
	}
	pieces := []string{"a", "Z", "Ab", "9", "医", "院", " ", "，", "-", "(", "α", "Ω", "é", "²", "½", "１", "Ａ", "ⅷ", "\xff", "\xc3", "\t", "😀", "Ⅻ", "ǅ"}
	rng := rand.New(rand.NewPCG(7, 14))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		same(b.String())
	}
}

// The word lengths loadDict records are those facInfos works out from each
// token's text.
func TestLoadDictInfos(t *testing.T) {
	b, err := NewBase(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := facInfos(b.seg, b.seg.Dict)
	if len(b.info) != len(want) {
		t.Fatalf("%d infos, want %d", len(b.info), len(want))
	}
	for tok, w := range want {
		if b.info[tok] != w {
			t.Fatalf("%q: %+v, want %+v", tok.Text(), b.info[tok], w)
		}
	}
}
