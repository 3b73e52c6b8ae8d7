package rules

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

//go:embed vocab.json
var vocabJSON []byte

// Vocab is the table vocabulary of plan documents: the words that name an
// indicator's nature, a value column's role, a column's job, and what a
// caption says a table holds. Every method takes normalised text
// (docmodel.Normalize). Built by LoadVocab; immutable and safe for concurrent
// use.
type Vocab struct {
	f         vocabFile
	year      *regexp.Regexp
	valueCell *regexp.Regexp
	seqCell   *regexp.Regexp
}

type vocabFile struct {
	Comment            json.RawMessage   `json:"_comment,omitempty"`
	Nature             map[string]string `json:"nature"`
	NatureHeaders      []string          `json:"nature_headers"`
	NatureHeaderSuffix string            `json:"nature_header_suffix"`
	Roles              []RoleWords       `json:"roles"`
	SeqHeaders         []string          `json:"seq_headers"`
	UnitHeaders        []string          `json:"unit_headers"`
	NameHeaders        []string          `json:"name_headers"`
	CategoryHeaders    []string          `json:"category_headers"`
	NoteHeaders        []string          `json:"note_headers"`
	InstitutionHeaders []string          `json:"institution_headers"`
	IndicatorCaptions  []string          `json:"indicator_captions"`
	BedCaptions        []string          `json:"bed_captions"`
	NotBedHeaders      []string          `json:"not_bed_headers"`
	BedHeaderChars     string            `json:"bed_header_chars"`
	BedRoleHeaderChars string            `json:"bed_role_header_chars"`
	SubtotalWords      []string          `json:"subtotal_words"`
	CompletionCaptions []string          `json:"completion_captions"`
	HeaderJoinWords    []string          `json:"header_join_words"`
	Year               string            `json:"year"`
	YearWord           string            `json:"year_word"`
	YearHeaderMaxRunes int               `json:"year_header_max_runes"`
	ValueCell          string            `json:"value_cell"`
	SeqCell            string            `json:"seq_cell"`
}

// RoleWords maps header words to a value role (baseline, target, actual).
type RoleWords struct {
	Words []string `json:"words"`
	Role  string   `json:"role"`
}

// LoadVocab parses the embedded vocabulary.
func LoadVocab() (*Vocab, error) { return parseVocab(vocabJSON) }

func parseVocab(data []byte) (*Vocab, error) {
	const file = "vocab.json"
	v := &Vocab{}
	if err := decodeStrict(file, data, &v.f); err != nil {
		return nil, err
	}
	f := &v.f
	for _, c := range []struct {
		key string
		n   int
	}{{"nature", len(f.Nature)}, {"roles", len(f.Roles)}, {"nature_headers", len(f.NatureHeaders)},
		{"seq_headers", len(f.SeqHeaders)}, {"unit_headers", len(f.UnitHeaders)}, {"name_headers", len(f.NameHeaders)},
		{"category_headers", len(f.CategoryHeaders)}, {"institution_headers", len(f.InstitutionHeaders)},
		{"indicator_captions", len(f.IndicatorCaptions)}, {"bed_captions", len(f.BedCaptions)},
		{"bed_header_chars", len(f.BedHeaderChars)}, {"year_word", len(f.YearWord)},
		{"year_header_max_runes", f.YearHeaderMaxRunes}, {"subtotal_words", len(f.SubtotalWords)}} {
		if err := emptyKey(file, c.key, c.n); err != nil {
			return nil, err
		}
	}
	var err error
	if v.year, err = compileRule(file, "year", f.Year, 0); err != nil {
		return nil, err
	}
	if v.valueCell, err = compileRule(file, "value_cell", f.ValueCell, 0); err != nil {
		return nil, err
	}
	if v.seqCell, err = compileRule(file, "seq_cell", f.SeqCell, 0); err != nil {
		return nil, err
	}
	return v, nil
}

// NatureOf maps a printed nature cell (预期性, 约束性, 约束性指标 …) to
// "anticipatory" or "binding"; "" when the text is not a nature word. A cell
// that only adds 指标 to a nature word is read as that word.
func (v *Vocab) NatureOf(s string) string {
	if n := v.f.Nature[s]; n != "" {
		return n
	}
	return v.f.Nature[strings.TrimSuffix(s, "指标")]
}

// RoleOf returns the role named by a header text (现状 → baseline …), looking
// for the longest listed word the header contains; "" when none.
func (v *Vocab) RoleOf(header string) string {
	best, role := 0, ""
	for _, rw := range v.f.Roles {
		for _, w := range rw.Words {
			if len(w) > best && strings.Contains(header, w) {
				best, role = len(w), rw.Role
			}
		}
	}
	return role
}

