package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/reader/internal/readertest"
	"github.com/guihua-project/guihua/rules"
)

var loadRules = sync.OnceValues(rules.Load)

// testRules returns the embedded rule set, loaded once.
func testRules(t testing.TB) *rules.Set {
	t.Helper()
	set, err := loadRules()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// Read reads a .docx with the embedded rule set.
func Read(data []byte) (*docmodel.Document, error) {
	set, err := loadRules()
	if err != nil {
		return nil, err
	}
	return New(set).Read(data)
}

// ---- building .docx files in memory ----

const docHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"
 mc:Ignorable="w14"><w:body>`

const docTail = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`

const docRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>`

const wNSDecl = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// testStyles uses localised numeric style IDs, as Chinese Word files do.
const testStyles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + wNSDecl + `>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="标题 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="我的标题"/><w:basedOn w:val="2"/></w:style>
<w:style w:type="paragraph" w:styleId="10"><w:name w:val="要点"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="11"><w:name w:val="要点二"/><w:basedOn w:val="10"/></w:style>
<w:style w:type="paragraph" w:styleId="heading1"><w:name w:val="Body Text"/></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="20"><w:name w:val="toc 1"/></w:style>
<w:style w:type="paragraph" w:styleId="30"><w:name w:val="章"/><w:basedOn w:val="2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="c1"><w:name w:val="heading 1 Char"/></w:style>
</w:styles>`

// testNumbering: list 1 is 一、/（一）/1. with restart; list 2 reuses the
// same definition with a start override; list 3 is ①/A/i.
const testNumbering = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ` + wNSDecl + ` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2.%4"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/>
  <mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="upperLetter"/></mc:Fallback></mc:AlternateContent>
  <w:lvlText w:val="%2)"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>`

// makeZip zips the named parts in name order.
func makeZip(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// makeDocx builds a .docx whose body is body, with the test styles and
// numbering; extra parts are added or replace the defaults ("" removes one).
func makeDocx(t testing.TB, body string, extra map[string]string) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml":          contentTypes,
		"_rels/.rels":                  rootRels,
		"word/_rels/document.xml.rels": docRels,
		"word/document.xml":            docHead + body + docTail,
		"word/styles.xml":              testStyles,
		"word/numbering.xml":           testNumbering,
	}
	for k, v := range extra {
		if v == "" {
			delete(parts, k)
		} else {
			parts[k] = v
		}
	}
	return makeZip(t, parts)
}

func mustRead(t testing.TB, data []byte) *docmodel.Document {
	t.Helper()
	doc, err := Read(data)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	checkSpans(t, doc)
	return doc
}

// checkSpans verifies the model invariants every extractor relies on.
func checkSpans(t testing.TB, doc *docmodel.Document) {
	t.Helper()
	n := len(doc.Lines)
	inRange := func(what string, from, to int) {
		if from < 1 || to < from || to > n {
			t.Errorf("%s: span %d..%d outside 1..%d", what, from, to, n)
		}
	}
	for i, l := range doc.Lines {
		if strings.ContainsAny(l, "\n\r") {
			t.Errorf("line %d holds a line break: %q", i+1, l)
		}
	}
	prevEnd := 0
	for i, b := range doc.Blocks {
		what := fmt.Sprintf("block %d (%v)", i, b.Kind)
		inRange(what, b.Line, b.EndLine)
		if b.Line <= prevEnd {
			t.Errorf("%s starts at %d, before the previous block ended at %d", what, b.Line, prevEnd)
		}
		prevEnd = b.EndLine
		if b.Line >= 1 && b.Line <= n {
			if b.Kind != docmodel.Table && docmodel.Normalize(doc.Lines[b.Line-1]) != b.Text {
				t.Errorf("%s: line %d is %q, text is %q", what, b.Line, doc.Lines[b.Line-1], b.Text)
			}
			for k := 1; k <= b.BlankBefore; k++ {
				if b.Line-k < 1 || doc.Lines[b.Line-k-1] != "" {
					t.Errorf("%s: BlankBefore=%d but line %d is not blank", what, b.BlankBefore, b.Line-k)
				}
			}
		}
		for _, p := range b.Paras {
			inRange(what+" para", p.Line, p.EndLine)
			if p.Line >= 1 && p.Line <= n && docmodel.Normalize(doc.Lines[p.Line-1]) != p.Text {
				t.Errorf("%s: para line %d is %q, text is %q", what, p.Line, doc.Lines[p.Line-1], p.Text)
			}
		}
		if b.Kind == docmodel.Table || b.Table != nil {
			if b.Table == nil || len(b.Table.Rows) == 0 {
				t.Fatalf("%s: no rows", what)
			}
			w := len(b.Table.Rows[0])
			for r, row := range b.Table.Rows {
				if len(row) != w {
					t.Errorf("%s: row %d has %d cells, row 0 has %d", what, r, len(row), w)
				}
				texts := make([]string, len(row))
				for c, cell := range row {
					inRange(what+" cell", cell.Line, cell.EndLine)
					texts[c] = cell.Text
					if cell.Covered && cell.Text != "" {
						t.Errorf("%s: covered cell %d,%d has text %q", what, r, c, cell.Text)
					}
				}
				if ln := row[0].Line; ln >= 1 && ln <= n && doc.Lines[ln-1] != strings.Join(texts, "\t") {
					t.Errorf("%s: row %d line %q, cells %q", what, r, doc.Lines[ln-1], texts)
				}
			}
		}
	}
}

// ---- small XML builders ----

