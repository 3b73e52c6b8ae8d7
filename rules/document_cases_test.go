package rules

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestDocumentCases runs the cases of testdata/document_cases.tsv: one line
// per call of a DocumentRules method (and BlockRules.IsChrome), its input
// and the expected result.
func TestDocumentCases(t *testing.T) {
	set := loadSet(t)
	d := set.Document
	f, err := os.Open("testdata/document_cases.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	orNone := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	years := func(a, b int, ok bool) string {
		if !ok {
			return "-"
		}
		return fmt.Sprintf("%d-%d", a, b)
	}
	year := func(y int, ok bool) string {
		if !ok {
			return "-"
		}
		return strconv.Itoa(y)
	}
	calls := map[string]func(string) string{
		"MetaPairs": func(s string) string {
			var out []string
			for _, p := range d.MetaPairs(s) {
				out = append(out, p.Label+"="+p.Field+"="+p.Value)
			}
			return orNone(strings.Join(out, " ; "))
		},
		"Notice": func(s string) string {
			n, ok := d.Notice(s)
			if !ok {
				return "-"
			}
			return n.Issuer + "|" + n.Title + "|" + n.Kind
		},
		"AdoptionDate": func(s string) string { return orNone(d.AdoptionDate(s)) },
		"DateLine":     func(s string) string { return orNone(d.DateLine(s)) },
		"Signature": func(s string) string {
			issuer, date, ok := d.Signature(s)
			if !ok {
				return "-"
			}
			return issuer + "|" + date
		},
		"FiveYearPlan":                 func(s string) string { return years(d.FiveYearPlan(s)) },
		"AnnualPlanYear":               func(s string) string { return year(d.AnnualPlanYear(s)) },
		"HorizonYear":                  func(s string) string { return year(d.HorizonYear(s)) },
		"OpensWithDate":                func(s string) string { return strconv.FormatBool(d.OpensWithDate(s)) },
		"IsAttachmentName":             func(s string) string { return strconv.FormatBool(d.IsAttachmentName(s)) },
		"HasCatalogueNote":             func(s string) string { return strconv.FormatBool(d.HasCatalogueNote(s)) },
		"EndsWithPlanWord":             func(s string) string { return strconv.FormatBool(d.EndsWithPlanWord(s)) },
		"IsMonthDateLine":              func(s string) string { return strconv.FormatBool(d.IsMonthDateLine(s)) },
		"CutMetaTail":                  d.CutMetaTail,
		"HasDraftWord":                 func(s string) string { return strconv.FormatBool(d.HasDraftWord(s)) },
		"HasDraftWordOutsideCitations": func(s string) string { return strconv.FormatBool(d.HasDraftWordOutsideCitations(s)) },
		"EndsWithOrgan":                func(s string) string { return strconv.FormatBool(d.EndsWithOrgan(s)) },
		"SplitIssuers":                 func(s string) string { return strings.Join(d.SplitIssuers(s), "|") },
		"IsChrome":                     func(s string) string { return strconv.FormatBool(set.Blocks.IsChrome(s)) },
	}
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) != 3 {
			t.Fatalf("document_cases.tsv:%d: want method, input and result, got %d columns", line, len(cols))
		}
		call, ok := calls[cols[0]]
		if !ok {
			t.Fatalf("document_cases.tsv:%d: unknown method %q", line, cols[0])
		}
		if got := call(cols[1]); got != cols[2] {
			t.Errorf("document_cases.tsv:%d: %s(%q) = %q, want %q", line, cols[0], cols[1], got, cols[2])
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no cases")
	}
}
