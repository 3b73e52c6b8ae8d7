package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/guihua-project/guihua/internal/check"
	"github.com/guihua-project/guihua/internal/convert"
)

const checkSynopsis = "[--update] --golden DIR [-j N] [--max-changes N] PATH..."

const checkDoc = `Extracts every plan under PATH (files, directories, globs) and compares the
output with its golden file DIR/<input file name>.json (corpus/plans/a.txt →
DIR/a.txt.json). Differences are printed as a semantic diff: document fields,
indicators and their values, facilities, projects, headings, table rows and
warnings added, removed or changed, with their line spans. Only source.path
may differ. Exit status 1 on any difference, missing or corrupt golden or
failed extraction; with --update the goldens that differ, are missing or are
corrupt are rewritten (atomically) and the exit status is 0 unless an
extraction failed. Exit status 2 on bad usage, 130 when interrupted.`

func cmdCheck(ctx context.Context, fs *flagSet, args []string, stdout, stderr io.Writer) error {
	dir := fs.String("golden", "", "`dir`ectory of the golden outputs")
	update := fs.Bool("update", false, "rewrite goldens that differ, are missing or are corrupt")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "number of files extracted at once")
	maxChanges := fs.Int("max-changes", 200, "print at most `N` changes per file (0: all)")
	paths, err := fs.parse(args)
	switch {
	case err != nil:
		return err
	case *dir == "":
		return fs.usageErr("needs --golden DIR")
	case len(paths) == 0:
		return fs.usageErr("needs at least one PATH")
	case *workers < 1:
		return fs.usageErr("-j must be at least 1")
	case *maxChanges < 0:
		return fs.usageErr("--max-changes must not be negative")
	}

	c, err := convert.New()
	if err != nil {
		return err
	}
	rep, runErr := check.Run(ctx, c, check.Options{
		Golden: *dir, Paths: paths, Update: *update, Workers: *workers,
		OnResult: func(r check.Result) { printCheckResult(stdout, r, *maxChanges) },
	})
	for _, p := range rep.Ignored {
		fmt.Fprintf(stderr, "ignored %s: a .json file is an output, not a plan\n", p)
	}
	checked := len(rep.Results)
	fmt.Fprintf(stdout, "%d checked: %d ok, %d drifted, %d missing", checked, rep.Count(check.OK), rep.Count(check.Drift), rep.Count(check.Missing))
	if n := rep.Count(check.Corrupt); n > 0 {
		fmt.Fprintf(stdout, ", %d corrupt", n)
	}
	fmt.Fprintf(stdout, ", %d failed", rep.Failures())
	if *update {
		fmt.Fprintf(stdout, ", %d golden%s written", rep.Updated(), plural(rep.Updated()))
	}
	fmt.Fprintln(stdout)
	switch {
	case runErr != nil:
		return runErr
	case rep.Failures() > 0:
		return fmt.Errorf("%d of %d inputs failed", rep.Failures(), checked)
	case rep.Differences() > 0:
		return fmt.Errorf("%d of %d inputs differ from their goldens (run with --update to accept)", rep.Differences(), checked)
	}
	return nil
}

// printCheckResult prints the lines of one input: its status, the changes
// (at most maxChanges, 0 for all), and what --update did.
func printCheckResult(w io.Writer, r check.Result, maxChanges int) {
	switch r.Status {
	case check.OK:
		fmt.Fprintf(w, "ok      %s\n", r.Path)
	case check.Failed:
		fmt.Fprintf(w, "FAIL    %s: %s\n", r.Path, convert.Reason(r.Path, r.Err))
	case check.Missing:
		fmt.Fprintf(w, "MISSING %s: no golden %s\n", r.Path, r.Golden)
	case check.Corrupt:
		fmt.Fprintf(w, "CORRUPT %s: %s\n", r.Path, convert.Reason(r.Path, r.Err))
	case check.Drift:
		n := len(r.Changes)
		fmt.Fprintf(w, "DRIFT   %s: %d change%s against %s\n", r.Path, n, plural(n), r.Golden)
		for k, ch := range r.Changes {
			if maxChanges > 0 && k == maxChanges {
				fmt.Fprintf(w, "        … and %d more\n", n-k)
				break
			}
			fmt.Fprintf(w, "        %s\n", ch)
		}
	}
	switch {
	case r.UpdateErr != nil:
		fmt.Fprintf(w, "FAIL    %s: %v\n", r.Path, r.UpdateErr)
	case r.Updated:
		fmt.Fprintf(w, "updated %s\n", r.Golden)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
