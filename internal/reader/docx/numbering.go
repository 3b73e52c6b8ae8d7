package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guihua-project/guihua/rules"
)

// level is one w:lvl of an abstract numbering definition.
type level struct {
	start   int
	fmt     string // w:numFmt
	text    string // w:lvlText
	restart int    // w:lvlRestart: -1 unset (restart after any higher level), 0 never, n after level n (1-based)
	isLgl   bool
	suff    string // w:suff: tab (default), space, nothing
	pStyle  string
	defined bool
}

type abstractNum struct {
	levels        [9]level
	numStyleLink  string
	hasLevelsDefs bool
}

type numInstance struct {
	abstractID string
	override   [9]*level // full w:lvl overrides
	startOver  [9]int    // w:startOverride, 0 when unset (stored +1 so 0 is a valid start)
	hasOver    bool
}

// counter is the running state of one abstract numbering definition.
type counter struct {
	val     [9]int
	started [9]bool
}

// numbering is numbering.xml plus the counters of one read.
type numbering struct {
	abstracts map[string]*abstractNum
	nums      map[string]*numInstance
	counters  map[string]*counter
	seen      map[string]bool // numIds used so far (start overrides apply once)
	styles    *styleSheet
	numerals  *rules.Numerals
}

func newNumbering(num *rules.Numerals) *numbering {
	return &numbering{
		numerals:  num,
		abstracts: map[string]*abstractNum{},
		nums:      map[string]*numInstance{},
		counters:  map[string]*counter{},
		seen:      map[string]bool{},
	}
}

func parseNumbering(b []byte, part string, num *rules.Numerals) (*numbering, error) {
	x := newXMLReader(b, part)
	nb := newNumbering(num)
	err := x.walk(func(se xml.StartElement) error {
		if isMC(se.Name) && (se.Name.Local == "AlternateContent" || se.Name.Local == "Choice") {
			return errDescend
		}
		if !isW(se.Name) {
			return x.skip()
		}
		switch se.Name.Local {
		case "numbering":
			return errDescend
		case "abstractNum":
			id := attr(se, "abstractNumId")
			an := &abstractNum{}
			if err := x.children(func(c xml.StartElement) error {
				if !isW(c.Name) {
					return x.skip()
				}
				switch c.Name.Local {
				case "lvl":
					i := intAttr(c, "ilvl", 0)
					lv, err := x.level()
					if err != nil {
						return err
					}
					if i >= 0 && i < 9 {
						an.levels[i] = lv
						an.hasLevelsDefs = true
					}
					return nil
				case "numStyleLink":
					an.numStyleLink = attr(c, "val")
				}
				return x.skip()
			}); err != nil {
				return err
			}
			if _, dup := nb.abstracts[id]; !dup {
				nb.abstracts[id] = an
			}
			return nil
		case "num":
			id := attr(se, "numId")
			ni := &numInstance{}
			if err := x.children(func(c xml.StartElement) error {
				if !isW(c.Name) {
					return x.skip()
				}
				switch c.Name.Local {
				case "abstractNumId":
					ni.abstractID = attr(c, "val")
				case "lvlOverride":
					i := intAttr(c, "ilvl", 0)
					return x.children(func(o xml.StartElement) error {
						if !isW(o.Name) || i < 0 || i >= 9 {
							return x.skip()
						}
						switch o.Name.Local {
						case "startOverride":
							ni.startOver[i] = intAttr(o, "val", 0) + 1
							ni.hasOver = true
						case "lvl":
							lv, err := x.level()
							if err != nil {
								return err
							}
							ni.override[i] = &lv
							if lv.defined {
								ni.startOver[i] = lv.start + 1
								ni.hasOver = true
							}
							return nil
						}
						return x.skip()
					})
				}
				return x.skip()
			}); err != nil {
				return err
			}
			if _, dup := nb.nums[id]; !dup {
				nb.nums[id] = ni
			}
			return nil
		}
		return x.skip()
	})
	if err != nil {
		return nil, err
	}
	return nb, nil
}

