package rules

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/guihua-project/guihua/internal/docmodel"
	"unicode/utf8"
)

// facRulesJSON is the embedded facilities.json. A string, so it cannot be
// modified at run time.
//
//go:embed facilities.json
var facRulesJSON string

// Facility types, as used in the output contract's Facility.type.
const (
	FacilityGeneralHospital   = "general_hospital"
	FacilityTCMHospital       = "tcm_hospital"
	FacilityMaternalChild     = "maternal_child"
	FacilityTownshipCenter    = "township_center"
	FacilityCommunityCenter   = "community_center"
	FacilityCommunityStation  = "community_station"
	FacilityVillageClinic     = "village_clinic"
	FacilityCDC               = "cdc"
	FacilitySupervision       = "supervision"
	FacilityEmergency         = "emergency"
	FacilitySpecialtyHospital = "specialty_hospital"
	FacilityOther             = "other"
)

// FacilityRules classifies institution names, table group cells and total
// rows, and names what a sentence does to an institution. It is built from
// the embedded facilities.json by LoadFacilityRules, is immutable, and is
// safe for concurrent use.
type FacilityRules struct {
	patterns      []facPattern // longest first
	suffixes      []string     // facility-type suffixes, longest first
	branches      []string
	ordinalPrefix string
	ordinalChars  string
	totalsExact   map[string]bool
	totalsSuffix  []string
	private       []string
	public        []string
	actions       []facActionPattern // longest first
	gradeVerbs    []string
	gradeLinks    []string
	grades        []string // longest first
	lex           FacilityLexicon
}

// FacilityLexicon is the text vocabulary of facilities.json ("text"): what
// the segment package needs to find institution names in running text. All
// slices are fresh copies; changing them does not change the rules.
type FacilityLexicon struct {
	// Leads are multi-character words that precede a name and are never
	// part of it (依托, 推进, 加强 …).
	Leads []string
	// Hard are single characters that are never part of a name (的).
	Hard string
	// Numerals may not begin an organisation name without a place marker
	// (五大急救中心).
	Numerals string
	// Split are function characters after which a name may begin, anywhere
	// before the suffix (和 in 尘肺病康复站和泸县人民医院, 我 in 我县…).
	Split string
	// Soft are characters stripped only from the left edge of a candidate
	// (年 in 2025年泗阳医院, 个 in 1个县卫生健康监督所).
	Soft string
	// Generic are modifiers that turn a facility word into a category
	// (县级, 乡镇, 公立, 二级以上 …).
	Generic []string
	// Terms are health-sector words; like Leads and Generic they end a name
	// candidate on the left.
	Terms []string
	// PlaceMarkers end a place or organisation name (县, 镇, 街道, 大学 …).
	PlaceMarkers []FacilityPlaceMarker
	// OrgMax bounds an organisation name without a place marker (康达 in
	// 康达医院), in characters.
	OrgMax int
	// Bare are prefixes that alone name the plan's own county or city
	// (县 in 县人民医院).
	Bare []string
	// UniqueAfterBare are the suffixes that after a bare prefix denote the
	// one county/city institution (县疾病预防控制中心 but not 县卫生院).
	UniqueAfterBare []string
	// Ordinals are 第一 … 第十, allowed between a prefix and 人民医院.
	Ordinals []string
	// Abbreviations are suffixes such as 一院 (淮安一院), accepted only
	// after a clean two-character name.
	Abbreviations []string
	// AbbreviationStop are characters that, right after an abbreviation,
	// show it is not one (一院一策).
	AbbreviationStop string
	// Branches are branch markers after an institution name (分院), which
	// may be preceded by OrdinalPrefix and OrdinalChars (第一分院).
	Branches      []string
	OrdinalPrefix string
	OrdinalChars  string
}

// FacilityPlaceMarker is one place or organisation marker.
type FacilityPlaceMarker struct {
	Marker string
	// Level orders markers from province (1) down to village (5); the stem
	// before a marker stops at a marker of a smaller level.
	Level int
	// MaxStem is the longest name before the marker, in characters.
	MaxStem int
	// Exact requires the stem to reach the start of the candidate: nothing
	// may be dropped before it (村: 酌情增设村卫生室 is not a village).
	Exact bool
	// WordStem allows a common word as the stem (得胜镇, 太平镇).
	WordStem bool
}

type facPattern struct {
	text    string
	suffix  bool // suffix, else keyword (contained anywhere)
	typ     string
	order   int
	abbrev  bool
	runeLen int
}

type facActionPattern struct {
	text    string
	keyword string
}

