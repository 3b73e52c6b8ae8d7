package txt

import (
	"reflect"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

func read(t *testing.T, text string) *docmodel.Document {
	t.Helper()
	v, err := rules.LoadVocab()
	if err != nil {
		t.Fatal(err)
	}
	return New(v).Read(text, "utf-8")
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

// Lines from the corpus plans, with their layout kept exactly.
func TestTables(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		want  [][]string
		lines [2]int
	}{
		{
			name: "word export: empty first header cell, header cell over two lines, group cell filled once, unnumbered sub-row (plan 000 表1)",
			text: "表1：医疗卫生服务体系资源要素配置主要指标\n\t\n\t序\n号\n\t主要指标\n\t2020年\n\t2025年\n目标\n\t指标性质\n\n" +
				"\t公共卫生体系\n\t1\n\t每千人口专业公共卫生机构人员数（人）\n\t0.69\n\t0.83\n\t预期性\n\n" +
				"\t\n\t\n\t    基层医疗卫生机构\n\t1.22\n\t1.77\n\t预期性\n\n\n三、总体布局与资源配置\n",
			want: [][]string{
				{"", "序号", "主要指标", "2020年", "2025年目标", "指标性质"},
				{"公共卫生体系", "1", "每千人口专业公共卫生机构人员数（人）", "0.69", "0.83", "预期性"},
				{"", "", "基层医疗卫生机构", "1.22", "1.77", "预期性"},
			},
			lines: [2]int{2, 23},
		},
		{
			name: "group cell broken over a blank line (plan 001)",
			text: "泗阳县“十四五”卫生健康主要发展指标\n\n\t领域\n\t序号\n\t主要指标\n\n\t健康\n\n水平\n\t1\n\t人均预期寿命\n\n\t\n\t2\n\t健康预期寿命\n\n\n四、重点任务\n",
			want: [][]string{
				{"领域", "序号", "主要指标"},
				{"健康水平", "1", "人均预期寿命"},
				{"", "2", "健康预期寿命"},
			},
			lines: [2]int{3, 15},
		},
		{
			name:  "a heading after one blank line ends the table",
			text:  "\t机构名称\n\t床位\n\n\t合计\n\t3439\n\n一、床位配置\n正文。\n",
			want:  [][]string{{"机构名称", "床位"}, {"合计", "3439"}},
			lines: [2]int{1, 5},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, tt.text)
			ts := blocksOf(d, docmodel.Table)
			if len(ts) != 1 {
				t.Fatalf("got %d tables, want 1", len(ts))
			}
			if got := grid(ts[0]); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("grid\n got %q\nwant %q", got, tt.want)
			}
			if ts[0].Line != tt.lines[0] || ts[0].EndLine != tt.lines[1] {
				t.Errorf("lines %d-%d, want %d-%d", ts[0].Line, ts[0].EndLine, tt.lines[0], tt.lines[1])
			}
		})
	}
}

func TestBoxes(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		title []string
		paras [][]int // body paragraph lines per box
	}{
		{
			name:  "two boxes in one frame, body continues after the cell (plan 001)",
			text:  "6.加强紧急医学救援能力建设。\n\n\t专栏1：疾病预防机构提档升级工程\n\n\t健全疾病预防控制体系。\n\n\t专栏2：公共卫生应急强基工程\n\n\t扩大县疾控中心业务用房。\n\n进一步完善医疗服务体系。\n加大专科建设。\n\n\n（二）健全高质量医疗服务体系\n",
			title: []string{"专栏1：疾病预防机构提档升级工程", "专栏2：公共卫生应急强基工程"},
			paras: [][]int{{5}, {9, 11, 12}},
		},
		{
			name:  "items as lines after the TAB cell (plan 002)",
			text:  "\t专栏1  医疗机构功能设置和建设项目\n\n\t县疾控中心：创建成三级乙等疾控机构；\n县级医院：县人民医院建设医养结合中心；\n\n中心卫生院：优质服务基层行建设。\n\n\n二、强化县级医院龙头地位\n",
			title: []string{"专栏1  医疗机构功能设置和建设项目"},
			paras: [][]int{{3, 4, 6}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := read(t, tt.text)
			boxes := blocksOf(d, docmodel.Box)
			if len(boxes) != len(tt.title) {
				t.Fatalf("got %d boxes, want %d", len(boxes), len(tt.title))
			}
			for i, b := range boxes {
				if b.Text != tt.title[i] {
					t.Errorf("box %d title %q, want %q", i, b.Text, tt.title[i])
				}
				var lines []int
				for _, p := range b.Paras {
					lines = append(lines, p.Line)
				}
				if !reflect.DeepEqual(lines, tt.paras[i]) {
					t.Errorf("box %d paragraph lines %v, want %v", i, lines, tt.paras[i])
				}
			}
			if len(blocksOf(d, docmodel.Table)) != 0 {
				t.Error("a 专栏 frame must not also be a table")
			}
		})
	}
}

// Plan 004 is a web page copied as text: one cell fragment per line, each
// followed by an empty line, narrow cells broken into fragments.
func TestFlattenedTable(t *testing.T) {
	frags := []string{"指标", "  维度", "  指标名称", "  2020年", "  数值", "  2025年", "  目标值", "  指标", "  性质",
		"  疾病", "  预防", "  控制", "  体系", "  每千人口专业公共卫生机构人员(人)", "  0.28", "  0.85", "  预期",
		"  各级疾病预防控制机构标准化基础施", "  ——", "  全覆盖", "  预期",
		"  公立", "  医疗", "  量发", "  ", "  每千人口医疗卫生机构床位数(张)", "  6.82", "  8.2左右", "  预期",
		"  护比", "  1:0.95", "  1:1.20", "  预期",
		"  人均健康预期寿命(岁)", "  ——", "  同比例", "  提高", "  预期"}
	text := "  主要发展指标\n  \n\n" + strings.Join(frags, "\n\n") + "\n\n  \n  三、优化资源配置\n"
	d := read(t, text)
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
