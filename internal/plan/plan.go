// Package plan defines the structured result of extracting one plan document:
// the Go form of the guihua output contract (schema/guihua.schema.json).
//
// Every slice is in document order and is never nil once a Plan is finished,
// so that the JSON output always carries `[]` rather than `null` for a list.
package plan

// SchemaVersion is the version of the output contract these types encode.
const SchemaVersion = "1.0"

// Plan is the extraction result for one input document.
type Plan struct {
	SchemaVersion string      `json:"schema_version"`
	Source        Source      `json:"source"`
	Document      Document    `json:"document"`
	Outline       []Heading   `json:"outline"`
	Indicators    []Indicator `json:"indicators"`
	Facilities    []Facility  `json:"facilities"`
	Totals        []Total     `json:"totals"`
	Projects      []Project   `json:"projects"`
	Tables        []Table     `json:"tables"`
	Warnings      []Warning   `json:"warnings"`
}

// Source describes the input file.
type Source struct {
	Path     string `json:"path"`
	Format   string `json:"format"`   // "text", "docx", "html" or "pdf"
	Encoding string `json:"encoding"` // detected encoding, e.g. "utf-8", "gb18030"
	SHA256   string `json:"sha256"`
}

// Document is the plan's metadata.
type Document struct {
	Title       *string `json:"title"`
	Region      *string `json:"region"`
	RegionLevel *string `json:"region_level"`
	// RegionCode is the region's six-digit GB/T 2260 code; Province and
	// Prefecture name the divisions it belongs to (Prefecture is null for a
	// province- or prefecture-level plan and for a county-level unit directly
	// under a province).
	RegionCode *string `json:"region_code"`
	Province   *string `json:"province"`
	Prefecture *string `json:"prefecture"`
	Period     *Period `json:"period"`
	Issuer     *string `json:"issuer"`
	Date       *string `json:"date"` // YYYY-MM-DD
	Draft      bool    `json:"draft"`
	// Spans locates the fields read from the document's text.
	Spans DocumentSpans `json:"spans"`
}

// DocumentSpans locates the metadata printed in the document: each is nil
// when the field is null or was not read from the text (a page's <title>, a
// .docx property).
type DocumentSpans struct {
	Title  *Span `json:"title"`
	Issuer *Span `json:"issuer"`
	Date   *Span `json:"date"`
}

// Period is the span of years a plan covers.
type Period struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Span locates an item in the document's plain-text rendering, to the
// character: it runs from column Col of line Line to column EndCol of line
// EndLine, both inclusive, columns counted in runes from 1, and Quote is
// exactly the rendering's text between them (lines joined with "\n").
type Span struct {
	Line    int    `json:"line"`     // 1-based first line
	EndLine int    `json:"end_line"` // 1-based last line, inclusive
	Col     int    `json:"col"`      // 1-based rune column of the first character in Line
	EndCol  int    `json:"end_col"`  // 1-based rune column of the last character in EndLine, inclusive
	Quote   string `json:"quote"`    // the text the item was read from
	// Page is the 1-based page of the first line in a paged format (PDF);
	// null for the others.
	Page *int `json:"page"`
}

// SetPages fills the page of every span of p from page(line), which
// returns 0 for a line without a page (the span's page stays null).
func SetPages(p *Plan, page func(line int) int) {
	p.EachSpan(func(s *Span) {
		if n := page(s.Line); n > 0 {
			s.Page = &n
		} else {
			s.Page = nil
		}
	})
}

// Mention is one place the text names a facility: its span is the name as
// printed, and Context the clause (or, when that is short, the sentence)
// around it, as printed, at most MaxContextRunes characters.
type Mention struct {
	Span
	Context string `json:"context"`
}

// MaxContextRunes bounds a mention's context.
const MaxContextRunes = 200

// Heading is one entry of the outline.
type Heading struct {
	Level  int    `json:"level"`
	Number string `json:"number"` // the numbering as printed, without punctuation: "一", "1", "第一章"
	Title  string `json:"title"`
	Span   Span   `json:"span"`
}

// Value is one cell of an indicator row or a facility's bed figure.
type Value struct {
	Column    string    `json:"column"`
	Year      *int      `json:"year"`
	Role      *string   `json:"role"` // "baseline", "target", "actual"
	Raw       string    `json:"raw"`
	Kind      string    `json:"kind"` // "number", "ratio", "change", "text", "empty"
	Value     *float64  `json:"value"`
	Cmp       *string   `json:"cmp"`       // "=", "<", "<=", ">", ">=", "~"
	Ratio     []float64 `json:"ratio"`     // [1, 1.15] for 1：1.15, else null
	Direction *string   `json:"direction"` // for kind "change": "increase" or "decrease"
	Unit      *string   `json:"unit"`      // unit printed inside the value (%, ‰, 个百分点, 岁), if any
	// Span is the value's own cell; nil for a cell with nothing printed.
	Span *Span `json:"span"`
}

