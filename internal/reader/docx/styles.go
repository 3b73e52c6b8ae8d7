package docx

import (
	"encoding/xml"
	"strings"
)

// style is one paragraph (or numbering) style of styles.xml.
type style struct {
	id, name, basedOn string
	outline           int    // w:outlineLvl 0..9, -1 when unset
	numID             string // w:numPr/w:numId, "" when unset
	hasNumID          bool
	ilvl              int // w:numPr/w:ilvl, -1 when unset
}

// styleSheet holds the paragraph styles by ID.
type styleSheet struct {
	byID         map[string]*style
	defaultStyle string // ID of the default paragraph style
}

// maxChain bounds w:basedOn walks (cycles are possible in broken files).
const maxChain = 32

func parseStyles(b []byte, part string) (*styleSheet, error) {
	x := newXMLReader(b, part)
	st := &styleSheet{byID: map[string]*style{}}
	err := x.walk(func(se xml.StartElement) error {
		if !isW(se.Name) {
			return x.skip()
		}
		switch se.Name.Local {
		case "styles":
			return errDescend
		case "style":
			typ := attr(se, "type")
			if typ != "" && typ != "paragraph" && typ != "numbering" {
				return x.skip()
			}
			s := &style{id: attr(se, "styleId"), outline: -1, ilvl: -1}
			if err := x.children(func(c xml.StartElement) error {
				if !isW(c.Name) {
					return x.skip()
				}
				switch c.Name.Local {
				case "name":
					s.name = attr(c, "val")
				case "basedOn":
					s.basedOn = attr(c, "val")
				case "pPr":
					return x.children(func(pc xml.StartElement) error {
						if !isW(pc.Name) {
							return x.skip()
						}
						switch pc.Name.Local {
						case "outlineLvl":
							s.outline = intAttr(pc, "val", -1)
						case "numPr":
							return x.numPr(&s.numID, &s.hasNumID, &s.ilvl)
						}
						return x.skip()
					})
				}
				return x.skip()
			}); err != nil {
				return err
			}
			if _, dup := st.byID[s.id]; !dup {
				st.byID[s.id] = s
			}
			if typ != "numbering" && onOff(attrOK(se, "default")) && st.defaultStyle == "" {
				st.defaultStyle = s.id
			}
			return nil
		}
		return x.skip()
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// chain returns the style and its w:basedOn ancestors, nearest first. An
// empty id means the default paragraph style.
func (st *styleSheet) chain(id string) []*style {
	if st == nil {
		return nil
	}
	if id == "" {
		id = st.defaultStyle
	}
	var out []*style
	for i := 0; i < maxChain && id != ""; i++ {
		s := st.byID[id]
		if s == nil {
			break
		}
		out = append(out, s)
		id = s.basedOn
	}
	return out
}

// headingLevel returns the heading level 1..9 of a paragraph with the given
// style ID and direct w:outlineLvl (-1 when unset), or 0 for body text. The
// paragraph's own outline level wins; then, walking the w:basedOn chain, the
// first style that states an outline level or has a heading name decides.
func (st *styleSheet) headingLevel(styleID string, outline int) int {
	if outline >= 0 {
		return outlineToLevel(outline)
	}
	for _, s := range st.chain(styleID) {
		if s.outline >= 0 {
			return outlineToLevel(s.outline)
		}
		if lvl := headingName(s.name); lvl > 0 {
			return lvl
		}
	}
	return 0
}

func outlineToLevel(o int) int {
	if o >= 0 && o <= 8 {
		return o + 1
	}
	return 0 // 9 is "body text"
}

// headingName returns the level a style name announces: "heading 1",
// "Heading1", "标题 1" → 1 …; "Title", "标题" → 1; otherwise 0. 标题 is the
// name Chinese Word writes for its built-in heading and title styles: file
// format mechanics, not plan vocabulary, so it stays here.
func headingName(name string) int {
	n := strings.ToLower(strings.Join(strings.Fields(name), ""))
	switch n {
	case "title", "标题": // Word's localised style name
		return 1
	}
	for _, prefix := range []string{"heading", "标题"} { // Word's localised style name
		if rest, ok := strings.CutPrefix(n, prefix); ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
			return int(rest[0] - '0')
		}
	}
	return 0
}
