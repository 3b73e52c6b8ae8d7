package extractor

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
)

// setApartMin is the number of blank lines that set an unlabelled box apart
// from the running text.
const setApartMin = 2

// boxRange is one project box as the boxes pass reads it: the blocks it
// spans (first..last), its title line (with the 专栏 label, if any), its body
// lines, and the last line of the rendering it covers.
type boxRange struct {
	first, last int
	head        bodyLine
	body        []bodyLine
	endLine     int
}

// bodyLine is one line of a box body: a paragraph, or a data row of a table
// inside the box.
type bodyLine struct {
	text          string
	line, endLine int
	cells         []string // a table row's cells in order; nil for a paragraph
	at            extent   // where the line is printed
}

// findProjects finds 专栏 boxes (framed, printed as plain paragraphs, or a
// table whose first row is the label), other framed boxes that list
// projects, and unlabelled project lists set apart from the running text,
// and reads each box's body. Their lines are not headings, so this runs
// before the outline.
func (r *run) findProjects() {
	blocks := r.doc.Blocks
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch b.Kind {
		case docmodel.Box:
			if !r.isProjectBox(b) {
				continue
			}
			last := i
			body := paraLines(b.Paras)
			switch {
			case b.Table != nil:
				body = append(body, r.tableLines(b.Table.Rows)...)
			case r.tableBelowTitle(i):
				// a frame holding the title only, its table printed right below
				body = append(body, r.tableLines(blocks[i+1].Table.Rows)...)
				last = i + 1
			}
			r.addFrame(i, last, bodyLine{text: b.Text, line: b.Line, endLine: b.Line, at: textExtent(b.At)}, body, blocks[last].EndLine)
			i = last
		case docmodel.Table:
			r.tableBoxes(i)
		case docmodel.Paragraph:
			if end, body, ok := r.labelledParagraphs(i); ok {
				r.addBox(i, end, body)
				for k := i; k <= end; k++ {
					r.skipOutline[k] = true
				}
				i = end
				continue
			}
			if end, body, ok := r.listProject(i); ok {
				r.addBox(i, end, body)
				for k := i + 1; k <= end; k++ {
					r.skipOutline[k] = true
				}
				i = end
			}
		}
	}
}

// projects builds the projects found by findProjects, once the outline
// gives each its section.
func (r *run) projects() {
	for _, br := range r.boxes {
		r.plan.Projects = append(r.plan.Projects, r.boxOf(br))
	}
}

// addBox records a box printed without a frame: its title paragraph at
// block first, its body read from the blocks up to last.
func (r *run) addBox(first, last int, body []bodyLine) {
	b := r.doc.Blocks[first]
	end := r.doc.Blocks[last].EndLine
	r.boxes = append(r.boxes, boxRange{first, last, blockLine(b), body, end})
}

// addFrame records the boxes of one frame. One frame may hold several 专栏
// (a one-column table of label and body rows): a body paragraph that starts
// with a 专栏 label opens the next box.
func (r *run) addFrame(first, last int, head bodyLine, body []bodyLine, end int) {
	bl := r.x.blocks
	start := 0
	for k, l := range body {
		if l.cells == nil && bl.IsBoxLabel(l.text) && bl.IsBoxLabel(head.text) {
			r.boxes = append(r.boxes, boxRange{first, last, head, body[start:k], l.line - 1})
			head = l
			start = k + 1
		}
	}
	r.boxes = append(r.boxes, boxRange{first, last, head, body[start:], end})
}

func (r *run) isProjectBox(b docmodel.Block) bool {
	bl := r.x.blocks
	return bl.IsBoxLabel(b.Text) || bl.IsProjectListTitle(b.Text) || r.numberedParas(b.Paras) ||
		(b.Table != nil && bl.NamesProjects(b.Text))
}

// tableBelowTitle reports a frame holding nothing but its 专栏 title (the
// label, and the title on the next line) with a table printed directly
// below it: the box's table.
func (r *run) tableBelowTitle(i int) bool {
	blocks := r.doc.Blocks
	b := blocks[i]
	if !r.x.blocks.IsBoxLabel(b.Text) || b.Table != nil || i+1 >= len(blocks) {
		return false
	}
	if len(b.Paras) > 1 || (len(b.Paras) == 1 && !r.x.blocks.IsBoxLabelOnly(b.Text)) {
		return false
	}
	t := blocks[i+1]
	return t.Kind == docmodel.Table && t.Table != nil && t.BlankBefore < setApartMin
}

