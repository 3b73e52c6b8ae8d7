// Package segment finds the names of health institutions in the running text
// of a plan — 高阳县医院, 邢家南镇卫生院, 县疾病预防控制中心, 兆雅中心卫生院 —
// and tells them apart from generic mentions of a kind of institution
// (县级医院, 乡镇卫生院, 二级以上综合医院, 村卫生室).
//
// A Finder segments each line with gse (github.com/go-ego/gse) over a small
// dictionary built in code, never gse's own (nothing is read from disk):
// the facility suffixes, generic modifiers, lead words and health-sector
// terms of package rules (facilities.json), the caller's institution and
// place names, and weakstops_zh.txt, about 2,100 common verbs, adverbs and
// function words extracted once from gse's dictionary. Each token gets a
// domain tag; each facility suffix found is then given a name by a
// rules-driven parse of the tokens to its left: a place chain (高阳县, 庞口镇,
// 锦华街道), an organisation name that is the whole candidate (康达, 兆雅), an
// ordinal (第三人民医院), or a bare 县/市 before a suffix that names the
// county's one institution (县人民医院, 市妇幼保健院).
//
// Measured on the hand-checked list of segment_test.go (see
// TestCompareTokenizers): gse's shortest-path segmentation gives the same
// result as greedy longest matching over the same dictionary; the words do
// the work. Loading gse's full dictionary costs about 2 s per Finder and is
// less accurate here (it knows 和县 as a county and splits 运北医院), so it
// is not used.
package segment

import (
	"bytes"
	_ "embed"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"github.com/guihua-project/guihua/rules"
)

// Mention is one institution name found in a text. Start and End are byte
// offsets into the text given to Find; Name is text[Start:End].
type Mention struct {
	Name       string
	Start, End int
}

// Base is the part of a Finder that depends on the facility rules alone:
// their lexicon and the domain dictionary (facility suffixes, ordinals,
// generic modifiers, lead words, health-sector terms and the weak stops of
// weakstops_zh.txt). Building it is the expensive part of a Finder, so build
// it once (NewBase) and make each plan's Finder from it with ForPlan, which
// adds only the plan's own names. A Base is immutable and safe for
// concurrent use by multiple goroutines.
type Base struct {
	base
}

// base is what a Base holds; every Finder made from it shares it, read-only.
type base struct {
	seg        *gse.Segmenter            // its Dict is the domain dictionary
	info       map[*gse.Token]facTokInfo // of every token of seg.Dict
	dictLog    float32                   // log2 of seg.Dict's total frequency, as gse rounds it
	words      map[string]bool           // the words of the domain dictionary
	dictText   string                    // the domain dictionary as loaded ("word freq pos" lines)
	rules      *rules.FacilityRules
	soft       string // Soft + Split: may be dropped at the left edge
	split      string
	hard       string
	numerals   string
	markers    []rules.FacilityPlaceMarker // longest first
	bare       map[string]bool
	unique     map[string]bool
	abbrev     map[string]bool
	abbrevStop string
	orgMax     int
	suffixEnds map[rune]bool // last characters of the suffixes
}

// Finder finds institution names. It is immutable after ForPlan (or
// NewFinder) and safe for concurrent use by multiple goroutines.
//
// Its dictionary is the Base's domain dictionary with the plan's own names
// laid over it: a second, small gse dictionary of the words the domain
// dictionary lacks. Lines are segmented by gse's shortest-path algorithm
// (gse.Segmenter.Segment) run over both dictionaries at once, with the
// frequencies of both in the total, which gives the segmentation of one gse
// dictionary holding the domain words and then the plan's names (see
// TestOverlayMatchesOneDictionary).
type Finder struct {
	*base
	ov           *gse.Dictionary           // the plan's words not in the domain dictionary; nil without any
	ovInfo       map[*gse.Token]facTokInfo // of every token of ov
	logTotal     float32                   // log2 of the total frequency of both dictionaries
	extra        facDict                   // the plan's dictionary lines, as they were added
	bareHospital map[string]bool           // 县 when the caller's names include a …县医院
	finals       map[rune]bool             // last characters of suffixes and known names
}

// facTokInfo is what the segmentation needs of a dictionary token that gse
// keeps private.
type facTokInfo struct {
	words   int     // length in gse words (one character, or a run of non-CJK letters and digits)
	logFreq float32 // float32(log2(freq)), as gse computes a token's distance
}

