package extractor

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

func TestProjects(t *testing.T) {
	tests := []struct {
		file     string // under testdata/
		label    []string
		title    []string
		section  []string
		items    [][]string
		subjects [][]string
	}{
		{
			// 专栏 boxes with full-width colon, body continuing after the cell (plan 001)
			file:     "projects/labelled_boxes_fullwidth_colon_body_after_cell_plan001.txt",
			label:    []string{"专栏1", "专栏2"},
			title:    []string{"疾病预防机构提档升级工程", "公共卫生应急强基工程"},
			section:  []string{"（一）构建强大公共卫生体系", "（一）构建强大公共卫生体系"},
			items:    [][]string{{"健全疾病预防控制体系。"}, {"扩大县疾控中心业务用房。", "进一步完善医疗服务体系。"}},
			subjects: [][]string{{"<nil>"}, {"<nil>", "<nil>"}},
		},
		{
			// 专栏 box with spaces and subject items (plan 002)
			file:     "projects/labelled_box_subject_items_plan002.txt",
			label:    []string{"专栏1"},
			title:    []string{"医疗机构功能设置和建设项目"},
			section:  []string{"一、加强医疗服务体系建设"},
			items:    [][]string{{"县疾控中心：创建成三级乙等疾控机构；", "县级医院：县人民医院建设医养结合中心；", "镇（街道）：20%的镇（中心）卫生院建成示范中医馆。"}},
			subjects: [][]string{{"县疾控中心", "县级医院", "镇（街道）"}},
		},
		{
			// unlabelled box set apart by blank lines (plan 000)
			file:     "projects/unlabelled_box_between_blank_runs_plan000.txt",
			label:    []string{"<nil>"},
			title:    []string{"高阳县卫生健康信息化建设项目"},
			section:  []string{"（六）信息数据资源配置"},
			items:    [][]string{{"1.推广“保康通”便民就医应用。广泛发展线上医疗便民应用。", "2.建设高阳县公共卫生疫情应急救治系统和指挥医疗平台。提高县乡两级医疗机构信息化服务能力。"}},
			subjects: [][]string{{"<nil>", "<nil>"}},
		},
		{
			// unlabelled box right after a body paragraph, blank run after it (plan 000)
			file:     "projects/unlabelled_box_after_paragraph_plan000.txt",
			label:    []string{"<nil>"},
			title:    []string{"高阳县县级医疗机构能力提升项目"},
			section:  []string{"（二）创新体制机制，推进县域医疗服务能力综合提升"},
			items:    [][]string{{"1.加快推进高阳县中医医院建设项目。新建门诊、病房楼及配套设施设备。", "2.高阳县医院提升项目。加快传染病区建设。"}},
			subjects: [][]string{{"<nil>", "<nil>"}},
		},
		{
			// label alone on its line, title in the next cell
			file:     "projects/label_alone_title_in_next_cell.txt",
			label:    []string{"专栏3"},
			title:    []string{"疾病预防控制体系建设工程"},
			section:  []string{"（一）公共卫生"},
			items:    [][]string{{"1.新建县疾控中心实验楼。"}},
			subjects: [][]string{{"<nil>"}},
		},
		{
			// numbered subject items in one cell
			file:     "projects/numbered_subject_items_in_one_cell.txt",
			label:    []string{"专栏1"},
			title:    []string{"公共卫生能力提升工程"},
			section:  []string{"（一）强化公共卫生"},
			items:    [][]string{{"1．县疾控中心：新建实验楼。", "2．县妇幼保健院：改扩建业务用房。"}},
			subjects: [][]string{{"县疾控中心", "县妇幼保健院"}},
		},
		{
			// 专栏 printed as plain paragraphs (a text box exported as text)
			file:     "projects/labelled_box_as_plain_paragraphs.txt",
			label:    []string{"专栏2"},
			title:    []string{"县级医院能力提升工程"},
			section:  []string{"（二）医疗服务"},
			items:    [][]string{{"1.县人民医院：建设胸痛中心。", "2.县中医医院：建设康复科。"}},
			subjects: [][]string{{"县人民医院", "县中医医院"}},
		},
		{
			// numbered principles in running text are not a box
			file: "projects/not_a_box_numbered_principles.txt",
		},
		{
			// a project-like title followed by unnumbered text is not a box
			file: "projects/not_a_box_title_then_unnumbered_text.txt",
		},
		{
			// web page chrome mentioning 专栏 is not a box
			file: "projects/not_a_box_web_chrome_mentioning_zhuanlan.txt",
		},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(filepath.Base(tt.file), ".txt"), func(t *testing.T) {
			p := extractFile(t, tt.file)
			if len(p.Projects) != len(tt.title) {
				t.Fatalf("%d projects, want %d: %+v", len(p.Projects), len(tt.title), p.Projects)
			}
			for i, pr := range p.Projects {
				if deref(pr.Label) != tt.label[i] || pr.Title != tt.title[i] || deref(pr.Section) != tt.section[i] {
					t.Errorf("project %d: %q %q in %q", i, deref(pr.Label), pr.Title, deref(pr.Section))
				}
				var items, subjects []string
				for _, it := range pr.Items {
					items = append(items, it.Text)
					subjects = append(subjects, deref(it.Subject))
				}
				if strings.Join(items, "|") != strings.Join(tt.items[i], "|") {
					t.Errorf("project %d items\n got %q\nwant %q", i, items, tt.items[i])
				}
				if strings.Join(subjects, "|") != strings.Join(tt.subjects[i], "|") {
					t.Errorf("project %d subjects %q, want %q", i, subjects, tt.subjects[i])
				}
			}
			for _, h := range p.Outline {
				if strings.HasPrefix(h.Title, "推广") || strings.HasPrefix(h.Title, "高阳县医院提升") {
					t.Errorf("project item %q taken for a heading", h.Title)
				}
			}
		})
	}
}

