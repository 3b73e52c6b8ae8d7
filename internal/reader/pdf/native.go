package pdf

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/klippa-app/go-pdfium"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
)

// The reader calls PDFium's exported C functions in the WebAssembly module
// directly. go-pdfium's request layer costs several module calls for each
// one that does the work (every out-parameter is a malloc and a free, every
// page object and path segment is registered under a fresh UUID that is kept
// until the instance closes), and its GetPageTextStructured loads a second
// text page; reading a plan that way spent most of its time on that, not in
// PDFium. go-pdfium still makes, pools, starts and kills the instances: it
// hands out its implementation (GetImplementation), whose exported Fn gives
// a module function by name and whose Module gives the memory.

// fn names a PDFium export the reader calls.
type fn int

const (
	fnMalloc fn = iota
	fnFree
	fnLoadMemDocument
	fnGetLastError
	fnCloseDocument
	fnGetPageCount
	fnGetMetaText
	fnLoadPage
	fnClosePage
	fnGetPageWidthF
	fnGetPageHeightF
	fnPageCountObjects
	fnPageGetObject
	fnObjGetType
	fnObjGetMatrix
	fnFormCountObjects
	fnFormGetObject
	fnPathGetDrawMode
	fnPathCountSegments
	fnPathGetPathSegment
	fnSegmentGetType
	fnSegmentGetPoint
	fnSegmentGetClose
	fnTextLoadPage
	fnTextClosePage
	fnTextCountChars
	fnTextGetUnicode
	fnTextGetCharBox
	fnTextGetFontSize
	fnTextGetFontWeight
	fnTextGetMatrix
	fnCount
)

var fnNames = [fnCount]string{
	fnMalloc:             "malloc",
	fnFree:               "free",
	fnLoadMemDocument:    "FPDF_LoadMemDocument",
	fnGetLastError:       "FPDF_GetLastError",
	fnCloseDocument:      "FPDF_CloseDocument",
	fnGetPageCount:       "FPDF_GetPageCount",
	fnGetMetaText:        "FPDF_GetMetaText",
	fnLoadPage:           "FPDF_LoadPage",
	fnClosePage:          "FPDF_ClosePage",
	fnGetPageWidthF:      "FPDF_GetPageWidthF",
	fnGetPageHeightF:     "FPDF_GetPageHeightF",
	fnPageCountObjects:   "FPDFPage_CountObjects",
	fnPageGetObject:      "FPDFPage_GetObject",
	fnObjGetType:         "FPDFPageObj_GetType",
	fnObjGetMatrix:       "FPDFPageObj_GetMatrix",
	fnFormCountObjects:   "FPDFFormObj_CountObjects",
	fnFormGetObject:      "FPDFFormObj_GetObject",
	fnPathGetDrawMode:    "FPDFPath_GetDrawMode",
	fnPathCountSegments:  "FPDFPath_CountSegments",
	fnPathGetPathSegment: "FPDFPath_GetPathSegment",
	fnSegmentGetType:     "FPDFPathSegment_GetType",
	fnSegmentGetPoint:    "FPDFPathSegment_GetPoint",
	fnSegmentGetClose:    "FPDFPathSegment_GetClose",
	fnTextLoadPage:       "FPDFText_LoadPage",
	fnTextClosePage:      "FPDFText_ClosePage",
	fnTextCountChars:     "FPDFText_CountChars",
	fnTextGetUnicode:     "FPDFText_GetUnicode",
	fnTextGetCharBox:     "FPDFText_GetCharBox",
	fnTextGetFontSize:    "FPDFText_GetFontSize",
	fnTextGetFontWeight:  "FPDFText_GetFontWeight",
	fnTextGetMatrix:      "FPDFText_GetMatrix",
}

// PDFium's error codes (FPDF_GetLastError).
const (
	errCodeSuccess  = 0
	errCodeUnknown  = 1
	errCodeFile     = 2
	errCodeFormat   = 3
	errCodePassword = 4
	errCodeSecurity = 5
	errCodePage     = 6
)