// gse part-of-speech tags of the domain dictionary.
const (
	facPosSuffix = "fs" // facility-type suffix: 医院, 中心卫生院 …
	facPosName   = "nf" // a full institution name supplied by the caller
	facPosPlace  = "ns" // a place or organisation name part: 高阳县, 庞口镇, 兆雅
	facPosOrd    = "or" // 第一 … 第十
	facPosStop   = "st" // lead word, generic modifier, health-sector term
	facPosWeak   = "sw" // common verb, adverb … (weakstops_zh.txt)
)

// facWeakStops is the embedded weakstops_zh.txt: common words derived from
// gse's dictionary that never begin a name (see the file's header).
//
//go:embed weakstops_zh.txt
var facWeakStops string

// Token frequencies. gse prefers the segmentation with the smallest sum of
// log(total/freq); any dictionary word beats unknown single characters, and
// a longer word beats two shorter ones covering the same text.
const (
	facFreqName   = 4000
	facFreqSuffix = 2000
	facFreqPlace  = 1000
	facFreqOrd    = 500
	facFreqStop   = 300
	facFreqWeak   = 200
)

// facMaxName bounds the characters collected to the left of a suffix.
const facMaxName = 16

type facKind uint8

const (
	facKindOther  facKind = iota // punctuation, digits, Latin, space
	facKindHan                   // a Han character not in the dictionary
	facKindSuffix                // facility suffix
	facKindName                  // full known name
	facKindPlace                 // known place / organisation part
	facKindOrd                   // ordinal
	facKindStop                  // lead word, generic modifier, term
	facKindWeak                  // common word: a boundary, but may name a town (得胜镇)
)

// facKindOfPos maps the part-of-speech tag of a word from guihua's own
// dictionary to its token kind; ok is false for other tags.
func facKindOfPos(pos string) (facKind, bool) {
	switch pos {
	case facPosSuffix:
		return facKindSuffix, true
	case facPosName:
		return facKindName, true
	case facPosPlace:
		return facKindPlace, true
	case facPosOrd:
		return facKindOrd, true
	case facPosStop:
		return facKindStop, true
	case facPosWeak:
		return facKindWeak, true
	}
	return facKindOther, false
}

type facTok struct {
	s, e int // byte offsets in the line
	text string
	kind facKind
	r    rune // for facKindHan and facKindOther single characters
}

// NewFinder builds a Finder from the facility rules and extra names: the
// institution names of the plan's own tables (高阳县医院, 庞口镇中心卫生院第一分院),
// which are then always found whole, and optionally place names (高阳县).
// Names that are generic (公立医院) or totals (合计) are ignored. From each
// accepted name its place and organisation parts (高阳县, 庞口镇, 兆雅) are
// added to the dictionary, so that they are recognised in other names.
//
// NewFinder builds the domain dictionary anew each time; to find names in
// many plans, build a Base once and call its ForPlan for each plan.
func NewFinder(r *rules.FacilityRules, extraNames []string) (*Finder, error) {
	b, err := NewBase(r)
	if err != nil {
		return nil, err
	}
	return b.ForPlan(extraNames)
}

// NewBase builds the domain dictionary and lexicon of the facility rules r
// (the embedded rules when r is nil).
func NewBase(r *rules.FacilityRules) (*Base, error) {
	if r == nil {
		var err error
		if r, err = rules.LoadFacilityRules(); err != nil {
			return nil, err
		}
	}
	lex := r.Lexicon()
	b := &Base{base{
		rules:      r,
		soft:       lex.Soft + lex.Split,
		split:      lex.Split,
		hard:       lex.Hard,
		numerals:   lex.Numerals,
		markers:    lex.PlaceMarkers,
		bare:       facSet(lex.Bare),
		unique:     facSet(lex.UniqueAfterBare),
		abbrev:     facSet(lex.Abbreviations),
		abbrevStop: lex.AbbreviationStop,
		orgMax:     lex.OrgMax,
		suffixEnds: map[rune]bool{},
	}}

	var dict facDict
	for _, s := range r.Suffixes() {
		dict.add(s, facFreqSuffix, facPosSuffix)
		facAddFinal(b.suffixEnds, s)
	}
	for _, s := range lex.Ordinals {
		dict.add(s, facFreqOrd, facPosOrd)
	}
	for _, list := range [][]string{lex.Generic, lex.Leads, lex.Terms} {
		for _, s := range list {
			dict.add(s, facFreqStop, facPosStop)
		}
	}
	for _, s := range strings.Split(facWeakStops, "\n") {
		if s = strings.TrimSpace(s); s != "" && !strings.HasPrefix(s, "#") {
			dict.add(s, facFreqWeak, facPosWeak)
		}
	}
	b.dictText = dict.String()
	seg, words := loadDict(dict.entries)
	b.seg = seg
	b.words = dict.seen
	b.info = facInfosOf(seg.Dict, words)
	b.dictLog = float32(math.Log2(seg.Dict.TotalFreq()))
	return b, nil
}

