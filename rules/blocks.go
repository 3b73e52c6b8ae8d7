package rules

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

//go:embed blocks.json
var blocksJSON []byte

// BlockRules says what a block of a plan is, the same way in every format:
// a 专栏 label, the title of a project list, an item number, a table caption
// number, a web page's breadcrumb, a text export's markers. Every method takes
// normalised text (docmodel.Normalize). Built by LoadBlockRules; immutable
// and safe for concurrent use.
type BlockRules struct {
	boxLabel      *regexp.Regexp
	boxWord       string
	titleSuffixes []string
	titleWords    []string
	titleMax      int
	sentenceMarks string
	itemNumber    *regexp.Regexp
	firstItem     *regexp.Regexp
	listItem      *regexp.Regexp
	itemSubject   *regexp.Regexp
	captionNumber *regexp.Regexp
	breadcrumbs   []string
	exportMarkers *regexp.Regexp
	chrome        []*regexp.Regexp
	clauseStops   string
	sentenceStops string
	continuation  *regexp.Regexp
	tableNote     *regexp.Regexp
	runningMin    int
	runningEnds   string
	itemEnds      string
	boxTextMin    int
	boxTextEnds   string
	headerWords   []string
	headerMax     int
	totalLabels   []string
	itemBreaks    string
}

type blocksFile struct {
	Comment      json.RawMessage `json:"_comment,omitempty"`
	BoxLabel     string          `json:"box_label"`
	BoxWord      string          `json:"box_word"`
	ProjectTitle struct {
		Suffixes      []string `json:"suffixes"`
		Words         []string `json:"words"`
		MaxRunes      int      `json:"max_runes"`
		SentenceMarks string   `json:"sentence_marks"`
	} `json:"project_title"`
	ItemNumber       string   `json:"item_number"`
	FirstItemNumber  string   `json:"first_item_number"`
	ListItemNumber   string   `json:"list_item_number"`
	ItemSubject      string   `json:"item_subject"`
	CaptionNumber    string   `json:"caption_number"`
	BreadcrumbLabels []string `json:"breadcrumb_labels"`
	ExportMarkers    string   `json:"export_markers"`
	ChromeLines      []string `json:"chrome_lines"`
	Continuation     string   `json:"continuation_caption"`
	TableNote        string   `json:"table_note"`
	RunningText      struct {
		MinRunes int    `json:"min_runes"`
		EndMarks string `json:"end_marks"`
	} `json:"running_text"`
	BoxBody struct {
		Comment             json.RawMessage `json:"_comment,omitempty"`
		ItemEndMarks        string          `json:"item_end_marks"`
		RunningTextMinRunes int             `json:"running_text_min_runes"`
		RunningTextEndMarks string          `json:"running_text_end_marks"`
		ItemBreakMarks      string          `json:"item_break_marks"`
	} `json:"box_body"`
	BoxTable struct {
		Comment        json.RawMessage `json:"_comment,omitempty"`
		HeaderWords    []string        `json:"header_words"`
		HeaderMaxRunes int             `json:"header_max_runes"`
		TotalLabels    []string        `json:"total_labels"`
	} `json:"box_table"`
	// SiteChromeLines are more chrome lines: a site's column links (…更新,
	// …推荐, …热门), the rest of a breadcrumb printed on its own line
	// (> 政务公开 > …, 首页 >> …), template ids, QR-code and font-size links.
	SiteChromeLines []string `json:"site_chrome_lines"`
	ClauseStops     string   `json:"clause_stops"`
	SentenceStops   string   `json:"sentence_stops"`
}

// LoadBlockRules parses the embedded blocks.json.
func LoadBlockRules() (*BlockRules, error) { return parseBlockRules(blocksJSON) }

