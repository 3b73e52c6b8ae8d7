package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plan := filepath.Join("..", "..", "corpus", "plans", "001_1d076eee4dc96132.txt")
	empty := write("empty.txt", nil)
	binary := write("blob.txt", []byte{0, 1, 2, 3, 0xff, 0xfe, 0, 0, 0x89, 0x50})
	out := filepath.Join(dir, "out", "plan.json")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"empty file", []string{"extract", empty}, 1, "", "guihua: " + empty + ": empty file\n"},
		{"binary file", []string{"extract", binary}, 1, "", "blob.txt: not a text file"},
		{"missing file", []string{"extract", filepath.Join(dir, "nope.txt")}, 1, "", "guihua: " + filepath.Join(dir, "nope.txt") + ": no such file or directory\n"},
		{"a directory", []string{"extract", dir}, 1, "", "guihua: " + dir + ": is a directory\n"},
		{"extract to stdout", []string{"extract", plan}, 0, `"region": "泗阳县"`, ""},
		{"extract to a file", []string{"extract", "-o", out, plan}, 0, "", ""},
		{"validate", []string{"validate", out}, 0, out + ": ok\n", ""},
		{"validate a non-output", []string{"validate", empty}, 1, "", empty + ": not valid JSON"},
		{"validate a missing file", []string{"validate", filepath.Join(dir, "nope.json")}, 1, "", filepath.Join(dir, "nope.json") + ": no such file or directory\n"},
		{"schema", []string{"schema"}, 0, "2020-12", ""},
		{"text", []string{"text", plan}, 0, "泗阳县“十四五”卫生健康发展规划", ""},
		{"review to stdout", []string{"review", plan}, 0, `<mark class="k-indicator" data-ref="I0">`, ""},
		{"review to a file", []string{"review", "-o", filepath.Join(dir, "out", "plan.review.html"), plan}, 0, "", ""},
		{"review without a file", []string{"review"}, 2, "", "guihua review: "},
		{"review of a missing file", []string{"review", filepath.Join(dir, "nope.txt")}, 1, "", "no such file or directory"},
		{"version", []string{"version"}, 0, "guihua " + version + "\n", ""},
		{"--version", []string{"--version"}, 0, "guihua " + version + "\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stdout %.200q / stderr %.200q: want %q / %q", stdout.String(), stderr.String(), tt.stdout, tt.stderr)
			}
			if tt.stderr == "" && stderr.Len() > 0 {
				t.Errorf("stderr %q, want nothing", stderr.String())
			}
		})
	}
	// the text rendering of a .txt plan is the file itself
	var stdout bytes.Buffer
	run([]string{"text", plan}, &stdout, &bytes.Buffer{})
	orig, _ := os.ReadFile(plan)
	if stdout.String() != string(orig) {
		t.Error("guihua text of a .txt plan differs from the file")
	}
}

