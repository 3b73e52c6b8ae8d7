package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/vbauerster/cupwriter"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/guihua-project/guihua/internal/batch"
	"github.com/guihua-project/guihua/internal/convert"
)

// exitInterrupted is the exit status after SIGINT/SIGTERM (128+2, as shells do).
const exitInterrupted = 130

const batchSynopsis = `batch [-o OUTDIR|-] [-j N] [--force] [-q] PATH...

Converts every plan under PATH (files, directories walked recursively, glob
patterns; .txt .docx .html .htm; hidden files and .json skipped) and writes
OUTDIR/<path relative to its PATH argument>.json atomically (a plain file
argument gives OUTDIR/<base name>.json). With -o - the outputs go to stdout
as JSON Lines in input order. Re-running skips inputs whose output is up to
date: same input sha256, same source path, same schema_version, written by
the same guihua build (recorded in OUTDIR/.guihua-batch.json); --force
converts everything again. A file that fails is reported and the others go
on. Exit status: 0 all converted or skipped, 1 some failed, 2 bad usage,
130 interrupted (Ctrl-C: no new file is started, nothing half-written
remains; a second Ctrl-C kills at once).

Options:`

// cmdBatch runs "guihua batch" and returns the exit status.
func cmdBatch(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("batch", batchSynopsis, stderr)
	outDir := fs.String("o", "out", "output `dir`ectory, or - for JSON Lines on stdout")
	workers := fs.Int("j", runtime.NumCPU(), "number of files converted at once")
	force := fs.Bool("force", false, "convert even when the output is up to date")
	quiet := fs.Bool("q", false, "print only failures and the summary")
	paths, err := parseInterspersed(fs, args)
	if err == nil && len(paths) == 0 {
		fs.Usage()
		err = fmt.Errorf("%w: batch needs at least one PATH", errUsage)
	}
	if err == nil && *workers < 1 {
		err = fmt.Errorf("%w: -j must be at least 1", errUsage)
	}
	if err == nil && *outDir == "" {
		err = fmt.Errorf("%w: -o must name a directory or -", errUsage)
	}
	if err != nil {
		return exitStatus(err, stderr)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal gets the default behaviour: exit at once
	}()

	start := time.Now()
	found := batch.Discover(paths, batch.PlanExts)
	for _, p := range found.Ignored {
		fmt.Fprintf(stderr, "ignored %s: a .json file is an output, not a plan\n", p)
	}
	c, err := convert.New()
	if err != nil {
		return exitStatus(err, stderr)
	}

	opt := batch.Options{Workers: *workers, Force: *force, Tool: toolIdentity(version)}
	if *outDir == "-" {
		opt.JSONL = stdout
	} else {
		opt.OutDir = *outDir
	}
	prog := newProgress(stderr, len(found.Inputs), *quiet)
	for _, p := range found.Problems {
		prog.log("FAIL %s: %v", p.Path, p.Err)
	}
	opt.OnResult = prog.result
	sum, runErr := batch.Run(ctx, c, found.Inputs, opt)
	prog.finish(sum.Interrupted)
	sum.Elapsed = time.Since(start)

	failed := sum.Failed + len(found.Problems)
	fmt.Fprintf(stderr, "%d converted, %d skipped, %d failed", sum.Converted, sum.Skipped, failed)
	if sum.NotRun > 0 {
		fmt.Fprintf(stderr, ", %d not run", sum.NotRun)
	}
	fmt.Fprintf(stderr, " of %d in %s (%.1f plans/s)\n", sum.Total+len(found.Problems),
		sum.Elapsed.Round(time.Millisecond), sum.PlansPerSecond())
	if failed > 0 {
		fmt.Fprintln(stderr, "failed:")
		for _, p := range found.Problems {
			fmt.Fprintf(stderr, "  %s: %v\n", p.Path, p.Err)
		}
		for _, r := range sum.Failures {
			fmt.Fprintf(stderr, "  %s: %s\n", r.Input.Path, r.Reason())
		}
	}
	switch {
	case runErr != nil:
		return exitStatus(runErr, stderr)
	case sum.Interrupted:
		fmt.Fprintln(stderr, "guihua: interrupted")
		return exitInterrupted
	case failed > 0:
		return 1
	}
	return 0
}

