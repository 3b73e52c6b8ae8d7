package segment

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-ego/gse"

	"github.com/guihua-project/guihua/internal/decode"
	"github.com/guihua-project/guihua/rules"
)

// facOneDict builds the segmenter a Finder stood for before the overlay: one
// gse dictionary loaded with the domain dictionary and then, by a second
// LoadDictStr, the plan's lines, which is how NewFinder built every Finder.
func facOneDict(t testing.TB, f *Finder) *gse.Segmenter {
	t.Helper()
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	if err := seg.LoadDictStr(f.dictText); err != nil {
		t.Fatal(err)
	}
	if len(f.extra.entries) > 0 {
		if err := seg.LoadDictStr(f.extra.String()); err != nil {
			t.Fatal(err)
		}
	}
	return seg
}

// facOneDictTokens segments line with seg.Segment and classifies the
// segments as Finder.tokens did before the overlay.
func facOneDictTokens(f *Finder, seg *gse.Segmenter, line string) []facTok {
	segs := seg.Segment([]byte(line))
	toks := make([]facTok, 0, len(segs))
	for i := range segs {
		s := &segs[i]
		st, en := s.Start(), s.End()
		if st < 0 || en > len(line) || st >= en {
			continue
		}
		toks = append(toks, f.tok(line, st, en, s.Token().Pos()))
	}
	return toks
}

// facCorpus returns the table institution names of every corpus plan and
// format, as the extractor passes them to ForPlan (the facilities of the
// golden outputs that come from a table, in order), and the lines of the
// plans' .txt renderings.
func facCorpus(t testing.TB) (names map[string][]string, lines []string) {
	t.Helper()
	goldens, err := filepath.Glob("../corpus/golden/*.json")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden outputs: %v", err)
	}
	names = map[string][]string{}
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			Facilities []struct {
				Name  string  `json:"name"`
				Table *string `json:"table"`
			} `json:"facilities"`
		}
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("%s: %v", g, err)
		}
		for _, f := range out.Facilities {
			if f.Table != nil {
				names[filepath.Base(g)] = append(names[filepath.Base(g)], f.Name)
			}
		}
	}
	plans, err := filepath.Glob("../corpus/plans/*.txt")
	if err != nil || len(plans) == 0 {
		t.Fatalf("no corpus plans: %v", err)
	}
	for _, p := range plans {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := decode.Bytes(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		lines = append(lines, strings.Split(text, "\n")...)
	}
	return names, lines
}

// The overlay (the domain dictionary built once, the plan's words in a
// dictionary of their own) segments every line exactly as one gse
// dictionary holding both did: same tokens, same tags, for the plans' own
// names and for names with Latin letters, digits, duplicates and words the
// domain dictionary already has.
func TestOverlayMatchesOneDictionary(t *testing.T) {
	b, err := NewBase(nil)
	if err != nil {
		t.Fatal(err)
	}
	names, lines := facCorpus(t)
	extras := map[string][]string{
		"none":     nil,
		"000":      facNames000,
		"002":      facNames002,
		"odd":      {"公立医院", "合计", "高阳县总数", "  ", "\x00医院", "乡镇卫生院", "高阳县", "高阳县", "医院", "卫生院"},
		"latin":    {"ABC医院", "高阳120急救中心", "Xyz县人民医院", "保定 康爱医院", "高阳县ＡＢ医院", "泸县"},
		"combined": append(append([]string(nil), facNames000...), facNames002...),
	}
	for k, v := range names {
		extras[k] = v
	}
	texts := slices.Clone(lines)
	for _, c := range facCases {
		texts = append(texts, c.text)
	}
	for _, c := range facGeneric {
		texts = append(texts, c.text)
	}
	for _, v := range extras {
		texts = append(texts, v...)
	}
	texts = append(texts, "", "\xff\xfe高阳县医院\xff", "abc医院ABC医院", "120急救中心", "　高阳县医院　", strings.Repeat("高阳县医院、", 50))

	// ForPlan adds only words of two or more Han characters; dictionary
	// lines of other shapes go through the same path.
	odd, err := b.ForPlan(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"阳", "高阳", "ABC", "Abc医院", "医院", "第一", "阳", "x", "120", "高阳120"} {
		odd.extra.add(w, facFreqPlace, facPosPlace)
	}
	odd.addOverlay()
	if odd.ov == nil {
		t.Fatal("no overlay")
	}
	texts = append(texts, "阳高阳ABC医院abc医院第一120高阳120x")

	finders := map[string]*Finder{"lines": odd}
	for name, extra := range extras {
		f, err := b.ForPlan(extra)
		if err != nil {
			t.Fatal(err)
		}
		finders[name] = f
	}
	for name, f := range finders {
		one := facOneDict(t, f)
		if f.ov != nil && one.Dict.NumTokens() != b.seg.Dict.NumTokens()+f.ov.NumTokens() {
			t.Errorf("%s: one dictionary has %d words, base %d + overlay %d", name, one.Dict.NumTokens(), b.seg.Dict.NumTokens(), f.ov.NumTokens())
		}
		diffs := 0
		for _, line := range texts {
			got, want := f.tokens(line), facOneDictTokens(f, one, line)
			if !slices.Equal(got, want) {
				if diffs++; diffs <= 5 {
					t.Errorf("%s: %.60q:\n got %v\nwant %v", name, line, got, want)
				}
			}
		}
		if diffs > 5 {
			t.Errorf("%s: %d lines differ", name, diffs)
		}
	}
}

func FuzzOverlayMatchesOneDictionary(f *testing.F) {
	for _, c := range facCases[:10] {
		f.Add(c.text)
	}
	f.Add("\xff医院ABC医院120急救中心")
	fd, err := NewFinder(nil, append([]string{"ABC医院", "高阳120急救中心"}, facNames000...))
	if err != nil {
		f.Fatal(err)
	}
	one := facOneDict(f, fd)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fd.tokens(s), facOneDictTokens(fd, one, s); !slices.Equal(got, want) {
			t.Fatalf("got %v\nwant %v", got, want)
		}
	})
}

// Finders made from one Base in parallel (as the batch workers do) find
// what Finders built on their own find.
func TestForPlanConcurrent(t *testing.T) {
	b, err := NewBase(nil)
	if err != nil {
		t.Fatal(err)
	}
	text := facReadPlan(t)
	plans := [][]string{nil, facNames000, facNames002}
	want := make([][]Mention, len(plans))
	for i, extra := range plans {
		f, err := NewFinder(nil, extra)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = f.Find(text)
	}
	var wg sync.WaitGroup
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			i := g % len(plans)
			f, err := b.ForPlan(plans[i])
			if err != nil {
				t.Error(err)
				return
			}
			if got := f.Find(text); !slices.Equal(got, want[i]) {
				t.Errorf("plan %d: %d mentions, want %d", i, len(got), len(want[i]))
			}
		}()
	}
	wg.Wait()
}

func TestZeroFinder(t *testing.T) {
	var f Finder
	if f.Find("高阳县医院") != nil || f.IsName("高阳县医院") {
		t.Error("a zero Finder found a name")
	}
}

// BenchmarkNewBase is the part of a Finder built once per process.
func BenchmarkNewBase(b *testing.B) {
	r, err := rules.LoadFacilityRules()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewBase(r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkForPlan is the per-plan part: a Finder for plan 000's table
// institutions from a Base built once.
func BenchmarkForPlan(b *testing.B) {
	base, err := NewBase(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := base.ForPlan(facNames000); err != nil {
			b.Fatal(err)
		}
	}
}
