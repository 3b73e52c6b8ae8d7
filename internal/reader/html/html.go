// Package htmlreader reads a government web page (.html) into the document
// model (internal/docmodel).
//
// Decoding uses decode.Bytes (byte-order mark, then valid UTF-8, then
// GB18030); a <meta charset> declaration is ignored, since pages labelled
// gb2312 are often UTF-8 and the other way round. The page is parsed with
// golang.org/x/net/html, which refuses elements nested more than 512 deep:
// inline tags left open beyond 64 are then dropped and the page parsed
// again, and a page still too deep is refused saying which element is left
// open (parse.go); site chrome is selected with github.com/PuerkitoBio/goquery
// CSS selectors. Read keeps no state between calls.
//
// What is read:
//
//   - The metadata block of a government information page (索引号, 分类,
//     发文机关, 成文日期, 标题, 发文字号, 发布日期 …), as a table, a list,
//     a dl or divs, possibly printed twice: elements holding two or more
//     known labels are narrowed down to the parts whose every line is
//     "label value" text (a label may be followed by a colon or stand alone
//     in its cell, its value in the next cell or on the next line); those
//     parts leave the body. Labels are recognised on normalised text
//     (docmodel.Normalize) against the rules' metadata labels
//     (rules.DocumentRules.MetaLabels); a label naming a field (标题 →
//     rules.FieldTitle …) stores its normalised value in Document.Meta under
//     the field name, first non-empty value wins; labels that name no field
//     (主题分类) are not stored. Every pair is rendered as a "label: value"
//     Paragraph line at the top of the rendering, followed by a blank line.
//     Headings inside a metadata block stay in the body.
//     Meta[docmodel.MetaFormatTitle] holds the <title> text.
//   - Site chrome is dropped: script, style, noscript, iframe, form
//     controls, forms, nav, header and footer elements, hidden elements
//     (display:none, visibility:hidden, hidden), elements whose class or id
//     names navigation, menus, headers, footers, sharing, breadcrumbs, side
//     bars, tool bars, copyright, search or printing, lists of links (at
//     least three links making up most of the text) and "当前位置"
//     breadcrumbs. A chrome element (other than script and the like) is
//     kept when it holds substantial text with few links, so that an
//     article wrapped in <form id="form1"> or <div id="printContent"> is not
//     lost.
//   - h1–h6 become Heading blocks with Level set; other text blocks become
//     Paragraph blocks.
//   - Tables become Table blocks on a proper grid (colspan and rowspan
//     expand into Covered cells; a rowspan shifts later cells of the rows
//     below). Cell text has all white space removed; a table nested in a
//     data cell is flattened into that cell's text. A <caption> is rendered
//     as a Paragraph just before its table.
//   - Boxes: a single-column table of one or more rows (1×1 typically), or a
//     bordered div (style border, or class containing box/zl/zhuanlan/kuang)
//     whose first paragraph starts with 专栏 becomes a Box block: Text is the
//     first paragraph (a bare label such as "专栏1" is joined to the next
//     paragraph with a space), Paras the following paragraphs. A 1×1 (or
//     two-row single-column) table or bordered div whose first paragraph is a
//     short title naming projects (工程, 项目, 行动 …) or whose other
//     paragraphs are mostly numbered items is an unlabelled Box.
//   - Layout tables — ones with headings, a metadata block or a sizeable
//     table nested in a cell, cells of long multi-paragraph text,
//     role="presentation", or a single cell that is not a box — are transparent:
//     their cells are read as ordinary containers.
//
// Text: every paragraph, heading, box line, cell and metadata value is
// normalised once (docmodel.Normalize) as it enters its block; boxes, list
// items, project titles and breadcrumbs are recognised on normalised text
// with the rule set (rules.BlockRules).
//
// Rendering (Document.Lines):
//
//   - one line per paragraph-like block; <br> ends a line, and each
//     <br>-separated line of a paragraph is its own Paragraph block; a
//     heading broken by <br> is one Heading block spanning its lines, its
//     Text the pieces joined and normalised;
//   - white space is collapsed as a browser does; a source line break
//     between two Chinese characters disappears; NBSP counts as a space;
//     U+3000 inside a line is kept, around it trimmed;
//   - a table renders one line per grid row, the cells joined by TAB, covered
//     positions as empty strings; rows with no text at all are left out;
//   - one blank line before and after a table; two blank lines before a box
//     and one after it (BlankBefore/BlankAfter count them); a box renders
//     its title on one line and each paragraph on its own line.
package htmlreader