// Page object and path segment types (fpdf_edit.h).
const (
	objImage = 3
	objPath  = 2
	objForm  = 5

	segLineTo = 0
	segMoveTo = 2
)

// scratchSize is the module memory kept for out-parameters: four doubles
// (a character box) or a matrix of six floats.
const scratchSize = 64

// trap is a failure of a call into the module (a WebAssembly trap, an
// abort): the instance is not used again.
type trap struct{ err error }

func (t *trap) Error() string { return fmt.Sprintf("PDFium failed: %v", t.err) }
func (t *trap) Unwrap() error { return t.err }

// function is an export of the module, as the WebAssembly runtime gives it:
// the arguments at the start of stack, the result written back there.
type function interface {
	CallWithStack(ctx context.Context, stack []uint64) error
}

// memory is the module's linear memory, as the runtime gives it; every
// access is bounds-checked and reports whether it was in range.
type memory interface {
	ReadUint32Le(offset uint32) (uint32, bool)
	ReadFloat32Le(offset uint32) (float32, bool)
	ReadFloat64Le(offset uint32) (float64, bool)
	Read(offset, byteCount uint32) ([]byte, bool)
	Write(offset uint32, v []byte) bool
}

// module is one PDFium instance's functions and memory, for one document.
type module struct {
	ctx     context.Context // every call's: done at the reading's deadline
	mem     memory
	fns     [fnCount]function
	stack   [8]uint64
	scratch uint32 // scratchSize bytes of module memory
	err     error  // the first failed call; every later call does nothing
}

// open finds the functions and memory of inst's module; its calls are made
// with ctx.
func open(ctx context.Context, inst pdfium.Pdfium) (*module, error) {
	impl := reflect.ValueOf(inst.GetImplementation())
	fnByName := impl.MethodByName("Fn")
	if !fnByName.IsValid() || impl.Kind() != reflect.Pointer || impl.Elem().Kind() != reflect.Struct {
		return nil, errors.New("go-pdfium's WebAssembly implementation has no Fn")
	}
	m := &module{ctx: ctx}
	for i, name := range fnNames {
		r := fnByName.Call([]reflect.Value{reflect.ValueOf(name)})
		if len(r) != 1 || r[0].IsNil() {
			return nil, fmt.Errorf("PDFium module has no %s", name)
		}
		f, ok := r[0].Interface().(function)
		if !ok {
			return nil, fmt.Errorf("PDFium module's %s cannot be called with a stack", name)
		}
		m.fns[i] = f
	}
	mod := impl.Elem().FieldByName("Module")
	if !mod.IsValid() || mod.IsNil() {
		return nil, errors.New("go-pdfium's WebAssembly implementation has no Module")
	}
	mem := mod.MethodByName("Memory")
	if !mem.IsValid() {
		return nil, errors.New("go-pdfium's module has no Memory")
	}
	r := mem.Call(nil)
	if len(r) != 1 || r[0].IsNil() {
		return nil, errors.New("PDFium module has no memory")
	}
	var ok bool
	if m.mem, ok = r[0].Interface().(memory); !ok {
		return nil, errors.New("PDFium module's memory cannot be read")
	}
	m.scratch = m.malloc(scratchSize)
	if m.err == nil && m.scratch == 0 {
		return nil, errors.New("PDFium: out of memory")
	}
	return m, m.failed()
}

// close frees the scratch memory.
func (m *module) close() {
	if m.scratch != 0 {
		m.call(fnFree, uint64(m.scratch))
		m.scratch = 0
	}
}

// failed is the first failed call as a *trap, or nil.
func (m *module) failed() error {
	if m.err == nil {
		return nil
	}
	return &trap{m.err}
}

