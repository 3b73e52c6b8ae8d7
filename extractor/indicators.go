package extractor

import (
	"fmt"
	"math"
	"strings"

	"github.com/guihua-project/guihua/extractor/value"
	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
)

// indicatorRows turns the body rows of an indicator table into indicators.
func (r *run) indicatorRows(v *tableView) {
	t, hdr, c, caption := v.t, v.hdr, v.cols, v.caption
	category := ""
	ctx := r.contextOf(caption)
	var rows []*plan.Indicator
	var seqParent *plan.Indicator // the last numbered (or 其中-introducing) row
	inSubList := false
	for _, row := range t.Rows[hdr:] {
		first, last := rowLines(row)
		if g, ok := groupRow(row); ok {
			// a row of one merged cell (一、健康水平) heads the rows below it
			category = g
			continue
		}
		if c.category >= 0 {
			if cat := cellAt(row, c.category); cat != "" {
				category = cat
				if row[c.category].Broken {
					sp := r.spanOf(cellExtent(row[c.category]), row[c.category].Line, row[c.category].EndLine)
					r.warn("category_cut_off", "category looks cut off (a fragment of the copied cell is empty): "+cat, &sp)
				}
			}
		}
		nameRaw, from := spannedCell(row, c.name)
		if nameRaw == "" || repeatsHeader(row, t.Rows[:hdr]) {
			continue
		}
		seq := cellAt(row, c.seq)
		if from == c.seq {
			seq = "" // a sub-row's name merged over the 序号 column
		}
		ind := &plan.Indicator{
			Table:    plan.Str(caption),
			Category: plan.Str(category),
			Seq:      plan.Str(seq),
			NameRaw:  nameRaw,
			Values:   []plan.Value{},
			Span:     r.spanOf(rowExtent(row), first, last),
		}
		name, unit, isSub := r.x.codes.SplitName(nameRaw)
		ind.Name = name
		if u := cellAt(row, c.unit); u != "" && value.Parse(u).Kind != "empty" { // a dash in the unit column: no unit
			unit = u
		}
		ind.Unit = plan.Str(unit)
		if n := cellAt(row, c.nature); n != "" {
			ind.Nature = plan.Str(r.x.vocab.NatureOf(n))
			if ind.Nature == nil {
				sp := ind.Span
				r.warn("unknown_nature", "indicator nature not recognised: "+n, &sp)
			}
		}
		for _, k := range c.values {
			raw := cellAt(row, k)
			v := r.cellValue(ctx, c.headers[k], raw)
			v.Span = r.cellSpanAt(row, k)
			ind.Values = append(ind.Values, v)
			if v.Kind == "text" && strings.ContainsAny(raw, "0123456789") {
				sp := ind.Span
				r.warn("unread_value", "value not read as a number: "+raw, &sp)
			}
		}
		if len(row) != len(c.headers) {
			sp := ind.Span
			r.warn("row_width", "row cell count does not fit the header", &sp)
		}
		// Parent: 其中 rows and unnumbered rows under a numbered row.
		switch {
		case isSub && len(rows) > 0:
			if seqParent == nil || c.seq < 0 {
				seqParent = rows[len(rows)-1]
			}
			inSubList = true
			ind.Parent = plan.Str(seqParent.NameRaw)
		case c.seq >= 0 && ind.Seq == nil && seqParent != nil:
			ind.Parent = plan.Str(seqParent.NameRaw)
		case c.seq < 0 && inSubList && !r.x.codes.IsRate(name) && seqParent != nil && sameCategory(seqParent, ind):
			ind.Parent = plan.Str(seqParent.NameRaw)
		default:
			inSubList = false
			seqParent = ind
		}
		rows = append(rows, ind)
	}
	nestBySums(rows)
	cols := make([]string, 0, len(c.values))
	for _, k := range c.values {
		cols = append(cols, c.headers[k])
	}
	for _, ind := range rows {
		r.codeIndicator(ind, cols)
		r.plan.Indicators = append(r.plan.Indicators, *ind)
	}
}

