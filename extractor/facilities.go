package extractor

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
	"github.com/guihua-project/guihua/segment"
)

// facilityRows turns a bed-allocation table into facilities; total rows are
// checked against the sum of the listed institutions.
func (r *run) facilityRows(v *tableView) {
	t, hdr, c, caption := v.t, v.hdr, v.cols, v.caption
	category := ""
	ctx := r.contextOf(caption)
	type total struct {
		name  string
		vals  []plan.Value
		span  plan.Span
		first int // listed rows from this index on are summed (subtotals)
		last  int
	}
	var totals []total
	var listed []plan.Facility
	lastSubtotal := 0
	bedCols := map[int]bool{}
	for _, k := range c.values {
		bedCols[k] = r.bedColumn(c.headers[k], caption) ||
			!r.x.vocab.NotBeds(c.headers[k]) && countColumn(t.Rows[hdr:], k)
	}
	for _, row := range t.Rows[hdr:] {
		row = r.spreadTotalLabel(row, len(c.headers))
		if g, ok := groupRow(row); ok && len(c.values) > 0 && !r.x.fac.IsTotal(g) {
			category = g // a one-cell row such as 公立医院 heads the rows below
			continue
		}
		if c.category >= 0 {
			if cat := cellAt(row, c.category); cat != "" {
				category = cat
			}
		}
		name, _ := spannedCell(row, c.name)
		if name == "" || repeatsHeader(row, t.Rows[:hdr]) {
			continue
		}
		first, last := rowLines(row)
		sp := r.spanOf(rowExtent(row), first, last)
		var beds []plan.Value
		for _, k := range c.values {
			if bedCols[k] {
				v := r.cellValue(ctx, c.headers[k], cellAt(row, k))
				v.Span = r.cellSpanAt(row, k)
				beds = append(beds, v)
			}
		}
		if beds == nil {
			beds = []plan.Value{}
		}
		if r.x.fac.IsTotal(name) {
			tot := total{name: name, vals: beds, span: sp, last: len(listed)}
			if r.x.vocab.IsSubtotal(name) {
				tot.first = lastSubtotal
				lastSubtotal = len(listed)
			} else {
				tot.last = -1 // a grand total sums every listed row
			}
			totals = append(totals, tot)
			r.plan.Totals = append(r.plan.Totals, plan.Total{Name: name, Category: plan.Str(category), Table: plan.Str(caption), Values: beds, Span: sp})
			continue
		}
		f := plan.Facility{
			Name:     name,
			Type:     r.x.fac.Type(name),
			Category: plan.Str(category),
			Table:    plan.Str(caption),
			Beds:     beds,
			Actions:  []string{},
			Mentions: []plan.Mention{},
			Span:     sp,
		}
		f.Ownership = plan.Str(r.x.fac.Ownership(category))
		listed = append(listed, f)
	}
	for _, tot := range totals {
		for col, tv := range tot.vals {
			want, ok := parseNumber(tv.Raw)
			if !ok {
				continue
			}
			sum := 0.0
			rows := listed[tot.first:]
			if tot.last >= 0 {
				rows = listed[tot.first:tot.last]
			}
			for _, f := range rows {
				if col < len(f.Beds) {
					if n, ok := parseNumber(f.Beds[col].Raw); ok {
						sum += n
					}
				}
			}
			if math.Abs(sum-want) > 0.5 {
				sp := tot.span
				r.warn("total_mismatch", fmt.Sprintf("%s %s: listed beds sum to %s, total printed %s",
					tot.name, tv.Column, strconv.FormatFloat(sum, 'f', -1, 64), tv.Raw), &sp)
			}
		}
	}
	r.plan.Facilities = append(r.plan.Facilities, listed...)
}

// spreadTotalLabel places the cells of a total row whose label was merged
// across the leading columns and printed once (合计 over 序号, 类别 and 名称
// in a Word text export): the label spans the missing columns, and the
// numbers stay in the last columns where they belong.
func (r *run) spreadTotalLabel(row []docmodel.Cell, width int) []docmodel.Cell {
	missing := width - len(row)
	if missing <= 0 || len(row) == 0 || !r.x.fac.IsTotal(row[0].Text) {
		return row
	}
	out := make([]docmodel.Cell, 0, width)
	label := row[0]
	label.ColSpan = missing + 1
	out = append(out, label)
	for range missing {
		out = append(out, docmodel.Cell{Covered: true, Line: label.Line, EndLine: label.EndLine})
	}
	return append(out, row[1:]...)
}

