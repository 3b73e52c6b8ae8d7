package extractor

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/guihua-project/guihua/extractor/value"
	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
)

const maxCaptionRunes = 60

// columns is what a table's header says about each column.
type columns struct {
	headers  []string // header text per column (levels joined with "/")
	category int      // -1 when absent
	seq      int
	name     int
	unit     int
	nature   int
	values   []int
}

// tables classifies every table, emits its grid, and turns indicator and
// facility tables into rows. A table continued on another page (a 续表
// caption, or its header printed again) is one table.
func (r *run) tables() {
	for _, v := range r.tableViews() {
		kind := tableKindOther
		for _, k := range r.x.tableKinds {
			if k.Match(r, v) {
				kind = k.Name()
				k.Extract(r, v)
				break
			}
		}
		rows := make([][]string, len(v.t.Rows))
		for k, row := range v.t.Rows {
			rows[k] = make([]string, len(row))
			for c, cell := range row {
				rows[k][c] = cell.Text
			}
		}
		r.plan.Tables = append(r.plan.Tables, plan.Table{
			Caption: plan.Str(v.caption), Kind: kind, HeaderRows: v.hdr, Rows: rows, Note: plan.Str(r.noteOf(v.block)),
			Span: r.spanOf(tableExtent(v.t), v.line, v.endLine),
		})
	}
}

// noteOf returns the note printed right under the table at block i (注：…,
// 说明：…), "" when none.
func (r *run) noteOf(i int) string {
	if i+1 >= len(r.doc.Blocks) {
		return ""
	}
	if b := r.doc.Blocks[i+1]; b.Kind == docmodel.Paragraph && r.x.blocks.IsTableNote(b.Text) {
		return b.Text
	}
	return ""
}

// tableViews reads every table block, joining continued tables to the
// table they continue.
func (r *run) tableViews() []*tableView {
	var out []*tableView
	for i, b := range r.doc.Blocks {
		if b.Kind != docmodel.Table || b.Table == nil || len(b.Table.Rows) == 0 {
			continue
		}
		v := &tableView{block: i, t: b.Table, caption: r.captionOf(i), line: b.Line, endLine: b.EndLine}
		v.hdr = r.headerRows(b.Table)
		if n := len(out); n > 0 && r.continues(out[n-1], v) {
			out[n-1].join(v)
			continue
		}
		v.cols = r.readColumns(v.t, v.hdr)
		out = append(out, v)
	}
	return out
}

// continues reports whether table v continues table prev: nothing but its
// caption stands between them, and the caption says so (续表1, 表1（续）) or
// v prints prev's header rows again, with the same width.
func (r *run) continues(prev, v *tableView) bool {
	between := 0
	for j := prev.block + 1; j < v.block; j++ {
		if b := r.doc.Blocks[j]; b.Kind != docmodel.Paragraph || b.Text != v.caption {
			return false
		}
		between++
	}
	if between > 1 || rowWidth(v.t) != rowWidth(prev.t) {
		return false
	}
	return r.x.blocks.IsContinuationCaption(v.caption) || sameRows(v.t.Rows[:min(v.hdr, len(v.t.Rows))], prev.t.Rows[:prev.hdr])
}

// join appends the body rows of the continuation w to v; w's header rows,
// printed again, are dropped.
func (v *tableView) join(w *tableView) {
	body := w.t.Rows
	if sameRows(body[:min(w.hdr, len(body))], v.t.Rows[:v.hdr]) {
		body = body[w.hdr:]
	}
	joined := *v.t
	joined.Rows = append(append([][]docmodel.Cell{}, v.t.Rows...), body...)
	v.t = &joined
	v.endLine = w.endLine
}

// sameRows reports whether two runs of rows hold the same texts.
func sameRows(a, b [][]docmodel.Cell) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for k := range a[i] {
			if a[i][k].Text != b[i][k].Text {
				return false
			}
		}
	}
	return true
}

func rowWidth(t *docmodel.TableData) int {
	w := 0
	for _, row := range t.Rows {
		w = max(w, len(row))
	}
	return w
}

// captionOf returns the caption of the table at block i: the paragraph just
// before it when it is a 表N line or a short title line.
func (r *run) captionOf(i int) string {
	if i == 0 {
		return ""
	}
	p := r.doc.Blocks[i-1]
	if p.Kind != docmodel.Paragraph && p.Kind != docmodel.Heading {
		return ""
	}
	t := p.Text
	if r.x.blocks.IsCaptionNumber(t) {
		return t
	}
	if utf8.RuneCountInString(t) <= maxCaptionRunes && !r.x.blocks.HasSentenceMark(strings.TrimRight(t, "。")) && !strings.HasSuffix(t, "。") && !strings.HasSuffix(t, "：") {
		return t
	}
	return ""
}