func p(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func pStyle(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func pNum(numID, ilvl int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, ilvl, numID, text)
}

func tc(props, content string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>` + props + `</w:tcPr>` + content + `</w:tc>`
}

func tbl(cols int, rows ...string) string {
	var g strings.Builder
	for range cols {
		g.WriteString(`<w:gridCol w:w="1000"/>`)
	}
	return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>` + g.String() + `</w:tblGrid>` + strings.Join(rows, "") + `</w:tbl>`
}

func tr(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }

type blk struct {
	kind  docmodel.Kind
	text  string
	level int
}

func blocksOf(doc *docmodel.Document) []blk {
	var out []blk
	for _, b := range doc.Blocks {
		out = append(out, blk{b.Kind, b.Text, b.Level})
	}
	return out
}

// ---- tests ----

func TestBodyOrder(t *testing.T) {
	body := p("第一段") + tbl(2, tr(tc("", p("甲")), tc("", p("乙")))) + p("第二段") +
		`<w:sdt><w:sdtPr><w:alias w:val="控件"/></w:sdtPr><w:sdtContent>` + p("控件内") + `</w:sdtContent></w:sdt>` +
		`<w:p/>` + p("  末段  ")
	doc := mustRead(t, makeDocx(t, body, nil))
	if doc.Format != "docx" || doc.Encoding != "utf-8" || doc.Meta == nil {
		t.Errorf("format %q encoding %q meta %v", doc.Format, doc.Encoding, doc.Meta)
	}
	want := []blk{
		{docmodel.Paragraph, "第一段", 0},
		{docmodel.Table, "", 0},
		{docmodel.Paragraph, "第二段", 0},
		{docmodel.Paragraph, "控件内", 0},
		{docmodel.Paragraph, "末段", 0},
	}
	if got := blocksOf(doc); !slices.Equal(got, want) {
		t.Fatalf("blocks\n got %v\nwant %v", got, want)
	}
	wantLines := []string{"第一段", "", "甲\t乙", "", "第二段", "控件内", "末段"}
	if !slices.Equal(doc.Lines, wantLines) {
		t.Errorf("lines\n got %q\nwant %q", doc.Lines, wantLines)
	}
	tb := doc.Blocks[1]
	if tb.Line != 3 || tb.EndLine != 3 || tb.BlankBefore != 1 || tb.BlankAfter != 1 || doc.Blocks[0].BlankAfter != 1 {
		t.Errorf("table block %+v", tb)
	}
}

func TestHeadings(t *testing.T) {
	body := pStyle("2", "规划背景") + // "heading 1" with numeric ID
		pStyle("3", "发展现状") + // "标题 2"
		pStyle("a5", "自定义标题") + // basedOn "heading 1"
		pStyle("10", "大纲三级") + // style outlineLvl 2
		pStyle("11", "继承大纲") + // basedOn the outline style
		`<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>直接大纲</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="2"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>正文级别</w:t></w:r></w:p>` +
		pStyle("heading1", "不看样式ID") +
		pStyle("a3", "某县卫生规划") + // Title
		pStyle("20", "目录项") +
		pStyle("c1", "字符样式") +
		pStyle("missing", "未知样式") +
		p("正文")
	doc := mustRead(t, makeDocx(t, body, nil))
	want := []blk{
		{docmodel.Heading, "规划背景", 1},
		{docmodel.Heading, "发展现状", 2},
		{docmodel.Heading, "自定义标题", 1},
		{docmodel.Heading, "大纲三级", 3},
		{docmodel.Heading, "继承大纲", 3},
		{docmodel.Heading, "直接大纲", 1},
		{docmodel.Paragraph, "正文级别", 0},
		{docmodel.Paragraph, "不看样式ID", 0},
		{docmodel.Heading, "某县卫生规划", 1},
		{docmodel.Paragraph, "目录项", 0},
		{docmodel.Paragraph, "字符样式", 0},
		{docmodel.Paragraph, "未知样式", 0},
		{docmodel.Paragraph, "正文", 0},
	}
	if got := blocksOf(doc); !slices.Equal(got, want) {
		t.Errorf("blocks\n got %v\nwant %v", got, want)
	}
}

func TestHeadingWithoutStyles(t *testing.T) {
	body := pStyle("2", "无样式表") + `<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>大纲</w:t></w:r></w:p>`
	doc := mustRead(t, makeDocx(t, body, map[string]string{"word/styles.xml": "", "word/numbering.xml": ""}))
	want := []blk{{docmodel.Paragraph, "无样式表", 0}, {docmodel.Heading, "大纲", 2}}
	if got := blocksOf(doc); !slices.Equal(got, want) {
		t.Errorf("blocks\n got %v\nwant %v", got, want)
	}
}

func TestNumbering(t *testing.T) {
	body := pNum(1, 0, "规划背景") +
		pNum(1, 1, "基本情况") +
		pNum(1, 2, "加强领导") +
		pNum(1, 2, "完善机制") +
		pNum(1, 1, "发展现状") +
		pNum(1, 2, "重新开始") + // restarts under the new level-1 item
		pNum(1, 3, "多级编号") +
		pNum(1, 0, "总体要求") +
		pNum(1, 1, "指导思想") + // level 1 restarts after level 0
		pNum(1, 2, "第一条") +
		pNum(1, 2, "第二条") +
		pNum(2, 2, "覆盖重启") + // num 2: same list, level 2 restarts at 1
		pNum(2, 2, "覆盖续编") +
		pStyle("30", "样式编号") + // numbering from the style's numPr (level 0)
		`<w:p><w:pPr><w:pStyle w:val="30"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>取消编号</w:t></w:r></w:p>` +
		pNum(3, 0, "圈号") + pNum(3, 0, "圈号二") +
		pNum(3, 1, "字母") + pNum(3, 1, "字母二") +
		pNum(3, 2, "项目符号") +
		pNum(4, 0, "总则") +
		pNum(9, 0, "未定义列表") +
		pNum(1, 0, "") // number-only paragraph: counted, not rendered
	doc := mustRead(t, makeDocx(t, body, nil))
	want := []string{
		"一、规划背景", "（一）基本情况", "1.加强领导", "2.完善机制", "（二）发展现状", "1.重新开始", "1.2.1多级编号",
		"二、总体要求", "（一）指导思想", "1.第一条", "2.第二条", "1.覆盖重启", "2.覆盖续编",
		"三、样式编号", "取消编号",
		"①圈号", "②圈号二", "A)字母", "B)字母二", "项目符号",
		"第一章总则", "未定义列表",
	}
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, b.Text)
	}
	if !slices.Equal(got, want) {
		t.Errorf("numbered texts\n got %q\nwant %q", got, want)
	}
	// The rendering keeps the space Word puts after a number ending in a
	// numeral; the normalised text drops it.
	if !slices.Contains(doc.Lines, "第一章 总则") || !slices.Contains(doc.Lines, "1.2.1 多级编号") {
		t.Errorf("rendering %q", doc.Lines)
	}
	if b := doc.Blocks[13]; b.Kind != docmodel.Heading || b.Level != 1 {
		t.Errorf("style-numbered heading: %+v", b)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n    int
		fmt  string
		want string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCounting", "二十"}, {21, "chineseCounting", "二十一"}, {99, "chineseCounting", "九十九"},
		{100, "chineseCountingThousand", "一百"}, {105, "chineseCountingThousand", "一百零五"},
		{110, "chineseCountingThousand", "一百一十"}, {1001, "chineseCountingThousand", "一千零一"},
		{0, "chineseCounting", "〇"}, {12, "japaneseCounting", "十二"}, {13, "taiwaneseCounting", "十三"},
		{10, "chineseLegalSimplified", "壹拾"}, {23, "chineseLegalSimplified", "贰拾叁"},
		{3, "ideographTraditional", "丙"}, {11, "ideographTraditional", "11"}, {2, "ideographZodiac", "丑"},
		{1, "decimalEnclosedCircle", "①"}, {20, "decimalEnclosedCircle", "⑳"}, {21, "decimalEnclosedCircle", "㉑"},
		{3, "decimalEnclosedCircleChinese", "③"}, {2, "decimalEnclosedParen", "⑵"}, {2, "decimalEnclosedFullstop", "⒉"},
		{1, "ideographEnclosedCircle", "㊀"}, {10, "ideographDigital", "一〇"},
		{1, "upperLetter", "A"}, {26, "upperLetter", "Z"}, {27, "upperLetter", "AA"}, {28, "lowerLetter", "bb"},
		{4, "upperRoman", "IV"}, {14, "lowerRoman", "xiv"}, {1994, "upperRoman", "MCMXCIV"},
		{7, "decimal", "7"}, {7, "decimalZero", "07"}, {12, "decimalFullWidth", "１２"},
		{5, "somethingNew", "5"}, {5, "none", ""}, {-1, "chineseCounting", "-1"},
	}
	for _, tt := range tests {
		if got := formatNumber(testRules(t).Numerals, tt.n, tt.fmt); got != tt.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tt.n, tt.fmt, got, tt.want)
		}
	}
}

