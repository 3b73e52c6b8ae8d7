package pdf

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// line is a run of glyphs on one baseline, in one column.
type line struct {
	page           int
	glyphs         []glyph // left to right
	x0, y0, x1, y1 float64
	size           float64 // font size (median of its glyphs)
	bold           bool    // every glyph bold
	split          bool    // cut from a wider band at a gap: a cell of an unruled table
	rowTop         float64 // top of the row it is read in (unruledCells)
}

func (l *line) cy() float64 { return (l.y0 + l.y1) / 2 }

// text is the line's characters, a space where the gap between two glyphs
// is wider than a fifth of the font size (docmodel.Normalize keeps it only
// between Latin words).
func (l *line) text() string {
	var b strings.Builder
	for i, g := range l.glyphs {
		if i > 0 && g.x0-l.glyphs[i-1].x1 > 0.2*l.size {
			b.WriteByte(' ')
		}
		b.WriteRune(g.r)
	}
	return b.String()
}

func (l *line) bounds() {
	l.x0, l.y0, l.x1, l.y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	sizes := make([]float64, 0, len(l.glyphs))
	l.bold = true
	for _, g := range l.glyphs {
		l.x0, l.y0 = min(l.x0, g.x0), min(l.y0, g.y0)
		l.x1, l.y1 = max(l.x1, g.x1), max(l.y1, g.y1)
		sizes = append(sizes, g.size)
		if !g.bold && !unicode.IsPunct(g.r) {
			l.bold = false
		}
	}
	sort.Float64s(sizes)
	l.size = sizes[len(sizes)/2]
}

// emOf is a glyph's font size, or an estimate from its box when PDFium
// reports none (a font scaled by its text matrix).
func emOf(g glyph) float64 {
	if g.size >= 2 && g.size < 200 {
		return g.size
	}
	return max(g.y1-g.y0, g.x1-g.x0, 1)
}

// makeLines groups glyphs into lines: glyphs whose vertical centres lie
// within half a font size of each other share a line, which is then cut
// where a horizontal gap is wider than gapEms font sizes (column gutters,
// cells of an unruled table).
func makeLines(pageNo int, glyphs []glyph, gapEms float64) []*line {
	gs := make([]glyph, 0, len(glyphs))
	for _, g := range glyphs {
		if unicode.IsSpace(g.r) || g.r == 0 {
			continue
		}
		g.size = emOf(g)
		gs = append(gs, g)
	}
	if len(gs) == 0 {
		return nil
	}
	sortStable(gs, func(a, b glyph) bool { return a.cy() < b.cy() })
	// A band is the vertical extent of a line's full-height glyphs; a small
	// glyph (punctuation, a quote mark, 一) joins the band it mostly lies
	// in, and a band begun by a small glyph takes the first full one's extent.
	type band struct {
		glyphs []glyph
		y0, y1 float64
		full   bool
	}
	var bands []*band
	isFull := func(g glyph) bool { return g.y1-g.y0 >= 0.6*g.size }
	fits := func(bd *band, g glyph) bool {
		h := g.y1 - g.y0
		if h <= 0.01 {
			return g.y0 >= bd.y0-0.2*g.size && g.y0 <= bd.y1+0.2*g.size
		}
		ov := min(bd.y1, g.y1) - max(bd.y0, g.y0)
		return ov > 0 && ov >= 0.5*min(h, bd.y1-bd.y0)
	}
	for _, g := range gs {
		var cur *band
		for k := len(bands) - 1; k >= 0 && k >= len(bands)-3; k-- {
			if fits(bands[k], g) {
				cur = bands[k]
				break
			}
		}
		if cur == nil {
			bands = append(bands, &band{glyphs: []glyph{g}, y0: g.y0, y1: g.y1, full: isFull(g)})
			cur = bands[len(bands)-1]
		} else {
			cur.glyphs = append(cur.glyphs, g)
			if isFull(g) {
				if cur.full {
					cur.y0, cur.y1 = min(cur.y0, g.y0), max(cur.y1, g.y1)
				} else {
					cur.y0, cur.y1, cur.full = g.y0, g.y1, true
				}
			}
		}
		if cur.full {
			// small-glyph bands lying inside this line's extent belong to it
			kept := bands[:0]
			for _, bd := range bands {
				if bd != cur && !bd.full && fits(cur, glyph{y0: bd.y0, y1: bd.y1, size: g.size}) {
					cur.glyphs = append(cur.glyphs, bd.glyphs...)
					continue
				}
				kept = append(kept, bd)
			}
			bands = kept
		}
	}
	var out []*line
	for _, bd := range bands {
		b := bd.glyphs
		sortStable(b, func(a, b glyph) bool { return a.x0 < b.x0 })
		start := 0
		for i := 1; i <= len(b); i++ {
			if i < len(b) {
				gap := b[i].x0 - b[i-1].x1
				if gap <= gapEms*max(b[i].size, b[i-1].size) && b[i].x0 >= b[i-1].x0-0.5 {
					continue
				}
				if b[i].x0 < b[i-1].x1-0.5*b[i].size && gap <= 0 {
					// overlapping glyphs (bold by double printing): drop the copy
					if b[i].r == b[i-1].r {
						b = append(b[:i], b[i+1:]...)
						i--
						continue
					}
					continue
				}
			}
			l := &line{page: pageNo, glyphs: b[start:i]}
			l.bounds()
			out = append(out, l)
			start = i
		}
		if n := len(out); n > 0 && len(out[n-1].glyphs) < len(b) {
			for k := n - 1; k >= 0 && out[k].glyphs[0].cy() == out[k].glyphs[0].cy() && sameBand(out[k], b); k-- {
				out[k].split = true
			}
		}
	}
	sortStable(out, func(a, b *line) bool {
		if math.Abs(a.cy()-b.cy()) > 0.45*max(a.size, b.size) {
			return a.cy() < b.cy()
		}
		return a.x0 < b.x0
	})
	return out
}

