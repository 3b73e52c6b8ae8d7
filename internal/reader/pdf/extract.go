package pdf

import (
	"errors"
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	pdferrors "github.com/klippa-app/go-pdfium/errors"
)

// glyph is one character as printed, in page coordinates with y growing
// downwards (0 at the top edge).
type glyph struct {
	r              rune
	x0, y0, x1, y1 float64
	size           float64 // font size in points, as rendered
	bold           bool
}

func (g glyph) cx() float64 { return (g.x0 + g.x1) / 2 }
func (g glyph) cy() float64 { return (g.y0 + g.y1) / 2 }

// rule is a horizontal or vertical line segment drawn on the page: a
// stroked line, a side of a stroked rectangle, or a thin filled rectangle.
type rule struct {
	horiz  bool
	pos    float64 // y of a horizontal rule, x of a vertical one
	lo, hi float64 // extent along the rule
}

// area is a filled rectangle too thick to be a rule (a cell shading, a
// frame's background).
type area struct{ x0, y0, x1, y1 float64 }

// page is what one page holds for layout.
type page struct {
	n      int // 1-based
	w, h   float64
	glyphs []glyph
	rules  []rule
	areas  []area
	images int // image objects (a scan is one image per page)
}

// matrix is an affine transform [a b c d e f] as in PDF.
type matrix struct{ a, b, c, d, e, f float64 }

var identity = matrix{1, 0, 0, 1, 0, 0}