// call calls f and returns its result (0 for a void function, and for
// every call after one failed).
func (m *module) call(f fn, args ...uint64) uint64 {
	if m.err != nil {
		return 0
	}
	s := m.stack[:]
	copy(s, args)
	if err := m.fns[f].CallWithStack(m.ctx, s); err != nil {
		if m.ctx.Err() != nil {
			m.err = fmt.Errorf("%w: reading took longer than its time limit (stopped in %s)", ErrLimit, fnNames[f])
			return 0
		}
		m.err = fmt.Errorf("%s: %w", fnNames[f], err)
		return 0
	}
	return s[0]
}

// i32 calls f for a C int result.
func (m *module) i32(f fn, args ...uint64) int32 { return int32(uint32(m.call(f, args...))) }

// ptr calls f for a pointer (or handle) result.
func (m *module) ptr(f fn, args ...uint64) uint64 { return uint64(uint32(m.call(f, args...))) }

func (m *module) malloc(n int) uint32 { return uint32(m.ptr(fnMalloc, uint64(n))) }

func (m *module) free(p uint64) {
	if p != 0 {
		m.call(fnFree, p)
	}
}

func (m *module) f64(off uint32) float64 {
	v, ok := m.mem.ReadFloat64Le(off)
	if !ok && m.err == nil {
		m.err = errors.New("memory read out of range")
	}
	return v
}

func (m *module) f32(off uint32) float32 {
	v, ok := m.mem.ReadFloat32Le(off)
	if !ok && m.err == nil {
		m.err = errors.New("memory read out of range")
	}
	return v
}

func (m *module) u32(off uint32) uint32 {
	v, ok := m.mem.ReadUint32Le(off)
	if !ok && m.err == nil {
		m.err = errors.New("memory read out of range")
	}
	return v
}

// cstring copies s, NUL-terminated, into module memory.
func (m *module) cstring(s string) uint64 {
	p := m.malloc(len(s) + 1)
	if p == 0 {
		return 0
	}
	if !m.mem.Write(p, append([]byte(s), 0)) && m.err == nil {
		m.err = errors.New("memory write out of range")
	}
	return uint64(p)
}

// document is an open document and the module memory holding its bytes.
type document struct {
	m      *module
	handle uint64
	data   uint64
}

// openDocument copies data into the module and opens it. A file PDFium
// refuses gives go-pdfium's error for PDFium's code (errors.ErrPassword…).
func (m *module) openDocument(data []byte) (*document, error) {
	p := m.malloc(len(data))
	if m.err != nil {
		return nil, m.failed()
	}
	if p == 0 {
		return nil, fmt.Errorf("%w (%d bytes: out of memory)", ErrLimit, len(data))
	}
	if !m.mem.Write(p, data) {
		m.free(uint64(p))
		return nil, &trap{errors.New("could not write the file into module memory")}
	}
	h := m.ptr(fnLoadMemDocument, uint64(p), uint64(len(data)), 0)
	if m.err != nil {
		return nil, m.failed()
	}
	if h == 0 {
		code := m.call(fnGetLastError)
		m.free(uint64(p))
		if m.err != nil {
			return nil, m.failed()
		}
		var err error
		switch code {
		case errCodeSuccess:
			err = pdferrors.ErrSuccess
		case errCodeUnknown:
			err = pdferrors.ErrUnknown
		case errCodeFile:
			err = pdferrors.ErrFile
		case errCodeFormat:
			err = pdferrors.ErrFormat
		case errCodePassword:
			err = pdferrors.ErrPassword
		case errCodeSecurity:
			err = pdferrors.ErrSecurity
		case errCodePage:
			err = pdferrors.ErrPage
		default:
			err = pdferrors.ErrUnexpected
		}
		return nil, err
	}
	return &document{m: m, handle: h, data: uint64(p)}, nil
}

func (d *document) close() {
	d.m.call(fnCloseDocument, d.handle)
	d.m.free(d.data)
}

func (d *document) pageCount() int { return int(d.m.i32(fnGetPageCount, d.handle)) }

