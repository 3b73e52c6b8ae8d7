package rules

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// indicators.json is the canonical indicator code table: one entry per
// concept, with every printed spelling seen so far. A new county's spelling is
// a new string in "variants" (or "sub_variants") plus a row in
// testdata/indicator_codes.tsv.
//
//go:embed indicators.json
var indJSON []byte

//go:embed indicator_names.json
var indNamesJSON []byte

// indNames is how printed names are normalised (indicator_names.json).
type indNames struct {
	SubPrefixes        []string            `json:"sub_prefixes"`
	ScopeParenPrefixes []string            `json:"scope_paren_prefixes"`
	Fillers            [][2]string         `json:"fillers"`
	Units              []string            `json:"units"`
	SubRow             string              `json:"sub_row"`
	TrailingParen      string              `json:"trailing_paren"`
	UnitParen          string              `json:"unit_paren"`
	RateHead           string              `json:"rate_head"`
	CharFolds          [][2]string         `json:"char_folds"`
	FootnoteMarks      string              `json:"footnote_marks"`
	LeadingQualifiers  []string            `json:"leading_qualifiers"`
	ScalePrefixes      [][2]string         `json:"scale_prefixes"`
	UnitKinds          map[string][]string `json:"unit_kinds"`
	Scales             []string            `json:"scales"`
	ColumnScales       [][2]string         `json:"column_scales"`
	Comment            string              `json:"_comment,omitempty"`
	units              map[string]bool
	unitKind           map[string]string // folded unit → kind
	scales             map[string]bool
	charFolds          map[rune]rune
	footnotes          map[rune]bool
	subRow             *regexp.Regexp
	trailingParen      *regexp.Regexp
	unitParen          *regexp.Regexp
	rateHead           *regexp.Regexp
}

func indLoadNames(data []byte) (*indNames, error) {
	const file = "indicator_names.json"
	var n indNames
	if err := decodeStrict(file, data, &n); err != nil {
		return nil, err
	}
	if len(n.Units) == 0 || len(n.SubPrefixes) == 0 {
		return nil, fmt.Errorf("rules: %s: units and sub_prefixes must not be empty", file)
	}
	for _, p := range []struct {
		key, src string
		dst      **regexp.Regexp
		groups   int
	}{{"sub_row", n.SubRow, &n.subRow, 0}, {"trailing_paren", n.TrailingParen, &n.trailingParen, 1},
		{"unit_paren", n.UnitParen, &n.unitParen, 0}, {"rate_head", n.RateHead, &n.rateHead, 0}} {
		re, err := compileRule(file, p.key, p.src, p.groups)
		if err != nil {
			return nil, err
		}
		*p.dst = re
	}
	n.units = map[string]bool{}
	for _, u := range n.Units {
		n.units[u] = true
	}
	if err := n.indexScales(file); err != nil {
		return nil, err
	}
	return &n, nil
}

// IndicatorConcept is one canonical indicator concept: a snake_case code
// that is the same in every plan, the national name, its usual unit, the
// printed spellings that name it, what it measures (Basis), the units a
// value of it may be printed in and the documents it comes from.
type IndicatorConcept struct {
	Code     string
	Name     string
	Unit     string
	Variants []string
	Basis    IndicatorBasis
	Units    []string
	Sources  []string
	Note     string
}

// IndicatorBasis is the definition of a concept: numerator, denominator and
// scale (per_1k for 每千人口, per_10k for 每万人口, percent, permille, count …;
// the list is "scales" in indicator_names.json).
type IndicatorBasis struct {
	Scale       string `json:"scale"`
	Numerator   string `json:"numerator,omitempty"`
	Denominator string `json:"denominator,omitempty"`
}

// IndicatorCodes maps printed indicator names to canonical concepts. Lookup
// is an exact match of a normalised name (full-width folded, white space,
// 其中： and unit parentheticals removed, filler such as 常住 and 的 dropped)
// against the normalised variants; there is no fuzzy or substring matching,
// so an unknown name is reported as unknown.
type IndicatorCodes struct {
	concepts []IndicatorConcept
	byCode   map[string]int
	byKey    map[string]int            // normalised variant → concept
	sub      map[string]map[string]int // parent code → normalised sub-row name → concept
	subAny   map[string][]int          // normalised sub-row name → concepts, under any parent
	names    *indNames
	// bySubject indexes the per-capita concepts by the subject of their
	// names (每千人口 + 执业(助理)医师): subject → scale → concept.
	bySubject map[string]map[string]int
	keys      []indKeyOwner // every variant key, for partial-name candidates
	sources   map[string]IndicatorSource
}

type indKeyOwner struct {
	key string
	i   int
}