func parseBlockRules(data []byte) (*BlockRules, error) {
	const file = "blocks.json"
	var f blocksFile
	if err := decodeStrict(file, data, &f); err != nil {
		return nil, err
	}
	b := &BlockRules{
		boxWord:       f.BoxWord,
		titleSuffixes: f.ProjectTitle.Suffixes,
		titleWords:    f.ProjectTitle.Words,
		titleMax:      f.ProjectTitle.MaxRunes,
		sentenceMarks: f.ProjectTitle.SentenceMarks,
		breadcrumbs:   f.BreadcrumbLabels,
		clauseStops:   f.ClauseStops,
		sentenceStops: f.SentenceStops,
		runningMin:    f.RunningText.MinRunes,
		runningEnds:   f.RunningText.EndMarks,
		itemEnds:      f.BoxBody.ItemEndMarks,
		boxTextMin:    f.BoxBody.RunningTextMinRunes,
		boxTextEnds:   f.BoxBody.RunningTextEndMarks,
		headerWords:   f.BoxTable.HeaderWords,
		headerMax:     f.BoxTable.HeaderMaxRunes,
		totalLabels:   f.BoxTable.TotalLabels,
		itemBreaks:    f.BoxBody.ItemBreakMarks,
	}
	for _, c := range []struct {
		key string
		n   int
	}{{"box_word", len(f.BoxWord)}, {"project_title.suffixes", len(f.ProjectTitle.Suffixes)},
		{"project_title.words", len(f.ProjectTitle.Words)}, {"project_title.max_runes", f.ProjectTitle.MaxRunes},
		{"breadcrumb_labels", len(f.BreadcrumbLabels)}, {"clause_stops", len(f.ClauseStops)}, {"sentence_stops", len(f.SentenceStops)}, {"running_text.min_runes", f.RunningText.MinRunes},
		{"box_body.item_end_marks", len(f.BoxBody.ItemEndMarks)}, {"box_body.running_text_min_runes", f.BoxBody.RunningTextMinRunes},
		{"box_body.running_text_end_marks", len(f.BoxBody.RunningTextEndMarks)}, {"box_table.header_words", len(f.BoxTable.HeaderWords)},
		{"box_table.header_max_runes", f.BoxTable.HeaderMaxRunes}, {"box_table.total_labels", len(f.BoxTable.TotalLabels)},
		{"box_body.item_break_marks", len(f.BoxBody.ItemBreakMarks)},
		{"running_text.end_marks", len(f.RunningText.EndMarks)}} {
		if err := emptyKey(file, c.key, c.n); err != nil {
			return nil, err
		}
	}
	for _, p := range []struct {
		key, src string
		dst      **regexp.Regexp
		groups   int
	}{
		{"box_label", f.BoxLabel, &b.boxLabel, 1},
		{"item_number", f.ItemNumber, &b.itemNumber, 0},
		{"first_item_number", f.FirstItemNumber, &b.firstItem, 0},
		{"list_item_number", f.ListItemNumber, &b.listItem, 0},
		{"item_subject", f.ItemSubject, &b.itemSubject, 1},
		{"caption_number", f.CaptionNumber, &b.captionNumber, 0},
		{"export_markers", f.ExportMarkers, &b.exportMarkers, 0},
		{"continuation_caption", f.Continuation, &b.continuation, 0},
		{"table_note", f.TableNote, &b.tableNote, 0},
	} {
		re, err := compileRule(file, p.key, p.src, p.groups)
		if err != nil {
			return nil, err
		}
		*p.dst = re
	}
	for i, src := range f.ChromeLines {
		re, err := compileRule(file, fmt.Sprintf("chrome_lines[%d]", i), src, 0)
		if err != nil {
			return nil, err
		}
		b.chrome = append(b.chrome, re)
	}
	for i, src := range f.SiteChromeLines {
		re, err := compileRule(file, fmt.Sprintf("site_chrome_lines[%d]", i), src, 0)
		if err != nil {
			return nil, err
		}
		b.chrome = append(b.chrome, re)
	}
	return b, nil
}

// compileRule compiles a pattern of a rules file; it must not be empty and
// must have exactly groups capturing groups.
func compileRule(file, key, src string, groups int) (*regexp.Regexp, error) {
	if src == "" {
		return nil, fmt.Errorf("rules: %s: key %q must not be empty", file, key)
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("rules: %s: key %q: %w", file, key, err)
	}
	if re.NumSubexp() != groups {
		return nil, fmt.Errorf("rules: %s: key %q: pattern needs %d capturing groups, has %d", file, key, groups, re.NumSubexp())
	}
	return re, nil
}

// BoxLabel is a 专栏 label at the start of a line.
type BoxLabel struct {
	Label string // the label as output: 专栏 and the number with ASCII digits (专栏3, 专栏十二)
	Len   int    // bytes of the line the label (with its separator) takes
	Rest  string // the text after the label: the box title, or "" when the label is alone
}

// MatchBoxLabel reads a 专栏 label (专栏1, 专栏 3：, 专栏十二、) at the start of
// s; ok is false when s does not open with one.
func (b *BlockRules) MatchBoxLabel(s string) (BoxLabel, bool) {
	m := b.boxLabel.FindStringSubmatchIndex(s)
	if m == nil {
		return BoxLabel{}, false
	}
	return BoxLabel{Label: b.boxWord + HalfWidthDigits(s[m[2]:m[3]]), Len: m[1], Rest: strings.TrimSpace(s[m[1]:])}, true
}

