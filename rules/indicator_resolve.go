package rules

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// indicator_sources.json lists the documents the concepts come from.
//
//go:embed indicator_sources.json
var indSourcesJSON []byte

// IndicatorSource is one document the concepts of indicators.json are
// taken from (indicator_sources.json).
type IndicatorSource struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Kind  string `json:"kind"`
	URL   string `json:"url"`
	Note  string `json:"note,omitempty"`
}

type indSourcesFile struct {
	Sources []IndicatorSource `json:"sources"`
	Comment string            `json:"_comment,omitempty"`
}

func indLoadSources(data []byte) ([]IndicatorSource, error) {
	const file = "indicator_sources.json"
	var f indSourcesFile
	if err := decodeStrict(file, data, &f); err != nil {
		return nil, err
	}
	if err := emptyKey(file, "sources", len(f.Sources)); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, s := range f.Sources {
		if !indSnakeCase.MatchString(s.ID) || seen[s.ID] || strings.TrimSpace(s.Title) == "" {
			return nil, fmt.Errorf("rules: %s: source %q: id must be snake_case and unique, title not empty", file, s.ID)
		}
		seen[s.ID] = true
	}
	return f.Sources, nil
}

// Source returns the document with the given id (a concept's Sources).
func (c *IndicatorCodes) Source(id string) (IndicatorSource, bool) {
	s, ok := c.sources[id]
	return s, ok
}

// indexScales checks and indexes the scale and unit rules of
// indicator_names.json.
func (n *indNames) indexScales(file string) error {
	for key, l := range map[string]int{"footnote_marks": len(n.FootnoteMarks), "scale_prefixes": len(n.ScalePrefixes),
		"unit_kinds": len(n.UnitKinds), "scales": len(n.Scales), "column_scales": len(n.ColumnScales)} {
		if err := emptyKey(file, key, l); err != nil {
			return err
		}
	}
	n.scales = map[string]bool{}
	for _, s := range n.Scales {
		n.scales[s] = true
	}
	n.charFolds = map[rune]rune{}
	for _, f := range n.CharFolds {
		from, to := []rune(f[0]), []rune(f[1])
		if len(from) != 1 || len(to) != 1 {
			return fmt.Errorf("rules: %s: char_folds: %q → %q is not one character to one", file, f[0], f[1])
		}
		n.charFolds[from[0]] = to[0]
	}
	n.footnotes = map[rune]bool{}
	for _, r := range n.FootnoteMarks {
		n.footnotes[r] = true
	}
	// Longest prefix first, so 每千人口 wins over 每千人.
	sort.SliceStable(n.ScalePrefixes, func(i, j int) bool { return len(n.ScalePrefixes[i][0]) > len(n.ScalePrefixes[j][0]) })
	for _, p := range n.ScalePrefixes {
		if p[0] == "" || p[1] == "" {
			return fmt.Errorf("rules: %s: scale_prefixes: empty prefix or scale", file)
		}
	}
	n.unitKind = map[string]string{}
	kinds := make([]string, 0, len(n.UnitKinds))
	for k := range n.UnitKinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		for _, u := range n.UnitKinds[kind] {
			fu := indFoldUnit(u)
			if other, dup := n.unitKind[fu]; dup && other != kind {
				return fmt.Errorf("rules: %s: unit_kinds: unit %q is both %s and %s", file, u, other, kind)
			}
			n.unitKind[fu] = kind
		}
	}
	return nil
}

// foldMarks applies char_folds and removes footnote markers.
func (n *indNames) foldMarks(k string) string {
	var b strings.Builder
	b.Grow(len(k))
	for _, r := range k {
		if n.footnotes[r] {
			continue
		}
		if to, ok := n.charFolds[r]; ok {
			r = to
		}
		b.WriteRune(r)
	}
	return b.String()
}

// indFoldUnit is the comparable form of a printed unit: full-width folded,
// without brackets, white space and a leading 单位:.
func indFoldUnit(u string) string {
	k := indFold(u)
	k = strings.TrimPrefix(k, "单位:")
	k = strings.Trim(k, "()")
	return k
}