// level reads a w:lvl element. A numFmt inside mc:AlternateContent is read
// from mc:Choice unless that is a w14 "custom" format, then from mc:Fallback.
func (x *xmlReader) level() (level, error) {
	// The schema's default start is 0; files that omit w:start come from
	// tools that expect counting from 1, so 1 is assumed.
	lv := level{start: 1, fmt: "decimal", restart: -1, suff: "tab", defined: true}
	var choiceFmt, fallbackFmt, directFmt string
	var visit func(where int) func(xml.StartElement) error
	visit = func(where int) func(xml.StartElement) error {
		return func(c xml.StartElement) error {
			if isMC(c.Name) {
				switch c.Name.Local {
				case "AlternateContent":
					return x.children(visit(where))
				case "Choice":
					return x.children(visit(1))
				case "Fallback":
					return x.children(visit(2))
				}
				return x.skip()
			}
			if !isW(c.Name) {
				return x.skip()
			}
			switch c.Name.Local {
			case "start":
				lv.start = intAttr(c, "val", 1)
			case "numFmt":
				v := attr(c, "val")
				switch where {
				case 1:
					choiceFmt = v
				case 2:
					fallbackFmt = v
				default:
					directFmt = v
				}
			case "lvlText":
				lv.text = attr(c, "val")
			case "lvlRestart":
				lv.restart = intAttr(c, "val", -1)
			case "isLgl":
				lv.isLgl = onOff(attrOK(c, "val"))
				if _, ok := attrOK(c, "val"); !ok {
					lv.isLgl = true
				}
			case "suff":
				lv.suff = attr(c, "val")
			case "pStyle":
				lv.pStyle = attr(c, "val")
			}
			return x.skip()
		}
	}
	err := x.children(visit(0))
	switch {
	case directFmt != "":
		lv.fmt = directFmt
	case choiceFmt != "" && choiceFmt != "custom":
		lv.fmt = choiceFmt
	case fallbackFmt != "":
		lv.fmt = fallbackFmt
	}
	return lv, err
}

// resolveAbstract follows w:num → w:abstractNum, and a w:numStyleLink
// through its numbering style to the definition that holds the levels.
func (nb *numbering) resolveAbstract(numID string) (string, *abstractNum, *numInstance) {
	ni := nb.nums[numID]
	if ni == nil {
		return "", nil, nil
	}
	id := ni.abstractID
	for i := 0; i < maxChain; i++ {
		an := nb.abstracts[id]
		if an == nil {
			return "", nil, nil
		}
		if an.hasLevelsDefs || an.numStyleLink == "" {
			return id, an, ni
		}
		// Follow the numbering style to its w:num.
		var next string
		for _, s := range nb.styles.chain(an.numStyleLink) {
			if s.hasNumID {
				next = s.numID
				break
			}
		}
		nn := nb.nums[next]
		if nn == nil || nn.abstractID == id {
			return id, an, ni
		}
		id = nn.abstractID
	}
	return "", nil, nil
}

// label advances the counters for a numbered paragraph and returns its
// rendered number ("一、", "（二）", "3.") and the suffix kind; "" when the
// paragraph is not numbered or the level shows no number (bullets, none).
func (nb *numbering) label(styleID, numID string, hasNumID bool, ilvl int) (string, string) {
	chain := nb.styles.chain(styleID)
	if !hasNumID {
		for _, s := range chain {
			if s.hasNumID {
				numID, hasNumID = s.numID, true
				if ilvl < 0 {
					ilvl = s.ilvl
				}
				break
			}
		}
	}
	if !hasNumID || numID == "" || numID == "0" {
		return "", ""
	}
	if ilvl < 0 {
		for _, s := range chain {
			if s.ilvl >= 0 {
				ilvl = s.ilvl
				break
			}
		}
	}
	absID, an, ni := nb.resolveAbstract(numID)
	if an == nil {
		return "", ""
	}
	if ilvl < 0 {
		// A style linked from a level (w:lvl/w:pStyle) uses that level.
		ilvl = 0
	linked:
		for _, s := range chain {
			for i := range an.levels {
				if an.levels[i].pStyle != "" && an.levels[i].pStyle == s.id {
					ilvl = i
					break linked
				}
			}
		}
	}
	if ilvl > 8 {
		ilvl = 8
	}
	lvl := func(i int) level {
		if ni.override[i] != nil && ni.override[i].defined {
			return *ni.override[i]
		}
		if an.levels[i].defined {
			return an.levels[i]
		}
		return level{start: 1, fmt: "decimal", restart: -1, suff: "tab"}
	}
	c := nb.counters[absID]
	if c == nil {
		c = &counter{}
		nb.counters[absID] = c
	}
	if !nb.seen[numID] {
		nb.seen[numID] = true
		if ni.hasOver {
			for i, s := range ni.startOver {
				if s > 0 {
					c.val[i], c.started[i] = s-2, true // next increment gives the override
				}
			}
		}
	}
	cur := lvl(ilvl)
	if c.started[ilvl] {
		c.val[ilvl]++
	} else {
		c.val[ilvl], c.started[ilvl] = cur.start, true
	}
	for k := ilvl + 1; k < 9; k++ {
		r := lvl(k).restart
		if r == 0 {
			continue
		}
		if r < 0 || ilvl < r {
			c.started[k] = false
		}
	}
	if cur.fmt == "bullet" || cur.fmt == "none" && !strings.Contains(cur.text, "%") {
		if cur.fmt == "none" {
			return cur.text, cur.suff
		}
		return "", ""
	}
	var sb strings.Builder
	t := cur.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			i++
			lk := lvl(k)
			v := lk.start
			if c.started[k] {
				v = c.val[k]
			}
			f := lk.fmt
			if cur.isLgl && f != "none" {
				f = "decimal"
			}
			sb.WriteString(formatNumber(nb.numerals, v, f))
			continue
		}
		sb.WriteByte(t[i])
	}
	return sb.String(), cur.suff
}

