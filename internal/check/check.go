// Package check compares the extraction outputs of plans with their golden
// files: the job of `guihua check`, which CI pipelines run.
//
// Run finds the plans under the paths it is given (files, directories
// walked recursively, glob patterns: batch.Discover), extracts each one and
// compares its output semantically (package golden) with its golden file,
// GoldenPath(dir, input): the golden directory joined with the input's base
// name and ".json" (corpus/plans/a.txt → DIR/a.txt.json). Only source.path
// may differ, so a plan checked from a copy elsewhere is the same output.
//
// Each input ends as one Result: OK, Drift (the changes are listed), Missing
// (no golden file), Corrupt (the golden file is not a JSON object, e.g.
// truncated) or Failed (the path names no plan, or the plan cannot be read
// or extracted, or its golden cannot be read). With Options.Update, the
// golden of every input that drifted, is missing or is corrupt is rewritten
// with the output (atomically), so that a second run reports it OK.
//
// Two inputs with the same base name (a/plan.txt, b/plan.txt) share one
// golden file. Both are compared with it; with Update, the second is
// refused as Failed rather than overwriting what the first one wrote.
package check

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/guihua-project/guihua/internal/atomicfile"
	"github.com/guihua-project/guihua/internal/batch"
	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/internal/golden"
)

// Status is the outcome of checking one input.
type Status int

// The outcomes, in the order a report counts them.
const (
	OK      Status = iota // the output equals the golden (source.path aside)
	Drift                 // the output differs from the golden: Result.Changes
	Missing               // there is no golden file
	Corrupt               // the golden file is not an output (not a JSON object): Result.Err
	Failed                // no plan, or it cannot be read or extracted, or its golden cannot be read: Result.Err
)

func (s Status) String() string {
	switch s {
	case OK:
		return "ok"
	case Drift:
		return "drift"
	case Missing:
		return "missing"
	case Corrupt:
		return "corrupt"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Options control Run.
type Options struct {
	// Golden is the directory of the golden files.
	Golden string
	// Paths are the plans to check: files, directories and glob patterns.
	Paths []string
	// Update rewrites the goldens of inputs that drifted, are missing or
	// are corrupt.
	Update bool
	// Workers is the number of plans extracted at once; <= 0 means the
	// number of CPUs.
	Workers int
	// OnResult, if set, is called with every Result as it is decided, one
	// call at a time, in the order of Report.Results.
	OnResult func(Result)
}

// Result is the outcome for one input.
type Result struct {
	// Path is the input (or, when Status is Failed, possibly a path
	// argument that named no plan).
	Path string
	// Golden is the input's golden file ("" when Path named no plan).
	Golden string
	Status Status
	// Changes are the differences from the golden, with Drift.
	Changes []golden.Change
	// Err says what went wrong, with Corrupt and Failed. Its text starts
	// with "<Path>: " (convert.Reason cuts it off).
	Err error
	// Updated is set when Update rewrote the golden.
	Updated bool
	// UpdateErr is set when Update could not write the golden.
	UpdateErr error
}

// Report is the outcome of Run.
type Report struct {
	// Results are in input order: first the paths that named no plan, then
	// every input found.
	Results []Result
	// Ignored are file arguments that are outputs (.json), not plans.
	Ignored []string
}

// Count is the number of results with status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, res := range r.Results {
		if res.Status == s {
			n++
		}
	}
	return n
}

// Updated is the number of goldens written.
func (r *Report) Updated() int {
	n := 0
	for _, res := range r.Results {
		if res.Updated {
			n++
		}
	}
	return n
}

// Failures is the number of inputs that failed, plus the goldens that
// could not be written.
func (r *Report) Failures() int {
	n := r.Count(Failed)
	for _, res := range r.Results {
		if res.UpdateErr != nil {
			n++
		}
	}
	return n
}