// tableBoxes finds the boxes printed as one table: a row whose only cell is
// a 专栏 label (merged across the table, or a one-column row) opens a box
// that holds the rows below it, up to the next such row. A table whose
// first row is a title naming projects over a header row is an unlabelled
// box.
func (r *run) tableBoxes(i int) {
	t := r.doc.Blocks[i].Table
	bl := r.x.blocks
	if t == nil || len(t.Rows) == 0 {
		return
	}
	var starts []int
	for k, row := range t.Rows {
		if c, ok := soleCell(row); ok && bl.IsBoxLabel(c.Text) {
			starts = append(starts, k)
		}
	}
	if len(starts) == 0 && len(t.Rows) > 1 {
		if c, ok := soleCell(t.Rows[0]); ok && bl.IsProjectListTitle(c.Text) && !bl.IsCaptionNumber(c.Text) &&
			bl.IsBoxTableHeader(rowTexts(t.Rows[1])) {
			starts = []int{0}
		}
	}
	for n, k := range starts {
		end := len(t.Rows)
		if n+1 < len(starts) {
			end = starts[n+1]
		}
		c, _ := soleCell(t.Rows[k])
		head := bodyLine{text: c.Text, line: c.Line, endLine: c.EndLine, at: cellExtent(c)}
		last := c.EndLine
		for _, row := range t.Rows[k+1 : end] {
			for _, cell := range row {
				if !cell.Covered && cell.Text != "" && cell.EndLine > last {
					last = cell.EndLine
				}
			}
		}
		r.boxes = append(r.boxes, boxRange{i, i, head, r.tableLines(t.Rows[k+1 : end]), last})
	}
}

// soleCell returns the only cell of a row that is not covered by a merge,
// when the row has just one.
func soleCell(row []docmodel.Cell) (docmodel.Cell, bool) {
	var sole docmodel.Cell
	n := 0
	for _, c := range row {
		if !c.Covered {
			sole = c
			n++
		}
	}
	return sole, n == 1 && sole.Text != ""
}

func rowTexts(row []docmodel.Cell) []string {
	var out []string
	for _, c := range row {
		if !c.Covered {
			out = append(out, c.Text)
		}
	}
	return out
}

func paraLines(ps []docmodel.Para) []bodyLine {
	out := make([]bodyLine, 0, len(ps))
	for _, p := range ps {
		out = append(out, bodyLine{text: p.Text, line: p.Line, endLine: p.EndLine, at: textExtent(p.At)})
	}
	return out
}

// blockLine is a paragraph block as a body line.
func blockLine(b docmodel.Block) bodyLine {
	return bodyLine{text: b.Text, line: b.Line, endLine: b.EndLine, at: textExtent(b.At)}
}

// tableLines reads the rows of a table inside a box. A row of one cell is
// a paragraph of the box (numbered items run together in it are split); a
// row of several cells is a data row, except the header row naming the
// columns (and its repetitions) and a total row.
func (r *run) tableLines(rows [][]docmodel.Cell) []bodyLine {
	bl := r.x.blocks
	var out []bodyLine
	var header []string
	for _, row := range rows {
		cells := rowTexts(row)
		var texts []string
		line, end := 0, 0
		var at extent
		for _, c := range row {
			if c.Covered || c.Text == "" {
				continue
			}
			at = at.union(cellExtent(c))
			texts = append(texts, c.Text)
			if line == 0 || c.Line < line {
				line = c.Line
			}
			end = max(end, c.EndLine)
		}
		if len(texts) == 0 {
			continue
		}
		if len(cells) == 1 {
			c, _ := soleCell(row)
			out = append(out, r.runOnItems(c)...)
			continue
		}
		switch {
		case header == nil && bl.IsBoxTableHeader(cells):
			header = cells
			continue
		case header != nil && strings.Join(cells, "\x00") == strings.Join(header, "\x00"):
			continue // the header printed again after a page break
		case bl.IsTotalLabel(texts[0]):
			continue
		}
		out = append(out, bodyLine{text: strings.Join(texts, " "), line: line, endLine: end, cells: cells, at: at})
	}
	return out
}

