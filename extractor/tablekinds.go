package extractor

import (
	"fmt"
	"sort"

	"github.com/guihua-project/guihua/internal/docmodel"
)

// tableView is a table block as the table kinds see it: its rows, header
// row count, column jobs and caption.
type tableView struct {
	block   int // index of the (last) table block
	line    int // first and last line of the table, continuations included
	endLine int
	t       *docmodel.TableData
	hdr     int
	cols    columns
	caption string
}

// A TableKind recognises one kind of table and extracts its rows.
type TableKind interface {
	// Name is the kind written to the table's grid (plan.Table.Kind); it
	// must be one of the schema's table kinds.
	Name() string
	// Priority orders the kinds: the first whose Match accepts a table
	// takes it. A table no kind accepts is "other".
	Priority() int
	// Match reports whether the table is of this kind. It must not change r.
	Match(r *run, v *tableView) bool
	// Extract adds the table's entities to r.plan.
	Extract(r *run, v *tableView)
}

// DefaultTableKinds returns guihua's table kinds, in one list. A new kind is
// a type implementing TableKind plus one line here.
func DefaultTableKinds() []TableKind {
	return []TableKind{
		facilityTable{}, // institution lists with bed counts; before indicators (both have a name column)
		indicatorTable{},
	}
}

// orderTableKinds sorts ks by priority and checks that names are unique.
func orderTableKinds(ks []TableKind) ([]TableKind, error) {
	out := append([]TableKind(nil), ks...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Priority() < out[j].Priority() })
	seen := map[string]bool{}
	for _, k := range out {
		if k.Name() == "" || k.Name() == tableKindOther || seen[k.Name()] {
			return nil, fmt.Errorf("extractor: table kind %q is empty, reserved or registered twice", k.Name())
		}
		seen[k.Name()] = true
	}
	return out, nil
}

// tableKindOther is the kind of a table no registered kind accepts.
const tableKindOther = "other"

// facilityTable is a table of institutions with bed counts.
type facilityTable struct{}

func (facilityTable) Name() string                    { return "facility" }
func (facilityTable) Priority() int                   { return 100 }
func (facilityTable) Match(r *run, v *tableView) bool { return r.isFacilityTable(v) }
func (facilityTable) Extract(r *run, v *tableView)    { r.facilityRows(v) }

// indicatorTable is a table of indicators with values by year or role.
type indicatorTable struct{}

func (indicatorTable) Name() string                    { return "indicator" }
func (indicatorTable) Priority() int                   { return 200 }
func (indicatorTable) Match(r *run, v *tableView) bool { return r.isIndicatorTable(v) }
func (indicatorTable) Extract(r *run, v *tableView)    { r.indicatorRows(v) }
