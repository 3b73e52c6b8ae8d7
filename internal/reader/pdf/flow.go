package pdf

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// item is one thing on a page in reading order: a line of running text or
// a table.
type item struct {
	line  *line
	table *table
}

// table is a grid with its cells' texts, ready to join with a continuation
// on the next page.
type table struct {
	page    int
	xs      []float64
	rows    [][]tcell
	width   int
	top     float64 // top edge on its first page
	lastY   float64 // bottom edge on its last page
	unruled bool    // read from aligned text, not from rules
}

// tcell is one grid position of a table.
type tcell struct {
	text             string
	paras            []para // the cell's paragraphs (for boxes)
	colSpan, rowSpan int    // 1 when not merged
	covered          bool
	vr               int // row of the origin covering this position, -1 if none
}

// para is a paragraph of running text or of a cell.
type para struct {
	lines []*line
	page  int
	text  string // normalised
	size  float64
}

// pageLayout is one page's lines and tables before paragraphs are made.
type pageLayout struct {
	n      int
	h      float64
	items  []item
	left   float64 // the body's left edge
	right  float64 // the body's right edge
	hasTxt bool
}

// layout turns the pages' items (pageItems) into the document model.
func layout(pls []*pageLayout, set *rules.Set) *docmodel.Document {
	blocks := set.Blocks
	dropRunning(pls)
	for _, pl := range pls {
		pl.margins()
	}
	pitch := linePitch(pls)
	body := bodySize(pls)
	r := &renderer{doc: &docmodel.Document{}, last: -1, blocks: blocks}
	// The flow: paragraphs from consecutive lines, tables joined with their
	// continuation on the next page.
	var cur *para
	var prevPL *pageLayout
	var pendingTable *table
	flushPara := func() {
		if cur != nil {
			r.para(cur, body)
			cur = nil
		}
	}
	flushTable := func() {
		if pendingTable != nil {
			r.table(pendingTable)
			pendingTable = nil
		}
	}
	for _, pl := range pls {
		for k, it := range pl.items {
			if it.table != nil {
				flushPara()
				// a table opening with 专栏 is a new box, never the rest of one
				if pendingTable != nil && k == 0 && continues(pendingTable, it.table) && !blocks.OpensWithBoxWord(firstText(it.table)) {
					join(pendingTable, it.table)
					continue
				}
				flushTable()
				pendingTable = it.table
				continue
			}
			l := it.line
			if pendingTable != nil {
				flushTable()
			}
			if cur != nil && (sameParagraph(cur, prevPL, pl, l, k == 0, pitch) || sameHeading(cur, l, body, set.Headings)) {
				cur.lines = append(cur.lines, l)
				continue
			}
			flushPara()
			cur = &para{lines: []*line{l}, page: pl.n}
		}
		prevPL = pl
	}
	flushPara()
	flushTable()
	r.headingLevels(body)
	return r.doc
}

// pageItems finds a page's tables, puts every glyph into its cell or into
// the running text, and orders lines and tables from top to bottom.
func pageItems(p *page) *pageLayout {
	pl := &pageLayout{n: p.n, h: p.h}
	grids := findGrids(p.n, p.rules)
	var rest []glyph
	for _, g := range p.glyphs {
		placed := false
		for _, gr := range grids {
			if gr.contains(g) {
				gr.place(g)
				placed = true
				break
			}
		}
		if !placed {
			rest = append(rest, g)
		}
	}
	lines := unruledCells(makeLines(p.n, rest, 2.5))
	for i := 0; i < len(lines); {
		if t, n := unruledTable(lines[i:]); t != nil {
			pl.items = append(pl.items, item{table: t})
			i += n
			continue
		}
		pl.items = append(pl.items, item{line: lines[i]})
		i++
	}
	for _, gr := range grids {
		if t := gridTable(gr); t != nil {
			pl.items = append(pl.items, item{table: t})
		} else {
			// an empty frame: nothing to read
			continue
		}
	}
	sort.SliceStable(pl.items, func(i, j int) bool { return pl.items[i].top() < pl.items[j].top() })
	return pl
}