// runOnItems returns the paragraphs of a one-cell row: one, or the numbered
// items run together in it, each placed on the line of the rendering that
// prints its start.
func (r *run) runOnItems(c docmodel.Cell) []bodyLine {
	parts := r.x.blocks.SplitRunOnItems(c.Text)
	if len(parts) == 1 {
		return []bodyLine{{text: c.Text, line: c.Line, endLine: c.EndLine, at: cellExtent(c)}}
	}
	out := make([]bodyLine, len(parts))
	from := c.Line
	off := 0 // the parts are the cell's text cut in pieces
	for k, p := range parts {
		l := r.lineOf(p, from, c.EndLine)
		out[k] = bodyLine{text: p, line: l, endLine: l, at: rangeExtent(c.At, off, off+len(p))}
		if out[k].at.ok() {
			l = out[k].at.from.Line
			out[k].line = l
		}
		off += len(p)
		from = l
	}
	for k := range out {
		end := c.EndLine
		if k+1 < len(out) {
			end = max(out[k].line, out[k+1].line-1)
		}
		for end > out[k].line && strings.TrimSpace(r.doc.Lines[end-1]) == "" {
			end--
		}
		out[k].endLine = end
	}
	return out
}

// lineOf returns the first line in from..to of the rendering that prints
// the start of s (white space aside), or from.
func (r *run) lineOf(s string, from, to int) int {
	key := []rune(dropSpace(s))
	key = key[:min(len(key), 8)]
	for l := from; l <= to && l <= len(r.doc.Lines); l++ {
		if strings.Contains(dropSpace(r.doc.Lines[l-1]), string(key)) {
			return l
		}
	}
	return from
}

func dropSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// labelledParagraphs reads a 专栏 printed as plain paragraphs (a text box
// exported as text, a web page copied as text): a line opening with 专栏N
// (its title after the label, or alone on the next line), then its body up
// to where the box ends (see unframedBody). It returns the index of the
// last block of the box and the body, the title line first when the label
// stands alone.
func (r *run) labelledParagraphs(i int) (int, []bodyLine, bool) {
	blocks := r.doc.Blocks
	bl := r.x.blocks
	b := blocks[i]
	if !bl.IsBoxLabel(b.Text) {
		return 0, nil, false
	}
	from := i + 1
	var body []bodyLine
	if bl.IsBoxLabelOnly(b.Text) && !(from < len(blocks) && blocks[from].Kind == docmodel.Table) {
		// 专栏1 alone, its title on the next line
		if from >= len(blocks) || blocks[from].Kind != docmodel.Paragraph || blocks[from].BlankBefore >= setApartMin ||
			bl.IsBoxLabel(blocks[from].Text) {
			return 0, nil, false
		}
		t := blocks[from]
		body = append(body, blockLine(t))
		from++
	}
	last, more := r.flatBoxTable(from)
	if len(more) == 0 {
		last, more = r.unframedBody(i, from, false)
	}
	if len(more) == 0 {
		return 0, nil, false
	}
	return last, append(body, more...), true
}

// flatBoxTable reads a table inside a box printed one cell per line (a web
// page copied as text): the body opens with a run of column names
// (项目名称, 建设内容, 建设年限 — at least two, one per line), and the lines
// below, up to where the box ends, are its rows, as many cells each. It
// returns the index of the last block and the rows; none when the body does
// not open with column names or its lines do not fill whole rows.
func (r *run) flatBoxTable(from int) (int, []bodyLine) {
	blocks := r.doc.Blocks
	bl := r.x.blocks
	plain := func(j int) bool {
		if j >= len(blocks) || blocks[j].Kind != docmodel.Paragraph || blocks[j].BlankBefore >= setApartMin {
			return false
		}
		t := blocks[j].Text
		if _, ok := r.headingOf(t); ok {
			return false
		}
		return bl.ItemNumber(t) == 0 && !bl.IsBoxLabel(t) && !bl.IsCaptionNumber(t)
	}
	j := from
	for plain(j) && bl.IsBoxTableHeader([]string{blocks[j].Text}) {
		j++
	}
	width := j - from
	if width < 2 {
		return 0, nil
	}
	var cells []docmodel.Block
	for ; plain(j); j++ {
		if len(cells)%width == 0 && bl.EndsFramelessBox(blocks[j].Text) {
			break // running text where a row would start: the box has ended
		}
		cells = append(cells, blocks[j])
	}
	if len(cells) == 0 || len(cells)%width != 0 {
		return 0, nil
	}
	var body []bodyLine
	for k := 0; k < len(cells); k += width {
		row := cells[k : k+width]
		l := bodyLine{line: row[0].Line, endLine: row[width-1].EndLine}
		var texts []string
		for _, c := range row {
			l.at = l.at.union(textExtent(c.At))
			l.cells = append(l.cells, c.Text)
			texts = append(texts, c.Text)
		}
		l.text = strings.Join(texts, " ")
		if bl.IsTotalLabel(texts[0]) {
			continue
		}
		body = append(body, l)
	}
	return from + width + len(cells) - 1, body
}

