package pdf

import (
	"math"
	"sort"
)

// grid is a ruled table found on one page: column edges xs and row edges
// ys (both ascending), and its cells after merges.
type grid struct {
	page   int
	xs, ys []float64
	cells  []*gcell // origin cells, in row-major order of their top-left position
	at     [][]*gcell
}

func (g *grid) x0() float64 { return g.xs[0] }
func (g *grid) x1() float64 { return g.xs[len(g.xs)-1] }
func (g *grid) y0() float64 { return g.ys[0] }
func (g *grid) y1() float64 { return g.ys[len(g.ys)-1] }

// gcell is a cell of a grid: rows r0..r1-1 and columns c0..c1-1.
type gcell struct {
	r0, r1, c0, c1 int
	glyphs         []glyph
}

// Tolerances for ruling lines, in points.
const (
	samePos  = 1.5 // rules this close are one edge
	touchGap = 3.0 // rules meet when they come this close
	minCell  = 3.0 // thinner rows or columns are double lines, not cells
)

// mergeRules joins collinear rules that overlap or touch.
func mergeRules(rs []rule) []rule {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].horiz != rs[j].horiz {
			return rs[i].horiz
		}
		if math.Abs(rs[i].pos-rs[j].pos) > samePos {
			return rs[i].pos < rs[j].pos
		}
		return rs[i].lo < rs[j].lo
	})
	var out []rule
	for _, r := range rs {
		merged := false
		for k := len(out) - 1; k >= 0 && k >= len(out)-8; k-- {
			o := &out[k]
			if o.horiz == r.horiz && math.Abs(o.pos-r.pos) <= samePos && r.lo <= o.hi+touchGap && r.hi >= o.lo-touchGap {
				o.lo, o.hi = min(o.lo, r.lo), max(o.hi, r.hi)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, r)
		}
	}
	return out
}

// findGrids builds the ruled tables of a page: connected sets of
// horizontal and vertical rules with at least two of each.
func findGrids(pageNo int, rules []rule) []*grid {
	rs := mergeRules(append([]rule(nil), rules...))
	if len(rs) < 4 {
		return nil
	}
	parent := make([]int, len(rs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range rs {
		for j := i + 1; j < len(rs); j++ {
			if rs[i].horiz == rs[j].horiz {
				continue
			}
			h, v := rs[i], rs[j]
			if !h.horiz {
				h, v = v, h
			}
			if v.pos >= h.lo-touchGap && v.pos <= h.hi+touchGap && h.pos >= v.lo-touchGap && h.pos <= v.hi+touchGap {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := map[int][]rule{}
	var roots []int
	for i := range rs {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], rs[i])
	}
	var out []*grid
	for _, root := range roots {
		if g := makeGrid(pageNo, groups[root]); g != nil {
			out = append(out, g)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].y0() < out[j].y0() })
	return out
}

// edges clusters positions closer than minCell into one edge.
func edges(pos []float64) []float64 {
	sort.Float64s(pos)
	var out []float64
	for _, p := range pos {
		if len(out) > 0 && p-out[len(out)-1] < minCell {
			continue
		}
		out = append(out, p)
	}
	return out
}

func nearest(es []float64, p float64) int {
	best, bd := -1, math.Inf(1)
	for i, e := range es {
		if d := math.Abs(e - p); d < bd {
			best, bd = i, d
		}
	}
	return best
}

func makeGrid(pageNo int, rs []rule) *grid {
	var hp, vp []float64
	for _, r := range rs {
		if r.horiz {
			hp = append(hp, r.pos)
		} else {
			vp = append(vp, r.pos)
		}
	}
	ys, xs := edges(hp), edges(vp)
	if len(ys) < 2 || len(xs) < 2 {
		return nil
	}
	nr, nc := len(ys)-1, len(xs)-1
	if nr*nc > 100000 {
		return nil
	}
	// hasV reports a vertical rule at edge c covering the middle of row r;
	// hasH a horizontal rule at edge r covering the middle of column c.
	hasV := func(c, r int) bool {
		mid := (ys[r] + ys[r+1]) / 2
		for _, x := range rs {
			if !x.horiz && math.Abs(x.pos-xs[c]) < minCell && x.lo <= mid && x.hi >= mid {
				return true
			}
		}
		return false
	}
	hasH := func(r, c int) bool {
		mid := (xs[c] + xs[c+1]) / 2
		for _, x := range rs {
			if x.horiz && math.Abs(x.pos-ys[r]) < minCell && x.lo <= mid && x.hi >= mid {
				return true
			}
		}
		return false
	}
	// Union-find over grid positions: no rule between two neighbours merges them.
	id := func(r, c int) int { return r*nc + c }
	parent := make([]int, nr*nc)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for r := range nr {
		for c := range nc {
			if c+1 < nc && !hasV(c+1, r) {
				parent[find(id(r, c+1))] = find(id(r, c))
			}
			if r+1 < nr && !hasH(r+1, c) {
				parent[find(id(r+1, c))] = find(id(r, c))
			}
		}
	}
	g := &grid{page: pageNo, xs: xs, ys: ys, at: make([][]*gcell, nr)}
	for r := range g.at {
		g.at[r] = make([]*gcell, nc)
	}
	byRoot := map[int]*gcell{}
	for r := range nr {
		for c := range nc {
			root := find(id(r, c))
			cell, ok := byRoot[root]
			if !ok {
				cell = &gcell{r0: r, r1: r + 1, c0: c, c1: c + 1}
				byRoot[root] = cell
			}
			cell.r0, cell.r1 = min(cell.r0, r), max(cell.r1, r+1)
			cell.c0, cell.c1 = min(cell.c0, c), max(cell.c1, c+1)
		}
	}
	// A merge that is not a rectangle is taken as its bounding box; a
	// position claimed by two cells goes to the first.
	seen := map[*gcell]bool{}
	for r := range nr {
		for c := range nc {
			cell := byRoot[find(id(r, c))]
			if seen[cell] {
				continue
			}
			seen[cell] = true
			for rr := cell.r0; rr < cell.r1; rr++ {
				for cc := cell.c0; cc < cell.c1; cc++ {
					if g.at[rr][cc] == nil {
						g.at[rr][cc] = cell
					}
				}
			}
			g.cells = append(g.cells, cell)
		}
	}
	return g
}

// contains reports whether a glyph's centre lies inside the grid.
func (g *grid) contains(gl glyph) bool {
	x, y := gl.cx(), gl.cy()
	return x > g.x0() && x < g.x1() && y > g.y0() && y < g.y1()
}

// place puts a glyph into the cell holding its centre.
func (g *grid) place(gl glyph) {
	x, y := gl.cx(), gl.cy()
	c := sort.SearchFloat64s(g.xs, x) - 1
	r := sort.SearchFloat64s(g.ys, y) - 1
	if r < 0 || c < 0 || r >= len(g.at) || c >= len(g.at[0]) {
		return
	}
	if cell := g.at[r][c]; cell != nil {
		cell.glyphs = append(cell.glyphs, gl)
	}
}

// rows and cols are the grid's size.
func (g *grid) rows() int { return len(g.ys) - 1 }
func (g *grid) cols() int { return len(g.xs) - 1 }

var _ = nearest
