package extractor

import (
	"strings"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
)

// extent is a run of the rendering, from its first to its last character;
// the zero extent is none. Every span is made from one: its quote is the
// rendering between the two, so a span is exact to the character and costs
// the size of what it covers.
type extent struct{ from, to docmodel.Pos }

func (e extent) ok() bool { return e.from.IsValid() && e.to.IsValid() }

// union returns the run from the earlier start to the later end.
func (e extent) union(f extent) extent {
	switch {
	case !f.ok():
		return e
	case !e.ok():
		return f
	}
	if f.from.Before(e.from) {
		e.from = f.from
	}
	if e.to.Before(f.to) {
		e.to = f.to
	}
	return e
}

// textExtent is the whole of a placed text.
func textExtent(m docmodel.Map) extent {
	from, to, ok := m.Whole()
	if !ok {
		return extent{}
	}
	return extent{from, to}
}

// rangeExtent is the bytes text[i:j] of a placed text.
func rangeExtent(m docmodel.Map, i, j int) extent {
	from, to, ok := m.Range(i, j)
	if !ok {
		return extent{}
	}
	return extent{from, to}
}

// cellExtent is a cell's text, where it is printed.
func cellExtent(c docmodel.Cell) extent {
	if c.Covered || c.Text == "" {
		return extent{}
	}
	return textExtent(c.At)
}

// rowExtent runs from the first to the last character of a row's cells.
func rowExtent(row []docmodel.Cell) extent {
	var e extent
	for _, c := range row {
		e = e.union(cellExtent(c))
	}
	return e
}

// tableExtent runs over every cell of a table.
func tableExtent(t *docmodel.TableData) extent {
	var e extent
	for _, row := range t.Rows {
		e = e.union(rowExtent(row))
	}
	return e
}

// lines is the printed text of lines from..to.
func (r *run) lines(from, to int) extent {
	f, t, ok := r.doc.LineRange(from, max(from, to))
	if !ok {
		return extent{}
	}
	return extent{f, t}
}

// spanOf returns the span of e, quoting the rendering between its ends;
// when e is none, the span of lines from..to (their printed text).
func (r *run) spanOf(e extent, from, to int) plan.Span {
	if !e.ok() {
		e = r.lines(from, to)
	}
	if !e.ok() {
		from = max(from, 1)
		return plan.Span{Line: from, EndLine: max(from, to), Col: 1, EndCol: 0}
	}
	return plan.Span{
		Line: e.from.Line, EndLine: e.to.Line, Col: e.from.Col, EndCol: e.to.Col,
		Quote: r.doc.Slice(e.from, e.to),
	}
}

// cellSpan is the span of a cell; nil for a cell with nothing printed.
func (r *run) cellSpan(c docmodel.Cell) *plan.Span {
	if c.Covered || c.Text == "" {
		return nil
	}
	sp := r.spanOf(cellExtent(c), c.Line, c.EndLine)
	return &sp
}

// context bounds: a mention's context is its sentence when that is short
// enough, else its clause, else the characters around the name.
const (
	// contextScan bounds, in bytes, how far a context is looked for on either
	// side of a name, so that a text without punctuation (a plan printed as
	// one paragraph) costs a constant per mention.
	contextScan = plan.MaxContextRunes * 4
)

// mentionContext returns the bytes text[i:j] of the sentence (or clause)
// around text[start:end], at most plan.MaxContextRunes runes.
func (r *run) mentionContext(text string, start, end int) (int, int) {
	for _, stops := range []string{r.x.blocks.SentenceStops(), r.x.blocks.ClauseStops()} {
		i, j := around(text, start, end, stops, contextScan)
		if utf8.RuneCountInString(text[i:j]) <= plan.MaxContextRunes {
			return i, j
		}
	}
	// a clause too long: the name with the characters around it
	name := utf8.RuneCountInString(text[start:end])
	side := max(0, (plan.MaxContextRunes-name)/2)
	i, j := start, end
	for n := 0; n < side && i > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:i])
		i -= size
	}
	for n := 0; n < side && j < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[j:])
		j += size
	}
	return i, j
}

// around returns the bytes of the run of text holding text[start:end]
// between two of the stop characters (the stop that ends it included),
// looking at most scan bytes to either side.
func around(text string, start, end int, stops string, scan int) (int, int) {
	lo := runeStart(text, max(0, start-scan))
	i := lo
	if k := strings.LastIndexAny(text[lo:start], stops); k >= 0 {
		_, size := utf8.DecodeRuneInString(text[lo+k:])
		i = lo + k + size
	}
	hi := runeStart(text, min(len(text), end+scan))
	j := hi
	if k := strings.IndexAny(text[end:hi], stops); k >= 0 {
		_, size := utf8.DecodeRuneInString(text[end+k:])
		j = end + k + size
	}
	for i < start && text[i] == ' ' {
		i++
	}
	return i, j
}

// runeStart moves byte offset i back to the start of the rune holding it.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
