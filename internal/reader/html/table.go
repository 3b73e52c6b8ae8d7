package htmlreader

import (
	"strings"

	"github.com/guihua-project/guihua/internal/docmodel"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// gcell is one grid position of a table.
type gcell struct {
	node             *xhtml.Node // the td/th of an origin cell
	text             string
	colspan, rowspan int
	covered          bool
	above            bool // covered by a rowspan from an earlier row
	used             bool
}

// tableRows returns the rows of t (through thead/tbody/tfoot), not those of
// nested tables.
func tableRows(t *xhtml.Node) []*xhtml.Node {
	var rows []*xhtml.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == xhtml.ElementNode && r.DataAtom == atom.Tr {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

func caption(t *xhtml.Node) *xhtml.Node {
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && c.DataAtom == atom.Caption {
			return c
		}
	}
	return nil
}

// span parses a colspan/rowspan value the way browsers do (leading digits).
func span(n *xhtml.Node, key string, def int) int {
	v := strings.TrimSpace(attr(n, key))
	k := 0
	for k < len(v) && v[k] >= '0' && v[k] <= '9' && k < 6 {
		k++
	}
	if k == 0 {
		return def
	}
	x := 0
	for _, c := range v[:k] {
		x = x*10 + int(c-'0')
	}
	return x
}

// buildGrid lays the rows' cells out on a grid: a colspan origin is followed
// by covered positions, a rowspan origin covers the positions below it, and
// later cells of those rows move right past them.
func buildGrid(rows []*xhtml.Node) [][]gcell {
	grid := make([][]gcell, len(rows))
	writes := 0
	for r, tr := range rows {
		c := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.Type != xhtml.ElementNode || (td.DataAtom != atom.Td && td.DataAtom != atom.Th) {
				continue
			}
			for c < len(grid[r]) && grid[r][c].used {
				c++
			}
			if c >= maxGridWidth {
				break
			}
			cs := min(max(span(td, "colspan", 1), 1), maxGridWidth-c)
			rs := span(td, "rowspan", 1)
			if rs == 0 { // rowspan="0": to the end of the table
				rs = len(rows) - r
			}
			rs = min(max(rs, 1), len(rows)-r)
			if writes+rs*cs > maxGridCellWrites {
				rs, cs = 1, 1
			}
			writes += rs * cs
			for i := range rs {
				row := grid[r+i]
				for len(row) < c+cs {
					row = append(row, gcell{})
				}
				for j := range cs {
					if row[c+j].used {
						continue // overlapping spans: the earlier cell keeps it
					}
					if i == 0 && j == 0 {
						row[c+j] = gcell{node: td, colspan: cs, rowspan: rs, used: true}
					} else {
						row[c+j] = gcell{covered: true, above: i > 0, used: true}
					}
				}
				grid[r+i] = row
			}
			c += cs
		}
	}
	width := 0
	for _, row := range grid {
		width = max(width, len(row))
	}
	for i := range grid {
		for len(grid[i]) < width {
			grid[i] = append(grid[i], gcell{})
		}
	}
	return grid
}

// table renders a table element: a box, a data table, or — for layout
// tables — its cells' content in order.
func (w *walker) table(t *xhtml.Node, depth int) {
	var rows []*xhtml.Node
	for _, tr := range tableRows(t) {
		if !w.r.metaNodes[tr] && !hidden(tr) {
			rows = append(rows, tr)
		}
	}
	capt := caption(t)
	if len(rows) == 0 {
		w.walkChildren(t, depth)
		w.flush()
		return
	}
	grid := buildGrid(rows)
	for _, row := range grid {
		for k := range row {
			if row[k].node != nil {
				row[k].text = w.r.cellText(row[k].node)
			}
		}
	}
	grid = dropEmptyRows(grid)
	width := 0
	if len(grid) > 0 {
		width = len(grid[0])
	}

	// contents renders the caption and the origin cells as containers.
	var cells [][]item
	contents := func() [][]item {
		if cells != nil {
			return cells
		}
		cells = [][]item{}
		if capt != nil {
			cells = append(cells, w.sub(capt, depth))
		}
		for _, row := range grid {
			for _, c := range row {
				if c.node != nil && !w.r.dropped(c.node) {
					cells = append(cells, w.sub(c.node, depth+2))
				}
			}
		}
		return cells
	}
	transparent := func() {
		for _, items := range contents() {
			w.items = append(w.items, items...)
		}
	}

	if len(grid) == 0 {
		if capt != nil {
			w.items = append(w.items, w.sub(capt, depth)...)
		}
		return
	}
	if width == 1 && len(grid) == 1 && capt == nil {
		// a one-cell frame holding a box title and a table
		if box, ok := w.r.tableBox(contents()[0]); ok {
			w.items = append(w.items, box)
			return
		}
	}
	if width == 1 {
		var lines []string
		ok := true
		headings := false
		for _, items := range contents() {
			l, isText := textLines(items)
			if !isText {
				ok = false
				break
			}
			headings = headings || hasHeading(items)
			lines = append(lines, l...)
		}
		if ok {
			if box, isBox := w.r.makeBox(lines, len(grid) <= 2 && !headings); isBox {
				w.items = append(w.items, item{kind: itBox, lines: box})
				return
			}
		}
		if len(grid) == 1 {
			transparent()
			return
		}
	}
	if w.r.isLayout(t, grid) {
		transparent()
		return
	}
	if capt != nil {
		w.items = append(w.items, w.sub(capt, depth)...)
	}
	w.items = append(w.items, item{kind: itTable, rows: grid})
}

// dropEmptyRows leaves out rows without any text, rowspan origin or
// position covered from above (spacer rows).
func dropEmptyRows(grid [][]gcell) [][]gcell {
	out := grid[:0]
	for _, row := range grid {
		keep := false
		for _, c := range row {
			if c.text != "" || c.above || c.rowspan > 1 {
				keep = true
				break
			}
		}
		if keep {
			out = append(out, row)
		}
	}
	return out
}

// cellText returns the normalised text of a data cell; nested tables are
// flattened into it.
func (r *reader) cellText(n *xhtml.Node) string {
	var b strings.Builder
	var rec func(*xhtml.Node, int)
	rec = func(n *xhtml.Node, depth int) {
		if depth > maxDepth {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case xhtml.TextNode:
				b.WriteString(c.Data)
			case xhtml.ElementNode:
				if !hardDrop(c.DataAtom) && !hidden(c) {
					rec(c, depth+1)
				}
			}
		}
	}
	rec(n, 0)
	return docmodel.Normalize(b.String())
}