// loadDict returns a Segmenter whose dictionary holds the entries as gse's
// LoadDictStr of their lines (facDict.String) holds them: each read like a
// dictionary line (Segmenter.Size: one-character words get frequency 2), a
// word already there left out (the first role wins, Dictionary.AddToken).
// Unlike LoadDictStr, it does not work out every token's sub-segments
// (Segmenter.CalcToken, for gse's search mode) nor their distances, which
// the Finder never reads: it computes distances from the frequencies
// itself (segmentLine). That was two thirds of building a Base.
// TestOverlayMatchesOneDictionary compares the segmentation with a
// dictionary loaded by LoadDictStr.
// It also returns the length in gse words of each token of the dictionary.
func loadDict(entries []facEntry) (*gse.Segmenter, []int) {
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	seg.Dict = gse.NewDict()
	seg.Init()
	words := make([]int, 0, len(entries))
	var split []gse.Text
	for _, e := range entries {
		freq := float64(e.freq)
		if freq < seg.MinTokenFreq {
			continue
		}
		if utf8.RuneCountInString(e.word) < 2 {
			freq = 2
		}
		n := seg.Dict.NumTokens()
		_ = seg.Dict.AddToken(seg.ToToken(e.word, freq, e.pos)) // as LoadDictStr, which ignores its errors
		if seg.Dict.NumTokens() > n {
			split = splitWords(split[:0], []byte(e.word))
			words = append(words, len(split))
		}
	}
	return seg, words
}

// facInfosOf returns the facTokInfo of every token of d, given the length
// in words of each.
func facInfosOf(d *gse.Dictionary, words []int) map[*gse.Token]facTokInfo {
	m := make(map[*gse.Token]facTokInfo, d.NumTokens())
	for i := range d.Tokens {
		t := &d.Tokens[i]
		m[t] = facTokInfo{words: words[i], logFreq: float32(math.Log2(t.Freq()))}
	}
	return m
}

// ForPlan returns a Finder that knows, besides the Base's words, the extra
// names of one plan (see NewFinder). It copies nothing of the domain
// dictionary: the plan's words go into a small dictionary of their own.
func (b *Base) ForPlan(extraNames []string) (*Finder, error) {
	r := b.rules
	f := &Finder{
		base:         &b.base,
		logTotal:     b.dictLog,
		bareHospital: map[string]bool{},
		finals:       maps.Clone(b.suffixEnds),
	}
	// Validate the caller's names with the domain dictionary, then add them.
	for _, raw := range extraNames {
		n := facClean(raw)
		if n == "" || r.IsTotal(n) || utf8.RuneCountInString(n) > 40 {
			continue
		}
		suffixStart, suffix, ok := f.wholeName(n)
		if !ok {
			if facAllHan(n) && utf8.RuneCountInString(n) >= 2 && !b.words[n] && !f.hasSuffix(n) {
				f.extra.add(n, facFreqPlace, facPosPlace) // a place name: 高阳县
				for _, p := range f.placeParts(n) {
					f.extra.add(p, facFreqPlace, facPosPlace)
				}
			}
			continue
		}
		f.extra.add(n, facFreqName, facPosName)
		facAddFinal(f.finals, n)
		prefix := n[:suffixStart]
		for _, p := range f.placeParts(prefix) {
			f.extra.add(p, facFreqPlace, facPosPlace)
		}
		if suffix == "医院" && prefix != "" {
			last, _ := utf8.DecodeLastRuneInString(prefix)
			if f.bare[string(last)] {
				f.bareHospital[string(last)] = true
			}
		}
	}
	f.addOverlay()
	return f, nil
}

