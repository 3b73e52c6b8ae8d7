package rules

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var updateGazetteerSample = flag.Bool("update", false, "rewrite testdata/gazetteer_sample.tsv from the gazetteer")

func gazLoad(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func codes(rs []Region) string {
	var cs []string
	for _, r := range rs {
		cs = append(cs, r.Code)
	}
	return strings.Join(cs, ",")
}

// TestGazetteerCorpusRegions: the regions of the corpus plans, and every
// level.
func TestGazetteerCorpusRegions(t *testing.T) {
	g := gazLoad(t)
	for _, c := range []struct{ name, code, level, province, prefecture, parent string }{
		{"高阳县", "130628", LevelCounty, "河北省", "保定市", "130600"},
		{"泗阳县", "321323", LevelCounty, "江苏省", "宿迁市", "321300"},
		{"泸县", "510521", LevelCounty, "四川省", "泸州市", "510500"},
		{"阳江市", "441700", LevelPrefectureCity, "广东省", "", "440000"},
		{"蛟河市", "220281", LevelCountyLevelCity, "吉林省", "吉林市", "220200"},
		{"北京市", "110000", LevelProvince, "北京市", "", ""},
		{"重庆市", "500000", LevelProvince, "重庆市", "", ""},
		{"内蒙古自治区", "150000", LevelProvince, "内蒙古自治区", "", ""},
		{"广西壮族自治区", "450000", LevelProvince, "广西壮族自治区", "", ""},
		{"鄂尔多斯市", "150600", LevelPrefectureCity, "内蒙古自治区", "", "150000"},
		{"准格尔旗", "150622", LevelCounty, "内蒙古自治区", "鄂尔多斯市", "150600"},
		{"鄂伦春自治旗", "150723", LevelCounty, "内蒙古自治区", "呼伦贝尔市", "150700"},
		{"望城区", "430112", LevelDistrict, "湖南省", "长沙市", "430100"},
		{"东城区", "110101", LevelDistrict, "北京市", "", "110000"},
		{"城口县", "500229", LevelCounty, "重庆市", "", "500000"},
		{"仙桃市", "429004", LevelCountyLevelCity, "湖北省", "", "420000"},
		{"神农架林区", "429021", LevelCounty, "湖北省", "", "420000"},
		{"六枝特区", "520203", LevelCounty, "贵州省", "六盘水市", "520200"},
		{"碑林区", "610103", LevelDistrict, "陕西省", "西安市", "610100"},
		{"兴安盟", "152200", LevelPrefecture, "内蒙古自治区", "", "150000"},
		{"阿里地区", "542500", LevelPrefecture, "西藏自治区", "", "540000"},
		{"延边朝鲜族自治州", "222400", LevelPrefecture, "吉林省", "", "220000"},
		{"东莞市", "441900", LevelPrefectureCity, "广东省", "", "440000"},
		{"积石山保安族东乡族撒拉族自治县", "622927", LevelCounty, "甘肃省", "临夏回族自治州", "622900"},
		{"牡丹江市", "231000", LevelPrefectureCity, "黑龙江省", "", "230000"},
		{"永嘉县", "330324", LevelCounty, "浙江省", "温州市", "330300"},
	} {
		rs := g.Lookup(c.name)
		if len(rs) != 1 {
			t.Errorf("Lookup(%q) = %d regions [%s], want 1", c.name, len(rs), codes(rs))
			continue
		}
		r := rs[0]
		want := Region{Code: c.code, Name: c.name, Level: c.level, Province: c.province, Prefecture: c.prefecture, ParentCode: c.parent, Short: r.Short}
		if r != want {
			t.Errorf("Lookup(%q) = %+v, want %+v", c.name, r, want)
		}
		if got, ok := g.ByCode(c.code); !ok || got != r {
			t.Errorf("ByCode(%s) = %+v, %v; want %+v", c.code, got, ok, r)
		}
		if got, ok := g.Resolve(c.name); !ok || got.Code != c.code {
			t.Errorf("Resolve(%q) = %s, %v; want %s", c.name, got.Code, ok, c.code)
		}
	}
	if rs := g.Lookup("江市"); rs != nil {
		t.Errorf("Lookup(江市) = %v, want nil", rs)
	}
	if _, ok := g.ByCode("441799"); ok {
		t.Error("ByCode(441799) found a region")
	}
	// placeholders and statistical units are not regions
	for _, name := range []string{"市辖区", "县", "省直辖县级行政区划", "西沙群岛", "石家庄高新技术产业开发区", "兰州新区"} {
		if rs := g.Lookup(name); rs != nil {
			t.Errorf("Lookup(%q) = [%s], want nil", name, codes(rs))
		}
	}
	if rs := g.Lookup("东莞市"); len(rs) != 1 {
		t.Errorf("东莞市 twice (as its own county): [%s]", codes(rs))
	}
}

// TestGazetteerHomonyms: every region of a name comes back.
func TestGazetteerHomonyms(t *testing.T) {
	g := gazLoad(t)
	for _, c := range []struct{ name, codes string }{
		{"朝阳区", "110105,220104"},
		{"通州区", "110112,320612"},
		{"鼓楼区", "320106,320302,350102,410204"},
	} {
		if got := codes(g.Lookup(c.name)); got != c.codes {
			t.Errorf("Lookup(%q) = [%s], want [%s]", c.name, got, c.codes)
		}
	}
}

func TestGazetteerShort(t *testing.T) {
	g := gazLoad(t)
	for _, c := range []struct{ stem, codes string }{
		{"高阳", "130628"},
		{"阳江", "441700"},
		{"泗阳", "321323"},
		{"蛟河", "220281"},
		{"河口", "370503,532532"}, // 东营市河口区, 河口瑶族自治县
		{"积石山", "622927"},
		{"东乡", "361003,622926"}, // 抚州市东乡区, 东乡族自治县
		{"鄂伦春", "150723"},
		{"内蒙古", "150000"},
		{"广西", "450000"},
		{"神农架", "429021"},
		{"浦东", "310115"},
		{"清新", "441803"},
		{"碑林", "610103"},
		{"泸", ""},   // one character: never a short form
		{"城", ""},   // 城区
		{"高阳县", ""}, // a full name is not a short form
	} {
		if got := codes(g.LookupShort(c.stem)); got != c.codes {
			t.Errorf("LookupShort(%q) = [%s], want [%s]", c.stem, got, c.codes)
		}
	}
}

func TestGazetteerResolve(t *testing.T) {
	g := gazLoad(t)
	for _, c := range []struct {
		name    string
		context []string
		code    string // "" for not resolved
	}{
		{"泸县", nil, "510521"},
		{"高阳", []string{"健康高阳2030规划"}, "130628"},
		{"阳江", nil, "441700"},
		{"朝阳区", nil, ""},
		{"朝阳区", []string{"北京市朝阳区人民政府关于印发《朝阳区卫生健康发展规划》的通知"}, "110105"},
		{"朝阳区", []string{"长春市朝阳区卫生健康局"}, "220104"},
		{"朝阳区", []string{"吉林省朝阳区"}, "220104"},
		{"朝阳区", []string{"关于印发规划的通知", "长春朝阳区"}, "220104"}, // parent short form, second context
		{"鼓楼区", []string{"福建省福州市鼓楼区卫生健康局"}, "350102"},
		{"鼓楼区", []string{"江苏省鼓楼区"}, ""}, // 南京 and 徐州 both in 江苏
		{"城区", []string{"山西省阳泉市城区人民政府"}, "140302"},
		{"河口", nil, ""},
		{"河口", []string{"云南省红河哈尼族彝族自治州"}, "532532"},
		{"河口", []string{"河口瑶族自治县人民政府"}, "532532"},
		{"河口", []string{"东营市"}, "370503"},
		{"江市", nil, ""},
		{"", nil, ""},
	} {
		got, ok := g.Resolve(c.name, c.context...)
		if c.code == "" {
			if ok {
				t.Errorf("Resolve(%q, %q) = %s, want none", c.name, c.context, got.Code)
			}
			continue
		}
		if !ok || got.Code != c.code {
			t.Errorf("Resolve(%q, %q) = %s, %v; want %s", c.name, c.context, got.Code, ok, c.code)
		}
	}
}

// TestGazetteerFind: the longest name at each position, never one starting
// inside another.
func TestGazetteerFind(t *testing.T) {
	g := gazLoad(t)
	for _, c := range []struct{ text, want string }{
		{"阳江市人民政府关于印发《阳江市“十四五”卫生健康事业发展规划》的通知", "阳江市,阳江市"},
		{"黑龙江省牡丹江市卫生健康委员会", "黑龙江省,牡丹江市"},
		{"牡丹江市", "牡丹江市"},
		{"浙江省温州市永嘉县", "浙江省,温州市,永嘉县"},
		{"永嘉县", "永嘉县"},
		{"甘肃省积石山保安族东乡族撒拉族自治县", "甘肃省,积石山保安族东乡族撒拉族自治县"},
		{"山东省济南市市中区人民政府", "山东省,济南市,市中区"},
		{"江西省宜春市宜丰县", "江西省,宜春市,宜丰县"}, // not 丰县
		{"南昌市安义县", "南昌市,安义县"},        // not 义县
		{"洛阳市老城区", "洛阳市,老城区"},        // not 城区
		{"广东省阳江市阳东区", "广东省,阳江市,阳东区"}, // not 东区
		{"中心城区", "城区"},               // a name that is also a word: the caller judges
		{"健康高阳", ""},                 // short forms are LookupShort's
		{"江市", ""},
		{"", ""},
	} {
		var names []string
		for _, m := range g.Find(c.text) {
			if c.text[m.Start:m.End] != m.Name {
				t.Errorf("Find(%q): match %q at %d:%d reads %q", c.text, m.Name, m.Start, m.End, c.text[m.Start:m.End])
			}
			if len(m.Regions) == 0 || m.Regions[0].Name != m.Name {
				t.Errorf("Find(%q): match %q has regions %v", c.text, m.Name, m.Regions)
			}
			names = append(names, m.Name)
		}
		if got := strings.Join(names, ","); got != c.want {
			t.Errorf("Find(%q) = %s, want %s", c.text, got, c.want)
		}
	}
	ms := g.Find("泸州市泸县")
	if len(ms) != 2 || ms[1].Start != len("泸州市") || ms[1].End != len("泸州市泸县") || codes(ms[1].Regions) != "510521" {
		t.Errorf("Find(泸州市泸县) = %+v", ms)
	}
}

// TestGazetteerResultsAreCopies: callers cannot change the gazetteer.
func TestGazetteerResultsAreCopies(t *testing.T) {
	g := gazLoad(t)
	rs := g.Lookup("朝阳区")
	rs[0].Code = "999999"
	g.Find("北京市")[0].Regions[0].Name = "x"
	g.LookupShort("高阳")[0].Level = "x"
	if codes(g.Lookup("朝阳区")) != "110105,220104" || g.Lookup("北京市")[0].Name != "北京市" || g.Lookup("高阳县")[0].Level != LevelCounty {
		t.Error("a result slice shares the gazetteer's storage")
	}
}

func TestGazetteerConcurrent(t *testing.T) {
	g := gazLoad(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if r, ok := g.Resolve("朝阳区", "北京市朝阳区"); !ok || r.Code != "110105" {
					t.Error("concurrent Resolve failed")
				}
				_ = g.Find("北京市朝阳区和长春市朝阳区")
			}
		}()
	}
	wg.Wait()
}

