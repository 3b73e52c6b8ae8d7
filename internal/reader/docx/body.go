package docx

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/guihua-project/guihua/internal/docmodel"
)

// item is one body-level unit: a paragraph or a table.
type item struct {
	para  *para
	table *table
}

// textLine is a paragraph's text twice: as rendered on its line, and
// normalised for the model.
type textLine struct {
	line string // the rendering: numbering prepended, on one line, trimmed
	text string // docmodel.Normalize of the paragraph's text
}

// para is a parsed paragraph.
type para struct {
	textLine              // text "" when the paragraph is empty
	level    int          // heading level 1..9, 0 for body text
	boxes    [][]textLine // text boxes anchored in the paragraph, as paragraphs
}

// table is a parsed table on its grid: every row has width cells.
type table struct {
	rows  [][]cell
	width int
}

// cell is one grid position of a table.
type cell struct {
	text             string     // the paragraphs' normalised texts joined
	paras            []textLine // the cell's non-empty paragraphs (for boxes)
	colSpan, rowSpan int        // 1 when not merged
	covered          bool
	vr, vc           int // origin of the vertical merge covering this position, -1 if none
	// lead and nested: a cell whose content is paragraphs (lead) above one
	// table (nested), the way a frame holds a 专栏 of 项目名称 | 建设内容 rows
	nested *table
	lead   []textLine
}

// rawCell and rawRow are a table row as written, before grid placement.
type rawCell struct {
	span           int
	vMerge, hMerge int // mergeNone, mergeRestart, mergeContinue
	paras          []textLine
	nested         *table     // the table the cell ends with, below paragraphs only
	lead           []textLine // the paragraphs above nested
}

type rawRow struct {
	before, after int
	deleted       bool
	cells         []rawCell
}

const (
	mergeNone = iota
	mergeRestart
	mergeContinue
)

// Table bounds: Word allows 63 columns; anything past these is broken or
// hostile input.
const (
	maxSpan  = 64   // largest gridSpan, gridBefore or gridAfter honoured
	maxCols  = 1024 // widest table row
	maxCells = 4 << 20
)

// docParser reads document.xml.
type docParser struct {
	*xmlReader
	styles *styleSheet
	num    *numbering
	fields []bool // open fields, innermost last: true while in the instruction part
	cells  int    // grid cells built so far
}