// headerRows counts the leading rows that hold no value: header rows.
func (r *run) headerRows(t *docmodel.TableData) int {
	if t.HeaderRows > 0 {
		return t.HeaderRows
	}
	n := 0
	for _, row := range t.Rows {
		if n >= 3 || r.rowHasValue(row) {
			break
		}
		if _, group := groupRow(row); group && n > 0 {
			break // a group heading (一、健康水平) starts the body
		}
		n++
	}
	if n == 0 || n == len(t.Rows) {
		return 1
	}
	return n
}

func (r *run) rowHasValue(row []docmodel.Cell) bool {
	for _, c := range row {
		if c.Text == "" {
			continue
		}
		if p := value.Parse(c.Text); (p.Kind == "number" || p.Kind == "ratio") && !r.x.vocab.IsYearHeader(c.Text) {
			return true
		}
	}
	return false
}

// readColumns joins the header rows column-wise into header paths
// (2025年/目标值) and names each column's job.
func (r *run) readColumns(t *docmodel.TableData, hdr int) columns {
	width := 0
	for _, row := range t.Rows {
		if len(row) > width {
			width = len(row)
		}
	}
	c := columns{headers: make([]string, width), category: -1, seq: -1, name: -1, unit: -1, nature: -1}
	texts := headerTexts(t, hdr, width)
	for h := range texts {
		for k, text := range texts[h] {
			if text == "" || strings.HasSuffix(c.headers[k], text) {
				continue
			}
			if c.headers[k] != "" {
				c.headers[k] += "/"
			}
			c.headers[k] += text
		}
	}
	v := r.x.vocab
	for k, h := range c.headers {
		jobs := v.Column(h)
		if leaf := h[strings.LastIndex(h, "/")+1:]; len(jobs) == 0 && leaf != h {
			// a sub-column under a group header: 2025年 over 目标值 | 属性
			jobs = v.Column(leaf)
		}
		has := func(job string) bool { return slices.Contains(jobs, job) }
		switch {
		case c.seq < 0 && has(rules.ColSeq):
			c.seq = k
		case c.unit < 0 && has(rules.ColUnit):
			c.unit = k
		case c.nature < 0 && has(rules.ColNature):
			c.nature = k
		case c.name < 0 && (has(rules.ColName) || has(rules.ColInstitution)):
			c.name = k
		case c.category < 0 && c.name < 0 && (has(rules.ColCategory) || h == "" && k == 0):
			c.category = k
		case has(rules.ColNote):
			// remarks and responsible units are not values
		case h != "":
			c.values = append(c.values, k)
		}
	}
	if c.name < 0 {
		// the name column is the first text column after category and seq
		for k := range c.headers {
			if k != c.category && k != c.seq && k != c.unit && k != c.nature {
				c.name = k
				break
			}
		}
		c.values = without(c.values, c.name)
	}
	return c
}

// headerTexts gives the text at each position of the header rows: an
// origin cell's text, repeated over the columns its column span covers; ""
// under a row span (the path already holds the text from above). A covered
// position no span explains (a reader that marks merges without extents)
// takes the text of the cell to its left.
func headerTexts(t *docmodel.TableData, hdr, width int) [][]string {
	hdr = min(hdr, len(t.Rows))
	out := make([][]string, hdr)
	filled := make([][]bool, hdr)
	for h := range out {
		out[h] = make([]string, width)
		filled[h] = make([]bool, width)
	}
	for h := 0; h < hdr; h++ {
		for k, cell := range t.Rows[h] {
			if k >= width || cell.Covered {
				continue
			}
			for dh := 0; dh < max(cell.RowSpan, 1) && h+dh < hdr; dh++ {
				for dk := 0; dk < max(cell.ColSpan, 1) && k+dk < width; dk++ {
					filled[h+dh][k+dk] = true
					if dh == 0 {
						out[h][k+dk] = cell.Text
					}
				}
			}
		}
	}
	for h := 0; h < hdr; h++ {
		row := t.Rows[h]
		for k := 0; k < width && k < len(row); k++ {
			if row[k].Covered && !filled[h][k] && k > 0 {
				out[h][k] = out[h][k-1]
			}
		}
		if h+1 < hdr {
			if spread, ok := spreadOverChildren(row, t.Rows[h+1], width); ok {
				out[h] = spread
			}
		}
	}
	return out
}

// spreadOverChildren places the cells of a header row that printed each
// merged cell once, and so has fewer cells than the table is wide (a Word
// document exported to text loses the merges): every run of two or more
// side-by-side cells in the row below is under one cell of this row, which
// spans the run (指标值 over 2020年 | 2025年); the other cells take one column
// each. ok is false unless the row holds no merge marks and the runs account
// for exactly the missing cells.
func spreadOverChildren(row, below []docmodel.Cell, width int) ([]string, bool) {
	missing := width - len(row)
	if missing <= 0 || len(below) != width {
		return nil, false
	}
	for _, c := range row {
		if c.Covered || c.ColSpan > 1 || c.RowSpan > 1 {
			return nil, false
		}
	}
	runs := map[int]int{} // start column → run length
	extra := 0
	for k := 0; k < width; {
		if below[k].Text == "" {
			k++
			continue
		}
		n := 1
		for k+n < width && below[k+n].Text != "" {
			n++
		}
		if n > 1 {
			runs[k] = n
			extra += n - 1
		}
		k += n
	}
	if extra != missing {
		return nil, false
	}
	out := make([]string, width)
	for k, i := 0, 0; k < width && i < len(row); i++ {
		n := max(runs[k], 1)
		for j := 0; j < n; j++ {
			out[k+j] = row[i].Text
		}
		k += n
	}
	return out, true
}

