package extractor

import (
	"strings"
	"testing"
)

func TestIndicatorRows(t *testing.T) {
	p := extractFile(t, "tables/indicator_table_subrows_ratio_empty_plan000.txt")
	type row struct{ category, seq, name, unit, parent, code, nature string }
	want := []row{
		{"医疗服务体系", "5", "每千人口医疗卫生机构床位数", "张", "<nil>", "beds_per_1k", "anticipatory"},
		{"医疗服务体系", "<nil>", "医院", "<nil>", "每千人口医疗卫生机构床位数（张）", "beds_hospital_per_1k", "anticipatory"},
		{"医疗服务体系", "<nil>", "公立医院", "<nil>", "医院", "beds_public_hospital_per_1k", "anticipatory"},
		{"医疗服务体系", "<nil>", "非公立医院", "<nil>", "医院", "beds_private_hospital_per_1k", "anticipatory"},
		{"医疗服务体系", "<nil>", "基层医疗卫生机构", "<nil>", "每千人口医疗卫生机构床位数（张）", "beds_primary_care_per_1k", "anticipatory"},
		{"医疗服务体系", "6", "每千人口执业（助理）医师数", "人", "<nil>", "doctors_per_1k", "binding"},
		{"医疗服务体系", "<nil>", "每千人口中医类别执业（助理）医师数", "人", "每千人口执业（助理）医师数（人）", "tcm_doctors_per_1k", "anticipatory"},
		{"中医药服务", "7", "医护比", "1：X", "<nil>", "doctor_nurse_ratio", "anticipatory"},
	}
	if len(p.Indicators) != len(want) {
		t.Fatalf("%d indicators, want %d", len(p.Indicators), len(want))
	}
	for i, w := range want {
		in := p.Indicators[i]
		got := row{deref(in.Category), deref(in.Seq), in.Name, deref(in.Unit), deref(in.Parent), deref(in.Code), deref(in.Nature)}
		if got != w {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got, w)
		}
		if deref(in.Table) != "表1：医疗卫生服务体系资源要素配置主要指标" {
			t.Errorf("row %d table %q", i, deref(in.Table))
		}
	}
	v := p.Indicators[5].Values
	if len(v) != 2 || v[0].Column != "2020年" || *v[0].Year != 2020 || deref(v[0].Role) != "baseline" ||
		v[1].Column != "2025年目标" || *v[1].Year != 2025 || deref(v[1].Role) != "target" || deref(v[1].Cmp) != "<=" || *v[1].Value != 3.54 {
		t.Errorf("values of row 6: %+v", v)
	}
	r := p.Indicators[7].Values
	if r[0].Kind != "ratio" || len(r[0].Ratio) != 2 || r[0].Ratio[1] != 1.13 || deref(r[1].Cmp) != "~" {
		t.Errorf("ratio/approx values: %+v", r)
	}
	if e := p.Indicators[6].Values[0]; e.Kind != "empty" || e.Raw != "" {
		t.Errorf("empty cell: %+v", e)
	}
	if p.Indicators[0].Span.Line != 10 || !strings.Contains(p.Indicators[0].Span.Quote, "每千人口医疗卫生机构床位数") {
		t.Errorf("span %+v", p.Indicators[0].Span)
	}
	if len(p.Tables) != 1 || p.Tables[0].Kind != "indicator" || p.Tables[0].HeaderRows != 1 || len(p.Tables[0].Rows) != 9 {
		t.Errorf("tables %+v", p.Tables)
	}
}

func TestCompletionTableRoles(t *testing.T) {
	p := extractFile(t, "tables/completion_table_value_roles.txt")
	if len(p.Indicators) != 1 {
		t.Fatalf("%d indicators", len(p.Indicators))
	}
	var roles []string
	for _, v := range p.Indicators[0].Values {
		roles = append(roles, v.Column+"="+deref(v.Role))
	}
	if want := "2015年=baseline 2020年=actual 指标值=target"; strings.Join(roles, " ") != want {
		t.Errorf("roles %q, want %q (备注 is not a value)", strings.Join(roles, " "), want)
	}
}

