package txt

import (
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
// 2020年 2025年 | 目标值 属性). The running paragraphs around the table are
// indented with full-width spaces; its cells are not.
//
// The table is rebuilt from its header: the header cells are the labels
// before the first number (a caption line usually precedes them); the
// table's width is the number of leaf header cells, found by trying every
// reading of the header as one or two rows against the body. Body rows are
// cut after the nature word (预期性/约束性) that ends each row when the last
// column is the nature column, else read column by column from what the
// columns hold (a 序号 number, a group cell printed once, a name, the
// values); a row one or two cells short lacks its merged group or 序号 cell,
// and a total row (合计) prints its label once across the columns it spans.
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
	hdr, bodyStart, ok := p.webHeader(start)
	if !ok {
		return 0, false
	}
	bodyEnd := p.webBodyEnd(bodyStart)
	var cells []webCell
	for k := bodyStart; k < bodyEnd; k++ {
		cells = append(cells, webCell{text: p.text(p.lines[k]), line: k + 1})
	}
	var best [][]fitCell
	var bestQ []int
	var bestLay webLayout
	bestScore := -1
	for _, lay := range p.webLayouts(hdr) {
		jobs := p.webJobs(hdr, lay)
		rows, qs := p.webRows(cells, jobs)
		score := 0
		for _, q := range qs {
			score += q
		}
		if score > bestScore {
			best, bestQ, bestLay, bestScore = rows, qs, lay, score
		}
	}
	// rows after the table that do not fit it are not part of it
	for len(best) > 0 && bestQ[len(bestQ)-1] == fitBad {
		best, bestQ = best[:len(best)-1], bestQ[:len(bestQ)-1]
	}
	fit := 0
	for _, q := range bestQ {
		if q > fitBad {
			fit++
		}
	}
	if len(best) == 0 || fit*2 < len(best) {
		return 0, false
	}
	t := &docmodel.TableData{}
	t.Rows, t.HeaderRows = webHeaderRows(hdr, bestLay)
	t.Rows = append(t.Rows, mergeDown(best)...)
	last := 0
	for _, c := range best[len(best)-1] {
		last = max(last, c.EndLine)
	}
	p.add(docmodel.Block{Kind: docmodel.Table, Table: t, Line: hdr[0].line, EndLine: last}, blankBefore)
	return last, true
}

// webHeader reads the header cells starting at line index start: the short
// labels before the body's first number, less the first row's leading cells
// (a group or name printed before its first number), which are no header
// words.
func (p *parser) webHeader(start int) (hdr []webCell, bodyStart int, ok bool) {
	if !p.headerWord(p.text(p.lines[start])) {
		return nil, 0, false
	}
	var run []webCell
	k := start
	for ; ; k++ {
		if k >= len(p.lines) || len(run) > webMaxHeaderCells {
			return nil, 0, false
		}
		raw := p.lines[k]
		if isBlank(raw) || isTabCell(raw) || indented(raw) {
			return nil, 0, false
		}
		s := p.text(raw)
		if p.valueLike(s) || p.vocab.IsSeqCell(s) {
			break // the body's first value or row number
		}
		if utf8.RuneCountInString(s) > webHeaderMaxRunes || p.endsWebTable(s) {
			return nil, 0, false
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
		return nil, 0, false
	}
	return run[:h], start + h, true
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
		if !isBlank(raw) && (indented(raw) || p.endsWebTable(p.text(raw))) {
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
// header — years under role words (指标值 over 2020年 | 2025年), or role and
// nature words under a year (2025年 over 目标值 | 属性) — and each parent in
// the first row spans an equal share of them.
func (p *parser) webLayouts(hdr []webCell) []webLayout {
	m := len(hdr)
	all := make([]int, m)
	for i := range all {
		all[i] = i
	}
	out := []webLayout{{top: all, span: make([]int, m), leaves: all}}
	isYear := func(i int) bool { return p.vocab.Year(hdr[i].text) != "" }
	subWord := func(i int) bool {
		t := hdr[i].text
		return p.vocab.RoleOf(t) != "" || p.vocab.NamesNatureColumn(t)
	}
	for s := 1; s <= m-2; s++ {
		first := m - s
		years := isYear(first)
		for i := first; i < m; i++ {
			if isYear(i) != years || !years && !subWord(i) {
				return out // a longer run is no more of one kind
			}
		}
		var cand []int
		for i := 0; i < first; i++ {
			if years && !isYear(i) && len(p.vocab.Column(hdr[i].text)) == 0 || !years && isYear(i) {
				cand = append(cand, i)
			}
		}
		for k := 1; k <= len(cand); k++ {
			if s%k != 0 {
				continue
			}
			lay := webLayout{top: all[:first], span: make([]int, first), sub: all[first:]}
			for _, i := range cand[len(cand)-k:] {
				lay.span[i] = s / k
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
			out = append(out, lay)
		}
	}
	return out
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
		row, q := p.webFit(seg, jobs)
		rows = append(rows, row)
		qs = append(qs, q)
	}
	return rows, qs
}

// webSegments cuts the body cells into rows: after each nature word when the
// nature column is the last, else column by column (webRowEnd).
func (p *parser) webSegments(cells []webCell, jobs []string) [][]webCell {
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
		var segs [][]webCell
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
func (p *parser) splitSegment(cells []webCell, jobs []string) [][]webCell {
	if len(cells) <= len(jobs) && len(cells) > 0 && p.vocab.NatureOf(cells[len(cells)-1].text) != "" {
		return [][]webCell{cells}
	}
	var segs [][]webCell
	next := 0
	for i := 0; i < len(cells); {
		end := p.webRowEnd(cells, i, jobs, &next)
		if end <= i {
			end = i + 1
		}
		segs = append(segs, cells[i:end])
		i = end
	}
	return segs
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
// row number before a name, or a group cell before it.
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
	if isNext(j) && p.textCell(cells[j+1].text) {
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
