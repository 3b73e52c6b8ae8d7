package review

import (
	"fmt"
	"strconv"
	"strings"
)

// writePanel writes the entity lists: indicator tables with their values by
// column, facilities with their beds, totals, projects with their items,
// the outline, tables and warnings. Every entry carries data-id, the ref of
// its highlights.
func (pg *page) writePanel(b *strings.Builder) {
	p := pg.p
	section := func(kind, title string, n int) {
		fmt.Fprintf(b, "<section class=\"sec\" data-kind=\"%s\"><h2>%s <small>%d</small></h2>\n", kind, esc(title), n)
	}
	entry := func(tag, id, kind, cls string) {
		fmt.Fprintf(b, "<%s class=\"ent %s\" data-id=\"%s\" data-kind=\"%s\">", tag, cls, id, kind)
	}

	// indicators, one table per caption, values by column
	section("indicator", "指标 Indicators", len(p.Indicators))
	for start := 0; start < len(p.Indicators); {
		end := start + 1
		for end < len(p.Indicators) && deref(p.Indicators[end].Table) == deref(p.Indicators[start].Table) {
			end++
		}
		var cols []string
		for _, in := range p.Indicators[start:end] {
			for _, v := range in.Values {
				if !contains(cols, v.Column) {
					cols = append(cols, v.Column)
				}
			}
		}
		caption := deref(p.Indicators[start].Table)
		if caption == "" {
			caption = "（无表题 no caption）"
		}
		fmt.Fprintf(b, "<table class=\"ptab\"><caption>%s</caption><tr><th>指标</th>", esc(caption))
		for _, c := range cols {
			fmt.Fprintf(b, "<th>%s</th>", esc(c))
		}
		b.WriteString("<th>代码 code</th></tr>\n")
		for i := start; i < end; i++ {
			in := p.Indicators[i]
			ref := "I" + strconv.Itoa(i)
			b.WriteString("<tr>")
			entry("td", ref, "indicator", "nm")
			if in.Parent != nil {
				b.WriteString("<span class=\"sub\">└ </span>")
			}
			b.WriteString(esc(in.Name))
			if in.Unit != nil {
				fmt.Fprintf(b, "<small>（%s）</small>", esc(*in.Unit))
			}
			b.WriteString("</td>")
			for _, c := range cols {
				j := -1
				for k, v := range in.Values {
					if v.Column == c {
						j = k
						break
					}
				}
				if j < 0 {
					b.WriteString("<td></td>")
					continue
				}
				entry("td", ref+"."+strconv.Itoa(j), "value", "val")
				b.WriteString(esc(in.Values[j].Raw) + "</td>")
			}
			fmt.Fprintf(b, "<td class=\"code\">%s</td></tr>\n", esc(deref(in.Code)))
		}
		b.WriteString("</table>\n")
		start = end
	}
	b.WriteString("</section>\n")

	section("facility", "机构 Facilities", len(p.Facilities))
	b.WriteString("<ul class=\"plist\">\n")
	for i, f := range p.Facilities {
		ref := "F" + strconv.Itoa(i)
		b.WriteString("<li>")
		entry("span", ref, "facility", "nm")
		fmt.Fprintf(b, "%s</span> <small class=\"ty\">%s</small>", esc(f.Name), esc(f.Type))
		for j, v := range f.Beds {
			if v.Raw == "" {
				continue
			}
			b.WriteString(" ")
			entry("span", fmt.Sprintf("%s.b%d", ref, j), "value", "val")
			fmt.Fprintf(b, "<small>%s</small> %s</span>", esc(v.Column), esc(v.Raw))
		}
		if len(f.Mentions) > 0 {
			fmt.Fprintf(b, " <small class=\"mn\">提及 %d:", len(f.Mentions))
			for j := range f.Mentions {
				b.WriteString(" ")
				entry("span", fmt.Sprintf("%s.m%d", ref, j), "mention", "m")
				b.WriteString(strconv.Itoa(f.Mentions[j].Line) + "</span>")
			}
			b.WriteString("</small>")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul></section>\n")

	if len(p.Totals) > 0 {
		section("total", "合计 Totals", len(p.Totals))
		b.WriteString("<ul class=\"plist\">\n")
		for i, t := range p.Totals {
			ref := "T" + strconv.Itoa(i)
			b.WriteString("<li>")
			entry("span", ref, "total", "nm")
			fmt.Fprintf(b, "%s</span> <small>%s</small>", esc(t.Name), esc(deref(t.Table)))
			for j, v := range t.Values {
				b.WriteString(" ")
				entry("span", fmt.Sprintf("%s.%d", ref, j), "value", "val")
				fmt.Fprintf(b, "<small>%s</small> %s</span>", esc(v.Column), esc(v.Raw))
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul></section>\n")
	}

	section("project", "项目 Projects", len(p.Projects))
	for i, pr := range p.Projects {
		ref := "P" + strconv.Itoa(i)
		b.WriteString("<div class=\"proj\">")
		entry("div", ref, "project", "nm")
		if pr.Label != nil {
			fmt.Fprintf(b, "<b>%s</b> ", esc(*pr.Label))
		}
		b.WriteString(esc(pr.Title) + "</div><ol>\n")
		var section *string
		for j, it := range pr.Items {
			if it.Section != nil && (section == nil || *section != *it.Section) {
				fmt.Fprintf(b, "<li class=\"isec\">%s</li>", esc(*it.Section))
			}
			section = it.Section
			b.WriteString("<li>")
			entry("span", ref+"."+strconv.Itoa(j), "item", "")
			b.WriteString(esc(cut(it.Text, 80)) + "</span></li>\n")
		}
		b.WriteString("</ol></div>\n")
	}
	b.WriteString("</section>\n")

	section("heading", "目录 Outline", len(p.Outline))
	b.WriteString("<ul class=\"plist outl\">\n")
	for i, h := range p.Outline {
		fmt.Fprintf(b, "<li style=\"padding-left:%dem\">", h.Level-1)
		entry("span", "H"+strconv.Itoa(i), "heading", "")
		b.WriteString(esc(strings.TrimSpace(h.Number+" "+h.Title)) + "</span></li>\n")
	}
	b.WriteString("</ul></section>\n")

	section("table", "表格 Tables", len(p.Tables))
	b.WriteString("<ul class=\"plist\">\n")
	for i, t := range p.Tables {
		b.WriteString("<li>")
		entry("span", "G"+strconv.Itoa(i), "table", "")
		c := deref(t.Caption)
		if c == "" {
			c = "#" + strconv.Itoa(i+1)
		}
		fmt.Fprintf(b, "%s</span> <small>%s · %d 行</small></li>\n", esc(c), esc(t.Kind), len(t.Rows))
	}
	b.WriteString("</ul></section>\n")

	section("warning", "警告 Warnings", len(p.Warnings))
	b.WriteString("<ul class=\"plist\">\n")
	for i, w := range p.Warnings {
		b.WriteString("<li>")
		entry("span", "W"+strconv.Itoa(i), "warning", "")
		fmt.Fprintf(b, "<code>%s</code> %s</span></li>\n", esc(w.Code), esc(w.Message))
	}
	b.WriteString("</ul></section>\n")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