// addOverlay puts the plan's dictionary lines into f.ov as gse's
// LoadDictStr would add them to the domain dictionary itself: read like a
// dictionary line (Segmenter.Size), a word the domain dictionary (or an
// earlier line) already has is left out with its frequency (the first role
// wins, Dictionary.AddToken), and the total frequency grows by each word
// added, in order.
func (f *Finder) addOverlay() {
	if len(f.extra.entries) == 0 {
		return
	}
	ov := gse.NewDict()
	total := f.seg.Dict.TotalFreq()
	for _, e := range f.extra.entries {
		freq := float64(e.freq)
		if freq < f.seg.MinTokenFreq {
			continue
		}
		if utf8.RuneCountInString(e.word) < 2 {
			freq = 2
		}
		tok := f.seg.ToToken(e.word, freq, e.pos)
		if _, _, err := f.seg.Dict.Value([]byte(tok.Text())); err == nil {
			continue
		}
		n := ov.NumTokens()
		_ = ov.AddToken(tok) // as LoadDictStr, which ignores its errors
		if ov.NumTokens() > n {
			total += freq
		}
	}
	if ov.NumTokens() == 0 {
		return
	}
	f.ov = ov
	f.ovInfo = facInfos(f.seg, ov)
	f.logTotal = float32(math.Log2(total))
}

// facInfos returns the facTokInfo of every token of d.
func facInfos(seg *gse.Segmenter, d *gse.Dictionary) map[*gse.Token]facTokInfo {
	m := make(map[*gse.Token]facTokInfo, d.NumTokens())
	for i := range d.Tokens {
		t := &d.Tokens[i]
		// A token's text is its words joined (Latin lowered), which splits
		// into the same words again.
		m[t] = facTokInfo{
			words:   len(seg.SplitTextToWords([]byte(t.Text()))),
			logFreq: float32(math.Log2(t.Freq())),
		}
	}
	return m
}

// Find returns the institution names in text, in order, non-overlapping,
// each as long as the rules allow. Names never span a line break, and text
// inside 《》 (titles of documents) is skipped.
func (f *Finder) Find(text string) []Mention {
	if f == nil || f.base == nil || text == "" {
		return nil
	}
	sc := scratches.Get().(*scratch)
	defer scratches.Put(sc)
	sc.text = append(sc.text[:0], text...)
	var out []Mention
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		for _, c := range f.findLineIn(sc, text[start:end], sc.text[start:end]) {
			out = append(out, Mention{Name: text[start+c.start : start+c.end], Start: start + c.start, End: start + c.end})
		}
		start = end + 1
	}
	return out
}

// IsName reports whether name, whitespace removed, is as a whole the name of
// an institution by the rules the Finder applies to text (高阳县医院,
// 县人民医院, 保定高阳普康儿童医院) rather than a generic mention (公立医院,
// 乡镇卫生院) or a total (合计).
func (f *Finder) IsName(name string) bool {
	if f == nil || f.base == nil {
		return false
	}
	n := facClean(name)
	if n == "" || f.rules.IsTotal(n) {
		return false
	}
	if c := f.findLine(n); len(c) == 1 && c[0].start == 0 && c[0].end == len(n) {
		return true
	}
	_, _, ok := f.wholeName(n)
	return ok
}

// facCand is a name found in one line.
type facCand struct {
	start, end int
}