func without(xs []int, x int) []int {
	out := xs[:0:0]
	for _, v := range xs {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

// isIndicatorTable: a nature column, or an indicator caption, with value
// columns and a name column.
func (r *run) isIndicatorTable(v *tableView) bool {
	t, hdr, c, caption := v.t, v.hdr, v.cols, v.caption
	if c.name < 0 || len(c.values) == 0 || len(t.Rows) <= hdr {
		return false
	}
	if c.nature >= 0 {
		return true
	}
	if r.x.vocab.CaptionSays(caption, rules.CaptionIndicators) && len(t.Rows)-hdr >= 2 {
		return true
	}
	// an indicator name column (主要指标, 指标名称) and a year or role column
	if !r.x.vocab.Names(c.headers[c.name], rules.ColName) {
		return false
	}
	for _, k := range c.values {
		if r.x.vocab.Year(c.headers[k]) != "" || r.x.vocab.RoleOf(c.headers[k]) != "" {
			return true
		}
	}
	return false
}

// isFacilityTable: an institution-name column, or a bed caption whose rows
// are mostly named institutions.
func (r *run) isFacilityTable(v *tableView) bool {
	t, hdr, c, caption := v.t, v.hdr, v.cols, v.caption
	if c.name < 0 || len(t.Rows) <= hdr || c.nature >= 0 {
		return false
	}
	named := r.x.vocab.Names(c.headers[c.name], rules.ColInstitution)
	if !named && !r.x.vocab.CaptionSays(caption, rules.CaptionBeds) {
		return false
	}
	typed, total := 0, 0
	for _, row := range t.Rows[hdr:] {
		if c.name >= len(row) || row[c.name].Text == "" || r.x.fac.IsTotal(row[c.name].Text) {
			continue
		}
		total++
		if r.x.fac.Type(row[c.name].Text) != "other" {
			typed++
		}
	}
	return total > 0 && typed*2 >= total
}

// tableContext is what a table's caption says about its value columns: the
// plan period it reports on (a 十三五 review inside a 十四五 plan) and
// whether it reports results (完成情况).
type tableContext struct {
	period    *plan.Period
	completed bool
}

func (r *run) contextOf(caption string) tableContext {
	ctx := tableContext{period: r.plan.Document.Period}
	if start, end, ok := r.x.docRules.FiveYearPlan(caption); ok {
		ctx.period = &plan.Period{Start: start, End: end}
	}
	ctx.completed = r.x.vocab.CaptionSays(caption, rules.CaptionCompletion)
	return ctx
}

// cellValue builds a Value for a cell under a column header.
func (r *run) cellValue(ctx tableContext, header, raw string) plan.Value {
	p := value.Parse(raw)
	v := plan.Value{Column: header, Raw: raw, Kind: p.Kind, Value: p.Value, Ratio: p.Ratio}
	if p.Cmp != "" {
		v.Cmp = plan.Str(p.Cmp)
	}
	v.Direction = plan.Str(p.Direction)
	v.Unit = plan.Str(p.Unit)
	if m := r.x.vocab.Year(header); m != "" {
		y := atoi(m)
		v.Year = &y
	}
	v.Role = plan.Str(r.roleOf(ctx, header, v.Year))
	return v
}

// roleOf names a column's role from its header words, else from its year
// against the period the table reports on: before it a baseline, at its end
// a target — or, in a table of results (完成情况), the actual value.
func (r *run) roleOf(ctx tableContext, header string, year *int) string {
	if role := r.x.vocab.RoleOf(header); role != "" {
		return role
	}
	p := ctx.period
	if year == nil || p == nil {
		return ""
	}
	switch {
	case *year < p.Start:
		return "baseline"
	case *year == p.End && ctx.completed:
		return "actual"
	case *year == p.End:
		return "target"
	}
	return ""
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// cellAt returns the text of column k of a row, "" when absent.
func cellAt(row []docmodel.Cell, k int) string {
	if k < 0 || k >= len(row) {
		return ""
	}
	return row[k].Text
}

// cellSpanAt is the span of column k of a row; nil when absent or empty.
func (r *run) cellSpanAt(row []docmodel.Cell, k int) *plan.Span {
	if k < 0 || k >= len(row) {
		return nil
	}
	return r.cellSpan(row[k])
}

// rowLines returns the first and last line of a row's cells.
func rowLines(row []docmodel.Cell) (int, int) {
	first, last := 0, 0
	for _, c := range row {
		if c.Line == 0 {
			continue
		}
		if first == 0 || c.Line < first {
			first = c.Line
		}
		if c.EndLine > last {
			last = c.EndLine
		}
	}
	return first, last
}
