// Package extractor turns a document model into a plan: metadata, outline,
// indicator tables, facilities, project boxes and raw table grids. It reads
// only the model (internal/docmodel), whose text is already normalised, and
// the rules (rules/), so every input format is extracted by the same code.
//
// Extraction is a list of passes (passes.go), each declaring the products it
// needs and the products it makes; New orders them by priority and refuses a
// list in which a pass would run before what it needs. Table kinds
// (tablekinds.go) are implementations of TableKind registered in one list.
package extractor

import (
	"fmt"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
	"github.com/guihua-project/guihua/segment"
)

// Extractor holds the loaded rules and the ordered passes. It is immutable
// after New and safe for concurrent use.
type Extractor struct {
	rules      *rules.Set
	vocab      *rules.Vocab
	docRules   *rules.DocumentRules
	headings   *rules.HeadingRules
	blocks     *rules.BlockRules
	codes      *rules.IndicatorCodes
	fac        *rules.FacilityRules
	passes     []Pass
	tableKinds []TableKind
	finders    *segment.Base // the institution finder's domain dictionary, built once
}

// Option changes how New builds an Extractor.
type Option func(*config)

type config struct {
	passes     []Pass
	tableKinds []TableKind
}

// WithPasses replaces the default passes (DefaultPasses) with ps.
func WithPasses(ps ...Pass) Option { return func(c *config) { c.passes = ps } }

// WithTableKinds replaces the default table kinds (DefaultTableKinds).
func WithTableKinds(ks ...TableKind) Option { return func(c *config) { c.tableKinds = ks } }

// New returns an Extractor using the rule set s. It fails when s is
// incomplete or when the passes cannot run in priority order (a pass needs a
// product no earlier pass makes, or two passes make the same product).
func New(s *rules.Set, opts ...Option) (*Extractor, error) {
	if s == nil || s.Vocab == nil || s.Document == nil || s.Headings == nil || s.Blocks == nil ||
		s.Indicators == nil || s.Facilities == nil || s.Numerals == nil {
		return nil, fmt.Errorf("extractor: incomplete rules")
	}
	c := config{passes: DefaultPasses(), tableKinds: DefaultTableKinds()}
	for _, o := range opts {
		o(&c)
	}
	passes, err := orderPasses(c.passes)
	if err != nil {
		return nil, err
	}
	kinds, err := orderTableKinds(c.tableKinds)
	if err != nil {
		return nil, err
	}
	finders, err := segment.NewBase(s.Facilities)
	if err != nil {
		return nil, fmt.Errorf("extractor: facility finder: %w", err)
	}
	return &Extractor{
		rules: s, vocab: s.Vocab, docRules: s.Document, headings: s.Headings, blocks: s.Blocks,
		codes: s.Indicators, fac: s.Facilities, passes: passes, tableKinds: kinds, finders: finders,
	}, nil
}

// run is the state of one extraction. Each field below plan is a product of
// one pass (see passes.go) and is read only by passes that need it.
type run struct {
	x    *Extractor
	doc  *docmodel.Document
	plan *plan.Plan
	// ProductTOC: blocks of a table of contents
	skip map[int]bool
	// ProductBoxes: project boxes, and the blocks that are their items
	boxes       []boxRange
	skipOutline map[int]bool
	// ProductOutline: the heading of each heading block
	headingAt map[int]plan.Heading
	// ProductFinder: institution names in text, with the plan's table names
	finder *segment.Finder
	// front caches the front paragraphs (see frontParagraphs), once the
	// outline is known
	front []int
}

// Extract builds the plan of doc by running every pass in order. Source is
// left for the caller to fill. The model's texts are placed in the rendering
// first (docmodel.Document.Locate), so that every span is exact to the
// character.
func (x *Extractor) Extract(doc *docmodel.Document) (*plan.Plan, error) {
	doc.Locate()
	r := &run{
		x:   x,
		doc: doc,
		plan: &plan.Plan{
			SchemaVersion: plan.SchemaVersion,
			Outline:       []plan.Heading{},
			Indicators:    []plan.Indicator{},
			Facilities:    []plan.Facility{},
			Totals:        []plan.Total{},
			Projects:      []plan.Project{},
			Tables:        []plan.Table{},
			Warnings:      []plan.Warning{},
		},
		headingAt:   map[int]plan.Heading{},
		skip:        map[int]bool{},
		skipOutline: map[int]bool{},
	}
	for _, p := range x.passes {
		if err := p.Run(r); err != nil {
			return nil, fmt.Errorf("extractor: %s: %w", p.Name(), err)
		}
	}
	return r.plan, nil
}

func (r *run) warn(code, msg string, sp *plan.Span) {
	r.plan.Warnings = append(r.plan.Warnings, plan.Warning{Code: code, Message: msg, Span: sp})
}

// newFinder makes the text-institution finder of one plan: the domain
// dictionary built once by New, with the plan's own table institution names
// added.
func (x *Extractor) newFinder(extra []string) (*segment.Finder, error) {
	return x.finders.ForPlan(extra)
}
