package rules

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

//go:embed headings.json
var headingsJSON []byte

// HeadingStyle is one numbering style of section headings (一、 （一） 1. …).
type HeadingStyle struct {
	Style   string `json:"style"`
	Pattern string `json:"pattern"` // groups: 1 number, 2 title
	Rank    int    `json:"rank"`    // nesting order: lower ranks enclose higher ones
	Number  string `json:"number"`  // how the number is printed in the outline (%s = group 1)
	re      *regexp.Regexp
}

// HeadingRules are the numbering styles of section headings and the
// table-of-contents markers. Built by LoadHeadingRules; immutable and safe
// for concurrent use.
type HeadingRules struct {
	f headingsFile
}

type headingsFile struct {
	Comment        json.RawMessage `json:"_comment,omitempty"`
	Styles         []HeadingStyle  `json:"styles"`
	MaxTitleRunes  int             `json:"max_title_runes"`
	TOCTitles      []string        `json:"toc_titles"`
	TOCEndMinRunes int             `json:"toc_end_min_runes"`
	SectionRank    int             `json:"section_rank"`
}

// LoadHeadingRules parses the embedded heading rules and compiles them.
func LoadHeadingRules() (*HeadingRules, error) { return parseHeadingRules(headingsJSON) }

func parseHeadingRules(data []byte) (*HeadingRules, error) {
	const file = "headings.json"
	h := &HeadingRules{}
	if err := decodeStrict(file, data, &h.f); err != nil {
		return nil, err
	}
	if err := emptyKey(file, "styles", len(h.f.Styles)); err != nil {
		return nil, err
	}
	if err := emptyKey(file, "max_title_runes", h.f.MaxTitleRunes); err != nil {
		return nil, err
	}
	for i := range h.f.Styles {
		s := &h.f.Styles[i]
		re, err := compileRule(file, "styles."+s.Style+".pattern", s.Pattern, 2)
		if err != nil {
			return nil, err
		}
		if s.Rank < 1 || !strings.Contains(s.Number, "%s") {
			return nil, fmt.Errorf("rules: %s: style %s: needs a rank ≥ 1 and a number with %%s", file, s.Style)
		}
		s.re = re
	}
	return h, nil
}

// Heading is a numbered heading line read by Match.
type Heading struct {
	Style  string // style name (chapter, cn, paren_cn …)
	Rank   int    // nesting order: lower ranks enclose higher ones
	Number string // the number as printed in the outline (第一章, 一, 1)
	Title  string // the text after the number
	// TooLong is set when the line opens with a heading number but its text
	// reads as a body paragraph (longer than max_title_runes, or a sentence
	// ends inside it).
	TooLong bool
}

// Match reads s as a numbered heading: the first style whose pattern matches
// with a non-empty title. ok is false when no style matches; a match whose
// title is a sentence is returned with TooLong set.
func (h *HeadingRules) Match(s string) (Heading, bool) {
	for _, st := range h.f.Styles {
		m := st.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		title := strings.TrimSpace(m[2])
		if title == "" {
			continue
		}
		hd := Heading{Style: st.Style, Rank: st.Rank, Number: fmt.Sprintf(st.Number, m[1]), Title: title}
		hd.TooLong = !h.headingTitle(title)
		return hd, true
	}
	return Heading{}, false
}

// OpensSection reports whether s opens with the number of a section-level
// heading (第一章, 第二节, 一、, （一）: rank up to section_rank), whatever
// follows: such a line ends a table cell's run-on text.
func (h *HeadingRules) OpensSection(s string) bool {
	for _, st := range h.f.Styles {
		if st.Rank <= h.f.SectionRank && st.re.MatchString(s) {
			return true
		}
	}
	return false
}

// headingTitle reports whether a numbered line's text reads as a heading
// rather than a numbered body paragraph: short, and no sentence ends inside
// it.
func (h *HeadingRules) headingTitle(t string) bool {
	if utf8.RuneCountInString(t) > h.f.MaxTitleRunes {
		return false
	}
	body := strings.TrimRight(t, "。. ")
	if strings.ContainsAny(body, "。；;") {
		return false
	}
	// A full sentence with clauses is a numbered body paragraph.
	return !(strings.HasSuffix(t, "。") && strings.ContainsAny(body, "，,"))
}

// IsTOCTitle reports whether s is the title of a table of contents (目录).
func (h *HeadingRules) IsTOCTitle(s string) bool { return slices.Contains(h.f.TOCTitles, s) }

// TOCEndMinRunes is the length of the first paragraph that ends a table of
// contents: entries are shorter.
func (h *HeadingRules) TOCEndMinRunes() int { return h.f.TOCEndMinRunes }
