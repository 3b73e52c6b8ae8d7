package rules

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

//go:embed document.json
var documentJSON []byte

// Metadata fields: the keys of DocumentRules' meta_labels, and the keys of
// docmodel.Document.Meta under which readers store a page's labelled
// metadata.
const (
	FieldTitle     = "title"      // 标题, 文件名称
	FieldIssuer    = "issuer"     // 发文机关, 发布机构
	FieldDate      = "date"       // 成文日期: the date the document was signed
	FieldPublished = "published"  // 发布日期: the date a page was put online
	FieldIndex     = "index"      // 索引号
	FieldDocNumber = "doc_number" // 发文字号
)

// DocumentRules is the vocabulary of a plan's front matter: plan and draft
// words, issuing bodies, metadata labels, notice headlines, dates, periods
// and region names. Every method takes normalised text (docmodel.Normalize).
// Built by LoadDocumentRules; immutable and safe for concurrent use.
type DocumentRules struct {
	f          documentFile
	num        *Numerals
	labelField map[string]string // printed label → field ("" for page labels)
	labels     []string          // every label, longest first
	labelRe    *regexp.Regexp    // a label and its colon
	notices    []noticeRule
	docNumber  *regexp.Regexp
	adoption   *regexp.Regexp
	dateLine   *regexp.Regexp
	dateIn     *regexp.Regexp
	cnDateLine *regexp.Regexp
	yearRange  *regexp.Regexp
	fivePlan   *regexp.Regexp
}

type documentFile struct {
	Comment        json.RawMessage     `json:"_comment,omitempty"`
	PlanWords      []string            `json:"plan_words"`
	DraftWords     []string            `json:"draft_words"`
	IssuerSuffixes []string            `json:"issuer_suffixes"`
	MetaLabels     map[string][]string `json:"meta_labels"`
	PageLabels     []string            `json:"page_labels"`
	Notices        []struct {
		Pattern string `json:"pattern"`
		Kind    string `json:"kind"`
	} `json:"notices"`
	DocNumber          string   `json:"doc_number"`
	AdoptionNote       string   `json:"adoption_note"`
	SignatureMaxRunes  int      `json:"signature_date_max_runes"`
	PageTitleSeps      []string `json:"page_title_separators"`
	SiteNameSuffixes   []string `json:"site_name_suffixes"`
	DateLine           string   `json:"date_line"`
	DateIn             string   `json:"date_in"`
	CNDateLine         string   `json:"cn_date_line"`
	YearRange          string   `json:"year_range"`
	FiveYearPlan       string   `json:"five_year_plan"`
	GenericRegionWords []string `json:"generic_region_words"`
}

// LoadDocumentRules parses the embedded document rules.
func LoadDocumentRules() (*DocumentRules, error) {
	num, err := LoadNumerals()
	if err != nil {
		return nil, err
	}
	return parseDocumentRules(documentJSON, num)
}

