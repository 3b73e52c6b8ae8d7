package txt

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// A flattened table is what a clerk gets by copying a table from a web page:
// every rendered line of every cell on a line of its own, each followed by an
// empty line, in row order. A narrow cell's text is broken into fragments of
// two or three characters, and a cell merged over several rows appears only
// in its first row.
const (
	flatMinFragments = 8   // fewer fragments are not taken for a table
	flatShortRunes   = 20  // a typical cell fragment is at most this long
	flatShortShare   = 0.7 // share of short fragments in a table region
	flatMaxRunes     = 120 // no cell fragment is a whole paragraph
	pieceRunes       = 4   // a fragment this short may be part of a broken cell
)

// dashLike matches a cell of dashes or a slash: a value left out.
var dashLike = regexp.MustCompile(`^[—–\-－/]+$`)

// flatFragment is one line of a flattened table.
type flatFragment struct {
	text string // normalised; "" for a white-space-only line
	line int    // 1-based
}

// flatTable tries to read a flattened table starting at line index start.
func (p *parser) flatTable(start, blankBefore int) (end int, ok bool) {
	if start < p.noFlatUntil {
		return 0, false
	}
	var frags []flatFragment
	k := start
	for k+1 < len(p.lines) && !isEmpty(p.lines[k]) && !isTabCell(p.lines[k]) && isEmpty(p.lines[k+1]) {
		frags = append(frags, flatFragment{p.lineText(k), k + 1})
		k += 2
	}
	// A rejected run is not tried again from each of its lines.
	p.noFlatUntil = k
	if len(frags) < flatMinFragments {
		return 0, false
	}
	short, numbers := 0, 0
	for _, f := range frags {
		n := utf8.RuneCountInString(f.text)
		if n > flatMaxRunes {
			return 0, false
		}
		if n <= flatShortRunes {
			short++
		}
		if p.vocab.IsValueCell(f.text) {
			numbers++
		}
	}
	if float64(short) < flatShortShare*float64(len(frags)) || numbers == 0 || !namesColumns(frags, p.vocab) {
		return 0, false
	}
	t := rebuildFlat(frags, p.vocab)
	t.Flattened = true
	p.add(docmodel.Block{Kind: docmodel.Table, Table: t, Line: frags[0].line, EndLine: frags[len(frags)-1].line}, blankBefore)
	return k, true
}

// namesColumns reports whether a header naming a column (序号, 单位, 属性,
// 2025年 …) comes before the first value: short front-matter lines set apart
// by blank lines (issuer, date, title) are no table.
func namesColumns(frags []flatFragment, v *rules.Vocab) bool {
	for _, f := range frags {
		if v.IsValueCell(f.text) && !v.IsBareYear(f.text) {
			return false
		}
		// a year header holds its year's digits only (2025年目标值, not the
		// date 2022年3月1日)
		yearHeader := v.IsYearHeader(f.text) && len(strings.FieldsFunc(f.text, func(r rune) bool { return r < '0' || r > '9' })) == 1
		if len(v.Column(f.text)) > 0 || v.NamesNatureColumn(f.text) || yearHeader {
			return true
		}
	}
	return false
}

// rebuildFlat turns fragments into rows. When a column of nature words
// (预期性/约束性) ends every row, rows are cut after it and each row is fitted
// to the header's column count: leading short fragments are joined into the
// merged first cell, broken text values are joined, and a row without the
// merged first cell gets an empty covered cell. Otherwise the header is every
// fragment before the first row label (the fragment before the first number)
// and the rest is one data row.
func rebuildFlat(frags []flatFragment, v *rules.Vocab) *docmodel.TableData {
	terminators := 0
	for _, f := range frags {
		if v.NatureOf(f.text) != "" {
			terminators++
		}
	}
	if terminators >= 3 {
		if t := rebuildTerminated(frags, v); t != nil {
			return t
		}
	}
	return rebuildWide(frags, v)
}

func rebuildTerminated(frags []flatFragment, v *rules.Vocab) *docmodel.TableData {
	// The header ends with the nature column's header (指标性质, 性质 …),
	// possibly broken over fragments: find the first fragment that completes it.
	headerEnd := -1
	for i, f := range frags {
		if v.NatureOf(f.text) != "" {
			break
		}
		if v.NamesNatureColumn(f.text) {
			headerEnd = i
			break
		}
	}
	if headerEnd < 0 {
		return nil
	}
	header := joinHeader(frags[:headerEnd+1], v)
	width := len(header)
	t := &docmodel.TableData{HeaderRows: 1, Rows: [][]docmodel.Cell{header}}
	var row []flatFragment
	for _, f := range frags[headerEnd+1:] {
		row = append(row, f)
		if v.NatureOf(f.text) != "" {
			t.Rows = append(t.Rows, fitRow(row, width, v))
			row = nil
		}
	}
	if len(row) > 0 {
		t.Rows = append(t.Rows, fitRow(row, width, v))
	}
	return t
}

