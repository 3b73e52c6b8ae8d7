package txt

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// A web table is what a clerk gets by copying a table from a web page as
// text: every cell on a line of its own, in reading order, with no TAB and no
// blank line between rows. A cell merged over several rows is printed once,
// in its first row; an empty cell is an empty line or nothing at all. A
// two-level header prints its first row, then its second (领域 序号 指标 单位
// 2020年 2025年 | 目标值 属性). A long table may print its header again
// between its rows. The running paragraphs around the table are indented
// with full-width spaces; its cells are not.
//
// The table is rebuilt from its header: the header cells are the labels
// before the first number, starting with a header word or right after the
// table's caption; the table's width is the number of leaf header cells,
// found by trying every reading of the header as one or two rows (and of
// where it ends) against the body. Parents in the first row span an equal
// share of the second row's cells, or, where the children repeat
// (2020年总数 | 2020年每千人口 | 2025年每千人口 under each of several
// measures), each its own group of them. The header printed again inside
// the table is kept as header rows in its place and the rows after it read
// as the same table. Body rows are cut after the nature word (预期性/约束性)
// that ends each row when the last column is the nature column, else read
// column by column from what the columns hold (a 序号 number, a group cell
// printed once, a name, the values); a row one or two cells short lacks its
// merged group or 序号 cell, a total row (合计) prints its label once across
// the columns it spans, and in a table of 序号 then name a group printed as
// one cell before a row number (公立医院) is a row spanning the table.
const (
	webHeaderMaxRunes = 16 // a header cell is a short label
	webMaxHeaderCells = 24 // a longer run of labels is no table header
	webMinHeaderWords = 2  // header cells the vocabulary must name
	webUnitMaxRunes   = 3  // a unit cell (岁, 张, 亿元) is shorter
	ideographicSpace  = "\u3000"
)

// jobValue is the job of a leaf column that holds values (or text the
// vocabulary gives no job).
const jobValue = "value"

// webCell is one printed line of a web table: a cell's text, "" for an empty
// line (an empty cell).
type webCell struct {
	text string // normalised
	line int    // 1-based
}

// webLayout is one reading of a header's cells as one or two header rows.
type webLayout struct {
	top    []int // header cells of the first row, in order
	span   []int // per top cell: its children in the second row (0: none, the cell spans both rows)
	sub    []int // header cells of the second row, in order
	leaves []int // the header cell naming each leaf column
}

// fitCell is a fitted body cell; vertical marks a position covered by a
// merged cell above (a group or 序号 cell printed once).
type fitCell struct {
	docmodel.Cell
	vertical bool
}

// Row fit qualities (webFit).
const (
	fitBad    = 0 // the cells do not fit the columns
	fitPadded = 1 // the row is short of trailing cells (empty cells not printed)
	fitGood   = 2 // every cell fits its column
)

// indented reports a line that starts with a full-width space: a running
// paragraph of a web copy, never a table cell.
func indented(line string) bool { return strings.HasPrefix(line, ideographicSpace) }

// endsWebTable reports a line that cannot be a table cell: a caption, a
// note, a box label, a section heading or a sentence of running text.
func (p *parser) endsWebTable(s string) bool {
	b := p.blocksRules
	return b.IsCaptionNumber(s) || b.IsContinuationCaption(s) || b.IsTableNote(s) || b.IsBoxLabel(s) ||
		b.IsRunningText(s) || p.headings.OpensSection(s)
}

// headerWord reports a cell the vocabulary reads as a column header: a
// column job (序号, 单位, 指标 …), a nature or role header (属性, 目标值), or
// a year (2020年, 2025年规划床位数（张）).
func (p *parser) headerWord(s string) bool {
	v := p.vocab
	return len(v.Column(s)) > 0 || v.NamesNatureColumn(s) || v.RoleOf(s) != "" || v.Year(s) != ""
}

// valueLike reports a value cell: a number, a ratio, a dash.
func (p *parser) valueLike(s string) bool { return isValueLike(p.vocab, s) }

// textCell reports a non-empty cell that is neither a value nor a row number.
func (p *parser) textCell(s string) bool {
	return s != "" && !p.valueLike(s) && !p.vocab.IsSeqCell(s)
}

func (p *parser) isTotal(s string) bool { return s != "" && p.facilities.IsTotal(s) }

