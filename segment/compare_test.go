package segment

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
	"github.com/guihua-project/guihua/rules"
)

// expTokens classifies gse segments like Finder.tokens; with full, the
// part-of-speech tags of gse's own dictionary decide: names (ns, nr …) are
// name material, verbs, adverbs … are weak stops, other words stops.
func expTokens(seg *gse.Segmenter, f *Finder, line string, full bool) []facTok {
	segs := seg.Segment([]byte(line))
	toks := make([]facTok, 0, len(segs))
	for i := range segs {
		s := &segs[i]
		st, en := s.Start(), s.End()
		t := facTok{s: st, e: en, text: line[st:en]}
		pos := s.Token().Pos()
		if k, ok := facKindOfPos(pos); ok {
			t.kind = k
		} else {
			r, size := utf8.DecodeRuneInString(t.text)
			t.r = r
			if size == len(t.text) && unicode.Is(unicode.Han, r) && !strings.ContainsRune(f.hard, r) {
				t.kind = facKindHan
			} else if full && size < len(t.text) && unicode.Is(unicode.Han, r) {
				switch pos {
				case "ns", "nr", "nrt", "nz", "nt", "nrfg", "j", "x", "":
					// name material: treat as unknown chars one by one
					for off := 0; off < len(t.text); {
						rr, sz := utf8.DecodeRuneInString(t.text[off:])
						toks = append(toks, facTok{s: st + off, e: st + off + sz, text: t.text[off : off+sz], kind: facKindHan, r: rr})
						off += sz
					}
					continue
				case "v", "vn", "d", "p", "c", "a", "ad", "vd", "r", "f", "m", "q", "u", "ag", "an":
					t.kind = facKindWeak
				default:
					t.kind = facKindStop
				}
			}
		}
		toks = append(toks, t)
	}
	return toks
}

// fmmTokens segments by greedy forward maximum matching over the Finder's
// dictionary instead of gse's shortest path.
func fmmTokens(seg *gse.Segmenter, f *Finder, line string) []facTok {
	var toks []facTok
	for i := 0; i < len(line); {
		best, bestPos := 0, ""
		j := i
		for n := 0; n < 24 && j < len(line); n++ {
			_, sz := utf8.DecodeRuneInString(line[j:])
			j += sz
			if _, pos, ok := seg.Dict.Find([]byte(line[i:j])); ok && pos != "" {
				best, bestPos = j, pos
			}
		}
		if best == 0 {
			r, sz := utf8.DecodeRuneInString(line[i:])
			t := facTok{s: i, e: i + sz, text: line[i : i+sz], r: r}
			if unicode.Is(unicode.Han, r) && !strings.ContainsRune(f.hard, r) {
				t.kind = facKindHan
			}
			toks = append(toks, t)
			i += sz
			continue
		}
		t := facTok{s: i, e: best, text: line[i:best]}
		switch bestPos {
		case facPosSuffix:
			t.kind = facKindSuffix
		case facPosName:
			t.kind = facKindName
		case facPosPlace:
			t.kind = facKindPlace
		case facPosOrd:
			t.kind = facKindOrd
		case facPosStop:
			t.kind = facKindStop
		case facPosWeak:
			t.kind = facKindWeak
		}
		toks = append(toks, t)
		i = best
	}
	return toks
}

// expLate reports whether w is one of the lead words added to
// facilities.json after looking at false positives on the corpus ("tuning").
func expLate(w string) bool {
	return slices.Contains(strings.Fields("弥补 引领 带动 辐射 覆盖 反映 监管 考核 评价 帮助 控制 降低 解决 改善 增加 确定 增设 安排 开办 举办 创办 兴办 新增 合理 酌情 足额 适度 进入 前往 转入 转至 就近 选择 选建 参与 加入"), w)
}

