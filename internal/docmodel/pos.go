package docmodel

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pos is a place in the rendering (Document.Lines), like a go/token
// Position: Line is the 1-based line, Col the 1-based rune column in that
// line, and Off the byte offset of that rune in the line (so that a slice of
// the rendering costs no scan). The zero Pos is no place.
//
// A Pos may stand one past a line's last rune (Col = its rune count + 1,
// Off = its length): the line break, where a normalised text holds the
// space that a break between two Latin words became.
type Pos struct {
	Line, Col, Off int
}

// IsValid reports whether p is a place.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Before reports whether p comes before q in the rendering.
func (p Pos) Before(q Pos) bool { return p.Line < q.Line || p.Line == q.Line && p.Col < q.Col }

// Map ties a normalised text (a block's, a box paragraph's or a cell's Text)
// to the rendering: the place of each of its runes. Normalize only removes
// characters and turns runs of white space into one space, and readers only
// cut texts out of what they print, so each rune of a text is printed in the
// rendering, in order; Document.Locate finds where.
//
// A map is stored as segments — runs of the text's runes printed side by
// side on one line — of at most segMax bytes, so looking a place up is a
// binary search and a count over at most segMax bytes, and a map costs a few
// bytes per segment: memory stays linear in the size of the document.
//
// A Map is a pointer in a struct, so that blocks and cells stay comparable.
type Map struct{ m *textMap }

type textMap struct {
	text string
	segs []seg
}

// segMax bounds the bytes of one segment.
const segMax = 256

type seg struct {
	at   int32 // byte offset in the text of the segment's first rune
	line int32 // 1-based line
	col  int32 // 1-based rune column of the segment's first rune
	off  int32 // byte offset of that rune in the line
}

// Valid reports whether the map places its text (Document.Locate found it).
func (m Map) Valid() bool { return m.m != nil && len(m.m.segs) > 0 }

// Text returns the text the map places.
func (m Map) Text() string {
	if m.m == nil {
		return ""
	}
	return m.m.text
}

// At returns the place of the rune that starts at byte offset i of the text
// (the text's end, i = len, is placed after its last rune). It returns the
// zero Pos for an invalid map or an offset out of range.
func (mp Map) At(i int) Pos {
	m := mp.m
	if m == nil || len(m.segs) == 0 || i < 0 || i > len(m.text) {
		return Pos{}
	}
	k := sort.Search(len(m.segs), func(k int) bool { return int(m.segs[k].at) > i }) - 1
	if k < 0 {
		return Pos{}
	}
	s := m.segs[k]
	return Pos{
		Line: int(s.line),
		Col:  int(s.col) + utf8.RuneCountInString(m.text[s.at:i]),
		Off:  int(s.off) + i - int(s.at),
	}
}

// Range returns the places of the first and the last rune of text[i:j]
// (byte offsets), leading and trailing spaces left out; ok is false when the
// map is invalid or the range holds no rune.
func (mp Map) Range(i, j int) (from, to Pos, ok bool) {
	m := mp.m
	if m == nil || len(m.segs) == 0 || i < 0 || j > len(m.text) || i >= j {
		return Pos{}, Pos{}, false
	}
	for i < j && m.text[i] == ' ' {
		i++
	}
	for j > i && m.text[j-1] == ' ' {
		j--
	}
	if i >= j {
		return Pos{}, Pos{}, false
	}
	_, size := utf8.DecodeLastRuneInString(m.text[i:j])
	return mp.At(i), mp.At(j - size), true
}

// Whole returns the places of the text's first and last rune.
func (m Map) Whole() (from, to Pos, ok bool) { return m.Range(0, len(m.Text())) }

// Slice returns the rendering from the rune at from through the rune at to,
// inclusive, lines joined with "\n": the text a span between them quotes.
func (d *Document) Slice(from, to Pos) string {
	if !from.IsValid() || !to.IsValid() || to.Before(from) || to.Line > len(d.Lines) {
		return ""
	}
	last := d.Lines[to.Line-1]
	end := min(to.Off, len(last))
	if end < len(last) {
		_, size := utf8.DecodeRuneInString(last[end:])
		end += size
	}
	if from.Line == to.Line {
		return last[min(from.Off, end):end]
	}
	var b strings.Builder
	b.WriteString(d.Lines[from.Line-1][min(from.Off, len(d.Lines[from.Line-1])):])
	for l := from.Line + 1; l < to.Line; l++ {
		b.WriteByte('\n')
		b.WriteString(d.Lines[l-1])
	}
	b.WriteByte('\n')
	b.WriteString(last[:end])
	return b.String()
}

