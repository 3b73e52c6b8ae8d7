package extractor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
)

// placed is a text of the model with its map.
type placed struct {
	text string
	at   docmodel.Map
}

// documentSpans locates the metadata the metadata pass read (title, issuer,
// date) where the text prints them: the front matter, a metadata table or
// the closing signature. A field taken from outside the text (a page's
// <title>, a .docx property) is found nowhere and keeps a null span.
func (r *run) documentSpans() {
	d := &r.plan.Document
	texts := r.metaTexts()
	if d.Title != nil {
		d.Spans.Title = r.locateText(texts, *d.Title, true)
	}
	if d.Issuer != nil {
		d.Spans.Issuer = r.locateText(texts, *d.Issuer, false)
	}
	if d.Date != nil {
		for _, t := range texts {
			if i, j, ok := r.printedDate(t.text, *d.Date); ok {
				if e := rangeExtent(t.at, i, j); e.ok() {
					sp := r.spanOf(e, e.from.Line, e.to.Line)
					d.Spans.Date = &sp
					break
				}
			}
		}
	}
}

// metaTexts lists, in order, the texts metadata is read from: those of the
// first blocks (paragraphs, headings, boxes, table cells), then those of
// the last blocks.
func (r *run) metaTexts() []placed {
	var out []placed
	add := func(i int) {
		if r.skip[i] {
			return
		}
		b := r.doc.Blocks[i]
		if b.Text != "" {
			out = append(out, placed{b.Text, b.At})
		}
		for _, p := range b.Paras {
			out = append(out, placed{p.Text, p.At})
		}
		if b.Table != nil {
			for _, row := range b.Table.Rows {
				for _, c := range row {
					if c.Text != "" && !c.Covered {
						out = append(out, placed{c.Text, c.At})
					}
				}
			}
		}
	}
	n := len(r.doc.Blocks)
	front := min(n, max(frontBlocks*2, noticeBlocks))
	for i := 0; i < front; i++ {
		add(i)
	}
	for i := max(front, n-backBlocks); i < n; i++ {
		add(i)
	}
	return out
}

// locateText finds value in the texts: a text that is the value, else (for
// a title printed over two lines or followed by its draft marker, when
// joined is set) consecutive texts that join to it, else the first text
// that holds it.
func (r *run) locateText(texts []placed, value string, joined bool) *plan.Span {
	span := func(e extent) *plan.Span {
		if !e.ok() {
			return nil
		}
		sp := r.spanOf(e, e.from.Line, e.to.Line)
		return &sp
	}
	for _, t := range texts {
		if t.text == value {
			if sp := span(textExtent(t.at)); sp != nil {
				return sp
			}
		}
	}
	if joined {
		for k, t := range texts {
			if !strings.HasPrefix(value, t.text) {
				continue
			}
			e, rest := textExtent(t.at), value[len(t.text):]
			for j := k + 1; j < len(texts) && j <= k+2 && rest != "" && strings.HasPrefix(rest, texts[j].text); j++ {
				e = e.union(textExtent(texts[j].at))
				rest = rest[len(texts[j].text):]
			}
			if rest == "" {
				if sp := span(e); sp != nil {
					return sp
				}
			}
		}
	}
	for _, t := range texts {
		if i := strings.Index(t.text, value); i >= 0 {
			if sp := span(rangeExtent(t.at, i, i+len(value))); sp != nil {
				return sp
			}
		}
	}
	return nil
}

// maxDateRunes bounds the printed form of a date (二〇二二年十二月三十一日).
const maxDateRunes = 24

// printedDate finds in text a printed date that reads as iso (YYYY-MM-DD):
// in Arabic or Chinese numerals, alone or inside a line. It returns the
// bytes of the shortest such date.
func (r *run) printedDate(text, iso string) (int, int, bool) {
	dr := r.x.docRules
	prev := rune(0)
	for i, c := range text {
		starts := r.numeralLike(c) && !r.numeralLike(prev)
		prev = c
		if !starts {
			continue
		}
		// DateIn reads the year from ASCII digits: no prefix of a window
		// without iso's year can read as iso.
		window := text[i:min(len(text), i+maxDateRunes*utf8.UTFMax)]
		arabic := strings.Contains(window, iso[:min(4, len(iso))])
		n := 0
		for j := i; j < len(text) && n < maxDateRunes; {
			_, size := utf8.DecodeRuneInString(text[j:])
			j += size
			n++
			s := text[i:j]
			if dr.DateLine(s) == iso {
				return i, j, true
			}
			next, _ := utf8.DecodeRuneInString(text[j:])
			if arabic && dr.DateIn(s) == iso && !unicode.IsDigit(next) {
				if dr.IsDayWord(next) {
					j += utf8.RuneLen(next)
				}
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// numeralLike reports a rune a printed year may start with: a digit or a
// Chinese numeral.
func (r *run) numeralLike(c rune) bool {
	return unicode.IsDigit(c) || r.x.rules.Numerals.IsNumeral(c)
}
