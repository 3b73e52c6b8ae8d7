package rules

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed document.json
var documentJSON []byte

// DocumentRules is the vocabulary of a plan's front matter: plan and draft
// words, issuing bodies, web-page metadata labels and region names.
type DocumentRules struct {
	PlanWords          []string            `json:"plan_words"`
	DraftWords         []string            `json:"draft_words"`
	IssuerSuffixes     []string            `json:"issuer_suffixes"`
	MetaLabels         map[string][]string `json:"meta_labels"`
	RegionSuffixes     []RegionSuffix      `json:"region_suffixes"`
	GenericRegionWords []string            `json:"generic_region_words"`
	PrefectureCities   []string            `json:"prefecture_cities"`
}

// RegionSuffix maps an administrative-unit suffix to a region level; "city"
// is resolved to prefecture-city or county-level-city by the caller.
type RegionSuffix struct {
	Suffix string `json:"suffix"`
	Level  string `json:"level"`
}

// LoadDocumentRules parses the embedded document rules.
func LoadDocumentRules() (*DocumentRules, error) {
	var d DocumentRules
	if err := json.Unmarshal(documentJSON, &d); err != nil {
		return nil, fmt.Errorf("rules: document.json: %w", err)
	}
	if len(d.PlanWords) == 0 || len(d.RegionSuffixes) == 0 {
		return nil, fmt.Errorf("rules: document.json: plan_words and region_suffixes must not be empty")
	}
	return &d, nil
}
