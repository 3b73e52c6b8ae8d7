package extractor

import (
	"sort"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
)

// findTOC marks the blocks of a table of contents (目录 and its entries, up
// to the first running paragraph) so the outline skips them.
func (r *run) findTOC() {
	h := r.x.headings
	for i, b := range r.doc.Blocks {
		if b.Kind != docmodel.Paragraph && b.Kind != docmodel.Heading {
			continue
		}
		if !h.IsTOCTitle(b.Text) {
			continue
		}
		r.skip[i] = true
		for j := i + 1; j < len(r.doc.Blocks); j++ {
			nb := r.doc.Blocks[j]
			if nb.Kind != docmodel.Paragraph && nb.Kind != docmodel.Heading {
				break
			}
			if utf8.RuneCountInString(nb.Text) >= h.TOCEndMinRunes() {
				break
			}
			r.skip[j] = true
		}
		return
	}
}

// headingOf matches a paragraph against the heading styles; a numbered
// line that reads as a body paragraph is not a heading.
func (r *run) headingOf(text string) (rules.Heading, bool) {
	h, ok := r.x.headings.Match(text)
	return h, ok && !h.TooLong
}

// outline collects headings: blocks the format marks as headings, and
// paragraphs that start with a heading numbering. Levels follow the nesting
// order of the numbering styles the document uses.
func (r *run) outline() {
	type found struct {
		block  int
		rank   int
		level  int // from the format, 0 if none
		number string
		title  string
		b      docmodel.Block
	}
	var hs []found
	numbered := false
	for i, b := range r.doc.Blocks {
		if r.skip[i] || r.skipOutline[i] || (b.Kind != docmodel.Paragraph && b.Kind != docmodel.Heading) {
			continue
		}
		h, ok := r.headingOf(b.Text)
		switch {
		case ok:
			numbered = true
			hs = append(hs, found{i, h.Rank, b.Level, h.Number, h.Title, b})
		case b.Kind == docmodel.Heading && !numbered && r.x.docRules.NamesPlan(b.Text):
			// the plan's title set as a heading: front matter, not outline
		case b.Kind == docmodel.Heading:
			hs = append(hs, found{i, 0, b.Level, "", b.Text, b})
		}
	}
	// Ranks in use, in nesting order, give levels 1, 2, 3 …
	used := map[int]bool{}
	for _, h := range hs {
		if h.rank > 0 {
			used[h.rank] = true
		}
	}
	var ranks []int
	for k := range used {
		ranks = append(ranks, k)
	}
	sort.Ints(ranks)
	levelOf := map[int]int{}
	for i, k := range ranks {
		levelOf[k] = i + 1
	}
	for _, h := range hs {
		level := levelOf[h.rank]
		if h.rank == 0 {
			level = h.level
			if level < 1 {
				level = 1
			}
		}
		hd := plan.Heading{Level: level, Number: h.number, Title: h.title, Span: r.spanOf(textExtent(h.b.At), h.b.Line, h.b.EndLine)}
		r.plan.Outline = append(r.plan.Outline, hd)
		r.headingAt[h.block] = hd
	}
}

// sectionOf returns the printed text of the nearest heading before block i.
func (r *run) sectionOf(i int) *string {
	for j := i - 1; j >= 0; j-- {
		if _, ok := r.headingAt[j]; ok {
			return plan.Str(r.doc.Blocks[j].Text)
		}
	}
	return nil
}
