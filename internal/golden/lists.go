package golden

import (
	"encoding/json"
	"strconv"
	"strings"
)

// listSpec describes a list of items: how to recognise the same item in
// both outputs and how to name it.
type listSpec struct {
	noun  string
	keys  []func(v any) string      // identity keys, strongest first
	label func(v any, n int) string // names item number n (1-based)
	brief func(v any) string        // shown after "added"/"removed"; optional
	order []string                  // field order of object items
	lists map[string]*listSpec      // fields that are lists of known items
	kind  itemKind
}

type itemKind int

const (
	objectItem itemKind = iota
	cellItem            // a value cell: raw shown as the change
	scalarItem          // a string or number
	spanItem            // a span (facility mentions)
	rowItem             // a table row: list of cell strings
)

var valueOrder = []string{"column", "year", "role", "raw", "kind", "value", "cmp", "ratio", "direction", "unit"}

func valueSpec(noun string) *listSpec {
	return &listSpec{
		noun:  noun,
		kind:  cellItem,
		keys:  []func(any) string{field("column"), fields("year", "role")},
		label: func(v any, _ int) string { return "`" + str(v, "column") + "`" },
		brief: func(v any) string { return "`" + str(v, "raw") + "`" },
		order: valueOrder,
	}
}

var (
	mentionSpec = &listSpec{
		noun:  "mention",
		kind:  spanItem,
		keys:  []func(any) string{fields("line", "col", "quote"), fields("line", "end_line", "quote"), fields("quote"), fields("line")},
		label: func(v any, _ int) string { m, _ := v.(map[string]any); return lines(m) },
	}
	itemSpec = &listSpec{
		noun:  "item",
		keys:  []func(any) string{field("text"), fields("subject", "span")},
		label: func(_ any, n int) string { return strconv.Itoa(n) },
		brief: func(v any) string { return "`" + cut(str(v, "text"), 0, 60) + "`" },
		order: []string{"text", "subject", "facilities", "span"},
		lists: map[string]*listSpec{"facilities": scalarSpec("facility")},
	}
	rowSpec = &listSpec{
		noun:  "row",
		kind:  rowItem,
		keys:  []func(any) string{canonical},
		label: func(_ any, n int) string { return strconv.Itoa(n) },
		brief: func(v any) string { return cut(joinRow(v), 0, 100) },
	}
)

func scalarSpec(noun string) *listSpec {
	return &listSpec{
		noun:  noun,
		kind:  scalarItem,
		keys:  []func(any) string{canonical},
		label: func(v any, _ int) string { return render(v) },
	}
}

// topLists are the lists at the top of an output.
var topLists = map[string]*listSpec{
	"outline": {
		noun:  "heading",
		keys:  []func(any) string{fields("level", "number", "title"), fields("title"), fields("number", "level")},
		label: func(v any, _ int) string { return "`" + strings.TrimSpace(str(v, "number")+" "+str(v, "title")) + "`" },
		order: []string{"level", "number", "title", "span"},
	},
	"indicators": {
		noun: "indicator",
		keys: []func(any) string{fields("table", "name_raw"), field("name_raw"), field("name"), field("code")},
		label: func(v any, _ int) string {
			return "`" + str(v, "name") + "`"
		},
		brief: func(v any) string {
			var parts []string
			for _, c := range list(v, "values") {
				parts = append(parts, str(c, "column")+" `"+str(c, "raw")+"`")
			}
			return strings.Join(parts, ", ")
		},
		order: []string{"table", "category", "seq", "name", "name_raw", "parent", "unit", "code", "nature", "values", "span"},
		lists: map[string]*listSpec{"values": valueSpec("value")},
	},
	"facilities": {
		noun:  "facility",
		keys:  []func(any) string{field("name"), fields("type", "span")},
		label: func(v any, _ int) string { return "`" + str(v, "name") + "`" },
		brief: func(v any) string { return str(v, "type") },
		order: []string{"name", "type", "ownership", "category", "table", "beds", "actions", "mentions", "span"},
		lists: map[string]*listSpec{"beds": valueSpec("beds"), "actions": scalarSpec("action"), "mentions": mentionSpec},
	},
	"totals": {
		noun:  "total",
		keys:  []func(any) string{fields("table", "name", "span"), fields("table", "name"), field("name")},
		label: func(v any, _ int) string { return "`" + str(v, "name") + "`" },
		order: []string{"name", "category", "table", "values", "span"},
		lists: map[string]*listSpec{"values": valueSpec("value")},
	},
	"projects": {
		noun: "project",
		keys: []func(any) string{fields("label", "title"), field("title"), field("label")},
		label: func(v any, _ int) string {
			return "`" + strings.TrimSpace(str(v, "label")+" "+str(v, "title")) + "`"
		},
		brief: func(v any) string { return strconv.Itoa(len(list(v, "items"))) + " items" },
		order: []string{"label", "title", "section", "items", "span"},
		lists: map[string]*listSpec{"items": itemSpec},
	},
	"tables": {
		noun: "table",
		keys: []func(any) string{fields("caption", "kind", "rows"), fields("caption", "kind"), fields("caption"), fields("rows")},
		label: func(v any, n int) string {
			if c := str(v, "caption"); c != "" {
				return "`" + c + "`"
			}
			return "#" + strconv.Itoa(n) + " (no caption)"
		},
		brief: func(v any) string {
			return str(v, "kind") + ", " + strconv.Itoa(len(list(v, "rows"))) + " rows"
		},
		order: []string{"caption", "kind", "header_rows", "rows", "note", "span"},
		lists: map[string]*listSpec{"rows": rowSpec},
	},
	"warnings": {
		noun:  "warning",
		keys:  []func(any) string{fields("code", "message", "span"), fields("code", "message"), fields("code")},
		label: func(v any, _ int) string { return "`" + str(v, "code") + "`" },
		brief: func(v any) string { return "`" + cut(str(v, "message"), 0, 80) + "`" },
		order: []string{"code", "message", "span"},
	},
}

