// Package value parses the raw text of an indicator table cell — "≤7",
// "80左右", "1：1.15", "在2020年基础上增长50%", "——", "全覆盖" — into the
// typed parts of the output contract's Value object: kind, value, cmp and
// ratio, plus the unit, direction and base year printed inside the cell.
//
// Parse only reads its argument; the raw text is kept as printed by the
// caller. Parse never panics and always returns one of the five kinds.
//
// # Normalisation (for parsing only)
//
// Full-width ASCII forms U+FF01–U+FF5E become ASCII (０–９, ％, ：, ＜, ＞,
// ＝, ～, －, ／, ．, ，), small forms (﹤ ﹥ ﹪ ﹕ ﹣) likewise; ≦ ≧ become
// ≤ ≥, the ratio sign ∶ and ︰ become ':', wave dashes 〜 ∼ become '~' and
// the minus sign − and hyphens ‐ ‑ become '-'. Every white-space rune (space,
// tab, line break, NBSP U+00A0, ideographic space U+3000, ...) and every
// format rune (zero-width space, BOM) is removed, wherever it stands.
//
// # Grammar
//
// After normalisation a cell is "empty" when it is "", "无", a run of dashes
// only (- — – ‒ ― ─ ━, so "—", "——", "--", "－") or a run of slashes only
// ("/"). Otherwise trailing footnote marks and punctuation (* 。 . ; , 、)
// are dropped and the rest must match, in full:
//
//	cell      = { modifier | base } [ cmp ] [ verb { modifier } [ cmp ] ] core [ suffix ]
//	core      = number [ unit ] | number ":" number { ":" number }
//	number    = [ "+" | "-" ] digits [ "." digits ]      digits may group as 3,000
//	modifier  = 力争 | 争取 | 确保 | 达到 | 保持(在) | 稳定在 | 控制在 | 维持(在)
//	          | 每年 | 年均 | 平均每年 | 逐年 | 累计 | 持续 | 稳步 | 进一步
//	base      = [ 在 | 比 | 较 | 与 | 以 | 相比 | 对比 ] YYYY 年 [ 底 | 末 ]
//	            [ 的基础上 | 基础上 | 相比 | 比较 | 为基数 | 为基准 | 为基础 ] [ "," ]
//	            (a base needs a lead 比/较/相比/对比 or a tail, and a verb)
//	cmp       = ≤ <= ≯ 不高于 不超过 不多于 不大于 至多          → "<="
//	          | < 低于 少于 小于                                  → "<"
//	          | ≥ >= ≮ 不低于 不少于 不小于 至少                 → ">="
//	          | > 高于 超过 多于 大于                             → ">"
//	          | 约 大约 ≈ ~                                       → "~"
//	          | =                                                 → "="
//	suffix    = 左右 | 上下 → "~" ;  以上 | 及以上 → ">=" ;  以下 | 及以下 | 以内 | 之内 → "<="
//	verb      = increase: 增长 提高 提升 上升 增加 增高 升高
//	          | decrease: 降低 下降 减少 减低 缩减
//	          | reach:    any of those + 到/至, and 升至 增至 降至 减至 升到 降到
//	unit      = % ‰ 个百分点 百分点 岁 万人次 人次 万人 人 万元 亿元 元 万 亿
//	            张 床 个 家 所 名 天 日 小时 分钟 分 倍 次 台 辆 项 平方米 ㎡
//	            /10万 /10万人 /十万 /万 /万人 /千 /千人
//
// The kinds follow from what matched:
//
//   - a ratio core → "ratio", Ratio holds every part ([1, 1.15] for 1：1.15),
//     Value is nil, Unit is "".
//   - an increase/decrease verb → "change", Value the number, Direction
//     "increase"/"decrease", Unit, BaseYear (0 when no year is named). A
//     ratio after a verb is "text".
//   - otherwise (including the "reach" verbs: 提高到80% states a level, not a
//     change) → "number", Value and Unit.
//
// Cmp is "=" unless a cmp or suffix says otherwise. When both a prefix cmp
// and a suffix are printed they must agree in sense: both lower bounds
// ("不低于80%以上" → ">="), both upper bounds or both approximate; the first
// printed wins ("低于5%以下" → "<"). Contradicting ones ("约80%以上",
// "≤5以上") make the cell "text".
//
// Everything else is "text" with Value nil and Cmp "": qualitative targets
// (全覆盖, 同比例提高, 持续提升, 达到国家标准 — a change verb with no number),
// Chinese numerals (翻一番), ranges (1-2, 2～3, 5%-8%: a range has no single
// value, so it is text rather than a number), lists ("1,2"), and any cell where
// digits are not the value ("2025年达到": 年 is not a unit, so a year is never
// taken for the value). A bare "2025" is a number: a cell cannot tell a year
// from a count.
package value

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Parsed is the typed reading of one table cell.
type Parsed struct {
	Kind      string    // "number", "ratio", "change", "text", "empty"
	Value     *float64  // the number when there is one (number, change; nil for ratio/text/empty)
	Cmp       string    // "=", "<", "<=", ">", ">=", "~" ; "" for text and empty
	Ratio     []float64 // [1, 1.15] for 1：1.15 ; nil otherwise
	Direction string    // for kind change: "increase" or "decrease"; "" otherwise
	Unit      string    // unit printed inside the value: "%", "‰", "个百分点", "岁", "万人", ... ; "" if none
	BaseYear  int       // for change: the base year named (在2020年基础上 / 比2015年) else 0
}

