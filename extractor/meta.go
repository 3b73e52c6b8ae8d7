package extractor

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
)

const (
	frontBlocks    = 20 // metadata is looked for in the first blocks …
	backBlocks     = 12 // … and, for the signature, in the last ones
	maxTitleRunes  = 60
	maxIssuerRunes = 30
	maxPeriodYears = 15 // a year range longer than this is not a plan period
	// titleBlockParagraphs is how many paragraphs after a title still belong
	// to its block (draft marker, issuer, date).
	titleBlockParagraphs = 4
	// noticeBlocks bounds the search for a plan's title block after the body
	// of the notice it is published with.
	noticeBlocks = 80
)

var metaLineRe = regexp.MustCompile(`^[\p{Han}]{2,12}?[:：]`)

// metadata fills plan.Document from the model's Meta (web-page header
// blocks, docx properties), the front matter and the closing signature.
func (r *run) metadata() {
	d := &r.plan.Document
	dr := r.x.docRules
	meta := r.pageMeta()
	ft := r.titleFromText()
	title := meta[rules.FieldTitle]
	if n, ok := dr.Notice(title); ok {
		// a page's title field holding the notice headline: the plan's own
		// title block, else the plan the headline names
		title = ft.title
		if title == "" {
			title = n.Title
		}
	}
	if title == "" {
		title = ft.title
	}
	if title == "" {
		title = dr.PageTitle(r.doc.Meta[docmodel.MetaFormatTitle])
	}
	d.Title = plan.Str(title)
	d.Issuer = plan.Str(meta[rules.FieldIssuer])
	if d.Issuer == nil {
		d.Issuer = plan.Str(r.issuerFromText())
	}
	date := dr.DateIn(meta[rules.FieldDate])
	if date == "" {
		date = r.dateFromText(ft)
	}
	if date == "" {
		date = dr.DateIn(meta[rules.FieldPublished])
	}
	d.Date = plan.Str(date)
	d.Draft = dr.HasDraftWord(title) || r.frontHasDraftWord()
	d.Period = r.period(title)
	r.region(title, meta[rules.FieldIssuer])
}

// pageMeta reads label: value lines (索引号, 发文机关, 成文日期, 标题 …) of a
// web-page header block, over the model's own Meta. A line may hold several
// pairs; the first value of each field wins.
func (r *run) pageMeta() map[string]string {
	out := map[string]string{}
	for _, f := range []string{rules.FieldTitle, rules.FieldIssuer, rules.FieldDate, rules.FieldPublished, rules.FieldIndex, rules.FieldDocNumber} {
		if v := r.doc.Meta[f]; v != "" {
			out[f] = v
		}
	}
	for i, b := range r.doc.Blocks {
		if i >= frontBlocks*2 {
			break
		}
		if b.Kind == docmodel.Table && b.Table != nil {
			r.tableMeta(b.Table, out)
			continue
		}
		if b.Kind != docmodel.Paragraph {
			continue
		}
		for _, p := range r.x.docRules.MetaPairs(b.Text) {
			if p.Field != "" && p.Value != "" && out[p.Field] == "" {
				out[p.Field] = p.Value
			}
		}
	}
	return out
}

// tableMeta reads a metadata table: a label cell (发文机关 or 发文机关:)
// followed by its value cell, or one cell holding "label: value".
func (r *run) tableMeta(t *docmodel.TableData, out map[string]string) {
	dr := r.x.docRules
	set := func(field, v string) {
		if field != "" && v != "" && out[field] == "" {
			out[field] = v
		}
	}
	labels := map[string]bool{}
	for _, row := range t.Rows {
		for _, c := range row {
			if field, _ := dr.MetadataField(c.Text); field != "" {
				labels[field] = true
			}
		}
	}
	if len(labels) < 2 {
		return // a data table, not a metadata block
	}
	for _, row := range t.Rows {
		for k := 0; k < len(row); k++ {
			text := row[k].Text
			if field, _ := dr.MetadataField(text); field != "" {
				for j := k + 1; j < len(row); j++ {
					if row[j].Covered {
						continue
					}
					set(field, row[j].Text)
					k = j
					break
				}
				continue
			}
			if ps := dr.MetaPairs(text); len(ps) > 0 {
				set(ps[0].Field, ps[0].Value)
			}
		}
	}
}