func (it item) top() float64 {
	if it.line != nil {
		return it.line.rowTop
	}
	return it.table.top
}

// gridTable reads a grid's cells; nil when no cell holds text.
func gridTable(g *grid) *table {
	t := &table{page: g.page, xs: g.xs, width: g.cols(), lastY: g.y1(), top: g.y0()}
	t.rows = make([][]tcell, g.rows())
	empty := true
	for r := range t.rows {
		t.rows[r] = make([]tcell, t.width)
		for c := range t.rows[r] {
			t.rows[r][c] = tcell{colSpan: 1, rowSpan: 1, vr: -1}
		}
	}
	for _, cell := range g.cells {
		lines := makeLines(g.page, cell.glyphs, 2.5)
		ps := cellParas(lines, g.xs[cell.c0], g.xs[cell.c1])
		var texts []string
		for _, p := range ps {
			texts = append(texts, p.text)
		}
		text := docmodel.Normalize(strings.Join(texts, ""))
		if text != "" {
			empty = false
		}
		o := &t.rows[cell.r0][cell.c0]
		o.text, o.paras = text, ps
		o.colSpan, o.rowSpan = cell.c1-cell.c0, cell.r1-cell.r0
		for r := cell.r0; r < cell.r1; r++ {
			for c := cell.c0; c < cell.c1; c++ {
				if r == cell.r0 && c == cell.c0 {
					continue
				}
				t.rows[r][c] = tcell{covered: true, colSpan: 1, rowSpan: 1, vr: -1}
				if c == cell.c0 {
					t.rows[r][c].vr = cell.r0
				}
			}
		}
	}
	if empty {
		return nil
	}
	return t
}

// cellParas makes paragraphs of a cell's lines, with the same tests as the
// running text: the margins are those of the cell's own full lines.
func cellParas(lines []*line, left, right float64) []para {
	var out []para
	var cur *para
	pl := &pageLayout{left: left, right: right}
	for _, l := range lines {
		pl.items = append(pl.items, item{line: l})
	}
	if len(lines) >= 2 {
		pl.margins()
		// one long line and a short one: the short one is not the margin
		pl.right = max(pl.right, lines[0].x1, lines[len(lines)-1].x1-0.1)
		for _, l := range lines {
			pl.right = max(pl.right, min(l.x1, right))
		}
		// Lines that all end far short of a wide cell's right border (a
		// box's last short paragraphs, carried to the next page) reach no
		// margin: the longest of them is not where the others wrapped.
		if size := lines[0].size; right-left > 20*size && right-pl.right > 8*size {
			pl.right = right
		}
	}
	pitch := 0.0
	for i := 1; i < len(lines); i++ {
		d := lines[i].cy() - lines[i-1].cy()
		if d > 0 && (pitch == 0 || d < pitch) {
			pitch = d
		}
	}
	for _, l := range lines {
		if cur != nil && sameParagraph(cur, pl, pl, l, false, pitch) {
			cur.lines = append(cur.lines, l)
			continue
		}
		if cur != nil {
			out = append(out, *cur)
		}
		cur = &para{lines: []*line{l}, page: l.page}
	}
	if cur != nil {
		out = append(out, *cur)
	}
	for i := range out {
		out[i].finish()
	}
	return out
}

