package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/guihua-project/guihua/internal/batch"
	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/internal/export"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
)

const indicatorsSynopsis = "[--json] [-j N] PATH..."

const indicatorsDoc = `Lists the indicator codes of plans: PATH may be extraction outputs (.json,
checked against the schema) or plans (.txt .docx .html .htm, extracted on the
fly), as files, directories or globs. For every code: its preferred name, the
names it was given as printed, with counts, and the regions; then every name
that got no code, with its count and regions, most frequent first. This is
the list a maintainer grows rules/indicators.json from (README: "Adding an
indicator concept"). --json prints the same as one JSON object. The SQLite
export holds the same as the view indicator_names. Exit status 0 ok, 1 some
input failed (the others are listed), 2 bad usage, 130 interrupted.`

// indicatorsReport is what "guihua indicators" prints.
type indicatorsReport struct {
	Plans   int       `json:"plans"`
	Rows    int       `json:"rows"`
	Coded   int       `json:"coded"`
	Codes   []codeUse `json:"codes"`
	Uncoded []nameUse `json:"uncoded"`
	Failed  []string  `json:"failed,omitempty"`
	byCode  map[string]*codeUse
	byName  map[string]*nameUse
	concept func(string) (rules.IndicatorConcept, bool)
}

// codeUse is one code with the names it was given.
type codeUse struct {
	Code    string    `json:"code"`
	Name    string    `json:"name"` // the concept's preferred name
	Rows    int       `json:"rows"`
	Regions []string  `json:"regions"`
	Names   []nameUse `json:"names"`
	names   map[string]*nameUse
}

// nameUse is one printed name with its count and regions.
type nameUse struct {
	Name    string   `json:"name"`
	Rows    int      `json:"rows"`
	Regions []string `json:"regions"`
}

func newIndicatorsReport(concept func(string) (rules.IndicatorConcept, bool)) *indicatorsReport {
	return &indicatorsReport{byCode: map[string]*codeUse{}, byName: map[string]*nameUse{}, concept: concept}
}

// add counts the indicator rows of one plan.
func (r *indicatorsReport) add(p *plan.Plan) {
	r.Plans++
	region := p.Source.Path
	if p.Document.Region != nil {
		region = *p.Document.Region
	}
	for _, in := range p.Indicators {
		r.Rows++
		if in.Code == nil {
			use(r.byName, in.NameRaw, region)
			continue
		}
		r.Coded++
		c := r.byCode[*in.Code]
		if c == nil {
			c = &codeUse{Code: *in.Code, names: map[string]*nameUse{}}
			if ic, ok := r.concept(*in.Code); ok {
				c.Name = ic.Name
			}
			r.byCode[*in.Code] = c
		}
		c.Rows++
		if !slices.Contains(c.Regions, region) {
			c.Regions = append(c.Regions, region)
		}
		use(c.names, in.NameRaw, region)
	}
}

func use(m map[string]*nameUse, name, region string) {
	u := m[name]
	if u == nil {
		u = &nameUse{Name: name}
		m[name] = u
	}
	u.Rows++
	if !slices.Contains(u.Regions, region) {
		u.Regions = append(u.Regions, region)
	}
}

// finish sorts everything: codes alphabetically, names most frequent first.
func (r *indicatorsReport) finish() {
	r.Codes = []codeUse{}
	for _, c := range r.byCode {
		c.Names = sortedNames(c.names)
		sort.Strings(c.Regions)
		r.Codes = append(r.Codes, *c)
	}
	sort.Slice(r.Codes, func(i, j int) bool { return r.Codes[i].Code < r.Codes[j].Code })
	r.Uncoded = sortedNames(r.byName)
}

func sortedNames(m map[string]*nameUse) []nameUse {
	out := []nameUse{}
	for _, u := range m {
		sort.Strings(u.Regions)
		out = append(out, *u)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Rows != out[j].Rows {
			return out[i].Rows > out[j].Rows
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// write prints the report as text.
func (r *indicatorsReport) write(w io.Writer) error {
	var b strings.Builder
	share := 0.0
	if r.Rows > 0 {
		share = 100 * float64(r.Coded) / float64(r.Rows)
	}
	fmt.Fprintf(&b, "%d plan%s, %d indicator rows, %d coded (%.1f%%), %d codes, %d uncoded names\n",
		r.Plans, plural(r.Plans), r.Rows, r.Coded, share, len(r.Codes), len(r.Uncoded))
	for _, c := range r.Codes {
		fmt.Fprintf(&b, "\n%s  %s  (%d rows; %s)\n", c.Code, c.Name, c.Rows, strings.Join(c.Regions, ", "))
		for _, n := range c.Names {
			fmt.Fprintf(&b, "    %4d  %s  (%s)\n", n.Rows, n.Name, strings.Join(n.Regions, ", "))
		}
	}
	if len(r.Uncoded) > 0 {
		b.WriteString("\nuncoded\n")
		for _, n := range r.Uncoded {
			fmt.Fprintf(&b, "    %4d  %s  (%s)\n", n.Rows, n.Name, strings.Join(n.Regions, ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func cmdIndicators(ctx context.Context, fs *flagSet, args []string, stdout, stderr io.Writer) error {
	asJSON := fs.Bool("json", false, "print the report as one JSON object")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "number of inputs read or extracted at once")
	paths, err := fs.parse(args)
	switch {
	case err != nil:
		return err
	case len(paths) == 0:
		return fs.usageErr("needs at least one PATH")
	case *workers < 1:
		return fs.usageErr("-j must be at least 1")
	}
	found, inputs := outputsOrPlans(paths)
	c, err := convert.New()
	if err != nil {
		return err
	}
	codes, err := rules.LoadIndicatorCodes()
	if err != nil {
		return err
	}
	rep := newIndicatorsReport(codes.Concept)
	for _, p := range found.Problems {
		fmt.Fprintf(stderr, "FAIL %s: %v\n", p.Path, p.Err)
		rep.Failed = append(rep.Failed, p.Path)
	}
	type loaded struct {
		p   *plan.Plan
		err error
	}
	work := func(_ context.Context, i int) loaded {
		p, _, err := export.Load(c, inputs[i].Path)
		return loaded{p, err}
	}
	emit := func(i int, l loaded) error {
		if l.err != nil {
			fmt.Fprintf(stderr, "FAIL %s: %s\n", inputs[i].Path, convert.Reason(inputs[i].Path, l.err))
			rep.Failed = append(rep.Failed, inputs[i].Path)
			return nil
		}
		rep.add(l.p)
		return nil
	}
	if _, err := batch.ForEach(ctx, len(inputs), *workers, true, work, emit); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	rep.finish()
	if *asJSON {
		js, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if _, err := stdout.Write(append(js, '\n')); err != nil {
			return err
		}
	} else if err := rep.write(stdout); err != nil {
		return err
	}
	if n := len(rep.Failed); n > 0 {
		return fmt.Errorf("%d input%s failed and %s left out", n, plural(n), map[bool]string{true: "was", false: "were"}[n == 1])
	}
	return nil
}
