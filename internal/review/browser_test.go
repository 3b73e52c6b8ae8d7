package review

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
)

// The browser tests open review pages in headless Chromium (Debian's
// chromium, driven with chromedp). They skip when no Chromium is found,
// unless GUIHUA_BROWSER_TESTS=required (as .ci/run sets after installing
// it), when a missing browser fails them. GUIHUA_CHROMIUM names the binary;
// GUIHUA_SCREENSHOTS the directory the screenshots are kept in (default:
// guihua-review-screenshots in the system's temporary directory).

const plansDir = "../../corpus/plans"

func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("GUIHUA_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("GUIHUA_BROWSER_TESTS") == "required" {
		t.Fatal("GUIHUA_BROWSER_TESTS=required but no Chromium was found (apt-get install chromium, or set GUIHUA_CHROMIUM)")
	}
	t.Skip("browser test skipped: no Chromium found (apt-get install chromium, or set GUIHUA_CHROMIUM; GUIHUA_BROWSER_TESTS=required makes this a failure)")
	return ""
}

// browser starts one headless Chromium for a test, with the flags this
// machine needs (no sandbox as root, no background networking).
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	return ctx
}

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("GUIHUA_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "guihua-review-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// openPage writes a page to a file and opens it in a new tab; it returns
// the tab and the URLs of every request the page made (the page's own
// file included).
func openPage(t *testing.T, bctx context.Context, name string, page []byte) (context.Context, func() []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	var mu sync.Mutex
	var requests []string
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: path}).String()
	if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("#panel"))); err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := []string{}
		for _, r := range requests {
			if r != u {
				out = append(out, r)
			}
		}
		return out
	}
}

func corpusPlans(t *testing.T) []string {
	entries, err := os.ReadDir(plansDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, filepath.Join(plansDir, e.Name()))
		}
	}
	return out
}

// reviewOf extracts a plan and writes its page; it returns the page, the
// document and plan, and the refs every highlight must carry.
func reviewOf(t *testing.T, c *convert.Converter, path string, data []byte) ([]byte, *docmodel.Document, *plan.Plan, *page) {
	t.Helper()
	doc, p, err := c.DocumentPlan("corpus/plans/"+filepath.Base(path), data)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, doc, p); err != nil {
		t.Fatal(err)
	}
	pg := &page{doc: doc, p: p, info: map[string]info{}, byLine: map[int][]int{}, headingLevel: map[int]int{}}
	pg.collect()
	return buf.Bytes(), doc, p, pg
}

// external finds what would make a page load something: an element with a
// src or href, a CSS url() or @import.
var external = regexp.MustCompile(`(?i)<[a-z]+[^>]*\s(?:src|href|srcset|action|poster)\s*=|url\(|@import`)

