package extractor

import (
	"fmt"
	"sort"
	"strings"
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
		if !rules.In(strings.Join(strings.Fields(b.Text), ""), h.TOCTitles) && !rules.In(b.Text, h.TOCTitles) {
			continue
		}
		r.skip[i] = true
		for j := i + 1; j < len(r.doc.Blocks); j++ {
			nb := r.doc.Blocks[j]
			if nb.Kind != docmodel.Paragraph && nb.Kind != docmodel.Heading {
				break
			}
			if utf8.RuneCountInString(nb.Text) >= h.TOCEndMinRunes {
				break
			}
			r.skip[j] = true
		}
		return
	}
}

// headingOf matches a paragraph against the heading styles.
func (r *run) headingOf(text string) (style rules.HeadingStyle, number, title string, ok bool) {
	for _, s := range r.x.headings.Styles {
		m := s.Re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		title = strings.TrimSpace(m[2])
		if title == "" {
			continue
		}
		if !headingTitle(title, r.x.headings.MaxTitleRunes) {
			return s, "", "", false
		}
		return s, fmt.Sprintf(s.Number, m[1]), title, true
	}
	return rules.HeadingStyle{}, "", "", false
}

// headingTitle reports whether a numbered line reads as a heading rather
// than a numbered body paragraph: short, and no sentence ends inside it.
func headingTitle(title string, maxRunes int) bool {
	if utf8.RuneCountInString(title) > maxRunes {
		return false
	}
	t := strings.TrimRight(title, "。. ")
	if strings.ContainsAny(t, "。；;") {
		return false
	}
	// A full sentence with clauses is a numbered body paragraph.
	return !(strings.HasSuffix(title, "。") && strings.ContainsAny(t, "，,"))
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
		s, number, title, ok := r.headingOf(b.Text)
		switch {
		case ok:
			numbered = true
			hs = append(hs, found{i, s.Rank, b.Level, number, title, b})
		case b.Kind == docmodel.Heading && !numbered && rules.ContainsAny(b.Text, r.x.docRules.PlanWords):
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
		hd := plan.Heading{Level: level, Number: h.number, Title: h.title, Span: r.span(h.b.Line, h.b.EndLine)}
		r.plan.Outline = append(r.plan.Outline, hd)
		r.headingAt[h.block] = hd
	}
}

// sectionOf returns the printed text of the nearest heading before block i.
func (r *run) sectionOf(i int) *string {
	for j := i - 1; j >= 0; j-- {
		if _, ok := r.headingAt[j]; ok {
			return plan.Str(cleanText(r.doc.Blocks[j].Text))
		}
	}
	return nil
}

func cleanText(s string) string { return strings.TrimSpace(s) }
