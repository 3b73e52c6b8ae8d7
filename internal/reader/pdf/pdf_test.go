package pdf

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/reader/internal/readertest"
)

const (
	plansDir = "../../../corpus/plans"
	extraDir = "../../../corpus/fixtures/extra"
)

func read(t testing.TB, path string) (*docmodel.Document, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return New(readertest.Rules(t)).Read(data)
}

// TestRefusals reads the error fixtures: each is refused with its reason,
// never a panic.
func TestRefusals(t *testing.T) {
	for _, tt := range []struct {
		file string
		want error
		says string
	}{
		{"scan_image_only.pdf", ErrNoText, "OCR"},
		{"damaged_truncated.pdf", ErrDamaged, "damaged"},
		{"encrypted_password.pdf", ErrEncrypted, "password"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			_, err := read(t, filepath.Join(extraDir, tt.file))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("got %v, want %v saying %q", err, tt.want, tt.says)
			}
		})
	}
	_, err := New(readertest.Rules(t)).Read([]byte("%PDF-1.7\n"))
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("a header alone: %v", err)
	}
}

// TestCorpusPDF checks plan 001 printed by LibreOffice: 16 pages, the
// indicator table rebuilt over its page breaks (header once, 24 rows of 6
// cells, the 健康水平 group spanning its rows), the eight 专栏 boxes, pages
// on every line, and every text normalised.
func TestCorpusPDF(t *testing.T) {
	d, err := read(t, filepath.Join(plansDir, "001_1d076eee4dc96132.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	readertest.CheckNormalized(t, d)
	if d.Format != "pdf" || len(d.Pages) != len(d.Lines) {
		t.Fatalf("format %q, %d pages for %d lines", d.Format, len(d.Pages), len(d.Lines))
	}
	if d.Pages[0] != 1 || d.Pages[len(d.Pages)-1] != 16 {
		t.Errorf("pages run %d..%d, want 1..16", d.Pages[0], d.Pages[len(d.Pages)-1])
	}
	var tables, boxes int
	for _, b := range d.Blocks {
		switch b.Kind {
		case docmodel.Table:
			tables++
			rows := b.Table.Rows
			if len(rows) != 25 || len(rows[0]) != 6 {
				t.Errorf("indicator table %d×%d, want 25×6", len(rows), len(rows[0]))
				continue
			}
			if rows[0][2].Text != "主要指标" || rows[1][0].Text != "健康水平" || rows[1][0].RowSpan != 6 || !rows[2][0].Covered {
				t.Errorf("indicator table head or group: %+v / %+v", rows[0], rows[1][0])
			}
			for _, r := range rows[1:] {
				if r[2].Text == "" || r[5].Text == "" {
					t.Errorf("row with an empty 指标 or 性质: %+v", r)
				}
			}
		case docmodel.Box:
			boxes++
			if !strings.HasPrefix(b.Text, "专栏") {
				t.Errorf("box title %q", b.Text)
			}
		}
	}
	if tables != 1 || boxes != 8 {
		t.Errorf("%d tables, %d boxes; want 1 and 8", tables, boxes)
	}
	if d.Meta == nil {
		t.Error("no meta")
	}
}

// TestPageFurniture reads the corpus plans printed by Writer with Word-like
// page furniture (make_fixtures.py --pdf-variants): a header (the title over
// a rule) and 第 N 页 共 M 页 on every page of 000, — N — on the right of
// odd and the left of even pages of 002. None of it is text: the title is
// read once (the plan's own), no line holds a page number, and the header's
// rule makes no table.
func TestPageFurniture(t *testing.T) {
	pageNo := regexp.MustCompile(`第\s*\d+\s*页|共\s*\d+\s*页|^[—–-]\s*\d+\s*[—–-]$`)
	for _, tt := range []struct {
		file, title string
		pages       int
	}{
		{"000_c8d25e9e6bd51b4c.header-footer.pdf", "高阳县“十四五”医疗卫生服务体系规划", 28},
		{"002_73fe565c888d90cc.gongwen.pdf", "", 39},
	} {
		t.Run(tt.file, func(t *testing.T) {
			d, err := read(t, filepath.Join(plansDir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if last := d.Pages[len(d.Pages)-1]; last != tt.pages {
				t.Errorf("last page %d, want %d", last, tt.pages)
			}
			titles := 0
			for i, l := range d.Lines {
				if pageNo.MatchString(strings.TrimSpace(l)) {
					t.Errorf("line %d (page %d) is a page number: %q", i+1, d.Pages[i], l)
				}
				if tt.title != "" && strings.Contains(l, tt.title) {
					titles++
				}
			}
			if tt.title != "" && titles != 1 {
				t.Errorf("the header's title is read %d times, want once (the plan's)", titles)
			}
			tables := 0
			for _, b := range d.Blocks {
				if b.Kind == docmodel.Table {
					tables++
				}
			}
			if tables != 2 {
				t.Errorf("%d tables, want the plan's 2", tables)
			}
		})
	}
}

// TestChromium reads plan 004 printed by Chromium (Skia: Type3 fonts for
// bold and some glyphs, borders as filled rectangles, the 1000 px page
// scaled by 0.5 to fit A4, so PDFium's font size 16 is 8 pt as printed):
// sizes are as printed, punctuation stays on its line, the metadata rows
// are not run together and the three tables are read with their rows.
func TestChromium(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(plansDir, "004_742c97a7a7a955b2.chromium.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	pages, _, _, err := readDocument(data, time.Now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[float64]int{}
	for _, g := range pages[1].glyphs {
		sizes[g.size]++
	}
	if sizes[8] < 500 {
		t.Errorf("page 2 font sizes %v: want most glyphs at 8 pt", sizes)
	}
	d, err := New(readertest.Rules(t)).Read(data)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range d.Lines {
		if l != "" && strings.Trim(l, "，。、；：,.;:“”\t ") == "" {
			t.Errorf("line %d is punctuation alone: %q", i+1, l)
		}
	}
	text := strings.Join(d.Lines, "\n")
	for _, want := range []string{"索引号:\t112202813400415897/2023-05471", "发文机关:\t蛟河市卫生健康局", "一、规划背景"} {
		if !strings.Contains(text, want) {
			t.Errorf("rendering lacks %q", want)
		}
	}
	var rows []int
	for _, b := range d.Blocks {
		if b.Kind == docmodel.Table {
			rows = append(rows, len(b.Table.Rows))
		}
	}
	if len(rows) != 4 || rows[1] != 22 {
		t.Errorf("tables of %v rows, want 4 (the metadata and 3 of the plan), the indicators' 22", rows)
	}
}

// TestInstances reads the corpus PDFs with their pages shared between two
// instances, with one instance (the other one held), and from three
// goroutines at once: the documents are the same.
func TestInstances(t *testing.T) {
	rd := New(readertest.Rules(t))
	paths, _ := filepath.Glob(filepath.Join(plansDir, "*.pdf"))
	if len(paths) == 0 {
		t.Fatal("no corpus PDFs")
	}
	var datas [][]byte
	var want []*docmodel.Document
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d, err := rd.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		datas, want = append(datas, data), append(want, d)
	}
	// One instance: hold the other one while reading.
	held := make(chan struct{})
	release := make(chan struct{})
	go func() {
		_, _ = withModule(time.Now().Add(time.Minute), true, func(*module) error {
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	for i, data := range datas {
		d, err := rd.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(d, want[i]) {
			t.Errorf("%s read by one instance differs", filepath.Base(paths[i]))
		}
	}
	close(release)
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Go(func() {
			for k := range datas {
				i := (k + g) % len(datas)
				d, err := rd.Read(datas[i])
				if err != nil {
					t.Error(err)
					return
				}
				if !reflect.DeepEqual(d, want[i]) {
					t.Errorf("%s read concurrently differs", filepath.Base(paths[i]))
				}
			}
		})
	}
	wg.Wait()
}

// TestTrap: a call that traps in the module (a wild pointer) becomes
// ErrDamaged, the instance is dropped, and the next document is read by a
// fresh one.
func TestTrap(t *testing.T) {
	_, err := withModule(time.Now().Add(time.Minute), true, func(m *module) error {
		m.call(fnTextCountChars, 0xfffffff0)
		m.call(fnTextCountChars, 0) // not called after a failure
		return m.failed()
	})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "FPDFText_CountChars") {
		t.Fatalf("got %v, want ErrDamaged naming the call", err)
	}
	if _, err := read(t, filepath.Join(plansDir, "001_1d076eee4dc96132.pdf")); err != nil {
		t.Fatalf("after a trap: %v", err)
	}
}

// TestDeadline: calls into the module stop at the reading's deadline, also
// in the middle of PDFium's work, and give ErrLimit (not ErrDamaged); the
// instance is dropped and the next document is read by a fresh one.
func TestDeadline(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(plansDir, "004_742c97a7a7a955b2.chromium.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	_, err = withModule(time.Now().Add(20*time.Millisecond), true, func(m *module) error {
		doc, err := m.openDocument(data)
		if err != nil {
			return err
		}
		defer doc.close()
		for m.err == nil && calls < 500 {
			if _, err := doc.loadPage(calls % doc.pageCount()); err != nil {
				return err
			}
			calls++
		}
		return m.failed()
	})
	if !errors.Is(err, ErrLimit) || errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "time limit") {
		t.Fatalf("after %d pages: got %v, want ErrLimit", calls, err)
	}
	_, _, _, err = readDocument(data, time.Now())
	if !errors.Is(err, ErrLimit) {
		t.Errorf("a reading past its deadline: %v", err)
	}
	if _, err := read(t, filepath.Join(plansDir, "001_1d076eee4dc96132.pdf")); err != nil {
		t.Fatalf("after the deadline: %v", err)
	}
}

// TestRunningHeads drops repeated heads and feet and page numbers.
func TestRunningHeads(t *testing.T) {
	mk := func(n int, texts ...string) *pageLayout {
		pl := &pageLayout{n: n, h: 800}
		for i, s := range texts {
			y := 100 + float64(i)*20
			switch i {
			case 0:
				y = 30
			case len(texts) - 1:
				y = 780
			}
			var gs []glyph
			x := 50.0
			for _, r := range s {
				gs = append(gs, glyph{r: r, x0: x, x1: x + 10, y0: y - 5, y1: y + 5, size: 10})
				x += 10
			}
			l := &line{page: n, glyphs: gs}
			l.bounds()
			l.rowTop = l.y0
			pl.items = append(pl.items, item{line: l})
		}
		return pl
	}
	pls := []*pageLayout{
		mk(1, "某县卫生健康发展规划", "正文第一段。", "第1页 共3页"),
		mk(2, "某县卫生健康发展规划", "正文第二段。", "第2页 共3页"),
		mk(3, "某县卫生健康发展规划", "正文第三段。", "第3页 共3页"),
		mk(4, "正文第四段。", "— 4 —"),
	}
	dropRunning(pls)
	for _, pl := range pls {
		if len(pl.items) != 1 || !strings.HasPrefix(pl.items[0].line.text(), "正文") {
			var got []string
			for _, it := range pl.items {
				got = append(got, it.line.text())
			}
			t.Errorf("page %d kept %q", pl.n, got)
		}
	}
	for _, s := range []string{"5", "— 5 —", "- 12 -", "·3·", "5/16"} {
		if !pageNumberLike(s) {
			t.Errorf("%q is a page number", s)
		}
	}
	for _, s := range []string{"第5页", "2025年", "COVID-19"} {
		if pageNumberLike(s) {
			t.Errorf("%q is no bare page number", s)
		}
	}
}

// TestJoinSplitRow joins a table continued on the next page: the header
// printed again is dropped and the row cut by the break is one row.
func TestJoinSplitRow(t *testing.T) {
	cell := func(s string) tcell { return tcell{text: s, colSpan: 1, rowSpan: 1, vr: -1} }
	a := &table{page: 1, xs: []float64{0, 50, 100, 150}, width: 3, rows: [][]tcell{
		{cell("序号"), cell("指标"), cell("性质")},
		{cell("1"), cell("人均预期寿命"), cell("预期性")},
		{cell("2"), cell("孕产妇"), cell("预期")},
	}}
	b := &table{page: 2, xs: []float64{0, 50, 100, 150}, width: 3, rows: [][]tcell{
		{cell("序号"), cell("指标"), cell("性质")},
		{cell(""), cell("死亡率"), cell("性")},
		{cell("3"), cell("婴儿死亡率"), cell("预期性")},
	}}
	if !continues(a, b) {
		t.Fatal("b does not continue a")
	}
	join(a, b)
	if len(a.rows) != 4 || a.rows[2][1].text != "孕产妇死亡率" || a.rows[2][2].text != "预期性" || a.rows[3][0].text != "3" {
		t.Errorf("joined rows: %+v", a.rows)
	}
}

// FuzzRead must never panic: any input is read or refused with an error.
func FuzzRead(f *testing.F) {
	for _, p := range []string{filepath.Join(extraDir, "scan_image_only.pdf"), filepath.Join(extraDir, "encrypted_password.pdf")} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	data, err := os.ReadFile(filepath.Join(plansDir, "001_1d076eee4dc96132.pdf"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data[:3000])
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 0 0]>>endobj\ntrailer<</Root 1 0 R>>"))
	rd := New(readertest.Rules(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := rd.Read(data)
		if err == nil && len(d.Pages) != len(d.Lines) {
			t.Fatalf("%d pages for %d lines", len(d.Pages), len(d.Lines))
		}
	})
}

// BenchmarkRead reads each corpus PDF (PDFium started and warm).
func BenchmarkRead(b *testing.B) {
	rd := New(readertest.Rules(b))
	paths, _ := filepath.Glob(filepath.Join(plansDir, "*.pdf"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := rd.Read(data); err != nil { // start PDFium outside the timing
			b.Fatal(err)
		}
		b.Run(filepath.Base(p), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := rd.Read(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