const (
	kindNumber = "number"
	kindRatio  = "ratio"
	kindChange = "change"
	kindText   = "text"
	kindEmpty  = "empty"

	dirIncrease = "increase"
	dirDecrease = "decrease"
	dirReach    = "reach" // internal only: 提高到 / 降至 — a level, not a change
)

// entry is one word of a vocabulary table and what it stands for.
type entry struct{ word, val string }

// table is a vocabulary sorted longest word first, so that a prefix match
// takes "不低于" before "低于" and "个百分点" before "个".
type table []entry

func newTable(es ...entry) table {
	t := table(slices.Clone(es))
	slices.SortStableFunc(t, func(a, b entry) int { return cmp.Compare(len(b.word), len(a.word)) })
	return t
}

// self builds entries that stand for their own word.
func self(ws ...string) []entry {
	es := make([]entry, len(ws))
	for i, w := range ws {
		es[i] = entry{w, w}
	}
	return es
}

// words builds entries that all share one value.
func words(val string, ws ...string) []entry {
	es := make([]entry, len(ws))
	for i, w := range ws {
		es[i] = entry{w, val}
	}
	return es
}

var (
	prefixCmps = newTable(slices.Concat(
		words("<=", "≤", "<=", "≯", "不高于", "不超过", "不多于", "不大于", "至多"),
		words("<", "<", "低于", "少于", "小于"),
		words(">=", "≥", ">=", "≮", "不低于", "不少于", "不小于", "至少"),
		words(">", ">", "高于", "超过", "多于", "大于"),
		words("~", "约", "大约", "≈", "~"),
		words("=", "="),
	)...)

	suffixCmps = newTable(slices.Concat(
		words("~", "左右", "上下"),
		words(">=", "以上", "及以上"),
		words("<=", "以下", "及以下", "以内", "之内"),
	)...)

	increaseVerbs = []string{"增长", "提高", "提升", "上升", "增加", "增高", "升高"}
	decreaseVerbs = []string{"降低", "下降", "减少", "减低", "缩减"}

	verbs = func() table {
		var es []entry
		for _, v := range increaseVerbs {
			es = append(es, entry{v, dirIncrease}, entry{v + "到", dirReach}, entry{v + "至", dirReach})
		}
		for _, v := range decreaseVerbs {
			es = append(es, entry{v, dirDecrease}, entry{v + "到", dirReach}, entry{v + "至", dirReach})
		}
		es = append(es, words(dirReach, "升至", "增至", "降至", "减至", "升到", "降到")...)
		return newTable(es...)
	}()

	modifiers = newTable(words("",
		"力争", "争取", "确保", "达到", "保持", "保持在", "稳定在", "控制在", "维持", "维持在",
		"每年", "年均", "平均每年", "逐年", "累计", "持续", "稳步", "进一步",
	)...)

	units = newTable(self(
		"%", "‰", "个百分点", "百分点", "岁",
		"万人次", "人次", "万人", "人", "万元", "亿元", "元", "万", "亿",
		"张", "床", "个", "家", "所", "名", "天", "日", "小时", "分钟", "分",
		"倍", "次", "台", "辆", "项", "平方米", "㎡",
		"/10万", "/10万人", "/十万", "/万", "/万人", "/千", "/千人",
	)...)

	baseLeads     = newTable(self("在", "比", "较", "与", "以", "相比", "对比")...)
	baseLeadsBare = map[string]bool{"比": true, "较": true, "相比": true, "对比": true} // need no tail
	baseTails     = newTable(words("", "的基础上", "基础上", "相比", "比较", "为基数", "为基准", "为基础")...)
)