// bedColumn reports whether a column of an institution table holds beds:
// its header names beds (床, 张), or the caption does and the header is a year
// or a role (2025年, 现有, 规划).
func (r *run) bedColumn(header, caption string) bool {
	v := r.x.vocab
	if v.NamesBeds(header) {
		return true
	}
	return v.CaptionSays(caption, rules.CaptionBeds) && (v.Year(header) != "" || v.NamesBedRole(header))
}

// countColumn reports whether a column holds counts: nearly every filled
// cell a whole number. In a table of named institutions that is beds.
func countColumn(rows [][]docmodel.Cell, k int) bool {
	filled, counts := 0, 0
	for _, row := range rows {
		raw := cellAt(row, k)
		if raw == "" {
			continue
		}
		filled++
		if n, ok := parseNumber(raw); ok && n == math.Trunc(n) && !strings.ContainsAny(raw, ".%％") {
			counts++
		}
	}
	return filled > 0 && counts*10 >= filled*9
}

// textFacilities finds institutions named in the running text and in boxes,
// merges them with table rows by exact name, and records every mention and
// what the same sentence says is done to the institution.
func (r *run) textFacilities() {
	index := map[string]int{}
	for k, f := range r.plan.Facilities {
		index[f.Name] = k
	}
	finder := r.finder
	add := func(text string, at docmodel.Map, line, endLine int) {
		for _, m := range finder.Find(text) {
			// the span is the name as printed; the context its sentence or clause
			sp := r.spanOf(rangeExtent(at, m.Start, m.End), line, endLine)
			ci, cj := r.mentionContext(text, m.Start, m.End)
			ctx := sp.Quote
			if e := rangeExtent(at, ci, cj); e.ok() {
				ctx = r.doc.Slice(e.from, e.to)
			}
			k, ok := index[m.Name]
			if !ok {
				r.plan.Facilities = append(r.plan.Facilities, plan.Facility{
					Name: m.Name, Type: r.x.fac.Type(m.Name), Beds: []plan.Value{},
					Actions: []string{}, Mentions: []plan.Mention{}, Span: sp,
				})
				k = len(r.plan.Facilities) - 1
				index[m.Name] = k
			}
			f := &r.plan.Facilities[k]
			f.Mentions = append(f.Mentions, plan.Mention{Span: sp, Context: ctx})
			f.Actions = mergeActions(f.Actions, r.x.fac.Actions(r.clauseAt(text, m)))
		}
	}
	for i, b := range r.doc.Blocks {
		if r.skip[i] {
			continue
		}
		switch b.Kind {
		case docmodel.Paragraph, docmodel.Heading:
			add(b.Text, b.At, b.Line, b.EndLine)
		case docmodel.Box:
			add(b.Text, b.At, b.Line, b.Line)
			for _, p := range b.Paras {
				add(p.Text, p.At, p.Line, p.EndLine)
			}
		}
	}
	// Table rows are listed first, text-only institutions after, each in
	// order of first mention.
	tabled := r.plan.Facilities[:0:0]
	var text []plan.Facility
	for _, f := range r.plan.Facilities {
		if f.Table != nil {
			tabled = append(tabled, f)
		} else {
			text = append(text, f)
		}
	}
	sort.SliceStable(text, func(i, j int) bool { return text[i].Span.Line < text[j].Span.Line })
	r.plan.Facilities = append(tabled, text...)
}

// buildFinder builds the institution finder for this plan: the rules'
// dictionary plus the institution names of the plan's own tables.
func (r *run) buildFinder() error {
	var extra []string
	for _, f := range r.plan.Facilities {
		extra = append(extra, f.Name)
	}
	finder, err := r.x.newFinder(extra)
	if err != nil {
		return fmt.Errorf("facility finder: %w", err)
	}
	r.finder = finder
	return nil
}

// clauseAt returns the clause of text that holds mention m: what the plan
// says is done to an institution is said in the same clause (新建某县疾控
// 中心实验楼), while the next clause is often about another one.
//
// The clause is looked for at most clauseScan bytes to either side of the
// name, so that a text without punctuation costs a constant per mention.
func (r *run) clauseAt(text string, m segment.Mention) string {
	stops := r.x.blocks.ClauseStops()
	i, j := around(text, m.Start, m.End, stops, clauseScan)
	if j > m.End {
		if c, size := utf8.DecodeLastRuneInString(text[:j]); size > 0 && strings.ContainsRune(stops, c) {
			j -= size // the stop that ends the clause is not part of it
		}
	}
	return text[i:j]
}

// clauseScan bounds the search for a clause's ends, in bytes.
const clauseScan = 4096

func mergeActions(have, add []string) []string {
	for _, a := range add {
		dup := false
		for _, h := range have {
			if h == a {
				dup = true
				break
			}
		}
		if !dup {
			have = append(have, a)
		}
	}
	return have
}
