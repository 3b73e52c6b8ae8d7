package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// Set is every rule set guihua uses, loaded together by Load. It is
// immutable after Load and safe for concurrent use; load it once per process
// (or per converter) and share it.
type Set struct {
	Vocab      *Vocab
	Document   *DocumentRules
	Headings   *HeadingRules
	Blocks     *BlockRules
	Numerals   *Numerals
	Indicators *IndicatorCodes
	Facilities *FacilityRules
	Gazetteer  *Gazetteer
}

// Load parses and checks every embedded rules file. A file with an unknown or
// misspelled key, a missing required key, or a pattern that does not compile
// fails with the file and key named.
func Load() (*Set, error) {
	var s Set
	var err error
	if s.Numerals, err = LoadNumerals(); err != nil {
		return nil, err
	}
	if s.Vocab, err = LoadVocab(); err != nil {
		return nil, err
	}
	if s.Document, err = LoadDocumentRules(); err != nil {
		return nil, err
	}
	if s.Headings, err = LoadHeadingRules(); err != nil {
		return nil, err
	}
	if s.Blocks, err = LoadBlockRules(); err != nil {
		return nil, err
	}
	if s.Indicators, err = LoadIndicatorCodes(); err != nil {
		return nil, err
	}
	if s.Facilities, err = LoadFacilityRules(); err != nil {
		return nil, err
	}
	if s.Gazetteer, err = LoadGazetteer(); err != nil {
		return nil, err
	}
	return &s, nil
}

// decodeStrict decodes the JSON object data into v (a pointer to a struct),
// naming file in every error. Every key of the object must be a field of v
// (keys starting with "_" are comments), every field without ",omitempty" in
// its tag is required, and nested objects may not hold unknown keys either.
func decodeStrict(file string, data []byte, v any) error {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return fmt.Errorf("rules: %s: %w", file, err)
	}
	known, required := jsonKeys(reflect.TypeOf(v).Elem())
	var unknown []string
	for k := range top {
		if !known[k] && !strings.HasPrefix(k, "_") {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("rules: %s: unknown key %q", file, unknown[0])
	}
	for _, k := range required {
		if _, ok := top[k]; !ok {
			return fmt.Errorf("rules: %s: missing required key %q", file, k)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("rules: %s: %w", file, err)
	}
	return nil
}

// jsonKeys lists the JSON keys of struct type t and the required ones (tag
// without omitempty), in field order.
func jsonKeys(t reflect.Type) (map[string]bool, []string) {
	known := map[string]bool{}
	var required []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		known[name] = true
		if !strings.Contains(opts, "omitempty") && !strings.HasPrefix(name, "_") {
			required = append(required, name)
		}
	}
	return known, required
}

// emptyKey returns an error naming file and key when list is empty.
func emptyKey(file, key string, n int) error {
	if n == 0 {
		return fmt.Errorf("rules: %s: key %q must not be empty", file, key)
	}
	return nil
}