// indFileConcept is one entry of indicators.json.
type indFileConcept struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Unit     string   `json:"unit"`
	Variants []string `json:"variants"`
	// Parents and SubVariants describe sub-rows: a generic name such as
	// 公立医院 names this concept only when the row's parent is one of
	// Parents (codes).
	Parents     []string       `json:"parents,omitempty"`
	SubVariants []string       `json:"sub_variants,omitempty"`
	Note        string         `json:"note,omitempty"`
	Basis       IndicatorBasis `json:"basis"`
	Units       []string       `json:"units"`
	Sources     []string       `json:"sources"`
}

var indSnakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// LoadIndicatorCodes parses the embedded indicators.json and checks it:
// codes unique and snake_case, every variant normalising to a non-empty key
// that belongs to one code only, sub-row parents naming known codes.
func LoadIndicatorCodes() (*IndicatorCodes, error) {
	names, err := indLoadNames(indNamesJSON)
	if err != nil {
		return nil, err
	}
	sources, err := indLoadSources(indSourcesJSON)
	if err != nil {
		return nil, err
	}
	c, err := indParse(indJSON, names)
	if err != nil {
		return nil, err
	}
	c.sources = map[string]IndicatorSource{}
	for _, s := range sources {
		c.sources[s.ID] = s
	}
	for _, ic := range c.concepts {
		for _, id := range ic.Sources {
			if _, ok := c.sources[id]; !ok {
				return nil, fmt.Errorf("rules: indicators.json: %s: unknown source %q (indicator_sources.json)", ic.Code, id)
			}
		}
	}
	return c, nil
}

func indParse(data []byte, names *indNames) (*IndicatorCodes, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var file []indFileConcept
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("rules: indicators.json: %w", err)
	}
	c := &IndicatorCodes{
		names:     names,
		byCode:    map[string]int{},
		byKey:     map[string]int{},
		sub:       map[string]map[string]int{},
		subAny:    map[string][]int{},
		bySubject: map[string]map[string]int{},
	}
	fail := func(format string, args ...any) (*IndicatorCodes, error) {
		return nil, fmt.Errorf("rules: indicators.json: "+format, args...)
	}
	for i, fc := range file {
		if !indSnakeCase.MatchString(fc.Code) {
			return fail("code %q is not snake_case", fc.Code)
		}
		if _, dup := c.byCode[fc.Code]; dup {
			return fail("code %q listed twice", fc.Code)
		}
		if strings.TrimSpace(fc.Name) == "" {
			return fail("%s: empty name", fc.Code)
		}
		if len(fc.Variants) == 0 {
			return fail("%s: no variants", fc.Code)
		}
		if !names.scales[fc.Basis.Scale] {
			return fail("%s: basis.scale %q is not one of the scales of indicator_names.json", fc.Code, fc.Basis.Scale)
		}
		if (len(fc.Units) == 0 && fc.Basis.Scale != "advocacy") || len(fc.Sources) == 0 {
			return fail("%s: units (except for an advocacy indicator) and sources must not be empty", fc.Code)
		}
		c.byCode[fc.Code] = i
		c.concepts = append(c.concepts, IndicatorConcept{
			Code: fc.Code, Name: fc.Name, Unit: fc.Unit, Variants: fc.Variants,
			Basis: fc.Basis, Units: fc.Units, Sources: fc.Sources, Note: fc.Note,
		})
		seen := map[string]bool{}
		nameListed := false
		nameKey := names.key(fc.Name)
		for _, v := range fc.Variants {
			if seen[v] {
				return fail("%s: variant %q listed twice", fc.Code, v)
			}
			seen[v] = true
			k := names.key(v)
			if k == "" {
				return fail("%s: variant %q normalises to nothing", fc.Code, v)
			}
			if j, ok := c.byKey[k]; ok && j != i {
				return fail("variant %q (key %q) maps to both %s and %s", v, k, file[j].Code, fc.Code)
			}
			if _, dup := c.byKey[k]; !dup {
				c.keys = append(c.keys, indKeyOwner{k, i})
			}
			c.byKey[k] = i
			nameListed = nameListed || k == nameKey
			if err := c.indexSubject(k, i); err != nil {
				return fail("%s: variant %q: %v", fc.Code, v, err)
			}
		}
		if !nameListed {
			return fail("%s: name %q is not among its variants", fc.Code, fc.Name)
		}
		if (len(fc.Parents) == 0) != (len(fc.SubVariants) == 0) {
			return fail("%s: parents and sub_variants go together", fc.Code)
		}
	}
	// Sub-rows, once every code is known.
	for i, fc := range file {
		for _, p := range fc.Parents {
			if _, ok := c.byCode[p]; !ok || p == fc.Code {
				return fail("%s: bad parent %q", fc.Code, p)
			}
		}
		seen := map[string]bool{}
		for _, v := range fc.SubVariants {
			if seen[v] {
				return fail("%s: sub_variant %q listed twice", fc.Code, v)
			}
			seen[v] = true
			k := names.key(v)
			if k == "" {
				return fail("%s: sub_variant %q normalises to nothing", fc.Code, v)
			}
			if j, ok := c.byKey[k]; ok && j != i {
				return fail("sub_variant %q of %s is a variant of %s", v, fc.Code, file[j].Code)
			}
			for _, p := range fc.Parents {
				m := c.sub[p]
				if m == nil {
					m = map[string]int{}
					c.sub[p] = m
				}
				if j, ok := m[k]; ok && j != i {
					return fail("sub_variant %q under %s maps to both %s and %s", v, p, file[j].Code, fc.Code)
				}
				m[k] = i
			}
			if !slices.Contains(c.subAny[k], i) {
				c.subAny[k] = append(c.subAny[k], i)
			}
		}
	}
	return c, nil
}