func TestFacilityTable(t *testing.T) {
	p := extractFile(t, "tables/facility_bed_table_total_mismatch.txt")
	var names []string
	for _, f := range p.Facilities {
		names = append(names, f.Name+"/"+f.Type+"/"+deref(f.Ownership)+"/"+deref(f.Category))
	}
	want := []string{
		"某县人民医院/general_hospital/public/公立医院",
		"某县中医医院/tcm_hospital/public/公立医院",
		"某县康宁精神病医院/specialty_hospital/private/社会办医疗机构",
	}
	if strings.Join(names, ";") != strings.Join(want, ";") {
		t.Errorf("facilities\n got %q\nwant %q", names, want)
	}
	f := p.Facilities[1]
	if len(f.Beds) != 2 || f.Beds[1].Raw != "150" || *f.Beds[1].Year != 2025 || len(f.Mentions) != 1 || f.Mentions[0].Line != 30 {
		t.Errorf("中医医院: beds %+v mentions %+v", f.Beds, f.Mentions)
	}
	if !contains(f.Actions, "新建") {
		t.Errorf("actions %v, want 新建", f.Actions)
	}
	// 400+100+90 = 590 ≠ 600, 450+150+100 = 700
	if len(p.Warnings) != 1 || p.Warnings[0].Code != "total_mismatch" || !strings.Contains(p.Warnings[0].Message, "590") {
		t.Errorf("warnings %+v", p.Warnings)
	}
	if p.Tables[0].Kind != "facility" || p.Tables[0].Rows[1][1] != "某县总数" {
		t.Errorf("the total row stays in the table grid: %+v", p.Tables[0])
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func TestInstitutionTableWithoutBeds(t *testing.T) {
	p := extractFile(t, "tables/institution_table_without_beds.txt")
	if len(p.Facilities) != 2 || p.Facilities[1].Type != "maternal_child" {
		t.Fatalf("facilities %+v", p.Facilities)
	}
	for _, f := range p.Facilities {
		if len(f.Beds) != 0 {
			t.Errorf("%s: columns that are not beds read as beds: %+v", f.Name, f.Beds)
		}
	}
}

func TestFacilityActionsByClause(t *testing.T) {
	p := extractFile(t, "facilities/actions_by_clause.txt")
	want := map[string]string{"某县人民医院": "创建三级乙等", "某县中医院": "迁建", "某县疾病预防控制中心": "新建"}
	if len(p.Facilities) != len(want) {
		t.Fatalf("facilities %+v", p.Facilities)
	}
	for _, f := range p.Facilities {
		if strings.Join(f.Actions, ",") != want[f.Name] {
			t.Errorf("%s: actions %v, want %s", f.Name, f.Actions, want[f.Name])
		}
	}
}

func TestGroupHeadingRows(t *testing.T) {
	p := extractFile(t, "tables/indicator_group_heading_rows.txt")
	if len(p.Indicators) != 2 {
		t.Fatalf("%d indicators: %+v", len(p.Indicators), p.Indicators)
	}
	if deref(p.Indicators[0].Category) != "一、健康水平" || deref(p.Indicators[1].Category) != "二、医疗资源" {
		t.Errorf("categories %q %q", deref(p.Indicators[0].Category), deref(p.Indicators[1].Category))
	}
}

func TestFacilityGroupRows(t *testing.T) {
	p := extractFile(t, "tables/facility_group_rows.txt")
	if len(p.Facilities) != 2 || deref(p.Facilities[0].Category) != "公立医院" || deref(p.Facilities[1].Ownership) != "private" {
		t.Fatalf("facilities %+v", p.Facilities)
	}
}

func TestTableDetectionByColumns(t *testing.T) {
	// no indicator word in the caption, no nature column: the header says it
	p := extractFile(t, "tables/detection_by_columns.txt")
	if len(p.Indicators) != 1 || deref(p.Indicators[0].Code) != "nurses_per_1k" {
		t.Errorf("indicators %+v", p.Indicators)
	}
	if len(p.Facilities) != 2 || len(p.Facilities[0].Beds) != 2 || p.Facilities[0].Beds[1].Raw != "1000" || deref(p.Facilities[0].Beds[1].Role) != "target" {
		t.Errorf("count columns of an institution table are beds: %+v", p.Facilities)
	}
}
