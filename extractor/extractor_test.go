package extractor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

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

// extractFile runs extractText over the input file testdata/<name> (a
// slash-separated path: "metadata/no_title_region_from_text.txt").
func extractFile(t *testing.T, name string) *plan.Plan {
	t.Helper()
	return extractText(t, readInput(t, filepath.Join("testdata", filepath.FromSlash(name))))
}

// readInput reads an input file byte for byte (a UTF-8 plan text).
func readInput(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(data) {
		t.Fatalf("%s is not UTF-8", path)
	}
	return string(data)
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestMetadata(t *testing.T) {
	tests := []struct {
		file                                      string // under testdata/
		title, region, level, issuer, date, draft string
		period                                    [2]int
	}{
		{
			// title with period on line 1, date at the end (plan 000)
			file:  "metadata/title_with_period_date_at_end_plan000.txt",
			title: "高阳县“十四五”医疗卫生服务体系规划（2021-2025年）", region: "高阳县", level: "county", issuer: "<nil>", date: "2022-12-28", draft: "false", period: [2]int{2021, 2025},
		},
		{
			// notice header with issuing office and date (plan 001)
			file:  "metadata/notice_header_issuer_and_date_plan001.txt",
			title: "泗阳县“十四五”卫生健康发展规划", region: "泗阳县", level: "county", issuer: "泗阳县人民政府办公室", date: "2022-09-08", draft: "false", period: [2]int{2021, 2025},
		},
		{
			// web page header block, title over two lines, draft (plan 004)
			file:  "metadata/web_header_block_two_line_title_draft_plan004.txt",
			title: "蛟河市“十四五”医疗卫生服务体系规划(征求意见稿)", region: "蛟河市", level: "county-level-city", issuer: "蛟河市卫生健康局", date: "2023-05-26", draft: "true", period: [2]int{2021, 2025},
		},
		{
			// web page header block as a label/value table (docx/html renderings)
			file:  "metadata/web_header_block_as_label_value_cells.txt",
			title: "蛟河市“十四五”医疗卫生服务体系规划(征求意见稿)", region: "蛟河市", level: "county-level-city", issuer: "蛟河市卫生健康局", date: "2023-05-26", draft: "true", period: [2]int{2021, 2025},
		},
		{
			// page header with 名称 and 发布机构 labels, full-width spaces inside a label
			file:  "metadata/page_header_name_publisher_labels_fullwidth_spaces.txt",
			title: "平山县“十四五”卫生健康发展规划", region: "平山县", level: "county", issuer: "平山县卫生健康局", date: "2022-08-15", draft: "false", period: [2]int{2021, 2025},
		},
		{
			// title printed over two lines without a header block
			file:  "metadata/two_line_title_without_header_block.txt",
			title: "舒兰市“十四五”医疗卫生服务体系规划(征求意见稿)", region: "舒兰市", level: "county-level-city", issuer: "<nil>", date: "<nil>", draft: "true", period: [2]int{2021, 2025},
		},
		{
			// issuer line above the title, draft marker below it
			file:  "metadata/issuer_above_title_draft_marker_below.txt",
			title: "云阳县“十四五”卫生健康事业发展规划（征求意见稿）", region: "云阳县", level: "county", issuer: "云阳县卫生健康局", date: "<nil>", draft: "true", period: [2]int{2021, 2025},
		},
		{
			// notice of issue with a date in Chinese numerals
			file:  "metadata/notice_of_issue_chinese_numeral_date.txt",
			title: "河口瑶族自治县“十四五”卫生健康事业发展规划", region: "河口瑶族自治县", level: "county", issuer: "河口瑶族自治县人民政府办公室", date: "2022-12-28", draft: "false", period: [2]int{2021, 2025},
		},
		{
			// no title printed: region from the text
			file:  "metadata/no_title_region_from_text.txt",
			title: "<nil>", region: "临邑县", level: "county", issuer: "<nil>", date: "<nil>", draft: "false",
		},
		{
			// joint issuers: a party committee and a government signing together; a horizon year (健康景宁2030) from the issue year
			file:  "metadata/joint_issuers_signature_party_committee.txt",
			title: "“健康景宁2030”行动规划", region: "景宁畲族自治县", level: "county", issuer: "中共景宁畲族自治县委、景宁畲族自治县人民政府", date: "2018-06-12", draft: "false", period: [2]int{2018, 2030},
		},
		{
			// an autonomous region's plan: province level; the headline printed over two lines under its issuer
			file:  "metadata/headline_over_lines_autonomous_region.txt",
			title: "内蒙古自治区“十四五”卫生健康事业发展规划", region: "内蒙古自治区", level: "province", issuer: "内蒙古自治区人民政府办公厅", date: "2021-10-08", draft: "false", period: [2]int{2021, 2025},
		},
		{
			// a document site's catalogue entry and heading, then the title block over three lines with its issuer and a month-only date
			file:  "metadata/banner_title_block_after_site_heading.txt",
			title: "鄂温克族自治旗国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", region: "鄂温克族自治旗", level: "county", issuer: "鄂温克族自治旗人民政府", date: "<nil>", draft: "false", period: [2]int{2021, 2025},
		},
		{
			// bulleted labels in brackets; the signature date, not the page's publication date
			file:  "metadata/page_labels_bullets_signature_date_before_published.txt",
			title: "北京市朝阳区“十四五”时期卫生健康发展规划", region: "朝阳区", level: "district", issuer: "北京市朝阳区人民政府", date: "2022-02-28", draft: "false", period: [2]int{2021, 2025},
		},
		{
			// short front-matter lines set apart by blank lines are no flattened table
			file:  "metadata/front_matter_lines_apart_not_a_table.txt",
			title: "永嘉县“十四五”卫生健康事业发展规划（征求意见稿）", region: "永嘉县", level: "county", issuer: "永嘉县卫生健康局", date: "2022-03-01", draft: "true", period: [2]int{2021, 2025},
		},
		{
			// an annual plan of a forest district under a 下达 notice; a draft word inside a cited report is no draft
			file:  "metadata/annual_plan_forest_district_draft_word_in_citation.txt",
			title: "神农架林区2022年国民经济和社会发展计划", region: "神农架林区", level: "county", issuer: "神农架林区人民政府", date: "2022-01-20", draft: "false", period: [2]int{2022, 2022},
		},
		{
			// a special district's outline; the date of an adoption note without 经
			file:  "metadata/special_district_adoption_note_without_jing.txt",
			title: "六枝特区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", region: "六枝特区", level: "county", issuer: "<nil>", date: "2021-03-02", draft: "false", period: [2]int{2021, 2025},
		},
		{
			// a league (盟) plan issued by its administrative office
			file:  "metadata/league_administrative_office_notice.txt",
			title: "锡林郭勒盟“十四五”卫生健康事业发展规划", region: "锡林郭勒盟", level: "prefecture", issuer: "锡林郭勒盟行政公署办公室", date: "2022-01-10", draft: "false", period: [2]int{2021, 2025},
		},
		{
			// prefecture-level city and a 十三五 period
			file:  "metadata/prefecture_city_13th_five_year_period.txt",
			title: "阳江市“十三五”卫生与健康规划", region: "阳江市", level: "prefecture-city", issuer: "阳江市卫生和计划生育局", date: "<nil>", draft: "false", period: [2]int{2016, 2020},
		},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(filepath.Base(tt.file), ".txt"), func(t *testing.T) {
			d := extractFile(t, tt.file).Document
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

// TestFrontMatterNotATable: short front-matter lines (issuer, date, title,
// font-size links) set apart by blank lines are read as paragraphs, not as a
// flattened web table.
func TestFrontMatterNotATable(t *testing.T) {
	p := extractFile(t, "metadata/front_matter_lines_apart_not_a_table.txt")
	if len(p.Tables) != 0 {
		t.Errorf("%d tables in the front matter, want none", len(p.Tables))
	}
}

func TestOutline(t *testing.T) {
	p := extractFile(t, "outline/toc_skipped_chapters_sections_numbering_styles.txt")
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
