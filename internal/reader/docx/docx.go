// Package docx reads Word .docx files (Office Open XML, transitional or
// strict) into the format-neutral document model, using only the standard
// library: archive/zip for the container and a streaming, strict XML
// tokenizer of its own for the parts (xmlscan.go: encoding/xml's Decoder,
// its reference in the tests, was a fifth of a batch's CPU), so body order
// is kept and no part is unmarshalled into a tree.
//
// What it reads:
//   - word/document.xml (found through _rels/.rels, else by its usual name):
//     paragraphs, tables and text boxes in body order, through content
//     controls (w:sdt), custom XML, smart tags, hyperlinks, simple fields and
//     inserted revisions (w:ins, w:moveTo);
//   - word/styles.xml: style names, w:basedOn chains, outline levels and
//     style-linked numbering, to tell headings by style name ("heading 1",
//     "标题 1", "Title") or outline level, never by the (often localised,
//     numeric) style ID;
//   - word/numbering.xml: automatic numbering is rebuilt ("一、", "（一）",
//     "1.", "第一章" …) and prepended to the paragraph text;
//   - docProps/core.xml: dc:title and dcterms:created into
//     Meta[docmodel.MetaFormatTitle] and Meta[docmodel.MetaFormatCreated]
//     (fallback metadata; a damaged core.xml is ignored).
//
// What it skips: deleted revisions (w:del, w:moveFrom, deleted table rows),
// field instructions (w:instrText and everything between a field's begin and
// separate marks; the field's result is kept), comment, footnote and endnote
// references (comments.xml, footnotes.xml and endnotes.xml are not read),
// headers and footers, mc:Fallback copies of mc:Choice content, soft hyphens
// and symbol-font characters in the private-use area.
//
// The rendering (Document.Lines) has one line per non-empty paragraph — a
// line break (w:br, w:cr) or control character inside a paragraph becomes a
// space, a tab (w:tab) stays a tab — and one line per table row, the cells'
// texts joined by a tab. Block, paragraph and cell texts are normalised once
// (docmodel.Normalize) from the paragraph's text; a cell's text is its
// paragraphs' texts joined. 专栏 labels are recognised with the rule set
// (rules.BlockRules), numbering in Chinese numerals is written with
// rules.Numerals. A table is set apart by one blank
// line before and after it, a box by two blank lines before and one after;
// BlankBefore and BlankAfter count the blank lines actually printed.
//
// A box (Kind Box) is a single-cell table, a single-column table whose first
// text starts with 专栏, a table whose only non-empty cell starts with 专栏,
// or a text box (w:txbxContent, VML or DrawingML). Its first non-empty
// paragraph is the Text, the rest are Paras; a table inside a text box gives
// one Para per row, the cells joined by a space. A text box is emitted right
// after the paragraph that anchors it; a text box or nested table inside a
// table cell only adds its text to that cell.
//
// Read is safe on untrusted input: the container is checked against fixed
// limits (MaxEntries, MaxTotalSize, MaxEntrySize) both by declared sizes
// and while inflating, XML nesting and table size are bounded, and no input
// should make it panic (FuzzRead and FuzzDocumentXML check this).
package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// Container limits.
const (
	// MaxTotalSize is the largest total uncompressed size of all entries.
	MaxTotalSize = 256 << 20
	// MaxEntrySize is the largest uncompressed size of one entry that is read.
	MaxEntrySize = 128 << 20
	// MaxEntries is the largest number of entries in the archive.
	MaxEntries = 10000
)

// Sentinel errors; the errors returned by Read wrap them with context.
var (
	// ErrNotDocx is returned for input that is not a zip archive.
	ErrNotDocx = errors.New("not a .docx file")
	// ErrZipBomb is returned when the archive inflates past MaxTotalSize or
	// an entry that is read inflates past MaxEntrySize.
	ErrZipBomb = errors.New("archive too large when uncompressed")
	// ErrTooManyEntries is returned for archives of more than MaxEntries entries.
	ErrTooManyEntries = errors.New("too many entries in archive")
	// ErrNoDocument is returned when the archive holds no main document part.
	ErrNoDocument = errors.New("no word/document.xml in archive")
)

// limits are the container limits in force for one read; Read always uses
// the package constants, tests pass smaller ones.
type limits struct {
	total, entry int64
	entries      int
}

// Reader reads .docx files with a rule set. It is immutable and safe for
// concurrent use.
type Reader struct {
	set *rules.Set
}

// New returns a Reader that recognises boxes and writes Chinese numbering
// with the rule set.
func New(set *rules.Set) *Reader { return &Reader{set: set} }

