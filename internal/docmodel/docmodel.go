// Package docmodel is the format-neutral document model that every reader
// (.txt, .docx, .html, .pdf) produces and every extractor consumes: the document's
// plain-text rendering as lines, and its blocks in order — paragraphs,
// headings, tables and boxes — each tied to the lines it was read from.
package docmodel

import "strings"

// Kind is the kind of a block.
type Kind int

// Block kinds.
const (
	Paragraph Kind = iota // running text
	Heading               // a heading marked as such by the format (style, h1–h6)
	Table                 // a table of cells
	Box                   // a framed box: 专栏, text box, bordered single-cell table
)

func (k Kind) String() string {
	switch k {
	case Paragraph:
		return "paragraph"
	case Heading:
		return "heading"
	case Table:
		return "table"
	case Box:
		return "box"
	}
	return "unknown"
}

// Document is one decoded input in model form.
type Document struct {
	Format   string // "text", "docx", "html", "pdf"
	Encoding string // detected encoding of the input bytes
	// Lines is the plain-text rendering; Lines[0] is line 1. Spans point into it.
	Lines []string
	// Pages, when set (a paged format: PDF), holds the 1-based page each
	// line of the rendering was printed on: Pages[0] is line 1's page. A
	// blank line takes the page of the line before it.
	Pages []int
	// Rendering, when set, is the rendering exactly as text (for a .txt input,
	// the decoded file itself, whether or not it ends with a newline).
	Rendering string
	Blocks    []Block
	// Meta holds metadata the format carries outside the running text,
	// normalised: a web page's labelled metadata block under the rules field
	// names (rules.FieldTitle, rules.FieldIssuer, rules.FieldDate …), and the
	// format's own properties under MetaFormatTitle and MetaFormatCreated.
	Meta map[string]string
	// located is set once Locate has mapped the texts.
	located bool
}

// Meta keys for what the format itself says of the document, as opposed to
// metadata printed in it.
const (
	MetaFormatTitle   = "format_title"   // html <title>, docx dc:title
	MetaFormatCreated = "format_created" // docx dcterms:created
)

// Block is one unit of the document in reading order.
type Block struct {
	Kind Kind
	// Text is the paragraph or heading text (for Box: its title line, if any).
	Text string
	// At places Text in the rendering (set by Locate).
	At Map
	// Level is the heading level when the format states it (docx outline
	// level, html h1–h6); 0 when unknown.
	Level int
	// Table is the table of a Table block; for a Box, the table the box
	// holds below its paragraphs (a 专栏 of 项目名称 | 建设内容 rows), nil when
	// it holds none.
	Table *TableData
	// Paras holds a box's body paragraphs (for Kind == Box), above its Table.
	Paras []Para
	// Line and EndLine are the 1-based lines of the rendering the block spans.
	Line, EndLine int
	// BlankBefore counts the blank lines printed just before the block.
	BlankBefore int
	// BlankAfter counts the blank lines printed just after the block.
	BlankAfter int
}

// Para is a paragraph inside a box.
type Para struct {
	Text          string
	Line, EndLine int
	At            Map // places Text in the rendering (set by Locate)
}

// TableData is a table as rows of cells, header rows first.
type TableData struct {
	Rows [][]Cell
	// HeaderRows is the number of leading header rows when the format marks
	// them (thead, a rebuilt flattened header); 0 when unknown.
	HeaderRows int
	// Flattened is true for tables rebuilt from a flattened web-page copy,
	// where cell boundaries had to be inferred.
	Flattened bool
}

// Cell is one table cell. Text has line breaks and runs of spaces inside the
// cell removed. Every row keeps one Cell per grid column: a position covered
// by a merged cell above (vMerge, rowspan) or to the left (gridSpan, colspan)
// holds an empty Cell with Covered set, so columns stay aligned.
type Cell struct {
	Text          string
	Line, EndLine int
	// At places Text in the rendering (set by Locate).
	At Map
	// ColSpan and RowSpan are the merge extent of an origin cell (0 or 1: none).
	ColSpan, RowSpan int
	// Covered marks a grid position covered by a merge; its text is empty.
	Covered bool
	// Broken marks text that may be cut off: a flattened copy left an empty
	// fragment inside the cell, where characters were evidently lost.
	Broken bool
}

// Quote returns the rendering's lines from..to (1-based, inclusive) joined
// with newlines, trimmed of surrounding white space.
func (d *Document) Quote(from, to int) string {
	if from < 1 {
		from = 1
	}
	if to > len(d.Lines) {
		to = len(d.Lines)
	}
	if from > to {
		return ""
	}
	return strings.TrimSpace(strings.Join(d.Lines[from-1:to], "\n"))
}

// Page returns the page line (1-based) was printed on, or 0 when the
// format has no pages or the line is out of range.
func (d *Document) Page(line int) int {
	if line < 1 || line > len(d.Pages) {
		return 0
	}
	return d.Pages[line-1]
}

// Text returns the full plain-text rendering, one line per element of Lines.
func (d *Document) Text() string {
	if d.Rendering != "" {
		return d.Rendering
	}
	if len(d.Lines) == 0 {
		return ""
	}
	return strings.Join(d.Lines, "\n") + "\n"
}
