// Package readertest holds test helpers shared by the format readers: a
// plain-text dump of a document's blocks for golden files, the check that
// every text a reader hands to the model is normalised, and the comparison
// of two documents' blocks.
package readertest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/rules"
)

// Update rewrites golden files instead of comparing with them (go test
// -update). Read the diff of the rewritten files before committing them.
var Update = flag.Bool("update", false, "rewrite golden files")

// Rules loads the rule set or fails the test.
func Rules(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// Dump writes a document's blocks one per line — kind, lines, blank lines
// before/after, level, text — with a box's paragraphs and a table's rows
// indented below it, and the metadata sorted by key at the end.
func Dump(d *docmodel.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		fmt.Fprintf(&b, "%s %d-%d blank %d/%d", bl.Kind, bl.Line, bl.EndLine, bl.BlankBefore, bl.BlankAfter)
		if bl.Level > 0 {
			fmt.Fprintf(&b, " level %d", bl.Level)
		}
		if bl.Text != "" {
			fmt.Fprintf(&b, " %q", bl.Text)
		}
		b.WriteByte('\n')
		for _, p := range bl.Paras {
			fmt.Fprintf(&b, "  para %d-%d %q\n", p.Line, p.EndLine, p.Text)
		}
		if t := bl.Table; t != nil {
			if t.HeaderRows > 0 || t.Flattened {
				fmt.Fprintf(&b, "  header rows %d, flattened %v\n", t.HeaderRows, t.Flattened)
			}
			for _, row := range t.Rows {
				b.WriteString("  row")
				for _, c := range row {
					b.WriteByte(' ')
					b.WriteString(cell(c))
				}
				b.WriteByte('\n')
			}
		}
	}
	keys := make([]string, 0, len(d.Meta))
	for k := range d.Meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "meta %s %q\n", k, d.Meta[k])
	}
	return b.String()
}

// cell writes a cell as its quoted text and lines, ^ for a covered
// position, with merge extent and a ! when marked broken.
func cell(c docmodel.Cell) string {
	if c.Covered {
		return "^"
	}
	s := fmt.Sprintf("%q@%d", c.Text, c.Line)
	if c.EndLine != c.Line {
		s += fmt.Sprintf("-%d", c.EndLine)
	}
	if c.ColSpan > 1 || c.RowSpan > 1 {
		s += fmt.Sprintf("[%dx%d]", max(c.RowSpan, 1), max(c.ColSpan, 1))
	}
	if c.Broken {
		s += "!"
	}
	return s
}

// Golden compares got with the golden file path, or rewrites it with
// -update.
func Golden(t *testing.T, path, got string) {
	t.Helper()
	if *Update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the reader's output:\n--- want\n%s\n--- got\n%s", filepath.Base(path), want, got)
	}
}

// CheckNormalized fails the test for every block, paragraph, cell or
// metadata text that docmodel.Normalize would change: readers hand the model
// normalised text only.
func CheckNormalized(t *testing.T, d *docmodel.Document) {
	t.Helper()
	check := func(what, s string) {
		if n := docmodel.Normalize(s); n != s {
			t.Errorf("%s not normalised: %q (normalised %q)", what, s, n)
		}
	}
	for i, b := range d.Blocks {
		check(fmt.Sprintf("block %d text", i), b.Text)
		for _, p := range b.Paras {
			check(fmt.Sprintf("block %d paragraph", i), p.Text)
		}
		if b.Table != nil {
			for _, row := range b.Table.Rows {
				for _, c := range row {
					check(fmt.Sprintf("block %d cell", i), c.Text)
				}
			}
		}
	}
	for k, v := range d.Meta {
		check("meta "+k, v)
	}
}

// Texts returns the blocks as kinds and texts only (paragraphs and cells
// included), for comparing documents whose renderings differ.
func Texts(d *docmodel.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		fmt.Fprintf(&b, "%s %q\n", bl.Kind, bl.Text)
		for _, p := range bl.Paras {
			fmt.Fprintf(&b, "  para %q\n", p.Text)
		}
		if bl.Table != nil {
			for _, row := range bl.Table.Rows {
				b.WriteString("  row")
				for _, c := range row {
					fmt.Fprintf(&b, " %q", c.Text)
				}
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// Invisible is the run of invisible and white-space characters a copied
// document carries inside its text (U+200B, U+00A0, U+3000, U+FEFF); tests
// insert it inside cells and headings and expect the same blocks.
const Invisible = "\u200b\u00a0\u3000\ufeff"

// Insert puts Invisible inside s, next to its first character that is not a
// Latin letter or digit (where docmodel.Normalize drops white space as
// layout): after it when text follows, else before it. Leading TABs and
// spaces are kept in front; s is returned unchanged when it holds only
// Latin letters and digits.
func Insert(s string) string {
	start := strings.IndexFunc(s, func(r rune) bool { return r != '\t' && r != ' ' })
	if start < 0 {
		return s
	}
	for i, r := range s[start:] {
		if r < 0x250 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		at := start + i
		if end := at + utf8.RuneLen(r); strings.TrimSpace(s[end:]) != "" {
			at = end
		} else if at == start {
			return s // a single character: nothing inside
		}
		return s[:at] + Invisible + s[at:]
	}
	return s
}