// listProject reads an unlabelled box starting at paragraph i: a title line
// naming a set of projects (…项目, …工程, …行动), directly followed by items
// numbered from 1. The whole is set apart by a run of blank lines before or
// after it; in a text printed without blank lines (a web page copied as
// text) it stands between running text or headings instead. It returns the
// index of the last item and the items.
func (r *run) listProject(i int) (int, []bodyLine, bool) {
	blocks := r.doc.Blocks
	t := blocks[i]
	bl := r.x.blocks
	if !bl.IsProjectListTitle(t.Text) {
		return 0, nil, false
	}
	if _, ok := r.headingOf(t.Text); ok {
		return 0, nil, false
	}
	if i+1 >= len(blocks) || blocks[i+1].Kind != docmodel.Paragraph || blocks[i+1].BlankBefore > 0 || !bl.IsFirstItem(blocks[i+1].Text) {
		return 0, nil, false
	}
	last, body := r.unframedBody(i, i+1, true)
	if len(body) == 0 {
		return 0, nil, false
	}
	if t.BlankBefore < setApartMin && blocks[last].BlankAfter < setApartMin {
		if t.BlankBefore > 0 || blocks[last].BlankAfter > 0 || !r.endsText(i-1) || !r.startsText(last+1) {
			return 0, nil, false
		}
	}
	return last, body, true
}

// endsText reports whether block k closes what precedes a box printed
// without blank lines: the start of the document, a heading, a table or a
// frame, or a paragraph that ends its sentence.
func (r *run) endsText(k int) bool {
	if k < 0 {
		return true
	}
	b := r.doc.Blocks[k]
	if b.Kind != docmodel.Paragraph {
		return true
	}
	if _, ok := r.headingOf(b.Text); ok {
		return true
	}
	return r.x.blocks.EndsItem(b.Text)
}

// startsText reports whether block k opens what follows a box printed
// without blank lines: the end of the document, a heading, a table, a
// frame, another box, a table caption, or running text.
func (r *run) startsText(k int) bool {
	blocks := r.doc.Blocks
	if k >= len(blocks) {
		return true
	}
	b := blocks[k]
	bl := r.x.blocks
	if b.Kind != docmodel.Paragraph {
		return true
	}
	if _, ok := r.headingOf(b.Text); ok {
		return true
	}
	return bl.IsBoxLabel(b.Text) || bl.IsCaptionNumber(b.Text) || bl.EndsFramelessBox(b.Text)
}