// LineRange returns the places of the first and the last printed (not white
// space) rune of lines from..to; ok is false when they hold none. It places
// what a reader gave no text map for.
func (d *Document) LineRange(from, to int) (first, last Pos, ok bool) {
	from, to = max(from, 1), min(to, len(d.Lines))
	for l := from; l <= to && !first.IsValid(); l++ {
		col := 1
		for off, r := range d.Lines[l-1] {
			if !isBlankRune(r) {
				first = Pos{Line: l, Col: col, Off: off}
				break
			}
			col++
		}
	}
	for l := to; l >= from && !last.IsValid(); l-- {
		s := d.Lines[l-1]
		for end := len(s); end > 0; {
			r, size := utf8.DecodeLastRuneInString(s[:end])
			end -= size
			if !isBlankRune(r) {
				last = Pos{Line: l, Col: utf8.RuneCountInString(s[:end]) + 1, Off: end}
				break
			}
		}
	}
	return first, last, first.IsValid() && last.IsValid() && !last.Before(first)
}

func isBlankRune(r rune) bool { return removed(r) || unicode.IsSpace(r) }

// Locate gives every text of the model its map (Block.At, Para.At,
// Cell.At). It is idempotent and costs time linear in the rendering. The
// extractor calls it; a reader may call it first.
//
// A paragraph's, a heading's and a box line's text is looked for from the
// start of its first line; the cells of a table in order, each from where
// the cell before it on the same line ended (a row printed on one line,
// cells separated by TAB), else from the start of its first line. A text is
// looked for within its own lines (Line..EndLine); a text that is not found
// there keeps an invalid map, and a span of it falls back to its lines.
func (d *Document) Locate() {
	if d.located {
		return
	}
	d.located = true
	for i := range d.Blocks {
		b := &d.Blocks[i]
		if b.Text != "" {
			b.At = d.find(b.Text, b.Line, 1, b.EndLine)
			if !b.At.Valid() && b.Kind == Box {
				b.At = d.find(b.Text, b.Line, 1, b.Line)
			}
		}
		for k := range b.Paras {
			p := &b.Paras[k]
			p.At = d.find(p.Text, p.Line, 1, p.EndLine)
		}
		if b.Table != nil {
			d.locateTable(b.Table)
		}
	}
}

// locateTable maps the cells of a table in reading order.
func (d *Document) locateTable(t *TableData) {
	next := map[int]Pos{} // where the next cell on a line is looked for
	for _, row := range t.Rows {
		for k := range row {
			c := &row[k]
			if c.Text == "" || c.Line < 1 {
				continue
			}
			if p, ok := next[c.Line]; ok {
				c.At = d.findFrom(c.Text, p, max(c.EndLine, c.Line))
			}
			if !c.At.Valid() {
				c.At = d.find(c.Text, c.Line, 1, c.EndLine)
			}
			if _, to, ok := c.At.Whole(); ok {
				next[to.Line] = Pos{Line: to.Line, Col: to.Col + 1, Off: to.Off + runeLen(d.Lines[to.Line-1], to.Off)}
			}
		}
	}
}

func runeLen(s string, off int) int {
	if off >= len(s) {
		return 0
	}
	_, size := utf8.DecodeRuneInString(s[off:])
	return size
}

// find looks for text from column col of line (the first column) to the
// end of line endLine.
func (d *Document) find(text string, line, col, endLine int) Map {
	return d.findFrom(text, Pos{Line: line, Col: col, Off: 0}, max(endLine, line))
}

// findFrom places text's runes in order, each at the first place from the
// cursor where the same rune is printed: the characters Normalize removed
// (white space, invisible and control characters) and the markers a reader
// strips are passed over. A space of the text is a word gap: printed as an
// ASCII space, a TAB or a line break.
func (d *Document) findFrom(text string, from Pos, endLine int) Map {
	if text == "" || from.Line < 1 || from.Line > len(d.Lines) {
		return Map{}
	}
	endLine = min(endLine, len(d.Lines))
	m := &textMap{text: text}
	ln, off, col := from.Line, from.Off, from.Col
	lastLine, lastOff := -1, -1 // just past the last rune placed
	place := func(i, line, c, o, size int) {
		if n := len(m.segs); n > 0 && line == lastLine && o == lastOff && i-int(m.segs[n-1].at) < segMax {
			lastOff = o + size
			return
		}
		m.segs = append(m.segs, seg{at: int32(i), line: int32(line), col: int32(c), off: int32(o)})
		lastLine, lastOff = line, o+size
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		for {
			if ln > endLine {
				return Map{}
			}

			s := d.Lines[ln-1]
			if off >= len(s) {
				if r == ' ' { // a line break between two words
					place(i, ln, col, off, 0)
					lastLine = -1
					ln, off, col = ln+1, 0, 1
					break
				}
				ln, off, col = ln+1, 0, 1
				continue
			}
			lr, lsize := utf8.DecodeRuneInString(s[off:])
			if lr == r && lsize == size && r != utf8.RuneError || r == ' ' && (lr == '\t' || lr == '\r') {
				place(i, ln, col, off, lsize)
				off += lsize
				col++
				break
			}
			off += lsize
			col++
		}
		i += size
	}
	return Map{m}
}