// A .docx or .html frame may hold two 专栏 one after the other (a one-column
// table of label and body rows, read as one box).
func TestTwoLabelsInOneFrame(t *testing.T) {
	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(rs)
	if err != nil {
		t.Fatal(err)
	}
	doc := &docmodel.Document{
		Format: "docx", Encoding: "utf-8",
		Lines: []string{"（一）公共卫生", "专栏1：疾病预防机构提档升级工程", "健全疾病预防控制体系。", "专栏2：公共卫生应急强基工程", "扩大县疾控中心业务用房。"},
		Blocks: []docmodel.Block{
			{Kind: docmodel.Paragraph, Text: "（一）公共卫生", Line: 1, EndLine: 1},
			{Kind: docmodel.Box, Text: "专栏1：疾病预防机构提档升级工程", Line: 2, EndLine: 5, Paras: []docmodel.Para{
				{Text: "健全疾病预防控制体系。", Line: 3, EndLine: 3},
				{Text: "专栏2：公共卫生应急强基工程", Line: 4, EndLine: 4},
				{Text: "扩大县疾控中心业务用房。", Line: 5, EndLine: 5},
			}},
		},
		Meta: map[string]string{},
	}
	p, err := x.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Projects) != 2 {
		t.Fatalf("%d projects", len(p.Projects))
	}
	for i, want := range []struct{ label, title, item string }{
		{"专栏1", "疾病预防机构提档升级工程", "健全疾病预防控制体系。"},
		{"专栏2", "公共卫生应急强基工程", "扩大县疾控中心业务用房。"},
	} {
		pr := p.Projects[i]
		if deref(pr.Label) != want.label || pr.Title != want.title || len(pr.Items) != 1 || pr.Items[0].Text != want.item || deref(pr.Section) != "（一）公共卫生" {
			t.Errorf("project %d: %+v", i, pr)
		}
	}
	if p.Projects[0].Span.EndLine != 3 || p.Projects[1].Span.Line != 4 {
		t.Errorf("spans %+v %+v", p.Projects[0].Span, p.Projects[1].Span)
	}
}
