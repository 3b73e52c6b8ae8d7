package rules

import (
	"encoding/json"
	"strings"
	"testing"
)

// ruleFiles lists every rules file with its parser, so each is checked for
// unknown and missing keys.
func ruleFiles(t *testing.T) []struct {
	file  string
	data  []byte
	parse func([]byte) error
} {
	t.Helper()
	num, err := LoadNumerals()
	if err != nil {
		t.Fatal(err)
	}
	return []struct {
		file  string
		data  []byte
		parse func([]byte) error
	}{
		{"vocab.json", vocabJSON, func(d []byte) error { _, err := parseVocab(d); return err }},
		{"document.json", documentJSON, func(d []byte) error { _, err := parseDocumentRules(d, num); return err }},
		{"headings.json", headingsJSON, func(d []byte) error { _, err := parseHeadingRules(d); return err }},
		{"blocks.json", blocksJSON, func(d []byte) error { _, err := parseBlockRules(d); return err }},
		{"numerals.json", numeralsJSON, func(d []byte) error { _, err := parseNumerals(d); return err }},
		{"indicator_names.json", indNamesJSON, func(d []byte) error { _, err := indLoadNames(d); return err }},
		{"facilities.json", []byte(facRulesJSON), func(d []byte) error { _, err := facParseRules(d); return err }},
		{"indicator_sources.json", indSourcesJSON, func(d []byte) error { _, err := indLoadSources(d); return err }},
	}
}

func TestRulesFilesLoad(t *testing.T) {
	for _, f := range ruleFiles(t) {
		if err := f.parse(f.data); err != nil {
			t.Errorf("%s: %v", f.file, err)
		}
	}
	if _, err := Load(); err != nil {
		t.Fatal(err)
	}
}

// TestRulesUnknownKey: a misspelled key fails with the file and key named,
// at the top level and inside nested objects.
func TestRulesUnknownKey(t *testing.T) {
	for _, f := range ruleFiles(t) {
		var top map[string]json.RawMessage
		if err := json.Unmarshal(f.data, &top); err != nil {
			t.Fatal(err)
		}
		for key, val := range top {
			if strings.HasPrefix(key, "_") {
				continue
			}
			// the key misspelled: the value moves to a key nobody reads
			bad := cloneWithout(top, key)
			bad[key+"s_typo"] = val
			err := f.parse(marshal(t, bad))
			if err == nil || !strings.Contains(err.Error(), f.file) || !strings.Contains(err.Error(), key+"s_typo") {
				t.Errorf("%s: key %q misspelled: error %v, want one naming the file and the key", f.file, key, err)
			}
			// the key missing
			err = f.parse(marshal(t, cloneWithout(top, key)))
			if err == nil || !strings.Contains(err.Error(), f.file) || !strings.Contains(err.Error(), key) {
				t.Errorf("%s: key %q missing: error %v, want one naming the file and the key", f.file, key, err)
			}
			// an unknown key inside a nested object (not a map of entries)
			if len(val) > 0 && val[0] == '{' && !mapKeys[f.file+":"+key] {
				var inner map[string]json.RawMessage
				if json.Unmarshal(val, &inner) == nil {
					inner["nested_typo"] = json.RawMessage(`1`)
					bad := cloneWithout(top, "")
					bad[key] = marshal(t, inner)
					err := f.parse(marshal(t, bad))
					if err == nil || !strings.Contains(err.Error(), f.file) || !strings.Contains(err.Error(), "nested_typo") {
						t.Errorf("%s: unknown key inside %q: error %v, want one naming the file and the key", f.file, key, err)
					}
				}
			}
		}
	}
}

// mapKeys are objects whose keys are entries (any key is allowed).
var mapKeys = map[string]bool{
	"vocab.json:nature": true, "document.json:meta_labels": true,
	"numerals.json:counting": true, "numerals.json:cycles": true, "facilities.json:actions": false,
	"indicator_names.json:unit_kinds": true,
	"document.json:more_meta_labels":  true,
}

func TestRulesBadPattern(t *testing.T) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(blocksJSON, &top); err != nil {
		t.Fatal(err)
	}
	top["box_label"] = json.RawMessage(`"^专栏(["`)
	_, err := parseBlockRules(marshal(t, top))
	if err == nil || !strings.Contains(err.Error(), "blocks.json") || !strings.Contains(err.Error(), "box_label") {
		t.Fatalf("bad pattern: %v", err)
	}
}

func cloneWithout(m map[string]json.RawMessage, key string) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