// Differences is the number of inputs whose golden differs, is missing or
// is corrupt and was not rewritten.
func (r *Report) Differences() int {
	n := 0
	for _, res := range r.Results {
		if (res.Status == Drift || res.Status == Missing || res.Status == Corrupt) && !res.Updated {
			n++
		}
	}
	return n
}

// GoldenPath is the golden file of input in the golden directory dir.
func GoldenPath(dir, input string) string {
	return filepath.Join(dir, filepath.Base(input)+".json")
}

// outcome is a worker's result: the Result so far and the output, which
// Update writes.
type outcome struct {
	res      Result
	got      []byte
	canceled bool
}

// Run checks every plan found under opt.Paths against its golden file in
// opt.Golden, with c. A plan that fails is a Result, not an error: Run
// returns an error only when opt is unusable or ctx is done before every
// input was checked (ctx's error, context.Canceled after an interrupt);
// the Report then holds the inputs checked so far.
func Run(ctx context.Context, c *convert.Converter, opt Options) (Report, error) {
	var rep Report
	if opt.Golden == "" {
		return rep, errors.New("check: no golden directory")
	}
	found := batch.Discover(opt.Paths, batch.PlanExts)
	rep.Ignored = found.Ignored
	add := func(res Result) {
		rep.Results = append(rep.Results, res)
		if opt.OnResult != nil {
			opt.OnResult(res)
		}
	}
	for _, p := range found.Problems {
		add(Result{Path: p.Path, Status: Failed, Err: p})
	}

	inputs := found.Inputs
	work := func(ctx context.Context, i int) outcome {
		if ctx.Err() != nil {
			return outcome{canceled: true}
		}
		return compare(c, inputs[i].Path, GoldenPath(opt.Golden, inputs[i].Path))
	}
	owner := make(map[string]string) // golden → the first input checked against it
	canceled := false
	emit := func(i int, out outcome) error {
		if out.canceled {
			canceled = true
			return nil
		}
		res := out.res
		if prev, shared := owner[res.Golden]; shared && opt.Update && res.Status != Failed {
			res = Result{Path: res.Path, Golden: res.Golden, Status: Failed,
				Err: fmt.Errorf("%s: not updating %s: it is also the golden of %s (same file name)", res.Path, res.Golden, prev)}
		} else if !shared {
			owner[res.Golden] = res.Path
		}
		if opt.Update && (res.Status == Drift || res.Status == Missing || res.Status == Corrupt) {
			if err := atomicfile.Write(res.Golden, out.got, 0o644); err != nil {
				res.UpdateErr = err
			} else {
				res.Updated = true
			}
		}
		add(res)
		return nil
	}
	started, err := batch.ForEach(ctx, len(inputs), opt.Workers, true, work, emit)
	if err == nil && ctx.Err() != nil && (canceled || started < len(inputs)) {
		err = ctx.Err()
	}
	return rep, err
}

// compare extracts one input and compares the output with its golden.
func compare(c *convert.Converter, path, goldenPath string) outcome {
	out := outcome{res: Result{Path: path, Golden: goldenPath}}
	fail := func(err error) outcome {
		out.res.Status, out.res.Err = Failed, err
		return out
	}
	data, err := convert.ReadFile(path)
	if err != nil {
		return fail(err)
	}
	if out.got, err = c.JSON(path, data); err != nil {
		return fail(err)
	}
	want, err := convert.ReadFile(goldenPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		out.res.Status = Missing
		return out
	case err != nil:
		return fail(fmt.Errorf("%s: read golden %w", path, err))
	}
	changes, err := golden.Diff(want, out.got)
	var bad *golden.InputError
	switch {
	case errors.As(err, &bad) && bad.Want:
		out.res.Status = Corrupt
		out.res.Err = fmt.Errorf("%s: golden %s: %w", path, goldenPath, bad.Err)
	case err != nil: // the output got is not an object: cannot happen after c.JSON
		return fail(fmt.Errorf("%s: %w", path, err))
	case len(changes) > 0:
		out.res.Status, out.res.Changes = Drift, changes
	default:
		out.res.Status = OK
	}
	return out
}
