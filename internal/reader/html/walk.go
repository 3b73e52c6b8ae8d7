package htmlreader

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/guihua-project/guihua/internal/docmodel"
)

// itemKind is the kind of a rendered item, before line numbers are known.
type itemKind int

const (
	itPara itemKind = iota
	itHeading
	itTable
	itBox
)

// item is one block as the walker renders it; assemble numbers its lines.
type item struct {
	kind  itemKind
	level int      // heading level
	lines []string // paragraph: its line; heading: its lines; box: title, then paragraphs
	rows  [][]gcell
}

// Thresholds of the chrome and box heuristics.
const (
	substantialRunes  = 400  // chrome-named element kept when it holds this much text…
	maxLinkShare      = 0.3  // …with at most this share of link text
	printRunes        = 100  // a "print"-named element this long is content
	linkListLinks     = 3    // a list of at least this many links…
	linkListShare     = 0.8  // …making up this share of the text is dropped
	breadcrumbRunes   = 200  // a "当前位置" element is at most this long
	boxTitleRunes     = 50   // unlabelled box title at most this long
	boxMaxParas       = 80   // unlabelled box at most this many paragraphs
	boxMaxRunes       = 8000 // and this much text
	layoutCellRunes   = 800  // a cell this long with several blocks is layout
	layoutCellBlocks  = 3
	nestedTableRows   = 3   // a nested table this big makes its table layout
	nestedTableRunes  = 200 //
	maxGridWidth      = 256 // columns of a grid
	maxGridCellWrites = 1 << 20
)

// walker renders a subtree into items.
type walker struct {
	r     *reader
	items []item
	in    inline
	pre   int // inside <pre>
}

func (r *reader) newWalker() *walker { return &walker{r: r} }

// flush ends the current line as a paragraph.
func (w *walker) flush() {
	if s := w.in.take(); s != "" {
		w.items = append(w.items, item{kind: itPara, lines: []string{s}})
	}
}

func (w *walker) walkChildren(n *xhtml.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
}

func (w *walker) walk(n *xhtml.Node, depth int) {
	if depth > maxDepth {
		return
	}
	switch n.Type {
	case xhtml.DocumentNode:
		w.walkChildren(n, depth)
		return
	case xhtml.TextNode:
		w.text(n.Data)
		return
	case xhtml.ElementNode:
	default:
		return
	}
	if w.r.metaNodes[n] {
		w.flush()
		w.headingsIn(n, depth)
		return
	}
	if w.r.dropped(n) {
		return
	}
	a := n.DataAtom
	switch {
	case a == atom.Br:
		w.flush()
	case isHeading(a):
		w.flush()
		w.heading(n, depth)
	case a == atom.Table:
		w.flush()
		w.table(n, depth)
	case a == atom.Pre:
		w.flush()
		w.pre++
		w.walkChildren(n, depth)
		w.pre--
		w.flush()
	case isBlock(a):
		w.flush()
		if boxCandidate(n) {
			w.boxDiv(n, depth)
		} else {
			w.walkChildren(n, depth)
		}
		w.flush()
	default:
		w.walkChildren(n, depth)
	}
}

func (w *walker) text(s string) {
	if w.pre == 0 {
		w.in.add(s)
		return
	}
	for i, part := range strings.Split(s, "\n") {
		if i > 0 {
			w.flush()
		}
		w.in.add(part)
	}
}

// headingsIn renders only the headings inside a metadata block.
func (w *walker) headingsIn(n *xhtml.Node, depth int) {
	if depth > maxDepth {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != xhtml.ElementNode || hardDrop(c.DataAtom) || hidden(c) {
			continue
		}
		if isHeading(c.DataAtom) {
			w.heading(c, depth+1)
		} else {
			w.headingsIn(c, depth+1)
		}
	}
}

// sub renders the children of n with a fresh walker.
func (w *walker) sub(n *xhtml.Node, depth int) []item {
	s := w.r.newWalker()
	s.walkChildren(n, depth)
	s.flush()
	return s.items
}

func (w *walker) heading(n *xhtml.Node, depth int) {
	items := w.sub(n, depth)
	lines, ok := textLines(items)
	if !ok {
		w.items = append(w.items, items...)
		return
	}
	if len(lines) > 0 {
		level := int(n.Data[1] - '0')
		w.items = append(w.items, item{kind: itHeading, level: level, lines: lines})
	}
}

// textLines returns the lines of paragraph and heading items; ok is false
// when there are tables or boxes among them.
func textLines(items []item) (lines []string, ok bool) {
	for _, it := range items {
		switch it.kind {
		case itPara, itHeading:
			lines = append(lines, it.lines...)
		default:
			return nil, false
		}
	}
	return lines, true
}

func hasHeading(items []item) bool {
	for _, it := range items {
		if it.kind == itHeading {
			return true
		}
	}
	return false
}

