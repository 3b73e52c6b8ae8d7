package export

import (
	"database/sql"
	"encoding/json"
	"math"
	"path/filepath"
	"testing"

	"github.com/guihua-project/guihua/extractor/value"
	"github.com/guihua-project/guihua/internal/plan"
)

// targetPlan is a plan of region with one indicator row per target: each
// row has code, a 2020 baseline and the 2025 target printed as raw, read
// with the value grammar the extractor uses.
func targetPlan(region, code string, raws ...string) *plan.Plan {
	str := func(s string) *string { return &s }
	year := func(y int) *int { return &y }
	val := func(y int, role, raw string) plan.Value {
		p := value.Parse(raw)
		v := plan.Value{Column: "2025年目标", Year: year(y), Role: str(role), Raw: raw, Kind: p.Kind, Value: p.Value, Ratio: p.Ratio}
		if p.Cmp != "" {
			v.Cmp = str(p.Cmp)
		}
		if p.Direction != "" {
			v.Direction = str(p.Direction)
		}
		if p.Unit != "" {
			v.Unit = str(p.Unit)
		}
		return v
	}
	p := &plan.Plan{SchemaVersion: plan.SchemaVersion,
		Source:   plan.Source{Path: region + ".txt", Format: "text", Encoding: "utf-8", SHA256: region},
		Document: plan.Document{Region: str(region)}}
	for i, raw := range raws {
		p.Indicators = append(p.Indicators, plan.Indicator{Name: "人均预期寿命（岁）", NameRaw: "人均预期寿命（岁）", Code: str(code),
			Values: []plan.Value{val(2020, "baseline", "77.5"), val(2025, "target", raw)},
			Span:   plan.Span{Line: i + 1, EndLine: i + 1}})
	}
	return p
}

// TestTargetsByCodeKinds: targets_2025_by_code never averages a change
// (提高1岁左右: an amount, kind "change") with levels; min, max and
// average are over the regions whose target is a number, the changes are
// shown apart.
func TestTargetsByCodeKinds(t *testing.T) {
	type region struct {
		name string
		raws []string // the plan's 2025 targets for the code, in row order
	}
	tests := []struct {
		name              string
		regions           []region
		levels, changes   int
		min, max, avg     float64 // NaN: NULL
		changed           map[string]string
		regionsWithTarget int
	}{
		{"levels and a change", []region{{"甲县", []string{"80"}}, {"乙县", []string{"78.3"}}, {"丙县", []string{"提高1岁左右"}}},
			2, 1, 78.3, 80, 79.15, map[string]string{"丙县": "提高1岁左右"}, 3},
		{"changes only", []region{{"甲县", []string{"提高1岁"}}, {"乙县", []string{"比2020年提高0.5岁"}}},
			0, 2, math.NaN(), math.NaN(), math.NaN(), map[string]string{"甲县": "提高1岁", "乙县": "比2020年提高0.5岁"}, 2},
		{"a plan with a change and then a level: the level", []region{{"甲县", []string{"提高1岁左右", "≥79"}}, {"乙县", []string{"81"}}},
			2, 0, 79, 81, 80, map[string]string{}, 2},
		{"text and ratios are not levels", []region{{"甲县", []string{"稳步提高"}}, {"乙县", []string{"1：1.2"}}, {"丙县", []string{"80左右"}}},
			1, 0, 80, 80, 80, map[string]string{}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.db")
			w, err := NewSQLite(path)
			if err != nil {
				t.Fatal(err)
			}
			var plans []loaded
			for _, r := range tt.regions {
				plans = append(plans, loaded{p: targetPlan(r.name, "life_expectancy", r.raws...)})
			}
			write(t, w, plans)
			db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var regions, levels, changes int
			var lo, hi, avg sql.NullFloat64
			var changed, byRegion string
			err = db.QueryRow(`SELECT regions, level_regions, min_value, max_value, avg_value, change_regions, changes, by_region
				FROM targets_2025_by_code WHERE code = 'life_expectancy'`).Scan(&regions, &levels, &lo, &hi, &avg, &changes, &changed, &byRegion)
			if err != nil {
				t.Fatal(err)
			}
			if regions != tt.regionsWithTarget || levels != tt.levels || changes != tt.changes {
				t.Errorf("regions %d, levels %d, changes %d; want %d, %d, %d", regions, levels, changes, tt.regionsWithTarget, tt.levels, tt.changes)
			}
			for _, c := range []struct {
				name string
				got  sql.NullFloat64
				want float64
			}{{"min", lo, tt.min}, {"max", hi, tt.max}, {"avg", avg, tt.avg}} {
				if math.IsNaN(c.want) != !c.got.Valid || c.got.Valid && math.Abs(c.got.Float64-c.want) > 1e-9 {
					t.Errorf("%s_value %v, want %v", c.name, c.got, c.want)
				}
			}
			var m, all map[string]string
			if err := json.Unmarshal([]byte(changed), &m); err != nil || !mapsEqualString(m, tt.changed) {
				t.Errorf("changes %s (%v), want %v", changed, err, tt.changed)
			}
			if err := json.Unmarshal([]byte(byRegion), &all); err != nil || len(all) != tt.regionsWithTarget {
				t.Errorf("by_region %s (%v)", byRegion, err)
			}
		})
	}
}

// TestTargetsByCodeCorpus: over the corpus, every code's aggregates are
// exactly those of its regions' number targets.
func TestTargetsByCodeCorpus(t *testing.T) {
	_, plans := corpus(t)
	path := filepath.Join(t.TempDir(), "x.db")
	w, err := NewSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, plans)
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var bad, codes int
	err = db.QueryRow(`SELECT COUNT(*) FROM targets_2025_by_code b WHERE
		b.avg_value IS NOT (SELECT AVG(value) FROM targets_2025 t WHERE t.code = b.code AND t.kind = 'number') OR
		b.level_regions <> (SELECT COUNT(*) FROM targets_2025 t WHERE t.code = b.code AND t.kind = 'number') OR
		b.change_regions <> (SELECT COUNT(*) FROM targets_2025 t WHERE t.code = b.code AND t.kind = 'change')`).Scan(&bad)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM targets_2025_by_code WHERE level_regions > 0`).Scan(&codes); err != nil {
		t.Fatal(err)
	}
	if bad != 0 || codes == 0 {
		t.Errorf("%d codes whose aggregates are not those of their levels (%d codes with levels)", bad, codes)
	}
}

func mapsEqualString(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
