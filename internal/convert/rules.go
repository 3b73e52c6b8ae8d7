package convert

import (
	"sync"

	"github.com/guihua-project/guihua/rules"
)

// loadRules loads the embedded rule files as rules.Load does, each in its
// own goroutine: they are independent, and on two cores the ten
// milliseconds of loading them one after the other (most of it the
// indicator codes, the gazetteer and the document rules) become about
// six, a fifth of a one-plan `guihua extract`. With readersOnly, only the
// files the format readers use (see Reader). TestLoadRules checks that
// the set is rules.Load's, so that a rule file added there and not here
// fails a test.
func loadRules(readersOnly bool) (*rules.Set, error) {
	var s rules.Set
	loads := []func() error{ // the longest first
		func() (err error) { s.Document, err = rules.LoadDocumentRules(); return },
		func() (err error) { s.Facilities, err = rules.LoadFacilityRules(); return },
		func() (err error) { s.Blocks, err = rules.LoadBlockRules(); return },
		func() (err error) { s.Vocab, err = rules.LoadVocab(); return },
		func() (err error) { s.Headings, err = rules.LoadHeadingRules(); return },
		func() (err error) { s.Numerals, err = rules.LoadNumerals(); return },
	}
	if !readersOnly {
		loads = append([]func() error{
			func() (err error) { s.Indicators, err = rules.LoadIndicatorCodes(); return },
			func() (err error) { s.Gazetteer, err = rules.LoadGazetteer(); return },
		}, loads...)
	}
	errs := make([]error, len(loads))
	var wg sync.WaitGroup
	for i, load := range loads {
		wg.Go(func() { errs[i] = load() })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return &s, nil
}