// Column jobs a header cell can name (Column).
const (
	ColSeq         = "seq"
	ColUnit        = "unit"
	ColNature      = "nature"
	ColName        = "name"        // an indicator-name header (指标名称)
	ColInstitution = "institution" // an institution-name header (机构名称)
	ColCategory    = "category"
	ColNote        = "note"
)

// Column returns every job the header text h names, each an exact match of
// a listed header word, in the order seq, unit, nature, name, institution,
// category, note; nil when none.
func (v *Vocab) Column(h string) []string {
	var out []string
	for _, c := range []struct {
		job  string
		list []string
	}{{ColSeq, v.f.SeqHeaders}, {ColUnit, v.f.UnitHeaders}, {ColNature, v.f.NatureHeaders},
		{ColName, v.f.NameHeaders}, {ColInstitution, v.f.InstitutionHeaders},
		{ColCategory, v.f.CategoryHeaders}, {ColNote, v.f.NoteHeaders}} {
		if slices.Contains(c.list, h) {
			out = append(out, c.job)
		}
	}
	return out
}

// Names reports whether header h names the column job (see Column).
func (v *Vocab) Names(h, job string) bool { return slices.Contains(v.Column(h), job) }

// NamesNatureColumn reports whether a header names the nature column, also
// when it only contains a nature header word or ends with 性质 (the header
// of a flattened table, fragments joined).
func (v *Vocab) NamesNatureColumn(h string) bool {
	return h != "" && (containsAny(h, v.f.NatureHeaders) || v.f.NatureHeaderSuffix != "" && strings.HasSuffix(h, v.f.NatureHeaderSuffix))
}

// Caption kinds (CaptionSays).
const (
	CaptionIndicators = "indicators" // 指标, 发展目标, 配置标准 …
	CaptionBeds       = "beds"       // 床位
	CaptionCompletion = "completion" // 完成情况: values are what was achieved
)

// CaptionSays reports whether a table caption (or a header) contains a word
// of the given kind.
func (v *Vocab) CaptionSays(caption, kind string) bool {
	switch kind {
	case CaptionIndicators:
		return containsAny(caption, v.f.IndicatorCaptions)
	case CaptionBeds:
		return containsAny(caption, v.f.BedCaptions)
	case CaptionCompletion:
		return containsAny(caption, v.f.CompletionCaptions)
	}
	return false
}

// NotBeds reports whether a count column's header names something other
// than beds (areas, money, staff, equipment, dates).
func (v *Vocab) NotBeds(header string) bool { return containsAny(header, v.f.NotBedHeaders) }

// NamesBeds reports whether a header names a bed count (床, 张).
func (v *Vocab) NamesBeds(header string) bool {
	return strings.ContainsAny(header, v.f.BedHeaderChars)
}

// NamesBedRole reports whether a header names a role a bed column takes under
// a bed caption (现有, 规划, 目标).
func (v *Vocab) NamesBedRole(header string) bool {
	return v.f.BedRoleHeaderChars != "" && strings.ContainsAny(header, v.f.BedRoleHeaderChars)
}

// IsSubtotal reports whether a total row's name is a subtotal (小计) of the
// rows since the previous one.
func (v *Vocab) IsSubtotal(name string) bool { return containsAny(name, v.f.SubtotalWords) }

// IsHeaderJoinWord reports a word that, printed under a year in a flattened
// header, belongs to the year's cell (2025年 + 目标).
func (v *Vocab) IsHeaderJoinWord(s string) bool { return slices.Contains(v.f.HeaderJoinWords, s) }

// Year returns the first year (19xx, 20xx) in s, "" when none.
func (v *Vocab) Year(s string) string { return v.year.FindString(s) }

// IsYearHeader reports a short header naming a year (2020年, 2025年目标值).
func (v *Vocab) IsYearHeader(s string) bool {
	return v.Year(s) != "" && strings.Contains(s, v.f.YearWord) && utf8.RuneCountInString(s) <= v.f.YearHeaderMaxRunes
}

// IsBareYear reports a cell that is a year and nothing else (2025年).
func (v *Vocab) IsBareYear(s string) bool {
	y := v.Year(s)
	return y != "" && s == y+v.f.YearWord
}

// IsValueCell reports a cell that is a plain number, possibly with a
// comparator, a percent sign or 左右 (a flattened table's value cells).
func (v *Vocab) IsValueCell(s string) bool { return v.valueCell.MatchString(s) }

// IsSeqCell reports a cell of a 序号 column: a row number as printed (1, 12,
// 3., 一).
func (v *Vocab) IsSeqCell(s string) bool { return v.seqCell.MatchString(s) }

// containsAny reports whether s contains one of list.
func containsAny(s string, list []string) bool {
	for _, w := range list {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// hasAnyPrefix reports whether s starts with one of list.
func hasAnyPrefix(s string, list []string) bool {
	for _, w := range list {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}
