// Package realworld scores guihua's document metadata on the openings of
// real published plan pages kept in corpus/realworld/, against the expected
// values written by hand in corpus/realworld/expected.tsv (see the README
// there for how they were made and what each field means).
package realworld

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/internal/plan"
)

const dir = "../../corpus/realworld"

// fields are scored in this order; thresholds are the acceptance of the
// benchmark (share of openings whose field is exactly right).
var fields = []struct {
	name      string
	threshold float64
}{
	{"title", 0.90},
	{"region", 0.90},
	{"level", 0.90},
	{"code", 0.90},
	{"period", 0.90},
	{"issuer", 0.90},
	{"date", 0.90},
	{"draft", 1.00},
}

// opening is one row of expected.tsv.
type opening struct {
	file   string
	want   map[string]string
	source string
}

func readExpected(t *testing.T) []opening {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var header []string
	var out []opening
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if header == nil {
			header = cols
			continue
		}
		if len(cols) != len(header) {
			t.Fatalf("expected.tsv:%d: %d columns, header has %d", n, len(cols), len(header))
		}
		row := map[string]string{}
		for i, h := range header {
			row[h] = cols[i]
		}
		out = append(out, opening{
			file: row["file"],
			want: map[string]string{
				"title": row["title"], "region": row["region"], "level": row["region_level"], "code": row["region_code"],
				"period": row["period"], "issuer": row["issuer"], "date": row["date"], "draft": row["draft"],
			},
			source: row["source_url"],
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func str(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// got renders the plan's document metadata the way expected.tsv writes it.
func got(d plan.Document) map[string]string {
	period := "-"
	if d.Period != nil {
		period = fmt.Sprintf("%d-%d", d.Period.Start, d.Period.End)
	}
	return map[string]string{
		"title": str(d.Title), "region": str(d.Region), "level": str(d.RegionLevel), "code": str(d.RegionCode),
		"period": period, "issuer": str(d.Issuer), "date": str(d.Date), "draft": fmt.Sprint(d.Draft),
	}
}

// TestRealWorldMetadata extracts every opening, scores every field and
// fails when a field's accuracy is below its threshold. go test -v prints
// the per-field accuracy and every miss.
func TestRealWorldMetadata(t *testing.T) {
	openings := readExpected(t)
	if len(openings) < 40 {
		t.Fatalf("%d openings in expected.tsv, the benchmark needs at least 40", len(openings))
	}
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	right := map[string]int{}
	misses := map[string][]string{}
	seen := map[string]bool{}
	for _, o := range openings {
		if seen[o.file] {
			t.Fatalf("%s listed twice", o.file)
		}
		seen[o.file] = true
		data, err := os.ReadFile(filepath.Join(dir, o.file))
		if err != nil {
			t.Fatal(err)
		}
		p, err := c.Plan(o.file, data)
		if err != nil {
			t.Fatalf("%s: %v", o.file, err)
		}
		g := got(p.Document)
		for _, f := range fields {
			if g[f.name] == o.want[f.name] {
				right[f.name]++
			} else {
				misses[f.name] = append(misses[f.name], fmt.Sprintf("%s: got %q, want %q", o.file, g[f.name], o.want[f.name]))
			}
		}
	}
	// every opening in the directory is in the benchmark
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); (ext == ".txt" || ext == ".html") && !seen[e.Name()] {
			t.Errorf("%s has no expected metadata in expected.tsv", e.Name())
		}
	}
	n := float64(len(openings))
	var report strings.Builder
	fmt.Fprintf(&report, "real-world metadata benchmark, %d openings:\n", len(openings))
	for _, f := range fields {
		fmt.Fprintf(&report, "  %-7s %5.1f%%  (%d/%d)\n", f.name, 100*float64(right[f.name])/n, right[f.name], len(openings))
	}
	names := make([]string, 0, len(misses))
	for k := range misses {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(&report, "  misses of %s:\n", k)
		for _, m := range misses[k] {
			fmt.Fprintf(&report, "    %s\n", m)
		}
	}
	t.Log(report.String())
	for _, f := range fields {
		if acc := float64(right[f.name]) / n; acc < f.threshold {
			t.Errorf("%s accuracy %.1f%% is below %.0f%%", f.name, 100*acc, 100*f.threshold)
		}
	}
}