func parseDocument(b []byte, part string, st *styleSheet, nb *numbering) ([]item, error) {
	p := &docParser{xmlReader: newXMLReader(b, part), styles: st, num: nb}
	var items []item
	found := false
	err := p.walk(func(se xml.StartElement) error {
		if isW(se.Name) {
			switch se.Name.Local {
			case "document":
				return errDescend
			case "body":
				if found {
					return p.skip()
				}
				found = true
				return p.blocks(&items)
			}
		}
		return p.skip()
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("docx: %s: no w:body element: %w", part, ErrNoDocument)
	}
	return items, nil
}

// blocks reads block-level content (paragraphs, tables and their wrappers)
// until the end of the current element.
func (p *docParser) blocks(out *[]item) error {
	return p.children(func(se xml.StartElement) error { return p.block(se, out) })
}

func (p *docParser) block(se xml.StartElement, out *[]item) error {
	if isMC(se.Name) {
		if se.Name.Local == "AlternateContent" {
			return p.alternate(func(c xml.StartElement) error { return p.block(c, out) })
		}
		return p.skip()
	}
	if !isW(se.Name) {
		return p.skip()
	}
	switch se.Name.Local {
	case "p":
		pr, err := p.paragraph()
		if err != nil {
			return err
		}
		*out = append(*out, item{para: pr})
		return nil
	case "tbl":
		t, err := p.table()
		if err != nil {
			return err
		}
		if t != nil {
			*out = append(*out, item{table: t})
		}
		return nil
	case "sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag", "txbxContent":
		return p.blocks(out)
	}
	return p.skip()
}

// alternate reads mc:AlternateContent: the first mc:Choice's children go to
// fn; other choices and mc:Fallback (a copy for older readers) are skipped.
func (x *xmlReader) alternate(fn func(xml.StartElement) error) error {
	done := false
	return x.children(func(c xml.StartElement) error {
		if isMC(c.Name) && c.Name.Local == "Choice" && !done {
			done = true
			return x.children(fn)
		}
		return x.skip()
	})
}

// paraBuilder collects one paragraph.
type paraBuilder struct {
	sb       strings.Builder
	styleID  string
	numID    string
	hasNumID bool
	ilvl     int
	outline  int
	numbered bool // numbering already resolved
	label    string
	suff     string
	boxes    [][]textLine
}

func (p *docParser) paragraph() (*para, error) {
	b := &paraBuilder{ilvl: -1, outline: -1}
	err := p.children(func(se xml.StartElement) error {
		if isW(se.Name) && se.Name.Local == "pPr" {
			return p.pPr(b)
		}
		p.number(b)
		return p.inline(se, b)
	})
	if err != nil {
		return nil, err
	}
	p.number(b)
	// A field instruction does not span a paragraph mark in practice; one
	// left open is broken, and would otherwise hide the rest of the text.
	for n := len(p.fields); n > 0 && p.fields[n-1]; n-- {
		p.fields = p.fields[:n-1]
	}
	raw := b.sb.String()
	var tl textLine
	if docmodel.Normalize(raw) != "" {
		tl.line = joinLabel(b.label, b.suff, oneLine(raw))
		tl.text = docmodel.Normalize(joinLabel(b.label, b.suff, raw))
	}
	return &para{textLine: tl, level: p.styles.headingLevel(b.styleID, b.outline), boxes: b.boxes}, nil
}

// number resolves the paragraph's numbering once, before its content, so
// that counters advance in document order.
func (p *docParser) number(b *paraBuilder) {
	if b.numbered {
		return
	}
	b.numbered = true
	b.label, b.suff = p.num.label(b.styleID, b.numID, b.hasNumID, b.ilvl)
}

func (p *docParser) pPr(b *paraBuilder) error {
	return p.children(func(c xml.StartElement) error {
		if !isW(c.Name) {
			return p.skip()
		}
		switch c.Name.Local {
		case "pStyle":
			b.styleID = attr(c, "val")
		case "numPr":
			return p.numPr(&b.numID, &b.hasNumID, &b.ilvl)
		case "outlineLvl":
			b.outline = intAttr(c, "val", -1)
		}
		return p.skip()
	})
}

// inInstr reports whether the reader is inside a field's instruction part.
func (p *docParser) inInstr() bool {
	for _, instr := range p.fields {
		if instr {
			return true
		}
	}
	return false
}

func (p *docParser) write(b *paraBuilder, s string) {
	if !p.inInstr() {
		b.sb.WriteString(s)
	}
}

// inline reads paragraph content.
func (p *docParser) inline(se xml.StartElement, b *paraBuilder) error {
	fn := func(c xml.StartElement) error { return p.inline(c, b) }
	if isMC(se.Name) {
		if se.Name.Local == "AlternateContent" {
			return p.alternate(fn)
		}
		return p.skip()
	}
	if isMath(se.Name) {
		if se.Name.Local == "t" {
			return p.runText(b)
		}
		return p.children(fn)
	}
	if !isW(se.Name) {
		// Drawing, VML and other containers may hold text boxes.
		return p.children(fn)
	}
	switch se.Name.Local {
	case "t":
		return p.runText(b)
	case "tab", "ptab":
		p.write(b, "\t")
	case "br", "cr":
		p.write(b, " ")
	case "noBreakHyphen":
		p.write(b, "-")
	case "sym":
		if r, ok := symRune(attr(se, "char")); ok {
			p.write(b, string(r))
		}
	case "fldChar":
		switch attr(se, "fldCharType") {
		case "begin":
			if len(p.fields) < maxDepth {
				p.fields = append(p.fields, true)
			}
		case "separate":
			if n := len(p.fields); n > 0 {
				p.fields[n-1] = false
			}
		case "end":
			if n := len(p.fields); n > 0 {
				p.fields = p.fields[:n-1]
			}
		}
	case "txbxContent":
		return p.textBox(b)
	case "r", "hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "customXml",
		"fldSimple", "dir", "bdo", "drawing", "pict", "object", "ruby", "rubyBase":
		return p.children(fn)
	}
	// Everything else is formatting, deleted text (w:del, w:delText,
	// w:moveFrom), field instructions (w:instrText), references to notes and
	// comments, or ruby annotations: skipped.
	return p.skip()
}

func (p *docParser) runText(b *paraBuilder) error {
	s, err := p.text()
	if err != nil {
		return err
	}
	p.write(b, s)
	return nil
}

// symRune maps a w:sym character code to a rune; symbol-font glyphs in the
// private-use area (Wingdings, Symbol) have no Unicode meaning and are dropped.
func symRune(hex string) (rune, bool) {
	v, err := strconv.ParseUint(strings.TrimSpace(hex), 16, 32)
	if err != nil || v == 0 || v > unicode.MaxRune {
		return 0, false
	}
	r := rune(v)
	if unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cs, r) || !unicode.IsGraphic(r) {
		return 0, false
	}
	return r, true
}