type facFile struct {
	Comment json.RawMessage `json:"_comment,omitempty"`
	Types   []struct {
		Type         string          `json:"type"`
		Suffixes     []string        `json:"suffixes"`
		Keywords     []string        `json:"keywords"`
		Abbreviation bool            `json:"abbreviation,omitempty"`
		Comment      json.RawMessage `json:"_comment,omitempty"`
	} `json:"types"`
	Branch struct {
		Suffixes      []string `json:"suffixes"`
		OrdinalPrefix string   `json:"ordinal_prefix"`
		OrdinalChars  string   `json:"ordinal_chars"`
	} `json:"branch"`
	Totals struct {
		Exact    []string `json:"exact"`
		Suffixes []string `json:"suffixes"`
	} `json:"totals"`
	Ownership struct {
		Private []string `json:"private"`
		Public  []string `json:"public"`
	} `json:"ownership"`
	Actions struct {
		Keywords   []string          `json:"keywords"`
		Variants   map[string]string `json:"variants"`
		GradeVerbs []string          `json:"grade_verbs"`
		GradeLinks []string          `json:"grade_links"`
		Grades     []string          `json:"grades"`
	} `json:"actions"`
	Text struct {
		Comment      json.RawMessage `json:"_comment,omitempty"`
		Leads        []string        `json:"leads"`
		Hard         string          `json:"hard"`
		Numerals     string          `json:"numerals"`
		Split        string          `json:"split"`
		Soft         string          `json:"soft"`
		Generic      []string        `json:"generic"`
		Terms        []string        `json:"terms"`
		PlaceMarkers []struct {
			Marker   string `json:"marker"`
			Level    int    `json:"level"`
			MaxStem  int    `json:"max_stem"`
			Exact    bool   `json:"exact"`
			WordStem bool   `json:"word_stem"`
		} `json:"place_markers"`
		OrgMax           int      `json:"org_max"`
		Bare             []string `json:"bare"`
		UniqueAfterBare  []string `json:"unique_after_bare"`
		Ordinals         []string `json:"ordinals"`
		AbbreviationStop string   `json:"abbreviation_stop"`
	} `json:"text"`
}

func facKnownType(t string) bool {
	switch t {
	case FacilityGeneralHospital, FacilityTCMHospital, FacilityMaternalChild,
		FacilityTownshipCenter, FacilityCommunityCenter, FacilityCommunityStation,
		FacilityVillageClinic, FacilityCDC, FacilitySupervision,
		FacilityEmergency, FacilitySpecialtyHospital, FacilityOther:
		return true
	}
	return false
}

// LoadFacilityRules parses the embedded facilities.json. Every call returns
// a new, independent value; callers should load once and share it.
func LoadFacilityRules() (*FacilityRules, error) {
	return facParseRules([]byte(facRulesJSON))
}