func parseDocumentRules(data []byte, num *Numerals) (*DocumentRules, error) {
	const file = "document.json"
	d := &DocumentRules{num: num, labelField: map[string]string{}}
	if err := decodeStrict(file, data, &d.f); err != nil {
		return nil, err
	}
	f := &d.f
	for _, c := range []struct {
		key string
		n   int
	}{{"plan_words", len(f.PlanWords)}, {"draft_words", len(f.DraftWords)}, {"issuer_suffixes", len(f.IssuerSuffixes)},
		{"meta_labels", len(f.MetaLabels)}} {
		if err := emptyKey(file, c.key, c.n); err != nil {
			return nil, err
		}
	}
	for field, labels := range f.MetaLabels {
		switch field {
		case FieldTitle, FieldIssuer, FieldDate, FieldPublished, FieldIndex, FieldDocNumber:
		default:
			return nil, fmt.Errorf("rules: %s: meta_labels: unknown field %q", file, field)
		}
		for _, l := range labels {
			d.labelField[l] = field
		}
	}
	for _, l := range f.PageLabels {
		if _, dup := d.labelField[l]; dup {
			return nil, fmt.Errorf("rules: %s: page_labels: %q is also a meta label", file, l)
		}
		d.labelField[l] = ""
	}
	for l := range d.labelField {
		d.labels = append(d.labels, l)
	}
	sort.Slice(d.labels, func(i, j int) bool {
		if len(d.labels[i]) != len(d.labels[j]) {
			return len(d.labels[i]) > len(d.labels[j])
		}
		return d.labels[i] < d.labels[j]
	})
	quoted := make([]string, len(d.labels))
	for i, l := range d.labels {
		quoted[i] = regexp.QuoteMeta(l)
	}
	d.labelRe = regexp.MustCompile(`(` + strings.Join(quoted, "|") + `)\s*[:：]`)
	for _, p := range []struct {
		key, src string
		dst      **regexp.Regexp
		groups   int
	}{
		{"doc_number", f.DocNumber, &d.docNumber, 0},
		{"adoption_note", f.AdoptionNote, &d.adoption, 0},
		{"date_line", f.DateLine, &d.dateLine, 3},
		{"date_in", f.DateIn, &d.dateIn, 3},
		{"cn_date_line", f.CNDateLine, &d.cnDateLine, 3},
		{"year_range", f.YearRange, &d.yearRange, 2},
		{"five_year_plan", f.FiveYearPlan, &d.fivePlan, 1},
	} {
		re, err := compileRule(file, p.key, p.src, p.groups)
		if err != nil {
			return nil, err
		}
		*p.dst = re
	}
	for i, n := range f.Notices {
		key := fmt.Sprintf("notices[%d]", i)
		if n.Kind != NoticeIssue && n.Kind != NoticeComment {
			return nil, fmt.Errorf("rules: %s: key %q: kind %q is neither %q nor %q", file, key, n.Kind, NoticeIssue, NoticeComment)
		}
		re, err := compileRule(file, key+".pattern", n.Pattern, 2)
		if err != nil {
			return nil, err
		}
		if re.SubexpIndex("issuer") != 1 || re.SubexpIndex("title") != 2 {
			return nil, fmt.Errorf("rules: %s: key %q: needs the groups (?P<issuer>…) then (?P<title>…)", file, key)
		}
		d.notices = append(d.notices, noticeRule{re, n.Kind})
	}
	if err := emptyKey(file, "notices", len(d.notices)); err != nil {
		return nil, err
	}
	return d, nil
}

// NamesPlan reports whether s holds a plan word (规划, 计划, 方案, 纲要).
func (d *DocumentRules) NamesPlan(s string) bool { return containsAny(s, d.f.PlanWords) }

// HasDraftWord reports whether s holds a draft word (征求意见稿, 草案 …).
func (d *DocumentRules) HasDraftWord(s string) bool { return containsAny(s, d.f.DraftWords) }

// IsDraftMarker reports whether s is a draft word alone, possibly in
// brackets: （征求意见稿）.
func (d *DocumentRules) IsDraftMarker(s string) bool {
	return slices.Contains(d.f.DraftWords, strings.Trim(s, "（）() "))
}

// EndsWithIssuer reports whether s ends with the name of an issuing body
// (…人民政府办公室, …卫生健康局) and is more than that suffix.
func (d *DocumentRules) EndsWithIssuer(s string) bool {
	for _, suf := range d.f.IssuerSuffixes {
		if strings.HasSuffix(s, suf) && s != suf {
			return true
		}
	}
	return false
}

// MetadataField returns the field a printed metadata label names (标题 →
// title, 发布机构 → issuer); known is true for every label of a page's
// metadata block, with field "" for labels that are not a field (主题分类).
func (d *DocumentRules) MetadataField(label string) (field string, known bool) {
	field, known = d.labelField[strings.TrimRight(label, ":：")]
	return field, known
}

// MetaLabels returns every known metadata label, longest first.
func (d *DocumentRules) MetaLabels() []string { return slices.Clone(d.labels) }