// finish sets a paragraph's text and size from its lines.
func (p *para) finish() {
	var b strings.Builder
	var sizes []float64
	for i, l := range p.lines {
		t := l.text()
		if i > 0 && b.Len() > 0 {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(t)
			if isLatin(prev) && isLatin(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
		for range l.glyphs {
			sizes = append(sizes, l.size)
		}
	}
	p.text = docmodel.Normalize(b.String())
	if len(sizes) > 0 {
		sort.Float64s(sizes)
		p.size = sizes[len(sizes)/2]
	}
}

func isLatin(r rune) bool { return r < 0x250 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// margins sets the page's body edges: the median left end of the lines
// starting within a font size of the leftmost, and the median right end of
// the lines ending within three of the rightmost (full lines; centred,
// indented and short lines do not count, nor a comma hanging past the
// margin).
func (pl *pageLayout) margins() {
	var ls []*line
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, it := range pl.items {
		if it.line != nil {
			ls = append(ls, it.line)
			minX, maxX = min(minX, it.line.x0), max(maxX, it.line.x1)
		}
	}
	if len(ls) == 0 {
		return
	}
	pl.hasTxt = true
	var lefts, rights []float64
	for _, l := range ls {
		if l.x0 <= minX+l.size {
			lefts = append(lefts, l.x0)
		}
		if l.x1 >= maxX-3*l.size {
			rights = append(rights, l.x1)
		}
	}
	sort.Float64s(lefts)
	sort.Float64s(rights)
	pl.left, pl.right = lefts[len(lefts)/2], rights[len(rights)/2]
}

func mode(m map[int]int) (key, count int) {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		if m[k] > count {
			key, count = k, m[k]
		}
	}
	return key, count
}

// linePitch is the most common distance between the centres of two
// consecutive lines of running text (0.5 pt bins).
func linePitch(pls []*pageLayout) float64 {
	h := map[int]int{}
	for _, pl := range pls {
		var prev *line
		for _, it := range pl.items {
			if it.line == nil {
				prev = nil
				continue
			}
			l := it.line
			if prev != nil {
				d := l.cy() - prev.cy()
				if d > 0.5*l.size && d < 3*l.size && math.Abs(l.size-prev.size) < 0.6 {
					h[int(math.Round(d*2))]++
				}
			}
			prev = l
		}
	}
	k, n := mode(h)
	if n == 0 {
		return 0
	}
	return float64(k) / 2
}

// bodySize is the font size most characters of running text have.
func bodySize(pls []*pageLayout) float64 {
	h := map[int]int{}
	for _, pl := range pls {
		for _, it := range pl.items {
			if it.line != nil {
				h[int(math.Round(it.line.size*2))] += len(it.line.glyphs)
			}
		}
	}
	k, _ := mode(h)
	return float64(k) / 2
}

// sameHeading reports whether line l goes on with heading cur, a title
// printed over two or three lines: both in the same font clearly larger
// than the body's, set close, and l not a numbered heading of its own.
func sameHeading(cur *para, l *line, body float64, hr *rules.HeadingRules) bool {
	p := cur.lines[len(cur.lines)-1]
	if body <= 0 || p.page != l.page || p.size < body+headingSizeGain || math.Abs(l.size-p.size) > 0.6 || l.bold != p.bold {
		return false
	}
	if len(cur.lines) >= headingMaxLines || l.cy()-p.cy() > 1.8*p.size || l.cy() <= p.cy() {
		return false
	}
	n := len(l.glyphs)
	for _, x := range cur.lines {
		n += len(x.glyphs)
	}
	if n > headingMaxRunes {
		return false
	}
	if _, numbered := hr.Match(docmodel.Normalize(l.text())); numbered {
		return false
	}
	return true
}

// sameParagraph reports whether line l goes on with paragraph cur: the
// paragraph's last line reaches the right margin, l is not indented, in the
// same font, and the spacing is the line pitch (or l opens a new page).
func sameParagraph(cur *para, prevPL, pl *pageLayout, l *line, firstOnPage bool, pitch float64) bool {
	p := cur.lines[len(cur.lines)-1]
	if math.Abs(l.size-p.size) > 0.6 || l.bold != p.bold {
		return false
	}
	ppl := pl
	if p.page != l.page {
		if !firstOnPage || prevPL == nil || p.page != prevPL.n {
			return false
		}
		ppl = prevPL
	} else {
		gap := l.cy() - p.cy()
		if gap <= 0 || pitch > 0 && gap > pitch*1.25+1 || pitch == 0 && gap > 2*p.size {
			return false
		}
	}
	if ppl.right-p.x1 > firstWord(l)+0.8*p.size {
		return false // the next line's first word would have fitted: a paragraph end
	}
	if l.x0 > pl.left+1.2*l.size {
		return false // an indented line opens one
	}
	return true
}

// Running heads and feet.

var digits = regexp.MustCompile(`[0-9０-９]+`)

// runningKey is a line's text with digits masked and spaces removed, so
// that 第 3 页 and 第 4 页 compare equal.
func runningKey(l *line) string {
	return digits.ReplaceAllString(docmodel.Normalize(l.text()), "#")
}

// pageNumberLike reports text of digits and punctuation only (5, — 5 —,
// - 5 -, ·5·, 5/16): no letter, no Han.
func pageNumberLike(s string) bool {
	hasDigit := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			hasDigit = true
		case unicode.IsLetter(r):
			return false
		}
	}
	return hasDigit && utf8.RuneCountInString(s) <= 12
}

