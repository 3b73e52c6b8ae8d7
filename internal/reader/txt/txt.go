// Package txt reads a plain-text plan — typically a Word document exported to
// text, or text copied from a government web page — into the document model.
//
// The rendering is the decoded file itself, so block lines are file lines.
// Two kinds of table are rebuilt:
//
//   - Word text exports: a cell is a line starting with TAB; a cell may run on
//     over following lines that do not start with TAB (directly, or after one
//     blank line); rows are separated by one blank line; two or more blank
//     lines end the table. A one-column table whose cells start with 专栏 is a
//     box, and its body continues over the non-TAB lines after the cell.
//   - Flattened web tables: one cell fragment per line, each followed by an
//     empty line, with cells broken over several fragments; see flat.go.
package txt

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// Reader reads decoded plain text into the document model. It is immutable
// and safe for concurrent use.
type Reader struct {
	vocab *rules.Vocab
}

// New returns a Reader that recognises table vocabulary from v.
func New(v *rules.Vocab) *Reader { return &Reader{vocab: v} }

// Read builds the document model of a decoded text.
func (r *Reader) Read(text, encoding string) *docmodel.Document {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if text == "" {
		lines = nil
	}
	p := parser{lines: lines, vocab: r.vocab}
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

// exportNoise matches the markers a Word-to-text export leaves in the text.
var exportNoise = regexp.MustCompile(`\[(?:bookmark|image): [^\]]*\]`)

// headingLike matches lines that start a new section; such a line after one
// blank line ends a table instead of continuing its last cell.
var headingLike = regexp.MustCompile(`^(?:第[一二三四五六七八九十百0-9]+[章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|表\s*[0-9]+)`)

// CleanLine removes export markers and surrounding white space from a line.
func CleanLine(s string) string {
	s = exportNoise.ReplaceAllString(s, "")
	return strings.TrimFunc(s, isSpace)
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || r == '\ufeff'
}

// isBlank reports whether a line holds no text at all (white space only).
func isBlank(s string) bool { return strings.TrimFunc(s, isSpace) == "" }

// isEmpty reports whether a line is truly empty (no characters).
func isEmpty(s string) bool { return strings.TrimRight(s, "\r") == "" }

func isTabCell(s string) bool { return strings.HasPrefix(s, "\t") }

// squeeze removes all white space inside a cell's text, as a cell's line
// breaks and padding are layout, not content.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, exportNoise.ReplaceAllString(s, ""))
}

type parser struct {
	lines  []string
	vocab  *rules.Vocab
	blocks []docmodel.Block
	// noFlatUntil is the line index up to which no flattened table starts.
	noFlatUntil int
}

// piece is one printed line of a cell.
type piece struct {
	text string
	line int
}

type rawCell struct{ pieces []piece }

func (c rawCell) cell() docmodel.Cell {
	var b strings.Builder
	for _, p := range c.pieces {
		b.WriteString(squeeze(p.text))
	}
	first, last := c.pieces[0].line, c.pieces[len(c.pieces)-1].line
	return docmodel.Cell{Text: b.String(), Line: first, EndLine: last}
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
			if end, ok := p.flatTable(i, blank); ok {
				blank = 0
				i = end
				continue
			}
			text := CleanLine(line)
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
		if isTabCell(next) {
			rows = append(rows, row)
			row = nil
			i = j
			continue
		}
		if headingLike.MatchString(CleanLine(next)) {
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

var boxLabel = regexp.MustCompile(`^专栏\s*[0-9０-９一二三四五六七八九十]+`)

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
		first := CleanLine(rows[0][0].pieces[0].text)
		switch {
		case boxLabel.MatchString(first):
			p.emitBoxes(rows, blankBefore)
		case p.projectTitle(first):
			// a frame around a titled project list: an unlabelled box
			p.emitBoxes(rows, blankBefore)
		default:
			// TAB-indented paragraphs, not a table
			for _, r := range rows {
				for _, pc := range r[0].pieces {
					if text := CleanLine(pc.text); text != "" {
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
			cells[k] = c.cell()
		}
		t.Rows = append(t.Rows, cells)
	}
	p.add(docmodel.Block{Kind: docmodel.Table, Table: t, Line: line, EndLine: endLine}, blankBefore)
}

// projectTitle reports whether a line is a short title naming a set of
// projects (…项目, …工程, …行动).
func (p *parser) projectTitle(s string) bool {
	if utf8.RuneCountInString(s) > 40 || strings.ContainsAny(s, "。；;，,") {
		return false
	}
	for _, suf := range p.vocab.ProjectTitleEnds {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
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
		first := CleanLine(c.pieces[0].text)
		if boxLabel.MatchString(first) || cur == nil {
			flush()
			cur = &docmodel.Block{Kind: docmodel.Box, Text: first, Line: c.pieces[0].line, EndLine: c.pieces[0].line}
			c.pieces = c.pieces[1:]
		}
		for _, pc := range c.pieces {
			text := CleanLine(pc.text)
			if text == "" {
				continue
			}
			cur.Paras = append(cur.Paras, docmodel.Para{Text: text, Line: pc.line, EndLine: pc.line})
			cur.EndLine = pc.line
		}
	}
	flush()
}