// then returns the transform m followed by n.
func (m matrix) then(n matrix) matrix {
	return matrix{
		a: m.a*n.a + m.b*n.c, b: m.a*n.b + m.b*n.d,
		c: m.c*n.a + m.d*n.c, d: m.c*n.b + m.d*n.d,
		e: m.e*n.a + m.f*n.c + n.e, f: m.e*n.b + m.f*n.d + n.f,
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// Limits against hostile files: a plan has tens of pages with a few
// thousand characters and a few hundred drawing objects each.
const (
	// MaxPages is the largest page count read.
	MaxPages = 2000
	// MaxObjects bounds the page objects of one page (form contents included).
	MaxObjects = 50000
	// MaxChars bounds the characters of one page.
	MaxChars = 100000
	// MaxTotalChars bounds the characters of the whole document.
	MaxTotalChars = 4000000
	// maxSegments bounds the segments of one path that are looked at.
	maxSegments = 2000
	// maxFormDepth bounds the nesting of form XObjects.
	maxFormDepth = 8
)

// Sentinel errors; Read wraps them with the detail.
var (
	// ErrEncrypted is returned for password-protected documents.
	ErrEncrypted = errors.New("the PDF is encrypted (password-protected); remove the password and try again")
	// ErrDamaged is returned for files PDFium cannot open or read.
	ErrDamaged = errors.New("the PDF is damaged or not a PDF")
	// ErrNoText is returned for PDFs without a text layer.
	ErrNoText = errors.New("the PDF has no text layer (a scan or images of text): it needs OCR first")
	// ErrLimit is returned when a document exceeds a limit.
	ErrLimit = errors.New("the PDF exceeds a limit")
)

func (d *document) loadPage(index int) (*page, error) {
	m := d.m
	pg := m.ptr(fnLoadPage, d.handle, uint64(index))
	if err := m.failed(); err != nil {
		return nil, err
	}
	if pg == 0 {
		return nil, fmt.Errorf("%w: page %d: %v", ErrDamaged, index+1, pdferrors.ErrPage)
	}
	defer m.call(fnClosePage, pg)
	p := &page{n: index + 1}
	p.w = f32result(m.call(fnGetPageWidthF, pg))
	p.h = f32result(m.call(fnGetPageHeightF, pg))
	if err := p.objects(m, pg); err != nil {
		return nil, err
	}
	if err := m.failed(); err != nil {
		return nil, err
	}
	tp := m.ptr(fnTextLoadPage, pg)
	if err := m.failed(); err != nil {
		return nil, err
	}
	if tp == 0 {
		return nil, fmt.Errorf("%w: page %d text: %v", ErrDamaged, index+1, "could not load text page")
	}
	defer m.call(fnTextClosePage, tp)
	count := int(m.i32(fnTextCountChars, tp))
	if err := m.failed(); err != nil {
		return nil, err
	}
	if count > MaxChars {
		return nil, fmt.Errorf("%w: page %d has %d characters, limit %d", ErrLimit, index+1, count, MaxChars)
	}
	if count <= 0 {
		return p, nil
	}
	p.glyphs = make([]glyph, 0, count)
	idx := make([]int, 0, count) // the text page's index of each glyph
	for i := range count {
		u := m.call(fnTextGetUnicode, tp, uint64(i))
		left, right, bottom, top := m.charBox(tp, i)
		if u == 0 {
			continue
		}
		r := rune(u)
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		g := glyph{r: r, x0: left, x1: right, y0: p.h - top, y1: p.h - bottom}
		if g.x1 < g.x0 {
			g.x0, g.x1 = g.x1, g.x0
		}
		if g.y1 < g.y0 {
			g.y0, g.y1 = g.y1, g.y0
		}
		if bad(g.x0) || bad(g.x1) || bad(g.y0) || bad(g.y1) {
			continue
		}
		if unicode.IsSpace(g.r) && g.x1-g.x0 <= 0 {
			continue // a generated line break or space without a box
		}
		p.glyphs = append(p.glyphs, g)
		idx = append(idx, i)
	}
	if err := m.failed(); err != nil {
		return nil, err
	}
	p.fonts(m, tp, idx)
	return p, m.failed()
}

// fonts sets the font size and weight of the glyphs. Asking PDFium costs
// three calls a character, so it is asked once per run: glyphs printed one
// after another on the same baseline share the first one's font.
func (p *page) fonts(m *module, tp uint64, idx []int) {
	var size float64
	var bold bool
	for i := range p.glyphs {
		g := &p.glyphs[i]
		if i == 0 || newRun(p.glyphs[i-1], *g) {
			size = f64result(m.call(fnTextGetFontSize, tp, uint64(idx[i])))
			// The size as printed: PDFium gives the size set with Tf,
			// before the text matrix and the page's transformation
			// (Chromium sets 16 and scales the page by 0.5 to fit it).
			if mt, ok := m.charMatrix(tp, idx[i]); ok {
				if sc := math.Sqrt(math.Abs(mt.a*mt.d - mt.b*mt.c)); sc > 0.01 && sc < 100 {
					size *= sc
				}
			}
			bold = m.i32(fnTextGetFontWeight, tp, uint64(idx[i])) >= 600
		}
		g.size, g.bold = size, bold
	}
}

// newRun reports whether b starts a new run after a: another line, a jump
// back or far ahead, or a glyph of quite another height.
func newRun(a, b glyph) bool {
	if unicode.IsSpace(a.r) || unicode.IsSpace(b.r) {
		return true
	}
	ha, hb := a.y1-a.y0, b.y1-b.y0
	return math.Abs(a.y1-b.y1) > 1.5 || b.x0 < a.x0 || b.x0-a.x1 > 2*max(ha, hb)+2
}

func bad(f float64) bool { return math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e6 }

// objects walks the page's objects, form XObjects included, collecting
// rules, filled areas and the image count.
func (p *page) objects(m *module, pg uint64) error {
	n := int(m.i32(fnPageCountObjects, pg))
	if n > MaxObjects {
		return fmt.Errorf("%w: page %d has %d objects, limit %d", ErrLimit, p.n, n, MaxObjects)
	}
	budget := MaxObjects
	for i := 0; i < n && m.err == nil; i++ {
		o := m.ptr(fnPageGetObject, pg, uint64(i))
		if o == 0 {
			continue
		}
		if err := p.object(m, o, identity, 0, &budget); err != nil {
			return err
		}
	}
	return nil
}

func (p *page) object(m *module, obj uint64, outer matrix, depth int, budget *int) error {
	*budget--
	if *budget < 0 {
		return fmt.Errorf("%w: page %d has more than %d objects", ErrLimit, p.n, MaxObjects)
	}
	switch m.i32(fnObjGetType, obj) {
	case objImage:
		p.images++
	case objForm:
		if depth >= maxFormDepth {
			return nil
		}
		mt := outer
		if fm, ok := m.objMatrix(obj); ok {
			mt = fm.then(outer)
		}
		n := int(m.i32(fnFormCountObjects, obj))
		for i := 0; i < n && m.err == nil; i++ {
			o := m.ptr(fnFormGetObject, obj, uint64(i))
			if o == 0 {
				continue
			}
			if err := p.object(m, o, mt, depth+1, budget); err != nil {
				return err
			}
		}
	case objPath:
		p.path(m, obj, outer)
	}
	return nil
}

// path reads a path object's straight horizontal and vertical pieces: a
// stroked path gives its segments as rules, a filled rectangle gives a rule
// when thin and an area otherwise.
func (p *page) path(m *module, obj uint64, outer matrix) {
	fill, stroke, ok := m.drawMode(obj)
	if !ok {
		return
	}
	filled := fill != 0
	if !filled && !stroke {
		return // a clipping or invisible path
	}
	mt := outer
	if pm, ok := m.objMatrix(obj); ok {
		mt = pm.then(outer)
	}
	n := int(m.i32(fnPathCountSegments, obj))
	if n <= 0 {
		return
	}
	count := min(n, maxSegments)
	type pt struct{ x, y float64 }
	var pts []pt // the current subpath
	var start pt
	flush := func() {
		if len(pts) < 2 {
			pts = pts[:0]
			return
		}
		if filled {
			// A filled subpath: its bounding box, when every segment is
			// horizontal or vertical (a rectangle).
			x0, y0, x1, y1 := pts[0].x, pts[0].y, pts[0].x, pts[0].y
			ortho := true
			for i := 1; i < len(pts); i++ {
				a, b := pts[i-1], pts[i]
				if math.Abs(a.x-b.x) > 0.5 && math.Abs(a.y-b.y) > 0.5 {
					ortho = false
				}
				x0, y0 = min(x0, b.x), min(y0, b.y)
				x1, y1 = max(x1, b.x), max(y1, b.y)
			}
			if ortho {
				p.filledRect(x0, y0, x1, y1)
			}
		}
		if stroke {
			for i := 1; i < len(pts); i++ {
				p.segment(pts[i-1].x, pts[i-1].y, pts[i].x, pts[i].y)
			}
		}
		pts = pts[:0]
	}
	for i := range count {
		s := m.ptr(fnPathGetPathSegment, obj, uint64(i))
		if s == 0 {
			return
		}
		st := m.i32(fnSegmentGetType, s)
		sx, sy, ok := m.segmentPoint(s)
		if !ok {
			return
		}
		x, y := mt.apply(float64(sx), float64(sy))
		q := pt{x, p.h - y}
		switch st {
		case segMoveTo:
			flush()
			start = q
			pts = append(pts, q)
		case segLineTo:
			pts = append(pts, q)
		default: // a curve: the subpath is no rule
			pts = pts[:0]
			continue
		}
		if m.i32(fnSegmentGetClose, s) == 1 && len(pts) > 0 {
			pts = append(pts, start)
		}
	}
	flush()
}

// Rule geometry, in points.
const (
	maxRuleWidth = 2.5 // a filled rectangle thinner than this is a rule
	minRuleLen   = 3.0 // shorter segments are dots or dashes, not borders
	axisSlack    = 0.6 // a segment this far off the axis still counts as straight
)

func (p *page) segment(x0, y0, x1, y1 float64) {
	switch {
	case math.Abs(y0-y1) <= axisSlack && math.Abs(x0-x1) >= minRuleLen:
		p.rules = append(p.rules, rule{horiz: true, pos: (y0 + y1) / 2, lo: min(x0, x1), hi: max(x0, x1)})
	case math.Abs(x0-x1) <= axisSlack && math.Abs(y0-y1) >= minRuleLen:
		p.rules = append(p.rules, rule{horiz: false, pos: (x0 + x1) / 2, lo: min(y0, y1), hi: max(y0, y1)})
	}
}

func (p *page) filledRect(x0, y0, x1, y1 float64) {
	w, h := x1-x0, y1-y0
	switch {
	case h <= maxRuleWidth && w >= minRuleLen:
		p.rules = append(p.rules, rule{horiz: true, pos: (y0 + y1) / 2, lo: x0, hi: x1})
	case w <= maxRuleWidth && h >= minRuleLen:
		p.rules = append(p.rules, rule{horiz: false, pos: (x0 + x1) / 2, lo: y0, hi: y1})
	case w > maxRuleWidth && h > maxRuleWidth:
		p.areas = append(p.areas, area{x0, y0, x1, y1})
	}
}