// TestGazetteerData: counts and structure of the whole file.
func TestGazetteerData(t *testing.T) {
	g := gazLoad(t)
	count := map[string]int{}
	for _, r := range g.regions {
		count[r.Level]++
		if r.Level == LevelDistrict && strings.HasSuffix(r.Name, "县") {
			t.Errorf("%s %s is a district", r.Code, r.Name)
		}
	}
	if count[LevelProvince] != 31 {
		t.Errorf("%d provinces, want 31", count[LevelProvince])
	}
	if n := count[LevelPrefectureCity] + count[LevelPrefecture]; n < 330 || n > 340 {
		t.Errorf("%d prefectures, want about 333", n)
	}
	if n := count[LevelDistrict] + count[LevelCountyLevelCity] + count[LevelCounty]; n < 2800 || n > 2900 {
		t.Errorf("%d county-level units, want about 2840", n)
	}
	if _, err := Load(); err != nil {
		t.Fatal(err)
	}
}

// TestGazetteerStrict: a bad row fails with the file and line named.
func TestGazetteerStrict(t *testing.T) {
	const head = "# comment\n110000\t北京市\tprovince\t\t北京\n"
	for _, c := range []struct{ data, want string }{
		{head + "110101\t东城区\tdistrict\t110000\n", "x.tsv:3: want 5 tab-separated columns"},
		{head + "11010\t东城区\tdistrict\t110000\t东城\n", "x.tsv:3: code \"11010\" is not six digits"},
		{head + "11010a\t东城区\tdistrict\t110000\t东城\n", "x.tsv:3: code \"11010a\""},
		{head + "110000\t东城区\tdistrict\t110000\t东城\n", "x.tsv:3: code 110000 not after 110000"},
		{head + "110101\t东城区\tdistrict\t110000\t东城\n100101\t西城区\tdistrict\t110000\t西城\n", "x.tsv:4: code 100101 not after"},
		{head + "110101\t东城区\ttown\t110000\t东城\n", "x.tsv:3: unknown level \"town\""},
		{head + "110101\t东城区 \tdistrict\t110000\t东城\n", "x.tsv:3: name \"东城区 \" is not Han"},
		{head + "110101\t\tdistrict\t110000\t东城\n", "x.tsv:3: name \"\""},
		{head + "110101\t东城区\tdistrict\t110000\t西城\n", "x.tsv:3: short form \"西城\""},
		{head + "110101\t东城区\tdistrict\t110000\t东城区\n", "x.tsv:3: short form"},
		{head + "110101\t东城区\tdistrict\t110000\t\n", "x.tsv:3: short form"},
		{head + "110101\t东城区\tdistrict\t120000\t东城\n", "x.tsv:3: district 东城区: parent \"120000\""},
		{head + "120101\t和平区\tdistrict\t120000\t和平\n", "x.tsv:3: district 和平区: parent 120000 not defined"},
		{head + "110101\t东城区\tdistrict\t110100\t东城\n", "x.tsv:3: district 东城区: parent 110100 not defined"},
		{head + "110100\t北京城\tprefecture-city\t\t北京\n", "x.tsv:3: prefecture-city 北京城: parent \"\""},
		{head + "110100\t北京城\tprovince\t\t北京\n", "x.tsv:3: province 北京城: code 110100"},
		{head + "120000\t天津市\tprovince\t110000\t天津\n", "x.tsv:3: province 天津市 has parent"},
		{head + "110110\t东城区\tprefecture\t110000\t东城\n", "x.tsv:3: prefecture 东城区: code 110110"},
		{head + "110100\t东城区\tdistrict\t110000\t东城\n", "x.tsv:3: county-level 东城区: code 110100 ends in 00"},
		{head + "110101\t东城区\tdistrict\t110000\t东城", "x.tsv: last line not terminated"},
		{"# only comments\n", "x.tsv: no regions"},
		{head + "\n", "x.tsv:3: want 5"},
	} {
		_, err := parseGazetteer("x.tsv", []byte(c.data))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseGazetteer(%q): error %v, want one containing %q", c.data, err, c.want)
		}
	}
	if _, err := parseGazetteer("x.tsv", []byte(head+"110101\t东城区\tdistrict\t110000\t东城\n")); err != nil {
		t.Errorf("a good file: %v", err)
	}
}

