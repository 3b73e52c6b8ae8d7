package extractor

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
)

const (
	frontBlocks    = 20 // metadata is looked for in the first blocks …
	backBlocks     = 12 // … and, for the signature, in the last ones
	maxTitleRunes  = 60
	maxIssuerRunes = 30
)

var (
	cnDateRe    = regexp.MustCompile(`^([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日$`)
	noticeRe    = regexp.MustCompile(`^(.*?)关于印发《(.+)》的通知$`)
	dateRe      = regexp.MustCompile(`^((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$`)
	dateInRe    = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*[年\-/.]\s*([0-9]{1,2})\s*[月\-/.]\s*([0-9]{1,2})`)
	yearRangeRe = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*[-—–－~～至到]+\s*((?:19|20)[0-9]{2})\s*年?`)
	fivePlanRe  = regexp.MustCompile(`十([一二三四五六七八九])五`)
	metaLineRe  = regexp.MustCompile(`^[\p{Han}\s]{2,12}?\s*[:：]`)
)

// metadata fills plan.Document from the model's Meta (web-page header
// blocks, docx properties), the front matter and the closing signature.
func (r *run) metadata() {
	d := &r.plan.Document
	meta := r.pageMeta()
	title := meta["标题"]
	if title == "" {
		title = r.titleFromText()
	}
	if title == "" {
		title = strings.TrimSpace(r.doc.Meta["title"])
		if !rules.ContainsAny(title, r.x.docRules.PlanWords) {
			title = ""
		}
	}
	d.Title = plan.Str(title)
	d.Issuer = plan.Str(meta["发文机关"])
	if d.Issuer == nil {
		d.Issuer = plan.Str(r.issuerFromText())
	}
	date := normDate(meta["成文日期"])
	if date == "" {
		date = r.dateFromText()
	}
	if date == "" {
		date = normDate(meta["发布日期"])
	}
	d.Date = plan.Str(date)
	d.Draft = rules.ContainsAny(title, r.x.docRules.DraftWords) || r.frontHas(r.x.docRules.DraftWords)
	d.Period = r.period(title)
	region, level := r.region(title, meta["发文机关"])
	d.Region, d.RegionLevel = plan.Str(region), plan.Str(level)
}

// pageMeta reads label: value lines (索引号, 发文机关, 成文日期, 标题 …) of a
// web-page header block, over the model's own Meta. A line may hold several
// pairs; the first value of each label wins.
func (r *run) pageMeta() map[string]string {
	out := map[string]string{}
	for key := range r.x.docRules.MetaLabels {
		if v := strings.TrimSpace(r.doc.Meta[key]); v != "" {
			out[key] = v
		}
	}
	for i, b := range r.doc.Blocks {
		if i >= frontBlocks*2 {
			break
		}
		if b.Kind == docmodel.Table && b.Table != nil {
			r.tableMeta(b.Table, out)
			continue
		}
		if b.Kind != docmodel.Paragraph {
			continue
		}
		text := strings.TrimSpace(strings.Map(nbspToSpace, b.Text))
		locs := r.x.metaLabelRe.FindAllStringSubmatchIndex(text, -1)
		if len(locs) == 0 || locs[0][0] != 0 {
			continue
		}
		for k, loc := range locs {
			end := len(text)
			if k+1 < len(locs) {
				end = locs[k+1][0]
			}
			key := r.x.metaLabelOf[squeezeSpace(text[loc[2]:loc[3]])]
			if v := strings.TrimSpace(text[loc[1]:end]); key != "" && v != "" && out[key] == "" {
				out[key] = v
			}
		}
	}
	return out
}

