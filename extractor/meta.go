package extractor

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
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
	heads := r.headlines()
	ft := r.titleFromText(heads)
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
	d.Issuer = plan.Str(r.issuer(meta, heads))
	date := dr.DateIn(meta[rules.FieldDate])
	if date == "" {
		date = r.dateFromText(ft)
	}
	if date == "" && !ft.monthDated {
		// a page's publication date, unless the document dates itself
		// (to the month only: 2021年9月)
		date = dr.DateIn(meta[rules.FieldPublished])
	}
	d.Date = plan.Str(date)
	d.Draft = dr.HasDraftWord(title) || r.frontHasDraftWord(heads)
	d.Period = r.period(title, date)
	r.region(title, meta[rules.FieldIssuer])
}

// pageMeta reads label: value lines (索引号, 发文机关, 成文日期, 标题 …) of a
// web-page header block, over the model's own Meta. A line may hold several
// pairs; a label alone on its line (发布单位, 发布时间:) takes the next line
// as its value; the first value of each field wins.
func (r *run) pageMeta() map[string]string {
	dr := r.x.docRules
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
		if field, ok := dr.MetaLabelOnly(b.Text); ok {
			if field != "" && out[field] == "" && i+1 < len(r.doc.Blocks) {
				if v := r.labelValueLine(i + 1); v != "" {
					out[field] = v
				}
			}
			continue
		}
		for _, p := range dr.MetaPairs(b.Text) {
			if p.Field != "" && p.Value != "" && out[p.Field] == "" {
				out[p.Field] = p.Value
			}
		}
	}
	return out
}