func facParseRules(data []byte) (*FacilityRules, error) {
	var f facFile
	if err := decodeStrict("facilities.json", data, &f); err != nil {
		return nil, err
	}
	r := &FacilityRules{
		totalsExact:   map[string]bool{},
		ordinalPrefix: f.Branch.OrdinalPrefix,
		ordinalChars:  f.Branch.OrdinalChars,
	}
	seenSuffix := map[string]bool{}
	order := 0
	for _, t := range f.Types {
		if !facKnownType(t.Type) {
			return nil, fmt.Errorf("rules: facilities.json: unknown facility type %q", t.Type)
		}
		for _, s := range t.Suffixes {
			s = facNormalize(s)
			if s == "" {
				continue
			}
			r.patterns = append(r.patterns, facPattern{text: s, suffix: true, typ: t.Type, order: order, abbrev: t.Abbreviation, runeLen: utf8.RuneCountInString(s)})
			order++
			if !seenSuffix[s] {
				seenSuffix[s] = true
				r.suffixes = append(r.suffixes, s)
			}
			if t.Abbreviation {
				r.lex.Abbreviations = append(r.lex.Abbreviations, s)
			}
		}
		for _, k := range t.Keywords {
			k = facNormalize(k)
			if k == "" {
				continue
			}
			r.patterns = append(r.patterns, facPattern{text: k, typ: t.Type, order: order, runeLen: utf8.RuneCountInString(k)})
			order++
		}
	}
	if len(r.patterns) == 0 {
		return nil, errors.New("rules: facilities.json: no facility type patterns")
	}
	sort.SliceStable(r.patterns, func(i, j int) bool {
		a, b := r.patterns[i], r.patterns[j]
		if a.runeLen != b.runeLen {
			return a.runeLen > b.runeLen
		}
		if a.suffix != b.suffix {
			return a.suffix
		}
		return a.order < b.order
	})
	facSortLongestFirst(r.suffixes)

	for _, b := range f.Branch.Suffixes {
		if b = facNormalize(b); b != "" {
			r.branches = append(r.branches, b)
		}
	}
	for _, e := range f.Totals.Exact {
		r.totalsExact[facNormalize(e)] = true
	}
	r.totalsSuffix = facCleanList(f.Totals.Suffixes)
	r.private = facCleanList(f.Ownership.Private)
	r.public = facCleanList(f.Ownership.Public)

	for _, k := range f.Actions.Keywords {
		if k = facNormalize(k); k != "" {
			r.actions = append(r.actions, facActionPattern{text: k, keyword: k})
		}
	}
	for v, k := range f.Actions.Variants {
		v, k = facNormalize(v), facNormalize(k)
		if v != "" && k != "" {
			r.actions = append(r.actions, facActionPattern{text: v, keyword: k})
		}
	}
	sort.SliceStable(r.actions, func(i, j int) bool {
		a, b := r.actions[i], r.actions[j]
		if len(a.text) != len(b.text) {
			return len(a.text) > len(b.text)
		}
		return a.text < b.text // map order is random: keep the result stable
	})
	r.gradeVerbs = facCleanList(f.Actions.GradeVerbs)
	r.gradeLinks = facCleanList(f.Actions.GradeLinks)
	r.grades = facCleanList(f.Actions.Grades)

	t := f.Text
	r.lex.Leads = facCleanList(t.Leads)
	r.lex.Soft = t.Soft
	r.lex.Split = t.Split
	r.lex.Hard = t.Hard
	r.lex.Numerals = t.Numerals
	r.lex.Generic = facCleanList(t.Generic)
	r.lex.Terms = facCleanList(t.Terms)
	for _, m := range t.PlaceMarkers {
		if m.Marker == "" || m.MaxStem <= 0 {
			return nil, fmt.Errorf("rules: facilities.json: bad place marker %q", m.Marker)
		}
		r.lex.PlaceMarkers = append(r.lex.PlaceMarkers, FacilityPlaceMarker{Marker: m.Marker, Level: m.Level, MaxStem: m.MaxStem, Exact: m.Exact, WordStem: m.WordStem})
	}
	sort.SliceStable(r.lex.PlaceMarkers, func(i, j int) bool {
		return len(r.lex.PlaceMarkers[i].Marker) > len(r.lex.PlaceMarkers[j].Marker)
	})
	r.lex.OrgMax = t.OrgMax
	if r.lex.OrgMax <= 0 {
		r.lex.OrgMax = 4
	}
	r.lex.Bare = facCleanList(t.Bare)
	r.lex.UniqueAfterBare = facCleanList(t.UniqueAfterBare)
	r.lex.Ordinals = facCleanList(t.Ordinals)
	r.lex.AbbreviationStop = t.AbbreviationStop
	r.lex.Branches = r.branches
	r.lex.OrdinalPrefix = r.ordinalPrefix
	r.lex.OrdinalChars = r.ordinalChars
	return r, nil
}

// Type returns the facility type of an institution name: tcm_hospital,
// maternal_child, township_center, community_center, community_station,
// village_clinic, cdc, supervision, emergency, specialty_hospital,
// general_hospital, or other. Whitespace in the name is ignored; a trailing
// branch marker (庞口镇中心卫生院第一分院) gives the type of the main
// institution.
func (r *FacilityRules) Type(name string) string {
	if r == nil {
		return FacilityOther
	}
	n := name
	if t := r.typeOf(n); t != FacilityOther {
		return t
	}
	if base, ok := r.stripBranch(n); ok {
		return r.typeOf(base)
	}
	return FacilityOther
}

func (r *FacilityRules) typeOf(n string) string {
	if n == "" {
		return FacilityOther
	}
	for _, p := range r.patterns {
		if p.suffix && strings.HasSuffix(n, p.text) {
			if p.abbrev && n == p.text {
				continue // 一院 alone is not a name
			}
			return p.typ
		}
		if !p.suffix && strings.Contains(n, p.text) {
			return p.typ
		}
	}
	return FacilityOther
}

// stripBranch removes a trailing branch marker such as 第一分院.
func (r *FacilityRules) stripBranch(n string) (string, bool) {
	for _, b := range r.branches {
		if !strings.HasSuffix(n, b) {
			continue
		}
		base := strings.TrimSuffix(n, b)
		base = strings.TrimRightFunc(base, func(c rune) bool { return strings.ContainsRune(r.ordinalChars, c) })
		base = strings.TrimSuffix(base, r.ordinalPrefix)
		if base != "" {
			return base, true
		}
	}
	return "", false
}

