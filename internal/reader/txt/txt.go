// Package txt reads a plain-text plan — typically a Word document exported to
// text, or text copied from a government web page — into the document model.
//
// The rendering is the decoded file itself, so block lines are file lines.
// Three kinds of table are rebuilt:
//
//   - Word text exports: a cell is a line starting with TAB; a cell may run on
//     over following lines that do not start with TAB (directly, or after one
//     blank line); rows are separated by one blank line; two or more blank
//     lines end the table, and so does one blank line before a caption, a
//     section heading, or — under a table of several columns — a note (注：)
//     or a sentence of running text, or a 专栏 frame. A one-column table whose
//     cells start with 专栏 is a box, and its body continues over the non-TAB
//     lines after the cell. A total row (合计) printed shorter than the table
//     has its label span the missing columns.
//   - Web tables: text copied from a web page, one whole cell per line, no
//     blank line between rows, merged cells printed once; rebuilt from the
//     header; see web.go.
//   - Flattened web tables: one cell fragment per line, each followed by an
//     empty line, with cells broken over several fragments; see flat.go.
package txt

import (
	"strings"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// Reader reads decoded plain text into the document model. It is immutable
// and safe for concurrent use.
type Reader struct {
	set *rules.Set
}

// New returns a Reader that recognises boxes, headings and table vocabulary
// with the rule set.
func New(set *rules.Set) *Reader { return &Reader{set: set} }

// Read builds the document model of a decoded text.
func (r *Reader) Read(text, encoding string) *docmodel.Document {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if text == "" {
		lines = nil
	}
	p := parser{lines: lines, vocab: r.set.Vocab, blocksRules: r.set.Blocks, headings: r.set.Headings, facilities: r.set.Facilities}
	p.run()
	return &docmodel.Document{
		Format:    "text",
		Encoding:  encoding,
		Lines:     lines,
		Rendering: text,
		Blocks:    p.blocks,
		Meta:      map[string]string{},
	}
}

// text returns the text a line hands to the model: normalised, then the
// export's markers removed (format mechanics of a Word-to-text export; the
// marker pattern reads normalised text, so an invisible character inside a
// marker does not hide it).
func (p *parser) text(line string) string {
	return p.blocksRules.StripExportMarkers(docmodel.Normalize(line))
}

// endsTable reports a line that starts a new section or a table caption;
// such a line after one blank line ends a table instead of continuing its
// last cell.
func (p *parser) endsTable(line string) bool {
	s := p.text(line)
	return p.headings.OpensSection(s) || p.blocksRules.IsCaptionNumber(s) || p.blocksRules.IsContinuationCaption(s)
}

// endsGrid reports a line that, after one blank line, ends a table of
// several columns (a frame of one column runs on over such lines): a note
// under the table (注：) or a sentence of running text.
func (p *parser) endsGrid(line string) bool {
	s := p.text(line)
	return p.blocksRules.IsTableNote(s) || p.blocksRules.IsRunningText(s)
}

// isBlank reports whether a line holds no text at all (white space and
// invisible characters only).
func isBlank(s string) bool { return docmodel.Normalize(s) == "" }

// isEmpty reports whether a line is truly empty (no characters).
func isEmpty(s string) bool { return strings.TrimRight(s, "\r") == "" }

func isTabCell(s string) bool { return strings.HasPrefix(s, "\t") }

type parser struct {
	lines       []string
	vocab       *rules.Vocab
	blocksRules *rules.BlockRules
	headings    *rules.HeadingRules
	facilities  *rules.FacilityRules
	blocks      []docmodel.Block
	// noFlatUntil is the line index up to which no flattened table starts.
	noFlatUntil int
	// norm holds lineText's results, done which of them are made: a line
	// is tried as a web table, a flattened table and a paragraph in turn.
	norm []string
	done []bool
}

// lineText is the text (p.text) of the line at index k, made once.
func (p *parser) lineText(k int) string {
	if p.norm == nil {
		p.norm, p.done = make([]string, len(p.lines)), make([]bool, len(p.lines))
	}
	if !p.done[k] {
		p.norm[k], p.done[k] = p.text(p.lines[k]), true
	}
	return p.norm[k]
}

// piece is one printed line of a cell.
type piece struct {
	text string
	line int
}

type rawCell struct{ pieces []piece }

// cell returns the cell: its printed lines joined without a break (a cell's
// line breaks are layout), then normalised once.
func (p *parser) cell(c rawCell) docmodel.Cell {
	var b strings.Builder
	for _, pc := range c.pieces {
		b.WriteString(pc.text)
	}
	first, last := c.pieces[0].line, c.pieces[len(c.pieces)-1].line
	return docmodel.Cell{Text: p.text(b.String()), Line: first, EndLine: last}
}

func (p *parser) run() {
	n := len(p.lines)
	blank := 0
	for i := 0; i < n; {
		line := p.lines[i]
		switch {
		case isTabCell(line):
			end := p.tabTable(i, blank)
			blank = 0
			i = end
		case isBlank(line):
			blank++
			i++
		default:
			if end, ok := p.webTable(i, blank); ok {
				blank = 0
				i = end
				continue
			}
			if end, ok := p.flatTable(i, blank); ok {
				blank = 0
				i = end
				continue
			}
			text := p.lineText(i)
			if text == "" { // a line of export markers only
				blank++
				i++
				continue
			}
			p.add(docmodel.Block{Kind: docmodel.Paragraph, Text: text, Line: i + 1, EndLine: i + 1}, blank)
			blank = 0
			i++
		}
	}
	p.closeBlank(blank)
}

// add appends a block, recording the blank lines before it and after the
// previous block.
func (p *parser) add(b docmodel.Block, blankBefore int) {
	b.BlankBefore = blankBefore
	p.closeBlank(blankBefore)
	p.blocks = append(p.blocks, b)
}

func (p *parser) closeBlank(blank int) {
	if k := len(p.blocks); k > 0 {
		p.blocks[k-1].BlankAfter = blank
	}
}

// tabTable reads a Word-export table starting at line index start and
// returns the index of the first line after it.
func (p *parser) tabTable(start, blankBefore int) int {
	var rows [][]rawCell
	var row []rawCell
	wide := false // a row of several cells was read: a table, not a frame
	i := start
	n := len(p.lines)
	for i < n {
		line := p.lines[i]
		if isTabCell(line) {
			row = append(row, rawCell{pieces: []piece{{strings.TrimPrefix(line, "\t"), i + 1}}})
			i++
			continue
		}
		if !isBlank(line) { // continuation of the current cell, no blank between
			last := &row[len(row)-1]
			last.pieces = append(last.pieces, piece{line, i + 1})
			i++
			continue
		}
		// a run of blank lines
		j := i
		for j < n && isBlank(p.lines[j]) && !isTabCell(p.lines[j]) {
			j++
		}
		if j-i >= 2 || j == n {
			break
		}
		next := p.lines[j]
		grid := wide || len(row) > 1
		if isTabCell(next) {
			if grid && p.blocksRules.IsBoxLabel(p.text(next)) {
				break // a 专栏 frame after the table
			}
			rows = append(rows, row)
			wide = grid
			row = nil
			i = j
			continue
		}
		if p.endsTable(next) || grid && p.endsGrid(next) {
			break
		}
		// one blank line, then text: the cell runs on (a second paragraph)
		last := &row[len(row)-1]
		last.pieces = append(last.pieces, piece{next, j + 1})
		i = j + 1
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	lastLine := start + 1
	for _, r := range rows {
		for _, c := range r {
			if l := c.pieces[len(c.pieces)-1].line; l > lastLine {
				lastLine = l
			}
		}
	}
	p.emitTable(rows, start+1, lastLine, blankBefore)
	// resume right after the table's last line; blank lines are counted by run
	return lastLine
}

// emitTable adds a table block, or box blocks when the table is a one-column
// frame of 专栏 cells.
func (p *parser) emitTable(rows [][]rawCell, line, endLine, blankBefore int) {
	oneCol := true
	for _, r := range rows {
		if len(r) != 1 {
			oneCol = false
			break
		}
	}
	if oneCol && len(rows) > 0 {
		first := p.text(rows[0][0].pieces[0].text)
		switch {
		case p.blocksRules.IsBoxLabel(first):
			p.emitBoxes(rows, blankBefore)
		case p.blocksRules.IsProjectListTitle(first):
			// a frame around a titled project list: an unlabelled box
			p.emitBoxes(rows, blankBefore)
		default:
			// TAB-indented paragraphs, not a table
			for _, r := range rows {
				for _, pc := range r[0].pieces {
					if text := p.text(pc.text); text != "" {
						p.add(docmodel.Block{Kind: docmodel.Paragraph, Text: text, Line: pc.line, EndLine: pc.line}, blankBefore)
						blankBefore = 0
					}
				}
			}
		}
		return
	}
	t := &docmodel.TableData{}
	for _, r := range rows {
		cells := make([]docmodel.Cell, len(r))
		for k, c := range r {
			cells[k] = p.cell(c)
		}
		t.Rows = append(t.Rows, cells)
	}
	p.spanTotals(t)
	p.add(docmodel.Block{Kind: docmodel.Table, Table: t, Line: line, EndLine: endLine}, blankBefore)
}

// spanTotals widens the total rows of a Word export: a total label merged
// across columns (合计 over 序号, 类别 and 名称) is printed once, so its row
// is short; the label spans the missing columns, and its values stay under
// the value columns.
func (p *parser) spanTotals(t *docmodel.TableData) {
	width := 0
	for _, r := range t.Rows {
		width = max(width, len(r))
	}
	for k, r := range t.Rows {
		if len(r) < 2 || len(r) >= width || !p.isTotal(r[0].Text) {
			continue
		}
		values := true
		for _, c := range r[1:] {
			values = values && p.valueLike(c.Text)
		}
		if !values {
			continue
		}
		span := width - len(r) + 1
		row := []docmodel.Cell{r[0]}
		row[0].ColSpan = span
		for range span - 1 {
			row = append(row, docmodel.Cell{Covered: true})
		}
		t.Rows[k] = append(row, r[1:]...)
	}
}

// emitBoxes splits a one-column frame into one box per 专栏 cell (or one box
// for a titled frame); every printed line of the following cells is one
// body paragraph.
func (p *parser) emitBoxes(rows [][]rawCell, blankBefore int) {
	var cur *docmodel.Block
	flush := func() {
		if cur != nil {
			p.add(*cur, blankBefore)
			blankBefore = 0
			cur = nil
		}
	}
	for _, r := range rows {
		c := r[0]
		first := p.text(c.pieces[0].text)
		if p.blocksRules.IsBoxLabel(first) || cur == nil {
			flush()
			cur = &docmodel.Block{Kind: docmodel.Box, Text: first, Line: c.pieces[0].line, EndLine: c.pieces[0].line}
			c.pieces = c.pieces[1:]
		}
		for _, pc := range c.pieces {
			text := p.text(pc.text)
			if text == "" {
				continue
			}
			cur.Paras = append(cur.Paras, docmodel.Para{Text: text, Line: pc.line, EndLine: pc.line})
			cur.EndLine = pc.line
		}
	}
	flush()
}