import (
	"errors"
	"fmt"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/guihua-project/guihua/internal/decode"
	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// ErrNoText is returned for a page without any text in its body.
var ErrNoText = errors.New("no text")

// maxDepth bounds the element nesting followed; deeper content is ignored.
const maxDepth = 512

// Reader reads web pages with a rule set. It is immutable and safe for
// concurrent use; Read keeps no state between calls.
type Reader struct {
	blocks *rules.BlockRules
	docs   *rules.DocumentRules
	labels []string // metadata labels, longest first
}

// New returns a Reader recognising metadata labels, boxes and page chrome
// with the rule set.
func New(set *rules.Set) *Reader {
	return &Reader{blocks: set.Blocks, docs: set.Document, labels: set.Document.MetaLabels()}
}

// Read parses an HTML page's bytes into the document model.
func (rd *Reader) Read(data []byte) (*docmodel.Document, error) {
	text, enc, err := decode.Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("html: decode: %w", err)
	}
	root, err := parse(text)
	if err != nil {
		return nil, fmt.Errorf("html: parse: %w", err)
	}
	r := &reader{
		Reader:    rd,
		st:        map[*xhtml.Node]stats{},
		metaNodes: map[*xhtml.Node]bool{},
		meta:      map[string]string{},
		drop:      map[*xhtml.Node]bool{},
	}
	r.stats(root, 0)
	r.findChrome(root)
	r.findMeta(root, 0)

	w := r.newWalker()
	w.walk(root, 0)
	w.flush()

	doc := r.assemble(w.items)
	doc.Format = "html"
	doc.Encoding = enc
	if len(doc.Lines) == 0 {
		return nil, fmt.Errorf("html: %w", ErrNoText)
	}
	if t := docmodel.Normalize(findTitle(root, 0)); t != "" {
		doc.Meta[docmodel.MetaFormatTitle] = t
	}
	return doc, nil
}

// reader holds the state of one Read call.
type reader struct {
	*Reader
	st        map[*xhtml.Node]stats // text statistics per element
	metaNodes map[*xhtml.Node]bool  // metadata blocks, read by findMeta
	meta      map[string]string     // normalised value by printed label
	metaOrder []string              // printed labels in page order
	drop      map[*xhtml.Node]bool  // site chrome, found by findChrome
}

// stats are text statistics of an element's subtree (script etc. excluded).
type stats struct {
	runes     int // non-space runes
	linkRunes int // of which inside <a href>
	links     int
	// labelish: some text holds a colon or is short enough to be a label
	// cell, so the subtree may hold a metadata label.
	labelish bool
}

func (r *reader) stats(n *xhtml.Node, depth int) stats {
	var s stats
	if depth > maxDepth {
		return s
	}
	switch n.Type {
	case xhtml.TextNode:
		for _, c := range n.Data {
			if !isSpace(c) {
				s.runes++
			}
			if c == ':' || c == '：' {
				s.labelish = true
			}
		}
		if s.runes > 0 && s.runes <= metaGenericRunes+2 {
			s.labelish = true
		}
		return s
	case xhtml.ElementNode:
		if hardDrop(n.DataAtom) {
			return s
		}
	case xhtml.DocumentNode:
	default:
		return s
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := r.stats(c, depth+1)
		s.runes += cs.runes
		s.linkRunes += cs.linkRunes
		s.links += cs.links
		s.labelish = s.labelish || cs.labelish
	}
	if n.Type == xhtml.ElementNode && n.DataAtom == atom.A && attr(n, "href") != "" {
		s.linkRunes = s.runes
		s.links++
	}
	if n.Type == xhtml.ElementNode {
		r.st[n] = s
	}
	return s
}

// findTitle returns the collapsed text of the first <title>.
func findTitle(n *xhtml.Node, depth int) string {
	if depth > maxDepth {
		return ""
	}
	if n.Type == xhtml.ElementNode && n.DataAtom == atom.Title {
		var in inline
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xhtml.TextNode {
				in.add(c.Data)
			}
		}
		return in.take()
	}
	if n.Type == xhtml.ElementNode && n.DataAtom == atom.Body {
		return ""
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := findTitle(c, depth+1); t != "" {
			return t
		}
	}
	return ""
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *xhtml.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// assemble lays the items out as lines and blocks, metadata first.
func (r *reader) assemble(items []item) *docmodel.Document {
	doc := &docmodel.Document{Meta: map[string]string{}}
	var lay layout
	lay.doc = doc
	for _, k := range r.metaOrder {
		if field, _ := r.docs.MetadataField(k); field != "" {
			if _, seen := doc.Meta[field]; !seen {
				doc.Meta[field] = r.meta[k]
			}
		}
		lay.para(k + ": " + r.meta[k])
	}
	if len(r.metaOrder) > 0 {
		lay.pending = 1
	}
	for _, it := range items {
		switch it.kind {
		case itPara:
			lay.para(it.lines[0])
		case itHeading:
			lay.heading(it.level, it.lines)
		case itTable:
			lay.table(it.rows)
		case itBox:
			lay.box(it.lines, it.rows)
		}
	}
	return doc
}