// tableMeta reads a metadata table: a label cell (发文机关 or 发文机关:)
// followed by its value cell, or one cell holding "label: value".
func (r *run) tableMeta(t *docmodel.TableData, out map[string]string) {
	set := func(key, v string) {
		if v = strings.TrimSpace(v); key != "" && v != "" && out[key] == "" {
			out[key] = v
		}
	}
	labels := map[string]bool{}
	for _, row := range t.Rows {
		for _, c := range row {
			if key := r.x.metaLabelOf[strings.TrimRight(squeezeSpace(c.Text), ":：")]; key != "" {
				labels[key] = true
			}
		}
	}
	if len(labels) < 2 {
		return // a data table, not a metadata block
	}
	for _, row := range t.Rows {
		for k := 0; k < len(row); k++ {
			text := strings.TrimSpace(strings.Map(nbspToSpace, row[k].Text))
			label := strings.TrimRight(squeezeSpace(text), ":：")
			if key := r.x.metaLabelOf[label]; key != "" {
				for j := k + 1; j < len(row); j++ {
					if row[j].Covered {
						continue
					}
					set(key, row[j].Text)
					k = j
					break
				}
				continue
			}
			if loc := r.x.metaLabelRe.FindStringSubmatchIndex(text); loc != nil && loc[0] == 0 {
				set(r.x.metaLabelOf[squeezeSpace(text[loc[2]:loc[3]])], text[loc[1]:])
			}
		}
	}
}

// metaLabels compiles the page-metadata labels into one pattern that allows
// spaces between a label's characters (标    题:) and maps each label to its key.
func metaLabels(d *rules.DocumentRules) (*regexp.Regexp, map[string]string) {
	labelOf := map[string]string{}
	var alts []string
	for key, labels := range d.MetaLabels {
		for _, l := range labels {
			labelOf[l] = key
			var chars []string
			for _, c := range l {
				chars = append(chars, regexp.QuoteMeta(string(c)))
			}
			alts = append(alts, strings.Join(chars, `\s*`))
		}
	}
	sort.Slice(alts, func(i, j int) bool {
		if len(alts[i]) != len(alts[j]) {
			return len(alts[i]) > len(alts[j])
		}
		return alts[i] < alts[j]
	})
	return regexp.MustCompile(`(` + strings.Join(alts, "|") + `)\s*[:：]`), labelOf
}

func squeezeSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

func nbspToSpace(r rune) rune {
	if r == '\u00a0' || r == '\u3000' {
		return ' '
	}
	return r
}

func normDate(s string) string {
	m := dateInRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	da, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || da < 1 || da > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, da)
}

// frontParagraphs returns the paragraph blocks before the first outline
// heading (at most frontBlocks).
func (r *run) frontParagraphs() []int {
	var idx []int
	for i, b := range r.doc.Blocks {
		if _, ok := r.headingAt[i]; ok || len(idx) >= frontBlocks || r.skip[i] {
			break
		}
		if b.Kind == docmodel.Paragraph || b.Kind == docmodel.Heading {
			idx = append(idx, i)
		}
	}
	return idx
}

func (r *run) frontHas(words []string) bool {
	for _, i := range r.frontParagraphs() {
		if rules.ContainsAny(r.doc.Blocks[i].Text, words) {
			return true
		}
	}
	return false
}

// titleFromText finds the plan title among the front paragraphs: a short
// line naming a plan (规划/计划/方案), joined with a following line when the
// title is printed over two lines, and with a draft marker line after it.
func (r *run) titleFromText() string {
	front := r.frontParagraphs()
	dr := r.x.docRules
	notice := "" // the plan named in a 关于印发《…》的通知 line, a fallback
	for k, i := range front {
		t := r.doc.Blocks[i].Text
		if m := noticeRe.FindStringSubmatch(t); m != nil {
			if notice == "" {
				notice = m[2]
			}
			continue
		}
		if !titleLike(t) {
			continue
		}
		if loc := r.x.metaLabelRe.FindStringIndex(t); strings.HasPrefix(t, "《") || loc != nil && loc[0] == 0 || metaLineRe.MatchString(t) && !rules.ContainsAny(t, dr.PlanWords) {
			continue // a citation or a "label: value" line of a page header
		}
		next := ""
		if k+1 < len(front) && front[k+1] == i+1 {
			next = r.doc.Blocks[i+1].Text
		}
		switch {
		case rules.ContainsAny(t, dr.PlanWords):
		case next != "" && r.doc.Blocks[i].BlankAfter == 0 && !bracketed(t) && !r.isIssuer(t) && titleLike(next) &&
			rules.ContainsAny(t+next, dr.PlanWords) && r.startsWithRegion(t) && !r.startsWithRegion(next):
			// a title printed over two lines: 蛟河市“十四五”医疗卫生 / 服务体系规划
			t += next
			next = ""
			if k+2 < len(front) && front[k+2] == i+2 {
				next = r.doc.Blocks[i+2].Text
			}
		default:
			continue
		}
		if next != "" && isDraftMarker(next, dr.DraftWords) {
			t += next
		}
		return t
	}
	return notice
}