// dropRunning removes the running heads, feet and page numbers: among the
// two lines nearest the top and the two nearest the bottom of each page,
// those in the outer eighth of the page that hold only a page number, or
// whose text (digits aside) comes back on other pages in the same band.
func dropRunning(pls []*pageLayout) {
	type cand struct {
		pl   *pageLayout
		idx  int
		key  string
		text string
		top  bool
	}
	var cands []cand
	count := map[string]int{}
	for _, pl := range pls {
		var lineIdx []int
		for i, it := range pl.items {
			if it.line != nil || it.table != nil {
				lineIdx = append(lineIdx, i)
			}
		}
		seen := map[string]bool{}
		add := func(i int, top bool) {
			it := pl.items[i]
			if it.line == nil {
				return
			}
			y := it.line.cy()
			if top && y > pl.h/8 || !top && y < pl.h*7/8 {
				return
			}
			k := runningKey(it.line)
			if k == "" {
				return
			}
			band := "b"
			if top {
				band = "t"
			}
			cands = append(cands, cand{pl, i, band + k, docmodel.Normalize(it.line.text()), top})
			if !seen[band+k] {
				seen[band+k] = true
				count[band+k]++
			}
		}
		for j := 0; j < len(lineIdx) && j < 2; j++ {
			if pl.items[lineIdx[j]].table != nil {
				break
			}
			add(lineIdx[j], true)
		}
		for j := len(lineIdx) - 1; j >= 0 && j >= len(lineIdx)-2; j-- {
			if pl.items[lineIdx[j]].table != nil {
				break
			}
			add(lineIdx[j], false)
		}
	}
	drop := map[*pageLayout]map[int]bool{}
	minRepeat := max(2, (len(pls)+2)/3)
	for _, c := range cands {
		if pageNumberLike(c.text) || len(pls) > 1 && count[c.key] >= minRepeat {
			if drop[c.pl] == nil {
				drop[c.pl] = map[int]bool{}
			}
			drop[c.pl][c.idx] = true
		}
	}
	for pl, idx := range drop {
		kept := pl.items[:0]
		for i, it := range pl.items {
			if !idx[i] {
				kept = append(kept, it)
			}
		}
		pl.items = kept
	}
}

// Tables over a page break.

// continues reports whether b, the first thing on its page, goes on with a,
// the last table of the page before: same column count and edges.
func continues(a, b *table) bool {
	if a.unruled || b.unruled || a.width != b.width || b.page != a.page+1 || len(a.xs) != len(b.xs) {
		return false
	}
	for i := range a.xs {
		if math.Abs(a.xs[i]-b.xs[i]) > 3 {
			return false
		}
	}
	return true
}

