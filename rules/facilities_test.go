package rules

import (
	"github.com/guihua-project/guihua/internal/docmodel"

	"slices"
	"strings"
	"testing"
)

func facLoad(t *testing.T) *FacilityRules {
	t.Helper()
	r, err := LoadFacilityRules()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The 26 institutions of plan 000's 表2 (高阳县) and the 25 of plan 002's
// 表2 (泸县), as printed, with their types.
var facTable000 = []struct{ name, typ string }{
	{"高阳县医院", FacilityGeneralHospital},
	{"高阳县中医医院", FacilityTCMHospital},
	{"高阳县妇幼保健院", FacilityMaternalChild},
	{"保定康爱戒毒医院", FacilitySpecialtyHospital},
	{"庞口镇中心卫生院", FacilityTownshipCenter},
	{"西演镇中心卫生院", FacilityTownshipCenter},
	{"晋庄镇中心卫生院", FacilityTownshipCenter},
	{"锦华街道社区卫生服务中心", FacilityCommunityCenter},
	{"邢家南镇卫生院", FacilityTownshipCenter},
	{"蒲口镇卫生院", FacilityTownshipCenter},
	{"小王果庄镇卫生院", FacilityTownshipCenter},
	{"庞家佐镇卫生院", FacilityTownshipCenter},
	{"庞口镇中心卫生院第一分院", FacilityTownshipCenter},
	{"莘桥社区卫生服务站", FacilityCommunityStation},
	{"边渡口社区卫生服务站", FacilityCommunityStation},
	{"高阳正阳医院", FacilityGeneralHospital},
	{"高阳职工医院", FacilityGeneralHospital},
	{"高阳血管病医院", FacilitySpecialtyHospital},
	{"高阳安康医院", FacilityGeneralHospital},
	{"高阳陈氏口腔医院", FacilitySpecialtyHospital},
	{"高阳京协医院", FacilityGeneralHospital},
	{"高阳鹰华眼科医院", FacilitySpecialtyHospital},
	{"高阳康健精神病医院", FacilitySpecialtyHospital},
	{"高阳城西医院", FacilityGeneralHospital},
	{"保定高阳普康儿童医院", FacilitySpecialtyHospital},
	{"高阳滨河医院", FacilityGeneralHospital},
}

var facTable002 = []struct{ name, typ string }{
	{"泸县人民医院", FacilityGeneralHospital},
	{"泸县第二人民医院", FacilityGeneralHospital},
	{"泸县中医医院", FacilityTCMHospital},
	{"泸县康复医院", FacilitySpecialtyHospital},
	{"泸县妇幼保健计划生育服务中心", FacilityMaternalChild},
	{"泸县玉蟾街道社区卫生服务中心", FacilityCommunityCenter},
	{"泸县福集镇卫生院", FacilityTownshipCenter},
	{"泸县嘉明镇卫生院", FacilityTownshipCenter},
	{"泸县喻寺中心卫生院", FacilityTownshipCenter},
	{"泸县方洞镇卫生院", FacilityTownshipCenter},
	{"泸县牛滩中心卫生院", FacilityTownshipCenter},
	{"泸县天兴镇卫生院", FacilityTownshipCenter},
	{"泸县潮河中心卫生院", FacilityTownshipCenter},
	{"泸县海潮镇卫生院", FacilityTownshipCenter},
	{"泸县得胜镇卫生院", FacilityTownshipCenter},
	{"泸县云龙中心卫生院", FacilityTownshipCenter},
	{"泸县奇峰中心卫生院", FacilityTownshipCenter},
	{"泸县玄滩镇卫生院", FacilityTownshipCenter},
	{"泸县石桥镇卫生院", FacilityTownshipCenter},
	{"泸县毗卢镇卫生院", FacilityTownshipCenter},
	{"泸县立石中心卫生院", FacilityTownshipCenter},
	{"泸县百和镇卫生院", FacilityTownshipCenter},
	{"泸县太伏中心卫生院", FacilityTownshipCenter},
	{"泸县兆雅中心卫生院", FacilityTownshipCenter},
	{"泸县云锦镇卫生院", FacilityTownshipCenter},
}

func TestFacilityTypeTables(t *testing.T) {
	r := facLoad(t)
	if len(facTable000) != 26 || len(facTable002) != 25 {
		t.Fatalf("table sizes %d, %d", len(facTable000), len(facTable002))
	}
	for _, c := range append(append(facTable000[:0:0], facTable000...), facTable002...) {
		if got := r.Type(c.name); got != c.typ {
			t.Errorf("Type(%q) = %s, want %s", c.name, got, c.typ)
		}
		if r.IsTotal(c.name) {
			t.Errorf("IsTotal(%q) = true", c.name)
		}
	}
}

func TestFacilityType(t *testing.T) {
	r := facLoad(t)
	for name, want := range map[string]string{
		// text mentions and other spellings
		"县中医院":         FacilityTCMHospital,
		"蛟河市中医院":       FacilityTCMHospital,
		"县中西医结合医院":     FacilityTCMHospital,
		"市妇幼保健院":       FacilityMaternalChild,
		"县妇幼保健所":       FacilityMaternalChild,
		"兆雅中心卫生院":      FacilityTownshipCenter,
		"锦华街道卫生院":      FacilityTownshipCenter,
		"庞口卫生院第一分院":    FacilityTownshipCenter,
		"锦华社区卫生服务中心":   FacilityCommunityCenter,
		"某村卫生室":        FacilityVillageClinic,
		"县疾病预防控制中心":    FacilityCDC,
		"县疾控中心":        FacilityCDC,
		"市疾病预防控制中心":    FacilityCDC,
		"县卫生健康监督所":     FacilitySupervision,
		"县卫生监督所":       FacilitySupervision,
		"泸州市120急救中心":   FacilityEmergency,
		"县急救站":         FacilityEmergency,
		"县精神卫生中心":      FacilitySpecialtyHospital,
		"县脑科医院":        FacilitySpecialtyHospital,
		"县传染病医院":       FacilitySpecialtyHospital,
		"县骨科医院":        FacilitySpecialtyHospital,
		"县妇产医院":        FacilitySpecialtyHospital,
		"县肿瘤医院":        FacilitySpecialtyHospital,
		"县第二人民医院":      FacilityGeneralHospital,
		"泗阳医院":         FacilityGeneralHospital,
		"县医院":          FacilityGeneralHospital,
		"第三人民医院":       FacilityGeneralHospital,
		"西南医科大学附属医院":   FacilityGeneralHospital,
		"淮安一院":         FacilityGeneralHospital,
		"高阳县医院第二分院":    FacilityGeneralHospital,
		"吉林市中心血站":      FacilityOther,
		"县卫生健康局":       FacilityOther,
		"一院":           FacilityOther,
		"分院":           FacilityOther,
		"第一分院":         FacilityOther,
		"":             FacilityOther,
		"  高阳县 中医医院\n": FacilityTCMHospital,
		"\xff\xfe医院":   FacilityGeneralHospital,
	} {
		// names reach the rules normalised by the document model
		if got := r.Type(docmodel.Normalize(name)); got != want {
			t.Errorf("Type(%q) = %s, want %s", name, got, want)
		}
	}
}

func TestFacilityIsTotal(t *testing.T) {
	r := facLoad(t)
	for _, s := range []string{"合计", "合  计", "总计", "小计", "高阳县总数", "全县合计", "全市医疗卫生机构总数", "全县", "共计"} {
		if !r.IsTotal(docmodel.Normalize(s)) {
			t.Errorf("IsTotal(%q) = false", s)
		}
	}
	for _, s := range []string{"", "高阳县医院", "公立医院", "全县医疗卫生机构", "总数量医院", "每千人口医疗卫生机构床位数"} {
		if r.IsTotal(s) {
			t.Errorf("IsTotal(%q) = true", s)
		}
	}
}

func TestFacilityOwnership(t *testing.T) {
	r := facLoad(t)
	for cat, want := range map[string]string{
		"公立医院":     "public",
		"政府办医疗机构":  "public",
		"社会办医疗机构":  "private",
		"非公立医院":    "private",
		"民营医院":     "private",
		"民办医疗机构":   "private",
		"私立医院":     "private",
		"基层医疗卫生机构": "",
		"":         "",
		"公 立 医 院":  "public",
	} {
		if got := r.Ownership(docmodel.Normalize(cat)); got != want {
			t.Errorf("Ownership(%q) = %q, want %q", cat, got, want)
		}
	}
}

func TestFacilityActions(t *testing.T) {
	r := facLoad(t)
	for _, c := range []struct {
		sentence string
		want     []string
	}{
		{"3.加快推进高阳县妇幼保健院迁建项目，包括妇女保健部用房、儿童保健部用房、围产保健部用房、医技科室、消防、污水及垃圾处理设施，新建门诊六层综合楼。", []string{"迁建", "新建"}},
		{"1.开展高阳县西演镇中心卫生院整体改建项目，高阳县庞口镇中心卫生院改造提升项目，庞家佐镇卫生院能力提升项目，锦华街道卫生院改造提升项目，进一步提升医院就医环境及医疗服务能力。", []string{"改建", "改造提升", "提升"}},
		{"推动县中医院创建为三级甲等中医院。", []string{"创建三级甲等"}},
		{"县人民医院创建成三级甲等医院，县第二人民医院创建成三级乙等医院，新建残疾儿童康复中心、新建医康养综合体；", []string{"创建三级甲等", "创建三级乙等", "新建"}},
		{"新袁医院、运北医院、运南区域医疗卫生中心创成二级综合医院。", []string{"创成二级"}},
		{"县疾病预防控制中心创建成“三级乙等”疾控机构", []string{"创建三级乙等"}},
		{"县妇幼保健院创建成二级甲等妇幼保健机构。", []string{"创建二级甲等"}},
		{"推动泗阳医院创建为三级综合医院", []string{"创建三级"}},
		{"2022年底前完成县脑科医院易地新建工程。", []string{"迁建"}},
		{"内部改扩建一批社区(乡镇)医养结合服务设施", []string{"改扩建"}},
		{"推进县第二人民医院扩建", []string{"扩建"}},
		{"完成毗卢镇卫生院、海潮镇卫生院、方洞镇卫生院迁建项目。", []string{"迁建"}},
		{"泗阳医院启动三级综合医院创建", nil},
		{"", nil},
		{"\xff\xfe提升", []string{"提升"}},
	} {
		if got := r.Actions(c.sentence); !slices.Equal(got, c.want) {
			t.Errorf("Actions(%q) = %q, want %q", c.sentence, got, c.want)
		}
	}
}

func TestFacilitySuffixes(t *testing.T) {
	r := facLoad(t)
	s := r.Suffixes()
	for _, want := range []string{"医院", "中医医院", "卫生院", "中心卫生院", "社区卫生服务中心", "社区卫生服务站", "村卫生室", "疾病预防控制中心", "疾控中心", "卫生健康监督所", "急救中心", "妇幼保健院", "精神卫生中心"} {
		if !slices.Contains(s, want) {
			t.Errorf("Suffixes() lacks %q", want)
		}
	}
	for i := 1; i < len(s); i++ {
		if len(s[i]) > len(s[i-1]) {
			t.Fatalf("Suffixes() not longest first: %q before %q", s[i-1], s[i])
		}
	}
	s[0] = "changed"
	if r.Suffixes()[0] == "changed" {
		t.Error("Suffixes() returns the rules' own slice")
	}
	l := r.Lexicon()
	l.Leads[0] = "changed"
	if r.Lexicon().Leads[0] == "changed" {
		t.Error("Lexicon() returns the rules' own slices")
	}
	if len(l.PlaceMarkers) == 0 || l.OrgMax <= 0 || len(l.UniqueAfterBare) == 0 {
		t.Errorf("incomplete lexicon: %+v", l.PlaceMarkers)
	}
}

func TestFacilityBranchLen(t *testing.T) {
	r := facLoad(t)
	for s, want := range map[string]int{"第一分院康复": len("第一分院"), "分院": len("分院"), "第十二分院": len("第十二分院"), "第一": 0, "康复中心": 0, "": 0, "第分院": 0} {
		if got := r.BranchLen(s); got != want {
			t.Errorf("BranchLen(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestFacilityRulesErrors(t *testing.T) {
	for _, bad := range []string{``, `{`, `{"types": []}`, `{"types": [{"type": "castle", "suffixes": ["堡"]}]}`,
		`{"types": [{"type": "other", "suffixes": ["院"]}], "text": {"place_markers": [{"marker": "县"}]}}`} {
		if _, err := facParseRules([]byte(bad)); err == nil {
			t.Errorf("facParseRules(%q): no error", bad)
		}
	}
	var nilRules *FacilityRules
	if nilRules.Type("医院") != FacilityOther || nilRules.Ownership("公立") != "" || nilRules.IsTotal("合计") ||
		nilRules.Suffixes() != nil || nilRules.Actions("新建") != nil || nilRules.BranchLen("分院") != 0 {
		t.Error("nil rules should answer nothing")
	}
	// Each load is independent.
	a, b := facLoad(t), facLoad(t)
	if a == b || strings.Join(a.Suffixes(), ",") != strings.Join(b.Suffixes(), ",") {
		t.Error("loads differ or are shared")
	}
}