// MetaPair is one label: value pair of a metadata line.
type MetaPair struct {
	Label, Field, Value string
}

// MetaPairs reads the label: value pairs of a line that opens with a known
// metadata label (索引号：… 发文机关：… on one line gives two); nil when the
// line does not open with one.
func (d *DocumentRules) MetaPairs(line string) []MetaPair {
	locs := d.labelRe.FindAllStringSubmatchIndex(line, -1)
	if len(locs) == 0 || locs[0][0] != 0 {
		return nil
	}
	var out []MetaPair
	for k, loc := range locs {
		end := len(line)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		label := line[loc[2]:loc[3]]
		value := strings.Trim(line[loc[1]:end], " |｜丨") // pairs may be separated by bars
		out = append(out, MetaPair{Label: label, Field: d.labelField[label], Value: value})
	}
	return out
}

// OpensWithMetaLabel reports whether s opens with a metadata label and colon.
func (d *DocumentRules) OpensWithMetaLabel(s string) bool {
	loc := d.labelRe.FindStringIndex(s)
	return loc != nil && loc[0] == 0
}

// Notice kinds.
const (
	NoticeIssue   = "issue"   // 关于印发: the notice issues the plan; its date is the plan's
	NoticeComment = "comment" // 关于征求意见: the notice asks for comments; its date is its own
)

type noticeRule struct {
	re   *regexp.Regexp
	kind string
}

// NoticeHeadline is a notice headline read by Notice.
type NoticeHeadline struct {
	Issuer string // the body printed before 关于, "" when none
	Title  string // the plan the notice concerns, without 《》
	Kind   string // NoticeIssue or NoticeComment
}

// Notice reads a notice headline — XX县人民政府办公室关于印发《…》的通知,
// with or without 《》, or 关于公开征求《…》意见的通知; ok is false when s is
// not one.
func (d *DocumentRules) Notice(s string) (NoticeHeadline, bool) {
	for _, n := range d.notices {
		if m := n.re.FindStringSubmatch(s); m != nil {
			title := m[2]
			if strings.HasPrefix(title, "《") && strings.HasSuffix(title, "》") && strings.Count(title, "《") == 1 {
				title = strings.TrimSuffix(strings.TrimPrefix(title, "《"), "》")
			}
			return NoticeHeadline{Issuer: m[1], Title: title, Kind: n.kind}, title != ""
		}
	}
	return NoticeHeadline{}, false
}

// IsDocNumber reports a document number line (望政办发〔2022〕8号).
func (d *DocumentRules) IsDocNumber(s string) bool { return d.docNumber.MatchString(s) }

// AdoptionDate reads the date of an adoption note printed under a title —
// （2022年3月1日经县政府常务会议审议通过） — as YYYY-MM-DD; "" when s is
// not such a note.
func (d *DocumentRules) AdoptionDate(s string) string {
	if !d.adoption.MatchString(s) {
		return ""
	}
	return d.DateIn(s)
}

// Signature reads a signature line that ends with a date: the date alone
// (2022年10月21日, 二〇二二年十月二十一日), or an issuing body followed by the
// date on the same line (准格尔旗人民政府办公室2022年10月21日). issuer is ""
// for a date alone; ok is false when s is neither.
func (d *DocumentRules) Signature(s string) (issuer, date string, ok bool) {
	if inner, found := strings.CutPrefix(s, "（"); found {
		s = strings.TrimSuffix(inner, "）") // a date in brackets under a title: （2022年3月1日）
	} else if inner, found := strings.CutPrefix(s, "("); found {
		s = strings.TrimSuffix(inner, ")")
	}
	if date = d.DateLine(s); date != "" {
		return "", date, true
	}
	if utf8.RuneCountInString(s) > d.f.SignatureMaxRunes {
		return "", "", false
	}
	// try every split point: the longest issuer whose rest is a date line
	for i := range s {
		if i == 0 {
			continue
		}
		if date = d.DateLine(s[i:]); date != "" && d.EndsWithIssuer(s[:i]) {
			return s[:i], date, true
		}
	}
	return "", "", false
}

