package convert

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/guihua-project/guihua/internal/atomicfile"
	"github.com/guihua-project/guihua/internal/golden"
	"github.com/guihua-project/guihua/internal/plan"
)

var update = flag.Bool("update", false, "rewrite corpus/golden from the current output (read the diff against ../shared/gold before committing)")

const (
	plansDir  = "../../corpus/plans"
	goldenDir = "../../corpus/golden"
)

func corpusPlans(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(plansDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		out = append(out, filepath.Join(plansDir, e.Name()))
	}
	if len(out) == 0 {
		t.Fatal("no corpus plans")
	}
	return out
}

func newConverter(t testing.TB) *Converter {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// extract runs the converter with the path the CLI would report, so golden
// files carry "corpus/plans/<name>" whatever the test's working directory.
func extract(t testing.TB, c *Converter, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.JSON("corpus/plans/"+filepath.Base(path), data)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCorpusGolden extracts every corpus plan and compares the output with
// its reviewed golden file byte for byte.
func TestCorpusGolden(t *testing.T) {
	c := newConverter(t)
	for _, path := range corpusPlans(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			got := extract(t, c, path)
			goldenPath := filepath.Join(goldenDir, name+".json")
			if *update {
				if err := atomicfile.Write(goldenPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("no golden file (run go test ./internal/convert -update and review it): %v", err)
			}
			if !bytes.Equal(got, want) {
				changes, err := golden.Diff(want, got)
				if err != nil {
					t.Fatalf("compare with %s: %v", goldenPath, err)
				}
				var msg []string
				for _, ch := range changes {
					msg = append(msg, ch.String())
				}
				if len(msg) == 0 {
					msg = append(msg, firstDiff(want, got)) // same content, other bytes (formatting)
				}
				t.Errorf("output drifted from %s (go test ./internal/convert -update rewrites it; check the diff against ../shared/gold first):\n%s", goldenPath, strings.Join(msg, "\n"))
			}
		})
	}
}

// firstDiff shows the first differing lines of two outputs.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return "(no line differs)"
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestDeterministic(t *testing.T) {
	c := newConverter(t)
	for _, path := range corpusPlans(t) {
		a, b := extract(t, c, path), extract(t, c, path)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", path)
		}
	}
}

