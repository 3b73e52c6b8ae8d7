package export

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/internal/plan"
)

type loaded struct {
	p   *plan.Plan
	raw []byte
}

// corpus loads ../../corpus/plans/*.txt, sorted by path.
func corpus(t *testing.T) (*convert.Converter, []loaded) {
	t.Helper()
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../../corpus/plans/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("corpus: %v (%d files)", err, len(files))
	}
	slices.Sort(files)
	var out []loaded
	for _, f := range files {
		p, raw, err := Load(c, f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, loaded{p, raw})
	}
	return c, out
}

func write(t *testing.T, w Writer, plans []loaded) {
	t.Helper()
	for _, l := range plans {
		if err := w.Add(l.p, l.raw); err != nil {
			w.Abort()
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
}

func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") || strings.HasSuffix(e.Name(), "-journal") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestSQLite(t *testing.T) {
	_, plans := corpus(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "plans.db")
	w, err := NewSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, plans)
	noTemp(t, dir)

	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}

	var inds, vals, facs, beds, prjs, items int
	for _, l := range plans {
		inds += len(l.p.Indicators)
		for _, in := range l.p.Indicators {
			vals += len(in.Values)
		}
		facs += len(l.p.Facilities)
		for _, f := range l.p.Facilities {
			beds += len(f.Beds)
		}
		prjs += len(l.p.Projects)
		for _, p := range l.p.Projects {
			items += len(p.Items)
		}
	}
	for table, want := range map[string]int{
		"documents": len(plans), "indicators": inds, "indicator_values": vals, "facilities": facs,
		"facility_beds": beds, "projects": prjs, "project_items": items,
	} {
		if got := count("SELECT COUNT(*) FROM " + table); got != want {
			t.Errorf("%s: %d rows, want %d", table, got, want)
		}
	}

	// One documents row per plan, and every plan's beds_per_1k rows.
	withBeds := 0
	for _, l := range plans {
		if got := count("SELECT COUNT(*) FROM documents WHERE source_path = ? AND source_sha256 = ?", l.p.Source.Path, l.p.Source.SHA256); got != 1 {
			t.Errorf("%s: %d documents rows", l.p.Source.Path, got)
		}
		want := 0
		for _, in := range l.p.Indicators {
			if in.Code != nil && *in.Code == "beds_per_1k" {
				want++
			}
		}
		if want > 0 {
			withBeds++
		}
		got := count(`SELECT COUNT(*) FROM indicators i JOIN documents d ON d.id = i.document_id
			WHERE d.source_path = ? AND i.code = 'beds_per_1k'`, l.p.Source.Path)
		if got != want {
			t.Errorf("%s: %d beds_per_1k indicators, want %d", l.p.Source.Path, got, want)
		}
	}
	if withBeds == 0 {
		t.Error("no corpus plan has beds_per_1k: the check above proves nothing")
	}

	// targets_2025: one row per (region, code) with a 2025 target.
	want := make(map[[2]string]bool)
	for i, l := range plans {
		region := "#" + string(rune('0'+i))
		if l.p.Document.Region != nil {
			region = *l.p.Document.Region
		}
		for _, in := range l.p.Indicators {
			for _, v := range in.Values {
				if in.Code != nil && v.Year != nil && *v.Year == 2025 && v.Role != nil && *v.Role == "target" && v.Kind != "empty" {
					want[[2]string{region, *in.Code}] = true
				}
			}
		}
	}
	if got := count("SELECT COUNT(*) FROM targets_2025"); got != len(want) {
		t.Errorf("targets_2025: %d rows, want %d", got, len(want))
	}
	if got := count("SELECT COUNT(*) FROM (SELECT region, code FROM targets_2025 GROUP BY region, code HAVING COUNT(*) > 1)"); got != 0 {
		t.Errorf("targets_2025: %d duplicated (region, code)", got)
	}
	codes := make(map[string]bool)
	for k := range want {
		codes[k[1]] = true
	}
	if got := count("SELECT COUNT(*) FROM targets_2025_by_code"); got != len(codes) {
		t.Errorf("targets_2025_by_code: %d rows, want %d", got, len(codes))
	}
	var byRegion string
	if err := db.QueryRow("SELECT by_region FROM targets_2025_by_code WHERE code = 'beds_per_1k'").Scan(&byRegion); err == nil {
		var m map[string]string
		if err := json.Unmarshal([]byte(byRegion), &m); err != nil || len(m) == 0 {
			t.Errorf("by_region %q: %v", byRegion, err)
		}
	}

	// indicator_names: one row per (code, printed name), the rows add up.
	pairs := map[[2]string]bool{}
	for _, l := range plans {
		for _, in := range l.p.Indicators {
			code := "\x00"
			if in.Code != nil {
				code = *in.Code
			}
			pairs[[2]string{code, in.NameRaw}] = true
		}
	}
	if got := count("SELECT COUNT(*) FROM indicator_names"); got != len(pairs) {
		t.Errorf("indicator_names: %d rows, want %d", got, len(pairs))
	}
	if got := count("SELECT COALESCE(SUM(rows), 0) FROM indicator_names"); got != inds {
		t.Errorf("indicator_names: rows add up to %d, want %d", got, inds)
	}
	var regions string
	var list []string
	if err := db.QueryRow("SELECT regions FROM indicator_names WHERE code = 'beds_per_1k' ORDER BY rows DESC LIMIT 1").Scan(&regions); err != nil {
		t.Errorf("indicator_names: no beds_per_1k row: %v", err)
	} else if json.Unmarshal([]byte(regions), &list) != nil || len(list) == 0 {
		t.Errorf("indicator_names regions %q", regions)
	}

	// Integrity: foreign keys hold, indexes exist.
	rows, err := db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("foreign key violations")
	}
	rows.Close()
	if got := count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'indicators_code'"); got != 1 {
		t.Error("index indicators_code missing")
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Errorf("%s: no byte-order mark", path)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func TestCSV(t *testing.T) {
	_, plans := corpus(t)
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		w, err := NewCSV(dir)
		if err != nil {
			t.Fatal(err)
		}
		write(t, w, plans)
		noTemp(t, dir)
	}
	for _, name := range []string{IndicatorsCSV, FacilitiesCSV, ProjectsCSV} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%d, %d bytes)", name, len(x), len(y))
		}
	}

	var indRows, facRows, prjRows int
	for _, l := range plans {
		for _, in := range l.p.Indicators {
			indRows += max(1, len(in.Values))
		}
		for _, f := range l.p.Facilities {
			facRows += max(1, len(f.Beds))
		}
		for _, p := range l.p.Projects {
			prjRows += max(1, len(p.Items))
		}
	}
	for _, c := range []struct {
		name string
		cols []string
		rows int
	}{{IndicatorsCSV, IndicatorColumns, indRows}, {FacilitiesCSV, FacilityColumns, facRows}, {ProjectsCSV, ProjectColumns, prjRows}} {
		recs := readCSV(t, filepath.Join(a, c.name))
		if !slices.Equal(recs[0], c.cols) {
			t.Errorf("%s header %v", c.name, recs[0])
		}
		if len(recs)-1 != c.rows {
			t.Errorf("%s: %d rows, want %d", c.name, len(recs)-1, c.rows)
		}
	}

	// The first value of the first plan's first indicator, cell by cell.
	recs := readCSV(t, filepath.Join(a, IndicatorsCSV))
	col := func(name string) int { return slices.Index(IndicatorColumns, name) }
	p := plans[0].p
	for _, in := range p.Indicators {
		if len(in.Values) == 0 {
			continue
		}
		var row []string
		for _, r := range recs[1:] {
			if r[col("source_file")] == p.Source.Path && r[col("name")] == in.Name {
				row = r
				break
			}
		}
		v := in.Values[0]
		if row == nil || row[col("raw")] != v.Raw || row[col("column")] != v.Column || row[col("kind")] != v.Kind ||
			row[col("value")] != ftoa(v.Value) || row[col("period")] != period(p.Document.Period) {
			t.Errorf("row %q for %s %+v", row, in.Name, v)
		}
		break
	}

	// Box items keep their sub-heading and a table row its cells (plan 101).
	recs = readCSV(t, filepath.Join(a, ProjectsCSV))
	pcol := func(name string) int { return slices.Index(ProjectColumns, name) }
	var section, cells bool
	for _, r := range recs[1:] {
		section = section || (r[pcol("label")] == "专栏1" && r[pcol("item_section")] == "（一）疾病预防控制能力提升")
		cells = cells || r[pcol("cells")] == "望城区中医医院改扩建项目\t改扩建住院综合楼2.6万平方米，新增床位150张，建设治未病中心和康复中心\t2022—2024年"
	}
	if !section || !cells {
		t.Errorf("projects.csv: item_section found %v, cells found %v", section, cells)
	}
}

