package schema

import (
	"encoding/json"
	"strings"
	"testing"
)

const minimal = `{
  "schema_version": "1.0",
  "source": {"path": "a.txt", "format": "text", "encoding": "utf-8", "sha256": "%s"},
  "document": {"title": null, "region": "泸县", "region_level": "county", "region_code": "510521", "province": "四川省", "prefecture": "泸州市", "period": {"start": 2021, "end": 2025}, "issuer": null, "date": "2022-09-08", "draft": false, "spans": {"title": null, "issuer": null, "date": null}},
  "outline": [], "indicators": [], "facilities": [], "totals": [], "projects": [], "tables": [], "warnings": []
}`

func TestValidate(t *testing.T) {
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	sha := strings.Repeat("0", 64)
	ok := strings.Replace(minimal, "%s", sha, 1)
	if err := v.Validate([]byte(ok)); err != nil {
		t.Fatalf("minimal output rejected: %v", err)
	}
	tests := []struct {
		name, from, to string
		want           []string // every violation is reported, not only the first
	}{
		{"bad hash and level", `"region_level": "county"`, `"region_level": "village"`, []string{"region_level"}},
		{"region code", `"region_code": "510521"`, `"region_code": "51052"`, []string{"region_code"}},
		{"date format", `"date": "2022-09-08"`, `"date": "2022-13-45"`, []string{"date"}},
		{"two errors", `"draft": false`, `"draft": "no"`, []string{"draft"}},
		{"missing list", `"warnings": []`, `"extra": []`, []string{"warnings", "extra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(ok, tt.from, tt.to, 1)
			if tt.name == "two errors" {
				doc = strings.Replace(doc, sha, "xyz", 1)
				tt.want = append(tt.want, "sha256")
			}
			err := v.Validate([]byte(doc))
			if err == nil {
				t.Fatal("invalid output accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not name %q:\n%v", w, err)
				}
			}
		})
	}
	if err := v.Validate([]byte("{")); err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Errorf("broken JSON: %v", err)
	}
}

func TestSchemaIsJSON(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal(JSON(), &m); err != nil {
		t.Fatal(err)
	}
	if m["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", m["$schema"])
	}
}