// frontParagraphs returns the paragraph blocks before the first outline
// heading (at most frontBlocks).
func (r *run) frontParagraphs() []int {
	var idx []int
	for i, b := range r.doc.Blocks {
		if _, ok := r.headingAt[i]; ok || len(idx) >= frontBlocks || r.skip[i] {
			break
		}
		if (b.Kind == docmodel.Paragraph || b.Kind == docmodel.Heading) && !r.x.blocks.IsChrome(b.Text) {
			idx = append(idx, i)
		}
	}
	return idx
}

func (r *run) frontHasDraftWord() bool {
	for _, i := range r.frontParagraphs() {
		if r.x.docRules.HasDraftWord(r.doc.Blocks[i].Text) {
			return true
		}
	}
	return false
}

// titleFromText finds the plan title among the front paragraphs: a short
// line naming a plan (规划/计划/方案), joined with a following line when the
// title is printed over two lines, and with a draft marker line after it.
// When the front matter holds no title line, the plan a notice headline
// names is the title.
func (r *run) titleFromText() textTitle {
	front := r.frontParagraphs()
	dr := r.x.docRules
	var notice textTitle // the plan named by a notice headline, a fallback
	var commentNotice bool
	for k, i := range front {
		t := r.doc.Blocks[i].Text
		if n, ok := dr.Notice(t); ok {
			if notice.title == "" {
				notice = textTitle{title: n.Title, block: -1, comment: n.Kind == rules.NoticeComment}
			}
			commentNotice = commentNotice || n.Kind == rules.NoticeComment
			continue
		}
		if !titleLike(t) || dr.IsDocNumber(t) {
			continue
		}
		if strings.HasPrefix(t, "《") || dr.OpensWithMetaLabel(t) || metaLineRe.MatchString(t) && !dr.NamesPlan(t) {
			continue // a citation or a "label: value" line of a page header
		}
		next := ""
		if k+1 < len(front) && front[k+1] == i+1 {
			next = r.doc.Blocks[i+1].Text
		}
		switch {
		case dr.NamesPlan(t):
		case next != "" && r.doc.Blocks[i].BlankAfter <= 1 && !bracketed(t) && !r.isIssuer(t) && titleLike(next) &&
			dr.NamesPlan(t+next) && r.startsWithRegion(t) && !r.startsWithRegion(next):
			// a title printed over two lines: 蛟河市“十四五”医疗卫生 / 服务体系规划
			t += next
			next = ""
			i++
			if k+2 < len(front) && front[k+2] == i+1 {
				next = r.doc.Blocks[i+1].Text
			}
		default:
			continue
		}
		if next != "" && dr.IsDraftMarker(next) {
			t += next
			i++
		}
		return textTitle{title: t, block: i, comment: commentNotice}
	}
	if notice.title != "" {
		if found, ok := r.titleBlockAfterNotice(notice); ok {
			return found
		}
	}
	return notice
}

// titleBlockAfterNotice finds the plan's own title block printed after the
// body of a notice (which may hold numbered headings of its own): a line
// that prints the title the headline names, possibly followed by its draft
// marker on the next line.
func (r *run) titleBlockAfterNotice(notice textTitle) (textTitle, bool) {
	dr := r.x.docRules
	for i := 0; i < len(r.doc.Blocks) && i < noticeBlocks; i++ {
		b := r.doc.Blocks[i]
		if b.Kind != docmodel.Paragraph && b.Kind != docmodel.Heading || !titleLike(b.Text) || !dr.NamesPlan(b.Text) {
			continue
		}
		if _, isNotice := dr.Notice(b.Text); isNotice || !strings.HasPrefix(notice.title, b.Text) {
			continue
		}
		t, last := b.Text, i
		if i+1 < len(r.doc.Blocks) && t != notice.title && dr.IsDraftMarker(r.doc.Blocks[i+1].Text) {
			t, last = t+r.doc.Blocks[i+1].Text, i+1
		}
		return textTitle{title: t, block: last, comment: notice.comment}, true
	}
	return textTitle{}, false
}

