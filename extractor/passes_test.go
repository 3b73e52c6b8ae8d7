package extractor

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/reader/txt"
	"github.com/guihua-project/guihua/rules"
)

// reprioritised is a pass with another priority.
type reprioritised struct {
	Pass
	priority int
}

func (p reprioritised) Priority() int { return p.priority }

// TestPassOrder moves every pass to every position of the list and checks
// that the extractor either refuses the order at New or extracts exactly
// what the default order extracts: moving a pass never drops entities
// silently.
func TestPassOrder(t *testing.T) {
	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	doc := passTestDoc(t, rs)
	want := extractJSON(t, rs, doc, DefaultPasses())
	defaults := DefaultPasses()
	refused, same := 0, 0
	for i := range defaults {
		for j := range defaults {
			if i == j {
				continue
			}
			// move pass i just before (or after) pass j by priority
			ps := DefaultPasses()
			prio := defaults[j].Priority() - 1
			if j > i {
				prio = defaults[j].Priority() + 1
			}
			ps[i] = reprioritised{ps[i], prio}
			x, err := New(rs, WithPasses(ps...))
			if err != nil {
				if !strings.Contains(err.Error(), "needs") {
					t.Errorf("move %s next to %s: unexpected error %v", defaults[i].Name(), defaults[j].Name(), err)
				}
				refused++
				continue
			}
			got := extractWith(t, x, doc)
			if !bytes.Equal(got, want) {
				t.Errorf("moving pass %s next to %s was accepted but changed the output", defaults[i].Name(), defaults[j].Name())
			}
			same++
		}
	}
	if refused == 0 {
		t.Error("no order was refused: the needs are not checked")
	}
	t.Logf("%d orders refused at New, %d accepted with the same output", refused, same)
}

func TestPassListErrors(t *testing.T) {
	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	ps := DefaultPasses()
	tests := []struct {
		name   string
		passes []Pass
		want   string
	}{
		{"a needed product no pass makes", ps[1:], `pass "boxes" (priority 200) needs toc`},
		{"a product made twice", append(DefaultPasses(), pass{"toc2", 150, nil, []Product{ProductTOC}, nil}), `both make toc`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(rs, WithPasses(tc.passes...))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New: %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestTableKindErrors(t *testing.T) {
	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(rs, WithTableKinds(indicatorTable{}, indicatorTable{})); err == nil {
		t.Fatal("a table kind registered twice was accepted")
	}
}

// TestTableKindRegistry: without the facility kind, the bed table of a plan
// is no facility table (the registry is what decides), and with the kinds
// in either order the indicator tables stay indicator tables.
func TestTableKindRegistry(t *testing.T) {
	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	doc := passTestDoc(t, rs)
	kinds := func(opts ...Option) map[string]int {
		x, err := New(rs, opts...)
		if err != nil {
			t.Fatal(err)
		}
		p, err := x.Extract(doc)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, tb := range p.Tables {
			out[tb.Kind]++
		}
		return out
	}
	all := kinds()
	if all["facility"] == 0 || all["indicator"] == 0 {
		t.Fatalf("test plan should have facility and indicator tables: %v", all)
	}
	noFac := kinds(WithTableKinds(indicatorTable{}))
	if noFac["facility"] != 0 || noFac["indicator"] < all["indicator"] {
		t.Errorf("without the facility kind: %v (all kinds: %v)", noFac, all)
	}
}

func passTestDoc(t *testing.T, rs *rules.Set) *docmodel.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "corpus", "plans", "000_c8d25e9e6bd51b4c.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return txt.New(rs).Read(string(data), "utf-8")
}

func extractJSON(t *testing.T, rs *rules.Set, doc *docmodel.Document, ps []Pass) []byte {
	t.Helper()
	x, err := New(rs, WithPasses(ps...))
	if err != nil {
		t.Fatal(err)
	}
	return extractWith(t, x, doc)
}

func extractWith(t *testing.T, x *Extractor, doc *docmodel.Document) []byte {
	t.Helper()
	p, err := x.Extract(doc)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