// BranchLen returns the length in bytes of a branch marker (第一分院, 分院)
// at the start of s, or 0.
func (r *FacilityRules) BranchLen(s string) int {
	if r == nil {
		return 0
	}
	i := 0
	if r.ordinalPrefix != "" && strings.HasPrefix(s, r.ordinalPrefix) {
		j := len(r.ordinalPrefix)
		for j < len(s) {
			c, size := utf8.DecodeRuneInString(s[j:])
			if c == utf8.RuneError || !strings.ContainsRune(r.ordinalChars, c) {
				break
			}
			j += size
		}
		if j > len(r.ordinalPrefix) {
			i = j
		}
	}
	for _, b := range r.branches {
		if strings.HasPrefix(s[i:], b) {
			return i + len(b)
		}
	}
	return 0
}

// Ownership maps a table's group cell to "public" or "private", or "" when
// the cell says neither (基层医疗卫生机构). 非公立医院 is private.
func (r *FacilityRules) Ownership(category string) string {
	if r == nil {
		return ""
	}
	c := category
	for _, k := range r.private {
		if strings.Contains(c, k) {
			return "private"
		}
	}
	for _, k := range r.public {
		if strings.Contains(c, k) {
			return "public"
		}
	}
	return ""
}

// Suffixes returns the facility-type suffixes (医院, 中心卫生院,
// 社区卫生服务中心 …), longest first, as a new slice.
func (r *FacilityRules) Suffixes() []string {
	if r == nil {
		return nil
	}
	return append([]string(nil), r.suffixes...)
}

// IsTotal reports whether a table row name is a total (合计, 总计, 小计,
// 高阳县总数, 全县合计, 全市…总数) rather than an institution.
func (r *FacilityRules) IsTotal(name string) bool {
	if r == nil {
		return false
	}
	n := name
	if n == "" {
		return false
	}
	if r.totalsExact[n] {
		return true
	}
	for _, s := range r.totalsSuffix {
		if strings.HasSuffix(n, s) {
			return true
		}
	}
	return false
}

// Actions lists what a sentence does to an institution — 新建, 迁建,
// 改扩建, 扩建, 改建, 改造提升, 提升, 创建三级甲等, 创成二级 … — in order of
// appearance, each once. At each position the longest keyword wins, so
// 改扩建 is not also reported as 扩建. A grade verb, an optional link (为,
// 成, quotes) and a grade are reported joined without the link: 创建为三级甲等
// gives 创建三级甲等.
func (r *FacilityRules) Actions(sentence string) []string {
	if r == nil {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	s := sentence
	for i := 0; i < len(s); {
		if k, n := r.gradeAction(s[i:]); n > 0 {
			add(k)
			i += n
			continue
		}
		matched := false
		for _, a := range r.actions {
			if strings.HasPrefix(s[i:], a.text) {
				add(a.keyword)
				i += len(a.text)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return out
}

// gradeAction matches 创建为三级甲等 at the start of s and returns the
// keyword (创建三级甲等) and the bytes consumed.
func (r *FacilityRules) gradeAction(s string) (string, int) {
	for _, v := range r.gradeVerbs {
		if !strings.HasPrefix(s, v) {
			continue
		}
		j := len(v)
		for k := 0; k < 3; k++ {
			linked := false
			for _, l := range r.gradeLinks {
				if strings.HasPrefix(s[j:], l) {
					j += len(l)
					linked = true
					break
				}
			}
			if !linked {
				break
			}
		}
		for _, g := range r.grades {
			if strings.HasPrefix(s[j:], g) {
				return v + g, j + len(g)
			}
		}
	}
	return "", 0
}

// Lexicon returns the text vocabulary of the rules (copies).
func (r *FacilityRules) Lexicon() FacilityLexicon {
	if r == nil {
		return FacilityLexicon{}
	}
	l := r.lex
	l.Leads = append([]string(nil), l.Leads...)
	l.Generic = append([]string(nil), l.Generic...)
	l.Terms = append([]string(nil), l.Terms...)
	l.PlaceMarkers = append([]FacilityPlaceMarker(nil), l.PlaceMarkers...)
	l.Bare = append([]string(nil), l.Bare...)
	l.UniqueAfterBare = append([]string(nil), l.UniqueAfterBare...)
	l.Ordinals = append([]string(nil), l.Ordinals...)
	l.Abbreviations = append([]string(nil), l.Abbreviations...)
	l.Branches = append([]string(nil), l.Branches...)
	return l
}

// facNormalize normalises a word of facilities.json the way the document
// model normalises text (docmodel.Normalize), so that rule words and names
// read from a plan compare equal. Names passed to the methods are already
// normalised by the reader.
func facNormalize(s string) string { return docmodel.Normalize(s) }

func facCleanList(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		s = facNormalize(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	facSortLongestFirst(out)
	return out
}

func facSortLongestFirst(s []string) {
	sort.SliceStable(s, func(i, j int) bool { return len(s[i]) > len(s[j]) })
}