// boxDiv renders a bordered div: a Box when its text reads as one, with
// the table it holds below its paragraphs, if any.
func (w *walker) boxDiv(n *xhtml.Node, depth int) {
	items := w.sub(n, depth)
	if box, ok := w.r.tableBox(items); ok {
		w.items = append(w.items, box)
		return
	}
	if lines, ok := textLines(items); ok {
		if box, ok := w.r.makeBox(lines, !hasHeading(items)); ok {
			w.items = append(w.items, item{kind: itBox, lines: box})
			return
		}
	}
	w.items = append(w.items, items...)
}

// tableBox reads rendered items as a box holding a table (a 专栏 of
// 项目名称 | 建设内容 rows): paragraphs, the first naming the box (a 专栏
// label, or a short title naming projects), then one table and nothing
// after it.
func (r *reader) tableBox(items []item) (item, bool) {
	if len(items) < 2 || items[len(items)-1].kind != itTable {
		return item{}, false
	}
	var lines []string
	for _, it := range items[:len(items)-1] {
		if it.kind != itPara {
			return item{}, false
		}
		lines = append(lines, it.lines...)
	}
	title := docmodel.Normalize(lines[0])
	if !r.blocks.OpensWithBoxWord(title) && !(len(lines) == 1 && r.blocks.NamesProjects(title)) {
		return item{}, false
	}
	box, ok := r.makeBox(lines, false)
	if !ok {
		box = lines
	}
	return item{kind: itBox, lines: box, rows: items[len(items)-1].rows}, true
}

// makeBox reads paragraphs (rendered lines) as a box: title first, then the
// body paragraphs; it recognises them on their normalised text. A 专栏 box
// is always taken, a label alone joined to the next paragraph; an
// unlabelled one (allowed only when unlabelled is true) needs a short title
// and either a word naming projects in it or mostly numbered items.
func (r *reader) makeBox(paras []string, unlabelled bool) ([]string, bool) {
	if len(paras) == 0 {
		return nil, false
	}
	norm := make([]string, len(paras))
	for i, p := range paras {
		norm[i] = docmodel.Normalize(p)
	}
	if r.blocks.OpensWithBoxWord(norm[0]) {
		if r.blocks.IsBoxLabelOnly(norm[0]) && len(paras) > 1 {
			title := paras[0] + " " + paras[1]
			if isColon(lastRune(norm[0])) {
				title = paras[0] + paras[1]
			}
			return append([]string{title}, paras[2:]...), true
		}
		return paras, true
	}
	if !unlabelled || len(paras) < 2 || len(paras) > boxMaxParas {
		return nil, false
	}
	title := norm[0]
	if utf8.RuneCountInString(title) > boxTitleRunes || r.blocks.IsListItem(title) ||
		r.blocks.HasSentenceMark(string(lastRune(title))) {
		return nil, false
	}
	total := 0
	num := 0
	for _, p := range norm {
		total += utf8.RuneCountInString(p)
	}
	for _, p := range norm[1:] {
		if r.blocks.IsListItem(p) {
			num++
		}
	}
	if total > boxMaxRunes {
		return nil, false
	}
	if !r.blocks.NamesProjects(title) && 2*num < len(paras)-1 {
		return nil, false
	}
	return paras, true
}

// boxCandidate reports a div-like element drawn as a box: a border in its
// style, or a class naming a box (box, zl, zhuanlan, kuang).
func boxCandidate(n *xhtml.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Fieldset, atom.Aside, atom.Blockquote:
	default:
		return false
	}
	cls := strings.ToLower(attr(n, "class"))
	for _, k := range []string{"box", "zl", "zhuanlan", "kuang"} {
		if strings.Contains(cls, k) {
			return true
		}
	}
	return bordered(attr(n, "style"))
}

// bordered reports a CSS style drawing a border all around (or on at least
// three sides).
func bordered(style string) bool {
	if style == "" {
		return false
	}
	sides := 0
	for _, decl := range strings.Split(strings.ToLower(style), ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		prop = strings.TrimSpace(prop)
		val = strings.TrimSpace(val)
		if !strings.HasPrefix(prop, "border") || strings.Contains(prop, "radius") ||
			strings.Contains(prop, "color") || strings.Contains(prop, "collapse") || strings.Contains(prop, "spacing") {
			continue
		}
		if val == "" || strings.Contains(val, "none") || strings.Contains(val, "hidden") ||
			val == "0" || strings.HasPrefix(val, "0px") || strings.HasPrefix(val, "0 ") {
			continue
		}
		switch prop {
		case "border", "border-style", "border-width":
			return true
		case "border-top", "border-bottom", "border-left", "border-right":
			sides++
		}
	}
	return sides >= 3
}

// hardDrop lists elements never read: scripts, styles, embedded objects,
// form controls and the document head.
func hardDrop(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Frame, atom.Frameset,
		atom.Object, atom.Embed, atom.Applet, atom.Svg, atom.Math, atom.Canvas, atom.Template,
		atom.Head, atom.Title, atom.Meta, atom.Link, atom.Button, atom.Select, atom.Option,
		atom.Input, atom.Textarea, atom.Audio, atom.Video, atom.Map, atom.Img, atom.Dialog:
		return true
	}
	return false
}