// scratch is the memory a Find reuses from line to line, and Finds from
// call to call (scratches).
type scratch struct {
	text    []byte // the text given to Find
	words   []gse.Text
	jumpers []facJumper
	off     []int
	buf     []*gse.Token
	toks    []facTok
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// tokens segments line into classified tokens (see segmentLine).
func (f *Finder) tokens(line string) []facTok {
	return slices.Clone(f.segmentLine(new(scratch), line, []byte(line)))
}

// segmentLine segments line (b holds the same bytes) into classified
// tokens, in sc.toks. It is gse's shortest-path segmentation
// (Segmenter.Segment, whose steps and float32 arithmetic it repeats) over
// the domain dictionary and the plan's overlay together: each word
// position keeps the cheapest path to it, a dictionary token costs
// log2(total) - log2(freq), and a word that begins no one-word token is a
// token of its own costing 32.
func (f *Finder) segmentLine(sc *scratch, line string, b []byte) []facTok {
	if line == "" {
		return nil
	}
	sc.words = splitWords(sc.words[:0], b)
	words := sc.words
	n := len(words)
	sc.jumpers = slices.Grow(sc.jumpers[:0], n)[:n]
	jumpers := sc.jumpers
	clear(jumpers)
	if m := max(f.seg.Dict.MaxTokenLen(), f.ovMaxLen()); len(sc.buf) < m {
		sc.buf = make([]*gse.Token, m)
	}
	buf := sc.buf
	for cur := 0; cur < n; cur++ {
		var dist float32
		if cur > 0 {
			dist = jumpers[cur-1].dist
		}
		single := f.relax(f.seg.Dict, f.info, words, cur, dist, jumpers, buf)
		if f.ov != nil && f.relax(f.ov, f.ovInfo, words, cur, dist, jumpers, buf) {
			single = true
		}
		if !single {
			jumpers[cur].update(dist+32, 1, nil)
		}
	}
	// Walk the cheapest path back from the end.
	count := 0
	for end := n - 1; end >= 0; end -= jumpers[end].words {
		count++
	}
	sc.off = slices.Grow(sc.off[:0], n+1)[:n+1]
	off := sc.off
	off[0] = 0
	for i, w := range words {
		off[i+1] = off[i] + len(w)
	}
	sc.toks = slices.Grow(sc.toks[:0], count)[:count]
	toks := sc.toks
	for end := n - 1; end >= 0; end -= jumpers[end].words {
		count--
		j := &jumpers[end]
		pos := "x" // gse's tag of a word outside the dictionary
		if j.tok != nil {
			pos = j.tok.Pos()
		}
		toks[count] = f.tok(line, off[end+1-j.words], off[end+1], pos)
	}
	clear(buf) // no token kept alive by the pool
	return toks
}

// splitWords appends the words of text to dst as gse's
// Segmenter.SplitTextToWords splits it (with the Segmenter's defaults,
// which the Finder's has): one word a character, except that a run of
// letters and digits of one or two bytes each (Latin, Greek, fullwidth
// digits are three) is one word, in lower case when gse.ToLower is set.
// Words are slices of text except for runs holding upper-case ASCII
// letters, which are lowered copies (gse copies every run).
// TestSplitWordsAsGse compares the two.
func splitWords(dst []gse.Text, text []byte) []gse.Text {
	run := -1 // start of the current run of letters and digits, -1 when none
	flush := func(end int) {
		if run >= 0 && end > run {
			dst = append(dst, lowered(text[run:end]))
		}
		run = -1
	}
	for cur := 0; cur < len(text); {
		c := text[cur]
		if c < utf8.RuneSelf {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				if run < 0 {
					run = cur
				}
			} else {
				flush(cur)
				dst = append(dst, text[cur:cur+1])
			}
			cur++
			continue
		}
		r, size := utf8.DecodeRune(text[cur:])
		if size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			if run < 0 {
				run = cur
			}
		} else {
			flush(cur)
			dst = append(dst, text[cur:cur+size])
		}
		cur += size
	}
	flush(len(text))
	return dst
}

// lowered is gse's toLow: w with ASCII upper-case letters lowered when
// gse.ToLower is set; w itself when there is nothing to lower.
func lowered(w []byte) []byte {
	if !gse.ToLower {
		return w
	}
	for i, c := range w {
		if c >= 'A' && c <= 'Z' {
			out := bytes.Clone(w)
			for j := i; j < len(out); j++ {
				if c := out[j]; c >= 'A' && c <= 'Z' {
					out[j] = c - 'A' + 'a'
				}
			}
			return out
		}
	}
	return w
}

// facJumper is gse's jumper: the cheapest path found to a word position
// and the token that ends it there (nil for a word outside the dictionary).
type facJumper struct {
	dist  float32
	words int
	tok   *gse.Token
}

// update is gse's updateJumper: a distance of zero means no path yet.
func (j *facJumper) update(dist float32, words int, tok *gse.Token) {
	if j.dist == 0 || j.dist > dist {
		j.dist, j.words, j.tok = dist, words, tok
	}
}

// relax updates the jumpers with the tokens of d that begin at word cur,
// reached at distance dist, and reports whether one of them is one word
// long.
func (f *Finder) relax(d *gse.Dictionary, info map[*gse.Token]facTokInfo, words []gse.Text, cur int, dist float32, jumpers []facJumper, buf []*gse.Token) (single bool) {
	k := d.LookupTokens(words[cur:min(cur+d.MaxTokenLen(), len(words))], buf)
	for _, t := range buf[:k] {
		in, ok := info[t]
		if !ok {
			// gse hands out pointers into its Tokens; a copy would leave
			// the token's length unknown.
			panic("segment: gse returned a token that is not in its dictionary")
		}
		if in.words == 1 {
			single = true
		}
		jumpers[cur+in.words-1].update(dist+float32(f.logTotal-in.logFreq), in.words, t)
	}
	return single
}

func (f *Finder) ovMaxLen() int {
	if f.ov == nil {
		return 0
	}
	return f.ov.MaxTokenLen()
}

// tok classifies line[st:en], a segment tagged pos.
func (f *Finder) tok(line string, st, en int, pos string) facTok {
	t := facTok{s: st, e: en, text: line[st:en]}
	if k, ok := facKindOfPos(pos); ok {
		t.kind = k
	} else {
		r, size := utf8.DecodeRuneInString(t.text)
		t.r = r
		if size == len(t.text) && unicode.Is(unicode.Han, r) && !strings.ContainsRune(f.hard, r) {
			t.kind = facKindHan
		}
	}
	return t
}