// join appends b's rows to a: header rows printed again are dropped, a
// group cell running over the break keeps spanning, and a row split over
// the break is joined.
func join(a, b *table) {
	if a.width == 1 && b.width == 1 {
		// a frame or a one-column box over a page break: the row cut by the
		// break is one row
		joinCells(&a.rows[len(a.rows)-1][0], &b.rows[0][0])
		a.page, a.lastY = b.page, b.lastY
		a.rows = append(a.rows, b.rows[1:]...)
		a.fixOrigins()
		return
	}
	rows := b.rows
	// Repeated header rows: the longest run of b's first rows equal to a's.
	n := 0
	for k := 1; k < len(rows) && k < len(a.rows) && k <= 4; k++ {
		if !sameRowTexts(a.rows[k-1], rows[k-1]) {
			break
		}
		n = k
	}
	rows = rows[n:]
	a.page, a.lastY = b.page, b.lastY
	if len(rows) == 0 {
		return
	}
	last := len(a.rows) - 1
	first := rows[0]
	// A group cell running over the break: b's first cell in that column is
	// an empty origin; it becomes covered by a's origin.
	for c := 0; c < a.width; c++ {
		origin := a.originAt(last, c)
		if origin == nil || origin.rowSpan < 2 && !a.rows[last][c].covered {
			continue
		}
		fc := first[c]
		if fc.covered || fc.text != "" || fc.colSpan != origin.colSpan {
			continue
		}
		span := fc.rowSpan
		originRow := last
		if a.rows[last][c].covered {
			originRow = a.rows[last][c].vr
		}
		origin.rowSpan += span
		for r := 0; r < span && r < len(rows); r++ {
			for cc := c; cc < c+fc.colSpan && cc < a.width; cc++ {
				rows[r][cc] = tcell{covered: true, colSpan: 1, rowSpan: 1, vr: -1}
			}
			rows[r][c].vr = originRow
		}
		_ = originRow
	}
	// A row split over the break: b's first row leaves empty a column that
	// is filled in nearly every row of a and in a's last row.
	if splitRow(a, first) {
		for c := 0; c < a.width; c++ {
			if first[c].covered || first[c].text == "" {
				continue
			}
			o := a.originAt(last, c)
			if o == nil {
				continue
			}
			o.text = docmodel.Normalize(o.text + first[c].text)
			o.paras = append(o.paras, first[c].paras...)
		}
		rows = rows[1:]
	}
	a.rows = append(a.rows, rows...)
	a.fixOrigins()
}

// fixOrigins recomputes vr of covered cells from the spans of the origins.
func (t *table) fixOrigins() {
	for r := range t.rows {
		for c := range t.rows[r] {
			if t.rows[r][c].covered {
				t.rows[r][c].vr = -1
			}
		}
	}
	for r := range t.rows {
		for c := range t.rows[r] {
			o := t.rows[r][c]
			if o.covered {
				continue
			}
			for rr := r + 1; rr < r+o.rowSpan && rr < len(t.rows); rr++ {
				if t.rows[rr][c].covered {
					t.rows[rr][c].vr = r
				}
			}
		}
	}
}

// originAt is the origin cell covering row r, column c (through a vertical
// merge), or nil.
func (t *table) originAt(r, c int) *tcell {
	cell := &t.rows[r][c]
	if !cell.covered {
		return cell
	}
	if cell.vr >= 0 && cell.vr < len(t.rows) && !t.rows[cell.vr][c].covered {
		return &t.rows[cell.vr][c]
	}
	return nil
}

func sameRowTexts(a, b []tcell) bool {
	if len(a) != len(b) {
		return false
	}
	some := false
	for i := range a {
		if a[i].covered != b[i].covered || a[i].text != b[i].text {
			return false
		}
		if a[i].text != "" {
			some = true
		}
	}
	return some
}

// splitRow reports whether b's first row is the rest of a's last row.
func splitRow(a *table, first []tcell) bool {
	last := a.rows[len(a.rows)-1]
	for c := 0; c < a.width; c++ {
		if first[c].covered || first[c].text != "" || last[c].covered || last[c].text == "" {
			continue
		}
		filled, rows := 0, 0
		for r := 1; r < len(a.rows); r++ {
			rows++
			if !a.rows[r][c].covered && a.rows[r][c].text != "" {
				filled++
			}
		}
		if rows >= 1 && filled*10 >= rows*9 {
			// and the rest has some text
			for cc := 0; cc < a.width; cc++ {
				if !first[cc].covered && first[cc].text != "" {
					return true
				}
			}
		}
	}
	return false
}

