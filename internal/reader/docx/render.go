package docx

import (
	"github.com/guihua-project/guihua/internal/reader/internal/frame"

	"strings"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// Blank lines printed around blocks that are set apart.
const (
	tableBlankBefore = 1
	tableBlankAfter  = 1
	boxBlankBefore   = 2
	boxBlankAfter    = 1
)

// renderer lays the parsed items out as lines and blocks.
type renderer struct {
	doc     *docmodel.Document
	pending int // blank lines the last block asked for after it
	last    int // index of the last block, -1 before the first
	blocks  *rules.BlockRules
}

func render(items []item, blocks *rules.BlockRules) *docmodel.Document {
	r := &renderer{doc: &docmodel.Document{}, last: -1, blocks: blocks}
	for _, it := range items {
		switch {
		case it.para != nil:
			r.para(it.para)
		case it.table != nil:
			r.table(it.table)
		}
	}
	return r.doc
}

// begin prints the blank lines before a block and returns their count.
func (r *renderer) begin(before int) int {
	n := max(r.pending, before)
	for range n {
		r.doc.Lines = append(r.doc.Lines, "")
	}
	if r.last >= 0 {
		r.doc.Blocks[r.last].BlankAfter = n
	}
	r.pending = 0
	return n
}

func (r *renderer) line(s string) int {
	r.doc.Lines = append(r.doc.Lines, s)
	return len(r.doc.Lines)
}

func (r *renderer) add(b docmodel.Block, after int) {
	r.doc.Blocks = append(r.doc.Blocks, b)
	r.last = len(r.doc.Blocks) - 1
	r.pending = after
}

func (r *renderer) para(p *para) {
	if p.text != "" {
		b := docmodel.Block{Kind: docmodel.Paragraph, Text: p.text}
		if p.level > 0 {
			b.Kind, b.Level = docmodel.Heading, p.level
		}
		b.BlankBefore = r.begin(0)
		b.Line = r.line(p.line)
		b.EndLine = b.Line
		r.add(b, 0)
	}
	for _, bx := range p.boxes {
		r.box(bx, nil)
	}
}

// box renders a box from its non-empty paragraphs, the first being the
// title, and the table it holds below them, if any (one line per row).
func (r *renderer) box(paras []textLine, nested *table) {
	if len(paras) == 0 {
		return
	}
	b := docmodel.Block{Kind: docmodel.Box, Text: paras[0].text}
	b.BlankBefore = r.begin(boxBlankBefore)
	b.Line = r.line(paras[0].line)
	b.EndLine = b.Line
	for _, s := range paras[1:] {
		ln := r.line(s.line)
		b.Paras = append(b.Paras, docmodel.Para{Text: s.text, Line: ln, EndLine: ln})
		b.EndLine = ln
	}
	if nested != nil {
		b.Table = r.tableRows(nested)
		b.EndLine = len(r.doc.Lines)
	}
	r.add(b, boxBlankAfter)
}

func (r *renderer) table(t *table) {
	empty := true
	for _, row := range t.rows {
		for _, c := range row {
			if c.text != "" {
				empty = false
			}
		}
	}
	if empty {
		return
	}
	if paras, nested, ok := r.tableBox(t); ok {
		r.box(paras, nested)
		return
	}
	b := docmodel.Block{Kind: docmodel.Table}
	b.BlankBefore = r.begin(tableBlankBefore)
	b.Line = len(r.doc.Lines) + 1
	b.Table = r.tableRows(t)
	b.EndLine = len(r.doc.Lines)
	r.add(b, tableBlankAfter)
}

// tableRows prints a table's rows, one line each with the cells' texts
// separated by TAB, and returns the model's table.
func (r *renderer) tableRows(t *table) *docmodel.TableData {
	td := &docmodel.TableData{}
	texts := make([]string, t.width)
	for _, row := range t.rows {
		for i, c := range row {
			texts[i] = c.text
		}
		ln := r.line(strings.Join(texts, "\t"))
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
		td.Rows = append(td.Rows, cells)
	}
	return td
}

// tableBox returns the paragraphs of a table that is really a box: a
// single-cell table (1 row × 1 column), a table whose only non-empty cell
// starts with 专栏, or a single-column table (one cell per row after merges)
// whose first text starts with 专栏. A frame of one cell holding a title
// and then a table (a 专栏 of 项目名称 | 建设内容 rows) returns the title
// paragraphs and that table.
func (r *renderer) tableBox(t *table) ([]textLine, *table, bool) {
	if c, ok := soleCell(t); ok && c.nested != nil && len(c.lead) > 0 {
		title := c.lead[0].text
		if r.blocks.OpensWithBoxWord(title) || r.blocks.NamesProjects(title) {
			return c.lead, c.nested, true
		}
	}
	paras, ok := r.paraBox(t)
	return paras, nil, ok
}

// soleCell returns the only cell of a table that is not covered by a merge.
func soleCell(t *table) (*cell, bool) {
	var sole *cell
	for i := range t.rows {
		for j := range t.rows[i] {
			if c := &t.rows[i][j]; !c.covered {
				if sole != nil {
					return nil, false
				}
				sole = c
			}
		}
	}
	return sole, sole != nil
}

func (r *renderer) paraBox(t *table) ([]textLine, bool) {
	filled, oneCol := frame.Filled(t.rows, func(c *cell) bool { return c.covered }, func(c *cell) bool { return len(c.paras) > 0 })
	if len(filled) == 0 || !r.blocks.IsFrame(len(t.rows), t.width, len(filled), oneCol, filled[0].paras[0].text) {
		return nil, false
	}
	var paras []textLine
	for _, c := range filled {
		paras = append(paras, c.paras...)
	}
	return paras, true
}