// list compares two lists of items. parent is the enclosing item's
// subject, "" for a top-level list.
func (d *differ) list(spec *listSpec, path, parent string, a, b []any) {
	for _, p := range align(a, b, spec.keys) {
		switch {
		case p.a < 0:
			d.added(spec, path+"/"+strconv.Itoa(p.b), parent, b[p.b], p.b+1, Added)
		case p.b < 0:
			d.added(spec, path+"/"+strconv.Itoa(p.a), parent, a[p.a], p.a+1, Removed)
		default:
			if !equal(a[p.a], b[p.b]) {
				d.item(spec, path+"/"+strconv.Itoa(p.b), parent, a[p.a], b[p.b], p.b+1)
			}
		}
	}
}

// subject names an item: its own subject at the top level, else the
// parent's.
func (spec *listSpec) subject(parent string, v any, n int) string {
	if parent != "" {
		return parent
	}
	s := spec.noun + " " + spec.label(v, n)
	if m, ok := v.(map[string]any); ok {
		if span, ok := m["span"].(map[string]any); ok {
			s += " (" + lines(span) + ")"
		}
	}
	return s
}

func (d *differ) added(spec *listSpec, path, parent string, v any, n int, kind Kind) {
	var want, got any
	if kind == Added {
		got = v
	} else {
		want = v
	}
	detail := string(kind)
	if parent != "" {
		detail = spec.noun + " " + spec.label(v, n) + " " + detail
	}
	if spec.brief != nil {
		if b := spec.brief(v); b != "" {
			detail += ": " + b
		}
	}
	d.add(kind, path, spec.subject(parent, v, n), detail, want, got)
}

// item compares two items paired as the same one.
func (d *differ) item(spec *listSpec, path, parent string, a, b any, n int) {
	subject := spec.subject(parent, b, n)
	prefix := ""
	if parent != "" {
		prefix = spec.noun + " " + spec.label(b, n) + " "
	}
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	switch {
	case spec.kind == spanItem && aok && bok:
		if d.span(subject, path, spec.noun, a, b) {
			return
		}
	case spec.kind == cellItem && aok && bok && !equal(am["raw"], bm["raw"]):
		var more []string
		for _, k := range keyOrder(valueOrder, am, bm) {
			if k != "raw" && !equal(am[k], bm[k]) {
				more = append(more, k+" "+render(am[k])+" → "+render(bm[k]))
			}
		}
		detail := prefix + "changed " + renderPair(am["raw"], bm["raw"])
		if len(more) > 0 {
			detail += " (" + strings.Join(more, "; ") + ")"
		}
		d.add(Changed, path, subject, detail, a, b)
		return
	case spec.kind == rowItem:
		al, aok := a.([]any)
		bl, bok := b.([]any)
		if aok && bok {
			for i := range max(len(al), len(bl)) {
				p := path + "/" + strconv.Itoa(i)
				cell := prefix + "cell " + strconv.Itoa(i+1)
				switch {
				case i >= len(al):
					d.add(Added, p, subject, cell+" added "+render(bl[i]), nil, bl[i])
				case i >= len(bl):
					d.add(Removed, p, subject, cell+" removed (was "+render(al[i])+")", al[i], nil)
				case !equal(al[i], bl[i]):
					d.add(Changed, p, subject, cell+" changed "+renderPair(al[i], bl[i]), al[i], bl[i])
				}
			}
			return
		}
	case spec.kind == scalarItem:
		d.add(Changed, path, subject, prefix+"changed "+renderPair(a, b), a, b)
		return
	}
	if aok && bok {
		d.object(subject, path, prefix, am, bm, spec.order, nil, spec.lists)
		return
	}
	d.add(Changed, path, subject, prefix+"changed "+renderPair(a, b), a, b)
}

