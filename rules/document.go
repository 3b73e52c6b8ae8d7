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
	// labelTok matches one delimited label: [label], 【label】 or label:.
	labelTok      *regexp.Regexp
	labelTokAt0   *regexp.Regexp // labelTok anchored at the start of a line
	labelMarks    string         // every labelTok match holds one: the colons and opening brackets
	noticeTail    *regexp.Regexp
	fivePlanOrd   *regexp.Regexp
	annualPlan    *regexp.Regexp
	horizon       *regexp.Regexp
	adoptionDated *regexp.Regexp
	attachment    *regexp.Regexp
	catalogue     *regexp.Regexp
	monthLine     *regexp.Regexp
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
	// Web pages' metadata blocks: more labels (field → printed labels, and
	// labels that are no field), the list bullets and label brackets they
	// are printed with (• [制定机关] 北京市人民政府).
	MoreMetaLabels map[string][]string `json:"more_meta_labels"`
	MorePageLabels []string            `json:"more_page_labels"`
	ListBullets    string              `json:"list_bullets"`
	LabelBrackets  []string            `json:"label_brackets"`
	// More notice headlines (关于下达…的通知, 关于《…》征求意见的通知,
	// 关于《…》的草案公示), and the document number and page date a page
	// prints after a headline's 的通知.
	MoreNotices []struct {
		Pattern string `json:"pattern"`
		Kind    string `json:"kind"`
	} `json:"more_notices"`
	NoticeTail string `json:"notice_tail"`
	// Periods: the five-year-plan ordinal written out (第十四个五年), an
	// annual plan's year (2021年…计划), a horizon year (健康北京2030).
	FiveYearPlanOrdinal string `json:"five_year_plan_ordinal"`
	AnnualPlan          string `json:"annual_plan"`
	HorizonYear         string `json:"horizon_year"`
	// AdoptionNoteDated: a note that opens with the date a meeting adopted
	// or approved the plan, with or without brackets.
	AdoptionNoteDated string `json:"adoption_note_dated"`
	// AttachmentName: a file name (…纲要.docx), never a title.
	// CatalogueNote: a document site's update note ((2022年更新)) that marks
	// a catalogue entry, never a title.
	AttachmentName string `json:"attachment_name"`
	CatalogueNote  string `json:"catalogue_note"`
	// Issuing bodies of any kind: the words that end an organ's name
	// (…局, …委员会, …办公室), the party prefix (中共…委), the separators
	// between joint issuers in a label value, and the one written out.
	OrganSuffixes        []string `json:"organ_suffixes"`
	PartyPrefix          string   `json:"party_prefix"`
	IssuerSeparators     string   `json:"issuer_separators"`
	JointIssuerSeparator string   `json:"joint_issuer_separator"`
	// MonthDateLine: a date without its day (2021年9月, 二〇二一年三月)
	// printed in a title block.
	MonthDateLine string `json:"month_date_line"`
	NoticeWord    string `json:"notice_word"`
	DayWord       string `json:"day_word"`
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
	for _, m := range []struct {
		key    string
		labels map[string][]string
	}{{"meta_labels", f.MetaLabels}, {"more_meta_labels", f.MoreMetaLabels}} {
		for field, labels := range m.labels {
			switch field {
			case FieldTitle, FieldIssuer, FieldDate, FieldPublished, FieldIndex, FieldDocNumber:
			default:
				return nil, fmt.Errorf("rules: %s: %s: unknown field %q", file, m.key, field)
			}
			for _, l := range labels {
				if old, dup := d.labelField[l]; dup && old != field {
					return nil, fmt.Errorf("rules: %s: %s: %q names two fields", file, m.key, l)
				}
				d.labelField[l] = field
			}
		}
	}
	for _, p := range []struct {
		key    string
		labels []string
	}{{"page_labels", f.PageLabels}, {"more_page_labels", f.MorePageLabels}} {
		for _, l := range p.labels {
			if field, dup := d.labelField[l]; dup && field != "" {
				return nil, fmt.Errorf("rules: %s: %s: %q is also a meta label", file, p.key, l)
			}
			d.labelField[l] = ""
		}
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
	var opens, closes strings.Builder
	d.labelMarks = ":："
	for i, pair := range f.LabelBrackets {
		rs := []rune(pair)
		if len(rs) != 2 {
			return nil, fmt.Errorf("rules: %s: label_brackets[%d]: %q is not an opening and a closing bracket", file, i, pair)
		}
		d.labelMarks += string(rs[0])
		opens.WriteString(regexp.QuoteMeta(string(rs[0])))
		closes.WriteString(regexp.QuoteMeta(string(rs[1])))
	}
	if opens.Len() == 0 {
		return nil, fmt.Errorf("rules: %s: key %q must not be empty", file, "label_brackets")
	}
	alt := strings.Join(quoted, "|")
	d.labelTok = regexp.MustCompile(`[` + opens.String() + `]\s*(` + alt + `)\s*[` + closes.String() + `]\s*[:：]?|(` + alt + `)\s*[:：]`)
	d.labelTokAt0 = regexp.MustCompile(`^(?:` + d.labelTok.String() + `)`)
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
		{"notice_tail", f.NoticeTail, &d.noticeTail, 1},
		{"five_year_plan_ordinal", f.FiveYearPlanOrdinal, &d.fivePlanOrd, 1},
		{"annual_plan", f.AnnualPlan, &d.annualPlan, 1},
		{"horizon_year", f.HorizonYear, &d.horizon, 1},
		{"adoption_note_dated", f.AdoptionNoteDated, &d.adoptionDated, 0},
		{"attachment_name", f.AttachmentName, &d.attachment, 0},
		{"catalogue_note", f.CatalogueNote, &d.catalogue, 0},
		{"month_date_line", f.MonthDateLine, &d.monthLine, 0},
	} {
		re, err := compileRule(file, p.key, p.src, p.groups)
		if err != nil {
			return nil, err
		}
		*p.dst = re
	}
	type noticeSpec = struct {
		key, pattern, kind string
	}
	var specs []noticeSpec
	for i, n := range f.Notices {
		specs = append(specs, noticeSpec{fmt.Sprintf("notices[%d]", i), n.Pattern, n.Kind})
	}
	for i, n := range f.MoreNotices {
		specs = append(specs, noticeSpec{fmt.Sprintf("more_notices[%d]", i), n.Pattern, n.Kind})
	}
	for _, n := range specs {
		key := n.key
		if n.kind != NoticeIssue && n.kind != NoticeComment {
			return nil, fmt.Errorf("rules: %s: key %q: kind %q is neither %q nor %q", file, key, n.kind, NoticeIssue, NoticeComment)
		}
		re, err := compileRule(file, key+".pattern", n.pattern, 2)
		if err != nil {
			return nil, err
		}
		if re.SubexpIndex("issuer") != 1 || re.SubexpIndex("title") != 2 {
			return nil, fmt.Errorf("rules: %s: key %q: needs the groups (?P<issuer>…) then (?P<title>…)", file, key)
		}
		d.notices = append(d.notices, noticeRule{re, n.kind})
	}
	if err := emptyKey(file, "notices", len(d.notices)); err != nil {
		return nil, err
	}
	for _, c := range []struct {
		key string
		n   int
	}{{"organ_suffixes", len(f.OrganSuffixes)}, {"party_prefix", len(f.PartyPrefix)},
		{"issuer_separators", len(f.IssuerSeparators)}, {"joint_issuer_separator", len(f.JointIssuerSeparator)}} {
		if err := emptyKey(file, c.key, c.n); err != nil {
			return nil, err
		}
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

// EndsWithIssuer reports whether s ends with the name of a usual issuing
// body of a plan (…人民政府办公室, …卫生健康局) and is more than that suffix.
// EndsWithOrgan accepts bodies of any kind.
func (d *DocumentRules) EndsWithIssuer(s string) bool {
	for _, suf := range d.f.IssuerSuffixes {
		if strings.HasSuffix(s, suf) && s != suf {
			return true
		}
	}
	return false
}

// EndsWithOrgan reports whether s ends with the word that ends an organ's
// name of any kind (…局, …委员会, …办公室, 中共…委, …部) and is more than that
// word. It does not tell a body's full name from an abbreviation (区民政局):
// the caller checks that the name opens with a place.
func (d *DocumentRules) EndsWithOrgan(s string) bool {
	for _, suf := range d.f.OrganSuffixes {
		if strings.HasSuffix(s, suf) && s != suf {
			return true
		}
	}
	return d.EndsWithIssuer(s)
}

// PartyPrefix is the prefix of a party committee's name (中共北京市委).
func (d *DocumentRules) PartyPrefix() string { return d.f.PartyPrefix }

// SplitIssuers splits a list of issuing bodies at its separators
// (肃南县政府办;肃南县民宗局 → two); empty parts are dropped.
func (d *DocumentRules) SplitIssuers(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune(d.f.IssuerSeparators, r) || r == ' '
	}) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// JoinIssuers writes joint issuers as one value, in their printed order,
