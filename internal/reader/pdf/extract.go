package pdf

import (
	"errors"
	"fmt"
	"math"
	"time"
	"unicode"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/structs"
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

func fromFS(m structs.FPDF_FS_MATRIX) matrix {
	return matrix{float64(m.A), float64(m.B), float64(m.C), float64(m.D), float64(m.E), float64(m.F)}
}

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

// loadPages opens the document in inst and reads every page.
func loadPages(inst pdfium.Pdfium, data []byte, deadline time.Time, onDoc func(references.FPDF_DOCUMENT)) ([]*page, error) {
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		switch {
		case errors.Is(err, pdferrors.ErrPassword), errors.Is(err, pdferrors.ErrSecurity):
			return nil, ErrEncrypted
		}
		return nil, fmt.Errorf("%w (PDFium: %v)", ErrDamaged, err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	pc, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, fmt.Errorf("%w (PDFium: %v)", ErrDamaged, err)
	}
	if pc.PageCount > MaxPages {
		return nil, fmt.Errorf("%w: %d pages, limit %d", ErrLimit, pc.PageCount, MaxPages)
	}
	if pc.PageCount == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrDamaged)
	}
	if onDoc != nil {
		onDoc(doc.Document)
	}
	pages := make([]*page, 0, pc.PageCount)
	total := 0
	for i := range pc.PageCount {
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w: reading took longer than %s (at page %d of %d)", ErrLimit, TimeLimit, i+1, pc.PageCount)
		}
		p, err := loadPage(inst, doc.Document, i)
		if err != nil {
			return nil, err
		}
		total += len(p.glyphs)
		if total > MaxTotalChars {
			return nil, fmt.Errorf("%w: more than %d characters", ErrLimit, MaxTotalChars)
		}
		pages = append(pages, p)
	}
	return pages, nil
}

func loadPage(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, index int) (*page, error) {
	lp, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: index})
	if err != nil {
		return nil, fmt.Errorf("%w: page %d: %v", ErrDamaged, index+1, err)
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: lp.Page})
	ref := requests.Page{ByReference: &lp.Page}
	p := &page{n: index + 1}
	if w, err := inst.FPDF_GetPageWidthF(&requests.FPDF_GetPageWidthF{Page: ref}); err == nil {
		p.w = float64(w.PageWidth)
	}
	if h, err := inst.FPDF_GetPageHeightF(&requests.FPDF_GetPageHeightF{Page: ref}); err == nil {
		p.h = float64(h.PageHeight)
	}
	if err := p.objects(inst, ref); err != nil {
		return nil, err
	}
	tc, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: ref})
	if err != nil {
		return nil, fmt.Errorf("%w: page %d text: %v", ErrDamaged, index+1, err)
	}
	cc, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tc.TextPage})
	inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tc.TextPage})
	if err != nil {
		return nil, fmt.Errorf("%w: page %d text: %v", ErrDamaged, index+1, err)
	}
	if cc.Count > MaxChars {
		return nil, fmt.Errorf("%w: page %d has %d characters, limit %d", ErrLimit, index+1, cc.Count, MaxChars)
	}
	if cc.Count == 0 {
		return p, nil
	}
	st, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
		Page: ref, Mode: requests.GetPageTextStructuredModeChars,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: page %d text: %v", ErrDamaged, index+1, err)
	}
	p.glyphs = make([]glyph, 0, len(st.Chars))
	idx := make([]int, 0, len(st.Chars)) // the text page's index of each glyph
	for i, c := range st.Chars {
		r := []rune(c.Text)
		if len(r) != 1 {
			continue
		}
		pos := c.PointPosition
		g := glyph{r: r[0], x0: pos.Left, x1: pos.Right, y0: p.h - pos.Top, y1: p.h - pos.Bottom}
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
	return p, p.fonts(inst, ref, idx)
}

