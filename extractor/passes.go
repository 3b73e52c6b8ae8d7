package extractor

import (
	"fmt"
	"sort"
	"strings"
)

// Product names something a pass makes for later passes to read.
type Product string

// Products of the default passes.
const (
	ProductTOC        Product = "toc"        // run.skip: table-of-contents blocks
	ProductBoxes      Product = "boxes"      // run.boxes, run.skipOutline
	ProductOutline    Product = "outline"    // plan.Outline, run.headingAt
	ProductMetadata   Product = "metadata"   // plan.Document (period included)
	ProductTables     Product = "tables"     // plan.Tables, indicators and table facilities
	ProductFinder     Product = "finder"     // run.finder
	ProductFacilities Product = "facilities" // text facilities merged with table ones
	ProductProjects   Product = "projects"   // plan.Projects
	ProductDocSpans   Product = "docspans"   // plan.Document.Spans
)

// A Pass is one step of extraction.
type Pass interface {
	// Name names the pass in errors.
	Name() string
	// Priority orders the passes: lower runs first. Passes with equal
	// priority run in registration order.
	Priority() int
	// Needs lists the products Run reads; each must be made by a pass of
	// lower priority.
	Needs() []Product
	// Makes lists the products Run writes; no other pass may make them.
	Makes() []Product
	// Run does the pass's work on r. It reads only what Needs lists.
	Run(r *run) error
}

// pass is a Pass built from a function.
type pass struct {
	name     string
	priority int
	needs    []Product
	makes    []Product
	run      func(*run) error
}

func (p pass) Name() string     { return p.name }
func (p pass) Priority() int    { return p.priority }
func (p pass) Needs() []Product { return p.needs }
func (p pass) Makes() []Product { return p.makes }
func (p pass) Run(r *run) error { return p.run(r) }
func noErr(f func(*run)) func(*run) error {
	return func(r *run) error { f(r); return nil }
}

// DefaultPasses returns guihua's extraction passes, in one list. A new pass
// is a function on *run plus one line here.
func DefaultPasses() []Pass {
	return []Pass{
		pass{"toc", 100, nil, []Product{ProductTOC}, noErr((*run).findTOC)},
		pass{"boxes", 200, []Product{ProductTOC}, []Product{ProductBoxes}, noErr((*run).findProjects)},
		pass{"outline", 300, []Product{ProductTOC, ProductBoxes}, []Product{ProductOutline}, noErr((*run).outline)},
		pass{"metadata", 400, []Product{ProductTOC, ProductOutline}, []Product{ProductMetadata}, noErr((*run).metadata)},
		pass{"tables", 500, []Product{ProductMetadata}, []Product{ProductTables}, noErr((*run).tables)},
		pass{"finder", 600, []Product{ProductTables}, []Product{ProductFinder}, (*run).buildFinder},
		pass{"facilities", 700, []Product{ProductTOC, ProductTables, ProductFinder}, []Product{ProductFacilities}, noErr((*run).textFacilities)},
		pass{"projects", 800, []Product{ProductBoxes, ProductOutline, ProductFinder}, []Product{ProductProjects}, noErr((*run).projects)},
		pass{"docspans", 900, []Product{ProductTOC, ProductOutline, ProductMetadata}, []Product{ProductDocSpans}, noErr((*run).documentSpans)},
	}
}

// orderPasses sorts ps by priority and checks that every need is made by an
// earlier pass and that no product is made twice.
func orderPasses(ps []Pass) ([]Pass, error) {
	out := append([]Pass(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Priority() < out[j].Priority() })
	made := map[Product]string{}
	for _, p := range out {
		var missing []string
		for _, n := range p.Needs() {
			if _, ok := made[n]; !ok {
				missing = append(missing, string(n))
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("extractor: pass %q (priority %d) needs %s, which no earlier pass makes", p.Name(), p.Priority(), strings.Join(missing, ", "))
		}
		for _, m := range p.Makes() {
			if other, dup := made[m]; dup {
				return nil, fmt.Errorf("extractor: passes %q and %q both make %s", other, p.Name(), m)
			}
			made[m] = p.Name()
		}
	}
	return out, nil
}
