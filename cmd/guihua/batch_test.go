package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/guihua-project/guihua/internal/convert"
)

// cliRun runs the CLI in-process.
func cliRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// cliCorpus lists ../../corpus/plans files of the given extensions (all
// supported ones when none given), sorted.
func cliCorpus(t *testing.T, exts ...string) []string {
	t.Helper()
	if len(exts) == 0 {
		exts = []string{".txt", ".docx", ".html", ".htm"}
	}
	entries, err := os.ReadDir("../../corpus/plans")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && slices.Contains(exts, filepath.Ext(e.Name())) {
			out = append(out, filepath.Join("../../corpus/plans", e.Name()))
		}
	}
	if len(out) == 0 {
		t.Fatal("no corpus plans")
	}
	return out
}

func cliCopy(t *testing.T, from, to string) {
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

// cliFiles lists the files under dir (relative, slash-separated).
func cliFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	slices.Sort(out)
	return out
}

var summaryRE = regexp.MustCompile(`(?m)^(\d+) converted, (\d+) skipped, (\d+) failed(?:, (\d+) not run)? of (\d+) in `)

// cliSummary reads the counts from batch's summary line.
func cliSummary(t *testing.T, stderr string) (converted, skipped, failed, notRun int) {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in:\n%s", stderr)
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return n(m[1]), n(m[2]), n(m[3]), n(m[4])
}

func TestBatchTree(t *testing.T) {
	root := filepath.Join(t.TempDir(), "in")
	var good []string
	for i, f := range cliCorpus(t) {
		rel := filepath.Join(fmt.Sprintf("r%d", i%2), "deeper", filepath.Base(f))
		cliCopy(t, f, filepath.Join(root, rel))
		good = append(good, filepath.ToSlash(rel))
	}
	os.WriteFile(filepath.Join(root, "x.docx"), bytes.Repeat([]byte{0x9c, 0x17, 0xfe, 0x00, 0x42}, 999), 0o644)
	os.WriteFile(filepath.Join(root, "r0", "empty.txt"), nil, 0o644)
	bad := []string{"r0/empty.txt", "x.docx"}
	if os.Geteuid() != 0 { // root reads anything
		p := filepath.Join(root, "r1", "locked.txt")
		cliCopy(t, cliCorpus(t, ".txt")[0], p)
		os.Chmod(p, 0)
		t.Cleanup(func() { os.Chmod(p, 0o644) })
		bad = append(bad, "r1/locked.txt")
	}
	os.MkdirAll(filepath.Join(root, "dir.txt"), 0o755) // a directory named like a plan: walked, empty
	os.WriteFile(filepath.Join(root, "old.json"), []byte("{}"), 0o644)
	out := filepath.Join(t.TempDir(), "out")

	// Flags after the path work too.
	code, stdout, stderr := cliRun(t, "batch", root, "-o", out, "-j", "2")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout: %q", stdout)
	}
	conv, skip, failed, _ := cliSummary(t, stderr)
	if conv != len(good) || skip != 0 || failed != len(bad) {
		t.Errorf("summary %d/%d/%d\n%s", conv, skip, failed, stderr)
	}
	_, failures, _ := strings.Cut(stderr, "\nfailed:\n")
	for _, b := range bad {
		p := filepath.Join(root, filepath.FromSlash(b))
		if !strings.Contains(stderr, "FAIL "+p+": ") || !strings.Contains(failures, "  "+p+": ") {
			t.Errorf("failure of %s not reported:\n%s", b, stderr)
		}
	}
	if !strings.Contains(stderr, "empty file") || !strings.Contains(stderr, "plans/s") {
		t.Errorf("reason or rate missing:\n%s", stderr)
	}
	want := []string{".guihua-batch.json"}
	for _, g := range good {
		want = append(want, g+".json")
	}
	slices.Sort(want)
	if got := cliFiles(t, out); !slices.Equal(got, want) {
		t.Fatalf("outputs %q\nwant %q", got, want)
	}
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range good {
		data, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(g)+".json"))
		if err := c.Validate(data); err != nil {
			t.Errorf("%s: %v", g, err)
		}
	}

	// Re-run: the good ones are skipped.
	code, _, stderr = cliRun(t, "batch", "-o", out, root)
	conv, skip, failed, _ = cliSummary(t, stderr)
	if code != 1 || conv != 0 || skip != len(good) || failed != len(bad) {
		t.Errorf("re-run: exit %d, %d converted, %d skipped, %d failed\n%s", code, conv, skip, failed, stderr)
	}
	// Without the bad files: all skipped, exit 0.
	for _, b := range bad {
		os.Remove(filepath.Join(root, filepath.FromSlash(b)))
	}
	code, _, stderr = cliRun(t, "batch", "-o", out, root)
	if code != 0 || !strings.Contains(stderr, fmt.Sprintf("0 converted, %d skipped, 0 failed", len(good))) {
		t.Errorf("clean re-run: exit %d\n%s", code, stderr)
	}
	// --force converts again.
	code, _, stderr = cliRun(t, "batch", "--force", "-q", "-o", out, root)
	if conv, skip, _, _ = cliSummary(t, stderr); code != 0 || conv != len(good) || skip != 0 {
		t.Errorf("--force: exit %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, " ok ") {
		t.Errorf("-q printed per-file lines:\n%s", stderr)
	}
	if got := cliFiles(t, out); !slices.Equal(got, want) {
		t.Errorf("outputs after re-runs %q", got)
	}
}

