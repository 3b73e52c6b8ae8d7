package rules

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

//go:embed vocab.json
var vocabJSON []byte

// Vocab is the table vocabulary of plan documents: the words that name an
// indicator's nature, a value column's role, and the usual header cells.
type Vocab struct {
	Nature             map[string]string `json:"nature"`
	NatureHeaders      []string          `json:"nature_headers"`
	Roles              []RoleWords       `json:"roles"`
	SeqHeaders         []string          `json:"seq_headers"`
	UnitHeaders        []string          `json:"unit_headers"`
	NameHeaders        []string          `json:"name_headers"`
	CategoryHeaders    []string          `json:"category_headers"`
	InstitutionHeaders []string          `json:"institution_headers"`
	NoteHeaders        []string          `json:"note_headers"`
	IndicatorCaptions  []string          `json:"indicator_captions"`
	BedCaptions        []string          `json:"bed_captions"`
	NotBedHeaders      []string          `json:"not_bed_headers"`
	CompletionCaptions []string          `json:"completion_captions"`
	HeaderJoinWords    []string          `json:"header_join_words"`
	ProjectTitleEnds   []string          `json:"project_title_suffixes"`
}

// RoleWords maps header words to a value role (baseline, target, actual).
type RoleWords struct {
	Words []string `json:"words"`
	Role  string   `json:"role"`
}

// LoadVocab parses the embedded vocabulary.
func LoadVocab() (*Vocab, error) {
	var v Vocab
	if err := json.Unmarshal(vocabJSON, &v); err != nil {
		return nil, fmt.Errorf("rules: vocab.json: %w", err)
	}
	if len(v.Nature) == 0 || len(v.Roles) == 0 {
		return nil, fmt.Errorf("rules: vocab.json: nature and roles must not be empty")
	}
	return &v, nil
}

// NatureOf maps a printed nature cell (预期性, 约束性, 约束性指标 …) to
// "anticipatory" or "binding"; "" when the text is not a nature word. A cell
// that only adds 指标 to a nature word is read as that word.
func (v *Vocab) NatureOf(s string) string {
	s = strings.TrimSpace(s)
	if n := v.Nature[s]; n != "" {
		return n
	}
	return v.Nature[strings.TrimSuffix(s, "指标")]
}

// RoleOf returns the role named by a header text (现状 → baseline …), looking
// for the longest listed word the header contains; "" when none.
func (v *Vocab) RoleOf(header string) string {
	best, role := 0, ""
	for _, rw := range v.Roles {
		for _, w := range rw.Words {
			if len(w) > best && strings.Contains(header, w) {
				best, role = len(w), rw.Role
			}
		}
	}
	return role
}

// In reports whether s equals one of list.
func In(s string, list []string) bool {
	for _, w := range list {
		if s == w {
			return true
		}
	}
	return false
}

// ContainsAny reports whether s contains one of list.
func ContainsAny(s string, list []string) bool {
	for _, w := range list {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// ContainsPrefix reports whether s starts with one of list.
func ContainsPrefix(s string, list []string) bool {
	for _, w := range list {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}
