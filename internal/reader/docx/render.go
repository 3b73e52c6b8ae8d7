package docx

import (
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
		r.box(bx)
	}
}

// box renders a box from its non-empty paragraphs: the first is the title.
func (r *renderer) box(paras []textLine) {
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
	if paras, ok := r.tableBox(t); ok {
		r.box(paras)
		return
	}
	b := docmodel.Block{Kind: docmodel.Table, Table: &docmodel.TableData{}}
	b.BlankBefore = r.begin(tableBlankBefore)
	texts := make([]string, t.width)
	for _, row := range t.rows {
		for i, c := range row {
			texts[i] = c.text
		}
		ln := r.line(strings.Join(texts, "\t"))
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

// tableBox returns the paragraphs of a table that is really a box: a
// single-cell table (1 row × 1 column), a table whose only non-empty cell
// starts with 专栏, or a single-column table (one cell per row after merges)
// whose first text starts with 专栏.
func (r *renderer) tableBox(t *table) ([]textLine, bool) {
	var filled []*cell
	oneCol := true
	for i := range t.rows {
		origins := 0
		for j := range t.rows[i] {
			c := &t.rows[i][j]
			if c.covered {
				continue
			}
			origins++
			if len(c.paras) > 0 {
				filled = append(filled, c)
			}
		}
		if origins > 1 {
			oneCol = false
		}
	}
	if len(filled) == 0 {
		return nil, false
	}
	zhuan := r.blocks.OpensWithBoxWord(filled[0].paras[0].text)
	if (len(t.rows) == 1 && t.width == 1) || (len(filled) == 1 && zhuan) || (oneCol && zhuan) {
		var paras []textLine
		for _, c := range filled {
			paras = append(paras, c.paras...)
		}
		return paras, true
	}
	return nil, false
}
