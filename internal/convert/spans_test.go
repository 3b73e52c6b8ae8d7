package convert

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/plan"
)

// renderingBetween returns the rendering's text from rune column col of
// line to rune column endCol of endLine, both inclusive, counted here from
// the lines themselves.
func renderingBetween(lines []string, line, col, endLine, endCol int) (string, error) {
	if line < 1 || endLine > len(lines) || endLine < line || col < 1 || endCol < 1 {
		return "", fmt.Errorf("out of range")
	}
	first := []rune(lines[line-1])
	last := []rune(lines[endLine-1])
	if col > len(first) || endCol > len(last) {
		return "", fmt.Errorf("column past the line's end")
	}
	if line == endLine {
		if endCol < col {
			return "", fmt.Errorf("end before start")
		}
		return string(first[col-1 : endCol]), nil
	}
	parts := []string{string(first[col-1:])}
	parts = append(parts, lines[line:endLine-1]...)
	parts = append(parts, string(last[:endCol]))
	return strings.Join(parts, "\n"), nil
}

// TestCorpusSpansExact checks, on every corpus plan in every format, that
// every span of the output carries its columns and quotes exactly the
// rendering between them; that a value's span is its own cell (its quote
// holds the value as printed); that a mention points at the name and its
// context holds it, bounded; and that the document's title span quotes the
// title.
func TestCorpusSpansExact(t *testing.T) {
	c := newConverter(t)
	for _, path := range corpusPlans(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data := readFile(t, path)
			doc, err := c.Document(path, data)
			if err != nil {
				t.Fatal(err)
			}
			p, err := c.Plan(path, data)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			p.EachSpan(func(s *plan.Span) {
				n++
				want, err := renderingBetween(doc.Lines, s.Line, s.Col, s.EndLine, s.EndCol)
				if err != nil {
					t.Errorf("span %+v: %v", *s, err)
					return
				}
				if s.Quote != want {
					t.Errorf("span lines %d–%d cols %d–%d quotes %q, the rendering there is %q", s.Line, s.EndLine, s.Col, s.EndCol, s.Quote, want)
				}
			})
			values := 0
			checkValues := func(vs []plan.Value) {
				for _, v := range vs {
					if v.Span == nil {
						if v.Raw != "" {
							t.Errorf("value %q has no span", v.Raw)
						}
						continue
					}
					values++
					if squeeze(v.Span.Quote) != squeeze(v.Raw) {
						t.Errorf("value %q: span quotes %q, not its cell", v.Raw, v.Span.Quote)
					}
				}
			}
			for _, in := range p.Indicators {
				checkValues(in.Values)
			}
			mentions := 0
			for _, f := range p.Facilities {
				checkValues(f.Beds)
				for _, m := range f.Mentions {
					mentions++
					if squeeze(m.Quote) != f.Name {
						t.Errorf("mention of %s quotes %q", f.Name, m.Quote)
					}
					if !strings.Contains(m.Context, m.Quote) || utf8.RuneCountInString(m.Context) > plan.MaxContextRunes+2 {
						t.Errorf("mention of %s: context %q", f.Name, m.Context)
					}
				}
			}
			if d := p.Document; d.Title != nil && d.Spans.Title != nil && squeeze(d.Spans.Title.Quote) != *d.Title {
				t.Errorf("title %q: span quotes %q", *d.Title, d.Spans.Title.Quote)
			}
			t.Logf("%d spans, %d value cells, %d mentions", n, values, mentions)
		})
	}
}

// squeeze removes what Normalize removes from printed text (white space
// and invisible characters), for comparing a quote with a normalised field.
func squeeze(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