// IsBoxLabel reports whether s opens with a 专栏 label.
func (b *BlockRules) IsBoxLabel(s string) bool { return b.boxLabel.MatchString(s) }

// IsBoxLabelOnly reports whether s is a 专栏 label alone on its line.
func (b *BlockRules) IsBoxLabelOnly(s string) bool {
	l, ok := b.MatchBoxLabel(s)
	return ok && l.Rest == ""
}

// OpensWithBoxWord reports whether s starts with the box word 专栏, numbered
// or not (a frame whose first line names it a 专栏).
func (b *BlockRules) OpensWithBoxWord(s string) bool { return strings.HasPrefix(s, b.boxWord) }

// IsFrame reports whether a table grid is a box frame rather than a table:
// a single cell, or a grid whose only text cell — or whose single column —
// opens with the box word (专栏). rows and cols are the grid's size, filled
// the number of cells holding text, oneColumn whether every row has one
// cell, first the text of the first filled cell.
func (b *BlockRules) IsFrame(rows, cols, filled int, oneColumn bool, first string) bool {
	if filled == 0 {
		return false
	}
	boxWord := b.OpensWithBoxWord(first)
	return rows == 1 && cols == 1 || filled == 1 && boxWord || oneColumn && boxWord
}

// HasSentenceMark reports whether s holds a mark that ends a sentence or a
// clause (。；;，,): a title or a caption never does.
func (b *BlockRules) HasSentenceMark(s string) bool { return strings.ContainsAny(s, b.sentenceMarks) }

// ClauseStops returns the marks that end a clause (。；;！？，,).
func (b *BlockRules) ClauseStops() string { return b.clauseStops }

// SentenceStops returns the marks that end a sentence (。；;！？!?).
func (b *BlockRules) SentenceStops() string { return b.sentenceStops }