// joinHeader joins header fragments into cells: a bare year takes the word
// after it (2020年 + 现状), and two very short fragments form one word
// (指标 + 性质).
func joinHeader(frags []flatFragment, v *rules.Vocab) []docmodel.Cell {
	var cells []docmodel.Cell
	for _, f := range frags {
		if f.text == "" {
			continue
		}
		if k := len(cells); k > 0 {
			prev := &cells[k-1]
			n, pn := utf8.RuneCountInString(f.text), utf8.RuneCountInString(prev.Text)
			joinYear := v.IsBareYear(prev.Text) && !strings.ContainsAny(f.text, "0123456789") && v.IsHeaderJoinWord(f.text)
			joinShort := pn <= 2 && n <= 2 && !v.IsBareYear(f.text)
			if joinYear || joinShort {
				prev.Text += f.text
				prev.EndLine = f.line
				continue
			}
		}
		cells = append(cells, docmodel.Cell{Text: f.text, Line: f.line, EndLine: f.line})
	}
	return cells
}

func isPiece(v *rules.Vocab, s string) bool {
	return utf8.RuneCountInString(s) <= pieceRunes && !isValueLike(v, s)
}

func isValueLike(v *rules.Vocab, s string) bool { return v.IsValueCell(s) || dashLike.MatchString(s) }

// fitRow fits one row's fragments to width cells.
func fitRow(frags []flatFragment, width int, v *rules.Vocab) []docmodel.Cell {
	cells := make([]docmodel.Cell, len(frags))
	for i, f := range frags {
		cells[i] = docmodel.Cell{Text: f.text, Line: f.line, EndLine: f.line}
	}
	join := func(i int) {
		if cells[i+1].Text == "" {
			cells[i].Broken = true
		}
		cells[i].Text += cells[i+1].Text
		cells[i].EndLine = cells[i+1].EndLine
		cells = append(cells[:i+1], cells[i+2:]...)
	}
	// A full row whose second cell is a value has no first cell: its text
	// values were broken instead.
	lacksFirst := len(cells) >= 2 && isValueLike(v, cells[1].Text) && !isPiece(v, cells[0].Text)
	target := width
	if lacksFirst {
		target = width - 1
	} else {
		for len(cells) > width && isPiece(v, cells[1].Text) {
			join(0)
		}
	}
	// Join broken text values (同比例 + 提高) between the name and the last cell.
	for len(cells) > target {
		joined := false
		for i := len(cells) - 3; i >= 1; i-- {
			if !isValueLike(v, cells[i].Text) && !isValueLike(v, cells[i+1].Text) && isPiece(v, cells[i+1].Text) {
				join(i)
				joined = true
				break
			}
		}
		if !joined {
			break
		}
	}
	for len(cells) < width {
		cells = append([]docmodel.Cell{{Covered: true}}, cells...)
	}
	return cells
}

// rebuildWide keeps a table whose rows cannot be told apart as a header row
// and a data row: the data row starts at the label just before the first
// number.
func rebuildWide(frags []flatFragment, v *rules.Vocab) *docmodel.TableData {
	firstNum := -1
	for i, f := range frags {
		if v.IsValueCell(f.text) && !v.IsBareYear(f.text) {
			firstNum = i
			break
		}
	}
	split := firstNum - 1
	if split < 1 {
		split = 0
	}
	t := &docmodel.TableData{}
	width := 0
	if split > 0 {
		header := joinHeader(frags[:split], v)
		t.Rows = append(t.Rows, header)
		t.HeaderRows = 1
		width = len(header)
	}
	body := make([]docmodel.Cell, 0, len(frags)-split)
	for _, f := range frags[split:] {
		body = append(body, docmodel.Cell{Text: f.text, Line: f.line, EndLine: f.line})
	}
	// Rows of the header's width, each led by a label, when the body divides
	// into them; else one data row (a wide table with a multi-level header).
	if width > 1 && len(body) > width && len(body)%width == 0 && labelled(body, width, v) {
		for k := 0; k < len(body); k += width {
			t.Rows = append(t.Rows, body[k:k+width])
		}
		return t
	}
	t.Rows = append(t.Rows, body)
	return t
}

// labelled reports whether every row of width cells starts with a label
// (not a value) and holds at least one value.
func labelled(body []docmodel.Cell, width int, v *rules.Vocab) bool {
	for k := 0; k < len(body); k += width {
		if isValueLike(v, body[k].Text) || body[k].Text == "" {
			return false
		}
		values := 0
		for _, c := range body[k+1 : k+width] {
			if isValueLike(v, c.Text) {
				values++
			}
		}
		if values == 0 {
			return false
		}
	}
	return true
}