func TestTableMerges(t *testing.T) {
	// 4 grid columns:
	// row 0: [序号 span2] [2025年<br>目标] [性质]
	// row 1: [A vMerge restart] [1] [ 0.83 ] [预期性]
	// row 2: [vMerge continue] [2] [100] [约束性]
	// row 3: gridBefore 1, [3] [x], gridAfter 1
	body := tbl(4,
		tr(tc(`<w:gridSpan w:val="2"/>`, p("序　号")), tc("", `<w:p><w:r><w:t>2025年</w:t><w:br/><w:t>目标</w:t></w:r></w:p>`), tc("", p("指标 性质"))),
		tr(tc(`<w:vMerge w:val="restart"/>`, p("公共卫生")), tc("", p("1")), tc("", p(" 0.83 ")), tc("", p("预期性"))),
		tr(tc(`<w:vMerge/>`, `<w:p/>`), tc("", p("2")), tc("", p("100")), tc("", p("约束性"))),
		`<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>`+tc("", p("3"))+tc("", `<w:p><w:r><w:tab/><w:t>x</w:t></w:r></w:p>`)+`</w:tr>`,
		`<w:tr><w:trPr><w:del w:id="1" w:author="a" w:date="2021-01-01T00:00:00Z"/></w:trPr>`+tc("", p("已删除行"))+`</w:tr>`,
	)
	doc := mustRead(t, makeDocx(t, body, nil))
	if len(doc.Blocks) != 1 || doc.Blocks[0].Kind != docmodel.Table {
		t.Fatalf("blocks %v", blocksOf(doc))
	}
	type c = docmodel.Cell
	rows := doc.Blocks[0].Table.Rows
	L := doc.Blocks[0].Line
	want := [][]c{
		{{Text: "序号", ColSpan: 2}, {Covered: true}, {Text: "2025年目标"}, {Text: "指标性质"}},
		{{Text: "公共卫生", RowSpan: 2}, {Text: "1"}, {Text: "0.83"}, {Text: "预期性"}},
		{{Covered: true}, {Text: "2"}, {Text: "100"}, {Text: "约束性"}},
		{{Covered: true}, {Text: "3"}, {Text: "x"}, {Covered: true}},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for r := range want {
		for i := range want[r] {
			w := want[r][i]
			w.Line, w.EndLine = L+r, L+r
			if rows[r][i] != w {
				t.Errorf("cell %d,%d = %+v, want %+v", r, i, rows[r][i], w)
			}
		}
	}
	if got := doc.Lines[L-1]; got != "序号\t\t2025年目标\t指标性质" {
		t.Errorf("row line %q", got)
	}
}

func TestRaggedTable(t *testing.T) {
	// No tblGrid; the second row is wider than the first.
	body := `<w:tbl><w:tr>` + tc("", p("a")) + `</w:tr><w:tr>` + tc("", p("b")) + tc("", p("c")) + tc(`<w:vMerge/>`, p("d")) + `</w:tr></w:tbl>`
	doc := mustRead(t, makeDocx(t, body, nil))
	rows := doc.Blocks[0].Table.Rows
	if len(rows) != 2 || len(rows[0]) != 3 || !rows[0][1].Covered || rows[1][2].Text != "d" {
		t.Errorf("ragged table %+v", rows)
	}
}

func TestNestedTable(t *testing.T) {
	inner := tbl(2, tr(tc("", p("内 一")), tc("", p("内二"))), tr(tc("", p("内三")), tc("", p(""))))
	body := tbl(2, tr(tc("", p("外层")+inner+p("尾")), tc("", p("右")))) + p("之后")
	doc := mustRead(t, makeDocx(t, body, nil))
	want := []blk{{docmodel.Table, "", 0}, {docmodel.Paragraph, "之后", 0}}
	if got := blocksOf(doc); !slices.Equal(got, want) {
		t.Fatalf("blocks %v", got)
	}
	if got := doc.Blocks[0].Table.Rows[0][0].Text; got != "外层内一内二内三尾" {
		t.Errorf("cell with nested table: %q", got)
	}
}

func TestTableBoxes(t *testing.T) {
	single := tbl(1, tr(tc("", p("专栏1：疾病预防机构提档升级工程")+p("1.县疾控中心建设项目。")+`<w:p/>`+p("2.实验室能力提升。"))))
	column := tbl(1, tr(tc("", p("专栏 2 重点项目"))), tr(tc("", p("项目一"))), tr(tc("", p("项目二"))))
	onlyOne := tbl(2, tr(tc(`<w:gridSpan w:val="2"/>`, p("专栏3：唯一内容")+p("内容"))), tr(tc("", `<w:p/>`), tc("", `<w:p/>`)))
	plain1x1 := tbl(1, tr(tc("", p("加框说明"))))
	notBox := tbl(2, tr(tc("", p("专栏4")), tc("", p("另一格"))))
	body := p("前文") + single + p("中间") + column + onlyOne + plain1x1 + notBox + tbl(2, tr(tc("", `<w:p/>`), tc("", `<w:p/>`)))
	doc := mustRead(t, makeDocx(t, body, nil))
	want := []blk{
		{docmodel.Paragraph, "前文", 0},
		{docmodel.Box, "专栏1：疾病预防机构提档升级工程", 0},
		{docmodel.Paragraph, "中间", 0},
		{docmodel.Box, "专栏2重点项目", 0},
		{docmodel.Box, "专栏3：唯一内容", 0},
		{docmodel.Box, "加框说明", 0},
		{docmodel.Table, "", 0},
	}
	if got := blocksOf(doc); !slices.Equal(got, want) {
		t.Fatalf("blocks\n got %v\nwant %v", got, want)
	}
	b := doc.Blocks[1]
	if b.BlankBefore != 2 || len(b.Paras) != 2 || b.Paras[0].Text != "1.县疾控中心建设项目。" || b.Paras[1].Text != "2.实验室能力提升。" ||
		b.Paras[0].Line != b.Line+1 || b.EndLine != b.Line+2 {
		t.Errorf("box %+v", b)
	}
	if got := doc.Blocks[3].Paras; len(got) != 2 || got[1].Text != "项目二" {
		t.Errorf("column box paras %+v", got)
	}
	if got := doc.Blocks[4].Paras; len(got) != 1 || got[0].Text != "内容" {
		t.Errorf("one-cell box paras %+v", got)
	}
}

// A frame (one-cell table) holding a box title and a table is one Box
// carrying that table; text after the inner table keeps the old reading
// (a box of flattened rows).
func TestBoxHoldingTable(t *testing.T) {
	inner := tbl(3, tr(tc("", p("项目名称")), tc("", p("建设内容")), tc("", p("建设年限"))),
		tr(tc("", p("望城区中医医院改扩建项目")), tc("", p("改扩建住院综合楼")+p("新增床位150张")), tc("", p("2022—2024年"))))
	framed := tbl(1, tr(tc("", p("专栏5：重点建设项目")+inner)))
	labelAlone := tbl(1, tr(tc("", p("专栏6")+p("基层建设项目")+inner+`<w:p/>`)))
	textAfter := tbl(1, tr(tc("", p("专栏7：项目")+inner+p("注：投资为估算。"))))
	doc := mustRead(t, makeDocx(t, p("前文")+framed+labelAlone+textAfter, nil))
	want := []blk{
		{docmodel.Paragraph, "前文", 0},
		{docmodel.Box, "专栏5：重点建设项目", 0},
		{docmodel.Box, "专栏6", 0},
		{docmodel.Box, "专栏7：项目", 0},
	}
	if got := blocksOf(doc); !slices.Equal(got, want) {
		t.Fatalf("blocks\n got %v\nwant %v", got, want)
	}
	b := doc.Blocks[1]
	if b.Table == nil || len(b.Table.Rows) != 2 || len(b.Paras) != 0 || b.EndLine != b.Line+2 {
		t.Fatalf("box 5 %+v", b)
	}
	if c := b.Table.Rows[1][1]; c.Text != "改扩建住院综合楼新增床位150张" || c.Line != b.Line+2 {
		t.Errorf("box 5 cell %+v", c)
	}
	if b := doc.Blocks[2]; b.Table == nil || len(b.Paras) != 1 || b.Paras[0].Text != "基层建设项目" {
		t.Errorf("box 6 %+v", b)
	}
	if b := doc.Blocks[3]; b.Table != nil || len(b.Paras) != 3 || b.Paras[0].Text != "项目名称建设内容建设年限" {
		t.Errorf("box 7 %+v", b)
	}
}

const txbxDrawing = `<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>`

const txbxVML = `<w:pict><v:shape id="_x0000_s1026" type="#_x0000_t202" style="width:400pt;height:200pt"><v:textbox>
<w:txbxContent>%s</w:txbxContent></v:textbox></v:shape></w:pict>`

func TestTextBoxes(t *testing.T) {
	content := p("专栏5：基层能力提升工程") + p("1.乡镇卫生院标准化建设。") + `<w:p/>` + p("2.村卫生室改造。")
	alt := `<w:p><w:r><w:t>锚定段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">` +
		fmt.Sprintf(txbxDrawing, content) + `</mc:Choice><mc:Fallback>` + fmt.Sprintf(txbxVML, content) +
		`</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>续文</w:t></w:r></w:p>`
	boxTable := tbl(2, tr(tc("", p("项目")), tc("", p("内容"))), tr(tc("", p("县医院")), tc("", p("新建 住院楼"))))
	vml := `<w:p><w:r>` + fmt.Sprintf(txbxVML, `<w:p/>`+p("重点工程")+boxTable+p("说明")) + `</w:r></w:p>`
	emptyBox := `<w:p><w:r>` + fmt.Sprintf(txbxVML, `<w:p/>`) + `</w:r></w:p>`
	body := p("开头") + alt + vml + emptyBox + p("结尾")
	doc := mustRead(t, makeDocx(t, body, nil))
	want := []blk{
		{docmodel.Paragraph, "开头", 0},
		{docmodel.Paragraph, "锚定段落续文", 0},
		{docmodel.Box, "专栏5：基层能力提升工程", 0},
		{docmodel.Box, "重点工程", 0},
		{docmodel.Paragraph, "结尾", 0},
	}
	if got := blocksOf(doc); !slices.Equal(got, want) {
		t.Fatalf("blocks\n got %v\nwant %v", got, want)
	}
	text := doc.Text()
	if n := strings.Count(text, "乡镇卫生院"); n != 1 {
		t.Errorf("text box text appears %d times (Fallback read?):\n%s", n, text)
	}
	b := doc.Blocks[2]
	if b.BlankBefore != 2 || len(b.Paras) != 2 || b.Paras[1].Text != "2.村卫生室改造。" {
		t.Errorf("alternate-content box %+v", b)
	}
	var paras []string
	for _, pp := range doc.Blocks[3].Paras {
		paras = append(paras, pp.Text)
	}
	// A table row in a text box is one paragraph: its cells joined by a
	// space on the rendered line, the text normalised.
	if wantP := []string{"项目内容", "县医院新建住院楼", "说明"}; !slices.Equal(paras, wantP) {
		t.Errorf("VML box paras %q, want %q", paras, wantP)
	}
}

func TestTextBoxInCell(t *testing.T) {
	body := tbl(2, tr(tc("", `<w:p><w:r><w:t>格</w:t>`+fmt.Sprintf(txbxVML, p("框内"))+`</w:r></w:p>`), tc("", p("右"))))
	doc := mustRead(t, makeDocx(t, body, nil))
	if len(doc.Blocks) != 1 || doc.Blocks[0].Table.Rows[0][0].Text != "格框内" {
		t.Errorf("text box in cell: %v %q", blocksOf(doc), doc.Lines)
	}
}

func TestRuns(t *testing.T) {
	tests := []struct {
		name, runs, want string
	}{
		{"tab", `<w:r><w:t>一、</w:t><w:tab/><w:t>背景</w:t></w:r>`, "一、背景"},
		{"br", `<w:r><w:t>上行</w:t><w:br/><w:t>下行</w:t><w:cr/><w:t>末</w:t></w:r>`, "上行下行末"},
		{"page break at start", `<w:r><w:br w:type="page"/><w:t>新页</w:t></w:r>`, "新页"},
		{"sym", `<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="宋体" w:char="2605"/><w:t>星</w:t><w:sym w:char="zz"/></w:r>`, "★星"},
		{"hyphens", `<w:r><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t><w:softHyphen/><w:t>C</w:t></w:r>`, "A-BC"},
		{"del skipped ins kept", `<w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>删除</w:delText></w:r></w:del><w:ins w:id="2" w:author="x"><w:r><w:t>插入</w:t></w:r></w:ins>`, "保留插入"},
		{"move", `<w:moveFrom w:id="3" w:author="x"><w:r><w:t>旧处</w:t></w:r></w:moveFrom><w:moveTo w:id="4" w:author="x"><w:r><w:t>新处</w:t></w:r></w:moveTo>`, "新处"},
		{"field", `<w:r><w:t>见第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r>`, "见第3页"},
		{"nested field", `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText> = 1 "a" "b"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`, "结果"},
		{"fldSimple", `<w:fldSimple w:instr=" DATE "><w:r><w:t>2021年</w:t></w:r></w:fldSimple>`, "2021年"},
		{"hyperlink", `<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>链接</w:t></w:r></w:hyperlink>`, "链接"},
		{"comment and notes", `<w:commentRangeStart w:id="0"/><w:r><w:t>正文</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="2"/></w:r>`, "正文"},
		{"rPr ignored", `<w:r><w:rPr><w:rFonts w:ascii="宋体"/><w:lang w:val="zh-CN"/></w:rPr><w:t>文字</w:t></w:r>`, "文字"},
		{"smartTag and sdt", `<w:smartTag w:uri="u" w:element="e"><w:r><w:t>甲</w:t></w:r></w:smartTag><w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>乙</w:t></w:r></w:sdtContent></w:sdt>`, "甲乙"},
		{"ruby", `<w:r><w:ruby><w:rt><w:r><w:t>pīn</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>拼</w:t></w:r></w:rubyBase></w:ruby></w:r>`, "拼"},
		{"run alternate content", `<w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:t>新</w:t></mc:Choice><mc:Fallback><w:t>旧</w:t></mc:Fallback></mc:AlternateContent></w:r>`, "新"},
		{"math", `<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><m:t>x+1</m:t></m:r></m:oMath>`, "x+1"},
		{"zero width and control", `<w:r><w:t>零&#x200B;宽&#xFEFF;</w:t></w:r>`, "零宽"},
		{"entities", `<w:r><w:t>&lt;5%&amp;&gt;</w:t></w:r>`, "<5%&>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustRead(t, makeDocx(t, `<w:p>`+tt.runs+`</w:p>`, nil))
			if len(doc.Blocks) != 1 || doc.Blocks[0].Text != tt.want {
				t.Errorf("got %v lines %q, want %q", blocksOf(doc), doc.Lines, tt.want)
			}
		})
	}
	// The rendering keeps the paragraph as written: a tab stays a tab, a
	// line break is a space, invisible characters stay.
	for runs, want := range map[string]string{
		`<w:r><w:t>一、</w:t><w:tab/><w:t>背景</w:t></w:r>`:                   "一、\t背景",
		`<w:r><w:t>上行</w:t><w:br/><w:t>下行</w:t><w:cr/><w:t>末</w:t></w:r>`: "上行 下行 末",
		`<w:r><w:t>零&#x200B;宽&#xFEFF;</w:t></w:r>`:                        "零\u200b宽\ufeff",
		`<w:r><w:t xml:space="preserve"> 前后空格 </w:t></w:r>`:               "前后空格",
	} {
		if doc := mustRead(t, makeDocx(t, `<w:p>`+runs+`</w:p>`, nil)); !slices.Equal(doc.Lines, []string{want}) {
			t.Errorf("rendering %q, want %q", doc.Lines, want)
		}
	}
}

