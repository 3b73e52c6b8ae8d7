// Package pdf reads text-layer PDF files into the format-neutral document
// model, with PDFium compiled to WebAssembly (github.com/klippa-app/go-pdfium
// with its wazy backend, run by github.com/samyfodil/wazy: pure Go, no cgo).
//
// What it reads, page by page: every character with its box, font size and
// weight (FPDFText), and the drawing: stroked lines and thin filled
// rectangles (ruling lines), filled areas and images, also inside form
// XObjects. From these it rebuilds, with geometry only:
//
//   - lines: characters whose vertical centres agree, cut at wide gaps;
//   - tables: connected horizontal and vertical rules with at least two of
//     each give the column and row edges; a missing rule between two grid
//     positions merges them (ColSpan, RowSpan, Covered as in the other
//     readers); a character belongs to the cell holding its centre. A table
//     that ends a page and one that opens the next with the same columns
//     are one table: header rows printed again are dropped, a row split
//     over the page break is joined, a merged group cell running over the
//     break keeps spanning;
//   - boxes: a single-cell table (a frame), or a table whose text opens with
//     the 专栏 word (rules.BlockRules), as the .docx reader does;
//   - running heads and feet: a line at the top or bottom of a page that is
//     repeated on other pages (digits aside: 第3页, — 3 —) or holds only a
//     number and punctuation is dropped;
//   - paragraphs: lines of one font joined while each reaches the right
//     margin, the next is not indented and the spacing is the body's line
//     pitch, also over a page break;
//   - headings: a short paragraph in a font clearly larger than the body's,
//     its level by size (largest first). Numbered headings in body size are
//     left to the extractor's heading rules, as for the other formats.
//
// The rendering has one line per paragraph, one per table row (cells joined
// by a tab) and a box's title and paragraphs on lines of their own, set
// apart by blank lines as the .docx reader does; Document.Pages gives the
// page of every line. Texts are normalised once (docmodel.Normalize), which
// also drops the spaces PDFium reports between Chinese characters and
// digits.
//
// Refusals, each a wrapped sentinel: ErrEncrypted, ErrDamaged (PDFium's
// error, never a panic), ErrNoText (a scan: no text layer, or almost no
// Chinese in it) and ErrLimit (MaxPages, MaxObjects, MaxChars,
// MaxTotalChars, the time limit, which also stops a call inside PDFium).
//
// Costs: PDFium is started on the first PDF of a process (or earlier, in the
// background, by Start), with the runtime's compilation cache in the user
// cache directory (a cold start compiles the module for about 4 s of CPU,
// on every core; a warm one maps the cached code in about 15 ms); at most
// MaxInstances
// instances exist at once, each with its memory in a mapping of its own
// (18 MB on the corpus prints). PDFium's exports are called directly
// (native.go), one text page per page, and a document's pages are shared
// by two instances when both are free (read.go). The module gets no file
// system: a PDF is handed over as bytes.
package pdf

import (
	"fmt"
	"time"
	"unicode"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// TimeLimit bounds the reading of one document (checked between pages).
const TimeLimit = 2 * time.Minute

// Reader reads PDF files with a rule set. It is immutable and safe for
// concurrent use.
type Reader struct {
	set *rules.Set
}

// New returns a Reader that recognises boxes with the rule set.
func New(set *rules.Set) *Reader { return &Reader{set: set} }

// Read parses a PDF file's bytes into the document model.
func (rd *Reader) Read(data []byte) (*docmodel.Document, error) {
	pages, pls, title, err := readDocument(data, time.Now().Add(TimeLimit))
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if err := textLayer(pages); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	doc := layout(pls, rd.set)
	doc.Format = "pdf"
	doc.Encoding = "utf-8"
	doc.Meta = map[string]string{}
	if t := docmodel.Normalize(title); t != "" {
		doc.Meta[docmodel.MetaFormatTitle] = t
	}
	return doc, nil
}

// textLayer refuses a document without usable text: no characters at all,
// or text in which Han characters are almost absent (a scan whose only text
// is a stamp, a page number or an OCR-less image caption).
func textLayer(pages []*page) error {
	total, han, images := 0, 0, 0
	for _, p := range pages {
		images += p.images
		for _, g := range p.glyphs {
			if unicode.IsSpace(g.r) {
				continue
			}
			total++
			if unicode.Is(unicode.Han, g.r) {
				han++
			}
		}
	}
	if total == 0 || han*50 < total || han < 10 {
		what := "no text layer"
		if total > 0 {
			what = fmt.Sprintf("almost no text layer (%d characters, %d of them Chinese)", total, han)
		}
		img := ""
		if images > 0 {
			img = ", " + count(images, "image")
		}
		return fmt.Errorf("%w [%s on %s%s]", ErrNoText, what, count(len(pages), "page"), img)
	}
	return nil
}

// count is n and the noun, plural but for one: 1 page, 3 pages.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
