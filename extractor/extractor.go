// Package extractor turns a document model into a plan: metadata, outline,
// indicator tables, facilities, project boxes and raw table grids. It reads
// only the model (internal/docmodel) and the declarative rules (rules/), so
// every input format is extracted by the same code.
package extractor

import (
	"fmt"
	"regexp"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/rules"
	"github.com/guihua-project/guihua/segment"
)

// Extractor holds the loaded rules. It is immutable after New and safe for
// concurrent use.
type Extractor struct {
	vocab    *rules.Vocab
	docRules *rules.DocumentRules
	headings *rules.HeadingRules
	codes    *rules.IndicatorCodes
	fac      *rules.FacilityRules
	finders  *segment.Base // the institution finder's domain dictionary, built once
	// page-metadata labels, compiled from docRules
	metaLabelRe *regexp.Regexp
	metaLabelOf map[string]string
}

// Rules bundles the rule sets an Extractor needs.
type Rules struct {
	Vocab      *rules.Vocab
	Document   *rules.DocumentRules
	Headings   *rules.HeadingRules
	Indicators *rules.IndicatorCodes
	Facilities *rules.FacilityRules
}

// LoadRules loads every embedded rule set.
func LoadRules() (Rules, error) {
	var r Rules
	var err error
	if r.Vocab, err = rules.LoadVocab(); err != nil {
		return r, err
	}
	if r.Document, err = rules.LoadDocumentRules(); err != nil {
		return r, err
	}
	if r.Headings, err = rules.LoadHeadingRules(); err != nil {
		return r, err
	}
	if r.Indicators, err = rules.LoadIndicatorCodes(); err != nil {
		return r, err
	}
	if r.Facilities, err = rules.LoadFacilityRules(); err != nil {
		return r, err
	}
	return r, nil
}

// New returns an Extractor using r.
func New(r Rules) (*Extractor, error) {
	if r.Vocab == nil || r.Document == nil || r.Headings == nil || r.Indicators == nil || r.Facilities == nil {
		return nil, fmt.Errorf("extractor: incomplete rules")
	}
	x := &Extractor{vocab: r.Vocab, docRules: r.Document, headings: r.Headings, codes: r.Indicators, fac: r.Facilities}
	x.metaLabelRe, x.metaLabelOf = metaLabels(r.Document)
	var err error
	if x.finders, err = segment.NewBase(r.Facilities); err != nil {
		return nil, fmt.Errorf("extractor: facility finder: %w", err)
	}
	return x, nil
}

// run is the state of one extraction.
type run struct {
	x    *Extractor
	doc  *docmodel.Document
	plan *plan.Plan
	// headings found, with the index of the block each came from
	headingAt   map[int]plan.Heading
	skip        map[int]bool    // blocks of a table of contents
	skipOutline map[int]bool    // project items: numbered, but not headings
	boxes       []boxRange      // project boxes, found before the outline
	finder      *segment.Finder // set by textFacilities
}

// Extract builds the plan of doc. Source is left for the caller to fill.
func (x *Extractor) Extract(doc *docmodel.Document) (*plan.Plan, error) {
	r := &run{
		x:   x,
		doc: doc,
		plan: &plan.Plan{
			SchemaVersion: plan.SchemaVersion,
			Outline:       []plan.Heading{},
			Indicators:    []plan.Indicator{},
			Facilities:    []plan.Facility{},
			Projects:      []plan.Project{},
			Tables:        []plan.Table{},
			Warnings:      []plan.Warning{},
		},
		headingAt:   map[int]plan.Heading{},
		skip:        map[int]bool{},
		skipOutline: map[int]bool{},
	}
	r.findTOC()
	r.findProjects()
	r.outline()
	r.metadata()
	r.tables()
	if err := r.textFacilities(); err != nil {
		return nil, err
	}
	r.projects()
	return r.plan, nil
}

// span returns the span of lines from..to with their printed text.
func (r *run) span(from, to int) plan.Span {
	if to < from {
		to = from
	}
	return plan.Span{Line: from, EndLine: to, Quote: r.doc.Quote(from, to)}
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