// isLayout reports a table used for page layout rather than data.
func (r *reader) isLayout(t *xhtml.Node, grid [][]gcell) bool {
	if strings.EqualFold(attr(t, "role"), "presentation") {
		return true
	}
	for _, row := range grid {
		for _, c := range row {
			if c.node == nil {
				continue
			}
			if r.structured(c.node, 0) {
				return true
			}
			if r.st[c.node].runes > layoutCellRunes && countBlocks(c.node, 0, layoutCellBlocks) >= layoutCellBlocks {
				return true
			}
		}
	}
	return false
}

// structured reports headings, metadata blocks or a sizeable nested table
// inside a cell.
func (r *reader) structured(n *xhtml.Node, depth int) bool {
	if depth > maxDepth {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode || hardDrop(c.DataAtom) {
			continue
		}
		switch {
		case isHeading(c.DataAtom), r.metaNodes[c]:
			return true
		case c.DataAtom == atom.Table:
			if len(tableRows(c)) >= nestedTableRows || r.st[c].runes >= nestedTableRunes {
				return true
			}
		default:
			if r.structured(c, depth+1) {
				return true
			}
		}
	}
	return false
}

// countBlocks counts paragraph-like elements and <br> under n, up to limit.
func countBlocks(n *xhtml.Node, depth, limit int) int {
	if depth > maxDepth {
		return 0
	}
	k := 0
	for c := n.FirstChild; c != nil && k < limit; c = c.NextSibling {
		if c.Type != xhtml.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.P, atom.Div, atom.Br, atom.Li:
			k++
		}
		k += countBlocks(c, depth+1, limit-k)
	}
	return k
}
