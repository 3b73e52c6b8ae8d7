package extractor

import (
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

func TestProjects(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		label    []string
		title    []string
		section  []string
		items    [][]string
		subjects [][]string
	}{
		{
			name:     "专栏 boxes with full-width colon, body continuing after the cell (plan 001)",
			text:     "（一）构建强大公共卫生体系\n\n6.加强紧急医学救援能力建设。进一步加强县级紧急医学救援基地建设。\n\n\t专栏1：疾病预防机构提档升级工程\n\n\t健全疾病预防控制体系。\n\n\t专栏2：公共卫生应急强基工程\n\n\t扩大县疾控中心业务用房。\n\n进一步完善医疗服务体系。\n\n\n（二）健全高质量医疗服务体系\n",
			label:    []string{"专栏1", "专栏2"},
			title:    []string{"疾病预防机构提档升级工程", "公共卫生应急强基工程"},
			section:  []string{"（一）构建强大公共卫生体系", "（一）构建强大公共卫生体系"},
			items:    [][]string{{"健全疾病预防控制体系。"}, {"扩大县疾控中心业务用房。", "进一步完善医疗服务体系。"}},
			subjects: [][]string{{"<nil>"}, {"<nil>", "<nil>"}},
		},
		{
			name:     "专栏 box with spaces and subject items (plan 002)",
			text:     "一、加强医疗服务体系建设\n\t专栏1  医疗机构功能设置和建设项目\n\n\t县疾控中心：创建成三级乙等疾控机构；\n县级医院：县人民医院建设医养结合中心；\n\n镇（街道）：20%的镇（中心）卫生院建成示范中医馆。\n\n\n二、强化县级医院龙头地位\n",
			label:    []string{"专栏1"},
			title:    []string{"医疗机构功能设置和建设项目"},
			section:  []string{"一、加强医疗服务体系建设"},
			items:    [][]string{{"县疾控中心：创建成三级乙等疾控机构；", "县级医院：县人民医院建设医养结合中心；", "镇（街道）：20%的镇（中心）卫生院建成示范中医馆。"}},
			subjects: [][]string{{"县疾控中心", "县级医院", "镇（街道）"}},
		},
		{
			name:     "unlabelled box set apart by blank lines (plan 000)",
			text:     "（六）信息数据资源配置\n加强医疗卫生机构信息化建设。推进以电子病历为核心的医院信息化建设。\n\n\n\n高阳县卫生健康信息化建设项目\n1.推广“保康通”便民就医应用。广泛发展线上医疗便民应用。\n2.建设高阳县公共卫生疫情应急救治系统和指挥医疗平台。提高县乡两级医疗机构信息化服务能力。\n\n\n\n四、构建优质高效的医疗服务体系\n",
			label:    []string{"<nil>"},
			title:    []string{"高阳县卫生健康信息化建设项目"},
			section:  []string{"（六）信息数据资源配置"},
			items:    [][]string{{"1.推广“保康通”便民就医应用。广泛发展线上医疗便民应用。", "2.建设高阳县公共卫生疫情应急救治系统和指挥医疗平台。提高县乡两级医疗机构信息化服务能力。"}},
			subjects: [][]string{{"<nil>", "<nil>"}},
		},
		{
			name:     "unlabelled box right after a body paragraph, blank run after it (plan 000)",
			text:     "（二）创新体制机制，推进县域医疗服务能力综合提升\n以紧密型县域医共体建设为抓手，落实分级诊疗制度。\n高阳县县级医疗机构能力提升项目\n1.加快推进高阳县中医医院建设项目。新建门诊、病房楼及配套设施设备。\n2.高阳县医院提升项目。加快传染病区建设。\n\n\n\n\n五、提升公共卫生防控救治能力\n",
			label:    []string{"<nil>"},
			title:    []string{"高阳县县级医疗机构能力提升项目"},
			section:  []string{"（二）创新体制机制，推进县域医疗服务能力综合提升"},
			items:    [][]string{{"1.加快推进高阳县中医医院建设项目。新建门诊、病房楼及配套设施设备。", "2.高阳县医院提升项目。加快传染病区建设。"}},
			subjects: [][]string{{"<nil>", "<nil>"}},
		},
		{
			name:     "label alone on its line, title in the next cell",
			text:     "（一）公共卫生\n\t专栏 3\n\n\t疾病预防控制体系建设工程\n\n\t1.新建县疾控中心实验楼。\n\n\n（二）医疗服务\n",
			label:    []string{"专栏3"},
			title:    []string{"疾病预防控制体系建设工程"},
			section:  []string{"（一）公共卫生"},
			items:    [][]string{{"1.新建县疾控中心实验楼。"}},
			subjects: [][]string{{"<nil>"}},
		},
		{
			name:     "numbered subject items in one cell",
			text:     "（一）强化公共卫生\n\t专栏1 公共卫生能力提升工程\n\n\t1．县疾控中心：新建实验楼。\n2．县妇幼保健院：改扩建业务用房。\n\n\n（二）优化医疗服务\n",
			label:    []string{"专栏1"},
			title:    []string{"公共卫生能力提升工程"},
			section:  []string{"（一）强化公共卫生"},
			items:    [][]string{{"1．县疾控中心：新建实验楼。", "2．县妇幼保健院：改扩建业务用房。"}},
			subjects: [][]string{{"县疾控中心", "县妇幼保健院"}},
		},
		{
			name:     "专栏 printed as plain paragraphs (a text box exported as text)",
			text:     "（二）医疗服务\n推进县级医院提标扩能。\n专栏2 县级医院能力提升工程\n1.县人民医院：建设胸痛中心。\n2.县中医医院：建设康复科。\n\n\n（三）中医药\n",
			label:    []string{"专栏2"},
			title:    []string{"县级医院能力提升工程"},
			section:  []string{"（二）医疗服务"},
			items:    [][]string{{"1.县人民医院：建设胸痛中心。", "2.县中医医院：建设康复科。"}},
			subjects: [][]string{{"县人民医院", "县中医医院"}},
		},
		{
			name: "numbered principles in running text are not a box",
			text: "（二）基本原则\n1、以人民健康为中心的原则。把健康摆在优先发展的战略地位。\n2、以资源整合为路径的原则。强化分工协作和资源整合。\n\n\n\n（三）目标指标\n",
		},
		{
			name: "a project-like title followed by unnumbered text is not a box",
			text: "（三）重点项目\n\n\n县级医院能力提升工程\n县级医院能力提升工程是重点，要加快推进。\n\n\n\n（四）保障\n",
		},
		{
			name: "web page chrome mentioning 专栏 is not a box",
			text: "蛟河市政府信息公开专栏  >> 蛟河市卫生健康局 >> 政府信息公开基础平台\n\n一、规划背景\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := extractText(t, tt.text)
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
