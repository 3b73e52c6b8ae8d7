package extractor

import (
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/internal/reader/txt"
	"github.com/guihua-project/guihua/rules"
)

// extractText runs the txt reader and the extractor over a plan text.
func extractText(t *testing.T, text string) *plan.Plan {
	t.Helper()
	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(rs)
	if err != nil {
		t.Fatal(err)
	}
	p, err := x.Extract(txt.New(rs).Read(text, "utf-8"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		name                                      string
		text                                      string
		title, region, level, issuer, date, draft string
		period                                    [2]int
	}{
		{
			name:  "title with period on line 1, date at the end (plan 000)",
			text:  "高阳县“十四五”医疗卫生服务体系规划（2021-2025年）\n为全面贯彻落实《“健康中国2030”规划纲要》精神，进一步优化卫生健康资源配置。\n[bookmark: _Toc802]一、规划背景\n正文。\n\n\n2022年12月28日\n\n1\n",
			title: "高阳县“十四五”医疗卫生服务体系规划（2021-2025年）", region: "高阳县", level: "county", issuer: "<nil>", date: "2022-12-28", draft: "false", period: [2]int{2021, 2025},
		},
		{
			name:  "notice header with issuing office and date (plan 001)",
			text:  " 泗阳县人民政府办公室\n\n2022年9月8日\n\n（此件公开发布）\n\n泗阳县“十四五”卫生健康发展规划\n\n“十四五”时期，是全面落实健康中国战略的关键时期。\n\n一、规划基础\n",
			title: "泗阳县“十四五”卫生健康发展规划", region: "泗阳县", level: "county", issuer: "泗阳县人民政府办公室", date: "2022-09-08", draft: "false", period: [2]int{2021, 2025},
		},
		{
			name:  "web page header block, title over two lines, draft (plan 004)",
			text:  "蛟河市政府信息公开专栏\u00a0\u00a0>>\u00a0蛟河市卫生健康局\n\n索 \u00a0引 号: 112202813400415897/2023-05471\n发文机关: 蛟河市卫生健康局\n成文日期: 2023年05月26日\n标\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0题: 蛟河市“十四五”医疗卫生服务体系规划(征求意见稿)\n发文字号:\n发布日期: 2023年06月12日\n发文机关: 蛟河市卫生健康局 成文日期: 2023年05月26日\n  蛟河市“十四五”医疗卫生\n  服务体系规划(征求意见稿)\n  \n  一、规划背景\n",
			title: "蛟河市“十四五”医疗卫生服务体系规划(征求意见稿)", region: "蛟河市", level: "county-level-city", issuer: "蛟河市卫生健康局", date: "2023-05-26", draft: "true", period: [2]int{2021, 2025},
		},
		{
			name:  "web page header block as a label/value table (docx/html renderings)",
			text:  "\t索引号:\n\t112202813400415897/2023-05471\n\t分类:\n\t专项规划\n\n\t发文机关:\n\t蛟河市卫生健康局\n\t成文日期:\n\t2023年05月26日\n\n\t标题:\n\t蛟河市“十四五”医疗卫生服务体系规划(征求意见稿)\n\t\n\t\n\n\n一、规划背景\n",
			title: "蛟河市“十四五”医疗卫生服务体系规划(征求意见稿)", region: "蛟河市", level: "county-level-city", issuer: "蛟河市卫生健康局", date: "2023-05-26", draft: "true", period: [2]int{2021, 2025},
		},
		{
			name:  "page header with 名称 and 发布机构 labels, full-width spaces inside a label",
			text:  "索引号: 000014349/2022-00123\n发布机构: 某县卫生健康局\n成文日期: 2022-08-15\n名\u3000\u3000称: 某县“十四五”卫生健康发展规划\n\n某县“十四五”卫生健康发展规划\n一、发展基础\n",
			title: "某县“十四五”卫生健康发展规划", region: "某县", level: "county", issuer: "某县卫生健康局", date: "2022-08-15", draft: "false", period: [2]int{2021, 2025},
		},
		{
			name:  "title printed over two lines without a header block",
			text:  "  某某市“十四五”医疗卫生\n  服务体系规划(征求意见稿)\n  \n  一、规划背景\n",
			title: "某某市“十四五”医疗卫生服务体系规划(征求意见稿)", region: "某某市", level: "county-level-city", issuer: "<nil>", date: "<nil>", draft: "true", period: [2]int{2021, 2025},
		},
		{
			name:  "issuer line above the title, draft marker below it",
			text:  "云阳县卫生健康局\n云阳县“十四五”卫生健康事业发展规划\n（征求意见稿）\n\n一、发展基础\n正文。\n",
			title: "云阳县“十四五”卫生健康事业发展规划（征求意见稿）", region: "云阳县", level: "county", issuer: "云阳县卫生健康局", date: "<nil>", draft: "true", period: [2]int{2021, 2025},
		},
		{
			name:  "notice of issue with a date in Chinese numerals",
			text:  "河口瑶族自治县人民政府办公室关于印发《河口瑶族自治县“十四五”卫生健康事业发展规划》的通知\n各乡镇人民政府，县直各部门：\n现将规划印发给你们，请认真贯彻执行。\n二〇二二年十二月二十八日\n一、发展基础\n正文。\n",
			title: "河口瑶族自治县“十四五”卫生健康事业发展规划", region: "河口瑶族自治县", level: "county", issuer: "河口瑶族自治县人民政府办公室", date: "2022-12-28", draft: "false", period: [2]int{2021, 2025},
		},
		{
			name:  "no title printed: region from the text",
			text:  "一、发展基础\n“十三五”期间，全县卫生健康事业发展较快，云溪县人民医院建成投用，云溪县中医医院完成改扩建。\n二、主要任务\n云溪县将继续推进县域医共体建设，云溪县疾控中心达标。\n",
			title: "<nil>", region: "云溪县", level: "county", issuer: "<nil>", date: "<nil>", draft: "false",
		},
		{
			name:  "prefecture-level city and a 十三五 period",
			text:  "阳江市“十三五”卫生与健康规划\n阳江市卫生和计划生育局\n一、规划背景\n",
			title: "阳江市“十三五”卫生与健康规划", region: "阳江市", level: "prefecture-city", issuer: "<nil>", date: "<nil>", draft: "false", period: [2]int{2016, 2020},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := extractText(t, tt.text).Document
			draft := "false"
			if d.Draft {
				draft = "true"
			}
			got := []string{deref(d.Title), deref(d.Region), deref(d.RegionLevel), deref(d.Issuer), deref(d.Date), draft}
			want := []string{tt.title, tt.region, tt.level, tt.issuer, tt.date, tt.draft}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("field %d: got %q, want %q", i, got[i], want[i])
				}
			}
			var period [2]int
			if d.Period != nil {
				period = [2]int{d.Period.Start, d.Period.End}
			}
			if period != tt.period {
				t.Errorf("period %v, want %v", period, tt.period)
			}
		})
	}
}