// fonts sets the font size and weight of the glyphs. Asking PDFium costs
// two calls a character, so it is asked once per run: glyphs printed one
// after another on the same baseline share the first one's font.
func (p *page) fonts(inst pdfium.Pdfium, ref requests.Page, idx []int) error {
	if len(p.glyphs) == 0 {
		return nil
	}
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: ref})
	if err != nil {
		return fmt.Errorf("%w: page %d text: %v", ErrDamaged, p.n, err)
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	var size float64
	var bold bool
	for i := range p.glyphs {
		g := &p.glyphs[i]
		if i == 0 || newRun(p.glyphs[i-1], *g) {
			size, bold = 0, false
			if fs, err := inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp.TextPage, Index: idx[i]}); err == nil {
				size = fs.FontSize
			}
			if fw, err := inst.FPDFText_GetFontWeight(&requests.FPDFText_GetFontWeight{TextPage: tp.TextPage, Index: idx[i]}); err == nil {
				bold = fw.FontWeight >= 600
			}
		}
		g.size, g.bold = size, bold
	}
	return nil
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
func (p *page) objects(inst pdfium.Pdfium, ref requests.Page) error {
	n, err := inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: ref})
	if err != nil {
		return fmt.Errorf("%w: page %d objects: %v", ErrDamaged, p.n, err)
	}
	if n.Count > MaxObjects {
		return fmt.Errorf("%w: page %d has %d objects, limit %d", ErrLimit, p.n, n.Count, MaxObjects)
	}
	budget := MaxObjects
	for i := range n.Count {
		o, err := inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: ref, Index: i})
		if err != nil {
			continue
		}
		if err := p.object(inst, o.PageObject, identity, 0, &budget); err != nil {
			return err
		}
	}
	return nil
}

func (p *page) object(inst pdfium.Pdfium, obj references.FPDF_PAGEOBJECT, outer matrix, depth int, budget *int) error {
	*budget--
	if *budget < 0 {
		return fmt.Errorf("%w: page %d has more than %d objects", ErrLimit, p.n, MaxObjects)
	}
	t, err := inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
	if err != nil {
		return nil
	}
	switch t.Type {
	case enums.FPDF_PAGEOBJ_IMAGE:
		p.images++
	case enums.FPDF_PAGEOBJ_FORM:
		if depth >= maxFormDepth {
			return nil
		}
		m := outer
		if fm, err := inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj}); err == nil {
			m = fromFS(fm.Matrix).then(outer)
		}
		n, err := inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
		if err != nil {
			return nil
		}
		for i := range n.Count {
			o, err := inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(i)})
			if err != nil {
				continue
			}
			if err := p.object(inst, o.PageObject, m, depth+1, budget); err != nil {
				return err
			}
		}
	case enums.FPDF_PAGEOBJ_PATH:
		p.path(inst, obj, outer)
	}
	return nil
}

// path reads a path object's straight horizontal and vertical pieces: a
// stroked path gives its segments as rules, a filled rectangle gives a rule
// when thin and an area otherwise.
func (p *page) path(inst pdfium.Pdfium, obj references.FPDF_PAGEOBJECT, outer matrix) {
	dm, err := inst.FPDFPath_GetDrawMode(&requests.FPDFPath_GetDrawMode{PageObject: obj})
	if err != nil {
		return
	}
	filled := dm.FillMode != enums.FPDF_FILLMODE_NONE
	if !filled && !dm.Stroke {
		return // a clipping or invisible path
	}
	m := outer
	if pm, err := inst.FPDFPageObj_GetMatrix(&requests.FPDFPageObj_GetMatrix{PageObject: obj}); err == nil {
		m = fromFS(pm.Matrix).then(outer)
	}
	n, err := inst.FPDFPath_CountSegments(&requests.FPDFPath_CountSegments{PageObject: obj})
	if err != nil || n.Count <= 0 {
		return
	}
	count := min(n.Count, maxSegments)
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
		if dm.Stroke {
			for i := 1; i < len(pts); i++ {
				p.segment(pts[i-1].x, pts[i-1].y, pts[i].x, pts[i].y)
			}
		}
		pts = pts[:0]
	}
	for i := range count {
		s, err := inst.FPDFPath_GetPathSegment(&requests.FPDFPath_GetPathSegment{PageObject: obj, Index: i})
		if err != nil {
			return
		}
		st, err1 := inst.FPDFPathSegment_GetType(&requests.FPDFPathSegment_GetType{PathSegment: s.PathSegment})
		sp, err2 := inst.FPDFPathSegment_GetPoint(&requests.FPDFPathSegment_GetPoint{PathSegment: s.PathSegment})
		if err1 != nil || err2 != nil {
			return
		}
		x, y := m.apply(float64(sp.X), float64(sp.Y))
		q := pt{x, p.h - y}
		switch st.Type {
		case enums.FPDF_SEGMENT_MOVETO:
			flush()
			start = q
			pts = append(pts, q)
		case enums.FPDF_SEGMENT_LINETO:
			pts = append(pts, q)
		default: // a curve: the subpath is no rule
			pts = pts[:0]
			continue
		}
		if cl, err := inst.FPDFPathSegment_GetClose(&requests.FPDFPathSegment_GetClose{PathSegment: s.PathSegment}); err == nil && cl.IsClose && len(pts) > 0 {
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