// IsProjectListTitle reports whether s is the title of a list of projects: a
// short line (max_runes), no sentence punctuation, ending with a word that
// names a set of projects (…项目, …工程, …行动).
func (b *BlockRules) IsProjectListTitle(s string) bool {
	if !b.shortTitle(s) {
		return false
	}
	for _, suf := range b.titleSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// NamesProjects reports whether a short title line holds a word naming
// projects anywhere (重点建设任务, 项目清单): the weaker test for a framed box
// whose items are not all numbered.
func (b *BlockRules) NamesProjects(s string) bool {
	if !b.shortTitle(s) {
		return false
	}
	for _, w := range b.titleWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func (b *BlockRules) shortTitle(s string) bool {
	return s != "" && utf8.RuneCountInString(s) <= b.titleMax && !strings.ContainsAny(s, b.sentenceMarks)
}

// ItemNumber returns the length in bytes of the item number (1. 2、 10．) that
// opens s, 0 when s opens with none.
func (b *BlockRules) ItemNumber(s string) int {
	if m := b.itemNumber.FindStringIndex(s); m != nil {
		return m[1]
	}
	return 0
}

// opens s; ok is false when s opens with none.
func (b *BlockRules) ItemNumberValue(s string) (n int, ok bool) {
	k := b.ItemNumber(s)
	if k == 0 {
		return 0, false
	}
	for _, r := range s[:k] {
		if r >= '0' && r <= '9' {
			n = n*10 + int(r-'0')
		}
	}
	return n, true
}

// EndsItem reports whether s ends the way a box item ends (。；!?); an item
// that ends otherwise (…10间，) runs on over the next line.
func (b *BlockRules) EndsItem(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && strings.ContainsRune(b.itemEnds, r)
}

// BreaksOff reports whether s ends in the middle of a sentence (…10间，
// …包括：): a line break there cuts an item in two.
func (b *BlockRules) BreaksOff(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && strings.ContainsRune(b.itemBreaks, r)
}

// EndsFramelessBox reports whether a paragraph reads as running text rather
// than a box line: not numbered, at least box_body.running_text_min_runes
// long (longer than the running text that ends a table: a box item may
// itself be a sentence) and ending a sentence (。). Such a paragraph ends a
// box printed without a frame.
func (b *BlockRules) EndsFramelessBox(s string) bool {
	if b.ItemNumber(s) > 0 || utf8.RuneCountInString(s) < b.boxTextMin {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(b.boxTextEnds, r)
}

// SplitRunOnItems splits text holding numbered items run together (a cell
// whose paragraphs were joined: 1.新建…。2.深入开展…。) into its items: a
// split falls where, right after an item's end mark, the next number of the
// sequence opens. Text that does not open with an item number comes back
// whole.
func (b *BlockRules) SplitRunOnItems(s string) []string {
	next, ok := b.ItemNumberValue(s)
	if !ok {
		return []string{s}
	}
	var parts []string
	start := 0
	for i, r := range s {
		if i == start || !strings.ContainsRune(b.itemEnds, r) {
			continue
		}
		k := i + utf8.RuneLen(r)
		if n, ok := b.ItemNumberValue(s[k:]); ok && n == next+1 {
			parts = append(parts, s[start:k])
			start, next = k, n
		}
	}
	return append(parts, s[start:])
}

// IsBoxTableHeader reports whether the cells of a table row inside a box
// name its columns (项目名称 | 建设内容 | 建设年限 | 投资（万元）): every
// non-empty cell short and without sentence marks, and at least one ending
// with a header word (a unit in parentheses aside).
func (b *BlockRules) IsBoxTableHeader(cells []string) bool {
	named := false
	for _, c := range cells {
		if c == "" {
			continue
		}
		if utf8.RuneCountInString(c) > b.headerMax || strings.ContainsAny(c, b.sentenceMarks) {
			return false
		}
		name := c
		if i := strings.LastIndexAny(name, "（("); i > 0 && strings.ContainsAny(name[i:], "）)") {
			name = name[:i]
		}
		for _, w := range b.headerWords {
			if strings.HasSuffix(name, w) {
				named = true
			}
		}
	}
	return named
}

// IsTotalLabel reports whether s labels a total row (合计, 总计).
func (b *BlockRules) IsTotalLabel(s string) bool {
	for _, w := range b.totalLabels {
		if s == w {
			return true
		}
	}
	return false
}

// IsFirstItem reports whether s opens with item number 1.
func (b *BlockRules) IsFirstItem(s string) bool { return b.firstItem.MatchString(s) }

// IsListItem reports whether s opens with any list numbering a project list
// uses: 1. 1) （1） ① 一、 a. .
func (b *BlockRules) IsListItem(s string) bool { return b.listItem.MatchString(s) }

// ItemSubject returns the subject an item names before a colon (县人民医院：
// 新建…), "" when none. s is the item text without its number.
func (b *BlockRules) ItemSubject(s string) string {
	if m := b.itemSubject.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// IsCaptionNumber reports whether s opens with a table number (表1, 附表2).
func (b *BlockRules) IsCaptionNumber(s string) bool { return b.captionNumber.MatchString(s) }

// IsContinuationCaption reports the caption of a table continued from the
// page before: 续表, 续表1, 表1（续）.
func (b *BlockRules) IsContinuationCaption(s string) bool { return b.continuation.MatchString(s) }

// IsTableNote reports whether s opens with the label of a note printed under
// a table (注：, 注1：, 说明：, 资料来源：): a paragraph, never a table cell.
func (b *BlockRules) IsTableNote(s string) bool { return b.tableNote.MatchString(s) }

// IsRunningText reports whether s reads as a sentence of running text, never
// a table cell: at least running_text.min_runes long and ending with one of
// running_text.end_marks (。).
func (b *BlockRules) IsRunningText(s string) bool {
	if utf8.RuneCountInString(s) < b.runningMin {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(b.runningEnds, r)
}

// IsBreadcrumb reports whether s opens with a web page's location label
// (当前位置, 您的位置 …).
func (b *BlockRules) IsBreadcrumb(s string) bool {
	for _, p := range b.breadcrumbs {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// IsChrome reports whether a line is web-page chrome copied with the text: a
// breadcrumb (also its continuation on a line of its own), a font-size
// switch, print and close buttons, share links, a footer label, a site's
// column links (医疗卫生规划更新, …推荐, …热门), a template id. Such a line is
// never a title, a heading or an issuer.
func (b *BlockRules) IsChrome(s string) bool {
	if b.IsBreadcrumb(s) {
		return true
	}
	for _, re := range b.chrome {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// StripExportMarkers removes the markers a Word-to-text export leaves in a
// line ([bookmark: _Toc…], [image: …]).
func (b *BlockRules) StripExportMarkers(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	return b.exportMarkers.ReplaceAllString(s, "")
}

// HalfWidthDigits writes full-width digits (０–９) as ASCII digits.
func HalfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}