// joinLabel prepends a rendered number to a paragraph's text. Word puts a
// tab (or space) after the number; it is dropped after punctuation or an
// enclosed number ("一、规划背景", "1.加强", "①加强") and kept as one space
// after a letter or digit ("第一章 总则"), unless the level's suffix is
// "nothing".
func joinLabel(label, suff, text string) string {
	if label == "" {
		return text
	}
	r := lastRune(label)
	if suff == "nothing" || !(unicode.IsLetter(r) || unicode.IsDigit(r)) || text == "" {
		return label + text
	}
	return label + " " + text
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// formatNumber renders n in a w:numFmt format; the Chinese formats write
// their numerals with num.
func formatNumber(num *rules.Numerals, n int, f string) string {
	chinese := func(system string) string {
		if s, ok := num.Format(n, system); ok {
			return s
		}
		return strconv.Itoa(n)
	}
	switch f {
	case "none", "bullet":
		return ""
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "upperRoman":
		return roman(n, true)
	case "lowerRoman":
		return roman(n, false)
	case "upperLetter":
		return letters(n, 'A')
	case "lowerLetter":
		return letters(n, 'a')
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting",
		"taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting":
		return chinese(rules.NumeralsCommon)
	case "chineseLegalSimplified":
		return chinese(rules.NumeralsLegalSimplified)
	case "ideographLegalTraditional", "japaneseLegal":
		return chinese(rules.NumeralsLegalTraditional)
	case "ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital":
		if n >= 0 {
			return num.Digits(n)
		}
	case "ideographTraditional":
		return chinese(rules.NumeralsStems)
	case "ideographZodiac", "ideographZodiacTraditional":
		return chinese(rules.NumeralsBranches)
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		switch {
		case n >= 1 && n <= 20:
			return string(rune(0x2460 + n - 1))
		case n >= 21 && n <= 35:
			return string(rune(0x3251 + n - 21))
		case n >= 36 && n <= 50:
			return string(rune(0x32B1 + n - 36))
		}
	case "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune(0x2474 + n - 1))
		}
	case "decimalEnclosedFullstop":
		if n >= 1 && n <= 20 {
			return string(rune(0x2488 + n - 1))
		}
	case "ideographEnclosedCircle":
		if n >= 1 && n <= 10 {
			return string(rune(0x3280 + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var sb strings.Builder
		for _, d := range strconv.Itoa(n) {
			if d >= '0' && d <= '9' {
				sb.WriteRune(0xFF10 + d - '0')
			} else {
				sb.WriteRune(d)
			}
		}
		return sb.String()
	}
	return strconv.Itoa(n)
}

func roman(n int, upper bool) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	if upper {
		return sb.String()
	}
	return strings.ToLower(sb.String())
}

// letters renders 1→A … 26→Z, 27→AA, 28→BB as Word does.
func letters(n int, base byte) string {
	if n <= 0 || n > 26*100 {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(rune(base+byte((n-1)%26))), (n-1)/26+1)
}