// progress reports batch results on stderr: a bar when stderr is a
// terminal, plain log lines otherwise.
type progress struct {
	w     io.Writer
	total int
	quiet bool
	done  int
	p     *mpb.Progress // nil without a terminal
	bar   *mpb.Bar
}

func newProgress(w io.Writer, total int, quiet bool) *progress {
	pr := &progress{w: w, total: total, quiet: quiet}
	if total > 0 && isTerminal(w) {
		pr.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(40), mpb.WithRefreshRate(120*time.Millisecond))
		pr.bar = pr.p.AddBar(int64(total),
			mpb.PrependDecorators(decor.Name("converting "), decor.CountersNoUnit("%d/%d")),
			mpb.AppendDecorators(decor.Percentage(decor.WCSyncSpace), decor.Name(" "), decor.AverageETA(decor.ET_STYLE_GO)),
		)
	}
	return pr
}

// log prints one line, above the bar when there is one.
func (pr *progress) log(format string, args ...any) {
	line := fmt.Sprintf(format, args...) + "\n"
	if pr.p != nil {
		if _, err := io.WriteString(pr.p, line); err == nil {
			return
		}
	}
	io.WriteString(pr.w, line)
}

func (pr *progress) result(r batch.Result) {
	pr.done++
	if pr.bar != nil {
		pr.bar.Increment()
		if r.Status == batch.Failed {
			pr.log("FAIL %s: %s", r.Input.Path, r.Reason())
		}
		return
	}
	width := len(fmt.Sprint(pr.total))
	prefix := fmt.Sprintf("[%*d/%d]", width, pr.done, pr.total)
	switch r.Status {
	case batch.Failed:
		pr.log("%s FAIL %s: %s", prefix, r.Input.Path, r.Reason())
	case batch.Converted:
		if !pr.quiet {
			if r.Output != "" {
				pr.log("%s ok   %s -> %s (%s)", prefix, r.Input.Path, r.Output, r.Duration.Round(time.Millisecond))
			} else {
				pr.log("%s ok   %s (%s)", prefix, r.Input.Path, r.Duration.Round(time.Millisecond))
			}
		}
	case batch.Skipped:
		if !pr.quiet {
			pr.log("%s skip %s (up to date: %s)", prefix, r.Input.Path, r.Output)
		}
	}
}

// finish stops the bar, leaving it as drawn last.
func (pr *progress) finish(interrupted bool) {
	if pr.p == nil {
		return
	}
	if pr.bar.Current() < int64(pr.total) || interrupted {
		pr.bar.Abort(false)
	}
	pr.p.Wait()
}

// isTerminal reports whether w is a terminal (an *os.File on a TTY).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && cupwriter.New(f, false).IsTerminal()
}

// toolIdentity names this build for the batch manifest: the version plus a
// fingerprint of the executable, so that a rebuilt guihua with the same
// version string (every development build) does not keep outputs made by
// another build.
func toolIdentity(version string) string {
	exe, err := os.Executable()
	if err != nil {
		return version
	}
	f, err := os.Open(exe)
	if err != nil {
		return version
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return version
	}
	return version + "+exe." + hex.EncodeToString(h.Sum(nil))[:16]
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments (up to a "--") and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// fs.Parse stops at the first non-flag, or after a "--".
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// exitStatus prints a command's error and returns the exit status: 0, 2 for
// bad usage, 130 after an interrupt, else 1.
func exitStatus(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(stderr, "guihua:", err)
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "guihua: interrupted")
		return exitInterrupted
	default:
		fmt.Fprintln(stderr, "guihua:", strings.TrimSpace(err.Error()))
		return 1
	}
}