// joinCells appends cell cb, the rest of a cell on the next page, to ca:
// the paragraph cut by the break is one paragraph when its last line on the
// first page reaches the cell's right margin and the first line on the next
// page is not indented.
func joinCells(ca, cb *tcell) {
	if len(cb.paras) == 0 {
		return
	}
	if len(ca.paras) > 0 {
		pa := &ca.paras[len(ca.paras)-1]
		pb := cb.paras[0]
		la, lb := pa.lines[len(pa.lines)-1], pb.lines[0]
		pl := &pageLayout{}
		for _, c := range []*tcell{ca, cb} {
			for _, p := range c.paras {
				for _, l := range p.lines {
					pl.items = append(pl.items, item{line: l})
				}
			}
		}
		pl.margins()
		if pl.right-la.x1 <= firstWord(lb)+0.8*la.size && lb.x0 <= pl.left+1.2*lb.size && math.Abs(la.size-lb.size) < 0.6 {
			pa.lines = append(pa.lines, pb.lines...)
			pa.finish()
			cb.paras = cb.paras[1:]
		}
	}
	ca.paras = append(ca.paras, cb.paras...)
	var texts []string
	for _, p := range ca.paras {
		texts = append(texts, p.text)
	}
	ca.text = docmodel.Normalize(strings.Join(texts, ""))
}

// firstWord is the width of what a line wrap could not have split from the
// start of l: a run of Latin letters, digits and the marks inside numbers,
// or one character, with an opening mark before it and the punctuation
// that may not open a line after it.
func firstWord(l *line) float64 {
	gs := l.glyphs
	end := 1
	if isLatin(gs[0].r) {
		for end < len(gs) && (isLatin(gs[end].r) || strings.ContainsRune(".,%‰:-/", gs[end].r)) && gs[end].x0-gs[end-1].x1 < 0.2*l.size {
			end++
		}
	}
	if strings.ContainsRune("（(“‘《〈【[", gs[0].r) && end < len(gs) {
		end++ // an opening mark is never left at a line's end
	}
	for end < len(gs) && unicode.IsPunct(gs[end].r) && end < 4 {
		end++
	}
	return gs[end-1].x1 - gs[0].x0
}

// unruledTable reads a table printed without rules at the start of ls: two
// or more consecutive rows (lines read in one row, see unruledCells) of two
// or more cells cut apart at wide gaps. Cells go to columns by their left
// edges. It returns the table and the number of lines used, or nil.
func unruledTable(ls []*line) (*table, int) {
	var rows [][]*line
	n := 0
	for n < len(ls) {
		top := ls[n].rowTop
		j := n
		for j < len(ls) && ls[j].rowTop == top {
			j++
		}
		row := ls[n:j]
		if len(row) < 2 || !row[0].split {
			break
		}
		rows = append(rows, row)
		n = j
	}
	if len(rows) < 2 {
		return nil, 0
	}
	var xs []float64
	for _, row := range rows {
		for _, l := range row {
			xs = append(xs, l.x0)
		}
	}
	sort.Float64s(xs)
	var cols []float64
	for _, x := range xs {
		if len(cols) == 0 || x-cols[len(cols)-1] > 1.5*ls[0].size {
			cols = append(cols, x)
		}
	}
	t := &table{page: ls[0].page, width: len(cols), top: rows[0][0].rowTop, unruled: true}
	for _, row := range rows {
		cells := make([]tcell, len(cols))
		for c := range cells {
			cells[c] = tcell{colSpan: 1, rowSpan: 1, vr: -1}
		}
		for _, l := range row {
			c := sort.SearchFloat64s(cols, l.x0+0.75*ls[0].size) - 1
			c = max(0, min(c, len(cols)-1))
			p := para{lines: []*line{l}, page: l.page}
			p.finish()
			cells[c].paras = append(cells[c].paras, p)
			cells[c].text = docmodel.Normalize(cells[c].text + p.text)
		}
		t.rows = append(t.rows, cells)
		for _, l := range row {
			t.lastY = max(t.lastY, l.y1)
		}
	}
	t.xs = append(cols, math.Inf(1))
	return t, n
}

// firstText is the text of a table's first non-empty cell.
func firstText(t *table) string {
	for _, row := range t.rows {
		for _, c := range row {
			if c.text != "" {
				return c.text
			}
		}
	}
	return ""
}