// entities is what must not depend on how a plan's text was encoded.
func entities(t *testing.T, js []byte) string {
	t.Helper()
	var p plan.Plan
	if err := json.Unmarshal(js, &p); err != nil {
		t.Fatal(err)
	}
	p.Source = plan.Source{}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestEncodingsAndLineEnds(t *testing.T) {
	c := newConverter(t)
	for _, path := range corpusPlans(t) {
		if filepath.Ext(path) != ".txt" {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		orig, err := c.JSON(path, data)
		if err != nil {
			t.Fatal(err)
		}
		gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
		bom := append([]byte{0xEF, 0xBB, 0xBF}, data...)
		for _, v := range []struct {
			name string
			data []byte
			enc  string
		}{{"gb18030", gb, "gb18030"}, {"crlf", crlf, "utf-8"}, {"bom", bom, "utf-8-bom"}} {
			got, err := c.JSON(path, v.data)
			if err != nil {
				t.Fatalf("%s %s: %v", path, v.name, err)
			}
			if entities(t, got) != entities(t, orig) {
				t.Errorf("%s: %s copy gives other entities than the UTF-8 original", path, v.name)
			}
			var p plan.Plan
			if err := json.Unmarshal(got, &p); err != nil {
				t.Fatal(err)
			}
			if p.Source.Encoding != v.enc {
				t.Errorf("%s %s: encoding %q, want %q", path, v.name, p.Source.Encoding, v.enc)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	c := newConverter(t)
	tests := []struct {
		name string
		path string
		data []byte
		want string
	}{
		{"empty", "empty.txt", nil, "empty"},
		{"blank", "blank.txt", []byte(" \n\n\t\n"), "empty"},
		{"binary", "image.txt", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0xff, 0xfe, 0, 0x10}, "not a text file"},
		{"pdf", "plan.pdf", []byte("%PDF-1.7\n"), "PDF"},
		{"corrupt docx", "plan.docx", []byte("PK\x03\x04 this is not really a zip"), "plan.docx"},
		{"huge", "huge.txt", make([]byte, MaxInputBytes+1), "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.JSON(tt.path, tt.data)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q should name %q and say %q", err, tt.path, tt.want)
			}
		})
	}
}

func TestNoIndicatorTable(t *testing.T) {
	c := newConverter(t)
	out, err := c.JSON("note.txt", []byte("某县“十四五”卫生健康规划\n一、总体要求\n全县卫生健康事业稳步发展。\n"))
	if err != nil {
		t.Fatal(err)
	}
	var p plan.Plan
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	if p.Indicators == nil || len(p.Indicators) != 0 || !strings.Contains(string(out), `"indicators": []`) {
		t.Errorf("want indicators: [], got %v", p.Indicators)
	}
}

func BenchmarkExtract(b *testing.B) {
	c := newConverter(b)
	for _, path := range corpusPlans(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.JSON(path, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCorpusProjectSections checks, for every box of the corpus, that its
// section is the heading enclosing it, as printed.
func TestCorpusProjectSections(t *testing.T) {
	want := map[string][]string{
		"000_c8d25e9e6bd51b4c.txt": {
			"高阳县卫生健康信息化建设项目 @ （六）信息数据资源配置",
			"高阳县县级医疗机构能力提升项目 @ （二）创新体制机制，推进县域医疗服务能力综合提升",
			"高阳县公卫能力提升项目 @ （五）健全慢性病综合防控防治体系",
			"高阳县基层医疗机构改造项目 @ (3)提升基层卫生健康服务水平",
			"高阳县全方位全生命周期健康保障网络建设项目 @ （六）提升职业病健康技术服务水平",
		},
		"001_1d076eee4dc96132.txt": {
			"疾病预防机构提档升级工程 @ （一）构建强大公共卫生体系",
			"公共卫生应急强基工程 @ （一）构建强大公共卫生体系",
			"医疗卫生服务升级赋能工程 @ （二）健全高质量医疗服务体系",
			"中医发展促进工程 @ （三）推进中医药传承发展",
			"“一老一小”健康保障工程 @ （四）促进人口长期均衡发展",
			"医疗卫生人才队伍提升工程 @ （五）加强卫生健康人才队伍建设",
			"健康智慧服务能力建设工程 @ （六）推进智慧医疗发展",
			"卫生监督执法能力提升工程 @ （八）建设现代化卫生健康治理体系",
		},
		"002_73fe565c888d90cc.txt": {
			"医疗机构功能设置和建设项目 @ 一、加强医疗服务体系建设",
			"中医药传承创新工程 @ 四、大力发展社会办中医医疗机构",
		},
		"004_742c97a7a7a955b2.txt": nil,
	}
	c := newConverter(t)
	for name, w := range want {
		var p plan.Plan
		if err := json.Unmarshal(extract(t, c, filepath.Join(plansDir, name)), &p); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, pr := range p.Projects {
			sec := "<nil>"
			if pr.Section != nil {
				sec = *pr.Section
			}
			got = append(got, pr.Title+" @ "+sec)
		}
		if strings.Join(got, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s projects:\n got %q\nwant %q", name, got, w)
		}
	}
}

// stripSpans removes spans, mentions and the source from a decoded output,
// leaving what must not depend on the input format.
func stripSpans(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k == "span" || k == "spans" || k == "mentions" || k == "source" {
				continue
			}
			out[k] = stripSpans(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = stripSpans(e)
		}
		return out
	}
	return v
}

// TestFormatsAgree checks that the .txt, .docx and .html of each corpus plan
// give the same metadata, indicators, facilities and projects.
func TestFormatsAgree(t *testing.T) {
	c := newConverter(t)
	byStem := map[string][]string{}
	for _, path := range corpusPlans(t) {
		name := filepath.Base(path)
		stem := strings.TrimSuffix(name, filepath.Ext(name))
		byStem[stem] = append(byStem[stem], path)
	}
	for stem, paths := range byStem {
		if len(paths) < 2 {
			continue
		}
		var base map[string]any
		var baseName string
		for _, path := range paths {
			var out map[string]any
			if err := json.Unmarshal(extract(t, c, path), &out); err != nil {
				t.Fatal(err)
			}
			if base == nil {
				base, baseName = out, filepath.Base(path)
				continue
			}
			for _, key := range []string{"document", "indicators", "facilities", "projects"} {
				a, _ := json.Marshal(stripSpans(base[key]))
				b, _ := json.Marshal(stripSpans(out[key]))
				if !bytes.Equal(a, b) {
					t.Errorf("%s: %s of %s and %s differ:\n%s", stem, key, baseName, filepath.Base(path), firstDiff(a, b))
				}
			}
		}
	}
}

// TestExtraFixtures reads the fixtures made for formats the corpus plans do
// not show: a GB18030 page without a charset, automatic heading numbering,
// and a VML-only text box (see corpus/fixtures/README.md).
func TestExtraFixtures(t *testing.T) {
	c := newConverter(t)
	dir := "../../corpus/fixtures/extra"
	read := func(name string) plan.Plan {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out, err := c.JSON(name, data)
		if err != nil {
			t.Fatal(err)
		}
		var p plan.Plan
		if err := json.Unmarshal(out, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	outline := func(p plan.Plan) string {
		var s []string
		for _, h := range p.Outline {
			s = append(s, itoa(h.Level)+h.Number+h.Title)
		}
		return strings.Join(s, "|")
	}

	p := read("gb18030_page.html")
	if p.Source.Encoding != "gb18030" || deref(p.Document.Title) != "某县“十四五”卫生健康事业发展规划" ||
		deref(p.Document.Issuer) != "某县人民政府办公室" || deref(p.Document.Date) != "2022-03-15" {
		t.Errorf("gb18030 page: %s %+v", p.Source.Encoding, p.Document)
	}
	if len(p.Indicators) != 3 || len(p.Projects) != 1 || deref(p.Projects[0].Label) != "专栏1" || len(p.Projects[0].Items) != 2 {
		t.Errorf("gb18030 page: %d indicators, projects %+v", len(p.Indicators), p.Projects)
	}
	if got := outline(p); got != "1一发展基础|1二主要指标|1三重点任务" {
		t.Errorf("gb18030 page outline %q", got)
	}

	// a page labelled gb2312 that is UTF-8, a 名称/发布机构 header table,
	// headings as bold paragraphs, site chrome
	p = read("gov_page_utf8_labelled_gb2312.html")
	if p.Source.Encoding != "utf-8" || deref(p.Document.Title) != "某县“十四五”卫生健康发展规划" ||
		deref(p.Document.Issuer) != "某县卫生健康局" || deref(p.Document.Date) != "2022-08-15" || p.Document.Region != nil {
		// 某县 (an anonymised "some county") is no region the gazetteer knows
		t.Errorf("gov page: %s %+v", p.Source.Encoding, p.Document)
	}
	if got := outline(p); got != "1一发展基础|1二主要指标|1三重点任务" {
		t.Errorf("gov page outline %q", got)
	}
	if len(p.Indicators) != 3 || deref(p.Indicators[1].Category) != "健康水平" || deref(p.Indicators[2].Code) != "beds_per_1k" {
		t.Errorf("gov page indicators %+v", p.Indicators)
	}
	if len(p.Projects) != 1 || deref(p.Projects[0].Items[1].Subject) != "某县中医医院" {
		t.Errorf("gov page projects %+v", p.Projects)
	}

	p = read("outline_numbering.docx")
	if got := outline(p); !strings.HasPrefix(got, "1一规划背景|2一发展基础|2二主要问题|1二总体要求|2一基本原则|31坚持政府主导") {
		t.Errorf("automatic numbering not rebuilt: %q", got)
	}

	p = read("vml_textbox.docx")
	if len(p.Projects) != 1 || deref(p.Projects[0].Label) != "专栏2" || p.Projects[0].Title != "基层医疗卫生服务能力提升工程" || len(p.Projects[0].Items) != 3 {
		t.Errorf("VML text box: %+v", p.Projects)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// codeListStem is the plan a corpus file is listed under in
// rules/testdata/indicator_codes.tsv: its stem, and for a web copy
// (<stem>-web, the same rows copied from a web page) the plan it copies.
func codeListStem(path string) string {
	name := filepath.Base(path)
	stem := strings.TrimSuffix(name, filepath.Ext(name))
	stem, _, _ = strings.Cut(stem, ".") // <stem>.<variant>.pdf: the plan printed another way
	return strings.TrimSuffix(stem, "-web")
}

// TestCorpusIndicatorCodes checks the code of every extracted indicator row
// of every corpus plan, in every format, against the hand-checked list in
// rules/testdata/indicator_codes.tsv (plan, printed name, parent, code). A
// web copy <stem>-web and a print <stem>.<variant>.pdf are checked against
// the lines of <stem>.
func TestCorpusIndicatorCodes(t *testing.T) {
	data, err := os.ReadFile("../../rules/testdata/indicator_codes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{} // plan | name | parent → code ("null" for none)
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			t.Fatalf("bad line %q", line)
		}
		want[f[0]+"|"+f[1]+"|"+f[2]] = f[3]
	}
	c := newConverter(t)
	byCode := map[string]map[string]bool{} // code → plans
	for _, path := range corpusPlans(t) {
		name := filepath.Base(path)
		stem := codeListStem(path)
		var p plan.Plan
		if err := json.Unmarshal(extract(t, c, path), &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Indicators) == 0 && strings.HasSuffix(strings.TrimSuffix(name, filepath.Ext(name)), "-web") {
			// the web copies' tables are not read yet (another issue): nothing to code
			t.Logf("%s: no indicator rows extracted", name)
			continue
		}
		checked := 0
		for _, in := range p.Indicators {
			parent := ""
			if in.Parent != nil {
				parent = *in.Parent
			}
			w, ok := want[stem+"|"+in.NameRaw+"|"+parent]
			if !ok {
				t.Errorf("%s: indicator %q is not in the hand-checked list", name, in.NameRaw)
				continue
			}
			checked++
			got := "null"
			if in.Code != nil {
				got = *in.Code
				if byCode[got] == nil {
					byCode[got] = map[string]bool{}
				}
				byCode[got][stem] = true
			}
			if got != w {
				t.Errorf("%s: %q has code %s, want %s", name, in.NameRaw, got, w)
			}
		}
		if checked == 0 {
			t.Errorf("%s: no indicator checked", name)
		}
	}
	// the national core indicators carry one code in every plan that has them
	for _, code := range []string{"beds_per_1k", "doctors_per_1k", "nurses_per_1k", "gps_per_10k", "childcare_places_per_1k"} {
		if n := len(byCode[code]); n < 4 {
			t.Errorf("%s found in %d plans, want all 4", code, n)
		}
	}
}

// TestCorpusIndicatorCoverage prints the share of indicator rows that carry
// a code in every corpus file and requires at least 95% (a file without
// indicator rows is reported and skipped).
func TestCorpusIndicatorCoverage(t *testing.T) {
	c := newConverter(t)
	for _, path := range corpusPlans(t) {
		var p plan.Plan
		if err := json.Unmarshal(extract(t, c, path), &p); err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		if len(p.Indicators) == 0 {
			t.Logf("%-34s no indicator rows", name)
			continue
		}
		coded := 0
		for _, in := range p.Indicators {
			if in.Code != nil {
				coded++
			}
		}
		share := float64(coded) / float64(len(p.Indicators))
		t.Logf("%-34s %3d of %3d rows coded (%.1f%%)", name, coded, len(p.Indicators), 100*share)
		if share < 0.95 {
			t.Errorf("%s: only %d of %d indicator rows carry a code (%.1f%%, want ≥ 95%%)", name, coded, len(p.Indicators), 100*share)
		}
	}
}

// FuzzText runs the whole path on arbitrary text: it must never panic, and
// whatever it outputs must pass the schema (a failure there is a bug).
//
// The seeds are short pieces of the corpus plans (their opening, the start
// of their first table and of their first box, cut at line ends), not whole
// pages: the fuzzer minimises every input that finds new code, trying
// removals quadratic in its length, and with 4 KB seeds it did nothing else
// (15 executions in 60 s). Even so, minimising takes most of a short run:
// .ci/run turns it off (-fuzzminimizetime 0; measured over 10 s, about
// 8,000 executions per second, against 600 with 20x and 3 with the
// default 60 s).
func FuzzText(f *testing.F) {
	for _, path := range corpusPlans(f) {
		if filepath.Ext(path) != ".txt" {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range seedPieces(data, 320) {
			f.Add(s)
		}
	}
	f.Add([]byte("\t专栏1：\n\n\t\n\n\n"))
	f.Add([]byte("表1 指标\n\t序号\n\t指标\n\t性质\n\n\t1\n\t\n\t预期性\n"))
	c := newConverter(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := c.JSON("fuzz.txt", data)
		if err != nil && strings.Contains(err.Error(), "schema") {
			t.Fatalf("output failed the schema: %v", err)
		}
	})
}

// seedPieces cuts from a plan's text its opening, its first table (a line
// starting with TAB, with the short lines above it: the caption) and its
// first 专栏 box, each piece at most limit bytes and ending at a line end.
func seedPieces(data []byte, limit int) [][]byte {
	lines := strings.SplitAfter(string(data), "\n")
	piece := func(from int) []byte {
		var b []byte
		for _, l := range lines[from:] {
			if len(b)+len(l) > limit {
				if len(b) == 0 { // a long first line: its first runes
					l = strings.ToValidUTF8(l[:limit], "")
					b = append(b, strings.TrimRight(l, "\ufffd")...)
				}
				break
			}
			b = append(b, l...)
		}
		return b
	}
	out := [][]byte{piece(0)}
	if i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "\t") }); i >= 0 {
		for j := i; j > 0 && j > i-3 && len(lines[j-1]) < 80; j-- { // the caption and blank lines above
			i = j - 1
		}
		out = append(out, piece(i))
	}
	if i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "专栏") }); i >= 0 {
		out = append(out, piece(i))
	}
	return out
}