// textTitle is the title found in the front matter.
type textTitle struct {
	title string
	block int // the title's last block; -1 when taken from a notice headline
	// comment is set when the front matter holds a notice asking for
	// comments: its signature date is the notice's, not the plan's.
	comment bool
}

// bracketed reports whether a line is a note in brackets, such as （此件公开发布）.
func bracketed(t string) bool {
	return (strings.HasPrefix(t, "（") || strings.HasPrefix(t, "(")) && (strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")"))
}

func titleLike(t string) bool {
	n := utf8.RuneCountInString(t)
	return n >= 4 && n <= maxTitleRunes && !strings.ContainsAny(t, "。；，,")
}

// frontAndBack returns the paragraphs of the front matter and of the
// closing signature (the last blocks, from the end), where a notice prints
// its issuer and date.
func (r *run) frontAndBack() []string {
	var out []string
	add := func(i int) {
		if b := r.doc.Blocks[i]; b.Kind == docmodel.Paragraph && !r.x.blocks.IsChrome(b.Text) {
			out = append(out, b.Text)
		}
	}
	for _, i := range r.frontParagraphs() {
		add(i)
	}
	n := len(r.doc.Blocks)
	for i := n - 1; i >= 0 && i >= n-backBlocks; i-- {
		add(i)
	}
	return out
}

// issuerFromText finds an issuing body printed alone on a line in the front
// matter or in the closing signature.
func (r *run) issuerFromText() string {
	for _, t := range r.frontAndBack() {
		if r.isIssuer(t) {
			return t
		}
		if n, ok := r.x.docRules.Notice(t); ok && r.isIssuer(n.Issuer) {
			return n.Issuer // XX县人民政府办公室关于印发《…》的通知
		}
		if issuer, _, ok := r.x.docRules.Signature(t); ok && r.isIssuer(issuer) {
			return issuer // XX旗人民政府办公室 2022年10月21日
		}
	}
	return ""
}

// isIssuer reports whether a line is the name of an issuing body alone.
func (r *run) isIssuer(t string) bool {
	if utf8.RuneCountInString(t) > maxIssuerRunes || strings.ContainsAny(t, "。，,；") {
		return false
	}
	return r.x.docRules.EndsWithIssuer(t)
}

// dateFromText finds a signing date near the start or the end of the
// document: a date alone on its line (or in brackets) or after the issuing
// body, or the date of an adoption note under the title (（2022年3月1日经…
// 审议通过）). Under a notice that asks for comments, the date of the
// plan's own title block comes first.
func (r *run) dateFromText(ft textTitle) string {
	date := func(t string) string {
		if _, d, ok := r.x.docRules.Signature(t); ok {
			return d
		}
		return r.x.docRules.AdoptionDate(t)
	}
	if ft.comment && ft.block >= 0 {
		for i := ft.block + 1; i < len(r.doc.Blocks) && i <= ft.block+titleBlockParagraphs; i++ {
			if b := r.doc.Blocks[i]; b.Kind == docmodel.Paragraph {
				if d := date(b.Text); d != "" {
					return d
				}
			}
		}
	}
	for _, t := range r.frontAndBack() {
		if d := date(t); d != "" {
			return d
		}
	}
	return ""
}

// period reads the plan period from the title — a year range, else a
// five-year-plan ordinal (十四五 → 2021–2025) — else from the front matter:
// a year range on a title-like line, else the latest five-year plan it names
// (the background text names the 十三五 it reviews before the 十四五 it
// plans).
func (r *run) period(title string) *plan.Period {
	dr := r.x.docRules
	if a, b, ok := dr.YearRange(title, maxPeriodYears); ok {
		return &plan.Period{Start: a, End: b}
	}
	if a, b, ok := dr.FiveYearPlan(title); ok {
		return &plan.Period{Start: a, End: b}
	}
	var front strings.Builder
	for _, i := range r.frontParagraphs() {
		t := r.doc.Blocks[i].Text
		if a, b, ok := dr.YearRange(t, maxPeriodYears); ok && titleLike(t) && dr.NamesPlan(t) {
			return &plan.Period{Start: a, End: b}
		}
		front.WriteString(t)
	}
	if a, b, ok := dr.LatestFiveYearPlan(front.String()); ok {
		return &plan.Period{Start: a, End: b}
	}
	return nil
}