func TestOutline(t *testing.T) {
	text := strings.Join([]string{
		"目   录", "", "1第一章  规划背景和总体要求", "", "1第一节  规划背景", "",
		"为进一步优化医疗卫生资源配置，科学制定本县医疗卫生服务体系规划，根据有关文件精神，结合我县实际，制定本规划。",
		"第一章  规划背景和总体要求",
		"第一节  规划背景",
		"一、发展基础",
		"（一）坚持政府主导，社会参与。强化政府主导、投入保障、管理监督等责任，通过深化改革，充分调动社会力量。",
		"(二) 强化预警监测能力",
		"1、卫生健康资源分配不均衡，优质医疗卫生资源较少，医疗卫生服务体系整体效率不高。",
		"1.优化急救体系",
		"（1） 完善现代化疾病预防控制体系",
		"第二章 医疗机构布局",
		"第1节 布局原则",
	}, "\n") + "\n"
	p := extractText(t, text)
	var got []string
	for _, h := range p.Outline {
		got = append(got, strings.Repeat(" ", h.Level-1)+h.Number+"|"+h.Title)
	}
	want := []string{
		"第一章|规划背景和总体要求",
		" 第一节|规划背景",
		"  一|发展基础",
		"   二|强化预警监测能力",
		"    1|优化急救体系",
		"     1|完善现代化疾病预防控制体系",
		"第二章|医疗机构布局",
		" 第1节|布局原则",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.Outline[0].Span.Line != 8 {
		t.Errorf("first heading at line %d, want 8 (the table of contents is skipped)", p.Outline[0].Span.Line)
	}
}
