package extractor

import (
	"sort"
	"strings"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
)

// minRegionMentions is how often the running text must name a region for it
// to be the plan's region when neither the title nor the issuer names one.
const minRegionMentions = 3

// region sets the administrative unit the plan covers, with its code and
// parents, from the gazetteer: the most specific region name that opens the
// title or an issuer (长沙市望城区人民政府办公室 → 望城区), else the region
// the text names most often. Only names the gazetteer knows are regions.
func (r *run) region(title, issuer string) {
	g := r.x.rules.Gazetteer
	context := r.regionContext(title, issuer)
	for _, s := range []string{title, issuer, r.issuerOrEmpty()} {
		if reg, ok := r.regionAtStart(s, context); ok {
			r.setRegion(reg)
			return
		}
	}
	if name := r.frequentRegion(); name != "" {
		if reg, ok := g.Resolve(name, context...); ok {
			r.setRegion(reg)
		}
	}
}

// regionAtStart resolves the region that opens s: a full name (the last of
// a chain 长沙市望城区), else an abbreviated one (积石山县).
func (r *run) regionAtStart(s string, context []string) (rules.Region, bool) {
	g := r.x.rules.Gazetteer
	if m, ok := g.AtStart(s); ok {
		if len(m.Regions) == 1 {
			return m.Regions[0], true
		}
		// homonyms: the parent printed before the name decides, else the context
		return g.Resolve(m.Name, append([]string{s[:m.Start]}, context...)...)
	}
	return g.AtStartShort(s)
}

// regionContext is the text that names a region's parents: title, issuers
// and the front matter.
func (r *run) regionContext(title, issuer string) []string {
	out := []string{title, issuer, r.issuerOrEmpty()}
	for _, i := range r.frontParagraphs() {
		out = append(out, r.doc.Blocks[i].Text)
	}
	return out
}

func (r *run) setRegion(reg rules.Region) {
	d := &r.plan.Document
	d.Region, d.RegionLevel, d.RegionCode = plan.Str(reg.Name), plan.Str(reg.Level), plan.Str(reg.Code)
	d.Province, d.Prefecture = plan.Str(reg.Province), plan.Str(reg.Prefecture)
}

func (r *run) issuerOrEmpty() string {
	if r.plan.Document.Issuer != nil {
		return *r.plan.Document.Issuer
	}
	return ""
}

// startsWithRegion reports whether a line opens with a place name.
func (r *run) startsWithRegion(t string) bool {
	if _, ok := r.x.rules.Gazetteer.AtStart(t); ok {
		return true
	}
	_, ok := r.x.rules.Gazetteer.AtStartShort(t)
	return ok
}

// frequentRegion returns the region name the running text names most often
// (at least minRegionMentions times), words that are also region names
// (城区, 新区) aside; "" when none.
func (r *run) frequentRegion() string {
	counts := map[string]int{}
	for _, b := range r.doc.Blocks {
		if b.Kind != docmodel.Paragraph && b.Kind != docmodel.Heading {
			continue
		}
		for _, m := range r.x.rules.Gazetteer.Find(b.Text) {
			if !r.x.docRules.IsGenericRegionWord(m.Name) {
				counts[m.Name]++
			}
		}
	}
	var names []string
	for k := range counts {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if counts[names[i]] != counts[names[j]] {
			return counts[names[i]] > counts[names[j]]
		}
		return strings.Compare(names[i], names[j]) < 0
	})
	if len(names) == 0 || counts[names[0]] < minRegionMentions {
		return ""
	}
	return names[0]
}