func TestJSONLAndLoad(t *testing.T) {
	c, plans := corpus(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "all.jsonl")
	w, err := NewJSONL(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, plans)
	noTemp(t, dir)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	i := 0
	for ; sc.Scan(); i++ {
		var want bytes.Buffer
		json.Compact(&want, plans[i].raw)
		if !bytes.Equal(sc.Bytes(), want.Bytes()) {
			t.Errorf("line %d is not plan %d", i+1, i)
		}
	}
	if i != len(plans) {
		t.Errorf("%d lines for %d plans", i, len(plans))
	}

	// A saved output loads to the same plan; a broken one is refused.
	out := filepath.Join(dir, "x.txt.json")
	os.WriteFile(out, plans[0].raw, 0o644)
	p, raw, err := Load(c, out)
	if err != nil || !bytes.Equal(raw, plans[0].raw) || p.Source.SHA256 != plans[0].p.Source.SHA256 {
		t.Errorf("Load of an output: %v", err)
	}
	os.WriteFile(out, []byte(`{"schema_version":"1.0"}`), 0o644)
	if _, _, err := Load(c, out); err == nil || !strings.Contains(err.Error(), "not a valid guihua output") {
		t.Errorf("Load of a broken output: %v", err)
	}
}

func TestAbortLeavesNothing(t *testing.T) {
	_, plans := corpus(t)
	for _, format := range Formats {
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		w, err := New(format, out)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Add(plans[0].p, plans[0].raw); err != nil {
			t.Fatal(err)
		}
		w.Abort()
		w.Abort()
		var left []string
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				left = append(left, p)
			}
			return nil
		})
		if len(left) > 0 {
			t.Errorf("%s: left %v", format, left)
		}
	}
	if _, err := New("xml", t.TempDir()); err == nil {
		t.Error("unknown format accepted")
	}
}