// Read parses a .docx file's bytes into the document model.
func (rd *Reader) Read(data []byte) (*docmodel.Document, error) {
	return rd.read(data, limits{total: MaxTotalSize, entry: MaxEntrySize, entries: MaxEntries})
}

func (rd *Reader) read(data []byte, lim limits) (*docmodel.Document, error) {
	pkg, err := openPackage(data, lim)
	if err != nil {
		return nil, err
	}
	docPart := pkg.mainPart()
	if docPart == "" {
		return nil, fmt.Errorf("docx: %w", ErrNoDocument)
	}
	docXML, err := pkg.read(docPart)
	if err != nil {
		return nil, err
	}
	rels := pkg.partRels(docPart)
	st := &styleSheet{byID: map[string]*style{}}
	if name := pkg.related(docPart, rels, "styles", "styles.xml"); name != "" {
		b, err := pkg.read(name)
		if err != nil {
			return nil, err
		}
		if st, err = parseStyles(b, name); err != nil {
			return nil, err
		}
	}
	nb := newNumbering(rd.set.Numerals)
	if name := pkg.related(docPart, rels, "numbering", "numbering.xml"); name != "" {
		b, err := pkg.read(name)
		if err != nil {
			return nil, err
		}
		if nb, err = parseNumbering(b, name, rd.set.Numerals); err != nil {
			return nil, err
		}
	}
	nb.styles = st
	items, err := parseDocument(docXML, docPart, st, nb)
	if err != nil {
		return nil, err
	}
	doc := render(items, rd.set.Blocks)
	doc.Format = "docx"
	doc.Encoding = "utf-8"
	doc.Meta = map[string]string{}
	if name := pkg.coreProps(); name != "" {
		// Core properties are fallback metadata only: a part that cannot be
		// read or parsed leaves Meta empty rather than failing the document.
		if b, err := pkg.read(name); err == nil {
			readCore(b, doc.Meta)
		} else if errors.Is(err, ErrZipBomb) {
			return nil, err
		}
	}
	return doc, nil
}

// pkg is an opened, size-checked OPC package.
type pkg struct {
	files map[string]*zip.File // by normalised, lower-cased name
	lim   limits
	used  int64 // bytes inflated so far
}

func normName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	return strings.ToLower(strings.TrimLeft(name, "/"))
}

func openPackage(data []byte, lim limits) (*pkg, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("docx: empty input: %w", ErrNotDocx)
	}
	if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) {
		return nil, fmt.Errorf("docx: OLE2 compound file (legacy .doc or encrypted .docx): %w", ErrNotDocx)
	}
	if n, ok := declaredEntries(data); ok && n > lim.entries {
		return nil, fmt.Errorf("docx: %d entries, limit %d: %w", n, lim.entries, ErrTooManyEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !(errors.Is(err, zip.ErrInsecurePath) && zr != nil) {
		return nil, fmt.Errorf("docx: %w: %v", ErrNotDocx, err)
	}
	if len(zr.File) > lim.entries {
		return nil, fmt.Errorf("docx: %d entries, limit %d: %w", len(zr.File), lim.entries, ErrTooManyEntries)
	}
	p := &pkg{files: make(map[string]*zip.File, len(zr.File)), lim: lim}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(lim.total) || f.UncompressedSize64 > uint64(lim.total) {
			return nil, fmt.Errorf("docx: declared uncompressed size exceeds %d bytes: %w", lim.total, ErrZipBomb)
		}
		key := normName(f.Name)
		if _, dup := p.files[key]; !dup {
			p.files[key] = f
		}
	}
	return p, nil
}

// declaredEntries reads the entry count from the end-of-central-directory
// record, so that an archive announcing millions of entries is refused
// before its directory is loaded. ok is false when the record is not found
// or defers to ZIP64.
func declaredEntries(data []byte) (n int, ok bool) {
	const eocdLen = 22
	start := len(data) - (eocdLen + 0xFFFF)
	if start < 0 {
		start = 0
	}
	i := bytes.LastIndex(data[start:], []byte("PK\x05\x06"))
	if i < 0 || start+i+eocdLen > len(data) {
		return 0, false
	}
	rec := data[start+i:]
	if int(binary.LittleEndian.Uint16(rec[20:22])) != len(rec)-eocdLen {
		return 0, false // the signature was found inside a comment
	}
	total := binary.LittleEndian.Uint16(rec[10:12])
	if total == 0xFFFF {
		return 0, false
	}
	return int(total), true
}