// findLine finds the names in line.
func (f *Finder) findLine(line string) []facCand {
	sc := scratches.Get().(*scratch)
	defer scratches.Put(sc)
	return f.findLineIn(sc, line, []byte(line))
}

// findLineIn finds the names in line (b holds the same bytes) with sc's
// memory.
func (f *Finder) findLineIn(sc *scratch, line string, b []byte) []facCand {
	if !f.mayHaveName(line) {
		return nil
	}
	return f.findTokens(line, f.segmentLine(sc, line, b))
}

func facAddFinal(finals map[rune]bool, s string) {
	if c, _ := utf8.DecodeLastRuneInString(s); c != utf8.RuneError {
		finals[c] = true
	}
}

// mayHaveName is a quick test that saves segmenting lines without any
// character that ends a facility suffix or known name.
func (f *Finder) mayHaveName(line string) bool {
	for _, c := range line {
		if f.finals[c] {
			return true
		}
	}
	return false
}

// findTokens finds the names in a line segmented into toks.
func (f *Finder) findTokens(line string, toks []facTok) []facCand {
	var out []facCand
	lo := 0   // first token that may belong to the next name
	book := 0 // depth of 《》
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind == facKindOther {
			switch t.r {
			case '《':
				book++
			case '》':
				if book > 0 {
					book--
				}
			}
		}
		if book > 0 || (t.kind != facKindSuffix && t.kind != facKindName) {
			continue
		}
		c, ok := f.nameAt(line, toks, lo, i)
		if !ok {
			continue
		}
		out = append(out, c)
		for i+1 < len(toks) && toks[i+1].s < c.end {
			i++
		}
		lo = i + 1
	}
	return out
}

// nameAt tries to make a name that ends with the suffix or known name toks[i],
// using tokens from lo on.
func (f *Finder) nameAt(line string, toks []facTok, lo, i int) (facCand, bool) {
	t := toks[i]
	c := facCand{end: t.e}
	// Collect Han name material to the left.
	j := i
	for j > lo && i-j < facMaxName {
		p := toks[j-1]
		if p.kind == facKindHan || p.kind == facKindPlace || p.kind == facKindWeak || (p.kind == facKindOrd && j == i && t.kind == facKindSuffix) {
			j--
			continue
		}
		break
	}
	left := toks[j:i]

	if t.kind == facKindName {
		// A known name; extend it over known places before it (高阳县 + 蒲口镇卫生院).
		k := len(left)
		for k > 0 && left[k-1].kind == facKindPlace {
			k--
		}
		c.start = t.s
		if k < len(left) {
			c.start = left[k].s
		}
		c.end += f.rules.BranchLen(line[c.end:])
		return c, true
	}

	ord := len(left) > 0 && left[len(left)-1].kind == facKindOrd
	body := left
	if ord {
		body = left[:len(left)-1]
	}
	isAbbrev := f.abbrev[t.text]
	if isAbbrev {
		next, _ := utf8.DecodeRuneInString(line[t.e:])
		if next != utf8.RuneError && strings.ContainsRune(f.abbrevStop, next) {
			return c, false
		}
	}
	// A suffix that begins with a place marker (村卫生室) ends the place
	// name itself.
	var implied *rules.FacilityPlaceMarker
	for k := range f.markers {
		if strings.HasPrefix(t.text, f.markers[k].Marker) {
			implied = &f.markers[k]
			break
		}
	}
	// The name may begin after the soft characters at the left edge (年, 个
	// …), after a function character (将, 和, 我 …) or after a common word
	// (借助). A place whose two-character stem begins with such a character
	// is kept whole (和平县人民医院, not 平县; but 以蛟河市 gives 蛟河市);
	// otherwise those starts are tried from the left, then the whole
	// material. A bare 县 is accepted only when all that is
	// dropped before it is soft (和县医院, 我县疾病预防控制中心, but not
	// 仁和县人民医院).
	starts := make([]int, 0, 4)
	lead := true
	for k, u := range body {
		lead = lead && f.isSoftUnit(u)
		if lead || u.kind == facKindWeak || u.kind == facKindHan && strings.ContainsRune(f.split, u.r) {
			starts = append(starts, k+1)
		}
	}
	whole, wholeStem, wholeOK := f.parsePrefix(body, t.text, ord, isAbbrev, implied)
	if wholeOK && whole == 0 && wholeStem == 2 && body[0].kind == facKindHan {
		starts = starts[:0]
	}
	starts = append(starts, 0)
	for _, k := range starts {
		start, ok := whole, wholeOK
		if k > 0 {
			start, _, ok = f.parsePrefix(body[k:], t.text, ord, isAbbrev, implied)
		}
		if !ok {
			continue
		}
		if k > 0 && len(body)-k == 1 && f.bare[body[k].text] && !f.allSoftUnits(body[:k]) {
			continue
		}
		switch {
		case k+start < len(body):
			c.start = body[k+start].s
		case ord:
			c.start = left[len(left)-1].s
		default:
			c.start = t.s
		}
		if !isAbbrev {
			c.end += f.rules.BranchLen(line[c.end:])
		}
		return c, true
	}
	return c, false
}

