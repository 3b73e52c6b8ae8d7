package convert

import (
	"reflect"
	"testing"

	"github.com/guihua-project/guihua/rules"
)

// loadRules loads what rules.Load loads, and for the readers what the
// readers use.
func TestLoadRules(t *testing.T) {
	want, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	got, err := loadRules(false)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		w, g := reflect.ValueOf(want).Elem(), reflect.ValueOf(got).Elem()
		for i := range w.NumField() {
			if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
				t.Errorf("rules.Set.%s differs from rules.Load's", w.Type().Field(i).Name)
			}
		}
	}
	readers, err := loadRules(true)
	if err != nil {
		t.Fatal(err)
	}
	if readers.Indicators != nil || readers.Gazetteer != nil {
		t.Error("the readers' rules hold extraction rules")
	}
}