// bracketed reports whether a line is a note in brackets, such as （此件公开发布）.
func bracketed(t string) bool {
	return (strings.HasPrefix(t, "（") || strings.HasPrefix(t, "(")) && (strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")"))
}

func titleLike(t string) bool {
	n := utf8.RuneCountInString(t)
	return n >= 4 && n <= maxTitleRunes && !strings.ContainsAny(t, "。；，,")
}

func isDraftMarker(t string, words []string) bool {
	s := strings.Trim(t, "（）() ")
	return rules.In(s, words)
}

// frontAndBack returns the paragraphs of the front matter and of the
// closing signature (the last blocks, from the end), where a notice prints
// its issuer and date.
func (r *run) frontAndBack() []string {
	var out []string
	add := func(i int) {
		if b := r.doc.Blocks[i]; b.Kind == docmodel.Paragraph {
			out = append(out, strings.TrimSpace(b.Text))
		}
	}
	for _, i := range r.frontParagraphs() {
		add(i)
	}
	n := len(r.doc.Blocks)
	for i := n - 1; i >= 0 && i >= n-backBlocks; i-- {
		add(i)
	}
	return out
}

// issuerFromText finds an issuing body printed alone on a line in the front
// matter or in the closing signature.
func (r *run) issuerFromText() string {
	for _, t := range r.frontAndBack() {
		if r.isIssuer(t) {
			return t
		}
		if m := noticeRe.FindStringSubmatch(t); m != nil && r.isIssuer(m[1]) {
			return m[1] // XX县人民政府办公室关于印发《…》的通知
		}
	}
	return ""
}

// isIssuer reports whether a line is the name of an issuing body alone.
func (r *run) isIssuer(t string) bool {
	if utf8.RuneCountInString(t) > maxIssuerRunes || strings.ContainsAny(t, "。，,；") {
		return false
	}
	for _, s := range r.x.docRules.IssuerSuffixes {
		if strings.HasSuffix(t, s) && t != s {
			return true
		}
	}
	return false
}

// startsWithRegion reports whether a line opens with a place name.
func (r *run) startsWithRegion(t string) bool {
	name, _ := r.leadingRegion(t)
	return name != ""
}

// dateFromText finds a signing date printed alone on a line near the start
// or the end of the document.
func (r *run) dateFromText() string {
	for _, t := range r.frontAndBack() {
		if m := dateRe.FindStringSubmatch(t); m != nil {
			return normDate(m[0])
		}
		if d := chineseDate(t); d != "" {
			return d
		}
	}
	return ""
}

// period reads the plan period from a year range in the title, else from
// the five-year-plan ordinal (十四五 → 2021–2025) in the title or text.
func (r *run) period(title string) *plan.Period {
	if m := yearRangeRe.FindStringSubmatch(title); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if b > a && b-a <= 15 {
			return &plan.Period{Start: a, End: b}
		}
	}
	src := title
	if !fivePlanRe.MatchString(src) {
		for _, i := range r.frontParagraphs() {
			src += r.doc.Blocks[i].Text
		}
	}
	if m := fivePlanRe.FindStringSubmatch(src); m != nil {
		return fivePlanPeriod(m[1])
	}
	return nil
}

// chineseDate reads a date written in Chinese numerals, as signatures of
// government notices are: 二〇二二年九月八日 → 2022-09-08.
func chineseDate(t string) string {
	m := cnDateRe.FindStringSubmatch(t)
	if m == nil {
		return ""
	}
	year := 0
	for _, c := range m[1] {
		year = year*10 + cnDigit(c)
	}
	return normDate(fmt.Sprintf("%d年%d月%d日", year, cnNumber(m[2]), cnNumber(m[3])))
}

func cnDigit(c rune) int {
	if c == '〇' || c == '零' {
		return 0
	}
	return strings.IndexRune("一二三四五六七八九", c)/3 + 1
}