// unframedBody reads the body of a box printed without a frame, from block
// from on (start is the box's title block), and returns the index of its
// last block and its lines. A box's lines are its numbered items (numbers in
// sequence, restarting at 1 under a sub-heading), the lines that continue an
// item broken over two lines, its sub-headings (（一）, （二） … in sequence)
// and, in a box whose items are not numbered, its paragraphs; a table
// printed right below the title is the box's table. The box ends at a run of
// blank lines, a heading that does not go on with the box's sub-headings,
// the next 专栏 label, an item number out of sequence, or a paragraph that
// reads as running text (but not one naming its subject: 县中医医院：…). A line whose number goes on both with the box and
// with the numbering of the text around it belongs to the text, unless that
// number is printed again further on (then the text's sequence resumes
// there). With list set (an unlabelled list), the items must follow each
// other without blank lines and be numbered.
func (r *run) unframedBody(start, from int, list bool) (int, []bodyLine) {
	blocks := r.doc.Blocks
	bl := r.x.blocks
	seq := r.numberingBefore(start)
	last := from - 1
	var body []bodyLine
	var (
		subStyle       string
		subNum         int
		itemNum        int
		haveItem       bool
		numbered       bool
		afterSub       bool
		lastSub        = -1 // body index of the last sub-heading
		ended          = true
		continuesItems = func(j, want int) bool {
			return j < len(blocks) && blocks[j].Kind == docmodel.Paragraph && blocks[j].BlankBefore < setApartMin &&
				bl.ItemNumber(blocks[j].Text) > 0 && itemValue(bl, blocks[j].Text) == want
		}
	)
loop:
	for j := from; j < len(blocks); j++ {
		b := blocks[j]
		if b.Kind == docmodel.Table && b.Table != nil {
			if j == from && !list {
				body = append(body, r.tableLines(b.Table.Rows)...)
				last = j
			}
			break
		}
		if b.Kind != docmodel.Paragraph || bl.IsBoxLabel(b.Text) || b.BlankBefore >= setApartMin || (list && b.BlankBefore > 0) {
			break
		}
		text := b.Text
		n, isItem := bl.ItemNumberValue(text)
		h, isHead := r.x.headings.Match(text)
		switch {
		case isItem:
			switch {
			case !haveItem:
				if list && n != 1 {
					break loop
				}
				numbered = true
			case numbered && n != itemNum+1 && !(afterSub && n == 1):
				break loop
			}
			if haveItem && !afterSub && isHead && r.textGoesOn(seq, h, n, j) {
				break loop
			}
			haveItem, itemNum, afterSub = true, n, false
			ended = bl.EndsItem(text)
		case isHead && !h.TooLong:
			num, ok := r.headingValue(h)
			first := ok && subStyle == "" && !haveItem && num == 1
			next := ok && subStyle == h.Style && num == subNum+1
			if !first && !next {
				break loop
			}
			if !(first && j == from) && r.textGoesOn(seq, h, num, j) {
				break loop
			}
			subStyle, subNum, afterSub, itemNum, ended = h.Style, num, true, 0, true
			lastSub = len(body)
		default:
			if haveItem && numbered && !afterSub {
				// an item broken over two lines: the line goes on with the item
				// cut off above it, or stands before the next item's number
				goesOn := bl.BreaksOff(body[len(body)-1].text) || (!ended && !bl.EndsFramelessBox(text))
				if !goesOn && !continuesItems(j+1, itemNum+1) {
					break loop
				}
				ended = bl.EndsItem(text)
				break
			}
			if list || (j > from && bl.EndsFramelessBox(text) && bl.ItemSubject(text) == "") || bl.IsCaptionNumber(text) {
				break loop // (an item naming its subject, 县中医医院：…, is the box's however long)
			}
			haveItem, afterSub, ended = true, false, bl.EndsItem(text)
		}
		body = append(body, blockLine(b))
		last = j
	}
	if lastSub >= 0 && lastSub == len(body)-1 {
		// a sub-heading with nothing under it is the text's heading
		body = body[:lastSub]
		last--
	}
	if !haveItem && (last < from || blocks[last].Kind != docmodel.Table) {
		return from - 1, nil
	}
	return last, body
}

func itemValue(bl *rules.BlockRules, s string) int {
	n, _ := bl.ItemNumberValue(s)
	return n
}

// headingValue returns the number of a numbered heading or paragraph as a
// value (第三章 → 3, （二） → 2, 4. → 4).
func (r *run) headingValue(h rules.Heading) (int, bool) {
	var digits, cn []rune
	for _, c := range h.Number {
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case r.x.rules.Numerals.IsNumeral(c):
			cn = append(cn, c)
		}
	}
	if len(digits) > 0 {
		n, err := strconv.Atoi(string(digits))
		return n, err == nil
	}
	return r.x.rules.Numerals.Parse(string(cn))
}

// numberingBefore returns, for each numbering style in use at block i (the
// styles of the current heading and of those enclosing it), the last number
// printed in that style before i: the numbering the text would go on with.
func (r *run) numberingBefore(i int) map[string]int {
	seq := map[string]int{}
	rank := map[string]int{}
	for j := 0; j < i; j++ {
		b := r.doc.Blocks[j]
		if r.skip[j] || r.skipOutline[j] || (b.Kind != docmodel.Paragraph && b.Kind != docmodel.Heading) {
			continue
		}
		h, ok := r.x.headings.Match(b.Text)
		if !ok {
			continue
		}
		n, ok := r.headingValue(h)
		if !ok {
			continue
		}
		for s, k := range rank {
			if k > h.Rank {
				delete(seq, s)
				delete(rank, s)
			}
		}
		seq[h.Style], rank[h.Style] = n, h.Rank
	}
	return seq
}

