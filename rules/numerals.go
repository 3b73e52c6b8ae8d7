package rules

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

//go:embed numerals.json
var numeralsJSON []byte

// Numeral systems named in numerals.json.
const (
	NumeralsCommon           = "common"            // 一二三, 十一, 一百零五
	NumeralsLegalSimplified  = "legal_simplified"  // 壹贰叁, 壹拾
	NumeralsLegalTraditional = "legal_traditional" // 壹貳參, 壹拾
	NumeralsStems            = "stems"             // 甲乙丙
	NumeralsBranches         = "branches"          // 子丑寅
)

// Numerals writes and reads Chinese numerals. Built by LoadNumerals;
// immutable and safe for concurrent use.
type Numerals struct {
	counting map[string]counting
	cycles   map[string][]rune
	value    map[rune]int // digit and zero characters of every counting system
	unit     map[rune]int // unit characters: 10, 100, 1000
}

type counting struct {
	digits   []rune
	units    []rune // ten, hundred, thousand
	zero     string
	tenAlone bool
}

type numeralsFile struct {
	Comment  json.RawMessage `json:"_comment,omitempty"`
	Counting map[string]struct {
		Digits   string `json:"digits"`
		Units    string `json:"units"`
		Zero     string `json:"zero"`
		TenAlone bool   `json:"ten_alone"`
	} `json:"counting"`
	Cycles map[string]string `json:"cycles"`
	Zeros  string            `json:"zeros"`
}

// LoadNumerals parses the embedded numerals.json.
func LoadNumerals() (*Numerals, error) { return parseNumerals(numeralsJSON) }

func parseNumerals(data []byte) (*Numerals, error) {
	const file = "numerals.json"
	var f numeralsFile
	if err := decodeStrict(file, data, &f); err != nil {
		return nil, err
	}
	n := &Numerals{counting: map[string]counting{}, cycles: map[string][]rune{}, value: map[rune]int{}, unit: map[rune]int{}}
	for name, c := range f.Counting {
		sys := counting{digits: []rune(c.Digits), units: []rune(c.Units), zero: c.Zero, tenAlone: c.TenAlone}
		if len(sys.digits) != 10 || len(sys.units) != 3 || c.Zero == "" {
			return nil, fmt.Errorf("rules: %s: counting %q: needs 10 digits, 3 units and a zero", file, name)
		}
		n.counting[name] = sys
		for i, d := range sys.digits {
			n.value[d] = i
		}
		for i, u := range sys.units {
			n.unit[u] = []int{10, 100, 1000}[i]
		}
	}
	for name, c := range f.Cycles {
		if c == "" {
			return nil, fmt.Errorf("rules: %s: cycle %q is empty", file, name)
		}
		n.cycles[name] = []rune(c)
	}
	for _, z := range f.Zeros {
		n.value[z] = 0
	}
	for _, name := range []string{NumeralsCommon, NumeralsLegalSimplified, NumeralsLegalTraditional} {
		if _, ok := n.counting[name]; !ok {
			return nil, fmt.Errorf("rules: %s: counting %q missing", file, name)
		}
	}
	for _, name := range []string{NumeralsStems, NumeralsBranches} {
		if _, ok := n.cycles[name]; !ok {
			return nil, fmt.Errorf("rules: %s: cycle %q missing", file, name)
		}
	}
	return n, nil
}

// Format writes n (1–9999 for counting systems, 1 to the cycle's length for
// cycles) in the named system; ok is false when the system is unknown or n
// is out of its range.
func (n *Numerals) Format(v int, system string) (string, bool) {
	if cyc, ok := n.cycles[system]; ok {
		if v < 1 || v > len(cyc) {
			return "", false
		}
		return string(cyc[v-1]), true
	}
	c, ok := n.counting[system]
	if !ok || v < 0 || v >= 10000 {
		return "", false
	}
	if v < 10 {
		return string(c.digits[v]), true
	}
	if v < 20 && c.tenAlone {
		if v == 10 {
			return string(c.units[0]), true
		}
		return string(c.units[0]) + string(c.digits[v-10]), true
	}
	units := []string{string(c.units[2]), string(c.units[1]), string(c.units[0]), ""}
	ds := []int{v / 1000, v / 100 % 10, v / 10 % 10, v % 10}
	var sb strings.Builder
	started, zero := false, false
	for i, d := range ds {
		if d == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			sb.WriteString(c.zero)
			zero = false
		}
		sb.WriteRune(c.digits[d])
		sb.WriteString(units[i])
		started = true
	}
	return sb.String(), true
}

// Digits writes each decimal digit of v as a common Chinese digit (2021 →
// 二〇二一).
func (n *Numerals) Digits(v int) string {
	c := n.counting[NumeralsCommon]
	var sb strings.Builder
	for _, d := range strconv.Itoa(v) {
		if d >= '0' && d <= '9' {
			sb.WriteRune(c.digits[d-'0'])
		} else {
			sb.WriteRune(d)
		}
	}
	return sb.String()
}

// IsNumeral reports whether r is a Chinese digit, zero or unit character.
func (n *Numerals) IsNumeral(r rune) bool {
	_, d := n.value[r]
	_, u := n.unit[r]
	return d || u
}

// Parse reads a number written in Chinese numerals, with place units (十二,
// 二十八, 一百零五, 壹拾) or digit by digit (二〇二一, 二零二二; every zero
// form of numerals.json is a zero); ok is false for anything else.
func (n *Numerals) Parse(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	hasUnit := false
	for _, r := range s {
		_, d := n.value[r]
		_, u := n.unit[r]
		if !d && !u {
			return 0, false
		}
		hasUnit = hasUnit || u
	}
	if !hasUnit {
		v := 0
		for _, r := range s {
			v = v*10 + n.value[r]
		}
		return v, utf8.RuneCountInString(s) <= 9
	}
	total, digit, last := 0, -1, 100000
	for _, r := range s {
		if u, ok := n.unit[r]; ok {
			if u >= last {
				return 0, false // units must fall: 一百二十, never 十百
			}
			if digit < 0 {
				digit = 1 // 十二: the ten alone
			}
			total += digit * u
			digit, last = -1, u
			continue
		}
		if v := n.value[r]; v != 0 {
			if digit > 0 {
				return 0, false // two digits in a row with units around
			}
			digit = v
		}
	}
	if digit > 0 {
		total += digit
	}
	return total, true
}
