package rules

import (
	"strings"
	"testing"
)

func loadSet(t *testing.T) *Set {
	t.Helper()
	s, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNumerals(t *testing.T) {
	n := loadSet(t).Numerals
	format := []struct {
		v      int
		system string
		want   string
	}{
		{1, NumeralsCommon, "一"}, {10, NumeralsCommon, "十"}, {11, NumeralsCommon, "十一"},
		{20, NumeralsCommon, "二十"}, {105, NumeralsCommon, "一百零五"}, {1010, NumeralsCommon, "一千零一十"},
		{10, NumeralsLegalSimplified, "壹拾"}, {23, NumeralsLegalTraditional, "貳拾參"},
		{3, NumeralsStems, "丙"}, {12, NumeralsBranches, "亥"},
	}
	for _, tc := range format {
		if got, ok := n.Format(tc.v, tc.system); !ok || got != tc.want {
			t.Errorf("Format(%d, %s) = %q %v, want %q", tc.v, tc.system, got, ok, tc.want)
		}
	}
	for _, tc := range []struct {
		v      int
		system string
	}{{11, NumeralsStems}, {0, NumeralsBranches}, {10000, NumeralsCommon}, {1, "roman"}} {
		if got, ok := n.Format(tc.v, tc.system); ok {
			t.Errorf("Format(%d, %s) = %q, want not ok", tc.v, tc.system, got)
		}
	}
	if got := n.Digits(2021); got != "二〇二一" {
		t.Errorf("Digits(2021) = %q", got)
	}
	parse := []struct {
		s    string
		want int
		ok   bool
	}{
		{"十", 10, true}, {"十二", 12, true}, {"二十八", 28, true}, {"一百零五", 105, true}, {"壹拾", 10, true},
		{"二〇二二", 2022, true}, {"二零二二", 2022, true}, {"二○二二", 2022, true}, {"二О二二", 2022, true},
		{"", 0, false}, {"十百", 0, false}, {"2022", 0, false}, {"三月", 0, false},
	}
	for _, tc := range parse {
		if got, ok := n.Parse(tc.s); ok != tc.ok || got != tc.want {
			t.Errorf("Parse(%q) = %d %v, want %d %v", tc.s, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBlockRules(t *testing.T) {
	b := loadSet(t).Blocks
	labels := []struct {
		in, label, rest string
		ok              bool
	}{
		{"专栏1：疾病预防机构提档升级工程", "专栏1", "疾病预防机构提档升级工程", true},
		{"专栏１２ 医疗服务", "专栏12", "医疗服务", true},
		{"专栏三", "专栏三", "", true},
		{"专栏", "", "", false},
		{"蛟河市政府信息公开专栏", "", "", false},
	}
	for _, tc := range labels {
		l, ok := b.MatchBoxLabel(tc.in)
		if ok != tc.ok || l.Label != tc.label || l.Rest != tc.rest {
			t.Errorf("MatchBoxLabel(%q) = %+v %v", tc.in, l, ok)
		}
	}
	if !b.IsBoxLabelOnly("专栏 3：") && !b.IsBoxLabelOnly("专栏3：") {
		t.Error("专栏3： alone is a label only")
	}
	for s, want := range map[string]bool{"高阳县卫生健康信息化建设项目": true, "县级医院能力提升工程": true, "加快建设项目，推进改革": false, "主要任务": false} {
		if got := b.IsProjectListTitle(s); got != want {
			t.Errorf("IsProjectListTitle(%q) = %v", s, got)
		}
	}
	if !b.NamesProjects("重点建设任务清单") || b.NamesProjects("发展基础") {
		t.Error("NamesProjects")
	}
	for s, want := range map[string]int{"1.新建": 2, "12、改建": 5, "1．县疾控中心": 4, "一、总则": 0} {
		if got := b.ItemNumber(s); got != want {
			t.Errorf("ItemNumber(%q) = %d, want %d", s, got, want)
		}
	}
	if b.ItemSubject("县疾控中心：新建实验楼。") != "县疾控中心" || b.ItemSubject("新建实验楼。") != "" {
		t.Error("ItemSubject")
	}
	if !b.IsCaptionNumber("附表2 床位") || !b.IsBreadcrumb("当前位置：首页") || b.IsBreadcrumb("首页") {
		t.Error("captions or breadcrumbs")
	}
	if got := b.StripExportMarkers("[bookmark:_Toc802]一、规划背景"); got != "一、规划背景" {
		t.Errorf("StripExportMarkers = %q", got)
	}
}

// The rules of a box's body: labels in every printed form, items and where
// they end, running text, items run together in one cell, a box table's
// header and total rows.
func TestBoxBodyRules(t *testing.T) {
	b := loadSet(t).Blocks
	for in, want := range map[string][2]string{
		"专栏1：公共卫生服务能力提升工程":  {"专栏1", "公共卫生服务能力提升工程"},
		"专栏2基层医疗卫生服务能力提升工程": {"专栏2", "基层医疗卫生服务能力提升工程"}, // 专栏 2 基层… once normalised
		"专栏三": {"专栏三", ""},
		"专栏三：中医药传承创新工程":    {"专栏三", "中医药传承创新工程"},
		"专栏4：“一老一小”健康服务工程": {"专栏4", "“一老一小”健康服务工程"},
	} {
		if l, ok := b.MatchBoxLabel(in); !ok || l.Label != want[0] || l.Rest != want[1] {
			t.Errorf("MatchBoxLabel(%q) = %+v %v", in, l, ok)
		}
	}
	for s, want := range map[string]int{"1.新建": 1, "12、改建": 12, "3．村卫生室": 3} {
		if n, ok := b.ItemNumberValue(s); !ok || n != want {
			t.Errorf("ItemNumberValue(%q) = %d %v", s, n, ok)
		}
	}
	if _, ok := b.ItemNumberValue("（一）疾病预防控制能力提升"); ok {
		t.Error("（一） is no item number")
	}
	if !b.EndsItem("4.做实家庭医生签约服务。") || !b.EndsItem("3.建设安宁疗护病区；") || b.EndsItem("2.设置负压病房10间，") {
		t.Error("EndsItem")
	}
	if !b.BreaksOff("2.设置负压病房10间，") || b.BreaksOff("4.院前急救体系建设") || b.BreaksOff("县中医医院：建设中医馆；") {
		t.Error("BreaksOff")
	}
	running := "加强卫生应急队伍和物资保障建设。按照专兼结合、平急结合的原则，组建县级卫生应急队伍，完善卫生应急物资储备目录，建立实物储备与产能储备相结合的储备机制。"
	for s, want := range map[string]bool{
		running: true,
		"改造发热门诊，实现平时与应急状态快速转换；县中医医院和4个中心卫生院规范设置发热门诊（诊室）。": false, // short: a broken item's end
		"1." + running: false, // numbered
		strings.TrimSuffix(running, "。") + "，": false,
	} {
		if got := b.EndsFramelessBox(s); got != want {
			t.Errorf("EndsFramelessBox(%q) = %v", s, got)
		}
	}
	split := b.SplitRunOnItems("1.新建白沙洲街道社区卫生服务中心。2.深入开展“优质服务基层行”活动，达到2.5级。3.做实家庭医生签约服务。")
	if len(split) != 3 || split[1] != "2.深入开展“优质服务基层行”活动，达到2.5级。" {
		t.Errorf("SplitRunOnItems = %q", split)
	}
	if got := b.SplitRunOnItems("新建门诊楼。2.改造病房。"); len(got) != 1 {
		t.Errorf("unnumbered text split: %q", got)
	}
	for cells, want := range map[string]bool{
		"项目名称|建设内容|建设年限":                     true,
		"项目名称|建设内容|建设年限|投资（万元）":              true,
		"序号|项目|主要建设内容":                       true,
		"望城区人民医院新院建设项目":                      false, // a data cell ending with 项目
		"县人民医院门诊楼|新建门诊楼2万平方米，设床位|2021—2023年": false,
	} {
		if got := b.IsBoxTableHeader(strings.Split(cells, "|")); got != want {
			t.Errorf("IsBoxTableHeader(%q) = %v", cells, got)
		}
	}
	if !b.IsTotalLabel("合计") || b.IsTotalLabel("合计床位") {
		t.Error("IsTotalLabel")
	}
}

func TestDocumentRules(t *testing.T) {
	d := loadSet(t).Document
	if f, ok := d.MetadataField("发布机构"); !ok || f != FieldIssuer {
		t.Errorf("发布机构 → %q %v", f, ok)
	}
	if f, ok := d.MetadataField("主题分类："); !ok || f != "" {
		t.Errorf("主题分类 → %q %v, want a known label without a field", f, ok)
	}
	if _, ok := d.MetadataField("正文"); ok {
		t.Error("正文 is no metadata label")
	}
	pairs := d.MetaPairs("发文机关:蛟河市卫生健康局 成文日期:2023年05月26日")
	if len(pairs) != 2 || pairs[0].Field != FieldIssuer || pairs[0].Value != "蛟河市卫生健康局" || pairs[1].Field != FieldDate {
		t.Errorf("MetaPairs = %+v", pairs)
	}
	for _, tc := range []struct{ in, issuer, title, kind string }{
		{"泗阳县人民政府办公室关于印发《泗阳县“十四五”卫生健康发展规划》的通知", "泗阳县人民政府办公室", "泗阳县“十四五”卫生健康发展规划", NoticeIssue},
		{"长沙市望城区人民政府办公室关于印发望城区“十四五”卫生健康事业发展规划的通知", "长沙市望城区人民政府办公室", "望城区“十四五”卫生健康事业发展规划", NoticeIssue},
		{"关于公开征求《某某县“十四五”卫生健康事业发展规划（征求意见稿）》意见的通知", "", "某某县“十四五”卫生健康事业发展规划（征求意见稿）", NoticeComment},
	} {
		n, ok := d.Notice(tc.in)
		if !ok || n.Issuer != tc.issuer || n.Title != tc.title || n.Kind != tc.kind {
			t.Errorf("Notice(%q) = %+v %v", tc.in, n, ok)
		}
	}
	if _, date, ok := d.Signature("（2022年3月1日）"); !ok || date != "2022-03-01" {
		t.Errorf("Signature of a bracketed date = %q %v", date, ok)
	}
	if issuer, date, ok := d.Signature("准格尔旗人民政府办公室2022年10月21日"); !ok || issuer != "准格尔旗人民政府办公室" || date != "2022-10-21" {
		t.Errorf("Signature = %q %q %v", issuer, date, ok)
	}
	if d.AdoptionDate("（2022年9月30日经旗人民政府常务会议审议通过）") != "2022-09-30" {
		t.Error("AdoptionDate")
	}
	for s, want := range map[string]string{
		"2022年9月8日": "2022-09-08", "二〇二二年十二月二十八日": "2022-12-28", "二○二二年九月八日": "2022-09-08",
		"2022年13月1日": "", "二〇二二年": "",
	} {
		if got := d.DateLine(s); got != want {
			t.Errorf("DateLine(%q) = %q, want %q", s, got, want)
		}
	}
	if got := d.DateIn("成文日期：2023-05-26"); got != "2023-05-26" {
		t.Errorf("DateIn = %q", got)
	}
	if a, b, ok := d.YearRange("规划（2021—2025年）", 15); !ok || a != 2021 || b != 2025 {
		t.Errorf("YearRange = %d %d %v", a, b, ok)
	}
	if a, b, ok := d.FiveYearPlan("“十四五”卫生健康规划"); !ok || a != 2021 || b != 2025 {
		t.Errorf("FiveYearPlan 十四五 = %d %d %v", a, b, ok)
	}
	if a, _, ok := d.FiveYearPlan("“十三五”"); !ok || a != 2016 {
		t.Errorf("FiveYearPlan 十三五 = %d %v", a, ok)
	}
	if !d.IsGenericRegionWord("城区") || d.IsGenericRegionWord("高阳县") {
		t.Error("IsGenericRegionWord")
	}
	if !d.IsDraftMarker("（征求意见稿）") || !d.EndsWithIssuer("云阳县卫生健康局") || d.EndsWithIssuer("卫生健康局") {
		t.Error("draft marker or issuer")
	}
}

func TestHeadingRules(t *testing.T) {
	h := loadSet(t).Headings
	for _, tc := range []struct {
		in, number, title string
		rank              int
		tooLong           bool
	}{
		{"第一章规划背景", "第一章", "规划背景", 1, false},
		{"（二）强化预警监测能力", "二", "强化预警监测能力", 4, false},
		{"1.优化急救体系", "1", "优化急救体系", 5, false},
		{"（一）坚持政府主导，社会参与。强化政府主导、投入保障、管理监督等责任。", "一", "坚持政府主导，社会参与。强化政府主导、投入保障、管理监督等责任。", 4, true},
	} {
		got, ok := h.Match(tc.in)
		if !ok || got.Number != tc.number || got.Title != tc.title || got.Rank != tc.rank || got.TooLong != tc.tooLong {
			t.Errorf("Match(%q) = %+v %v", tc.in, got, ok)
		}
	}
	if _, ok := h.Match("正文没有编号"); ok {
		t.Error("an unnumbered line matched")
	}
	if !h.OpensSection("第二节") || !h.OpensSection("（三）") || h.OpensSection("1.新建") {
		t.Error("OpensSection")
	}
	if !h.IsTOCTitle("目录") {
		t.Error("IsTOCTitle")
	}
}

func TestGazetteerAtStart(t *testing.T) {
	g := loadSet(t).Gazetteer
	for _, tc := range []struct{ in, name, code string }{
		{"长沙市望城区人民政府办公室", "望城区", "430112"},
		{"内蒙古自治区鄂尔多斯市准格尔旗卫生健康委员会", "准格尔旗", "150622"},
		{"阳江市“十四五”卫生健康事业发展规划", "阳江市", "441700"},
		{"河口瑶族自治县人民政府办公室", "河口瑶族自治县", "532532"},
	} {
		m, ok := g.AtStart(tc.in)
		if !ok || m.Name != tc.name || len(m.Regions) != 1 || m.Regions[0].Code != tc.code {
			t.Errorf("AtStart(%q) = %+v %v, want %s %s", tc.in, m, ok, tc.name, tc.code)
		}
	}
	if _, ok := g.AtStart("“十四五”时期"); ok {
		t.Error("a line without a region opened with one")
	}
	for _, tc := range []struct{ in, code string }{
		{"积石山县卫生健康局", "622927"},
		{"河口县人民政府", "532532"},
	} {
		if r, ok := g.AtStartShort(tc.in); !ok || r.Code != tc.code {
			t.Errorf("AtStartShort(%q) = %+v %v, want %s", tc.in, r, ok, tc.code)
		}
	}
}

func TestTableBlockRules(t *testing.T) {
	b := loadSet(t).Blocks
	for s, want := range map[string]bool{"注：1.2020年数据来源于统计年报。": true, "注1：社会办医院为规划数。": true, "说明：现有床位为实际开放床位。": true,
		"资料来源：统计年报": true, "备注": false, "注重基层": false, "说明": false} {
		if got := b.IsTableNote(s); got != want {
			t.Errorf("IsTableNote(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{"续表1": true, "续表 2": true, "续表": true, "续表一：主要指标": true, "表1": false, "继续表彰": false} {
		if got := b.IsContinuationCaption(s); got != want {
			t.Errorf("IsContinuationCaption(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]bool{
		"围绕补齐公共卫生短板、提升区级医院能力和夯实基层网底，谋划实施一批卫生健康重点建设项目。": true,
		"每千人口医疗卫生机构床位数": false, "完成上级下达任务。": false,
		"新建门急诊医技楼、住院楼和感染性疾病楼，总建筑面积约18万平方米，设置床位1200张": false,
	} {
		if got := b.IsRunningText(s); got != want {
			t.Errorf("IsRunningText(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsFrame(t *testing.T) {
	b := loadSet(t).Blocks
	for _, tc := range []struct {
		rows, cols, filled int
		oneColumn          bool
		first              string
		want               bool
	}{
		{1, 1, 1, true, "县级医院能力提升工程", true},      // a single cell: a frame
		{3, 2, 1, false, "专栏1 公共卫生能力提升工程", true}, // the only text cell is a 专栏
		{4, 1, 4, true, "专栏2", true},             // a column of 专栏 rows
		{4, 1, 4, true, "指标", false},             // a one-column list that is no box
		{3, 3, 9, false, "专栏1", false},           // a real table whose first cell says 专栏
		{2, 2, 0, false, "", false},
	} {
		if got := b.IsFrame(tc.rows, tc.cols, tc.filled, tc.oneColumn, tc.first); got != tc.want {
			t.Errorf("IsFrame(%d, %d, %d, %v, %q) = %v", tc.rows, tc.cols, tc.filled, tc.oneColumn, tc.first, got)
		}
	}
}
