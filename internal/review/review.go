// Package review writes the review page of one extraction: a single
// self-contained HTML file (inline CSS and JS, no network, opens from disk)
// that shows the document's plain-text rendering line by line, tables as
// tables, with every extracted thing highlighted where it was read
// (<mark data-ref="ID">), beside a panel listing the entities (data-id="ID").
// Clicking an entry scrolls to its highlight and flashes it; hovering a
// highlight shows what was extracted from it. Filters by kind, a search box,
// Chinese typography and a print style come with it.
//
// Highlights are placed by the spans of the plan (line, col, end_line,
// end_col), so the page shows exactly what the JSON says.
package review

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
)

// Kinds of highlight, outermost first: a highlight of an earlier kind
// encloses those of later kinds where both cover the same text.
var kinds = []struct{ name, label string }{
	{"table", "表格"},
	{"project", "项目专栏"},
	{"indicator", "指标"},
	{"total", "合计"},
	{"facility", "机构"},
	{"item", "项目条目"},
	{"heading", "标题"},
	{"document", "文件信息"},
	{"value", "数值"},
	{"mention", "机构提及"},
	{"warning", "警告"},
}

func kindRank(k string) int {
	for i, x := range kinds {
		if x.name == k {
			return i
		}
	}
	return len(kinds)
}

// mark is one highlight: an entity's span.
type mark struct {
	ref, kind string
	sp        plan.Span
	rank      int
}

// info is what hovering a highlight shows, and what the panel lists.
type info struct {
	Kind   string   `json:"k"`
	Name   string   `json:"n"`
	Detail []string `json:"d,omitempty"`
	Parent string   `json:"p,omitempty"`
}

// page holds one review page being written.
type page struct {
	doc   *docmodel.Document
	p     *plan.Plan
	marks []mark
	info  map[string]info
	// byLine lists, for each line, the marks that cover part of it.
	byLine map[int][]int
	// headingLevel is the outline level of the lines that print a heading.
	headingLevel map[int]int
}