// nameUnit is the unit printed in brackets at the end of a name, "" when
// there is none.
func (n *indNames) nameUnit(name string) string {
	m := n.trailingParen.FindStringSubmatch(name)
	if m == nil || !n.unitParen.MatchString(m[1]) {
		return ""
	}
	return m[1]
}

// kindOf returns the kind of a printed unit ("" for a unit no kind lists).
func (n *indNames) kindOf(unit string) string {
	return n.unitKind[indFoldUnit(unit)]
}

// parseScale reads the structure of a normalised name: the scale its
// population prefix gives (每千人口 → per_1k) and the subject after it
// (执业(助理)医师). Without a prefix, a per-capita unit (张/千人) gives the
// scale and the whole key is the subject.
func (n *indNames) parseScale(key, unit string) (scale, subject string, ok bool) {
	for _, p := range n.ScalePrefixes {
		if rest, found := strings.CutPrefix(key, p[0]); found {
			rest = strings.TrimPrefix(rest, "拥有")
			if rest == "" {
				return "", "", false
			}
			return p[1], rest, true
		}
	}
	switch kind := n.kindOf(unit); kind {
	case "per_1k", "per_10k", "per_100k":
		return kind, key, true
	}
	return "", "", false
}

// indexSubject adds a variant key of a per-capita concept to bySubject.
func (c *IndicatorCodes) indexSubject(k string, i int) error {
	scale, subject, ok := c.names.parseScale(k, "")
	if !ok {
		return nil
	}
	if scale != c.concepts[i].Basis.Scale {
		return fmt.Errorf("the name reads as %s, the basis says %s", scale, c.concepts[i].Basis.Scale)
	}
	m := c.bySubject[subject]
	if m == nil {
		m = map[string]int{}
		c.bySubject[subject] = m
	}
	if j, dup := m[scale]; dup && j != i {
		return fmt.Errorf("subject %q at %s is also %s", subject, scale, c.concepts[j].Code)
	}
	m[scale] = i
	return nil
}

// structural finds the concept of a per-capita name by its scale and
// subject, when the name is not a listed variant.
func (c *IndicatorCodes) structural(key, unit string) (int, bool) {
	scale, subject, ok := c.names.parseScale(key, unit)
	if !ok {
		return -1, false
	}
	i, ok := c.bySubject[subject][scale]
	return i, ok
}

// IndicatorQuery is one indicator row to code.
type IndicatorQuery struct {
	Name    string   // as printed: 其中 prefix, unit in brackets and all
	Parent  string   // the printed name of the row it breaks down, "" for none
	Unit    string   // the row's unit (its unit column, or a unit printed in its values); "" for none
	Columns []string // the headers of its value columns (2020年每千人口 …), for the scale they state
}

// IndicatorResolution is the answer of Resolve: a concept (OK), or no code
// and, when the name matched on words but not safely, the candidate codes
// and why none was taken.
type IndicatorResolution struct {
	Concept    IndicatorConcept
	OK         bool
	Candidates []string
	Reason     string
}

