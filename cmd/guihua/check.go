package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"

	"github.com/guihua-project/guihua/internal/atomicfile"
	"github.com/guihua-project/guihua/internal/batch"
	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/internal/golden"
)

const checkSynopsis = `check [--update] --golden DIR [-j N] [--max-changes N] PATH...

Extracts every plan under PATH (files, directories, globs) and compares the
output with its golden file DIR/<input file name>.json (corpus/plans/a.txt →
DIR/a.txt.json). Differences are printed as a semantic diff: document fields,
indicators and their values, facilities, projects, headings, table rows and
warnings added, removed or changed, with their line spans. Only source.path
may differ. Exit status 1 on any difference, missing golden or failed
extraction; with --update the goldens that differ or are missing are
rewritten (atomically) and the exit status is 0 unless an extraction failed.

Options:`

type checkOutcome struct {
	golden  string
	got     []byte
	changes []golden.Change
	missing bool
	err     error
}

func cmdCheck(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("check", checkSynopsis, stderr)
	dir := fl.String("golden", "", "`dir`ectory of the golden outputs")
	update := fl.Bool("update", false, "rewrite goldens that differ or are missing")
	workers := fl.Int("j", runtime.NumCPU(), "number of files extracted at once")
	maxChanges := fl.Int("max-changes", 200, "print at most `N` changes per file (0: all)")
	paths, err := parseInterspersed(fl, args)
	if err != nil {
		return err
	}
	switch {
	case *dir == "":
		fl.Usage()
		return fmt.Errorf("%w: check needs --golden DIR", errUsage)
	case len(paths) == 0:
		fl.Usage()
		return fmt.Errorf("%w: check needs at least one PATH", errUsage)
	case *workers < 1:
		return fmt.Errorf("%w: -j must be at least 1", errUsage)
	case *maxChanges < 0:
		return fmt.Errorf("%w: --max-changes must not be negative", errUsage)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	found := batch.Discover(paths, batch.PlanExts)
	for _, p := range found.Ignored {
		fmt.Fprintf(stderr, "ignored %s: a .json file is an output, not a plan\n", p)
	}
	c, err := convert.New()
	if err != nil {
		return err
	}
	var ok, drifted, missing, failed, updated int
	for _, p := range found.Problems {
		fmt.Fprintf(stdout, "FAIL    %s: %v\n", p.Path, p.Err)
		failed++
	}
	owner := make(map[string]string)
	goldens := make([]string, len(found.Inputs))
	for i, in := range found.Inputs {
		goldens[i] = filepath.Join(*dir, filepath.Base(in.Path)+".json")
	}

	work := func(_ context.Context, i int) checkOutcome {
		in := found.Inputs[i]
		out := checkOutcome{golden: goldens[i]}
		data, err := batch.ReadInput(in.Path)
		if err != nil {
			out.err = fmt.Errorf("%s: %w", in.Path, err)
			return out
		}
		if out.got, err = c.JSON(in.Path, data); err != nil {
			out.err = err
			return out
		}
		want, err := os.ReadFile(out.golden)
		if errors.Is(err, fs.ErrNotExist) {
			out.missing = true
			return out
		}
		if err != nil {
			out.err = fmt.Errorf("read golden: %w", err)
			return out
		}
		if out.changes, err = golden.Diff(want, out.got); err != nil {
			out.err = fmt.Errorf("golden %s: %w", out.golden, err)
		}
		return out
	}
	emit := func(i int, out checkOutcome) error {
		in := found.Inputs[i]
		if prev, dup := owner[out.golden]; dup && *update && out.err == nil {
			out.err = fmt.Errorf("not updating %s: it is also the golden of %s (same file name)", out.golden, prev)
		}
		owner[out.golden] = in.Path
		switch {
		case out.err != nil:
			failed++
			msg := out.err.Error()
			if len(msg) > len(in.Path)+2 && msg[:len(in.Path)+2] == in.Path+": " {
				msg = msg[len(in.Path)+2:]
			}
			fmt.Fprintf(stdout, "FAIL    %s: %s\n", in.Path, msg)
			return nil
		case out.missing:
			missing++
			fmt.Fprintf(stdout, "MISSING %s: no golden %s\n", in.Path, out.golden)
		case len(out.changes) == 0:
			ok++
			fmt.Fprintf(stdout, "ok      %s\n", in.Path)
			return nil
		default:
			drifted++
			n := len(out.changes)
			fmt.Fprintf(stdout, "DRIFT   %s: %d change%s against %s\n", in.Path, n, plural(n), out.golden)
			for k, ch := range out.changes {
				if *maxChanges > 0 && k == *maxChanges {
					fmt.Fprintf(stdout, "        … and %d more\n", n-k)
					break
				}
				fmt.Fprintf(stdout, "        %s\n", ch)
			}
		}
		if *update {
			if err := atomicfile.Write(out.golden, out.got, 0o644); err != nil {
				failed++
				fmt.Fprintf(stdout, "FAIL    %s: %v\n", in.Path, err)
				return nil
			}
			updated++
			fmt.Fprintf(stdout, "updated %s\n", out.golden)
		}
		return nil
	}
	if _, err := batch.ForEach(ctx, len(found.Inputs), *workers, true, work, emit); err != nil {
		return err
	}
	checked := ok + drifted + missing + failed
	fmt.Fprintf(stdout, "%d checked: %d ok, %d drifted, %d missing, %d failed", checked, ok, drifted, missing, failed)
	if *update {
		fmt.Fprintf(stdout, ", %d golden%s written", updated, plural(updated))
	}
	fmt.Fprintln(stdout)
	switch {
	case ctx.Err() != nil:
		return errors.New("interrupted")
	case failed > 0:
		return fmt.Errorf("%d of %d inputs failed", failed, checked)
	case !*update && drifted+missing > 0:
		return fmt.Errorf("%d of %d inputs differ from their goldens (run with --update to accept)", drifted+missing, checked)
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