func (p *pkg) has(name string) bool {
	_, ok := p.files[normName(name)]
	return ok
}

// read inflates one entry, enforcing the entry and total limits on the bytes
// actually produced, whatever the headers say.
func (p *pkg) read(name string) ([]byte, error) {
	f, ok := p.files[normName(name)]
	if !ok {
		return nil, fmt.Errorf("docx: %s: missing part", name)
	}
	limit := p.lim.entry
	if rest := p.lim.total - p.used; rest < limit {
		limit = rest
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, fmt.Errorf("docx: %s: %w: %v", name, ErrNotDocx, err)
	}
	var r io.Reader
	switch f.Method {
	case zip.Store:
		r = raw
	case zip.Deflate:
		fr := flate.NewReader(raw)
		defer fr.Close()
		r = fr
	default:
		return nil, fmt.Errorf("docx: %s: unsupported compression method %d", name, f.Method)
	}
	size := int64(f.UncompressedSize64)
	if size < 0 || size > limit {
		size = limit
	}
	buf := bytes.NewBuffer(make([]byte, 0, min(size, 8<<20)+1))
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	p.used += n
	if n > limit {
		return nil, fmt.Errorf("docx: %s inflates past %d bytes: %w", name, limit, ErrZipBomb)
	}
	if err != nil {
		return nil, fmt.Errorf("docx: %s: corrupt entry: %v", name, err)
	}
	b := buf.Bytes()
	if f.CRC32 != 0 && crc32.ChecksumIEEE(b) != f.CRC32 {
		return nil, fmt.Errorf("docx: %s: %w", name, zip.ErrChecksum)
	}
	return b, nil
}

// relationship is one entry of a .rels part.
type relationship struct {
	typ, target, mode string
}

// rels parses a relationships part; a missing or broken one yields nil.
func (p *pkg) rels(name string) []relationship {
	if !p.has(name) {
		return nil
	}
	b, err := p.read(name)
	if err != nil {
		return nil
	}
	sc := newScanner(partBytes(b))
	var out []relationship
	for {
		k, err := sc.next()
		if err != nil || k == tokEOF {
			return out
		}
		if se := sc.start; k == tokStart && se.Name.Local == "Relationship" {
			var r relationship
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "Type":
					r.typ = a.Value
				case "Target":
					r.target = a.Value
				case "TargetMode":
					r.mode = a.Value
				}
			}
			out = append(out, r)
		}
	}
}

// resolve turns a relationship target into a part name.
func resolve(base, target string) string {
	if strings.HasPrefix(target, "/") {
		return path.Clean(target)[1:]
	}
	return strings.TrimPrefix(path.Clean(path.Join(path.Dir(base), target)), "/")
}

// mainPart names the main document part, or "" when there is none.
func (p *pkg) mainPart() string {
	for _, r := range p.rels("_rels/.rels") {
		if strings.HasSuffix(r.typ, "/officeDocument") && r.mode != "External" {
			if name := resolve("", r.target); p.has(name) {
				return name
			}
		}
	}
	if p.has("word/document.xml") {
		return "word/document.xml"
	}
	return ""
}

func (p *pkg) partRels(part string) []relationship {
	return p.rels(path.Join(path.Dir(part), "_rels", path.Base(part)+".rels"))
}

// related names the part related to docPart by a relationship of the given
// type, falling back to the usual file name beside it.
func (p *pkg) related(docPart string, rels []relationship, typ, fallback string) string {
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/"+typ) && r.mode != "External" {
			if name := resolve(docPart, r.target); p.has(name) {
				return name
			}
		}
	}
	if name := path.Join(path.Dir(docPart), fallback); p.has(name) {
		return name
	}
	return ""
}

func (p *pkg) coreProps() string {
	for _, r := range p.rels("_rels/.rels") {
		if strings.HasSuffix(r.typ, "/core-properties") && r.mode != "External" {
			if name := resolve("", r.target); p.has(name) {
				return name
			}
		}
	}
	if p.has("docProps/core.xml") {
		return "docProps/core.xml"
	}
	return ""
}

// partBytes returns a part's bytes as UTF-8 for the scanner: a UTF-8
// byte-order mark is dropped, UTF-16 (told by its mark) converted.
func partBytes(b []byte) []byte {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:]
	case len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF):
		return utf16ToUTF8(b[2:], b[0] == 0xFF)
	}
	return b
}

func utf16ToUTF8(b []byte, le bool) []byte {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if le {
			u[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		} else {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
	}
	out := make([]byte, 0, len(b))
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out
}