// metaText is the document information entry tag ("Title"), and whether
// PDFium has it.
func (d *document) metaText(tag string) (string, bool) {
	m := d.m
	t := m.cstring(tag)
	if t == 0 {
		return "", false
	}
	defer m.free(t)
	n := m.i32(fnGetMetaText, d.handle, t, 0, 0)
	if n <= 0 || n > 1<<20 {
		return "", false
	}
	buf := m.malloc(int(n))
	if buf == 0 {
		return "", false
	}
	defer m.free(uint64(buf))
	m.call(fnGetMetaText, d.handle, t, uint64(buf), uint64(n))
	b, ok := m.mem.Read(buf, uint32(n))
	if !ok || m.err != nil {
		return "", false
	}
	return utf16LE(b), true
}

// utf16LE decodes PDFium's UTF-16LE text (no byte order mark), dropping the
// terminating NUL, as go-pdfium does.
func utf16LE(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])|uint16(b[i+1])<<8)
	}
	rs := utf16.Decode(u)
	if len(b)%2 != 0 {
		rs = append(rs, utf8.RuneError)
	}
	if len(rs) > 0 && rs[len(rs)-1] == 0 {
		rs = rs[:len(rs)-1]
	}
	return string(rs)
}

// charBox is FPDFText_GetCharBox: left, right, bottom, top.
func (m *module) charBox(tp uint64, i int) (l, r, b, t float64) {
	s := m.scratch
	m.call(fnTextGetCharBox, tp, uint64(i), uint64(s), uint64(s+8), uint64(s+16), uint64(s+24))
	return m.f64(s), m.f64(s + 8), m.f64(s + 16), m.f64(s + 24)
}

// objMatrix is FPDFPageObj_GetMatrix, and whether PDFium gave one.
func (m *module) objMatrix(obj uint64) (matrix, bool) {
	s := m.scratch
	if m.i32(fnObjGetMatrix, obj, uint64(s)) == 0 {
		return identity, false
	}
	var v [6]float64
	for i := range v {
		v[i] = float64(m.f32(s + 4*uint32(i)))
	}
	return matrix{v[0], v[1], v[2], v[3], v[4], v[5]}, m.err == nil
}

// charMatrix is FPDFText_GetMatrix: the character's text matrix times the
// transformation of the page (and forms) it is drawn with.
func (m *module) charMatrix(tp uint64, i int) (matrix, bool) {
	s := m.scratch
	if m.i32(fnTextGetMatrix, tp, uint64(i), uint64(s)) == 0 {
		return identity, false
	}
	var v [6]float64
	for k := range v {
		v[k] = float64(m.f32(s + 4*uint32(k)))
	}
	return matrix{v[0], v[1], v[2], v[3], v[4], v[5]}, m.err == nil
}

// drawMode is FPDFPath_GetDrawMode: the fill mode (0 none) and whether the
// path is stroked, and whether PDFium gave them.
func (m *module) drawMode(obj uint64) (fill int32, stroke, ok bool) {
	s := m.scratch
	if m.i32(fnPathGetDrawMode, obj, uint64(s), uint64(s+4)) == 0 {
		return 0, false, false
	}
	return int32(m.u32(s)), int32(m.u32(s+4)) == 1, m.err == nil
}

// segmentPoint is FPDFPathSegment_GetPoint, and whether PDFium gave it.
func (m *module) segmentPoint(seg uint64) (x, y float32, ok bool) {
	s := m.scratch
	if m.i32(fnSegmentGetPoint, seg, uint64(s), uint64(s+4)) == 0 {
		return 0, 0, false
	}
	return m.f32(s), m.f32(s + 4), m.err == nil
}

// f32result reads a C float result.
func f32result(v uint64) float64 { return float64(math.Float32frombits(uint32(v))) }

// f64result reads a C double result.
func f64result(v uint64) float64 { return math.Float64frombits(v) }