// layout appends blocks and their lines to a document.
type layout struct {
	doc     *docmodel.Document
	pending int // blank lines wanted before the next block
}

// start prints the blank lines due before a block of the given wish and
// returns their count.
func (l *layout) start(before int) int {
	n := max(l.pending, before)
	if len(l.doc.Lines) == 0 {
		n = 0
	}
	for range n {
		l.doc.Lines = append(l.doc.Lines, "")
	}
	if k := len(l.doc.Blocks); k > 0 {
		l.doc.Blocks[k-1].BlankAfter = n
	}
	l.pending = 0
	return n
}

func (l *layout) line(s string) int {
	l.doc.Lines = append(l.doc.Lines, s)
	return len(l.doc.Lines)
}

func (l *layout) para(s string) {
	b := docmodel.Block{Kind: docmodel.Paragraph, Text: docmodel.Normalize(s), BlankBefore: l.start(0)}
	b.Line = l.line(s)
	b.EndLine = b.Line
	l.doc.Blocks = append(l.doc.Blocks, b)
}

func (l *layout) heading(level int, lines []string) {
	b := docmodel.Block{Kind: docmodel.Heading, Level: level, BlankBefore: l.start(0)}
	for i, s := range lines {
		n := l.line(s)
		if i == 0 {
			b.Line = n
		}
		b.EndLine = n
	}
	// The pieces are one logical line broken by the page: normalising them
	// joined drops the break between Chinese characters.
	b.Text = docmodel.Normalize(strings.Join(lines, "\n"))
	l.doc.Blocks = append(l.doc.Blocks, b)
}

func (l *layout) table(rows [][]gcell) {
	b := docmodel.Block{Kind: docmodel.Table, BlankBefore: l.start(1)}
	b.Line = len(l.doc.Lines) + 1
	b.Table = l.tableRows(rows)
	b.EndLine = len(l.doc.Lines)
	l.doc.Blocks = append(l.doc.Blocks, b)
	l.pending = 1
}

// tableRows prints a table's rows, one line each with the cells' texts
// separated by TAB, and returns the model's table.
func (l *layout) tableRows(rows [][]gcell) *docmodel.TableData {
	td := &docmodel.TableData{Rows: make([][]docmodel.Cell, len(rows))}
	first := len(l.doc.Lines) + 1
	for i, row := range rows {
		texts := make([]string, len(row))
		cells := make([]docmodel.Cell, len(row))
		n := first + i
		for j, c := range row {
			texts[j] = c.text
			cells[j] = docmodel.Cell{Text: c.text, Line: n, EndLine: n, Covered: c.covered}
			if c.colspan > 1 {
				cells[j].ColSpan = c.colspan
			}
			if c.rowspan > 1 {
				cells[j].RowSpan = c.rowspan
				cells[j].EndLine = n + min(c.rowspan, len(rows)-i) - 1
			}
		}
		l.line(strings.Join(texts, "\t"))
		td.Rows[i] = cells
	}
	return td
}

// box lays out a box: its title line, its paragraphs, and the rows of the
// table it holds, if any.
func (l *layout) box(lines []string, rows [][]gcell) {
	b := docmodel.Block{Kind: docmodel.Box, Text: docmodel.Normalize(lines[0]), BlankBefore: l.start(2)}
	b.Line = l.line(lines[0])
	b.EndLine = b.Line
	for _, s := range lines[1:] {
		n := l.line(s)
		b.Paras = append(b.Paras, docmodel.Para{Text: docmodel.Normalize(s), Line: n, EndLine: n})
		b.EndLine = n
	}
	if rows != nil {
		b.Table = l.tableRows(rows)
		b.EndLine = len(l.doc.Lines)
	}
	l.doc.Blocks = append(l.doc.Blocks, b)
	l.pending = 1
}
