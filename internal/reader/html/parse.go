package htmlreader

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxOpenInline is the number of inline elements left open beyond which
// parse, on a page too deeply nested for the parser, drops the start tags
// of further ones.
const maxOpenInline = 64

// parse parses a page's text. golang.org/x/net/html refuses a page with
// more than 512 elements open at once ("html: open stack of elements
// exceeds 512 nodes"): nearly always editor or Word output with inline
// tags (<font>, <span> …) opened and never closed. parse then drops the
// start tags of inline elements opened while maxOpenInline of them are
// still open, with their end tags — that changes only the formatting, not
// the text — and parses again. A page still too deep is refused with an
// error that says which element is left open. Pages the parser accepts are
// parsed as they are.
func parse(text string) (*xhtml.Node, error) {
	root, err := xhtml.Parse(strings.NewReader(text))
	if err == nil || !tooDeep(err) {
		return root, err
	}
	if cleaned, changed := dropRunawayInline(text); changed {
		if root, err = xhtml.Parse(strings.NewReader(cleaned)); err == nil || !tooDeep(err) {
			return root, err
		}
	}
	tag, n := mostLeftOpen(text)
	return nil, fmt.Errorf("the page nests elements more than 512 deep (<%s> is opened %d times more than it is closed), so it cannot be read: open it in a browser and save it again, or save its text as .txt", tag, n)
}

// tooDeep reports whether err is the parser's refusal of a page nested too
// deeply.
func tooDeep(err error) bool {
	return strings.Contains(err.Error(), "open stack of elements exceeds")
}

// inlineTag reports whether a start tag is of an inline element whose
// dropping leaves the text as it is: formatting and phrasing elements, and
// the namespaced tags of Word's HTML (o:p, st1:chsdate …).
func inlineTag(name []byte) bool {
	switch atom.Lookup(name) {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Big, atom.Cite, atom.Code, atom.Del, atom.Dfn,
		atom.Em, atom.Font, atom.I, atom.Ins, atom.Kbd, atom.Label, atom.Mark, atom.Nobr, atom.Q, atom.S,
		atom.Samp, atom.Small, atom.Span, atom.Strike, atom.Strong, atom.Sub, atom.Sup, atom.Tt, atom.U, atom.Var:
		return true
	}
	return slices.Contains(name, ':')
}

// dropRunawayInline copies text token by token, leaving out the start
// tags of inline elements opened while maxOpenInline are open and the end
// tags that close them. changed reports whether any was left out.
func dropRunawayInline(text string) (out string, changed bool) {
	z := xhtml.NewTokenizer(strings.NewReader(text))
	var b strings.Builder
	b.Grow(len(text))
	open := 0
	kept := make(map[string][]bool) // by tag name: for each start tag not yet closed, whether it was kept
	for {
		tt := z.Next()
		raw := z.Raw() // before TagName, which lower-cases the name in place
		if tt == xhtml.ErrorToken {
			b.Write(raw)
			if !errors.Is(z.Err(), io.EOF) {
				return text, false
			}
			return b.String(), changed
		}
		if tt != xhtml.StartTagToken && tt != xhtml.EndTagToken {
			b.Write(raw)
			continue
		}
		raw = slices.Clone(raw)
		name, _ := z.TagName()
		if !inlineTag(name) {
			b.Write(raw)
			continue
		}
		key := string(name)
		if tt == xhtml.StartTagToken {
			keep := open < maxOpenInline
			kept[key] = append(kept[key], keep)
			if keep {
				open++
				b.Write(raw)
			} else {
				changed = true
			}
			continue
		}
		stack := kept[key]
		if len(stack) == 0 { // a stray end tag: the parser ignores it
			b.Write(raw)
			continue
		}
		keep := stack[len(stack)-1]
		kept[key] = stack[:len(stack)-1]
		if keep {
			open--
			b.Write(raw)
		}
	}
}

// mostLeftOpen is the tag opened most often more than it is closed, and by
// how many.
func mostLeftOpen(text string) (string, int) {
	z := xhtml.NewTokenizer(strings.NewReader(text))
	net := make(map[string]int)
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			tag, n := "", 0
			for t, c := range net {
				if c > n || c == n && t < tag {
					tag, n = t, c
				}
			}
			return tag, n
		case xhtml.StartTagToken:
			name, _ := z.TagName()
			net[string(name)]++
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			net[string(name)]--
		}
	}
}