// Concepts returns every concept, in file order.
func (c *IndicatorCodes) Concepts() []IndicatorConcept {
	out := make([]IndicatorConcept, len(c.concepts))
	for i := range c.concepts {
		out[i] = c.concept(i)
	}
	return out
}

// Concept returns the concept with the given code.
func (c *IndicatorCodes) Concept(code string) (IndicatorConcept, bool) {
	i, ok := c.byCode[code]
	if !ok {
		return IndicatorConcept{}, false
	}
	return c.concept(i), true
}

func (c *IndicatorCodes) concept(i int) IndicatorConcept {
	ic := c.concepts[i]
	ic.Variants = slices.Clone(ic.Variants)
	ic.Units = slices.Clone(ic.Units)
	ic.Sources = slices.Clone(ic.Sources)
	return ic
}

// Match looks up an indicator name as printed (with or without its unit
// parenthetical and 其中： prefix). Generic sub-row names such as 医院 or
// 公立医院 never match here; use MatchSub. It is Resolve with the name only.
func (c *IndicatorCodes) Match(name string) (IndicatorConcept, bool) {
	r := c.Resolve(IndicatorQuery{Name: name})
	return r.Concept, r.OK
}

// MatchSub looks up a sub-row: name is the row's name, parentName the name of
// the row it breaks down (as printed, "" for none). Under a beds parent,
// 公立医院 is beds_public_hospital_per_1k, and so on. The parent is resolved
// with Match, or, when the parent is itself a generic sub-row name (公立医院
// under 医院), by that name if it belongs to exactly one concept. When the
// name is not a sub-row of the parent, MatchSub falls back to Match(name).
func (c *IndicatorCodes) MatchSub(name, parentName string) (IndicatorConcept, bool) {
	r := c.Resolve(IndicatorQuery{Name: name, Parent: parentName})
	return r.Concept, r.OK
}

func (c *IndicatorCodes) resolveParent(parentName string) (int, bool) {
	k := c.names.key(parentName)
	if k == "" {
		return -1, false
	}
	if i, ok := c.byKey[k]; ok {
		return i, true
	}
	if i, ok := c.structural(k, c.names.nameUnit(parentName)); ok {
		return i, true
	}
	if is := c.subAny[k]; len(is) == 1 {
		return is[0], true
	}
	return -1, false
}

// key is the normalised lookup key of an indicator name. The rules are
// general, not per plan:
//   - NFKC-style folding: full-width ASCII to ASCII (（）％：), ideographic
//     and other white space removed, Kangxi radicals to ideographs, Roman
//     numerals to letters, ∶ to :, ASCII lower-cased;
//   - a leading 其中: is removed;
//   - trailing unit parentheticals ((张) (人) (%) (‰) (/10万) (万人) (个) (岁)
//     (1:X) …) are removed, and parentheticals that only widen or annotate
//     the scope ((含中医医院,下同) (包括…) (下同)) are removed anywhere;
//   - brackets 【】〔〕[] read as ( ), footnote markers (①, *, ※ …) removed;
//   - a leading 其中: and leading qualifiers (全市, 全县, 居民 …, also
//     stacked: 全市居民) are removed;
//   - filler that does not change the concept is dropped or unified:
//     常住人口→人口, 人口拥有→人口, 及以上→以上, 综合性医院→综合医院,
//     老年病医学科→老年医学科, 设立→设置, 全科医师→全科医生, 比重/占比→比例,
//     中医（蒙医）→中医, 苏木乡镇→乡镇, 旗办→县办, 嘎查村→村, 的, a final 数.
//
// Other parentheticals (执业（助理）医师, 药师（士）, 床人（卫生人员）比) are
// part of the name and are kept.
func (n *indNames) key(name string) string {
	k := n.foldMarks(indFold(name))
	for _, p := range n.SubPrefixes {
		if strings.HasPrefix(k, p) {
			k = k[len(p):]
			break
		}
	}
	// Qualifiers stack (全市居民健康素养水平): remove them one after another.
	for stripped := true; stripped; {
		stripped = false
		for _, q := range n.LeadingQualifiers {
			if strings.HasPrefix(k, q) && len(k) > len(q) {
				k, stripped = k[len(q):], true
				break
			}
		}
	}
	for {
		prev := k
		k = n.stripTrailingUnit(k)
		k = n.dropScopeParens(k)
		if k == prev {
			break
		}
	}
	for _, r := range n.Fillers {
		k = strings.ReplaceAll(k, r[0], r[1])
	}
	return strings.TrimSuffix(k, "数")
}