// codeIndicator gives a row its concept code. A name that matches on words
// but not safely (two concepts, another scale, a unit of another kind, its
// parent's concept) gets no code and an ambiguous_indicator warning naming
// the candidates.
func (r *run) codeIndicator(ind *plan.Indicator, cols []string) {
	q := rules.IndicatorQuery{Name: ind.NameRaw, Columns: cols}
	if ind.Parent != nil {
		q.Parent = *ind.Parent
	}
	if ind.Unit != nil {
		q.Unit = *ind.Unit
	}
	for _, v := range ind.Values {
		if q.Unit == "" && v.Unit != nil {
			q.Unit = *v.Unit
		}
	}
	res := r.x.codes.Resolve(q)
	switch {
	case res.OK:
		ind.Code = plan.Str(res.Concept.Code)
	case len(res.Candidates) > 0:
		sp := ind.Span
		r.warn("ambiguous_indicator", fmt.Sprintf("indicator %s not coded: %s (candidates: %s)",
			ind.NameRaw, res.Reason, strings.Join(res.Candidates, ", ")), &sp)
	}
}

// spannedCell returns the text at column k of a row and the column it was
// printed in: a position covered by a cell merged from the left (a sub-row
// name spanning the 序号 and name columns) takes that cell's text.
func spannedCell(row []docmodel.Cell, k int) (string, int) {
	if k < 0 || k >= len(row) {
		return "", k
	}
	if row[k].Text != "" || !row[k].Covered {
		return row[k].Text, k
	}
	for j := k - 1; j >= 0; j-- {
		if !row[j].Covered {
			if j+max(row[j].ColSpan, 1) > k {
				return row[j].Text, j
			}
			break
		}
	}
	return "", k
}

// groupRow reports whether a body row is a group heading: a single
// non-empty cell, printed alone or merged across the row, and no values.
func groupRow(row []docmodel.Cell) (string, bool) {
	text := ""
	for _, c := range row {
		if c.Text == "" {
			continue
		}
		if text != "" {
			return "", false
		}
		text = c.Text
	}
	return text, text != "" && len(row) > 0 && (len(row) == 1 || rowMerged(row))
}

// rowMerged reports whether a row's other cells are covered by its first.
func rowMerged(row []docmodel.Cell) bool {
	for _, c := range row[1:] {
		if !c.Covered {
			return false
		}
	}
	return true
}

// repeatsHeader reports whether a body row repeats a header row, as tables
// broken over pages do.
func repeatsHeader(row []docmodel.Cell, header [][]docmodel.Cell) bool {
	for _, h := range header {
		if len(h) != len(row) {
			continue
		}
		same := true
		for k := range h {
			if h[k].Text != row[k].Text {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

func sameCategory(a, b *plan.Indicator) bool {
	return (a.Category == nil) == (b.Category == nil) && (a.Category == nil || *a.Category == *b.Category)
}

// nestBySums re-parents unnumbered sub-rows: when the rows right after a
// sub-row add up to it in every column, they are its breakdown.
func nestBySums(rows []*plan.Indicator) {
	for i, h := range rows {
		if h.Parent == nil {
			continue
		}
		for k := 2; i+k < len(rows); k++ {
			kids := rows[i+1 : i+1+k]
			if !allParent(kids, *h.Parent) {
				break
			}
			if sumsTo(kids, h) {
				for _, kid := range kids {
					kid.Parent = plan.Str(h.NameRaw)
				}
				break
			}
		}
	}
}

func allParent(rows []*plan.Indicator, parent string) bool {
	for _, r := range rows {
		if r.Parent == nil || *r.Parent != parent {
			return false
		}
	}
	return true
}

// sumsTo reports whether the kids' numbers add up to the parent's in every
// column where the parent has a plain number.
func sumsTo(kids []*plan.Indicator, parent *plan.Indicator) bool {
	checked := 0
	for col, pv := range parent.Values {
		if pv.Kind != "number" || pv.Value == nil {
			continue
		}
		sum := 0.0
		for _, k := range kids {
			if col >= len(k.Values) || k.Values[col].Kind != "number" || k.Values[col].Value == nil {
				return false
			}
			sum += *k.Values[col].Value
		}
		if math.Abs(sum-*pv.Value) > 0.011 {
			return false
		}
		checked++
	}
	return checked > 0
}

// parseNumber is value.Parse for a plain number, for totals checks.
func parseNumber(raw string) (float64, bool) {
	p := value.Parse(raw)
	if p.Kind != "number" || p.Value == nil {
		return 0, false
	}
	return *p.Value, true
}
