package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"time"

	"github.com/vbauerster/cupwriter"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/guihua-project/guihua/internal/batch"
	"github.com/guihua-project/guihua/internal/convert"
)

const batchSynopsis = "[-o OUTDIR|-] [-j N] [--force] [--review] [-q] PATH..."

const batchDoc = `Converts every plan under PATH (files, directories walked recursively, glob
patterns; .txt .docx .html .htm, and .doc .wps .rtf .odt .fodt through
LibreOffice; hidden files and .json skipped) and writes OUTDIR/<path
relative to its PATH argument>.json atomically (a plain file argument gives
OUTDIR/<base name>.json). With -o - the outputs go to stdout as JSON Lines
in input order. Re-running skips inputs whose output is up to date: same
input sha256, same source path, same schema_version, written by the same
guihua build (recorded in OUTDIR/.guihua-batch.json as each output is
written, so that a run that was killed still has its record); --force
converts everything again. --review also writes each plan's review page
(see "guihua help review") beside its output, as <name>.review.html.
Without LibreOffice, .doc .wps .rtf .odt .fodt
files are skipped and listed with the reason. A file that fails is reported
and the others go on. The summary counts the files converted, skipped (up
to date, or listed), failed and not run (after Ctrl-C), of all found.
Exit status: 0 all converted or skipped, 1 some failed, 2 bad usage, 130
interrupted (Ctrl-C: no new file is started, nothing half-written remains;
a second Ctrl-C kills at once).`

func cmdBatch(ctx context.Context, fs *flagSet, args []string, stdout, stderr io.Writer) error {
	outDir := fs.String("o", "out", "output `dir`ectory, or - for JSON Lines on stdout")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "number of files converted at once")
	force := fs.Bool("force", false, "convert even when the output is up to date")
	quiet := fs.Bool("q", false, "print only failures and the summary")
	reviews := fs.Bool("review", false, "also write each plan's review page, OUTDIR/<path>.review.html")
	paths, err := fs.parse(args)
	switch {
	case err != nil:
		return err
	case len(paths) == 0:
		return fs.usageErr("needs at least one PATH")
	case *workers < 1:
		return fs.usageErr("-j must be at least 1")
	case *outDir == "":
		return fs.usageErr("-o must name a directory or -")
	case *reviews && *outDir == "-":
		return fs.usageErr("--review writes pages beside the outputs: it needs -o OUTDIR, not -")
	}

	start := time.Now()
	found := batch.Discover(paths, slices.Concat(batch.PlanExts, batch.LegacyExts))
	for _, p := range found.Ignored {
		fmt.Fprintf(stderr, "ignored %s: a .json file is an output, not a plan\n", p)
	}
	c, err := convert.New()
	if err != nil {
		return err
	}

	opt := batch.Options{Workers: *workers, Force: *force, Review: *reviews, Tool: toolIdentity(version)}
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
	if len(sum.SkippedFiles) > 0 {
		fmt.Fprintln(stderr, "skipped:")
		for _, r := range sum.SkippedFiles {
			fmt.Fprintf(stderr, "  %s: %s\n", r.Input.Path, r.Reason())
		}
	}
	switch {
	case runErr != nil:
		return runErr
	case sum.Interrupted:
		return context.Canceled
	case failed > 0:
		return errReported
	}
	return nil
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
		switch {
		case pr.quiet:
		case r.Err != nil:
			pr.log("%s skip %s: %s", prefix, r.Input.Path, r.Reason())
		default:
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