// textBox reads w:txbxContent into a box anchored in paragraph b.
func (p *docParser) textBox(b *paraBuilder) error {
	saved := p.fields
	p.fields = nil
	var items []item
	err := p.blocks(&items)
	p.fields = saved
	if err != nil {
		return err
	}
	if paras := flatten(items); len(paras) > 0 {
		b.boxes = append(b.boxes, paras)
	}
	return nil
}

// flatten turns block content into a list of non-empty paragraphs: text
// boxes follow their anchor paragraph, a table gives one line per row with
// its cells' texts joined by a space (the row's text normalised).
func flatten(items []item) []textLine {
	var out []textLine
	for _, it := range items {
		switch {
		case it.para != nil:
			if it.para.text != "" {
				out = append(out, it.para.textLine)
			}
			for _, bx := range it.para.boxes {
				out = append(out, bx...)
			}
		case it.table != nil:
			for _, row := range it.table.rows {
				var parts []string
				for _, c := range row {
					if !c.covered && c.text != "" {
						parts = append(parts, c.text)
					}
				}
				if len(parts) > 0 {
					line := strings.Join(parts, " ")
					out = append(out, textLine{line: line, text: docmodel.Normalize(line)})
				}
			}
		}
	}
	return out
}

// table reads a w:tbl; nil when it has no rows.
func (p *docParser) table() (*table, error) {
	var grid int
	var rows []rawRow
	var fn func(xml.StartElement) error
	fn = func(se xml.StartElement) error {
		if isMC(se.Name) {
			if se.Name.Local == "AlternateContent" {
				return p.alternate(fn)
			}
			return p.skip()
		}
		if !isW(se.Name) {
			return p.skip()
		}
		switch se.Name.Local {
		case "tblGrid":
			return p.children(func(c xml.StartElement) error {
				if isW(c.Name) && c.Name.Local == "gridCol" && grid < maxCols {
					grid++
				}
				return p.skip()
			})
		case "tr":
			r, err := p.row()
			if err != nil {
				return err
			}
			if !r.deleted {
				rows = append(rows, r)
			}
			return nil
		case "sdt", "sdtContent", "customXml", "ins", "moveTo":
			return p.children(fn)
		}
		return p.skip()
	}
	if err := p.children(fn); err != nil {
		return nil, err
	}
	return p.grid(grid, rows)
}

func (p *docParser) row() (rawRow, error) {
	var r rawRow
	var fn func(xml.StartElement) error
	fn = func(se xml.StartElement) error {
		if isMC(se.Name) {
			if se.Name.Local == "AlternateContent" {
				return p.alternate(fn)
			}
			return p.skip()
		}
		if !isW(se.Name) {
			return p.skip()
		}
		switch se.Name.Local {
		case "trPr":
			return p.children(func(c xml.StartElement) error {
				if isW(c.Name) {
					switch c.Name.Local {
					case "gridBefore":
						r.before = clamp(intAttr(c, "val", 0), 0, maxSpan)
					case "gridAfter":
						r.after = clamp(intAttr(c, "val", 0), 0, maxSpan)
					case "del":
						r.deleted = true
					}
				}
				return p.skip()
			})
		case "tc":
			c, err := p.cell()
			if err != nil {
				return err
			}
			r.cells = append(r.cells, c)
			return nil
		case "sdt", "sdtContent", "customXml", "ins", "moveTo":
			return p.children(fn)
		}
		return p.skip()
	}
	err := p.children(fn)
	return r, err
}