// runeMap folds the non-full-width look-alikes that normalise() handles.
var runeMap = map[rune]rune{
	'≦': '≤', '≧': '≥',
	'﹤': '<', '﹥': '>', '﹦': '=', '﹪': '%', '﹕': ':', '﹣': '-', '﹒': '.', '﹐': ',',
	'∶': ':', '︰': ':',
	'〜': '~', '∼': '~',
	'−': '-', '‐': '-', '‑': '-',
}

// normalise folds the cell for parsing: full-width → ASCII, look-alikes →
// one form, word spaces dropped (the text is already normalised by the
// document model: no other white space or format runes reach here). It is
// idempotent.
func normalise(raw string) string {
	var b strings.Builder
	b.Grow(len(raw))
	for _, r := range raw {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if m, ok := runeMap[r]; ok {
			r = m
		}
		if r == ' ' { // the grammar ignores the word spaces normalised text keeps (COVID 19)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isDash(r rune) bool {
	switch r {
	case '-', '—', '–', '‒', '―', '─', '━', '⸺', '⸻':
		return true
	}
	return false
}

// isEmptyMark reports whether a normalised cell means "no value".
func isEmptyMark(s string) bool {
	if s == "" || s == "无" {
		return true
	}
	allDash, allSlash := true, true
	for _, r := range s {
		allDash = allDash && isDash(r)
		allSlash = allSlash && r == '/'
	}
	return allDash || allSlash
}

// trailingMarks are dropped from the end of a cell before parsing.
const trailingMarks = "*。.;,、"

// Parse reads one raw table cell. It never panics: should a bug ever make the
// grammar fail, the cell is reported as text.
func Parse(raw string) (p Parsed) {
	defer func() {
		if recover() != nil {
			p = Parsed{Kind: kindText}
		}
	}()
	return parse(raw)
}

func parse(raw string) Parsed {
	s := normalise(raw)
	if isEmptyMark(s) {
		return Parsed{Kind: kindEmpty}
	}
	text := Parsed{Kind: kindText}
	sc := scanner{s: strings.TrimRight(s, trailingMarks)}

	var cmps []string
	baseYear := 0
	for {
		if _, ok := sc.take(modifiers); ok {
			continue
		}
		if y, ok := sc.base(); ok {
			baseYear = y
			continue
		}
		break
	}
	if c, ok := sc.take(prefixCmps); ok {
		cmps = append(cmps, c)
	}
	dir, _ := sc.take(verbs)
	if dir != "" {
		for {
			if _, ok := sc.take(modifiers); !ok {
				break
			}
		}
		if c, ok := sc.take(prefixCmps); ok {
			cmps = append(cmps, c)
		}
	}
	if baseYear != 0 && (dir == "" || dir == dirReach) {
		return text // a base year needs a change to refer to
	}

	nums, signed, ok := sc.numbers()
	if !ok {
		return text
	}
	isRatio := len(nums) > 1
	if isRatio && (signed || dir != "") {
		return text
	}
	unit := ""
	if !isRatio {
		unit, _ = sc.take(units)
	}
	if c, ok := sc.take(suffixCmps); ok {
		cmps = append(cmps, c)
	}
	if sc.s != "" {
		return text
	}
	c, ok := combine(cmps)
	if !ok {
		return text
	}

	switch {
	case isRatio:
		return Parsed{Kind: kindRatio, Cmp: c, Ratio: nums}
	case dir == dirIncrease || dir == dirDecrease:
		v := nums[0]
		return Parsed{Kind: kindChange, Value: &v, Cmp: c, Direction: dir, Unit: unit, BaseYear: baseYear}
	default:
		v := nums[0]
		return Parsed{Kind: kindNumber, Value: &v, Cmp: c, Unit: unit}
	}
}

// combine merges the comparators printed around one value. None means "=";
// several must agree in sense (all lower bounds, all upper bounds, all
// approximate, all equal) and the first printed wins.
func combine(cmps []string) (string, bool) {
	if len(cmps) == 0 {
		return "=", true
	}
	sense := func(c string) byte {
		switch c {
		case "<", "<=":
			return 'u'
		case ">", ">=":
			return 'l'
		}
		return c[0]
	}
	for _, c := range cmps[1:] {
		if sense(c) != sense(cmps[0]) {
			return "", false
		}
	}
	return cmps[0], true
}

// scanner walks a normalised cell from the left.
type scanner struct{ s string }

// take consumes the longest word of t that starts the rest, returning its value.
func (sc *scanner) take(t table) (string, bool) {
	for _, e := range t {
		if strings.HasPrefix(sc.s, e.word) {
			sc.s = sc.s[len(e.word):]
			return e.val, true
		}
	}
	return "", false
}

// base consumes a base-year phrase (在2020年基础上, 比2015年, 与2020年相比),
// or nothing.
func (sc *scanner) base() (int, bool) {
	save := sc.s
	lead, _ := sc.take(baseLeads)
	year, ok := sc.year()
	if !ok {
		sc.s = save
		return 0, false
	}
	for _, w := range []string{"底", "末"} {
		if strings.HasPrefix(sc.s, w) {
			sc.s = sc.s[len(w):]
			break
		}
	}
	_, hasTail := sc.take(baseTails)
	if !hasTail && !baseLeadsBare[lead] {
		sc.s = save
		return 0, false
	}
	sc.s = strings.TrimPrefix(sc.s, ",")
	return year, true
}

// year consumes a four-digit year followed by 年.
func (sc *scanner) year() (int, bool) {
	if len(sc.s) < 4+len("年") || !strings.HasPrefix(sc.s[4:], "年") {
		return 0, false
	}
	for i := range 4 {
		if !isDigit(sc.s[i]) {
			return 0, false
		}
	}
	y, _ := strconv.Atoi(sc.s[:4])
	if y < 1900 || y > 2100 {
		return 0, false
	}
	sc.s = sc.s[4+len("年"):]
	return y, true
}

// numbers consumes one number, or a ratio of numbers joined by ':'.
func (sc *scanner) numbers() (nums []float64, signed, ok bool) {
	if sc.s != "" && (sc.s[0] == '+' || sc.s[0] == '-') {
		signed = true
	}
	n, ok := sc.number(true)
	if !ok {
		return nil, false, false
	}
	nums = append(nums, n)
	for strings.HasPrefix(sc.s, ":") {
		sc.s = sc.s[1:]
		n, ok := sc.number(false)
		if !ok {
			return nil, false, false
		}
		nums = append(nums, n)
	}
	return nums, signed, true
}

// number consumes [sign] digits [. digits], where the integer part may be
// grouped in threes by commas (3,000). A comma not followed by exactly three
// digits ends the number and is left unread.
func (sc *scanner) number(allowSign bool) (float64, bool) {
	s := sc.s
	i := 0
	if allowSign && i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	if i == start {
		return 0, false
	}
	digits := strings.Builder{}
	digits.WriteString(s[:i])
	if i-start <= 3 {
		for i+4 <= len(s) && s[i] == ',' && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) &&
			(i+4 == len(s) || !isDigit(s[i+4])) {
			digits.WriteString(s[i+1 : i+4])
			i += 4
		}
	}
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		digits.WriteString(s[i:j])
		i = j
	}
	v, err := strconv.ParseFloat(digits.String(), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	sc.s = s[i:]
	return v, true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