// Resolve codes one indicator row. In order: a generic sub-row name under
// its parent (公立医院 under a beds row), a listed variant (after
// normalisation), the structure of a per-capita name (scale + subject). A
// match must agree with the row's unit (‰ never matches a % concept), with
// a per-capita scale stated in the value column headers, and a sub-row
// never takes its parent's code. A name that matches on words only (another
// scale or population, a unit of another kind, the end of a longer name of
// one or more concepts) gets no code; its candidates and the reason are
// returned, for a warning.
func (c *IndicatorCodes) Resolve(q IndicatorQuery) IndicatorResolution {
	n := c.names
	key := n.key(q.Name)
	if key == "" {
		return IndicatorResolution{}
	}
	unit := q.Unit
	if unit == "" {
		unit = n.nameUnit(q.Name)
	}
	parent, hasParent := c.resolveParent(q.Parent)
	idx := -1
	if hasParent {
		if i, ok := c.sub[c.concepts[parent].Code][key]; ok {
			idx = i
		}
	}
	if idx < 0 {
		if i, ok := c.byKey[key]; ok {
			idx = i
		}
	}
	if idx < 0 {
		if i, ok := c.structural(key, unit); ok {
			idx = i
		}
	}
	if idx < 0 {
		return c.unmatched(key, unit)
	}
	if !c.unitFits(idx, unit) {
		// a count name with a per-capita unit (床位数, 张/千人) reads as the rate
		if i, ok := c.structural(key, unit); ok && c.unitFits(i, unit) {
			idx = i
		}
	}
	con := c.concepts[idx]
	if !c.unitFits(idx, unit) {
		return c.refuse(fmt.Sprintf("unit %s does not fit %s (%s)", unit, con.Code, strings.Join(con.Units, ", ")), idx)
	}
	if colScale := n.columnScale(q.Columns); colScale != "" && con.Basis.Scale == "count" {
		cands := []int{idx}
		if i, ok := c.bySubject[key][colScale]; ok {
			cands = append(cands, i)
		}
		return c.refuse("the value columns are "+colScale+" but the name is a count", cands...)
	}
	if hasParent && parent == idx {
		return c.refuse("a sub-row never takes the code of the row it breaks down", idx)
	}
	return IndicatorResolution{Concept: c.concept(idx), OK: true}
}

// unmatched gathers the candidates of a name that is no variant: the same
// subject at another scale or population, or concepts whose names end with
// it (a truncated or generic name).
func (c *IndicatorCodes) unmatched(key, unit string) IndicatorResolution {
	if scale, subject, ok := c.names.parseScale(key, unit); ok {
		if m := c.bySubject[subject]; len(m) > 0 {
			cands := make([]int, 0, len(m))
			for _, i := range m {
				cands = append(cands, i)
			}
			return c.refuse("the name reads as "+scale+", which no concept of that subject has", cands...)
		}
	}
	if len([]rune(key)) < 2 {
		return IndicatorResolution{}
	}
	var cands []int
	for _, o := range c.keys {
		if o.key != key && strings.HasSuffix(o.key, key) && !slices.Contains(cands, o.i) {
			cands = append(cands, o.i)
		}
	}
	if len(cands) == 0 {
		return IndicatorResolution{}
	}
	reason := "the name is the end of a longer name"
	if len(cands) > 1 {
		reason = "the name is the end of the names of several concepts"
	}
	return c.refuse(reason, cands...)
}

// refuse is a resolution without a code, naming the candidates.
func (c *IndicatorCodes) refuse(reason string, cands ...int) IndicatorResolution {
	r := IndicatorResolution{Reason: reason}
	for _, i := range cands {
		if code := c.concepts[i].Code; !slices.Contains(r.Candidates, code) {
			r.Candidates = append(r.Candidates, code)
		}
	}
	sort.Strings(r.Candidates)
	return r
}

// unitFits reports whether a printed unit may be a unit of concept i: no
// unit, a unit of a kind no rule lists, or a unit of the kind of one of the
// concept's units.
func (c *IndicatorCodes) unitFits(i int, unit string) bool {
	kind := c.names.kindOf(unit)
	if strings.TrimSpace(unit) == "" || kind == "" {
		return true
	}
	for _, u := range c.concepts[i].Units {
		if c.names.kindOf(u) == kind {
			return true
		}
	}
	return false
}

// columnScale is the per-capita scale the value column headers state
// (2020年每千人口 → per_1k), "" when none or more than one does.
func (n *indNames) columnScale(cols []string) string {
	scale := ""
	for _, col := range cols {
		k := indFold(col)
		for _, p := range n.ColumnScales {
			if strings.Contains(k, p[0]) {
				if scale != "" && scale != p[1] {
					return ""
				}
				scale = p[1]
				break
			}
		}
	}
	return scale
}
