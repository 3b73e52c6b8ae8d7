package txt

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/reader/internal/readertest"
)

func read(t *testing.T, text string) *docmodel.Document {
	t.Helper()
	return New(readertest.Rules(t)).Read(text, "utf-8")
}

func grid(b docmodel.Block) [][]string {
	var out [][]string
	for _, r := range b.Table.Rows {
		var row []string
		for _, c := range r {
			row = append(row, c.Text)
		}
		out = append(out, row)
	}
	return out
}

func blocksOf(d *docmodel.Document, k docmodel.Kind) []docmodel.Block {
	var out []docmodel.Block
	for _, b := range d.Blocks {
		if b.Kind == k {
			out = append(out, b)
		}
	}
	return out
}

// Inputs in testdata/*.txt are lines from the corpus plans with their layout
// kept exactly (Word text exports: TAB cells, cells run on over lines and
// blank lines, 专栏 frames; web copies: one cell per line, two-level headers,
// merged cells printed once, empty cells as empty lines or not printed, the
// header printed again inside a table, group rows printed as one cell, wide
// headers of several parents over repeated children), and table shapes
// written for the tests (web_beds_groups_subtotals, web_unit_empty_cells,
// web_beds_parent_over_roles); each *.golden holds the blocks the reader
// makes of it (go test -update rewrites them: read the diff before
// committing).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d := read(t, string(data))
			if d.Text() != string(data) {
				t.Error("rendering is not the file itself")
			}
			readertest.CheckNormalized(t, d)
			readertest.Golden(t, strings.TrimSuffix(f, ".txt")+".golden", readertest.Dump(d))
		})
	}
}

// Invisible and white-space characters inside cells, headings, box labels and
// paragraphs leave the blocks as they are.
func TestInvisibleCharacters(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	inputs := []string{flatText()}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(data))
	}
	for i, in := range inputs {
		clean := read(t, in)
		dirty := read(t, insideLines(in))
		if got, want := readertest.Texts(dirty), readertest.Texts(clean); got != want {
			t.Errorf("input %d: with invisible characters\n%s\nwithout\n%s", i, got, want)
		}
	}
}

// insideLines inserts readertest.Invisible inside every line's text.
func insideLines(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = readertest.Insert(l)
	}
	return strings.Join(lines, "\n")
}

func flatText() string {
	frags := []string{"指标", "  维度", "  指标名称", "  2020年", "  数值", "  2025年", "  目标值", "  指标", "  性质",
		"  疾病", "  预防", "  控制", "  体系", "  每千人口专业公共卫生机构人员(人)", "  0.28", "  0.85", "  预期",
		"  各级疾病预防控制机构标准化基础施", "  ——", "  全覆盖", "  预期",
		"  公立", "  医疗", "  量发", "  ", "  每千人口医疗卫生机构床位数(张)", "  6.82", "  8.2左右", "  预期",
		"  护比", "  1:0.95", "  1:1.20", "  预期",
		"  人均健康预期寿命(岁)", "  ——", "  同比例", "  提高", "  预期"}
	return "  主要发展指标\n  \n\n" + strings.Join(frags, "\n\n") + "\n\n  \n  三、优化资源配置\n"
}

func TestFlattenedTable(t *testing.T) {
	d := read(t, flatText())
	ts := blocksOf(d, docmodel.Table)
	if len(ts) != 1 {
		t.Fatalf("got %d tables, want 1", len(ts))
	}
	want := [][]string{
		{"指标维度", "指标名称", "2020年数值", "2025年目标值", "指标性质"},
		{"疾病预防控制体系", "每千人口专业公共卫生机构人员(人)", "0.28", "0.85", "预期"},
		{"", "各级疾病预防控制机构标准化基础施", "——", "全覆盖", "预期"},
		{"公立医疗量发", "每千人口医疗卫生机构床位数(张)", "6.82", "8.2左右", "预期"},
		{"", "护比", "1:0.95", "1:1.20", "预期"},
		{"", "人均健康预期寿命(岁)", "——", "同比例提高", "预期"},
	}
	if got := grid(ts[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("grid\n got %q\nwant %q", got, want)
	}
	if !ts[0].Table.Flattened || ts[0].Line != 4 {
		t.Errorf("flattened=%v line=%d", ts[0].Table.Flattened, ts[0].Line)
	}
	// running text separated by blank lines is not a table
	d = read(t, "1.医疗服务体系持续完善。县第一人民医院建成投用，占地面积很大，床位数显著增加。\n\n2.医疗机构质效稳步提升。鼓励和支持全县各医疗机构开展等级创建，稳步提升医院质量。\n\n3.医技人才队伍不断优化。\n\n4.公卫服务水平显著提高。\n\n")
	if n := len(blocksOf(d, docmodel.Table)); n != 0 {
		t.Errorf("running text read as %d tables", n)
	}
}

func TestParagraphs(t *testing.T) {
	d := read(t, "[bookmark: _Toc802]一、规划背景\n\n\n[image: image1.png]\n正文\n")
	ps := blocksOf(d, docmodel.Paragraph)
	if len(ps) != 2 || ps[0].Text != "一、规划背景" || ps[1].Text != "正文" || ps[1].Line != 5 {
		t.Fatalf("paragraphs %+v", ps)
	}
	if ps[0].BlankAfter != 3 || ps[1].BlankBefore != 3 {
		t.Errorf("blank counts: after %d, before %d", ps[0].BlankAfter, ps[1].BlankBefore)
	}
	if d.Quote(1, 1) != "[bookmark: _Toc802]一、规划背景" {
		t.Errorf("rendering must be the file itself: %q", d.Quote(1, 1))
	}
}

func TestOneColumnFrames(t *testing.T) {
	// a titled frame of project items is an unlabelled box
	d := read(t, "\t高阳县公卫能力提升项目\n\n\t1.建设传染病区。\n2.新建综合办公楼。\n\n\n五、提升能力\n")
	boxes := blocksOf(d, docmodel.Box)
	if len(boxes) != 1 || boxes[0].Text != "高阳县公卫能力提升项目" || len(boxes[0].Paras) != 2 {
		t.Fatalf("boxes %+v", boxes)
	}
	// TAB-indented paragraphs are paragraphs
	d = read(t, "\t第一段正文，说明规划背景。\n\n\t第二段正文。\n\n\n")
	if n := len(blocksOf(d, docmodel.Paragraph)); n != 2 || len(blocksOf(d, docmodel.Table)) != 0 {
		t.Errorf("%d paragraphs, %d tables", n, len(blocksOf(d, docmodel.Table)))
	}
}

func TestFlattenedTableWithoutNatureColumn(t *testing.T) {
	frags := []string{"机构名称", "  2020年", "  2025年", "  甲县人民医院", "  500", "  600", "  甲县中医医院", "  200", "  300", "  甲县妇幼保健院", "  80", "  100"}
	d := read(t, "  表2 床位配置\n  \n\n"+strings.Join(frags, "\n\n")+"\n\n  \n  三、人力配置\n")
	ts := blocksOf(d, docmodel.Table)
	if len(ts) != 1 {
		t.Fatalf("%d tables", len(ts))
	}
	want := [][]string{{"机构名称", "2020年", "2025年"}, {"甲县人民医院", "500", "600"}, {"甲县中医医院", "200", "300"}, {"甲县妇幼保健院", "80", "100"}}
	if got := grid(ts[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("grid\n got %q\nwant %q", got, want)
	}
}