func TestFieldAcrossParagraphs(t *testing.T) {
	// A table of contents: the field begins in the first entry and ends in
	// the last; the entries are the field's result and are kept.
	body := `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \o "1-3"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、规划背景</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>二、总体要求</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` + p("正文")
	doc := mustRead(t, makeDocx(t, body, nil))
	if !slices.Equal(doc.Lines, []string{"一、规划背景", "二、总体要求", "正文"}) {
		t.Errorf("lines %q", doc.Lines)
	}
}

func TestCoreProperties(t *testing.T) {
	core := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title> 某县“十四五”卫生健康规划 </dc:title><dc:creator>作者</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2022-03-01T08:00:00Z</dcterms:created></cp:coreProperties>`
	doc := mustRead(t, makeDocx(t, p("正文"), map[string]string{"docProps/core.xml": core}))
	if doc.Meta[docmodel.MetaFormatTitle] != "某县“十四五”卫生健康规划" || doc.Meta[docmodel.MetaFormatCreated] != "2022-03-01T08:00:00Z" || len(doc.Meta) != 2 {
		t.Errorf("meta %q", doc.Meta)
	}
	// A broken core.xml is ignored.
	doc = mustRead(t, makeDocx(t, p("正文"), map[string]string{"docProps/core.xml": "<cp:coreProperties><dc:title>x"}))
	if len(doc.Meta) != 0 || len(doc.Blocks) != 1 {
		t.Errorf("broken core.xml: meta %q", doc.Meta)
	}
}

func TestPartDiscovery(t *testing.T) {
	// No .rels at all, odd case and a BOM: found by name.
	parts := map[string]string{
		"Word/Document.xml": "\ufeff" + docHead + p("找到") + docTail,
	}
	doc := mustRead(t, makeZip(t, parts))
	if len(doc.Blocks) != 1 || doc.Blocks[0].Text != "找到" {
		t.Errorf("blocks %v", blocksOf(doc))
	}
	// The main part named by _rels/.rels rather than its usual name.
	rels := strings.Replace(rootRels, "word/document.xml", "/word/document2.xml", 1)
	doc = mustRead(t, makeDocx(t, p("别名"), map[string]string{
		"_rels/.rels":                   rels,
		"word/document.xml":             "",
		"word/document2.xml":            docHead + pStyle("2", "别名标题") + docTail,
		"word/_rels/document2.xml.rels": docRels,
	}))
	if got := blocksOf(doc); !slices.Equal(got, []blk{{docmodel.Heading, "别名标题", 1}}) {
		t.Errorf("blocks %v", got)
	}
	// Strict OOXML namespace.
	strict := strings.ReplaceAll(docHead+pStyle("2", "严格")+docTail, "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main")
	doc = mustRead(t, makeDocx(t, "", map[string]string{"word/document.xml": strict}))
	if got := blocksOf(doc); !slices.Equal(got, []blk{{docmodel.Heading, "严格", 1}}) {
		t.Errorf("strict blocks %v", got)
	}
}

// bombZip writes one entry of n zero bytes, deflated while streaming.
func bombZip(t testing.TB, name string, n int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, int64(len(zeros)))
		if _, err := w.Write(zeros[:k]); err != nil {
			t.Fatal(err)
		}
		n -= k
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// lyingZip holds one deflated entry whose header understates its size.
func lyingZip(t testing.TB, name string, content []byte, declared uint64) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(content)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(content),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

func TestErrors(t *testing.T) {
	valid := makeDocx(t, p("正文"), nil)
	manyParts := map[string]string{"word/document.xml": docHead + docTail}
	for i := range MaxEntries {
		manyParts[fmt.Sprintf("x/%05d", i)] = ""
	}
	small := limits{total: 1 << 20, entry: 1 << 20, entries: 100}
	bigDoc := []byte(docHead + p(strings.Repeat("字", 1<<19)) + docTail)
	tests := []struct {
		name string
		data []byte
		lim  *limits
		want error
		msg  string
	}{
		{"empty", nil, nil, ErrNotDocx, "empty"},
		{"text", []byte("一、规划背景\n"), nil, ErrNotDocx, ""},
		{"corrupt zip", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0xAB}, 200)...), nil, ErrNotDocx, ""},
		{"truncated zip", valid[:len(valid)/2], nil, ErrNotDocx, ""},
		{"legacy doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), nil, ErrNotDocx, "OLE2"},
		{"zip bomb 300 MiB", bombZip(t, "word/document.xml", 300<<20), nil, ErrZipBomb, "declared"},
		{"zip bomb lower limit", bombZip(t, "word/document.xml", 2<<20), &small, ErrZipBomb, ""},
		{"zip bomb lying header", lyingZip(t, "word/document.xml", make([]byte, 2<<20), 100), &small, ErrZipBomb, "word/document.xml inflates past"},
		{"entry past entry limit", lyingZip(t, "word/document.xml", bigDoc, 100), &limits{total: 8 << 20, entry: 1 << 20, entries: 10}, ErrZipBomb, "inflates past"},
		{"too many entries", makeZip(t, manyParts), nil, ErrTooManyEntries, ""},
		{"missing document", makeDocx(t, "", map[string]string{"word/document.xml": "", "word/other.xml": "<x/>"}), nil, ErrNoDocument, ""},
		{"odt-like zip", makeZip(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), nil, ErrNoDocument, ""},
		{"no body", makeDocx(t, "", map[string]string{"word/document.xml": `<w:document ` + wNSDecl + `/>`}), nil, ErrNoDocument, ""},
		{"empty document part", makeDocx(t, "", map[string]string{"word/document.xml": " "}), nil, ErrNoDocument, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.lim != nil {
				_, err = New(testRules(t)).read(tt.data, *tt.lim)
			} else {
				_, err = Read(tt.data)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not mention %q", err, tt.msg)
			}
		})
	}
}

func TestMalformedXML(t *testing.T) {
	tests := []struct{ part, content string }{
		{"word/document.xml", docHead + `<w:p><w:r><w:t>未闭合</w:r></w:p>` + docTail},
		{"word/document.xml", docHead + `<w:p>`},
		{"word/document.xml", docHead + `<w:p><w:r><w:t>&undefined;</w:t></w:r></w:p>` + docTail},
		{"word/styles.xml", `<w:styles ` + wNSDecl + `><w:style>`},
		{"word/numbering.xml", `<w:numbering ` + wNSDecl + `><w:num w:numId="1"></w:numbering>`},
	}
	for _, tt := range tests {
		_, err := Read(makeDocx(t, p("x"), map[string]string{tt.part: tt.content}))
		if err == nil || !strings.Contains(err.Error(), tt.part) {
			t.Errorf("%s: error %v, want one naming the part", tt.part, err)
		}
	}
}

func TestDeepNesting(t *testing.T) {
	deep := docHead + `<w:p>` + strings.Repeat(`<w:r>`, maxDepth+10) + strings.Repeat(`</w:r>`, maxDepth+10) + `</w:p>` + docTail
	if _, err := Read(makeDocx(t, "", map[string]string{"word/document.xml": deep})); err == nil || !strings.Contains(err.Error(), "nested") {
		t.Errorf("deep nesting: %v", err)
	}
	hugeSpan := tbl(1, tr(tc(`<w:gridSpan w:val="2000000000"/>`, p("宽"))))
	doc := mustRead(t, makeDocx(t, hugeSpan, nil))
	if w := len(doc.Blocks[0].Table.Rows[0]); w > maxSpan {
		t.Errorf("gridSpan not bounded: %d cells", w)
	}
}

// TestLibreOffice reads a file LibreOffice Writer saved as .docx (made from
// testdata/sample.fodt by testdata/make.sh): outline-numbered headings,
// a numbered body list, a table with merged cells, a single-cell 专栏 table
// and a text frame (written as mc:AlternateContent with a VML fallback).
func TestLibreOffice(t *testing.T) {
	data, err := os.ReadFile("testdata/sample.docx")
	if err != nil {
		t.Fatal(err)
	}
	doc := mustRead(t, data)
	var got []blk
	for _, b := range doc.Blocks {
		got = append(got, blk{b.Kind, b.Text, b.Level})
	}
	want := []blk{
		{docmodel.Heading, "某县“十四五”卫生健康规划", 1},
		{docmodel.Heading, "一、规划背景", 1},
		{docmodel.Heading, "（一）发展基础", 2},
		{docmodel.Paragraph, "“十三五”期间，全县卫生健康事业取得显著成效。", 0},
		{docmodel.Paragraph, "1.加强公共卫生体系建设。", 0},
		{docmodel.Paragraph, "2.提升基层服务能力。", 0},
		{docmodel.Heading, "（二）面临形势", 2},
		{docmodel.Heading, "二、主要指标", 1},
		{docmodel.Paragraph, "表1：主要指标", 0},
		{docmodel.Table, "", 0},
		{docmodel.Box, "专栏1：疾病预防机构提档升级工程", 0},
		{docmodel.Heading, "三、保障措施", 1},
		{docmodel.Paragraph, "加强组织领导。", 0},
		{docmodel.Box, "专栏2：基层能力提升工程", 0},
		{docmodel.Paragraph, "强化资金保障。", 0},
	}
	if !slices.Equal(got, want) {
		t.Errorf("blocks\n got %v\nwant %v\nlines:\n%s", got, want, doc.Text())
	}
	var tb *docmodel.Block
	for i := range doc.Blocks {
		if doc.Blocks[i].Kind == docmodel.Table {
			tb = &doc.Blocks[i]
		}
	}
	if tb == nil {
		t.Fatal("no table")
	}
	rows := tb.Table.Rows
	if len(rows) != 4 || len(rows[0]) != 5 {
		t.Fatalf("table %dx%d: %+v", len(rows), len(rows[0]), rows)
	}
	if c := rows[0][3]; c.Text != "2025年目标" {
		t.Errorf("header cell %+v", c)
	}
	if c := rows[1][0]; c.Text != "公共卫生" || c.RowSpan != 2 || !rows[2][0].Covered {
		t.Errorf("row-merged cell %+v / %+v", c, rows[2][0])
	}
	if c := rows[3][0]; c.Text != "合计" || c.ColSpan != 2 || !rows[3][1].Covered {
		t.Errorf("col-merged cell %+v / %+v", c, rows[3][1])
	}
	if n := strings.Count(doc.Text(), "乡镇卫生院标准化建设"); n != 1 {
		t.Errorf("text frame text appears %d times", n)
	}
	if doc.Meta[docmodel.MetaFormatTitle] != "某县卫生健康规划" {
		t.Errorf("meta %q", doc.Meta)
	}
}

// FuzzRead fuzzes the container: the zip archive and the parts read from
// it. The fuzzer minimises every input that finds new code, trying removals
// quadratic in its length, and with the 3–7 KB seeds it had (whole .docx
// files) it did little else: 40–60 executions in 60 s. The seeds are now
// small: a bare word/document.xml stored without compression and without a
// checksum (CRC 0 is not checked), so that mutations reach the XML instead
// of failing the CRC, the same deflated, and one complete small .docx
// (about 28,000 executions per second; .ci/run also turns minimising off).
func FuzzRead(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	bare := func(body string) string { return "<w:document><w:body>" + body + "</w:body></w:document>" }
	for _, body := range []string{
		p("正文") + pNum(1, 0, "标题") + tbl(2, tr(tc(`<w:gridSpan w:val="2"/>`, p("a")))),
		`<w:p><w:r>` + fmt.Sprintf(txbxVML, p("框")) + `</w:r></w:p>`,
		tbl(1, tr(tc(`<w:vMerge/>`, p("x"))), tr(tc(`<w:vMerge/>`, p("y")))),
	} {
		f.Add(storedZip(f, "word/document.xml", bare(body)))
	}
	f.Add(makeZip(f, map[string]string{"word/document.xml": bare(tbl(1, tr(tc("", p("专栏1：重点工程")+p("1.县医院建设。")))))}))
	f.Add(makeDocx(f, p("正文"), nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(data)
		if err == nil {
			checkSpans(t, doc)
		}
	})
}

// storedZip is a zip archive of one part stored without compression and
// with no checksum (CRC-32 0, which readers do not check).
func storedZip(t testing.TB, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store,
		CompressedSize64: uint64(len(content)), UncompressedSize64: uint64(len(content))})
	if err == nil {
		_, err = io.WriteString(w, content)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzDocumentXML fuzzes the body parser with the container held fixed
// (its parts stored, not deflated: the fuzzer's time goes to the body).
func FuzzDocumentXML(f *testing.F) {
	f.Add(p("正文"))
	f.Add(tbl(2, tr(tc(`<w:vMerge w:val="restart"/>`, p("a")), tc(`<w:hMerge/>`, p("b"))), tr(tc(`<w:vMerge/>`, ""), tc(`<w:gridSpan w:val="3"/>`, p("c")))))
	f.Add(pNum(1, 3, "x") + pNum(2, 0, "y"))
	f.Fuzz(func(t *testing.T, body string) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, content := range map[string]string{
			"word/document.xml": docHead + body + docTail, "word/styles.xml": testStyles, "word/numbering.xml": testNumbering,
		} {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			io.WriteString(w, content)
		}
		zw.Close()
		doc, err := Read(buf.Bytes())
		if err == nil {
			checkSpans(t, doc)
		}
	})
}

// benchDocx generates a plan-like document, about 7 KB of text per
// chapter: numbered headings, paragraphs, an indicator table and a 专栏 box.
func benchDocx(tb testing.TB, chapters int) []byte {
	var body strings.Builder
	sentence := "坚持以人民健康为中心，优化医疗卫生资源配置，提升县域医疗卫生服务能力。"
	for ch := range chapters {
		body.WriteString(pNum(1, 0, fmt.Sprintf("第%d部分", ch+1)))
		for sec := range 3 {
			body.WriteString(pNum(1, 1, "重点任务"))
			for range 4 {
				body.WriteString(`<w:p><w:pPr><w:ind w:firstLine="640"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="仿宋" w:eastAsia="仿宋"/><w:sz w:val="32"/></w:rPr><w:t>` +
					strings.Repeat(sentence, 5) + `</w:t></w:r></w:p>`)
			}
			if sec == 1 {
				var rows []string
				for r := range 10 {
					rows = append(rows, tr(tc("", p(fmt.Sprint(r+1))), tc("", p("每千人口医疗卫生机构床位数（张）")), tc("", p("5.6")), tc("", p("6.5")), tc("", p("预期性"))))
				}
				body.WriteString(tbl(5, rows...))
			}
		}
		body.WriteString(tbl(1, tr(tc("", p("专栏：重点工程")+p("1.县医院门诊楼建设。")+p("2.乡镇卫生院提标改造。")))))
	}
	return makeDocx(tb, body.String(), nil)
}

func BenchmarkRead(b *testing.B) {
	data := benchDocx(b, 8) // about 57 KB of text
	doc, err := Read(data)
	if err != nil {
		b.Fatal(err)
	}
	// Throughput is measured on the text produced.
	b.SetBytes(int64(len(doc.Text())))
	for b.Loop() {
		if _, err := Read(data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(doc.Text())), "text-bytes")
	b.ReportMetric(float64(len(data)), "docx-bytes")
}

func TestUnterminatedField(t *testing.T) {
	body := `<w:p><w:r><w:t>前</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>` + p("后文仍在")
	doc := mustRead(t, makeDocx(t, body, nil))
	if !slices.Equal(doc.Lines, []string{"前", "后文仍在"}) {
		t.Errorf("lines %q", doc.Lines)
	}
}

// Invisible and white-space characters inside cells, headings, box labels and
// paragraphs leave the blocks as they are.
func TestInvisibleCharacters(t *testing.T) {
	body := func(x string) string {
		return pStyle("2", "一、规"+x+"划背景") +
			p("“十三五”时期，全县"+x+"医疗卫生机构达到426所。") +
			tbl(3, tr(tc("", p("领"+x+"域")), tc("", p("2020"+x+"年")), tc("", p("2025年"+x+"目标"))),
				tr(tc("", p("床位数（张"+x+"）")), tc("", p("6."+x+"82")), tc("", p("≥"+x+"7.0")))) +
			tbl(1, tr(tc("", p("专"+x+"栏1：疾病预防机构提档升级工程")+p("健全疾病"+x+"预防控制体系。")))) +
			pNum(4, 0, "总"+x+"则")
	}
	clean := mustRead(t, makeDocx(t, body(""), nil))
	dirty := mustRead(t, makeDocx(t, body(readertest.Invisible), nil))
	readertest.CheckNormalized(t, dirty)
	if got, want := readertest.Texts(dirty), readertest.Texts(clean); got != want {
		t.Errorf("with invisible characters\n%s\nwithout\n%s", got, want)
	}
	if k := blocksOf(clean); len(k) != 5 || k[0].kind != docmodel.Heading || k[2].kind != docmodel.Table || k[3].kind != docmodel.Box {
		t.Errorf("blocks\n%s", readertest.Texts(clean))
	}
}