// Indicator is one row of an indicator table.
type Indicator struct {
	Table    *string `json:"table"`
	Category *string `json:"category"`
	Seq      *string `json:"seq"`
	Name     string  `json:"name"`
	NameRaw  string  `json:"name_raw"`
	Parent   *string `json:"parent"`
	Unit     *string `json:"unit"`
	Code     *string `json:"code"`
	Nature   *string `json:"nature"` // "anticipatory" or "binding"
	Values   []Value `json:"values"`
	Span     Span    `json:"span"`
}

// Facility is a named institution from a table row or the running text.
type Facility struct {
	Name      string    `json:"name"`
	Type      string    `json:"type"`
	Ownership *string   `json:"ownership"` // "public" or "private"
	Category  *string   `json:"category"`
	Table     *string   `json:"table"`
	Beds      []Value   `json:"beds"`
	Actions   []string  `json:"actions"`
	Mentions  []Mention `json:"mentions"`
	Span      Span      `json:"span"`
}

// Total is a total or subtotal row of a facility table (合计, 小计, 全县总数):
// its figures sum the listed institutions and belong to none of them.
type Total struct {
	Name     string  `json:"name"`
	Category *string `json:"category"`
	Table    *string `json:"table"`
	Values   []Value `json:"values"`
	Span     Span    `json:"span"`
}

// Project is a 专栏 box or an unlabelled boxed project list.
type Project struct {
	Label   *string `json:"label"`
	Title   string  `json:"title"`
	Section *string `json:"section"`
	Items   []Item  `json:"items"`
	Span    Span    `json:"span"`
}

// Item is one numbered item or paragraph of a project box, or one data row
// of a table inside the box.
type Item struct {
	Text       string   `json:"text"`
	Subject    *string  `json:"subject"`
	Facilities []string `json:"facilities"`
	Span       Span     `json:"span"`
	// Section is the sub-heading inside the box the item stands under
	// (（一）疾病预防控制能力提升), as printed; nil when none.
	Section *string `json:"section"`
	// Cells are the cells of a table row item, in order (its Text is them
	// joined with one space); nil for an item printed as a paragraph.
	Cells []string `json:"cells"`
}

// Table is any table of the document as a grid of cell texts.
type Table struct {
	Caption    *string    `json:"caption"`
	Kind       string     `json:"kind"` // "indicator", "facility", "project", "other"
	HeaderRows int        `json:"header_rows"`
	Rows       [][]string `json:"rows"`
	// Note is the 注：/说明： paragraph printed right under the table, if any.
	Note *string `json:"note"`
	Span Span    `json:"span"`
}

// Warning reports something the extractor could not read cleanly.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Span    *Span  `json:"span"`
}

// Str returns a pointer to s, or nil when s is empty.
func Str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// EachSpan calls f with every span of p: the document's, the outline's,
// each indicator's and value's, each facility's, bed figure's and
// mention's, each total's, each project's and item's, each table's and
// each warning's.
func (p *Plan) EachSpan(f func(*Span)) {
	opt := func(s *Span) {
		if s != nil {
			f(s)
		}
	}
	values := func(vs []Value) {
		for i := range vs {
			opt(vs[i].Span)
		}
	}
	opt(p.Document.Spans.Title)
	opt(p.Document.Spans.Issuer)
	opt(p.Document.Spans.Date)
	for i := range p.Outline {
		f(&p.Outline[i].Span)
	}
	for i := range p.Indicators {
		f(&p.Indicators[i].Span)
		values(p.Indicators[i].Values)
	}
	for i := range p.Facilities {
		fa := &p.Facilities[i]
		f(&fa.Span)
		values(fa.Beds)
		for j := range fa.Mentions {
			f(&fa.Mentions[j].Span)
		}
	}
	for i := range p.Totals {
		f(&p.Totals[i].Span)
		values(p.Totals[i].Values)
	}
	for i := range p.Projects {
		pr := &p.Projects[i]
		f(&pr.Span)
		for j := range pr.Items {
			f(&pr.Items[j].Span)
		}
	}
	for i := range p.Tables {
		f(&p.Tables[i].Span)
	}
	for i := range p.Warnings {
		opt(p.Warnings[i].Span)
	}
}