// stripTrailingUnit removes one trailing "(unit)" from a folded name.
func (n *indNames) stripTrailingUnit(k string) string {
	if !strings.HasSuffix(k, ")") {
		return k
	}
	open := indMatchingOpen(k)
	if open < 0 {
		return k
	}
	in := k[open+1 : len(k)-1]
	if n.units[in] || strings.HasPrefix(in, "单位:") {
		return k[:open]
	}
	return k
}

// indMatchingOpen returns the index of the "(" matching the final ")" of k.
func indMatchingOpen(k string) int {
	depth := 0
	for i := len(k) - 1; i >= 0; i-- {
		switch k[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// dropScopeParens removes parentheticals that start with 含 or 包括, or
// read 下同, wherever they are.
func (n *indNames) dropScopeParens(k string) string {
	var b strings.Builder
	for i := 0; i < len(k); {
		if k[i] == '(' {
			rest := k[i+1:]
			if hasAnyPrefix(rest, n.ScopeParenPrefixes) {
				if end := indMatchingClose(k, i); end > 0 {
					i = end + 1
					continue
				}
			}
		}
		b.WriteByte(k[i])
		i++
	}
	return b.String()
}

// indMatchingClose returns the index of the ")" matching the "(" at open.
func indMatchingClose(k string, open int) int {
	depth := 0
	for i := open; i < len(k); i++ {
		switch k[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// indKangxi is the NFKC mapping of the Kangxi radicals U+2F00..U+2FD5, which
// PDF text extraction often produces instead of the ordinary ideographs.
var indKangxi = []rune("一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠")

// indRoman is the NFKC mapping of U+2160..U+216F (and U+2170..U+217F), lower-cased.
var indRoman = []string{"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "l", "c", "d", "m"}

// indFold applies the character-level part of indKey.
func indFold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			r -= 0xFEE0
		case r == 0xFE59:
			r = '('
		case r == 0xFE5A:
			r = ')'
		case r == 0x2236: // RATIO ∶, used for 1∶1.2
			r = ':'
		case r >= 0x2F00 && int(r-0x2F00) < len(indKangxi):
			r = indKangxi[r-0x2F00]
		case r >= 0x2160 && r <= 0x217F:
			b.WriteString(indRoman[(r-0x2160)%16])
			continue
		}
		if r == ' ' { // a key ignores the word spaces normalised text keeps (PM 2.5)
			continue
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// SplitName separates an indicator name as printed into the name without a
// sub-row prefix (其中：) and a trailing unit in brackets, and that unit:
// 每千人口床位数（张） → 每千人口床位数, 张. sub reports the 其中 prefix.
func (c *IndicatorCodes) SplitName(raw string) (name, unit string, sub bool) {
	n := c.names
	name = raw
	if loc := n.subRow.FindStringIndex(raw); loc != nil {
		name, sub = raw[loc[1]:], true
	}
	if m := n.trailingParen.FindStringSubmatchIndex(name); m != nil {
		u := name[m[2]:m[3]]
		if n.unitParen.MatchString(u) {
			return strings.TrimSpace(name[:m[0]]), u, sub
		}
	}
	return name, "", sub
}

// IsSubRow reports whether a printed name opens with the sub-row prefix 其中.
func (c *IndicatorCodes) IsSubRow(raw string) bool { return c.names.subRow.MatchString(raw) }

// IsRate reports whether a name is a rate per population (每千人口…, 每万…):
// such a row is an indicator of its own, never part of a breakdown.
func (c *IndicatorCodes) IsRate(name string) bool { return c.names.rateHead.MatchString(name) }