// textGoesOn reports whether the line at block j, numbered n in style h,
// reads as the text's own next heading or paragraph rather than the box's:
// the text's numbering in that style goes on with n, and n is not printed
// again in that style further on (before the text leaves the enclosing
// heading), where the text would then resume.
func (r *run) textGoesOn(seq map[string]int, h rules.Heading, n, j int) bool {
	if n != seq[h.Style]+1 {
		return false
	}
	for k := j + 1; k < len(r.doc.Blocks); k++ {
		b := r.doc.Blocks[k]
		if b.Kind != docmodel.Paragraph && b.Kind != docmodel.Heading {
			continue
		}
		g, ok := r.x.headings.Match(b.Text)
		if !ok {
			continue
		}
		if g.Rank < h.Rank && !g.TooLong {
			return true
		}
		if m, ok := r.headingValue(g); ok && g.Style == h.Style && m == n {
			return false
		}
	}
	return true
}

// boxOf builds one box's project from its title line and body lines.
func (r *run) boxOf(br boxRange) plan.Project {
	title := br.head.text
	body := br.body
	var label *string
	if l, ok := r.x.blocks.MatchBoxLabel(title); ok {
		label = plan.Str(l.Label)
		title = l.Rest
	}
	if title == "" && len(body) > 0 && body[0].cells == nil && r.x.blocks.ItemNumber(body[0].text) == 0 {
		// 专栏1 alone on its line, the title on the next
		title, body = body[0].text, body[1:]
	}
	end := br.endLine
	if len(body) > 0 && body[len(body)-1].endLine > end {
		end = body[len(body)-1].endLine
	}
	at := br.head.at
	for _, l := range body {
		at = at.union(l.at)
	}
	return plan.Project{Label: label, Title: title, Section: r.sectionOf(br.first), Items: r.boxItems(body), Span: r.spanOf(at, br.head.line, end)}
}

// boxItems reads a box body as items. A sub-heading (a heading line that is
// not an item number, followed by a line that is not a heading) is no item:
// the items under it carry it as their section. Each table row is an item.
// In a box whose items are numbered, a line without a number continues the
// item above it (an item broken over two lines).
func (r *run) boxItems(body []bodyLine) []plan.Item {
	bl := r.x.blocks
	head := make([]bool, len(body))
	for k, l := range body {
		if l.cells == nil && bl.ItemNumber(l.text) == 0 {
			_, head[k] = r.headingOf(l.text)
		}
	}
	numbered := false
	for k, l := range body {
		if l.cells == nil && !(head[k] && k+1 < len(body) && !head[k+1]) {
			numbered = bl.ItemNumber(l.text) > 0
			break
		}
	}
	type raw struct {
		text          string
		line, endLine int
		cells         []string
		section       *string
		numbered      bool
		at            extent
	}
	var rs []raw
	var section *string
	for k, l := range body {
		switch {
		case head[k] && k+1 < len(body) && !head[k+1]:
			section = plan.Str(l.text)
			continue
		case l.cells == nil && numbered && bl.ItemNumber(l.text) == 0 && len(rs) > 0 &&
			rs[len(rs)-1].numbered && (k == 0 || !head[k-1] || body[k-1].cells != nil):
			last := &rs[len(rs)-1]
			last.text += l.text
			last.endLine = max(last.endLine, l.endLine)
			last.at = last.at.union(l.at)
			continue
		}
		rs = append(rs, raw{l.text, l.line, l.endLine, l.cells, section, l.cells == nil && bl.ItemNumber(l.text) > 0, l.at})
	}
	items := []plan.Item{}
	for _, x := range rs {
		it := r.item(x.text, x.at, x.line, x.endLine)
		it.Section, it.Cells = x.section, x.cells
		items = append(items, it)
	}
	return items
}

// numberedParas reports a frame's paragraphs read as a numbered list: the
// first is item 1, and at least half of them are numbered (the others are
// items broken over two lines).
func (r *run) numberedParas(ps []docmodel.Para) bool {
	bl := r.x.blocks
	if len(ps) == 0 || !bl.IsFirstItem(ps[0].Text) {
		return false
	}
	n := 0
	for _, p := range ps {
		if bl.ItemNumber(p.Text) > 0 {
			n++
		}
	}
	return 2*n >= len(ps)
}

func (r *run) item(text string, at extent, line, endLine int) plan.Item {
	it := plan.Item{Text: text, Facilities: []string{}, Span: r.spanOf(at, line, endLine)}
	body := strings.TrimSpace(text[r.x.blocks.ItemNumber(text):])
	if subj := r.x.blocks.ItemSubject(body); subj != "" {
		it.Subject = plan.Str(subj)
	}
	seen := map[string]bool{}
	for _, m := range r.finder.Find(text) {
		if !seen[m.Name] {
			seen[m.Name] = true
			it.Facilities = append(it.Facilities, m.Name)
		}
	}
	return it
}
