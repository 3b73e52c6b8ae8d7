package review

import (
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	"github.com/guihua-project/guihua/internal/docmodel"
)

// tableAt is a table of the model and the lines its cells are printed on.
type tableAt struct {
	t          *docmodel.TableData
	start, end int
}

// writeText writes the rendering line by line; the lines of a table's cells
// are written as an HTML table of the model's rows and cells.
func (pg *page) writeText(b *strings.Builder) {
	tables := map[int]tableAt{}
	inBox := map[int]bool{}
	for _, blk := range pg.doc.Blocks {
		if blk.Kind == docmodel.Box {
			for l := blk.Line; l <= blk.EndLine; l++ {
				inBox[l] = true
			}
		}
		if blk.Table == nil || len(blk.Table.Rows) == 0 {
			continue
		}
		start, end := 0, 0
		for _, row := range blk.Table.Rows {
			for _, c := range row {
				if c.Covered || c.Line < 1 {
					continue
				}
				if start == 0 || c.Line < start {
					start = c.Line
				}
				end = max(end, c.EndLine, c.Line)
			}
		}
		if start > 0 {
			tables[start] = tableAt{blk.Table, start, min(end, len(pg.doc.Lines))}
		}
	}
	n := len(pg.doc.Lines)
	for l := 1; l <= n; l++ {
		if t, ok := tables[l]; ok && t.end >= l {
			shown := pg.writeTable(b, t, inBox[l])
			for k := t.start; k <= t.end; k++ {
				if !shown[k] && strings.TrimSpace(docmodel.Normalize(pg.doc.Lines[k-1])) != "" {
					pg.writeLine(b, k, inBox[k])
				}
			}
			l = t.end
			continue
		}
		pg.writeLine(b, l, inBox[l])
	}
}

// writeLine writes line l as a line of the page.
func (pg *page) writeLine(b *strings.Builder, l int, box bool) {
	cls := "ln"
	if h := pg.headingLevel[l]; h > 0 {
		cls += " h h" + strconv.Itoa(min(h, 4))
	}
	if box {
		cls += " bx"
	}
	s := pg.doc.Lines[l-1]
	if strings.TrimSpace(s) == "" {
		fmt.Fprintf(b, "<div class=\"%s e\" id=\"L%d\" data-n=\"%d\"></div>\n", cls, l, l)
		return
	}
	fmt.Fprintf(b, "<div class=\"%s\" id=\"L%d\" data-n=\"%d\">", cls, l, l)
	pg.frag(b, l, 1, -1)
	b.WriteString("</div>\n")
}

// writeTable writes a table of the model and returns the lines it showed.
func (pg *page) writeTable(b *strings.Builder, t tableAt, box bool) map[int]bool {
	shown := map[int]bool{}
	cls := "tbl"
	if box {
		cls += " bx"
	}
	fmt.Fprintf(b, "<div class=\"%s\" id=\"L%d\" data-n=\"%d\"><table>\n", cls, t.start, t.start)
	for r, row := range t.t.Rows {
		b.WriteString("<tr>")
		for _, c := range row {
			if c.Covered {
				continue
			}
			tag := "td"
			if r < t.t.HeaderRows {
				tag = "th"
			}
			b.WriteString("<" + tag)
			if c.ColSpan > 1 {
				fmt.Fprintf(b, " colspan=\"%d\"", c.ColSpan)
			}
			if c.RowSpan > 1 {
				fmt.Fprintf(b, " rowspan=\"%d\"", c.RowSpan)
			}
			if c.Line > 0 {
				fmt.Fprintf(b, " data-n=\"%d\"", c.Line)
			}
			b.WriteString(">")
			if c.Text != "" && c.Line > 0 {
				from, to, ok := c.At.Whole()
				if !ok {
					from = docmodel.Pos{Line: c.Line, Col: 1}
					to = docmodel.Pos{Line: max(c.EndLine, c.Line), Col: -1}
				}
				for l := from.Line; l <= to.Line && l <= len(pg.doc.Lines); l++ {
					a, e := 1, -1
					if l == from.Line {
						a = from.Col
					}
					if l == to.Line {
						e = to.Col
					}
					pg.frag(b, l, a, e)
					shown[l] = true
				}
			}
			b.WriteString("</" + tag + ">")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table></div>\n")
	return shown
}

// frag writes runes from..to (1-based, inclusive; to -1 for the line's end)
// of line l, with the highlights that cover them, outermost first.
func (pg *page) frag(b *strings.Builder, l, from, to int) {
	runes := []rune(pg.doc.Lines[l-1])
	if to < 0 || to > len(runes) {
		to = len(runes)
	}
	from = max(from, 1)
	if from > to {
		return
	}
	type piece struct{ a, e, k int }
	var ps []piece
	cuts := []int{from, to + 1}
	for _, k := range pg.byLine[l] {
		sp := pg.marks[k].sp
		a, e := 1, len(runes)
		if sp.Line == l {
			a = sp.Col
		}
		if sp.EndLine == l {
			e = sp.EndCol
		}
		a, e = max(a, from), min(e, to)
		if a > e {
			continue
		}
		ps = append(ps, piece{a, e, k})
		cuts = append(cuts, a, e+1)
	}
	if len(ps) == 0 {
		b.WriteString(html.EscapeString(string(runes[from-1 : to])))
		return
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	for i := 0; i+1 < len(cuts); i++ {
		x, y := cuts[i], cuts[i+1]
		if x < from || y > to+1 {
			continue
		}
		open := 0
		for _, p := range ps {
			if p.a <= x && p.e >= y-1 {
				m := pg.marks[p.k]
				fmt.Fprintf(b, "<mark class=\"k-%s\" data-ref=\"%s\">", m.kind, m.ref)
				open++
			}
		}
		b.WriteString(html.EscapeString(string(runes[x-1 : y-1])))
		for range open {
			b.WriteString("</mark>")
		}
	}
}
