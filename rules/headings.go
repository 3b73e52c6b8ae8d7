package rules

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
)

//go:embed headings.json
var headingsJSON []byte

// HeadingStyle is one numbering style of section headings (一、 （一） 1. …).
type HeadingStyle struct {
	Style   string         `json:"style"`
	Pattern string         `json:"pattern"` // groups: 1 number, 2 title
	Rank    int            `json:"rank"`    // nesting order: lower ranks enclose higher ones
	Number  string         `json:"number"`  // how the number is printed in the outline (%s = group 1)
	Re      *regexp.Regexp `json:"-"`
}

// HeadingRules lists heading styles and table-of-contents markers.
type HeadingRules struct {
	Styles         []HeadingStyle `json:"styles"`
	MaxTitleRunes  int            `json:"max_title_runes"`
	TOCTitles      []string       `json:"toc_titles"`
	TOCEndMinRunes int            `json:"toc_end_min_runes"`
}

// LoadHeadingRules parses the embedded heading rules and compiles them.
func LoadHeadingRules() (*HeadingRules, error) {
	var h HeadingRules
	if err := json.Unmarshal(headingsJSON, &h); err != nil {
		return nil, fmt.Errorf("rules: headings.json: %w", err)
	}
	for i := range h.Styles {
		re, err := regexp.Compile(h.Styles[i].Pattern)
		if err != nil {
			return nil, fmt.Errorf("rules: headings.json: style %s: %w", h.Styles[i].Style, err)
		}
		if re.NumSubexp() != 2 {
			return nil, fmt.Errorf("rules: headings.json: style %s: pattern needs 2 groups", h.Styles[i].Style)
		}
		h.Styles[i].Re = re
	}
	return &h, nil
}
