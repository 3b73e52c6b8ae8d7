package pdf

import (
	"github.com/guihua-project/guihua/internal/reader/internal/frame"

	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// Blank lines printed around blocks that are set apart (as the .docx reader).
const (
	tableBlankBefore = 1
	tableBlankAfter  = 1
	boxBlankBefore   = 2
	boxBlankAfter    = 1
)

// Headings: a paragraph this much larger than the body's font size, and at
// most this long, is a heading.
const (
	headingSizeGain = 1.5 // points
	headingMaxRunes = 60
	headingMaxLines = 3
)

// renderer lays paragraphs and tables out as lines and blocks.
type renderer struct {
	doc      *docmodel.Document
	pending  int // blank lines the last block asked for after it
	last     int // index of the last block, -1 before the first
	page     int // page of the last line printed
	blocks   *rules.BlockRules
	headings []headingAt
}

type headingAt struct {
	block int
	size  float64
}

func (r *renderer) begin(before int) int {
	n := max(r.pending, before)
	for range n {
		r.doc.Lines = append(r.doc.Lines, "")
		r.doc.Pages = append(r.doc.Pages, max(r.page, 1))
	}
	if r.last >= 0 {
		r.doc.Blocks[r.last].BlankAfter = n
	}
	r.pending = 0
	return n
}

func (r *renderer) line(s string, page int) int {
	r.doc.Lines = append(r.doc.Lines, s)
	r.doc.Pages = append(r.doc.Pages, page)
	r.page = page
	return len(r.doc.Lines)
}

func (r *renderer) add(b docmodel.Block, after int) {
	r.doc.Blocks = append(r.doc.Blocks, b)
	r.last = len(r.doc.Blocks) - 1
	r.pending = after
}

func (r *renderer) para(p *para, body float64) {
	p.finish()
	if p.text == "" {
		return
	}
	b := docmodel.Block{Kind: docmodel.Paragraph, Text: p.text}
	if body > 0 && p.size >= body+headingSizeGain && len(p.lines) <= headingMaxLines &&
		utf8.RuneCountInString(p.text) <= headingMaxRunes {
		b.Kind = docmodel.Heading
		r.headings = append(r.headings, headingAt{len(r.doc.Blocks), p.size})
	}
	b.BlankBefore = r.begin(0)
	b.Line = r.line(p.text, p.page)
	b.EndLine = b.Line
	r.add(b, 0)
}

// headingLevels numbers the heading sizes in use, largest first.
func (r *renderer) headingLevels(body float64) {
	var sizes []float64
	for _, h := range r.headings {
		found := false
		for _, s := range sizes {
			if math.Abs(s-h.size) < 0.6 {
				found = true
			}
		}
		if !found {
			sizes = append(sizes, h.size)
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(sizes)))
	for _, h := range r.headings {
		for i, s := range sizes {
			if math.Abs(s-h.size) < 0.6 {
				r.doc.Blocks[h.block].Level = min(i+1, 9)
				break
			}
		}
	}
}

// box renders a box from its paragraphs: the first is the title.
func (r *renderer) box(paras []para) {
	var ps []para
	for _, p := range paras {
		if p.text != "" {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return
	}
	b := docmodel.Block{Kind: docmodel.Box, Text: ps[0].text}
	b.BlankBefore = r.begin(boxBlankBefore)
	b.Line = r.line(ps[0].text, ps[0].page)
	b.EndLine = b.Line
	for _, p := range ps[1:] {
		ln := r.line(p.text, p.page)
		b.Paras = append(b.Paras, docmodel.Para{Text: p.text, Line: ln, EndLine: ln})
		b.EndLine = ln
	}
	r.add(b, boxBlankAfter)
}

func (r *renderer) table(t *table) {
	// Boxes set one under the other share their borders and read as one
	// grid: a one-column grid is cut before every row opening with 专栏.
	if t.width == 1 && len(t.rows) > 1 {
		start := 0
		for i := 1; i <= len(t.rows); i++ {
			if i < len(t.rows) && !(r.blocks.OpensWithBoxWord(t.rows[i][0].text) && !t.rows[i][0].covered) {
				continue
			}
			if start == 0 && i == len(t.rows) {
				break // one box (or a one-column table): below
			}
			part := *t
			part.rows = t.rows[start:i]
			part.fixOrigins()
			r.table1(&part)
			start = i
		}
		if start > 0 {
			return
		}
	}
	r.table1(t)
}

func (r *renderer) table1(t *table) {
	if paras, ok := r.tableBox(t); ok {
		r.box(paras)
		return
	}
	b := docmodel.Block{Kind: docmodel.Table, Table: &docmodel.TableData{}}
	b.BlankBefore = r.begin(tableBlankBefore)
	texts := make([]string, t.width)
	page := t.page
	for _, row := range t.rows {
		rowPage := 0
		for i, c := range row {
			texts[i] = c.text
			for _, p := range c.paras {
				if rowPage == 0 || p.page < rowPage {
					rowPage = p.page
				}
			}
		}
		if rowPage > 0 {
			page = rowPage
		}
		ln := r.line(strings.Join(texts, "\t"), page)
		if b.Line == 0 {
			b.Line = ln
		}
		b.EndLine = ln
		cells := make([]docmodel.Cell, len(row))
		for i, c := range row {
			cells[i] = docmodel.Cell{Text: c.text, Line: ln, EndLine: ln, Covered: c.covered}
			if !c.covered {
				if c.colSpan > 1 {
					cells[i].ColSpan = c.colSpan
				}
				if c.rowSpan > 1 {
					cells[i].RowSpan = c.rowSpan
				}
			}
		}
		b.Table.Rows = append(b.Table.Rows, cells)
	}
	r.add(b, tableBlankAfter)
}

// tableBox returns the paragraphs of a table that is really a box, as the
// .docx reader decides: a single-cell table (a frame), a table whose only
// non-empty cell starts with 专栏, or a single-column table whose first
// text starts with 专栏.
func (r *renderer) tableBox(t *table) ([]para, bool) {
	filled, oneCol := frame.Filled(t.rows, func(c *tcell) bool { return c.covered }, func(c *tcell) bool { return c.text != "" })
	if len(filled) == 0 || !r.blocks.IsFrame(len(t.rows), t.width, len(filled), oneCol, filled[0].text) {
		return nil, false
	}
	var paras []para
	for _, c := range filled {
		paras = append(paras, c.paras...)
	}
	return paras, true
}