// TestUsageErrors: every command line mistake exits 2 and prints one
// message, "guihua CMD: …", followed by that command's usage, on stderr
// only.
func TestUsageErrors(t *testing.T) {
	plan := filepath.Join("..", "..", "corpus", "plans", "001_1d076eee4dc96132.txt")
	tests := []struct {
		args []string
		msg  string // the first line of stderr
	}{
		{[]string{"extract", "--bogus", plan}, "guihua extract: flag provided but not defined: -bogus"},
		{[]string{"extract"}, "guihua extract: takes exactly one FILE"},
		{[]string{"extract", plan, plan}, "guihua extract: takes exactly one FILE"},
		{[]string{"text", "--bogus", plan}, "guihua text: flag provided but not defined: -bogus"},
		{[]string{"text"}, "guihua text: takes exactly one FILE"},
		{[]string{"schema", "x"}, "guihua schema: takes no arguments"},
		{[]string{"schema", "--bogus"}, "guihua schema: flag provided but not defined: -bogus"},
		{[]string{"validate", "--bogus", plan}, "guihua validate: flag provided but not defined: -bogus"},
		{[]string{"validate"}, "guihua validate: needs at least one file"},
		{[]string{"version", "--bogus"}, "guihua version: flag provided but not defined: -bogus"},
		{[]string{"version", "x"}, "guihua version: takes no arguments"},
		{[]string{"batch", "--bogus", plan}, "guihua batch: flag provided but not defined: -bogus"},
		{[]string{"batch"}, "guihua batch: needs at least one PATH"},
		{[]string{"batch", "-j", "0", plan}, "guihua batch: -j must be at least 1"},
		{[]string{"batch", "-j", "x", plan}, `guihua batch: invalid value "x" for flag -j: parse error`},
		{[]string{"check", "--bogus"}, "guihua check: flag provided but not defined: -bogus"},
		{[]string{"check", plan}, "guihua check: needs --golden DIR"},
		{[]string{"check", "--golden", "g"}, "guihua check: needs at least one PATH"},
		{[]string{"check", "--golden", "g", "--max-changes", "-1", plan}, "guihua check: --max-changes must not be negative"},
		{[]string{"export", "--bogus"}, "guihua export: flag provided but not defined: -bogus"},
		{[]string{"export", "-o", "x", plan}, "guihua export: --format must be one of csv, sqlite, jsonl"},
		{[]string{"help", "extract", "text"}, "guihua help: takes at most one COMMAND"},
		{[]string{"help", "frobnicate"}, `guihua help: unknown command "frobnicate"`},
		{[]string{"frobnicate"}, `guihua: unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := cliRun(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			first, rest, _ := strings.Cut(stderr, "\n")
			if first != tt.msg {
				t.Errorf("first line %q, want %q", first, tt.msg)
			}
			// The message once, then the usage: of the command, or the
			// overview for an unknown one.
			if strings.Contains(rest, strings.TrimPrefix(tt.msg, "guihua ")) {
				t.Errorf("message printed twice:\n%s", stderr)
			}
			wantUsage := "Usage: guihua " + tt.args[0]
			if strings.Contains(tt.msg, "unknown command") {
				wantUsage = overview()
			}
			if !strings.HasPrefix(rest, wantUsage) {
				t.Errorf("usage does not follow the message:\n%s", stderr)
			}
		})
	}
	// No command at all: the overview, exit 2.
	if code, stdout, stderr := cliRun(t); code != exitUsage || stdout != "" || stderr != overview() {
		t.Errorf("no command: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestHelp: "guihua help CMD" and "guihua CMD -h" print the command's help
// on stdout and exit 0; "guihua help" and -h print the overview.
func TestHelp(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			code, help, stderr := cliRun(t, "help", c.name)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			want := "Usage: guihua " + strings.TrimSpace(c.name+" "+c.synopsis) + "\n"
			if c.name == "help" {
				want = overview()
			}
			if !strings.HasPrefix(help, want) {
				t.Errorf("help starts %.100q, want %q", help, want)
			}
			if c.doc != "" && !strings.Contains(help, c.doc) {
				t.Errorf("help lacks the description:\n%s", help)
			}
			if c.name == "help" {
				return
			}
			code, dashH, stderr := cliRun(t, c.name, "-h")
			if code != 0 || stderr != "" || dashH != help {
				t.Errorf("%s -h: exit %d, stderr %q, stdout differs from help %s: %v", c.name, code, stderr, c.name, dashH != help)
			}
		})
	}
	if _, help, _ := cliRun(t, "help", "extract"); !strings.Contains(help, "-o file") {
		t.Errorf("help extract lacks the options:\n%s", help)
	}
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}} {
		if code, stdout, stderr := cliRun(t, args...); code != 0 || stdout != overview() || stderr != "" {
			t.Errorf("%q: exit %d, stdout %.80q, stderr %q", args, code, stdout, stderr)
		}
	}
	for _, c := range commands {
		if !strings.Contains(overview(), "  guihua "+c.name) {
			t.Errorf("the overview does not list %s", c.name)
		}
	}
}

// TestInterrupted: a long command whose context is done (as after Ctrl-C)
// exits 130 with one message and writes nothing.
func TestInterrupted(t *testing.T) {
	plans := cliCorpus(t, ".txt")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		args func(out string) []string
	}{
		{"batch", func(out string) []string { return append([]string{"batch", "-o", out}, plans...) }},
		{"check", func(out string) []string { return append([]string{"check", "--update", "--golden", out}, plans...) }},
		{"export csv", func(out string) []string { return append([]string{"export", "--format", "csv", "-o", out}, plans...) }},
		{"export sqlite", func(out string) []string {
			return append([]string{"export", "--format", "sqlite", "-o", filepath.Join(out, "x.db")}, plans...)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			var stdout, stderr bytes.Buffer
			code := runContext(ctx, tt.args(out), &stdout, &stderr)
			if code != exitInterrupted {
				t.Errorf("exit %d, want %d\n%s", code, exitInterrupted, stderr.String())
			}
			if n := strings.Count(stderr.String(), "interrupted"); n != 1 || !strings.HasSuffix(stderr.String(), "guihua: interrupted\n") {
				t.Errorf("stderr:\n%s", stderr.String())
			}
			for _, f := range cliFiles(t, filepath.Dir(out)) {
				if f != "out/.guihua-batch.json" { // batch's manifest, always written
					t.Errorf("written: %s", f)
				}
			}
		})
	}
}

// TestNeverOverwriteInput: an output that names an input is refused with
// exit 2, and the input is left as it was.
func TestNeverOverwriteInput(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.txt")
	cliCopy(t, cliCorpus(t, ".txt")[0], plan)
	orig, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("plan.txt", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(plan, filepath.Join(dir, "hard.txt")); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "sub", "other.txt")
	cliCopy(t, cliCorpus(t, ".txt")[1], other)
	tests := []struct {
		name string
		args []string
	}{
		{"extract -o INPUT INPUT", []string{"extract", "-o", plan, plan}},
		{"extract INPUT -o INPUT", []string{"extract", plan, "-o", plan}},
		{"another spelling", []string{"extract", "-o", filepath.Join(dir, "sub", "..", "plan.txt"), plan}},
		{"a relative spelling", []string{"extract", "-o", cliRel(t, plan), plan}},
		{"a symbolic link", []string{"extract", "-o", filepath.Join(dir, "link.txt"), plan}},
		{"a hard link", []string{"extract", "-o", filepath.Join(dir, "hard.txt"), plan}},
		{"export jsonl", []string{"export", "--format", "jsonl", "-o", plan, other, plan}},
		{"export sqlite onto an input found in a directory", []string{"export", "--format", "sqlite", "-o", plan, filepath.Join(dir, "sub"), dir}},
		{"export sqlite onto a link", []string{"export", "--format", "sqlite", "-o", filepath.Join(dir, "link.txt"), plan}},
		{"export csv into an input", []string{"export", "--format", "csv", "-o", plan, plan}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cliRun(t, tt.args...)
			if code != exitUsage || !strings.Contains(stderr, "would overwrite the input") || strings.Count(stderr, "would overwrite") != 1 {
				t.Errorf("exit %d\n%s%s", code, stdout, stderr)
			}
			if data, err := os.ReadFile(plan); err != nil || !bytes.Equal(data, orig) {
				t.Fatalf("input changed (%v)", err)
			}
			if fi, err := os.Lstat(filepath.Join(dir, "link.txt")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Fatalf("link replaced (%v)", err)
			}
		})
	}
	// An output beside the input is fine.
	if code, _, stderr := cliRun(t, "extract", "-o", plan+".json", plan); code != 0 {
		t.Errorf("extract -o beside the input: exit %d\n%s", code, stderr)
	}
}

// cliRel is path relative to the working directory.
func cliRel(t *testing.T, path string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

// TestInterruptSignal sends SIGINT or SIGTERM to check and export running
// as a process (batch: TestBatchInterrupt): each stops with status 130 and
// "guihua: interrupted", once it has started work.
func TestInterruptSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs subprocesses")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	files := cliCorpus(t, ".txt")
	const n = 80
	for i := range n {
		cliCopy(t, files[i%len(files)], filepath.Join(in, fmt.Sprintf("%03d.txt", i+1)))
	}
	// export reports an input that fails as soon as it is taken: the first.
	if err := os.WriteFile(filepath.Join(in, "000.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		sig     os.Signal
		started string // a line, on stdout or stderr, that shows work has started
		out     string // must not exist afterwards
	}{
		{"check SIGINT", []string{"check", "-j", "2", "--golden", filepath.Join(dir, "golden"), in}, syscall.SIGINT, "MISSING ", ""},
		{"check SIGTERM", []string{"check", "-j", "2", "--golden", filepath.Join(dir, "golden"), in}, syscall.SIGTERM, "MISSING ", ""},
		{"export SIGINT", []string{"export", "-k", "-j", "2", "--format", "sqlite", "-o", filepath.Join(dir, "x.db"), in}, syscall.SIGINT, "FAIL ", filepath.Join(dir, "x.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestBatchHelperProcess$", "--"}, tt.args...)...)
			cmd.Env = append(os.Environ(), "GUIHUA_TEST_HELPER=1")
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stdout, cmd.Stderr = w, w
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			w.Close()
			var log strings.Builder
			sc := bufio.NewScanner(r)
			signaled := false
			for sc.Scan() {
				log.WriteString(sc.Text() + "\n")
				if !signaled && strings.HasPrefix(sc.Text(), tt.started) {
					cmd.Process.Signal(tt.sig)
					signaled = true
				}
			}
			r.Close()
			cmd.Wait()
			if !signaled {
				t.Fatalf("never saw work start:\n%s", log.String())
			}
			if code := cmd.ProcessState.ExitCode(); code != exitInterrupted || strings.Count(log.String(), "guihua: interrupted\n") != 1 {
				t.Errorf("exit %d, want %d\n%s", code, exitInterrupted, log.String())
			}
			if tt.out != "" {
				if _, err := os.Stat(tt.out); err == nil {
					t.Errorf("%s written", tt.out)
				}
			}
		})
	}
}