// isSoftUnit reports whether u may be dropped from the left of a name: a
// soft character or a common word.
func (f *Finder) isSoftUnit(u facTok) bool {
	return u.kind == facKindWeak || u.kind == facKindHan && strings.ContainsRune(f.soft, u.r)
}

func (f *Finder) allSoftUnits(units []facTok) bool {
	for _, u := range units {
		if !f.isSoftUnit(u) {
			return false
		}
	}
	return true
}

// parsePrefix decides whether the Han tokens before a suffix make it a named
// institution, and returns the index of the token the name starts with and
// the length of the stem of its first place (0 without one).
// units holds unknown single characters and known places; ord reports an
// ordinal between them and the suffix.
func (f *Finder) parsePrefix(units []facTok, suffix string, ord, abbrev bool, implied *rules.FacilityPlaceMarker) (start, firstStem int, ok bool) {
	n := len(units)
	if n == 0 {
		return 0, 0, ord && !abbrev && implied == nil // 第三人民医院
	}
	if n == 1 && units[0].kind == facKindHan && f.bare[units[0].text] && implied == nil {
		// 县人民医院, 市妇幼保健院; not 县卫生院, and 县医院 only when the
		// plan's county hospital is called …县医院.
		return 0, 0, ord || f.unique[suffix] || (suffix == "医院" && f.bareHospital[units[0].text])
	}
	i := n
	org := 0
	for implied == nil && i > 0 && units[i-1].kind == facKindHan && org < f.orgMax && f.markerAt(units, i) == nil {
		i--
		org++
	}
	chain, known := 0, false
	for i > 0 {
		if units[i-1].kind == facKindPlace && implied == nil {
			i--
			chain++
			known = true
			continue
		}
		if known {
			break // left of a known place, accept only known places
		}
		m, j := implied, i
		if m == nil {
			if m = f.markerAt(units, i); m == nil {
				break
			}
			j = i - utf8.RuneCountInString(m.Marker)
		}
		implied = nil
		stem, allSoft, weakStem := 0, true, false
		if j > 0 && units[j-1].kind == facKindWeak && m.WordStem {
			// A town or village named like a common word: 得胜镇.
			j--
			stem, allSoft, weakStem = 1, false, true
		}
		for !weakStem && j > 0 && units[j-1].kind == facKindHan && stem < m.MaxStem {
			if hm := f.markerAt(units, j); hm != nil && hm.Level < m.Level {
				break
			}
			if !strings.ContainsRune(f.soft, units[j-1].r) {
				allSoft = false
			}
			j--
			stem++
		}
		if stem == 0 || allSoft || (m.Exact && j > 0) {
			break
		}
		i = j
		chain++
		firstStem = stem
	}
	if chain == 0 {
		// An organisation name alone (康达医院, 兆雅中心卫生院) must be the
		// whole candidate, not begin with a numeral (五大) and not be made
		// of function characters only (每个).
		if org < 2 || i != 0 || strings.ContainsRune(f.numerals, units[0].r) || f.allSoft(units) {
			return 0, 0, false
		}
	}
	if abbrev && (chain > 0 || org != 2 || i != 0 || ord) {
		return 0, 0, false
	}
	return i, firstStem, true
}

func (f *Finder) allSoft(units []facTok) bool {
	for _, u := range units {
		if u.kind != facKindHan || !strings.ContainsRune(f.soft, u.r) {
			return false
		}
	}
	return true
}