// gazetteerSampleSize county-level regions, every k-th in code order, with
// their codes and levels: testdata/gazetteer_sample.tsv, written with
// `go test ./rules -run TestGazetteerSample -update` and checked in, so a
// regenerated gazetteer that loses or renames one of them fails here.
const gazetteerSampleSize = 200

func writeGazetteerSample(t *testing.T, g *Gazetteer, path string) {
	var county []Region
	for _, r := range g.regions {
		switch r.Level {
		case LevelDistrict, LevelCountyLevelCity, LevelCounty:
			county = append(county, r)
		}
	}
	k := len(county) / gazetteerSampleSize
	var b strings.Builder
	b.WriteString("# code\tname\tlevel: every " + fmt.Sprint(k) + "th county-level region of gazetteer.tsv (written by TestGazetteerSample -update)\n")
	for i := 0; i < gazetteerSampleSize; i++ {
		r := county[k/2+i*k]
		fmt.Fprintf(&b, "%s\t%s\t%s\n", r.Code, r.Name, r.Level)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGazetteerSample: 200 region names drawn from the gazetteer, each in a
// notice headline, are found by Find and resolved to their codes by Resolve
// — from the headline alone when the name is unique, with the issuer naming
// its parents when it is not.
func TestGazetteerSample(t *testing.T) {
	g := gazLoad(t)
	path := filepath.Join("testdata", "gazetteer_sample.tsv")
	if *updateGazetteerSample {
		writeGazetteerSample(t, g, path)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	rows, homonyms := 0, 0
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 3 {
			t.Fatalf("%s:%d: want 3 columns, got %d", path, line, len(cols))
		}
		code, name, level := cols[0], cols[1], cols[2]
		rows++
		headline := "关于印发《" + name + "“十四五”卫生健康发展规划》的通知"
		var found *RegionMatch
		ms := g.Find(headline)
		for i := range ms {
			if ms[i].Name == name && ms[i].Start == len("关于印发《") {
				found = &ms[i]
			}
		}
		if found == nil || len(ms) != 1 {
			t.Errorf("%s:%d: Find(%q) = %+v, want %s alone", path, line, headline, ms, name)
			continue
		}
		if !strings.Contains(codes(found.Regions), code) {
			t.Errorf("%s:%d: match %s has regions [%s], want %s among them", path, line, name, codes(found.Regions), code)
		}
		context := []string{headline}
		if len(found.Regions) > 1 {
			homonyms++
			if r, ok := g.Resolve(found.Name, context...); ok {
				t.Errorf("%s:%d: homonym %s resolved without its parents to %s", path, line, name, r.Code)
			}
			want, _ := g.ByCode(code)
			context = append(context, want.Province+want.Prefecture+name+"人民政府")
		}
		r, ok := g.Resolve(found.Name, context...)
		if !ok || r.Code != code || r.Level != level {
			t.Errorf("%s:%d: Resolve(%q, %q) = %s %s %v, want %s %s", path, line, name, context, r.Code, r.Level, ok, code, level)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if rows != gazetteerSampleSize {
		t.Errorf("%d rows in %s, want %d", rows, path, gazetteerSampleSize)
	}
	t.Logf("%d sample regions, %d homonyms resolved by their parents", rows, homonyms)
}

func BenchmarkLoadGazetteer(b *testing.B) {
	for b.Loop() {
		if _, err := LoadGazetteer(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGazetteerFind60KB: Find over 60 KB of a corpus plan's text.
func BenchmarkGazetteerFind60KB(b *testing.B) {
	g := gazLoad(b)
	matches, _ := filepath.Glob(filepath.Join("..", "corpus", "plans", "*.txt"))
	if len(matches) == 0 {
		b.Skip("no corpus plan text")
	}
	plan, err := os.ReadFile(matches[0])
	if err != nil {
		b.Fatal(err)
	}
	text := string(plan)
	for len(text) < 60<<10 {
		text += string(plan)
	}
	text = strings.ToValidUTF8(text[:60<<10], "")
	b.SetBytes(int64(len(text)))
	n := 0
	for b.Loop() {
		n = len(g.Find(text))
	}
	b.ReportMetric(float64(n), "matches")
}

// TestGazetteerResolveEvery: every region, named in an issuer line with its
// parents, resolves to itself; and every homonym without them to none.
func TestGazetteerResolveEvery(t *testing.T) {
	g := gazLoad(t)
	for _, r := range g.regions {
		issuer := r.Province + r.Prefecture + r.Name + "人民政府"
		if r.Level == LevelProvince {
			issuer = r.Name + "人民政府"
		}
		if got, ok := g.Resolve(r.Name, issuer); !ok || got.Code != r.Code {
			t.Errorf("Resolve(%q, %q) = %s, %v; want %s", r.Name, issuer, got.Code, ok, r.Code)
		}
		if len(g.byName[r.Name]) > 1 {
			if got, ok := g.Resolve(r.Name, r.Name+"人民政府"); ok {
				t.Errorf("homonym %s resolved without parents to %s", r.Name, got.Code)
			}
		}
	}
}