// unitLike reports a cell that may be printed in a 单位 column.
func unitLike(s string) bool {
	return utf8.RuneCountInString(s) <= webUnitMaxRunes || strings.ContainsAny(s, "/%‰％") || dashLike.MatchString(s)
}

// seqNumber reads a row number printed with ASCII or full-width digits.
func seqNumber(s string) (int, bool) {
	s = strings.TrimRight(rules.HalfWidthDigits(s), ".．、")
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// webTable tries to read a web table whose header starts at line index
// start, and returns the index of the first line after it.
func (p *parser) webTable(start, blankBefore int) (end int, ok bool) {
	run, hs, ok := p.webHeader(start)
	if !ok {
		return 0, false
	}
	bodyEnd := p.webBodyEnd(start + hs[0])
	var best *webReading
	for _, h := range hs {
		hdr := run[:h]
		var cells []webCell
		for k := start + h; k < bodyEnd; k++ {
			cells = append(cells, webCell{text: p.lineText(k), line: k + 1})
		}
		chunks, repeats := splitRepeatedHeaders(cells, hdr)
		for _, lay := range p.webLayouts(hdr) {
			jobs := p.webJobs(hdr, lay)
			if lay.childName(jobs) {
				continue // the row labels' column spans both header rows
			}
			r := &webReading{hdr: hdr, lay: lay, repeats: repeats, odd: lay.oddities(jobs)}
			for _, chunk := range chunks {
				rows, qs := p.webRows(chunk, jobs)
				r.rows = append(r.rows, rows)
				r.qs = append(r.qs, qs)
				for _, q := range qs {
					r.score += q
				}
			}
			if best == nil || r.better(best) {
				best = r
			}
		}
	}
	if best == nil {
		return 0, false
	}
	best.trim()
	fit, n := 0, 0
	for _, qs := range best.qs {
		for _, q := range qs {
			n++
			if q > fitBad {
				fit++
			}
		}
	}
	if n == 0 || fit*2 < n {
		return 0, false
	}
	t := &docmodel.TableData{}
	t.Rows, t.HeaderRows = webHeaderRows(best.hdr, best.lay)
	last := 0
	for c, rows := range best.rows {
		if c > 0 {
			again, _ := webHeaderRows(best.repeats[c-1], best.lay)
			t.Rows = append(t.Rows, again...)
			last = best.repeats[c-1][len(best.repeats[c-1])-1].line
		}
		t.Rows = append(t.Rows, mergeDown(rows)...)
		for _, row := range rows {
			for _, cell := range row {
				last = max(last, cell.EndLine)
			}
		}
	}
	p.add(docmodel.Block{Kind: docmodel.Table, Table: t, Line: best.hdr[0].line, EndLine: last}, blankBefore)
	return last, true
}

// webReading is one reading of a web table: a header, a layout of it, and
// the body rows fitted to its columns, in chunks separated by the header
// printed again.
type webReading struct {
	hdr     []webCell
	lay     webLayout
	repeats [][]webCell   // the header printed again before chunk k+1
	rows    [][][]fitCell // per chunk
	qs      [][]int       // per chunk, per row
	score   int           // the rows' fit qualities summed
	odd     int           // the layout's oddities (webLayout.oddities)
}

// better reports whether r reads the table better than o: its rows fit
// better, or as well with a header of fewer oddities. On a tie the earlier
// reading stays.
func (r *webReading) better(o *webReading) bool {
	if r.score != o.score {
		return r.score > o.score
	}
	return r.odd < o.odd
}

// trim drops the rows after the table that do not fit it, and a header
// printed again with no row after it.
func (r *webReading) trim() {
	for len(r.rows) > 0 {
		c := len(r.rows) - 1
		rows, qs := r.rows[c], r.qs[c]
		for len(rows) > 0 && qs[len(qs)-1] == fitBad {
			rows, qs = rows[:len(rows)-1], qs[:len(qs)-1]
		}
		r.rows[c], r.qs[c] = rows, qs
		if len(rows) > 0 || c == 0 {
			return
		}
		r.rows, r.qs, r.repeats = r.rows[:c], r.qs[:c], r.repeats[:c-1]
	}
}

// splitRepeatedHeaders cuts the body cells where a web page prints the
// table's header again inside the table (every header cell again, in
// order): chunks of body cells, and the header cells printed between them.
func splitRepeatedHeaders(cells, hdr []webCell) (chunks [][]webCell, repeats [][]webCell) {
	from := 0
	for i := 0; i+len(hdr) <= len(cells); {
		same := true
		for k, h := range hdr {
			if cells[i+k].text != h.text {
				same = false
				break
			}
		}
		if !same {
			i++
			continue
		}
		chunks = append(chunks, cells[from:i])
		repeats = append(repeats, cells[i:i+len(hdr)])
		i += len(hdr)
		from = i
	}
	return append(chunks, cells[from:]), repeats
}

// webHeader reads the header cells starting at line index start: the short
// labels before the body's first number. It returns them with the header
// lengths to try, best first: the labels less the first row's leading cells
// (a group or name printed before its first number), which are no header
// words; then longer, each next label a header cell the vocabulary does not
// name (新增 under 规划床位), which the body's fit decides. A header starts
// with a header word, or right after the table's caption.
func (p *parser) webHeader(start int) (run []webCell, hs []int, ok bool) {
	first := p.lineText(start)
	if utf8.RuneCountInString(first) > webHeaderMaxRunes {
		return nil, nil, false // no header cell (the loop below says the same)
	}
	if !p.headerWord(first) && (start == 0 || !p.isCaption(p.lineText(start-1))) {
		return nil, nil, false
	}
	k := start
	for ; ; k++ {
		if k >= len(p.lines) || len(run) > webMaxHeaderCells {
			return nil, nil, false
		}
		raw := p.lines[k]
		if isBlank(raw) || isTabCell(raw) || indented(raw) {
			return nil, nil, false
		}
		s := p.lineText(k)
		if p.valueLike(s) || p.vocab.IsSeqCell(s) {
			break // the body's first value or row number
		}
		if utf8.RuneCountInString(s) > webHeaderMaxRunes || p.endsWebTable(s) {
			return nil, nil, false
		}
		run = append(run, webCell{text: s, line: k + 1})
	}
	h := len(run)
	for h > 0 && !p.headerWord(run[h-1].text) {
		h--
	}
	words := 0
	for _, c := range run[:h] {
		if p.headerWord(c.text) {
			words++
		}
	}
	if h < 2 || words < webMinHeaderWords {
		return nil, nil, false
	}
	for ; h <= len(run); h++ {
		hs = append(hs, h)
	}
	return run, hs, true
}

// isCaption reports a table caption (表1 …, 续表1).
func (p *parser) isCaption(s string) bool {
	return p.blocksRules.IsCaptionNumber(s) || p.blocksRules.IsContinuationCaption(s)
}

// webBodyEnd returns the index of the first line after the body starting at
// line index start: the first line that cannot be a cell (an indented
// paragraph, a caption, a note, a heading, running text, a TAB line);
// empty lines before it are not cells.
func (p *parser) webBodyEnd(start int) int {
	k := start
	for k < len(p.lines) {
		raw := p.lines[k]
		if isTabCell(raw) {
			break
		}
		if !isBlank(raw) && (indented(raw) || p.endsWebTable(p.lineText(k))) {
			break
		}
		k++
	}
	for k > start && isBlank(p.lines[k-1]) {
		k--
	}
	return k
}

// webLayouts lists the readings of a header: one row of leaf cells first,
// then two rows, where the second row is a run of cells at the end of the
// header under parents of the first row:
//
//   - years under role or other words (指标值 over 2020年 | 2025年): the whole
//     run of years after the parents, each parent over an equal share of
//     them, or over its own group where the children repeat (several
//     measures each over 2020年总数 | 2020年每千人口 | 2025年每千人口);
//   - role and nature words under a year (2025年 over 目标值 | 属性), each
//     year over an equal share;
//   - a run mixing years, role words and words that are neither (规划床位
//     over 2025年 | 新增, 床位数 over 现有 | 规划 | 新增), under parents that
//     name no year and no column job, and no role when a child names one
//     (roles are siblings), each over two children or more.
//
// A cell naming a column job (序号, 名称, 单位 …), other than the nature,
// is never a child. Which reading is right the body's fit decides.
func (p *parser) webLayouts(hdr []webCell) []webLayout {
	m := len(hdr)
	all := make([]int, m)
	for i := range all {
		all[i] = i
	}
	out := []webLayout{{top: all, span: make([]int, m), leaves: all}}
	v := p.vocab
	isYear := func(i int) bool { return v.Year(hdr[i].text) != "" }
	roleWord := func(i int) bool {
		t := hdr[i].text
		return !isYear(i) && (v.RoleOf(t) != "" || v.NamesNatureColumn(t))
	}
	hasJob := func(i int) bool { return len(v.Column(hdr[i].text)) > 0 }
	for s := 1; s <= m-2; s++ {
		first := m - s
		if hasJob(first) && !roleWord(first) {
			break // a column of its own: no child, and no longer run is one
		}
		years, roles, someRole := true, true, false
		for i := first; i < m; i++ {
			years = years && isYear(i)
			roles = roles && roleWord(i)
			someRole = someRole || roleWord(i)
		}
		var cand []int // the cells that may be parents, in order
		for i := 0; i < first; i++ {
			if roles && isYear(i) || !roles && !isYear(i) && !hasJob(i) && !(someRole && roleWord(i)) {
				cand = append(cand, i)
			}
		}
		minSpan := 1
		switch {
		case years && first > 0 && isYear(first-1):
			continue // the years after the parents are all children
		case !years && !roles:
			minSpan = 2
		}
		for k := 1; k <= len(cand) && s/k >= minSpan; k++ {
			if s%k != 0 {
				continue
			}
			spans := make([]int, k)
			for i := range spans {
				spans[i] = s / k
			}
			out = append(out, twoRows(all, first, cand[len(cand)-k:], spans))
		}
		if roles {
			continue
		}
		groups := p.childGroups(hdr[first:])
		if len(groups) < 2 || len(groups) > len(cand) || slices.Min(groups) < minSpan {
			continue
		}
		out = append(out, twoRows(all, first, cand[len(cand)-len(groups):], groups))
	}
	return out
}

// twoRows builds a two-row layout: the cells from first on are the second
// row, parents[i] spans spans[i] of them in order, and every other cell of
// the first row spans both rows.
func twoRows(all []int, first int, parents, spans []int) webLayout {
	lay := webLayout{top: all[:first], span: make([]int, first), sub: all[first:]}
	for i, c := range parents {
		lay.span[c] = spans[i]
	}
	next := first
	for i := range lay.top {
		if lay.span[i] == 0 {
			lay.leaves = append(lay.leaves, i)
			continue
		}
		for range lay.span[i] {
			lay.leaves = append(lay.leaves, next)
			next++
		}
	}
	return lay
}

// childGroups cuts a second header row into the children of successive
// parents: a child starts the next parent's children when it repeats a
// child of the current parent or names an earlier year than the child
// before it (2020年总数 | 2025年每千人口 | 2020年总数 …).
func (p *parser) childGroups(sub []webCell) []int {
	var sizes []int
	var seen map[string]bool
	prev := ""
	for _, c := range sub {
		y := p.vocab.Year(c.text)
		if sizes == nil || seen[c.text] || y != "" && prev != "" && y < prev {
			sizes = append(sizes, 0)
			seen = map[string]bool{}
			prev = ""
		}
		sizes[len(sizes)-1]++
		seen[c.text] = true
		if y != "" {
			prev = y
		}
	}
	return sizes
}

// oddities counts what a two-row header rarely prints: a parent over a
// single child (a merged cell over one column), and a value column spanning
// both rows after the last parent (the parents' children come last in the
// first row of value columns; a nature or note column may follow them).
func (l webLayout) oddities(jobs []string) int {
	n, last := 0, -1
	for i, s := range l.span {
		if s == 1 {
			n++
		}
		if s > 0 {
			last = i
		}
	}
	if last < 0 {
		return n
	}
	for k, i := range l.leaves {
		if i > last && i < len(l.top) && jobs[k] == jobValue {
			n++
		}
	}
	return n
}

// childName reports whether the name column (the rows' labels) is a child
// of the second header row.
func (l webLayout) childName(jobs []string) bool {
	for k, job := range jobs {
		if job == rules.ColName {
			return len(l.sub) > 0 && l.leaves[k] >= l.sub[0]
		}
	}
	return false
}

// webJobs names each leaf column's job, as the extractor reads a header:
// 序号, 单位, the nature, the name (the first column the vocabulary names,
// else the first one that names no year or role), a group column before the
// name, notes; every other column holds values.
func (p *parser) webJobs(hdr []webCell, lay webLayout) []string {
	v := p.vocab
	jobs := make([]string, len(lay.leaves))
	seen := map[string]bool{}
	name := -1
	for k, i := range lay.leaves {
		t := hdr[i].text
		job := jobValue
		switch {
		case !seen[rules.ColSeq] && v.Names(t, rules.ColSeq):
			job = rules.ColSeq
		case !seen[rules.ColUnit] && v.Names(t, rules.ColUnit):
			job = rules.ColUnit
		case !seen[rules.ColNature] && v.Names(t, rules.ColNature):
			job = rules.ColNature
		case name < 0 && (v.Names(t, rules.ColName) || v.Names(t, rules.ColInstitution)):
			job, name = rules.ColName, k
		case name < 0 && !seen[rules.ColCategory] && v.Names(t, rules.ColCategory):
			job = rules.ColCategory
		case v.Names(t, rules.ColNote):
			job = rules.ColNote
		}
		seen[job] = true
		jobs[k] = job
	}
	if name < 0 {
		for k, i := range lay.leaves {
			if t := hdr[i].text; jobs[k] == jobValue && v.Year(t) == "" && v.RoleOf(t) == "" {
				jobs[k] = rules.ColName
				return jobs
			}
		}
		for k := range jobs {
			if jobs[k] == jobValue {
				jobs[k] = rules.ColName
				break
			}
		}
	}
	return jobs
}

// webRows cuts the body cells into rows and fits each to the columns.
func (p *parser) webRows(cells []webCell, jobs []string) ([][]fitCell, []int) {
	var rows [][]fitCell
	var qs []int
	for _, seg := range p.webSegments(cells, jobs) {
		row, q := p.webFit(seg.cells, jobs)
		if seg.group {
			row, q = webGroupRow(seg.cells[0], len(jobs)), fitGood
		}
		rows = append(rows, row)
		qs = append(qs, q)
	}
	return rows, qs
}

// webSeg is the cells of one body row; group marks a group row printed as
// one cell across the table (旗级公立医院 over the rows below it).
type webSeg struct {
	cells []webCell
	group bool
}

// webSegments cuts the body cells into rows: after each nature word when the
// nature column is the last, else column by column (webRowEnd).
func (p *parser) webSegments(cells []webCell, jobs []string) []webSeg {
	w := len(jobs)
	if w == 0 {
		return nil
	}
	natures := 0
	for _, c := range cells {
		if p.vocab.NatureOf(c.text) != "" {
			natures++
		}
	}
	if jobs[w-1] == rules.ColNature && natures >= 2 {
		var segs []webSeg
		var cur []webCell
		for _, c := range cells {
			cur = append(cur, c)
			if p.vocab.NatureOf(c.text) != "" {
				segs = append(segs, p.splitSegment(cur, jobs)...)
				cur = nil
			}
		}
		if len(cur) > 0 {
			segs = append(segs, p.splitSegment(cur, jobs)...)
		}
		return segs
	}
	return p.splitSegment(cells, jobs)
}

// splitSegment reads cells row by row when they are more than one row's
// worth (a row whose nature cell is empty, or a table without one).
func (p *parser) splitSegment(cells []webCell, jobs []string) []webSeg {
	if len(cells) <= len(jobs) && len(cells) > 0 && p.vocab.NatureOf(cells[len(cells)-1].text) != "" {
		return []webSeg{{cells: cells}}
	}
	var segs []webSeg
	next := 0
	for i := 0; i < len(cells); {
		if p.groupRowAt(cells, i, jobs, 0) { // a row starts here: any row number
			segs = append(segs, webSeg{cells: cells[i : i+1], group: true})
			i++
			continue
		}
		end := p.webRowEnd(cells, i, jobs, &next)
		if end <= i {
			end = i + 1
		}
		segs = append(segs, webSeg{cells: cells[i:end]})
		i = end
	}
	return segs
}

// groupRowAt reports whether cells[i] is a group row printed as one cell in
// a table whose first columns are 序号 and the name, with no group column:
// text where a row number is expected, followed by a row number (the one
// expected next, when known) and a name.
func (p *parser) groupRowAt(cells []webCell, i int, jobs []string, next int) bool {
	if len(jobs) < 3 || jobs[0] != rules.ColSeq || jobs[1] != rules.ColName || i+2 >= len(cells) ||
		slices.Contains(jobs, rules.ColCategory) {
		return false
	}
	c := cells[i].text
	if !p.textCell(c) || p.isTotal(c) || p.vocab.NatureOf(c) != "" {
		return false
	}
	n, ok := seqNumber(cells[i+1].text)
	return ok && (next <= 0 || n == next) && p.textCell(cells[i+2].text)
}

// webGroupRow is a group row: its one cell spans the table's w columns.
func webGroupRow(c webCell, w int) []fitCell {
	row := []fitCell{{Cell: docmodel.Cell{Text: c.text, Line: c.line, EndLine: c.line, ColSpan: w}}}
	for range w - 1 {
		row = append(row, fitCell{Cell: docmodel.Cell{Covered: true}})
	}
	return row
}

// webRowEnd reads one row from cells[i] column by column and returns the
// index after it; next is the row number expected next (0 when unknown).
func (p *parser) webRowEnd(cells []webCell, i int, jobs []string, next *int) int {
	n := len(cells)
	nameAt := 0
	for k, job := range jobs {
		if job == rules.ColName {
			nameAt = k
			break
		}
	}
	j := i
	if p.isTotal(cells[i].text) {
		// the label spans the columns up to the name, or is followed by
		// their empty cells
		j++
		for k := 1; k <= nameAt && j < n && cells[j].text == ""; k++ {
			j++
		}
	} else {
		for k := 0; k < nameAt && j < n; k++ {
			switch jobs[k] {
			case rules.ColSeq:
				if c := cells[j].text; c == "" || p.vocab.IsSeqCell(c) {
					if v, ok := seqNumber(c); ok {
						*next = v + 1
					}
					j++
				}
			case rules.ColCategory:
				if p.webCategoryAt(cells, j, jobs, k) {
					j++
				}
			default:
				j++
			}
		}
		j++ // the name
	}
	for k := nameAt + 1; k < len(jobs) && j < n; k++ {
		if p.webRowStart(cells, j, jobs, *next) {
			break // the row's last cells are empty and not printed
		}
		if c := cells[j].text; jobs[k] == rules.ColNature && c != "" && p.vocab.NatureOf(c) == "" {
			break // an empty nature cell, not printed
		}
		j++
	}
	return min(j, n)
}

// webRowStart reports whether cells[j] starts a row: a total label, the next
// row number before a name, or a group cell (or group row) before it.
func (p *parser) webRowStart(cells []webCell, j int, jobs []string, next int) bool {
	if p.isTotal(cells[j].text) {
		return true
	}
	if next <= 0 || j+1 >= len(cells) {
		return false
	}
	isNext := func(k int) bool {
		v, ok := seqNumber(cells[k].text)
		return ok && v == next
	}
	if isNext(j) && p.textCell(cells[j+1].text) || p.groupRowAt(cells, j, jobs, next) {
		return true
	}
	seqAt := -1
	for k, job := range jobs {
		if job == rules.ColSeq {
			seqAt = k
			break
		}
	}
	return seqAt > 0 && jobs[seqAt-1] == rules.ColCategory && p.textCell(cells[j].text) && isNext(j+1)
}

// webCategoryAt reports whether cells[j] is the group cell of column k: text
// followed by what the next column holds (a row number, or a name that is no
// unit). A row whose group cell was printed in an earlier row starts with
// the next column's cell instead.
func (p *parser) webCategoryAt(cells []webCell, j int, jobs []string, k int) bool {
	if !p.textCell(cells[j].text) || j+1 >= len(cells) || k+1 >= len(jobs) {
		return false
	}
	nx := cells[j+1].text
	switch jobs[k+1] {
	case rules.ColSeq:
		return nx == "" || p.vocab.IsSeqCell(nx)
	case rules.ColName:
		if !p.textCell(nx) {
			return false
		}
		return k+2 >= len(jobs) || jobs[k+2] != rules.ColUnit || !unitLike(nx)
	}
	return true
}

// webFit fits one row's cells to the columns. A short row lacks its group
// cell or 序号 cell (merged with the row above: covered), an empty unit or
// nature cell, or its trailing cells; a total row's label spans the columns
// before its values.
func (p *parser) webFit(seg []webCell, jobs []string) ([]fitCell, int) {
	w := len(jobs)
	cell := func(c webCell) fitCell {
		return fitCell{Cell: docmodel.Cell{Text: c.text, Line: c.line, EndLine: c.line}}
	}
	if len(seg) > 0 && len(seg) <= w && p.isTotal(seg[0].text) {
		span := w - len(seg) + 1
		first := cell(seg[0])
		if span > 1 {
			first.ColSpan = span
		}
		row := []fitCell{first}
		for range span - 1 {
			row = append(row, fitCell{Cell: docmodel.Cell{Covered: true}})
		}
		for _, c := range seg[1:] {
			row = append(row, cell(c))
		}
		return row, fitGood
	}
	budget := w - len(seg)
	q := fitGood
	if budget < 0 {
		q = fitBad
	}
	row := make([]fitCell, 0, w)
	i := 0
	for k, job := range jobs {
		if i >= len(seg) {
			row = append(row, fitCell{}) // not printed: no line
			q = min(q, fitPadded)
			continue
		}
		c := seg[i].text
		skip := false
		if budget > 0 {
			switch job {
			case rules.ColCategory:
				skip = !p.webCategoryAt(seg, i, jobs, k)
			case rules.ColSeq:
				skip = c != "" && !p.vocab.IsSeqCell(c)
			case rules.ColUnit:
				skip = c != "" && p.vocab.IsValueCell(c)
			case rules.ColNature:
				skip = c != "" && p.vocab.NatureOf(c) == ""
			}
		}
		if skip {
			budget--
			// a merged group or 序号 cell printed above, or an empty cell
			// not printed at all
			vertical := job == rules.ColCategory || job == rules.ColSeq
			row = append(row, fitCell{Cell: docmodel.Cell{Covered: vertical}, vertical: vertical})
			continue
		}
		row = append(row, cell(seg[i]))
		i++
		nature := p.vocab.NatureOf(c) != ""
		switch job {
		case rules.ColSeq:
			if c != "" && !p.vocab.IsSeqCell(c) {
				q = fitBad
			}
		case rules.ColName, rules.ColCategory:
			if c == "" && job == rules.ColName || c != "" && !p.textCell(c) || nature {
				q = fitBad
			}
		case rules.ColNature:
			if c != "" && !nature {
				q = fitBad
			}
		default:
			if nature {
				q = fitBad
			}
		}
	}
	for ; i < len(seg); i++ {
		row = append(row, cell(seg[i]))
		q = fitBad
	}
	return row, q
}

// mergeDown turns the fitted rows into model rows: a position covered from
// above extends the merged cell above it (RowSpan); in the first row, where
// a copy leaves out an empty merged cell, it is an empty cell. A cell the
// copy does not print has no line (0).
func mergeDown(rows [][]fitCell) [][]docmodel.Cell {
	out := make([][]docmodel.Cell, len(rows))
	for r, row := range rows {
		out[r] = make([]docmodel.Cell, len(row))
		for k, c := range row {
			out[r][k] = c.Cell
		}
	}
	for r, row := range rows {
		for k, c := range row {
			if !c.vertical {
				continue
			}
			o := r - 1
			for o >= 0 && (k >= len(out[o]) || out[o][k].Covered) {
				o--
			}
			if o < 0 {
				out[r][k] = docmodel.Cell{} // not printed: no line
				continue
			}
			out[o][k].RowSpan = max(out[o][k].RowSpan, 1) + 1
		}
	}
	return out
}

// webHeaderRows builds the header rows of a layout: one row, or two where a
// parent spans its children and every other first-row cell spans both rows.
func webHeaderRows(hdr []webCell, lay webLayout) ([][]docmodel.Cell, int) {
	cell := func(i int) docmodel.Cell {
		return docmodel.Cell{Text: hdr[i].text, Line: hdr[i].line, EndLine: hdr[i].line}
	}
	if len(lay.sub) == 0 {
		row := make([]docmodel.Cell, len(lay.leaves))
		for k, i := range lay.leaves {
			row[k] = cell(i)
		}
		return [][]docmodel.Cell{row}, 1
	}
	var top, bottom []docmodel.Cell
	next := 0
	for _, i := range lay.top {
		c := cell(i)
		if lay.span[i] == 0 {
			c.RowSpan = 2
			top = append(top, c)
			bottom = append(bottom, docmodel.Cell{Covered: true})
			continue
		}
		c.ColSpan = lay.span[i]
		top = append(top, c)
		for k := range lay.span[i] {
			if k > 0 {
				top = append(top, docmodel.Cell{Covered: true})
			}
			bottom = append(bottom, cell(lay.sub[next]))
			next++
		}
	}
	return [][]docmodel.Cell{top, bottom}, 2
}
