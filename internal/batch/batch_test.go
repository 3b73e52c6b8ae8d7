package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/guihua-project/guihua/internal/convert"
)

const plansDir = "../../corpus/plans"

var (
	convOnce sync.Once
	conv     *convert.Converter
	convErr  error
)

func converter(t testing.TB) *convert.Converter {
	t.Helper()
	convOnce.Do(func() { conv, convErr = convert.New() })
	if convErr != nil {
		t.Fatal(convErr)
	}
	return conv
}

// corpusFiles lists the corpus plans of the supported formats.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	entries, err := os.ReadDir(plansDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() && slices.Contains(PlanExts, strings.ToLower(filepath.Ext(e.Name()))) {
			out = append(out, filepath.Join(plansDir, e.Name()))
		}
	}
	if len(out) == 0 {
		t.Fatal("no corpus plans")
	}
	return out
}

// corpusTxt is the first .txt corpus plan.
func corpusTxt(t testing.TB) string {
	t.Helper()
	for _, f := range corpusFiles(t) {
		if strings.HasSuffix(f, ".txt") {
			return f
		}
	}
	t.Fatal("no .txt corpus plan")
	return ""
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// tree builds a temporary input tree: the corpus plans spread over
// subdirectories, plus files that must fail or be skipped. It returns the
// root and the relative paths of the good inputs and of the bad ones.
func tree(t *testing.T) (root string, good, bad []string) {
	t.Helper()
	root = t.TempDir()
	for i, f := range corpusFiles(t) {
		rel := filepath.Join(fmt.Sprintf("d%d", i%3), "sub", filepath.Base(f))
		if i%2 == 0 {
			rel = filepath.Join(fmt.Sprintf("d%d", i%3), filepath.Base(f))
		}
		copyFile(t, f, filepath.Join(root, rel))
		good = append(good, filepath.ToSlash(rel))
	}
	// A .docx that is not one: random bytes.
	junk := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range junk {
		junk[i] = byte(r.UintN(256))
	}
	if err := os.WriteFile(filepath.Join(root, "x.docx"), junk, 0o644); err != nil {
		t.Fatal(err)
	}
	bad = append(bad, "x.docx")
	// An empty plan.
	if err := os.WriteFile(filepath.Join(root, "d1", "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	bad = append(bad, "d1/empty.txt")
	// An unreadable one, where permissions apply (not for root).
	if os.Geteuid() != 0 {
		p := filepath.Join(root, "locked.txt")
		copyFile(t, corpusTxt(t), p)
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o644) })
		bad = append(bad, "locked.txt")
	}
	// Skipped: hidden files and directories, outputs, other types, and a
	// directory named like a plan (walked, holds nothing).
	copyFile(t, corpusFiles(t)[0], filepath.Join(root, ".hidden.txt"))
	copyFile(t, corpusFiles(t)[0], filepath.Join(root, ".git", "plan.txt"))
	if err := os.WriteFile(filepath.Join(root, "out.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "notes.xlsx"), []byte("PK\x03\x04 not a plan"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "folder.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	slices.Sort(good)
	slices.Sort(bad)
	return root, good, bad
}

// listFiles returns the slash-separated relative paths of all files under
// dir, temporary and hidden ones included.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func TestDiscover(t *testing.T) {
	root, good, bad := tree(t)
	f := Discover([]string{root}, PlanExts)
	var rels []string
	for _, in := range f.Inputs {
		rels = append(rels, in.Rel)
		if in.Path != filepath.Join(root, filepath.FromSlash(in.Rel)) {
			t.Errorf("input %s: Rel %s does not match", in.Path, in.Rel)
		}
	}
	want := slices.Sorted(slices.Values(append(append([]string(nil), good...), bad...)))
	if !slices.Equal(rels, want) {
		t.Errorf("found %q\nwant %q", rels, want)
	}
	if len(f.Problems) != 0 {
		t.Errorf("problems: %v", f.Problems)
	}

	// A plain file argument: Rel is its base name, whatever its type; a
	// .json argument is ignored; a missing path and an empty match are
	// problems; a glob's Rel is relative to its leading directory.
	f = Discover([]string{
		filepath.Join(root, "d0", good0(good)),
		filepath.Join(root, "notes.xlsx"),
		filepath.Join(root, "out.json"),
		filepath.Join(root, "missing.txt"),
		filepath.Join(root, "*.none"),
		filepath.Join(root, "d*", "*.txt"),
		filepath.Join(root, "folder.txt"),
	}, PlanExts)
	if len(f.Inputs) < 3 || f.Inputs[0].Rel != good0(good) || f.Inputs[1].Rel != "notes.xlsx" {
		t.Fatalf("inputs %+v", f.Inputs)
	}
	for _, in := range f.Inputs[2:] {
		if !strings.HasPrefix(in.Rel, "d") || !strings.HasSuffix(in.Rel, ".txt") || strings.Contains(in.Rel, "/sub/") {
			t.Errorf("glob input %+v", in)
		}
	}
	if !slices.Equal(f.Ignored, []string{filepath.Join(root, "out.json")}) {
		t.Errorf("ignored %v", f.Ignored)
	}
	var probs []string
	for _, p := range f.Problems {
		probs = append(probs, filepath.Base(p.Path))
	}
	if !slices.Equal(probs, []string{"missing.txt", "*.none", "folder.txt"}) {
		t.Errorf("problems %v", f.Problems)
	}
}

// good0 is the base name of the first good input directly in d0.
func good0(good []string) string {
	for _, g := range good {
		if dir, name, _ := strings.Cut(g, "/"); dir == "d0" && !strings.Contains(name, "/") {
			return name
		}
	}
	return ""
}

func run(t *testing.T, root, out string, force bool) (Summary, []Result) {
	t.Helper()
	var results []Result
	sum, err := Run(context.Background(), converter(t), Discover([]string{root}, PlanExts).Inputs, Options{
		OutDir: out, Workers: 3, Force: force, Tool: "test-tool",
		OnResult: func(r Result) { results = append(results, r) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return sum, results
}

func TestRunTree(t *testing.T) {
	c := converter(t)
	root, good, bad := tree(t)
	out := filepath.Join(t.TempDir(), "out")

	sum, results := run(t, root, out, false)
	if sum.Converted != len(good) || sum.Failed != len(bad) || sum.Skipped != 0 || sum.NotRun != 0 || sum.Interrupted {
		t.Fatalf("first run: %+v", sum)
	}
	if len(results) != len(good)+len(bad) {
		t.Errorf("%d results for %d inputs", len(results), len(good)+len(bad))
	}
	var failed []string
	for _, r := range sum.Failures {
		failed = append(failed, r.Input.Rel)
		if r.Err == nil || r.Reason() == "" || strings.HasPrefix(r.Reason(), r.Input.Path) {
			t.Errorf("%s: reason %q", r.Input.Rel, r.Reason())
		}
	}
	if !slices.Equal(failed, bad) {
		t.Errorf("failed %v, want %v", failed, bad)
	}

	// The outputs mirror the tree, are complete and valid, and nothing else
	// is left but the manifest.
	want := []string{ManifestName}
	for _, g := range good {
		want = append(want, g+".json")
	}
	slices.Sort(want)
	if got := listFiles(t, out); !slices.Equal(got, want) {
		t.Fatalf("output tree %q\nwant %q", got, want)
	}
	for _, g := range good {
		data, err := os.ReadFile(filepath.Join(out, g+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Validate(data); err != nil {
			t.Errorf("%s: %v", g, err)
		}
		in, _ := os.ReadFile(filepath.Join(root, g))
		js, err := c.JSON(filepath.Join(root, filepath.FromSlash(g)), in)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(js, data) {
			t.Errorf("%s: output differs from extract", g)
		}
	}
	stamp := func() map[string]time.Time {
		m := make(map[string]time.Time)
		for _, g := range good {
			fi, err := os.Stat(filepath.Join(out, g+".json"))
			if err != nil {
				t.Fatal(err)
			}
			m[g] = fi.ModTime()
		}
		return m
	}
	before := stamp()
	time.Sleep(20 * time.Millisecond)

	// A second run skips every good input; the bad ones fail again.
	sum, _ = run(t, root, out, false)
	if sum.Skipped != len(good) || sum.Converted != 0 || sum.Failed != len(bad) {
		t.Fatalf("second run: %+v", sum)
	}
	if !mapsEqual(before, stamp()) {
		t.Error("a skipped output was rewritten")
	}

	// A changed input, a damaged output: converted again.
	var changed, damaged string
	for _, g := range good {
		if changed == "" && strings.HasSuffix(g, ".txt") {
			changed = g
		} else if damaged == "" {
			damaged = g
		}
	}
	p := filepath.Join(root, filepath.FromSlash(changed))
	data, _ := os.ReadFile(p)
	if err := os.WriteFile(p, append(data, "\n附件：无\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, damaged+".json"), []byte(`{"schema_version":"1.0"`), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, results = run(t, root, out, false)
	if sum.Converted != 2 || sum.Skipped != len(good)-2 {
		t.Fatalf("after changes: %+v", sum)
	}
	for _, r := range results {
		if r.Status == Converted && r.Input.Rel != changed && r.Input.Rel != damaged {
			t.Errorf("%s converted again", r.Input.Rel)
		}
	}
	// Another build of the tool: everything is converted again.
	all, err := Run(context.Background(), c, Discover([]string{root}, PlanExts).Inputs, Options{OutDir: out, Workers: 2, Tool: "another-tool"})
	if err != nil {
		t.Fatal(err)
	}
	if all.Converted != len(good) {
		t.Errorf("another tool: %+v", all)
	}

	// --force converts everything again.
	sum, _ = run(t, root, out, true)
	if sum.Converted != len(good) || sum.Skipped != 0 {
		t.Errorf("forced run: %+v", sum)
	}
	if got := listFiles(t, out); !slices.Equal(got, want) {
		t.Errorf("output tree after reruns %q", got)
	}
}

func mapsEqual(a, b map[string]time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !b[k].Equal(v) {
			return false
		}
	}
	return true
}

func TestRunCollision(t *testing.T) {
	f := corpusTxt(t)
	dir := t.TempDir()
	copyFile(t, f, filepath.Join(dir, "a", "p.txt"))
	copyFile(t, f, filepath.Join(dir, "b", "p.txt"))
	inputs := Discover([]string{filepath.Join(dir, "a", "p.txt"), filepath.Join(dir, "b", "p.txt")}, PlanExts).Inputs
	sum, err := Run(context.Background(), converter(t), inputs, Options{OutDir: filepath.Join(dir, "out"), Tool: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Converted != 1 || sum.Failed != 1 || !strings.Contains(sum.Failures[0].Err.Error(), "would overwrite") {
		t.Errorf("%+v", sum)
	}
}

func TestRunJSONL(t *testing.T) {
	c := converter(t)
	var inputs []Input
	for i := range 3 {
		for _, f := range corpusFiles(t) {
			inputs = append(inputs, Input{Path: f, Rel: strconv.Itoa(i) + "/" + filepath.Base(f)})
		}
	}
	bad := filepath.Join(t.TempDir(), "empty.txt")
	os.WriteFile(bad, nil, 0o644)
	inputs = slices.Insert(inputs, 2, Input{Path: bad, Rel: "empty.txt"})

	var buf bytes.Buffer
	sum, err := Run(context.Background(), c, inputs, Options{JSONL: &buf, Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Converted != len(inputs)-1 || sum.Failed != 1 {
		t.Fatalf("%+v", sum)
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 64<<20)
	var n int
	for _, in := range inputs {
		if in.Path == bad {
			continue
		}
		if !sc.Scan() {
			t.Fatalf("only %d lines", n)
		}
		n++
		line := sc.Bytes()
		data, _ := os.ReadFile(in.Path)
		js, err := c.JSON(in.Path, data)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		json.Compact(&want, js)
		if !bytes.Equal(line, want.Bytes()) {
			t.Fatalf("line %d is not the compact output of %s", n, in.Path)
		}
	}
	if sc.Scan() {
		t.Error("extra lines")
	}
}

// TestRunInterrupted cancels a run part-way: no new input starts, nothing
// half-written or temporary remains, and what was written is complete.
func TestRunInterrupted(t *testing.T) {
	c := converter(t)
	dir := t.TempDir()
	for i := range 40 {
		f := corpusFiles(t)[i%len(corpusFiles(t))]
		copyFile(t, f, filepath.Join(dir, "in", fmt.Sprintf("%02d_%s", i, filepath.Base(f))))
	}
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen atomic.Int32
	sum, err := Run(ctx, c, Discover([]string{filepath.Join(dir, "in")}, PlanExts).Inputs, Options{
		OutDir: out, Workers: 2, Tool: "t",
		OnResult: func(Result) {
			if seen.Add(1) == 3 {
				cancel()
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted || sum.NotRun == 0 || sum.Converted < 3 || sum.Converted+sum.NotRun != 40 {
		t.Fatalf("%+v", sum)
	}
	files := listFiles(t, out)
	if len(files) != sum.Converted+1 {
		t.Errorf("%d files for %d converted: %v", len(files), sum.Converted, files)
	}
	for _, f := range files {
		if strings.Contains(f, ".tmp-") {
			t.Errorf("temporary file left: %s", f)
		}
		data, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == ManifestName {
			var m manifest
			if err := json.Unmarshal(data, &m); err != nil || len(m.Outputs) != sum.Converted {
				t.Errorf("manifest: %v, %d entries", err, len(m.Outputs))
			}
			continue
		}
		if err := c.Validate(data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	// The next run converts only what is missing.
	sum2, err := Run(context.Background(), c, Discover([]string{filepath.Join(dir, "in")}, PlanExts).Inputs, Options{OutDir: out, Tool: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Skipped != sum.Converted || sum2.Converted != 40-sum.Converted {
		t.Errorf("resumed run: %+v", sum2)
	}
}

func TestForEachOrderedBounded(t *testing.T) {
	const n, workers = 200, 4
	var inFlight, peak atomic.Int32
	var got []int
	started, err := ForEach(context.Background(), n, workers, true,
		func(_ context.Context, i int) int {
			v := inFlight.Add(1)
			for {
				p := peak.Load()
				if v <= p || peak.CompareAndSwap(p, v) {
					break
				}
			}
			if i%7 == 0 {
				time.Sleep(2 * time.Millisecond) // out-of-order completions
			}
			return i * i
		},
		func(i, r int) error {
			inFlight.Add(-1)
			if r != i*i {
				t.Errorf("result %d for %d", r, i)
			}
			got = append(got, i)
			return nil
		})
	if err != nil || started != n {
		t.Fatal(started, err)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("emitted out of order: %v", got[:i+1])
		}
	}
	if p := peak.Load(); p > 2*workers {
		t.Errorf("%d results held at once, bound is %d", p, 2*workers)
	}
}

func TestForEachEmitError(t *testing.T) {
	stop := fmt.Errorf("stop")
	started, err := ForEach(context.Background(), 1000, 2, false,
		func(_ context.Context, i int) int { return i },
		func(i, _ int) error {
			if i == 5 {
				return stop
			}
			return nil
		})
	if err != stop || started >= 1000 {
		t.Errorf("started %d, err %v", started, err)
	}
}

// BenchmarkBatch converts GUIHUA_BENCH_FILES (default 240) copies of the
// corpus plans in .txt, .docx and .html (the mix of issue 14's target; PDFs
// are left out, they cost a hundred times more and are measured apart) with
// the batch library and reports plans per second. Outputs are written to
// disk and never held, so memory does not grow with the number of files.
func BenchmarkBatch(b *testing.B) {
	n := 240
	if s := os.Getenv("GUIHUA_BENCH_FILES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			b.Fatalf("GUIHUA_BENCH_FILES=%q: want a positive number", s)
		}
		n = v
	}
	c := converter(b)
	files := slices.DeleteFunc(corpusFiles(b), func(f string) bool { return strings.EqualFold(filepath.Ext(f), ".pdf") })
	dir := b.TempDir()
	for i := range n {
		f := files[i%len(files)]
		copyFile(b, f, filepath.Join(dir, "in", fmt.Sprintf("%03d", i/100), fmt.Sprintf("%05d_%s", i, filepath.Base(f))))
	}
	inputs := Discover([]string{filepath.Join(dir, "in")}, PlanExts).Inputs
	if len(inputs) != n {
		b.Fatalf("%d inputs, want %d", len(inputs), n)
	}
	b.ReportAllocs()
	var converted int
	var elapsed time.Duration
	for b.Loop() {
		t0 := time.Now()
		sum, err := Run(context.Background(), c, inputs, Options{
			OutDir: filepath.Join(dir, "out"), Force: true, Tool: "bench",
		})
		elapsed += time.Since(t0)
		if err != nil || sum.Failed > 0 {
			b.Fatalf("%v %+v", err, sum.Failures)
		}
		converted += sum.Converted
	}
	b.ReportMetric(float64(converted)/elapsed.Seconds(), "plans/s")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-MiB")
}