// labelValueLine returns the text of block i when it can be the value of
// the label printed alone on the line above: a short paragraph that is
// neither a label nor a sentence; "" otherwise.
func (r *run) labelValueLine(i int) string {
	b := r.doc.Blocks[i]
	if b.Kind != docmodel.Paragraph || r.x.docRules.OpensWithMetaLabel(b.Text) || r.x.blocks.IsChrome(b.Text) ||
		utf8.RuneCountInString(b.Text) > maxTitleRunes || strings.ContainsAny(b.Text, "。；") {
		return ""
	}
	return b.Text
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
// heading: at most frontBlocks of them, not counting web chrome (left out)
// and the lines of a page's metadata block (kept, they are read by
// pageMeta).
func (r *run) frontParagraphs() []int {
	if r.front != nil {
		return r.front
	}
	idx := []int{}
	counted := 0
	for i, b := range r.doc.Blocks {
		if _, ok := r.headingAt[i]; ok || counted >= frontBlocks || r.skip[i] {
			break
		}
		if (b.Kind == docmodel.Paragraph || b.Kind == docmodel.Heading) && !r.x.blocks.IsChrome(b.Text) {
			idx = append(idx, i)
			if !r.x.docRules.OpensWithMetaLabel(b.Text) {
				counted++
			}
		}
	}
	r.front = idx
	return idx
}

// frontHasDraftWord reports a draft word in the front matter: in a notice
// headline (关于公开征求《…（征求意见稿）》意见的通知), or in a line outside
// the documents it cites in 《》 (a body citing 《…计划草案的报告》 is no
// draft).
func (r *run) frontHasDraftWord(heads []headline) bool {
	dr := r.x.docRules
	inHead := map[int]bool{}
	for _, h := range heads {
		if dr.HasDraftWord(h.text) {
			return true
		}
		for i := h.first; i <= h.last; i++ {
			inHead[i] = true
		}
	}
	for _, i := range r.frontParagraphs() {
		if !inHead[i] && dr.HasDraftWordOutsideCitations(r.doc.Blocks[i].Text) {
			return true
		}
	}
	return false
}

// headline is a notice headline in the front matter, which may be printed
// over up to three lines (淄博市人民政府 / 关于印发…的通知; 云南省人民政府办公厅
// 关于印发 / 云南省“十四五”…规划的通知).
type headline struct {
	first, last int // blocks
	text        string
	n           rules.NoticeHeadline
}

// maxHeadlineLines bounds how many lines one notice headline is printed on.
const maxHeadlineLines = 3

// headlines finds the notice headlines among the front paragraphs: a line
// holding 关于, joined with the issuer printed alone on the line above it and
// with the lines after it, up to the line that ends the headline.
func (r *run) headlines() []headline {
	dr := r.x.docRules
	front := r.frontParagraphs()
	var out []headline
	for k := 0; k < len(front); k++ {
		i := front[k]
		t := r.doc.Blocks[i].Text
		if !dr.MayHoldNotice(t) || dr.OpensWithMetaLabel(t) {
			continue
		}
		start := k
		if dr.OpensNotice(t) && k > 0 && front[k-1] == i-1 && r.isIssuer(r.doc.Blocks[i-1].Text) {
			start = k - 1
		}
		text := ""
		for j := start; j < len(front) && j < k+maxHeadlineLines; j++ {
			if j > start && front[j] != front[j-1]+1 {
				break
			}
			text += r.doc.Blocks[front[j]].Text
			if j < k {
				continue
			}
			if n, ok := dr.Notice(text); ok {
				out = append(out, headline{first: front[start], last: front[j], text: text, n: n})
				k = j
				break
			}
		}
	}
	return out
}

// titleFromText finds the plan title among the front paragraphs: a short
// line naming a plan (规划/计划/方案/纲要), joined with the lines that
// continue it when the title is printed over several lines, and with a
// draft marker line after it. A catalogue entry ((浙江省)…, …(2022年更新)),
// an attachment name (….docx), a byline, a metadata row, a citation and a
// notice headline are never the title. A title block — a title followed by
// its issuer or its date — is preferred to a title line printed without
// one (a site's heading repeating the plan's name). When the front matter
// holds no title line, the plan a notice headline names is the title.
func (r *run) titleFromText(heads []headline) textTitle {
	front := r.frontParagraphs()
	inHead := map[int]bool{}
	var notice textTitle // the plan named by a notice headline, a fallback
	for _, h := range heads {
		for i := h.first; i <= h.last; i++ {
			inHead[i] = true
		}
		if notice.title == "" {
			notice = textTitle{title: h.n.Title, block: -1, comment: h.n.Kind == rules.NoticeComment}
		}
	}
	commentBefore := func(block int) bool {
		for _, h := range heads {
			if h.n.Kind == rules.NoticeComment && h.first < block {
				return true
			}
		}
		return false
	}
	var first *textTitle
	for k := 0; k < len(front); k++ {
		t, last, ok := r.titleAt(front, k, inHead)
		if !ok {
			continue
		}
		found := textTitle{title: t, block: last, comment: commentBefore(last), monthDated: r.monthDatedAfter(last)}
		if r.isTitleBlock(last) {
			return found
		}
		if first == nil {
			first = &found
		}
		for k < len(front) && front[k] <= last {
			k++
		}
		k--
	}
	if first != nil {
		// no title block (a title followed by its issuer or date): the
		// first title line, not a site's repetition of it
		return *first
	}
	if notice.title != "" {
		if found, ok := r.titleBlockAfterNotice(notice, inHead); ok {
			return found
		}
	}
	return notice
}

// titleAt builds the title that opens at front paragraph k: a line naming a
// plan, or a place-led line whose next line completes the plan's name,
// extended with the lines that continue it up to its plan word, and with a
// draft marker printed on the next line. ok is false when no title opens
// there; last is the title's last block.
func (r *run) titleAt(front []int, k int, inHead map[int]bool) (title string, last int, ok bool) {
	dr := r.x.docRules
	i := front[k]
	if inHead[i] {
		return "", 0, false
	}
	t := dr.CutMetaTail(r.doc.Blocks[i].Text)
	if !r.titleCandidate(t) {
		return "", 0, false
	}
	next := ""
	if k+1 < len(front) && front[k+1] == i+1 && !inHead[i+1] {
		next = r.doc.Blocks[i+1].Text
	}
	switch {
	case dr.NamesPlan(t):
	case next != "" && r.doc.Blocks[i].BlankAfter <= 1 && !bracketed(t) && !r.isIssuer(t) && titleLike(next) &&
		dr.NamesPlan(t+next) && r.startsWithRegion(t) && !r.startsWithRegion(next):
		// a title printed over two lines: 蛟河市“十四五”医疗卫生 / 服务体系规划
		t += next
		i++
		k++
	default:
		return "", 0, false
	}
	// a title printed over more lines, up to its plan word:
	// 克孜勒苏柯尔克孜自治州 / 国民经济…第十四个五年规划和 / 2035年远景目标纲要
	for !dr.EndsWithPlanWord(t) && k+1 < len(front) && front[k+1] == i+1 && r.titleContinues(t, r.doc.Blocks[i+1].Text) {
		t += r.doc.Blocks[i+1].Text
		i++
		k++
	}
	if i+1 < len(r.doc.Blocks) && dr.IsDraftMarker(r.doc.Blocks[i+1].Text) {
		t += r.doc.Blocks[i+1].Text
		i++
	}
	return t, i, true
}

// isTitleBlock reports whether the title ending at block last is a title
// block: its issuer or its date is printed within the next lines
// (苏尼特右旗人民政府 / 2021 年 9 月, an adoption note).
func (r *run) isTitleBlock(last int) bool {
	for j := last + 1; j < len(r.doc.Blocks) && j <= last+titleBlockParagraphs; j++ {
		b := r.doc.Blocks[j]
		if b.Kind != docmodel.Paragraph || r.x.blocks.IsChrome(b.Text) {
			continue
		}
		if r.isIssuer(b.Text) || r.isDateLine(b.Text) {
			return true
		}
	}
	return false
}

// titleCandidate reports whether a front line can open the plan's title.
func (r *run) titleCandidate(t string) bool {
	dr := r.x.docRules
	switch {
	case !titleLike(t), dr.IsDocNumber(t), opensWithBracket(t), dr.IsAttachmentName(t), dr.HasCatalogueNote(t), dr.OpensWithDate(t):
		return false
	case strings.HasPrefix(t, "《"), dr.OpensWithMetaLabel(t), metaLineRe.MatchString(t) && !dr.NamesPlan(t):
		return false // a citation or a "label: value" line of a page header
	}
	_, isNotice := dr.Notice(t)
	return !isNotice
}

// titleContinues reports whether line s continues the title t printed
// above it: a short line that is no issuer, date, note, label or headline,
// and does not open with a place (a new title would).
func (r *run) titleContinues(t, s string) bool {
	dr := r.x.docRules
	if !titleLike(s) || bracketed(s) || r.isIssuer(s) || r.isDateLine(s) || dr.IsDocNumber(s) ||
		dr.OpensWithMetaLabel(s) || r.startsWithRegion(s) || utf8.RuneCountInString(t+s) > maxTitleRunes {
		return false
	}
	_, isNotice := dr.Notice(s)
	return !isNotice
}

// isDateLine reports a line that is a date: a full date, a date without
// its day, or an adoption note.
func (r *run) isDateLine(s string) bool {
	dr := r.x.docRules
	if _, d, ok := dr.Signature(s); ok && d != "" {
		return true
	}
	return dr.IsMonthDateLine(s) || dr.AdoptionDate(s) != ""
}

// monthDatedAfter reports whether the title block ending at block i prints a
// date without its day (2021 年 9 月): the document dates itself, so a
// page's publication date is not its date.
func (r *run) monthDatedAfter(i int) bool {
	for j := i + 1; j < len(r.doc.Blocks) && j <= i+titleBlockParagraphs; j++ {
		if b := r.doc.Blocks[j]; b.Kind == docmodel.Paragraph && r.x.docRules.IsMonthDateLine(b.Text) {
			return true
		}
	}
	return false
}

// titleBlockAfterNotice finds the plan's own title block printed after the
// body of a notice (which may hold numbered headings of its own): a line
// that prints the title the headline names, possibly over several lines,
// possibly followed by its draft marker on the next line.
func (r *run) titleBlockAfterNotice(notice textTitle, inHead map[int]bool) (textTitle, bool) {
	dr := r.x.docRules
	for i := 0; i < len(r.doc.Blocks) && i < noticeBlocks; i++ {
		b := r.doc.Blocks[i]
		if inHead[i] || b.Kind != docmodel.Paragraph && b.Kind != docmodel.Heading || !titleLike(b.Text) {
			continue
		}
		if _, isNotice := dr.Notice(b.Text); isNotice || !strings.HasPrefix(notice.title, b.Text) {
			continue
		}
		t, last := b.Text, i
		for t != notice.title && last+1 < len(r.doc.Blocks) {
			next := r.doc.Blocks[last+1].Text
			if next == "" || !strings.HasPrefix(notice.title, t+next) {
				break
			}
			t, last = t+next, last+1
		}
		if !dr.NamesPlan(t) {
			continue
		}
		if last+1 < len(r.doc.Blocks) && t != notice.title && dr.IsDraftMarker(r.doc.Blocks[last+1].Text) {
			t, last = t+r.doc.Blocks[last+1].Text, last+1
		}
		return textTitle{title: t, block: last, comment: notice.comment, monthDated: r.monthDatedAfter(last)}, true
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
	// monthDated is set when the title block prints a date without its day.
	monthDated bool
}

// bracketed reports whether a line is a note in brackets, such as （此件公开发布）.
func bracketed(t string) bool {
	return (strings.HasPrefix(t, "（") || strings.HasPrefix(t, "(")) && (strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")"))
}

// opensWithBracket reports a line that opens with a bracket: a note
// ((此件公开发布)), a catalogue entry ((浙江省)…纲要) or a site's label
// ([可行性研究报告 - 规划计划]); a title never opens so.
func opensWithBracket(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return strings.ContainsRune("（([［【", r)
}

func titleLike(t string) bool {
	n := utf8.RuneCountInString(t)
	return n >= 4 && n <= maxTitleRunes && !strings.ContainsAny(t, "。；，,")
}

// frontAndBack returns the paragraph blocks of the front matter and of the
// closing signature (the last blocks, from the end), where a notice prints
// its issuer and date.
func (r *run) frontAndBack() []int {
	var out []int
	add := func(i int) {
		if b := r.doc.Blocks[i]; b.Kind == docmodel.Paragraph && !r.x.blocks.IsChrome(b.Text) {
			out = append(out, i)
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

// issuer returns the issuing bodies of the document, joint issuers in
// their printed order joined with the rules' separator (、): the document's
// own first — the issuer a notice headline names, else the bodies signing
// above the date — then a page's label (发文机关, 发布机构 …) as printed,
// then a body printed alone on a line of the front matter or signature.
func (r *run) issuer(meta map[string]string, heads []headline) string {
	dr := r.x.docRules
	for _, h := range heads {
		if list := r.issuerList(h.n.Issuer); len(list) > 0 {
			return dr.JoinIssuers(list) // XX县人民政府办公室关于印发《…》的通知
		}
	}
	if list := r.signatureIssuers(); len(list) > 0 {
		return dr.JoinIssuers(list) // 中共北京市委 / 北京市人民政府 / 2017年9月7日
	}
	if v := meta[rules.FieldIssuer]; v != "" {
		return dr.JoinIssuers(dr.SplitIssuers(v)) // 肃南县政府办;肃南县民宗局
	}
	for _, i := range r.frontAndBack() {
		if t := r.doc.Blocks[i].Text; r.isIssuer(t) {
			return dr.JoinIssuers(r.issuerList(t))
		}
	}
	return ""
}

// issuerList splits a headline's or a line's issuer into its bodies: at the
// separators, and where one body's name ends and the next opens with a
// place or the party prefix (中共北京市委北京市人民政府 → two). nil unless
// every part is an issuing body.
func (r *run) issuerList(s string) []string {
	var out []string
	for _, part := range r.x.docRules.SplitIssuers(s) {
		for _, body := range r.splitGlued(part) {
			if !r.isIssuer(body) {
				return nil
			}
			out = append(out, body)
		}
	}
	return out
}

// splitGlued splits bodies printed side by side without a separator.
func (r *run) splitGlued(s string) []string {
	dr := r.x.docRules
	var out []string
	start := 0
	for i := range s {
		if i <= start {
			continue
		}
		rest := s[i:]
		if dr.EndsWithOrgan(s[start:i]) && (strings.HasPrefix(rest, dr.PartyPrefix()) || r.startsWithRegion(rest)) {
			out = append(out, s[start:i])
			start = i
		}
	}
	return append(out, s[start:])
}

// signatureIssuers returns the bodies signing a notice or plan: the issuer
// lines right above a date line (or on it: XX旗人民政府办公室2022年10月21日),
// in the front matter first, then at the end.
func (r *run) signatureIssuers() []string {
	dr := r.x.docRules
	for _, i := range r.frontAndBack() {
		issuer, date, ok := dr.Signature(r.doc.Blocks[i].Text)
		if !ok || date == "" {
			continue
		}
		var list []string
		for j := i - 1; j >= 0 && j >= i-4; j-- {
			t := r.doc.Blocks[j].Text
			if r.doc.Blocks[j].Kind != docmodel.Paragraph || !r.isIssuer(t) {
				break
			}
			list = append(r.issuerList(t), list...)
		}
		if issuer != "" && r.isIssuer(issuer) {
			list = append(list, issuer)
		}
		if len(list) > 0 {
			return list
		}
	}
	return nil
}

// isIssuer reports whether a line is the name of an issuing body alone: a
// short run of Chinese characters ending with an organ word (…人民政府办公室,
// …局, …委员会, 中共…委), opening with a place (or 中共 and a place). A label
// line (来源:…, 抄送:…), a bullet and a name without a place (市民政局) are
// not.
func (r *run) isIssuer(t string) bool {
	dr := r.x.docRules
	if n := utf8.RuneCountInString(t); n > maxIssuerRunes || n < 4 || !hanName(t) || !dr.EndsWithOrgan(t) {
		return false
	}
	return r.startsWithRegion(strings.TrimPrefix(t, dr.PartyPrefix()))
}

// hanName reports whether s is written in Chinese characters only (and the
// brackets and middle dots a body's name may hold).
func hanName(s string) bool {
	for _, c := range s {
		if !unicode.Is(unicode.Han, c) && !strings.ContainsRune("（）()·", c) {
			return false
		}
	}
	return true
}

// dateFromText finds the document's date near the start or the end: under
// a notice that asks for comments, the date of the plan's own title block
// first; then a signature's date (a date line right under the signing
// bodies); then any date alone on its line (or in brackets) or after the
// issuing body, or the date of an adoption note (（2022年3月1日经…审议通过）).
// A date printed under a label alone (发布时间:) is a page's date, not the
// document's.
func (r *run) dateFromText(ft textTitle) string {
	dr := r.x.docRules
	date := func(t string) string {
		if _, d, ok := dr.Signature(t); ok {
			return d
		}
		return dr.AdoptionDate(t)
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
	blocks := r.frontAndBack()
	for _, i := range blocks {
		if issuer, d, ok := dr.Signature(r.doc.Blocks[i].Text); ok && d != "" &&
			(issuer != "" && r.isIssuer(issuer) || i > 0 && r.isIssuer(r.doc.Blocks[i-1].Text)) {
			return d
		}
	}
	for _, i := range blocks {
		if i > 0 {
			if _, labelAbove := dr.MetaLabelOnly(r.doc.Blocks[i-1].Text); labelAbove {
				continue
			}
		}
		if d := date(r.doc.Blocks[i].Text); d != "" {
			return d
		}
	}
	return ""
}

// period reads the plan period from the title — a year range, a five-year
// plan ordinal (十四五, 第十四个五年 → 2021–2025), an annual plan's year
// (2021年…计划), or a horizon year alone (健康北京2030: from the year of the
// document's date) — else from the front matter: a year range on a
// title-like line, else the latest five-year plan it names (the background
// text names the 十三五 it reviews before the 十四五 it plans).
func (r *run) period(title, date string) *plan.Period {
	dr := r.x.docRules
	if a, b, ok := dr.YearRange(title, maxPeriodYears); ok {
		return &plan.Period{Start: a, End: b}
	}
	if a, b, ok := dr.FiveYearPlan(title); ok {
		return &plan.Period{Start: a, End: b}
	}
	if y, ok := dr.AnnualPlanYear(title); ok {
		return &plan.Period{Start: y, End: y}
	}
	if end, ok := dr.HorizonYear(title); ok && len(date) >= 4 {
		if start, err := strconv.Atoi(date[:4]); err == nil && start < end && end-start <= maxPeriodYears {
			return &plan.Period{Start: start, End: end}
		}
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