func TestBatchPlainFileAndGlob(t *testing.T) {
	txt := cliCorpus(t, ".txt")
	out := t.TempDir()
	code, _, stderr := cliRun(t, "batch", "-o", out, txt[0], "../../corpus/plans/*.html")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	want := []string{".guihua-batch.json", filepath.Base(txt[0]) + ".json"}
	for _, h := range cliCorpus(t, ".html") {
		want = append(want, filepath.Base(h)+".json")
	}
	slices.Sort(want)
	if got := cliFiles(t, out); !slices.Equal(got, want) {
		t.Errorf("outputs %q, want %q", got, want)
	}
	// A glob matching nothing and a missing file fail; the rest goes on.
	code, _, stderr = cliRun(t, "batch", "-o", out, "nothing/*.txt", "missing.txt", txt[0])
	if code != 1 || !strings.Contains(stderr, "no input files match") || !strings.Contains(stderr, "missing.txt: no such file") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}

// TestBatchReview writes a review page beside each output, and converts
// again an input whose page is missing.
func TestBatchReview(t *testing.T) {
	txt := cliCorpus(t, ".txt")[:2]
	out := t.TempDir()
	args := append([]string{"batch", "--review", "-o", out}, txt...)
	if code, _, stderr := cliRun(t, args...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	want := []string{".guihua-batch.json"}
	for _, f := range txt {
		want = append(want, filepath.Base(f)+".json", filepath.Base(f)+".review.html")
	}
	slices.Sort(want)
	if got := cliFiles(t, out); !slices.Equal(got, want) {
		t.Errorf("outputs %q, want %q", got, want)
	}
	page, err := os.ReadFile(filepath.Join(out, filepath.Base(txt[0])+".review.html"))
	if err != nil || !bytes.Contains(page, []byte(`data-ref="I0"`)) {
		t.Errorf("no review page with highlights (%v)", err)
	}
	if err := os.Remove(filepath.Join(out, filepath.Base(txt[0])+".review.html")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := cliRun(t, args...)
	if code != 0 || !strings.Contains(stderr, "1 converted, 1 skipped") {
		t.Errorf("re-run: exit %d\n%s", code, stderr)
	}
	if code, _, _ := cliRun(t, "batch", "--review", "-o", "-", txt[0]); code != 2 {
		t.Errorf("--review with -o -: exit %d, want 2", code)
	}
}

func TestBatchJSONLines(t *testing.T) {
	files := cliCorpus(t)
	args := append([]string{"batch", "-o", "-", "-j", "3"}, files...)
	args = append(args, files[0]) // the same file twice: once in the stream
	code, stdout, stderr := cliRun(t, args...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != len(files) {
		t.Fatalf("%d lines for %d files", len(lines), len(files))
	}
	for i, f := range files {
		data, _ := os.ReadFile(f)
		js, err := c.JSON(f, data)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		json.Compact(&want, js)
		if lines[i] != want.String() {
			t.Errorf("line %d is not %s", i+1, f)
		}
	}
}

func TestBatchUsage(t *testing.T) {
	for _, args := range [][]string{
		{"batch"},
		{"batch", "-j", "0", "x"},
		{"batch", "--nope", "x"},
		{"batch", "-o", "", "x"},
	} {
		if code, _, stderr := cliRun(t, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, code, stderr)
		}
	}
	if code, _, _ := cliRun(t, "batch", "-h"); code != 0 {
		t.Errorf("-h: exit %d", code)
	}
}

// TestBatchHelperProcess is not a test: TestBatchInterrupt runs the test
// binary as guihua through it.
func TestBatchHelperProcess(t *testing.T) {
	if os.Getenv("GUIHUA_TEST_HELPER") != "1" {
		t.Skip("helper process only")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// TestBatchInterrupt sends SIGINT to a running batch: it stops with status
// 130, leaves no temporary or half-written file, and a re-run finishes the
// job.
func TestBatchInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a subprocess")
	}
	dir := t.TempDir()
	files := cliCorpus(t, ".txt")
	const n = 80
	for i := range n {
		cliCopy(t, files[i%len(files)], filepath.Join(dir, "in", fmt.Sprintf("%03d.txt", i)))
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(os.Args[0], "-test.run=^TestBatchHelperProcess$", "--", "batch", "-j", "2", "-o", out, filepath.Join(dir, "in"))
	cmd.Env = append(os.Environ(), "GUIHUA_TEST_HELPER=1")
	stderrPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	sc := bufio.NewScanner(stderrPipe)
	signaled := false
	for sc.Scan() {
		log.WriteString(sc.Text() + "\n")
		if !signaled && strings.Contains(sc.Text(), "[ 5/80] ok") {
			cmd.Process.Signal(syscall.SIGINT)
			signaled = true
		}
	}
	err = cmd.Wait()
	if !signaled {
		t.Fatalf("never saw progress:\n%s", log.String())
	}
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Fatalf("exit %d (%v), want %d\n%s", code, err, exitInterrupted, log.String())
	}
	conv, _, failed, notRun := cliSummary(t, log.String())
	if failed != 0 || notRun == 0 || conv+notRun != n {
		t.Errorf("summary: %d converted, %d failed, %d not run\n%s", conv, failed, notRun, log.String())
	}
	got := cliFiles(t, out)
	if len(got) != conv+1 {
		t.Errorf("%d files for %d converted", len(got), conv)
	}
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range got {
		if strings.Contains(f, ".tmp-") {
			t.Errorf("temporary file left: %s", f)
			continue
		}
		if f == ".guihua-batch.json" {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(out, f))
		if err := c.Validate(data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	start := time.Now()
	code, _, stderr := cliRun(t, "batch", "-q", "-o", out, filepath.Join(dir, "in"))
	if c2, s2, _, _ := cliSummary(t, stderr); code != 0 || s2 != conv || c2 != n-conv {
		t.Errorf("resumed: exit %d in %s\n%s", code, time.Since(start), stderr)
	}
}

// smallPlan is a short plan, different for every i.
func smallPlan(i int) string {
	return fmt.Sprintf("某县“十四五”卫生健康发展规划（第%d稿）\n\n一、发展基础\n\n"+
		"“十三五”时期，全县医疗卫生服务体系进一步健全，每千人口医疗卫生机构床位数达到%d.%d张。\n\n"+
		"二、重点任务\n\n推进县人民医院新院区建设，新增床位%d张。\n\n"+
		"专栏1 重点工程\n1.县人民医院门诊楼建设。\n2.乡镇卫生院提标改造。\n", i, 4+i%3, i%10, 100+i)
}

// TestBatchKilled kills a batch part-way through a few hundred small plans,
// with SIGKILL (as the out-of-memory killer does) or with a double Ctrl-C,
// then runs it again: every output present parses, and the re-run converts
// only the inputs that had no finished output, give or take the ones in
// flight (at most -j) when the process died.
func TestBatchKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a subprocess")
	}
	const n, workers, killAt = 300, 2, 100
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		kill func(p *os.Process)
	}{
		{"SIGKILL", func(p *os.Process) { p.Signal(syscall.SIGKILL) }},
		{"double Ctrl-C", func(p *os.Process) {
			p.Signal(syscall.SIGINT)
			time.Sleep(50 * time.Millisecond)
			p.Signal(syscall.SIGINT)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
			for i := range n {
				p := filepath.Join(in, fmt.Sprintf("d%d", i%4), fmt.Sprintf("%03d.txt", i))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(smallPlan(i)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestBatchHelperProcess$", "--", "batch", "-j", fmt.Sprint(workers), "-o", out, in)
			cmd.Env = append(os.Environ(), "GUIHUA_TEST_HELPER=1")
			stderrPipe, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var log strings.Builder
			sc := bufio.NewScanner(stderrPipe)
			killed := false
			for sc.Scan() {
				log.WriteString(sc.Text() + "\n")
				if !killed && strings.HasPrefix(sc.Text(), fmt.Sprintf("[%d/%d] ok", killAt, n)) {
					tt.kill(cmd.Process)
					killed = true
				}
			}
			cmd.Wait()
			if !killed {
				t.Fatalf("never saw progress:\n%s", log.String())
			}
			if cmd.ProcessState.Success() {
				t.Fatalf("the batch ended well after being killed:\n%s", log.String())
			}

			// Every output present parses and passes the schema.
			finished := 0
			for _, f := range cliFiles(t, out) {
				if !strings.HasSuffix(f, ".txt.json") || strings.HasPrefix(filepath.Base(f), ".") {
					continue
				}
				data, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Fatal(err)
				}
				if err := c.Validate(data); err != nil {
					t.Errorf("%s: %v", f, err)
				}
				finished++
			}
			if finished < killAt-workers || finished >= n {
				t.Fatalf("%d outputs after killing at %d of %d", finished, killAt, n)
			}

			code, _, stderr := cliRun(t, "batch", "-q", "-j", fmt.Sprint(workers), "-o", out, in)
			conv, skip, failed, _ := cliSummary(t, stderr)
			t.Logf("killed with %d of %d outputs written; the re-run converted %d and skipped %d", finished, n, conv, skip)
			if code != 0 || failed != 0 || conv+skip != n {
				t.Fatalf("re-run: exit %d\n%s", code, stderr)
			}
			if conv < n-finished || conv > n-finished+workers {
				t.Errorf("re-run converted %d: want the %d without an output (plus at most %d in flight)", conv, n-finished, workers)
			}
			// A clean run leaves the manifest and the outputs only.
			files := cliFiles(t, out)
			if len(files) != n+1 || !slices.Contains(files, ".guihua-batch.json") {
				t.Errorf("%d files after the re-run, want %d outputs and the manifest", len(files), n)
			}
			code, _, stderr = cliRun(t, "batch", "-q", "-o", out, in)
			if conv, skip, _, _ := cliSummary(t, stderr); code != 0 || conv != 0 || skip != n {
				t.Errorf("third run: exit %d\n%s", code, stderr)
			}
		})
	}
}

// TestBatchLegacyFormats: a directory's .doc/.wps/.rtf/.odt/.fodt files are
// converted with LibreOffice when it is installed; without it they are
// counted as skipped and listed with the reason, and the run succeeds.
func TestBatchLegacyFormats(t *testing.T) {
	root := filepath.Join(t.TempDir(), "in")
	cliCopy(t, cliCorpus(t, ".txt")[0], filepath.Join(root, "plan.txt"))
	legacy := []string{"a.doc", "b.wps", "sub/c.rtf", "sub/d.odt", "e.fodt"}
	for _, name := range legacy {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		// Distinct bytes: the fake LibreOffice below does not read them.
		if err := os.WriteFile(filepath.Join(root, name), []byte("legacy "+name), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("without LibreOffice", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir()) // no soffice to be found
		out := filepath.Join(t.TempDir(), "out")
		for _, quiet := range []bool{false, true} {
			args := []string{"batch", "-o", out, root}
			if quiet {
				args = append(args, "-q")
			}
			code, _, stderr := cliRun(t, args...)
			conv, skip, failed, _ := cliSummary(t, stderr)
			if code != 0 || conv+skip != 1+len(legacy) || skip < len(legacy) || failed != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			_, list, ok := strings.Cut(stderr, "\nskipped:\n")
			if !ok {
				t.Fatalf("no list of skipped files:\n%s", stderr)
			}
			for _, name := range legacy {
				p := filepath.Join(root, filepath.FromSlash(name))
				if !strings.Contains(list, "  "+p+": ") || !strings.Contains(list, "LibreOffice") {
					t.Errorf("%s not listed with the reason:\n%s", name, stderr)
				}
				if !quiet && !strings.Contains(stderr, "skip "+p+": ") {
					t.Errorf("%s: no progress line:\n%s", name, stderr)
				}
			}
			if got := cliFiles(t, out); len(got) != 2 { // the manifest and plan.txt.json
				t.Errorf("outputs %q", got)
			}
		}
	})

	t.Run("with LibreOffice", func(t *testing.T) {
		// A stand-in for soffice: "converts" by copying a corpus .docx to
		// the output directory under the name LibreOffice gives it.
		bin := t.TempDir()
		docx, err := filepath.Abs(cliCorpus(t, ".docx")[0])
		if err != nil {
			t.Fatal(err)
		}
		script := "#!/bin/sh\nwhile [ $# -gt 0 ]; do\n  case \"$1\" in --outdir) out=$2; shift;; esac\n  shift\ndone\nexec cp \"$GUIHUA_TEST_DOCX\" \"$out/input.docx\"\n"
		if err := os.WriteFile(filepath.Join(bin, "soffice"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
		t.Setenv("GUIHUA_TEST_DOCX", docx)
		out := filepath.Join(t.TempDir(), "out")
		code, _, stderr := cliRun(t, "batch", "-q", "-o", out, root)
		if conv, skip, failed, _ := cliSummary(t, stderr); code != 0 || conv != 1+len(legacy) || skip != 0 || failed != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		c, err := convert.New()
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range legacy {
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Validate(data); err != nil || !bytes.Contains(data, []byte(`"format": "docx"`)) {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}
