package htmlreader

import (
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/guihua-project/guihua/internal/docmodel"
)

const (
	metaMaxRunes     = 2000 // a metadata block is never longer
	metaGenericRunes = 8    // an unknown "label：" cell at most this long
)

// metaPair is one label/value pair read from a metadata block.
type metaPair struct{ label, value string }

// metaScan is what scanMeta reads from an element.
type metaScan struct {
	pairs   []metaPair
	known   map[string]bool // distinct known labels
	labels  int             // label tokens, known or not
	covered bool            // every line is label/value text
}

// findMeta looks, top down, for metadata blocks. An element of at most
// metaMaxRunes with two or more distinct known labels — or a set of sibling
// elements holding one known label each, two or more together — is refined
// (see refine) into the parts that hold only label/value text; those are
// recorded in r.metaNodes and their pairs in r.meta (first value wins).
func (r *reader) findMeta(n *xhtml.Node, depth int) {
	if depth > maxDepth {
		return
	}
	type single struct {
		n *xhtml.Node
		m metaScan
	}
	var singles []single
	known := map[string]bool{}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode || hardDrop(c.DataAtom) {
			continue
		}
		s := r.st[c]
		if s.runes > metaMaxRunes {
			r.findMeta(c, depth+1)
			continue
		}
		if s.runes < 4 || !s.labelish {
			continue
		}
		m := r.scanMeta(c)
		switch {
		case len(m.known) >= 2:
			r.refine(c, m, depth+1)
		case len(m.known) == 1:
			singles = append(singles, single{c, m})
			for k := range m.known {
				known[k] = true
			}
		}
	}
	if len(known) >= 2 {
		for _, s := range singles {
			r.refine(s.n, s.m, depth+1)
		}
	}
}

// refine takes n as a metadata block when every line of it is label/value
// text (a table row is taken whole when it has a label); otherwise, unless
// n holds running text of its own, it goes on with the children that hold
// labels, leaving the others to the body.
func (r *reader) refine(n *xhtml.Node, m metaScan, depth int) {
	if m.labels == 0 || depth > maxDepth {
		return
	}
	if m.covered || n.DataAtom == atom.Tr {
		r.metaNodes[n] = true
		for _, p := range m.pairs {
			r.addMeta(p.label, p.value)
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.TextNode && strings.TrimFunc(c.Data, isSpace) != "" {
			return // running text: never split off a piece of a line
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode || hardDrop(c.DataAtom) || isHeading(c.DataAtom) {
			continue
		}
		r.refine(c, r.scanMeta(c), depth+1)
	}
}

// addMeta records a pair read from a metadata block, its value normalised.
func (r *reader) addMeta(label, value string) {
	value = docmodel.Normalize(value)
	if label == "" || value == "" {
		return
	}
	if _, seen := r.meta[label]; seen {
		return
	}
	r.meta[label] = value
	r.metaOrder = append(r.metaOrder, label)
}

// scanMeta reads n's text as label/value pairs. A line is covered when it
// starts with a label, or holds only text and follows a line ending with a
// label without value (dt/dd, label div/value div).
func (r *reader) scanMeta(n *xhtml.Node) metaScan {
	var sb segBuilder
	sb.walk(n, 0)
	sb.endLine()

	m := metaScan{known: map[string]bool{}, covered: true}
	pending := -1 // index in pairs of a label left without value at line end
	for _, line := range sb.lines {
		var toks []labelTok
		for _, seg := range line {
			toks = append(toks, r.scanLabels(seg)...)
		}
		if len(toks) == 0 {
			continue
		}
		if toks[0].label == "" && pending < 0 {
			m.covered = false
		}
		cur := -1
		for _, t := range toks {
			switch {
			case t.label != "":
				if t.known {
					m.known[t.label] = true
				}
				m.labels++
				m.pairs = append(m.pairs, metaPair{label: t.label})
				cur = len(m.pairs) - 1
			case cur >= 0:
				m.pairs[cur].value = joinValue(m.pairs[cur].value, t.text)
			case pending >= 0:
				m.pairs[pending].value = joinValue(m.pairs[pending].value, t.text)
			}
		}
		pending = -1
		if cur >= 0 && m.pairs[cur].value == "" {
			pending = cur
		}
	}
	return m
}

// joinValue joins the pieces of a value printed over several segments or
// lines; addMeta normalises the whole value, so the separating space stays
// only between Latin words.
func joinValue(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + " " + b
}

// labelTok is a piece of a metadata segment: a label or the text after it.
type labelTok struct {
	label string
	known bool
	text  string
}

// scanLabels splits one segment (a cell or inline run) into labels and text,
// reading its normalised text (so "索  引 号" is the label 索引号). A known
// label is taken where a colon follows it, or when it makes up the whole
// segment (a label cell without colon). A whole segment of at most
// metaGenericRunes ending with a colon is taken as an unknown label.
func (r *reader) scanLabels(seg string) []labelTok {
	s := docmodel.Normalize(seg)
	if s == "" {
		return nil
	}
	var out []labelTok
	start := 0
	for i := 0; i < len(s); {
		name, end, colon := r.matchLabel(s, i)
		if name == "" || !colon && !(i == 0 && end == len(s)) {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		if t := strings.TrimSpace(s[start:i]); t != "" {
			out = append(out, labelTok{text: t})
		}
		out = append(out, labelTok{label: name, known: true})
		start = end
		i = end
	}
	if start == 0 && len(out) == 0 {
		// An unknown label cell: "主题：", "有效期：".
		if isColon(lastRune(s)) && utf8.RuneCountInString(s) <= metaGenericRunes+1 {
			if name := strings.TrimRight(s, "：:"); name != "" {
				return []labelTok{{label: name}}
			}
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, labelTok{text: t})
	}
	return out
}

func isColon(r rune) bool { return r == '：' || r == ':' }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// matchLabel matches a known metadata label at s[i:] (normalised text),
// the longest first. end is just past the label and its colon.
func (r *reader) matchLabel(s string, i int) (name string, end int, colon bool) {
	rest := s[i:]
	for _, l := range r.labels {
		if !strings.HasPrefix(rest, l) {
			continue
		}
		end = i + len(l)
		if c, size := utf8.DecodeRuneInString(s[end:]); isColon(c) {
			return l, end + size, true
		}
		return l, end, false
	}
	return "", i, false
}

// segBuilder renders a metadata block as lines of segments: a table cell or
// a run of inline text is one segment; block elements and <br> end lines.
// Headings are left out (they are rendered in the body).
type segBuilder struct {
	lines [][]string
	cur   []string
	in    inline
}

func (b *segBuilder) endSeg() {
	if s := b.in.take(); s != "" {
		b.cur = append(b.cur, s)
	}
}

func (b *segBuilder) endLine() {
	b.endSeg()
	if len(b.cur) > 0 {
		b.lines = append(b.lines, b.cur)
		b.cur = nil
	}
}

func (b *segBuilder) walk(n *xhtml.Node, depth int) {
	if depth > maxDepth {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case xhtml.TextNode:
			b.in.add(c.Data)
		case xhtml.ElementNode:
			a := c.DataAtom
			switch {
			case hardDrop(a), hidden(c), isHeading(a):
				continue
			case a == atom.Br:
				b.endLine()
			case a == atom.Td || a == atom.Th:
				b.endSeg()
				b.walk(c, depth+1)
				b.endSeg()
			case isBlock(a):
				b.endLine()
				b.walk(c, depth+1)
				b.endLine()
			default:
				b.walk(c, depth+1)
			}
		}
	}
}