// pair is one step of an alignment: indices into a and b, -1 when absent.
type pair struct{ a, b int }

// align matches the items of a and b: a longest common subsequence on the
// first key, then, in each stretch between matches, the same with the next
// key; when the keys are used up, a stretch with as many items on both
// sides is paired by position. The result follows the order of both lists.
func align(a, b []any, keys []func(any) string) []pair {
	ia := make([]int, len(a))
	for i := range ia {
		ia[i] = i
	}
	ib := make([]int, len(b))
	for i := range ib {
		ib[i] = i
	}
	var out []pair
	alignRange(a, b, ia, ib, keys, &out)
	return out
}

func alignRange(a, b []any, ia, ib []int, keys []func(any) string, out *[]pair) {
	if len(ia) == 0 || len(ib) == 0 || len(keys) == 0 {
		switch {
		case len(ia) == len(ib):
			for i := range ia {
				*out = append(*out, pair{ia[i], ib[i]})
			}
		default:
			for _, i := range ia {
				*out = append(*out, pair{i, -1})
			}
			for _, j := range ib {
				*out = append(*out, pair{-1, j})
			}
		}
		return
	}
	ka := make([]string, len(ia))
	for i, x := range ia {
		ka[i] = keys[0](a[x])
	}
	kb := make([]string, len(ib))
	for j, y := range ib {
		kb[j] = keys[0](b[y])
	}
	i0, j0 := 0, 0
	for _, m := range lcs(ka, kb) {
		alignRange(a, b, ia[i0:m.a], ib[j0:m.b], keys[1:], out)
		*out = append(*out, pair{ia[m.a], ib[m.b]})
		i0, j0 = m.a+1, m.b+1
	}
	alignRange(a, b, ia[i0:], ib[j0:], keys[1:], out)
}

// lcs returns the index pairs of a longest common subsequence of a and b.
func lcs(a, b []string) []pair {
	// Common prefix and suffix first: the usual case is few changes.
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var out []pair
	for i := range p {
		out = append(out, pair{i, i})
	}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	n, m := len(ma), len(mb)
	if n > 0 && m > 0 {
		t := make([]int32, (n+1)*(m+1))
		at := func(i, j int) *int32 { return &t[i*(m+1)+j] }
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					*at(i, j) = *at(i+1, j+1) + 1
				} else {
					*at(i, j) = max(*at(i+1, j), *at(i, j+1))
				}
			}
		}
		for i, j := 0, 0; i < n && j < m; {
			switch {
			case ma[i] == mb[j]:
				out = append(out, pair{p + i, p + j})
				i++
				j++
			case *at(i+1, j) >= *at(i, j+1):
				i++
			default:
				j++
			}
		}
	}
	for k := range s {
		out = append(out, pair{len(a) - s + k, len(b) - s + k})
	}
	return out
}

// Key helpers.

func field(name string) func(any) string {
	return func(v any) string { return canonical(get(v, name)) }
}

func fields(names ...string) func(any) string {
	return func(v any) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = canonical(get(v, n))
		}
		return strings.Join(parts, "\x1f")
	}
}

func get(v any, name string) any {
	if m, ok := v.(map[string]any); ok {
		return m[name]
	}
	return nil
}

func str(v any, name string) string {
	switch x := get(v, name).(type) {
	case string:
		return x
	case json.Number:
		return string(x)
	}
	return ""
}

func list(v any, name string) []any {
	l, _ := get(v, name).([]any)
	return l
}

// canonical renders a value as a key: compact JSON with sorted keys and
// numbers by value.
func canonical(v any) string {
	var sb strings.Builder
	writeCanonical(&sb, v)
	return sb.String()
}

func writeCanonical(sb *strings.Builder, v any) {
	switch x := v.(type) {
	case json.Number:
		if f, err := strconv.ParseFloat(string(x), 64); err == nil {
			sb.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
			return
		}
		sb.WriteString(string(x))
	case map[string]any:
		sb.WriteByte('{')
		for i, k := range keyOrder(nil, x, nil) {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(strconv.Quote(k))
			sb.WriteByte(':')
			writeCanonical(sb, x[k])
		}
		sb.WriteByte('}')
	case []any:
		sb.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				sb.WriteByte(',')
			}
			writeCanonical(sb, e)
		}
		sb.WriteByte(']')
	case string:
		sb.WriteString(strconv.Quote(x))
	case nil:
		sb.WriteString("null")
	default:
		b, _ := json.Marshal(x)
		sb.Write(b)
	}
}

func joinRow(v any) string {
	l, _ := v.([]any)
	parts := make([]string, len(l))
	for i, c := range l {
		if s, ok := c.(string); ok {
			parts[i] = s
		} else {
			parts[i] = render(c)
		}
	}
	return strings.Join(parts, " | ")
}