func (p *docParser) cell() (rawCell, error) {
	c := rawCell{span: 1}
	var items []item
	err := p.children(func(se xml.StartElement) error {
		if isW(se.Name) && se.Name.Local == "tcPr" {
			return p.children(func(pc xml.StartElement) error {
				if isW(pc.Name) {
					switch pc.Name.Local {
					case "gridSpan":
						c.span = clamp(intAttr(pc, "val", 1), 1, maxSpan)
					case "vMerge":
						c.vMerge = mergeKind(pc)
					case "hMerge":
						c.hMerge = mergeKind(pc)
					}
				}
				return p.skip()
			})
		}
		return p.block(se, &items)
	})
	c.paras = flatten(items)
	c.nested, c.lead = nestedTable(items)
	return c, err
}

// nestedTable returns the table a cell's content ends with when only
// paragraphs (without text boxes) stand above it, and those paragraphs.
func nestedTable(items []item) (*table, []textLine) {
	var t *table
	var lead []textLine
	for _, it := range items {
		switch {
		case t != nil:
			if it.table != nil || (it.para != nil && (it.para.text != "" || len(it.para.boxes) > 0)) {
				return nil, nil // text or another table after the table
			}
		case it.table != nil:
			t = it.table
		case len(it.para.boxes) > 0:
			return nil, nil
		case it.para.text != "":
			lead = append(lead, it.para.textLine)
		}
	}
	if t == nil {
		return nil, nil
	}
	return t, lead
}

func mergeKind(se xml.StartElement) int {
	if attr(se, "val") == "restart" {
		return mergeRestart
	}
	return mergeContinue
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

// grid places the rows' cells on the table grid.
func (p *docParser) grid(gridCols int, rows []rawRow) (*table, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	t := &table{}
	covered := cell{covered: true, vr: -1, vc: -1}
	for ri, rr := range rows {
		row := make([]cell, 0, gridCols)
		for range rr.before {
			row = append(row, covered)
		}
		for _, rc := range rr.cells {
			if len(row) >= maxCols {
				break
			}
			span := rc.span
			// Legacy horizontal merge: extend the origin to the left.
			if rc.hMerge == mergeContinue {
				if oi := lastOrigin(row); oi >= 0 {
					row[oi].colSpan += span
					for range span {
						row = append(row, covered)
					}
					continue
				}
			}
			col := len(row)
			if rc.vMerge == mergeContinue && ri > 0 && col < len(t.rows[ri-1]) {
				above := t.rows[ri-1][col]
				or, oc := above.vr, above.vc
				if !above.covered {
					or, oc = ri-1, col
				}
				if or >= 0 {
					t.rows[or][oc].rowSpan++
					for range span {
						c := covered
						c.vr, c.vc = or, oc
						row = append(row, c)
					}
					continue
				}
			}
			var sb strings.Builder
			for _, tl := range rc.paras {
				sb.WriteString(tl.text)
			}
			text := sb.String()
			row = append(row, cell{text: text, paras: rc.paras, colSpan: span, rowSpan: 1, vr: -1, vc: -1, nested: rc.nested, lead: rc.lead})
			for range span - 1 {
				row = append(row, covered)
			}
		}
		for range rr.after {
			row = append(row, covered)
		}
		if len(row) > maxCols {
			row = row[:maxCols]
		}
		t.rows = append(t.rows, row)
		t.width = max(t.width, len(row))
	}
	t.width = max(t.width, min(gridCols, maxCols))
	for i := range t.rows {
		for len(t.rows[i]) < t.width {
			t.rows[i] = append(t.rows[i], covered)
		}
		p.cells += t.width
	}
	if p.cells > maxCells {
		return nil, fmt.Errorf("docx: %s: tables exceed %d cells", p.part, maxCells)
	}
	return t, nil
}

func lastOrigin(row []cell) int {
	for i := len(row) - 1; i >= 0; i-- {
		if !row[i].covered {
			return i
		}
	}
	return -1
}

// oneLine lays a paragraph's text out on one line of the rendering
// (docmodel.OneLine: a line break inside w:t becomes a space, control
// characters go), the ends trimmed.
func oneLine(s string) string {
	return strings.TrimFunc(docmodel.OneLine(s), unicode.IsSpace)
}
