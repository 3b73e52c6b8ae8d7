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
	_ "embed"
	"strconv"
	"strings"
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

// Finder finds institution names. It is immutable after NewFinder and safe
// for concurrent use by multiple goroutines.
type Finder struct {
	seg          *gse.Segmenter
	rules        *rules.FacilityRules
	soft         string // Soft + Split: may be dropped at the left edge
	split        string
	hard         string
	numerals     string
	markers      []rules.FacilityPlaceMarker // longest first
	bare         map[string]bool
	unique       map[string]bool
	abbrev       map[string]bool
	abbrevStop   string
	bareHospital map[string]bool // 县 when the caller's names include a …县医院
	orgMax       int
	finals       map[rune]bool // last characters of suffixes and known names
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
func NewFinder(r *rules.FacilityRules, extraNames []string) (*Finder, error) {
	if r == nil {
		var err error
		if r, err = rules.LoadFacilityRules(); err != nil {
			return nil, err
		}
	}
	lex := r.Lexicon()
	f := &Finder{
		rules:        r,
		soft:         lex.Soft + lex.Split,
		split:        lex.Split,
		hard:         lex.Hard,
		numerals:     lex.Numerals,
		markers:      lex.PlaceMarkers,
		bare:         facSet(lex.Bare),
		unique:       facSet(lex.UniqueAfterBare),
		abbrev:       facSet(lex.Abbreviations),
		abbrevStop:   lex.AbbreviationStop,
		bareHospital: map[string]bool{},
		orgMax:       lex.OrgMax,
		finals:       map[rune]bool{},
	}

	var dict facDict
	for _, s := range r.Suffixes() {
		dict.add(s, facFreqSuffix, facPosSuffix)
		f.addFinal(s)
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
	seg := &gse.Segmenter{NotLoadHMM: true, SkipLog: true}
	if err := seg.LoadDictStr(dict.String()); err != nil {
		return nil, err
	}
	f.seg = seg

	// Validate the caller's names with the base dictionary, then add them.
	var extra facDict
	for _, raw := range extraNames {
		n := facClean(raw)
		if n == "" || r.IsTotal(n) || utf8.RuneCountInString(n) > 40 {
			continue
		}
		suffixStart, suffix, ok := f.wholeName(n)
		if !ok {
			if facAllHan(n) && utf8.RuneCountInString(n) >= 2 && !dict.has(n) && !f.hasSuffix(n) {
				extra.add(n, facFreqPlace, facPosPlace) // a place name: 高阳县
				for _, p := range f.placeParts(n) {
					extra.add(p, facFreqPlace, facPosPlace)
				}
			}
			continue
		}
		extra.add(n, facFreqName, facPosName)
		f.addFinal(n)
		prefix := n[:suffixStart]
		for _, p := range f.placeParts(prefix) {
			extra.add(p, facFreqPlace, facPosPlace)
		}
		if suffix == "医院" && prefix != "" {
			last, _ := utf8.DecodeLastRuneInString(prefix)
			if f.bare[string(last)] {
				f.bareHospital[string(last)] = true
			}
		}
	}
	if extra.n > 0 {
		if err := seg.LoadDictStr(extra.String()); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// Find returns the institution names in text, in order, non-overlapping,
// each as long as the rules allow. Names never span a line break, and text
// inside 《》 (titles of documents) is skipped.
func (f *Finder) Find(text string) []Mention {
	if f == nil || f.seg == nil || text == "" {
		return nil
	}
	var out []Mention
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		for _, c := range f.findLine(text[start:end]) {
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
	if f == nil || f.seg == nil {
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

func (f *Finder) tokens(line string) []facTok {
	segs := f.seg.Segment([]byte(line))
	toks := make([]facTok, 0, len(segs))
	for i := range segs {
		s := &segs[i]
		st, en := s.Start(), s.End()
		if st < 0 || en > len(line) || st >= en {
			continue
		}
		t := facTok{s: st, e: en, text: line[st:en]}
		if k, ok := facKindOfPos(s.Token().Pos()); ok {
			t.kind = k
		} else {
			r, size := utf8.DecodeRuneInString(t.text)
			t.r = r
			if size == len(t.text) && unicode.Is(unicode.Han, r) && !strings.ContainsRune(f.hard, r) {
				t.kind = facKindHan
			}
		}
		toks = append(toks, t)
	}
	return toks
}

func (f *Finder) findLine(line string) []facCand {
	if !f.mayHaveName(line) {
		return nil
	}
	return f.findTokens(line, f.tokens(line))
}

func (f *Finder) addFinal(s string) {
	if c, _ := utf8.DecodeLastRuneInString(s); c != utf8.RuneError {
		f.finals[c] = true
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
		var b strings.Builder
		ok := true
		for _, u := range units[end-size : end] {
			if u.kind != facKindHan {
				ok = false
				break
			}
			b.WriteString(u.text)
		}
		if ok && b.String() == m.Marker {
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
	b    strings.Builder
	seen map[string]bool
	n    int
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
	d.n++
	d.b.WriteString(word)
	d.b.WriteByte(' ')
	d.b.WriteString(strconv.Itoa(freq))
	d.b.WriteByte(' ')
	d.b.WriteString(pos)
	d.b.WriteByte('\n')
}

func (d *facDict) has(word string) bool { return d.seen[word] }

func (d *facDict) String() string { return d.b.String() }

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