// Write writes the review page of plan p, extracted from doc.
func Write(w io.Writer, doc *docmodel.Document, p *plan.Plan) error {
	pg := &page{doc: doc, p: p, info: map[string]info{}, byLine: map[int][]int{}, headingLevel: map[int]int{}}
	pg.collect()
	var b strings.Builder
	b.Grow(len(doc.Text())*3 + 64<<10)
	pg.write(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

// add records the highlight of an entity.
func (pg *page) add(ref, kind string, sp *plan.Span, in info) {
	in.Kind = kind
	pg.info[ref] = in
	if sp == nil || sp.Line < 1 || sp.EndLine < sp.Line || sp.Line > len(pg.doc.Lines) || sp.Quote == "" {
		return
	}
	k := len(pg.marks)
	pg.marks = append(pg.marks, mark{ref: ref, kind: kind, sp: *sp, rank: kindRank(kind)})
	for l := sp.Line; l <= min(sp.EndLine, len(pg.doc.Lines)); l++ {
		pg.byLine[l] = append(pg.byLine[l], k)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func num(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// valueInfo describes a value cell.
func valueInfo(v plan.Value, parent string) info {
	d := []string{"列 column: " + v.Column}
	if v.Year != nil {
		d = append(d, "年 year: "+strconv.Itoa(*v.Year))
	}
	if v.Role != nil {
		d = append(d, "角色 role: "+*v.Role)
	}
	d = append(d, "原文 raw: "+v.Raw, "类型 kind: "+v.Kind)
	if v.Cmp != nil {
		d = append(d, "比较 cmp: "+*v.Cmp)
	}
	if v.Value != nil {
		d = append(d, "值 value: "+num(v.Value))
	}
	if len(v.Ratio) > 0 {
		parts := make([]string, len(v.Ratio))
		for i, r := range v.Ratio {
			parts[i] = strconv.FormatFloat(r, 'f', -1, 64)
		}
		d = append(d, "比 ratio: "+strings.Join(parts, "："))
	}
	if v.Direction != nil {
		d = append(d, "方向 direction: "+*v.Direction)
	}
	if v.Unit != nil {
		d = append(d, "单位 unit: "+*v.Unit)
	}
	return info{Name: v.Raw, Detail: d, Parent: parent}
}

// collect lists every entity and its highlight.
func (pg *page) collect() {
	p := pg.p
	d := p.Document
	if d.Title != nil {
		pg.add("D-title", "document", d.Spans.Title, info{Name: "标题 title: " + *d.Title})
	}
	if d.Issuer != nil {
		pg.add("D-issuer", "document", d.Spans.Issuer, info{Name: "发文机关 issuer: " + *d.Issuer})
	}
	if d.Date != nil {
		pg.add("D-date", "document", d.Spans.Date, info{Name: "日期 date: " + *d.Date})
	}
	for i, h := range p.Outline {
		sp := h.Span
		pg.add(fmt.Sprintf("H%d", i), "heading", &sp, info{Name: strings.TrimSpace(h.Number + " " + h.Title), Detail: []string{"级别 level: " + strconv.Itoa(h.Level)}})
		for l := sp.Line; l <= sp.EndLine; l++ {
			pg.headingLevel[l] = h.Level
		}
	}
	for i, in := range p.Indicators {
		ref := fmt.Sprintf("I%d", i)
		det := []string{}
		if in.Code != nil {
			det = append(det, "代码 code: "+*in.Code)
		} else {
			det = append(det, "代码 code: —")
		}
		for _, kv := range [][2]string{{"单位 unit", deref(in.Unit)}, {"属性 nature", deref(in.Nature)}, {"上级 parent", deref(in.Parent)}, {"类别 category", deref(in.Category)}, {"表 table", deref(in.Table)}} {
			if kv[1] != "" {
				det = append(det, kv[0]+": "+kv[1])
			}
		}
		sp := in.Span
		pg.add(ref, "indicator", &sp, info{Name: in.Name, Detail: det})
		for j, v := range in.Values {
			pg.add(fmt.Sprintf("%s.%d", ref, j), "value", v.Span, valueInfo(v, in.Name))
		}
	}
	for i, f := range p.Facilities {
		ref := fmt.Sprintf("F%d", i)
		det := []string{"类型 type: " + f.Type}
		if f.Ownership != nil {
			det = append(det, "所有制 ownership: "+*f.Ownership)
		}
		if f.Category != nil {
			det = append(det, "类别 category: "+*f.Category)
		}
		for _, b := range f.Beds {
			det = append(det, "床位 "+b.Column+": "+b.Raw)
		}
		if len(f.Actions) > 0 {
			det = append(det, "举措 actions: "+strings.Join(f.Actions, "、"))
		}
		det = append(det, "提及 mentions: "+strconv.Itoa(len(f.Mentions)))
		sp := f.Span
		pg.add(ref, "facility", &sp, info{Name: f.Name, Detail: det})
		for j, b := range f.Beds {
			pg.add(fmt.Sprintf("%s.b%d", ref, j), "value", b.Span, valueInfo(b, f.Name))
		}
		for j, m := range f.Mentions {
			sp := m.Span
			pg.add(fmt.Sprintf("%s.m%d", ref, j), "mention", &sp, info{Name: f.Name, Detail: []string{"类型 type: " + f.Type, "上下文 context: " + m.Context}})
		}
	}
	for i, t := range p.Totals {
		ref := fmt.Sprintf("T%d", i)
		sp := t.Span
		pg.add(ref, "total", &sp, info{Name: t.Name, Detail: []string{"表 table: " + deref(t.Table)}})
		for j, v := range t.Values {
			pg.add(fmt.Sprintf("%s.%d", ref, j), "value", v.Span, valueInfo(v, t.Name))
		}
	}
	for i, pr := range p.Projects {
		ref := fmt.Sprintf("P%d", i)
		sp := pr.Span
		name := strings.TrimSpace(deref(pr.Label) + " " + pr.Title)
		pg.add(ref, "project", &sp, info{Name: name, Detail: []string{"条目 items: " + strconv.Itoa(len(pr.Items)), "章节 section: " + deref(pr.Section)}})
		for j, it := range pr.Items {
			det := []string{}
			if it.Subject != nil {
				det = append(det, "主体 subject: "+*it.Subject)
			}
			if it.Section != nil {
				det = append(det, "小节 section: "+*it.Section)
			}
			if len(it.Facilities) > 0 {
				det = append(det, "机构 facilities: "+strings.Join(it.Facilities, "、"))
			}
			sp := it.Span
			pg.add(fmt.Sprintf("%s.%d", ref, j), "item", &sp, info{Name: it.Text, Detail: det, Parent: name})
		}
	}
	for i, t := range p.Tables {
		sp := t.Span
		pg.add(fmt.Sprintf("G%d", i), "table", &sp, info{Name: deref(t.Caption), Detail: []string{"类型 kind: " + t.Kind, "行 rows: " + strconv.Itoa(len(t.Rows))}})
	}
	for i, w := range p.Warnings {
		pg.add(fmt.Sprintf("W%d", i), "warning", w.Span, info{Name: w.Code, Detail: []string{w.Message}})
	}
	// outermost first where two cover the same text: by kind, then longer first
	for l, ks := range pg.byLine {
		sort.SliceStable(ks, func(a, b int) bool {
			x, y := pg.marks[ks[a]], pg.marks[ks[b]]
			if x.rank != y.rank {
				return x.rank < y.rank
			}
			return spanLen(x.sp) > spanLen(y.sp)
		})
		pg.byLine[l] = ks
	}
}

func spanLen(s plan.Span) int { return (s.EndLine-s.Line)*100000 + s.EndCol - s.Col }

// counts returns the number of entities of each kind.
func (pg *page) counts() [][2]string {
	p := pg.p
	values, mentions, items := 0, 0, 0
	for _, in := range p.Indicators {
		values += len(in.Values)
	}
	for _, f := range p.Facilities {
		mentions += len(f.Mentions)
	}
	for _, pr := range p.Projects {
		items += len(pr.Items)
	}
	return [][2]string{
		{"指标 indicators", strconv.Itoa(len(p.Indicators))},
		{"数值 values", strconv.Itoa(values)},
		{"机构 facilities", strconv.Itoa(len(p.Facilities))},
		{"提及 mentions", strconv.Itoa(mentions)},
		{"合计 totals", strconv.Itoa(len(p.Totals))},
		{"项目 projects", strconv.Itoa(len(p.Projects))},
		{"条目 items", strconv.Itoa(items)},
		{"表格 tables", strconv.Itoa(len(p.Tables))},
		{"标题 headings", strconv.Itoa(len(p.Outline))},
		{"警告 warnings", strconv.Itoa(len(p.Warnings))},
	}
}

func esc(s string) string { return html.EscapeString(s) }

func (pg *page) write(b *strings.Builder) {
	d := pg.p.Document
	title := deref(d.Title)
	if title == "" {
		title = pg.p.Source.Path
	}
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
	fmt.Fprintf(b, "<title>审阅 %s</title>\n<style>%s</style>\n</head>\n<body>\n", esc(title), css)

	// header
	b.WriteString("<header id=\"top\">\n<h1>")
	pg.docField(b, "D-title", title)
	b.WriteString("</h1>\n<dl class=\"meta\">")
	period := ""
	if d.Period != nil {
		period = fmt.Sprintf("%d–%d", d.Period.Start, d.Period.End)
	}
	region := deref(d.Region)
	if d.RegionLevel != nil {
		region += "（" + *d.RegionLevel + "）"
	}
	if d.RegionCode != nil {
		region += " " + *d.RegionCode
	}
	draft := "否 no"
	if d.Draft {
		draft = "是 yes（征求意见稿等）"
	}
	meta := []struct{ k, v, ref string }{
		{"地区 region", region, ""}, {"期间 period", period, ""}, {"发文机关 issuer", deref(d.Issuer), "D-issuer"},
		{"日期 date", deref(d.Date), "D-date"}, {"草稿 draft", draft, ""},
		{"文件 source", pg.p.Source.Path + " · " + pg.p.Source.Format + " · " + pg.p.Source.Encoding, ""},
	}
	for _, m := range meta {
		v := m.v
		if v == "" {
			v = "—"
		}
		fmt.Fprintf(b, "<div><dt>%s</dt><dd>", esc(m.k))
		if m.ref != "" && m.v != "" {
			pg.docField(b, m.ref, v)
		} else {
			b.WriteString(esc(v))
		}
		b.WriteString("</dd></div>")
	}
	b.WriteString("</dl>\n<ul class=\"counts\">")
	for _, c := range pg.counts() {
		fmt.Fprintf(b, "<li><b>%s</b> %s</li>", esc(c[1]), esc(c[0]))
	}
	b.WriteString("</ul>\n<div class=\"tools\"><span class=\"filters\">")
	for _, k := range kinds {
		fmt.Fprintf(b, "<label class=\"k-%s\"><input type=\"checkbox\" checked data-kind=\"%s\"> <span class=\"sw\"></span>%s</label>", k.name, k.name, esc(k.label))
	}
	b.WriteString("</span><input id=\"q\" type=\"search\" placeholder=\"搜索 search（Enter 下一处）\" autocomplete=\"off\"><span id=\"hits\"></span></div>\n</header>\n")

	b.WriteString("<div id=\"wrap\">\n<main id=\"doc\">\n")
	pg.writeText(b)
	b.WriteString("</main>\n<aside id=\"panel\">\n")
	pg.writePanel(b)
	b.WriteString("</aside>\n</div>\n<div id=\"tip\" hidden></div>\n")
	data, _ := json.Marshal(pg.info) // escapes <, > and & as \u003c …: safe inside <script>
	fmt.Fprintf(b, "<script type=\"application/json\" id=\"data\">%s</script>\n<script>%s</script>\n</body>\n</html>\n", data, js)
}

// docField writes a document field of the header as a panel entry.
func (pg *page) docField(b *strings.Builder, ref, text string) {
	fmt.Fprintf(b, "<span class=\"ent\" data-id=\"%s\" data-kind=\"document\">%s</span>", ref, esc(text))
}