// markerAt returns the place marker made of the unknown characters that end
// at units[end-1], or nil.
func (f *Finder) markerAt(units []facTok, end int) *rules.FacilityPlaceMarker {
	for k := range f.markers {
		m := &f.markers[k]
		size := utf8.RuneCountInString(m.Marker)
		if size > end {
			continue
		}
		// the units' texts, one after the other, spell the marker (compared
		// in place: building the string was 3 % of a batch's allocations)
		rest, ok := m.Marker, true
		for _, u := range units[end-size : end] {
			if u.kind != facKindHan || !strings.HasPrefix(rest, u.text) {
				ok = false
				break
			}
			rest = rest[len(u.text):]
		}
		if ok && rest == "" {
			return m
		}
	}
	return nil
}

// wholeName reports whether n, a name supplied by the caller, is an
// institution name by the rules: it ends with a facility suffix (and maybe a
// branch marker), and what precedes the suffix is name material only — no
// generic modifier (公立医院), lead word or punctuation — and is a name: a
// parse of it succeeds, or it is a longer organisation name (保定高阳普康).
// It returns where the suffix begins and the suffix.
func (f *Finder) wholeName(n string) (int, string, bool) {
	toks := f.tokens(n)
	s := len(toks) - 1
	for s >= 0 && toks[s].kind != facKindSuffix {
		s--
	}
	if s < 0 || toks[s].e+f.rules.BranchLen(n[toks[s].e:]) != len(n) {
		return 0, "", false
	}
	hans := 0
	for k, t := range toks[:s] {
		switch {
		case t.kind == facKindHan || t.kind == facKindWeak:
			hans++
		case t.kind == facKindPlace:
			hans += 2
		case t.kind == facKindOrd && k == s-1:
		default:
			return 0, "", false
		}
	}
	if hans < 4 {
		// Short prefixes must parse (县人民医院, 泸县…, 康达医院); longer ones
		// of name material are organisation names beyond OrgMax.
		if c := f.findLine(n); len(c) != 1 || c[0].start != 0 || c[0].end != len(n) {
			return 0, "", false
		}
	}
	return toks[s].s, toks[s].text, true
}

// placeParts splits a name prefix (泸县玉蟾街道, 高阳县, 兆雅) into the
// place and organisation parts worth knowing: each place with its marker
// (泸县, 玉蟾街道), stems of two or more characters (玉蟾, 高阳), and what
// follows the last marker (兆雅, 保定康爱).
func (f *Finder) placeParts(prefix string) []string {
	var out []string
	runes := []rune(prefix)
	from := 0
	for i := 0; i < len(runes); {
		matched := false
		for _, m := range f.markers {
			mr := []rune(m.Marker)
			if i+len(mr) <= len(runes) && string(runes[i:i+len(mr)]) == m.Marker && i > from {
				stem := string(runes[from:i])
				if utf8.RuneCountInString(stem) <= m.MaxStem {
					out = append(out, stem+m.Marker)
					if utf8.RuneCountInString(stem) >= 2 {
						out = append(out, stem)
					}
				}
				i += len(mr)
				from = i
				matched = true
				break
			}
		}
		if !matched {
			i++
		}
	}
	if tail := string(runes[from:]); utf8.RuneCountInString(tail) >= 2 {
		out = append(out, tail)
	}
	return out
}

// hasSuffix reports whether s contains a facility suffix token.
func (f *Finder) hasSuffix(s string) bool {
	for _, t := range f.tokens(s) {
		if t.kind == facKindSuffix {
			return true
		}
	}
	return false
}

// facDict accumulates gse dictionary lines ("word freq pos"), first role wins.
type facDict struct {
	entries []facEntry
	seen    map[string]bool
}

type facEntry struct {
	word string
	freq int
	pos  string
}

func (d *facDict) add(word string, freq int, pos string) {
	word = facClean(word)
	if word == "" {
		return
	}
	if d.seen == nil {
		d.seen = map[string]bool{}
	}
	if d.seen[word] {
		return
	}
	d.seen[word] = true
	d.entries = append(d.entries, facEntry{word, freq, pos})
}

// String returns the lines in gse's dictionary format.
func (d *facDict) String() string {
	var b strings.Builder
	for _, e := range d.entries {
		b.WriteString(e.word)
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(e.freq))
		b.WriteByte(' ')
		b.WriteString(e.pos)
		b.WriteByte('\n')
	}
	return b.String()
}

// facClean removes whitespace and control characters, which gse's
// dictionary format cannot hold.
func facClean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	return strings.Map(func(c rune) rune {
		if unicode.IsSpace(c) || unicode.IsControl(c) {
			return -1
		}
		return c
	}, s)
}

func facAllHan(s string) bool {
	for _, c := range s {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return s != ""
}

func facSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}