// Site chrome as CSS selectors, matched with goquery: structural chrome
// elements and elements whose class or id names chrome are dropped unless
// they hold substantial text with few links; print wrappers only when small.
const softDropSelector = "nav,header,footer,form,menu"

// chromeWords are class/id fragments naming site chrome; chromeTokens are
// names too short or too common to match inside other names, matched as
// whole class tokens or the whole id.
var (
	chromeWords = []string{
		"nav", "menu", "footer", "header", "share", "breadcrumb", "crumb", "sidebar",
		"side-bar", "side_bar", "toolbar", "tool-bar", "tool_bar", "copyright",
		"分享", // a class name some sites write in Chinese: page mechanics, not plan vocabulary
		"jiathis", "topbar", "top-bar", "banner", "search", "login", "location",
		"qrcode", "erweima", "skip",
	}
	chromeTokens = []string{"position", "pos", "dqwz", "weizhi", "foot", "top", "bottom", "head"}
)

// chromeSelector builds the selector of elements whose class or id names
// site chrome.
func chromeSelector() string {
	var parts []string
	for _, w := range chromeWords {
		parts = append(parts, fmt.Sprintf(`[class*=%q i]`, w), fmt.Sprintf(`[id*=%q i]`, w))
	}
	for _, t := range chromeTokens {
		parts = append(parts, fmt.Sprintf(`[class~=%q i]`, t), fmt.Sprintf(`[id=%q i]`, t))
	}
	return strings.Join(parts, ",")
}

const printSelector = `[class*="print" i],[id*="print" i]`

// findChrome marks the site chrome of the page in r.drop, using the text
// statistics to keep a chrome-named wrapper that holds the article.
func (r *reader) findChrome(root *xhtml.Node) {
	page := goquery.NewDocumentFromNode(root)
	mark := func(sel *goquery.Selection, keep func(*xhtml.Node) bool) {
		sel.Each(func(_ int, s *goquery.Selection) {
			if n := s.Get(0); !keep(n) {
				r.drop[n] = true
			}
		})
	}
	substantial := func(n *xhtml.Node) bool {
		s := r.st[n]
		return s.runes >= substantialRunes && float64(s.linkRunes) < maxLinkShare*float64(s.runes)
	}
	chrome := chromeSelector()
	mark(page.Find(softDropSelector+","+chrome), substantial)
	// print wrappers such as id="printContent" often hold the article
	mark(page.Find(printSelector).Not(chrome), func(n *xhtml.Node) bool {
		s := r.st[n]
		return s.runes >= printRunes && float64(s.linkRunes) < maxLinkShare*float64(s.runes)
	})
}

// hidden reports an element not displayed.
func hidden(n *xhtml.Node) bool {
	if hasAttr(n, "hidden") {
		return true
	}
	st := attr(n, "style")
	if st == "" {
		return false
	}
	st = strings.ToLower(strings.Join(strings.Fields(st), ""))
	return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")
}

// dropped reports site chrome to leave out of the rendering.
func (r *reader) dropped(n *xhtml.Node) bool {
	if hardDrop(n.DataAtom) || r.drop[n] || hidden(n) {
		return true
	}
	s := r.st[n]
	switch n.DataAtom {
	case atom.Div, atom.Ul, atom.Ol, atom.Dl, atom.P, atom.Span, atom.Section, atom.Table,
		atom.Td, atom.Tr, atom.Li, atom.Center, atom.Font:
		if s.links >= linkListLinks && float64(s.linkRunes) >= linkListShare*float64(s.runes) {
			return true
		}
		if s.runes > 0 && s.runes < breadcrumbRunes {
			if r.blocks.IsBreadcrumb(docmodel.Normalize(r.textOf(n, 20))) {
				return true
			}
		}
	}
	return false
}

// textOf returns up to limit runes of n's text (scripts etc. excluded).
func (r *reader) textOf(n *xhtml.Node, limit int) string {
	var b strings.Builder
	count := 0
	var rec func(*xhtml.Node, int)
	rec = func(n *xhtml.Node, depth int) {
		if depth > maxDepth || count >= limit {
			return
		}
		for c := n.FirstChild; c != nil && count < limit; c = c.NextSibling {
			switch c.Type {
			case xhtml.TextNode:
				for _, x := range c.Data {
					if count >= limit {
						break
					}
					if !isSpace(x) {
						count++
					}
					b.WriteRune(x)
				}
			case xhtml.ElementNode:
				if !hardDrop(c.DataAtom) && !hidden(c) {
					rec(c, depth+1)
				}
			}
		}
	}
	rec(n, 0)
	return b.String()
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// isBlock reports elements that start and end a line.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Center,
		atom.Dd, atom.Details, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset,
		atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr, atom.Html, atom.Li,
		atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary,
		atom.Table, atom.Tr, atom.Td, atom.Th, atom.Caption, atom.Tbody, atom.Thead,
		atom.Tfoot, atom.Legend, atom.Ul, atom.Noscript:
		return true
	}
	return false
}