// sortStable is sort.SliceStable without reflection (a glyph is copied
// by value, not swapped through reflect): slices.SortStableFunc runs the
// same insertion-sort-and-merge algorithm, asking only whether less holds,
// so it gives the same order even where less is not transitive (the line
// order above).
func sortStable[E any](s []E, less func(a, b E) bool) {
	slices.SortStableFunc(s, func(a, b E) int {
		if less(a, b) {
			return -1
		}
		return 1
	})
}

// sameBand reports whether l's glyphs come from band b.
func sameBand(l *line, b []glyph) bool {
	g := l.glyphs[0]
	for _, x := range b {
		if x == g {
			return true
		}
	}
	return false
}

// unruledCells joins the pieces of unruled table cells: a split line and
// the split line just below it starting at the same x are one cell wrapped
// over two lines (发文机 / 关:). Then lines whose vertical extents overlap
// form a row, read left to right, so that a label printed over two lines
// and its value centred beside it are read label first.
func unruledCells(ls []*line) []*line {
	var out []*line
	used := make([]bool, len(ls))
	for i, l := range ls {
		if used[i] {
			continue
		}
		if l.split {
			cur := l
			for j := i + 1; j < len(ls); j++ {
				n := ls[j]
				if used[j] || !n.split {
					continue
				}
				if n.y0-cur.y1 > 0.6*cur.size {
					break
				}
				if math.Abs(n.x0-l.x0) <= 2 && n.cy() > cur.cy() && math.Abs(n.size-l.size) < 0.6 {
					merged := &line{page: l.page, glyphs: append(append([]glyph(nil), cur.glyphs...), n.glyphs...), split: true}
					merged.bounds()
					merged.size = cur.size
					cur = merged
					used[j] = true
				}
			}
			l = cur
		}
		out = append(out, l)
	}
	// rows by overlapping extents
	sort.SliceStable(out, func(i, j int) bool { return out[i].y0 < out[j].y0 })
	var res []*line
	for i := 0; i < len(out); {
		j := i + 1
		bottom := out[i].y1
		for j < len(out) && out[j].y0 < bottom-0.3*out[j].size && (out[j].split || out[i].split) {
			bottom = max(bottom, out[j].y1)
			j++
		}
		row := out[i:j]
		sort.SliceStable(row, func(a, b int) bool { return row[a].x0 < row[b].x0 })
		for _, l := range row {
			l.rowTop = out[i].y0
		}
		res = append(res, row...)
		i = j
	}
	return res
}