// expRebuild2 copies a Finder's dictionary (the domain dictionary, then the
// plan's words) into a new segmenter, without
// the weak stops, without the tuned lead words, or with gse's full
// dictionary added after it.
func expRebuild2(t *testing.T, f *Finder, noWeak, full, noLate bool) *gse.Segmenter {
	var b strings.Builder
	for _, tk := range facOneDict(t, f).Dict.Tokens {
		if noWeak && tk.Pos() == facPosWeak {
			continue
		}
		if noLate && expLate(tk.Text()) && tk.Pos() == facPosStop {
			if !noWeak && strings.Contains("\n"+facWeakStops+"\n", "\n"+tk.Text()+"\n") {
				fmt.Fprintf(&b, "%s %d %s\n", tk.Text(), facFreqWeak, facPosWeak)
			}
			continue
		}
		fmt.Fprintf(&b, "%s %d %s\n", tk.Text(), int(tk.Freq()), tk.Pos())
	}
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	if err := seg.LoadDictStr(b.String()); err != nil {
		t.Fatal(err)
	}
	if full {
		if err := seg.LoadDictEmbed("zh"); err != nil {
			t.Fatal(err)
		}
	}
	return seg
}

// TestCompareTokenizers measures what each part of the Finder contributes,
// over the hand-checked list: the default (gse over the domain dictionary,
// with the weak-stop list), a greedy forward-maximum-matching tokenizer over
// the same dictionary instead of gse, gse without the weak-stop list, the
// lead words added while tuning taken out (with and without the weak-stop
// list), and no table names. With GUIHUA_GSE_FULL=1 it also loads gse's full
// embedded dictionary (slow: seconds per Finder, ~135 MB) and lets its
// part-of-speech tags decide what may be part of a name.
func TestCompareTokenizers(t *testing.T) {
	if testing.Short() {
		t.Skip("comparison only")
	}
	r, err := rules.LoadFacilityRules()
	if err != nil {
		t.Fatal(err)
	}
	ff := facNewFinders(t)
	plain, err := NewFinder(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	variants := []string{"default", "fmm", "noweak", "untuned", "untuned-noweak", "noextra"}
	one := map[string]*gse.Segmenter{} // each plan's dictionary as one gse dictionary, for fmm
	for plan, f := range ff.by {
		one[plan] = facOneDict(t, f)
	}
	if os.Getenv("GUIHUA_GSE_FULL") != "" {
		variants = append(variants, "full")
	}
	for _, v := range variants {
		start := time.Now()
		segs := map[string]*gse.Segmenter{}
		for plan, f := range ff.by {
			switch v {
			case "noweak":
				segs[plan] = expRebuild2(t, f, true, false, false)
			case "untuned":
				segs[plan] = expRebuild2(t, f, false, false, true)
			case "untuned-noweak":
				segs[plan] = expRebuild2(t, f, true, false, true)
			case "full":
				segs[plan] = expRebuild2(t, f, false, true, false)
			}
		}
		setup := time.Since(start) / time.Duration(len(ff.by))
		var tp, found, wanted int
		for _, c := range append(append([]facCase(nil), facCases...), facGeneric...) {
			f := ff.by[c.plan]
			var cands []facCand
			switch v {
			case "default":
				cands = f.findLine(c.text)
			case "noextra":
				cands = plain.findLine(c.text)
			case "fmm":
				cands = f.findTokens(c.text, fmmTokens(one[c.plan], f, c.text))
			default:
				cands = f.findTokens(c.text, expTokens(segs[c.plan], f, c.text, v == "full"))
			}
			var got []string
			for _, cd := range cands {
				got = append(got, c.text[cd.start:cd.end])
			}
			n := facScore(got, c.want)
			tp += n
			found += len(got)
			wanted += len(c.want)
			if n != len(got) || n != len(c.want) {
				t.Logf("  [%s] %q: got %q", v, c.text, got)
			}
		}
		t.Logf("%-15s extra set-up %-12v precision %.3f recall %.3f (correct %d, found %d, wanted %d)",
			v, setup, float64(tp)/float64(max(found, 1)), float64(tp)/float64(wanted), tp, found, wanted)
	}
}
