package convert

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/plan"
)

// invisibles are the characters a copied or exported plan carries inside
// words: zero-width space, no-break space, ideographic space, byte-order
// mark. The document model normalises them away, so they must not change
// what is extracted.
var invisibles = []string{"\u200b", "\u00a0", "\u3000", "\ufeff"}

// sprinkler inserts one invisible after the first character of each text
// it is given, cycling through invisibles.
type sprinkler struct{ n int }

func (s *sprinkler) insert(text string) string {
	if text == "" {
		return text
	}
	r, size := utf8.DecodeRuneInString(text)
	if r == '&' || r == '<' || r == utf8.RuneError {
		return text // an entity or markup: leave it alone
	}
	inv := invisibles[s.n%len(invisibles)]
	s.n++
	return text[:size] + inv + text[size:]
}

// sprinkleText inserts an invisible into every non-blank line of a text
// export, after its leading TABs: table cells, headings and paragraphs.
func sprinkleText(data []byte) []byte {
	var s sprinkler
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lead := len(l) - len(strings.TrimLeft(l, "\t"))
		if strings.TrimSpace(l[lead:]) == "" {
			continue
		}
		lines[i] = l[:lead] + s.insert(l[lead:])
	}
	return []byte(strings.Join(lines, "\n"))
}

// textNode matches the text between two tags of an HTML or XML document.
var textNode = regexp.MustCompile(`>([^<]+)<`)

// sprinkleMarkup inserts an invisible into every text node of an HTML page
// or a WordprocessingML part outside script and style.
func sprinkleMarkup(data []byte) []byte {
	var s sprinkler
	return textNode.ReplaceAllFunc(data, func(m []byte) []byte {
		text := string(m[1 : len(m)-1])
		if strings.TrimSpace(text) == "" || strings.Contains(text, "{") {
			return m
		}
		return []byte(">" + s.insert(text) + "<")
	})
}

// sprinkleDocx rewrites word/document.xml of a .docx with sprinkleMarkup.
func sprinkleDocx(t *testing.T, data []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "word/document.xml" {
			b = textNodeOnly(b)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wText matches the text of a WordprocessingML run.
var wText = regexp.MustCompile(`(<w:t(?: [^>]*)?>)([^<]+)(</w:t>)`)

func textNodeOnly(xml []byte) []byte {
	var s sprinkler
	return wText.ReplaceAllFunc(xml, func(m []byte) []byte {
		sm := wText.FindSubmatch(m)
		return append(append(append([]byte{}, sm[1]...), s.insert(string(sm[2]))...), sm[3]...)
	})
}

// comparable is what must not change: every indicator with its spans'
// lines only (the rendering holds the inserted characters, so columns and
// quotes change), and the names and
// texts of facilities and projects.
type comparable struct {
	Indicators []plan.Indicator
	Facilities []string
	Projects   []string
}

func comparableOf(t *testing.T, out []byte) comparable {
	t.Helper()
	var p plan.Plan
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatal(err)
	}
	var c comparable
	lines := func(s plan.Span) plan.Span { return plan.Span{Line: s.Line, EndLine: s.EndLine} }
	for _, in := range p.Indicators {
		in.Span = lines(in.Span) // the inserted characters move columns and show in quotes
		for k, v := range in.Values {
			if v.Span != nil {
				sp := lines(*v.Span)
				in.Values[k].Span = &sp
			}
		}
		c.Indicators = append(c.Indicators, in)
	}
	for _, f := range p.Facilities {
		c.Facilities = append(c.Facilities, f.Name)
	}
	for _, pr := range p.Projects {
		items := []string{}
		for _, it := range pr.Items {
			items = append(items, it.Text)
		}
		c.Projects = append(c.Projects, pr.Title+"|"+strings.Join(items, "|"))
	}
	return c
}

// TestInvisibleCharacters inserts U+200B, U+00A0, U+3000 and U+FEFF inside
// the table cells, headings and paragraphs of every corpus plan, in every
// format, and checks that the same indicators (names, codes, values),
// facilities and projects come out as from the clean file.
func TestInvisibleCharacters(t *testing.T) {
	c := newConverter(t)
	for _, path := range corpusPlans(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var dirty []byte
			switch filepath.Ext(path) {
			case ".txt":
				dirty = sprinkleText(data)
			case ".html":
				dirty = sprinkleMarkup(data)
			case ".docx":
				dirty = sprinkleDocx(t, data)
			default:
				t.Skip("no sprinkler for this format")
			}
			if bytes.Equal(dirty, data) {
				t.Fatal("nothing was inserted")
			}
			clean, err := c.JSON(name, data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.JSON(name, dirty)
			if err != nil {
				t.Fatal(err)
			}
			want, have := comparableOf(t, clean), comparableOf(t, got)
			if len(want.Indicators) == 0 {
				t.Fatal("the clean plan has no indicators")
			}
			wj, _ := json.MarshalIndent(want, "", " ")
			hj, _ := json.MarshalIndent(have, "", " ")
			if !bytes.Equal(wj, hj) {
				t.Errorf("invisible characters changed the extraction:\n%s", firstLineDiff(string(wj), string(hj)))
			}
		})
	}
}

// firstLineDiff shows the first differing line of two texts with context.
func firstLineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "clean: " + al[i] + "\ndirty: " + bl[i]
		}
	}
	return "lengths differ"
}