// cnNumber reads 1–99 in Chinese numerals: 九, 十, 十二, 二十, 二十八.
func cnNumber(s string) int {
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return cnDigit(rs[0])
	case rs[0] == '十':
		return 10 + cnDigit(rs[1])
	case len(rs) == 2 && rs[1] == '十':
		return cnDigit(rs[0]) * 10
	case len(rs) == 3 && rs[1] == '十':
		return cnDigit(rs[0])*10 + cnDigit(rs[2])
	}
	return 0
}

// fivePlanPeriod gives the years of the 十N五 plan (N = 一…九).
func fivePlanPeriod(n string) *plan.Period {
	k := strings.Index("一二三四五六七八九", n)
	if k < 0 {
		return nil
	}
	ordinal := 10 + k/3 + 1
	start := 1966 + 5*(ordinal-3) // the third five-year plan began in 1966
	return &plan.Period{Start: start, End: start + 4}
}

// region names the administrative unit the plan covers: the place name that
// opens the title or the issuer, else the unit the text names most often.
func (r *run) region(title, issuer string) (region, level string) {
	for _, s := range []string{title, issuer, r.issuerOrEmpty()} {
		if name, lvl := r.leadingRegion(s); name != "" {
			return name, r.levelOf(name, lvl)
		}
	}
	if name, lvl := r.frequentRegion(); name != "" {
		return name, r.levelOf(name, lvl)
	}
	return "", ""
}

func (r *run) issuerOrEmpty() string {
	if r.plan.Document.Issuer != nil {
		return *r.plan.Document.Issuer
	}
	return ""
}

// leadingRegion returns the place name at the start of s: the shortest
// prefix ending with an administrative suffix, before the plan words.
func (r *run) leadingRegion(s string) (string, string) {
	s = strings.TrimSpace(s)
	rs := []rune(s)
	limit := len(rs)
	if limit > 12 {
		limit = 12
	}
	for i := 2; i <= limit; i++ {
		prefix := string(rs[:i])
		for _, suf := range r.x.docRules.RegionSuffixes {
			if !strings.HasSuffix(prefix, suf.Suffix) {
				continue
			}
			// 县城/市场 … : the suffix must end the name, not start a word.
			if i < len(rs) && (rs[i] == '级' || rs[i] == '域' || rs[i] == '城' || rs[i] == '场') {
				continue
			}
			if rules.In(prefix, r.x.docRules.GenericRegionWords) {
				continue
			}
			return prefix, suf.Level
		}
	}
	return "", ""
}

// frequentRegion counts place names (2–6 characters ending with 县/市/区/旗)
// in the text and returns the most frequent.
func (r *run) frequentRegion() (string, string) {
	counts := map[string]int{}
	levels := map[string]string{}
	for _, b := range r.doc.Blocks {
		if b.Kind != docmodel.Paragraph && b.Kind != docmodel.Heading {
			continue
		}
		rs := []rune(b.Text)
		for i := range rs {
			for _, suf := range r.x.docRules.RegionSuffixes {
				sr := []rune(suf.Suffix)
				if i+len(sr) > len(rs) || string(rs[i:i+len(sr)]) != suf.Suffix {
					continue
				}
				for n := 1; n <= 4 && i-n >= 0; n++ {
					name := string(rs[i-n : i+len(sr)])
					if !allHan(rs[i-n:i]) || rules.In(name, r.x.docRules.GenericRegionWords) || strings.ContainsAny(string(rs[i-n:i]), "全我本该各每乡镇村县市区省") {
						continue
					}
					counts[name]++
					levels[name] = suf.Level
				}
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var all []kv
	for k, v := range counts {
		all = append(all, kv{k, v})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].v != all[j].v {
			return all[i].v > all[j].v
		}
		return all[i].k < all[j].k
	})
	if len(all) == 0 || all[0].v < 3 {
		return "", ""
	}
	return all[0].k, levels[all[0].k]
}

func allHan(rs []rune) bool {
	for _, c := range rs {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return len(rs) > 0
}

// levelOf resolves a city to prefecture level or county level: listed
// prefecture-level cities, or a plan that speaks of its 县（市、区） as
// subordinate units, are prefecture cities.
func (r *run) levelOf(name, level string) string {
	if level != "city" {
		return level
	}
	if rules.In(name, r.x.docRules.PrefectureCities) {
		return "prefecture-city"
	}
	return "county-level-city"
}
