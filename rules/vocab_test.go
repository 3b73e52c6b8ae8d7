package rules

import "testing"

func TestVocab(t *testing.T) {
	v, err := LoadVocab()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{"预期性": "anticipatory", "预期": "anticipatory", "约束性": "binding", "约束性指标": "binding", "性质": "", "": ""} {
		if got := v.NatureOf(in); got != want {
			t.Errorf("NatureOf(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"2020年现状": "baseline", "2025年目标值": "target", "2020年完成": "actual", "指标值": "target", "2020年": "", "现有床位（张）": "baseline"} {
		if got := v.RoleOf(in); got != want {
			t.Errorf("RoleOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSeqCell(t *testing.T) {
	v, err := LoadVocab()
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[string]bool{"1": true, "12": true, "3.": true, "１５": true, "十": true, "二、": true,
		"1.96": false, "2020": false, "2020年": false, "健康水平": false, "": false} {
		if got := v.IsSeqCell(s); got != want {
			t.Errorf("IsSeqCell(%q) = %v, want %v", s, got, want)
		}
	}
}
