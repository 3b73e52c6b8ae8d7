package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
)

// TestCorpusLocate checks the document model's text maps on every corpus
// plan in every format: every paragraph, heading, box line and cell text is
// placed in the rendering, and each of its runes is placed on the same rune
// (a space on white space or a line break), in order.
func TestCorpusLocate(t *testing.T) {
	c := newConverter(t)
	for _, path := range corpusPlans(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data := readFile(t, path)
			doc, err := c.Document(path, data)
			if err != nil {
				t.Fatal(err)
			}
			doc.Locate()
			texts, placed := 0, 0
			check := func(what, text string, m docmodel.Map) {
				if text == "" {
					return
				}
				texts++
				if !m.Valid() {
					t.Errorf("%s %q not placed", what, cut(text))
					return
				}
				placed++
				var prev docmodel.Pos
				for i, r := range text {
					p := m.At(i)
					line := doc.Lines[p.Line-1]
					if prev.IsValid() && !prev.Before(p) {
						t.Errorf("%s %q: rune %d placed at %+v, not after %+v", what, cut(text), i, p, prev)
						return
					}
					prev = p
					if p.Off == len(line) {
						if r != ' ' {
							t.Errorf("%s %q: rune %q placed at a line end", what, cut(text), r)
						}
						continue
					}
					got, _ := utf8.DecodeRuneInString(line[p.Off:])
					if got != r && !(r == ' ' && (got == '\t' || got == '\r')) {
						t.Errorf("%s %q: rune %q placed on %q (%+v)", what, cut(text), r, got, p)
						return
					}
					if want := utf8.RuneCountInString(line[:p.Off]) + 1; want != p.Col {
						t.Errorf("%s %q: column %d, want %d", what, cut(text), p.Col, want)
						return
					}
				}
			}
			for _, b := range doc.Blocks {
				check(b.Kind.String(), b.Text, b.At)
				for _, p := range b.Paras {
					check("box paragraph", p.Text, p.At)
				}
				if b.Table != nil {
					end := map[int]docmodel.Pos{} // last rune of the last cell on a line
					for _, row := range b.Table.Rows {
						for _, cell := range row {
							check("cell", cell.Text, cell.At)
							// cells printed on one line are placed left to right
							if from, to, ok := cell.At.Whole(); ok {
								if e, seen := end[from.Line]; seen && !e.Before(from) {
									t.Errorf("cell %q placed at %+v, over the cell before it (ending %+v)", cut(cell.Text), from, e)
								}
								end[to.Line] = to
							}
						}
					}
				}
			}
			t.Logf("%d texts, %d placed", texts, placed)
		})
	}
}

func cut(s string) string {
	if utf8.RuneCountInString(s) > 30 {
		return string([]rune(s)[:30]) + "…"
	}
	return strings.ReplaceAll(s, "\n", "⏎")
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