// DateLine reads a line that is a date and nothing else, in Arabic or
// Chinese numerals (2022年3月1日, 二〇二二年三月一日), as YYYY-MM-DD; "" when
// the line is not a valid date.
func (d *DocumentRules) DateLine(s string) string {
	if m := d.dateLine.FindStringSubmatch(s); m != nil {
		return isoDate(m[1], m[2], m[3])
	}
	m := d.cnDateLine.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	y, ok1 := d.num.Parse(m[1])
	mo, ok2 := d.num.Parse(m[2])
	da, ok3 := d.num.Parse(m[3])
	if !ok1 || !ok2 || !ok3 {
		return ""
	}
	return isoDate(strconv.Itoa(y), strconv.Itoa(mo), strconv.Itoa(da))
}

// DateIn returns the first date written with Arabic digits inside s
// (2022年3月1日, 2022-03-01, 2022/3/1) as YYYY-MM-DD, "" when none.
func (d *DocumentRules) DateIn(s string) string {
	if m := d.dateIn.FindStringSubmatch(s); m != nil {
		return isoDate(m[1], m[2], m[3])
	}
	return ""
}

func isoDate(ys, ms, ds string) string {
	y, _ := strconv.Atoi(ys)
	mo, _ := strconv.Atoi(ms)
	da, _ := strconv.Atoi(ds)
	if mo < 1 || mo > 12 || da < 1 || da > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, da)
}

// YearRange reads a year range (2021—2025年, 2021-2025) in s of at most
// maxYears years; ok is false when there is none.
func (d *DocumentRules) YearRange(s string, maxYears int) (start, end int, ok bool) {
	m := d.yearRange.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	if b <= a || b-a > maxYears {
		return 0, 0, false
	}
	return a, b, true
}

// PageTitle returns the plan title held in a web page's <title>: the first
// part, between separators (_ |), that names a plan, with a trailing site
// name (-某某县人民政府) cut off; "" when no part names a plan.
func (d *DocumentRules) PageTitle(s string) string {
	parts := []string{s}
	for _, sep := range d.f.PageTitleSeps {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if i := strings.LastIndexAny(p, "-—－"); i > 0 {
			if site := strings.TrimLeft(p[i:], "-—－ "); site != "" && d.siteName(site) {
				p = strings.TrimRight(p[:i], "-—－ ")
			}
		}
		if d.NamesPlan(p) {
			return p
		}
	}
	return ""
}

func (d *DocumentRules) siteName(s string) bool {
	for _, suf := range d.f.SiteNameSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// LatestFiveYearPlan reads the five-year plan with the highest ordinal named
// in s (a plan written in 2021 names the 十三五 it reviews and the 十四五 it
// plans: the latter is its own); ok is false when s names none.
func (d *DocumentRules) LatestFiveYearPlan(s string) (start, end int, ok bool) {
	for _, m := range d.fivePlan.FindAllStringSubmatch(s, -1) {
		if a, b, found := d.FiveYearPlan(m[0]); found && a > start {
			start, end, ok = a, b, true
		}
	}
	return start, end, ok
}

// FiveYearPlan reads the ordinal of a five-year plan named in s (十四五 →
// 2021–2025); ok is false when s names none.
func (d *DocumentRules) FiveYearPlan(s string) (start, end int, ok bool) {
	m := d.fivePlan.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, false
	}
	k, ok := d.num.Parse(m[1])
	if !ok || k < 1 || k > 9 {
		return 0, 0, false
	}
	ordinal := 10 + k
	start = 1966 + 5*(ordinal-3) // the third five-year plan began in 1966
	return start, start + 4, true
}

// IsGenericRegionWord reports a word that is also the name of a district
// (城区, 新区, 郊区) or a generic place word (全县, 县域): never a plan's
// region when found in running text.
func (d *DocumentRules) IsGenericRegionWord(s string) bool {
	return slices.Contains(d.f.GenericRegionWords, s)
}