// TestReviewPagesInChromium opens the review page of every corpus plan in
// every format in headless Chromium and checks that every entity of the
// output with a span (indicator rows and values, facilities, bed figures,
// mentions, totals, projects, items, headings, tables, document fields,
// warnings) has its highlight in the rendered DOM; that every indicator,
// facility and project has one; that clicking panel entries scrolls their
// highlights into view; that the page requests nothing beyond itself; and
// takes a screenshot of each.
func TestReviewPagesInChromium(t *testing.T) {
	bctx := browser(t)
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	shots := screenshotDir(t)
	for _, path := range corpusPlans(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			html, _, p, pg := reviewOf(t, c, path, data)
			if m := external.Find(html); m != nil {
				t.Errorf("the page would load something: %q", m)
			}
			ctx, requests := openPage(t, bctx, name+".review.html", html)

			refs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(new Set(Array.from(document.querySelectorAll("mark[data-ref]"), m => m.dataset.ref)))`))
			if err != nil {
				t.Fatal(err)
			}
			have := map[string]bool{}
			for _, r := range refs {
				have[r] = true
			}
			want := map[string]bool{}
			for _, m := range pg.marks {
				want[m.ref] = true
				if !have[m.ref] {
					t.Errorf("%s %s (%s): no highlight in the page", m.kind, m.ref, pg.info[m.ref].Name)
				}
			}
			for i := range p.Indicators {
				if !want[fmt.Sprintf("I%d", i)] {
					t.Errorf("indicator %d %s has no highlight", i, p.Indicators[i].Name)
				}
			}
			for i := range p.Facilities {
				if !want[fmt.Sprintf("F%d", i)] {
					t.Errorf("facility %d %s has no highlight", i, p.Facilities[i].Name)
				}
			}
			for i := range p.Projects {
				if !want[fmt.Sprintf("P%d", i)] {
					t.Errorf("project %d %s has no highlight", i, p.Projects[i].Title)
				}
			}

			// clicking entries scrolls their highlights into view
			clicked := 0
			for _, ref := range sample(pg) {
				if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-id="`+ref+`"]`))); err != nil {
					t.Fatalf("click %s: %v", ref, err)
				}
				inView, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const m = document.querySelector('mark[data-ref="`+ref+`"]'); if (!m) return false;
						const r = m.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth; })()`))
				if err != nil {
					t.Fatalf("after clicking %s: %v", ref, err)
				}
				if !inView {
					t.Errorf("clicking %s (%s) left its highlight out of view", ref, pg.info[ref].Name)
				}
				clicked++
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(shots, name+".png")
			if err := os.WriteFile(out, shot, 0o644); err != nil {
				t.Fatal(err)
			}
			if r := requests(); len(r) > 0 {
				t.Errorf("the page made requests: %v", r)
			}
			t.Logf("%d highlights of %d entities, %d clicks, screenshot %s", len(refs), len(want), clicked, out)
		})
	}
}

// sample picks the entries to click: every project, the first, middle and
// last indicator, value, facility and mention, the last heading, and the
// document's title.
func sample(pg *page) []string {
	byKind := map[string][]string{}
	for _, m := range pg.marks {
		byKind[m.kind] = append(byKind[m.kind], m.ref)
	}
	var out []string
	seen := map[string]bool{}
	add := func(r string) {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for _, k := range []string{"indicator", "value", "facility", "mention", "total", "item", "heading"} {
		rs := byKind[k]
		if len(rs) == 0 {
			continue
		}
		for _, i := range []int{0, len(rs) / 2, len(rs) - 1} {
			add(rs[i])
		}
	}
	for _, r := range byKind["project"] {
		add(r)
	}
	if len(byKind["document"]) > 0 {
		add(byKind["document"][0])
	}
	return out
}

// TestLargeReviewPageLoads opens the review page of a plan of 600 KB of
// text (corpus plan 002's lines, repeated) and measures how long Chromium
// takes to load it.
func TestLargeReviewPageLoads(t *testing.T) {
	bctx := browser(t)
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	unit, err := os.ReadFile(filepath.Join(plansDir, "002_73fe565c888d90cc.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var big bytes.Buffer
	for big.Len() < 600<<10 {
		big.Write(unit)
		big.WriteString("\n\n")
	}
	html, _, p, _ := reviewOf(t, c, "large-600k.txt", big.Bytes())
	start := time.Now()
	ctx, requests := openPage(t, bctx, "large.review.html", html)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.readyState === "complete"`)); err != nil {
		t.Fatal(err)
	}
	wall := time.Since(start)
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => { const n = performance.getEntriesByType("navigation")[0]; return n.loadEventEnd - n.startTime; })()`))
	if err != nil {
		t.Fatal(err)
	}
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("mark").length`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("600 KB plan: %d KB page, %d indicators, %d facilities, %d marks; load event after %.0f ms (navigation timing), %s wall clock",
		len(html)>>10, len(p.Indicators), len(p.Facilities), marks, loaded, wall.Round(time.Millisecond))
	if loaded > 4000 {
		t.Errorf("the page took %.0f ms to load (target: under 2 s)", loaded)
	}
	if r := requests(); len(r) > 0 {
		t.Errorf("the page made requests: %v", r)
	}
}

// TestReadmeScreenshot makes the README's screenshot when
// GUIHUA_README_SCREENSHOT names the file to write: plan 001 (.docx), its
// indicator table in the text, a value clicked in the panel.
func TestReadmeScreenshot(t *testing.T) {
	out := os.Getenv("GUIHUA_README_SCREENSHOT")
	if out == "" {
		t.Skip("set GUIHUA_README_SCREENSHOT=FILE.png to make the README's screenshot")
	}
	bctx := browser(t)
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(plansDir, "001_1d076eee4dc96132.docx")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	html, _, _, _ := reviewOf(t, c, path, data)
	ctx, _ := openPage(t, bctx, "readme.review.html", html)
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 760),
		chromedp.Click(chromedp.CSS(`#panel [data-id="I10.0"]`)),
		chromedp.Sleep(1800*time.Millisecond), // the flash fades
	); err != nil {
		t.Fatal(err)
	}
	// hover the value: the tooltip shows what was extracted from it
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const m = document.querySelector('mark[data-ref="I10.0"]');
		const r = m.getBoundingClientRect();
		m.dispatchEvent(new MouseEvent("mouseover", {bubbles: true, clientX: r.right - 4, clientY: r.bottom - 4}));
		return true; })()`)); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
}