// joined with the joint-issuer separator (、).
func (d *DocumentRules) JoinIssuers(list []string) string {
	return strings.Join(list, d.f.JointIssuerSeparator)
}

// IsAttachmentName reports a file name (…纲要.docx): an attachment link,
// never a title.
func (d *DocumentRules) IsAttachmentName(s string) bool { return d.attachment.MatchString(s) }

// HasCatalogueNote reports a document site's catalogue entry, marked by an
// update note at its end ((2022年更新)): never a title.
func (d *DocumentRules) HasCatalogueNote(s string) bool { return d.catalogue.MatchString(s) }

// HasDraftWordOutsideCitations reports a draft word in s outside the
// documents it cites in 《…》: a body that cites 《…计划草案的报告》 or
// 《…规划(初稿)》 is not itself a draft.
func (d *DocumentRules) HasDraftWordOutsideCitations(s string) bool {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '《':
			depth++
		case r == '》' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return d.HasDraftWord(b.String())
}

// EndsWithPlanWord reports whether a title is complete: it ends with a
// plan word (规划, 计划, 方案, 纲要), possibly followed by notes in brackets
// ((2021—2025年), （征求意见稿）) and closing quotes.
func (d *DocumentRules) EndsWithPlanWord(t string) bool {
	for {
		t = strings.TrimRight(t, "”\"’」』 ")
		if strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")") {
			open := strings.LastIndexAny(t, "（(")
			if open <= 0 {
				break
			}
			t = t[:open]
			continue
		}
		break
	}
	for _, w := range d.f.PlanWords {
		if strings.HasSuffix(t, w) {
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

// MetaPairs reads the label: value pairs of a line of a page's metadata
// block; nil when the line is none. A line may hold several pairs
// (索引号：… 发文机关：… gives two), open with a list bullet (•), print its
// labels in brackets ([制定机关] 北京市人民政府, 【发布机构】…), separate its
// cells with bars (发布机构: | 区政府办公室 | 发文日期: | …), or print its
// labels without colons once normalisation has glued them to their values
// (发布机构金乡县发展和改革局组配分类发展计划, 标题重庆市人民政府关于…的通知).
// A label alone on its line gives one pair with an empty value: its value
// is printed on the next line (see MetaLabelOnly).
func (d *DocumentRules) MetaPairs(line string) []MetaPair {
	s := d.trimBullets(line)
	if !d.labelTokAt0.MatchString(s) {
		return d.bareMetaPairs(s) // the common case: no label opens the line
	}
	locs := d.labelTok.FindAllStringSubmatchIndex(s, -1)
	if len(locs) > 0 && locs[0][0] == 0 {
		var out []MetaPair
		for k, loc := range locs {
			end := len(s)
			if k+1 < len(locs) {
				end = locs[k+1][0]
			}
			label := ""
			for g := 2; g+1 < len(loc); g += 2 {
				if loc[g] >= 0 {
					label = s[loc[g]:loc[g+1]]
					break
				}
			}
			out = append(out, MetaPair{Label: label, Field: d.labelField[label], Value: cellValue(s[loc[1]:end])})
		}
		return out
	}
	return d.bareMetaPairs(s)
}

// bareMetaPairs reads a line whose labels are printed without colons: it
// opens with a label, and is split at every further label of three or more
// characters (shorter label words occur inside values). The line is a
// metadata line only when it holds two labels or more, a field label with
// its value, or a label alone, and no sentence punctuation.
func (d *DocumentRules) bareMetaPairs(s string) []MetaPair {
	first := d.labelAt(s, 1)
	if first == "" || strings.ContainsAny(s, "。；！？《") {
		return nil
	}
	type cut struct {
		at    int
		label string
	}
	cuts := []cut{{0, first}}
	for i := len(first); i < len(s); {
		if l := d.labelAt(s[i:], 3); l != "" {
			cuts = append(cuts, cut{i, l})
			i += len(l)
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	var out []MetaPair
	for k, c := range cuts {
		end := len(s)
		if k+1 < len(cuts) {
			end = cuts[k+1].at
		}
		out = append(out, MetaPair{Label: c.label, Field: d.labelField[c.label], Value: cellValue(s[c.at+len(c.label) : end])})
	}
	if len(out) == 1 && out[0].Value != "" && out[0].Field == "" {
		return nil // 分类推进…: a word that is also a page label, then text
	}
	return out
}

// labelAt returns the longest known label of at least minRunes characters
// that s opens with, "" when none.
func (d *DocumentRules) labelAt(s string, minRunes int) string {
	for _, l := range d.labels { // longest first
		if strings.HasPrefix(s, l) && utf8.RuneCountInString(l) >= minRunes {
			return l
		}
	}
	return ""
}

// cellValue trims a label's value: spaces and cell bars around it, and the
// cells after the first one.
func cellValue(v string) string {
	v = strings.Trim(v, " |｜丨")
	if i := strings.IndexAny(v, "|｜丨"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v
}

// trimBullets removes the list bullets and spaces a line opens with.
func (d *DocumentRules) trimBullets(s string) string {
	return strings.TrimLeft(s, d.f.ListBullets+" ")
}

// MetaLabelOnly reports whether a line is a metadata label alone
// (发布单位, 发布时间:), whose value is printed on the next line; field is
// the label's field, "" for a page label.
func (d *DocumentRules) MetaLabelOnly(line string) (field string, ok bool) {
	ps := d.MetaPairs(line)
	if len(ps) == 1 && ps[0].Value == "" {
		return ps[0].Field, true
	}
	return "", false
}

// OpensWithMetaLabel reports whether s is a line of a page's metadata
// block: it opens with a metadata label (with a colon, in brackets, after a
// bullet, or glued to its value; see MetaPairs).
func (d *DocumentRules) OpensWithMetaLabel(s string) bool {
	return len(d.MetaPairs(s)) > 0
}

// CutMetaTail returns a line without the label: value pairs printed after
// its text (普陀区…规划(草案) 发布时间:2025-12-09 → 普陀区…规划(草案)); the
// line itself when it holds none after its start.
func (d *DocumentRules) CutMetaTail(s string) string {
	if !strings.ContainsAny(s, d.labelMarks) {
		return s // no label can be delimited here
	}
	for _, loc := range d.labelTok.FindAllStringIndex(s, -1) {
		if loc[0] > 0 {
			return strings.TrimSpace(s[:loc[0]])
		}
	}
	return s
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
// with or without 《》, 关于下达…的通知, 关于公开征求《…》意见的通知,
// 关于《…》征求意见的通知, 关于《…》的草案公示 — also with the document
// number a page prints after it; ok is false when s is not one.
func (d *DocumentRules) Notice(s string) (NoticeHeadline, bool) {
	s = d.noticeTail.ReplaceAllString(s, "$1") // …的通知(鲁政发〔2021〕5号)2021.04.27
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

// MayHoldNotice reports whether a line holds the word a notice headline is
// built on (关于); OpensNotice, whether it starts with it (the issuer then
// printed on the line above).
func (d *DocumentRules) MayHoldNotice(s string) bool {
	return d.f.NoticeWord != "" && strings.Contains(s, d.f.NoticeWord)
}

// OpensNotice reports whether a line starts with the notice word (关于).
func (d *DocumentRules) OpensNotice(s string) bool {
	return d.f.NoticeWord != "" && strings.HasPrefix(s, d.f.NoticeWord)
}

// IsDayWord reports the word that closes a date (日).
func (d *DocumentRules) IsDayWord(r rune) bool { return d.f.DayWord == string(r) }

// IsDocNumber reports a document number line (望政办发〔2022〕8号).
func (d *DocumentRules) IsDocNumber(s string) bool { return d.docNumber.MatchString(s) }

// AdoptionDate reads the date of an adoption note printed under a title —
// （2022年3月1日经县政府常务会议审议通过）, (2021年3月12日…人民代表大会…
// 会议通过), 2021年1月5日县第十七届人大五次会议批准 — as YYYY-MM-DD; ""
// when s is not such a note.
func (d *DocumentRules) AdoptionDate(s string) string {
	if !d.adoption.MatchString(s) && !d.adoptionDated.MatchString(s) {
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
		if date = d.DateLine(s[i:]); date != "" && d.EndsWithOrgan(s[:i]) {
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

// OpensWithDate reports a line that opens with a full date written with
// Arabic digits (2022-02-24 市规划资源局): a byline or a note, never a title.
func (d *DocumentRules) OpensWithDate(s string) bool {
	loc := d.dateIn.FindStringSubmatchIndex(s)
	return loc != nil && loc[0] == 0 && isoDate(s[loc[2]:loc[3]], s[loc[4]:loc[5]], s[loc[6]:loc[7]]) != ""
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
	for _, re := range []*regexp.Regexp{d.fivePlan, d.fivePlanOrd} {
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			if a, b, found := d.FiveYearPlan(m[0]); found && a > start {
				start, end, ok = a, b, true
			}
		}
	}
	return start, end, ok
}

// FiveYearPlan reads the ordinal of a five-year plan named in s (十四五,
// 第十四个五年 → 2021–2025); ok is false when s names none.
func (d *DocumentRules) FiveYearPlan(s string) (start, end int, ok bool) {
	m := d.fivePlan.FindStringSubmatch(s)
	if m == nil {
		m = d.fivePlanOrd.FindStringSubmatch(s)
	}
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

// AnnualPlanYear reads the year of an annual plan's title
// (金乡县2021年国民经济和社会发展计划 → 2021); ok is false when the title is
// not one.
func (d *DocumentRules) AnnualPlanYear(title string) (int, bool) {
	m := d.annualPlan.FindStringSubmatch(title)
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}

// HorizonYear reads the year a plan looks ahead to when its title names no
// period but that year (“健康北京2030”规划纲要 → 2030); ok is false when the
// title names none.
func (d *DocumentRules) HorizonYear(title string) (int, bool) {
	m := d.horizon.FindStringSubmatch(title)
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}

// IsMonthDateLine reports a line that is a date without its day (2021年9月,
// 二〇二一年三月): a title block's date too vague to be the plan's date.
func (d *DocumentRules) IsMonthDateLine(s string) bool { return d.monthLine.MatchString(s) }
