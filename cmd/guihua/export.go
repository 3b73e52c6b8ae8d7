package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/guihua-project/guihua/internal/batch"
	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/internal/export"
	"github.com/guihua-project/guihua/internal/plan"
)

const exportSynopsis = "--format csv|sqlite|jsonl -o OUT [-j N] [-k] PATH..."

const exportDoc = `Exports plans: PATH may be extraction outputs (.json, checked against the
schema) or plans (.txt .docx .html .htm, extracted on the fly), as files,
directories or globs; they are taken in order of their paths.
  csv     OUT is a directory: indicators.csv (one row per indicator value),
          facilities.csv (one row per facility and bed value), projects.csv
          (one row per project item); UTF-8 with BOM, byte-identical for the
          same inputs.
  sqlite  OUT is the database file: tables documents, indicators,
          indicator_values, facilities, facility_beds, projects,
          project_items; views targets_2025 (one row per region and
          indicator code), targets_2025_by_code (one row per code:
          min/max/average of the levels only, changes shown apart) and
          indicator_names (one row per code and printed name, uncoded
          names with code NULL).
  jsonl   OUT is a file, or - for stdout: one compact output per line.
Everything is written to temporary files renamed into place at the end. If
an input fails, nothing is written unless -k. An OUT that would overwrite
an input is refused. Exit status 0 ok, 1 some input failed, 2 bad usage,
130 interrupted (nothing is written).`

func cmdExport(ctx context.Context, fs *flagSet, args []string, stdout, stderr io.Writer) error {
	format := fs.String("format", "", "output `format`: "+strings.Join(export.Formats, ", "))
	out := fs.String("o", "", "output `path` (directory for csv, file for sqlite and jsonl, - for jsonl on stdout)")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "number of inputs read or extracted at once")
	keepGoing := fs.Bool("k", false, "export the inputs that could be read even if others failed (exit status still 1)")
	paths, err := fs.parse(args)
	switch {
	case err != nil:
		return err
	case !slices.Contains(export.Formats, *format):
		return fs.usageErr("--format must be one of %s", strings.Join(export.Formats, ", "))
	case *out == "":
		return fs.usageErr("needs -o OUT")
	case *out == "-" && *format != "jsonl":
		return fs.usageErr("only jsonl can be written to stdout")
	case len(paths) == 0:
		return fs.usageErr("needs at least one PATH")
	case *workers < 1:
		return fs.usageErr("-j must be at least 1")
	}

	found, inputs := outputsOrPlans(paths)
	for _, dest := range exportDestinations(*format, *out) {
		for _, in := range inputs {
			if sameFile(dest, in.Path) {
				return fs.usageErr("-o %s would overwrite the input %s", *out, in.Path)
			}
		}
	}
	failed := 0
	for _, p := range found.Problems {
		fmt.Fprintf(stderr, "FAIL %s: %v\n", p.Path, p.Err)
		failed++
	}
	if failed > 0 && !*keepGoing {
		return fmt.Errorf("%d input%s failed; nothing exported (-k exports the rest)", failed, plural(failed))
	}
	c, err := convert.New()
	if err != nil {
		return err
	}
	var w export.Writer
	if *format == "jsonl" {
		w, err = export.NewJSONL(*out, stdout)
	} else {
		w, err = export.New(*format, *out)
	}
	if err != nil {
		return err
	}
	defer w.Abort() // no-op after Commit

	type loaded struct {
		p   *plan.Plan
		raw []byte
		err error
	}
	var plans, values, facilities, items int
	seen := make(map[string]string) // source sha256 → first input
	work := func(_ context.Context, i int) loaded {
		p, raw, err := export.Load(c, inputs[i].Path)
		return loaded{p, raw, err}
	}
	emit := func(i int, l loaded) error {
		if l.err != nil {
			failed++
			fmt.Fprintf(stderr, "FAIL %s: %s\n", inputs[i].Path, convert.Reason(inputs[i].Path, l.err))
			if !*keepGoing {
				return errStopExport
			}
			return nil
		}
		if prev, dup := seen[l.p.Source.SHA256]; dup {
			fmt.Fprintf(stderr, "note: %s is the same document as %s (sha256 %.12s…); both are exported\n", inputs[i].Path, prev, l.p.Source.SHA256)
		} else {
			seen[l.p.Source.SHA256] = inputs[i].Path
		}
		if err := w.Add(l.p, l.raw); err != nil {
			return fmt.Errorf("%s: %w", inputs[i].Path, err)
		}
		plans++
		for _, in := range l.p.Indicators {
			values += len(in.Values)
		}
		facilities += len(l.p.Facilities)
		for _, pr := range l.p.Projects {
			items += len(pr.Items)
		}
		return nil
	}
	_, err = batch.ForEach(ctx, len(inputs), *workers, true, work, emit)
	switch {
	case errors.Is(err, errStopExport):
		return fmt.Errorf("%d input%s failed; nothing exported (-k exports the rest)", failed, plural(failed))
	case err != nil:
		return err
	case ctx.Err() != nil:
		return ctx.Err() // nothing exported: w.Abort removes it all
	}
	if err := w.Commit(); err != nil {
		return err
	}
	where := *out
	if where == "-" {
		where = "stdout"
	}
	fmt.Fprintf(stderr, "exported %d plan%s (%d indicator values, %d facilities, %d project items) as %s to %s\n",
		plans, plural(plans), values, facilities, items, *format, where)
	if failed > 0 {
		return fmt.Errorf("%d input%s failed and %s left out", failed, plural(failed), map[bool]string{true: "was", false: "were"}[failed == 1])
	}
	return nil
}

var errStopExport = errors.New("stop export")

// exportDestinations are the files an export to out writes (with out
// itself, which is a directory for csv).
func exportDestinations(format, out string) []string {
	switch {
	case out == "-":
		return nil
	case format == "csv":
		return []string{out,
			filepath.Join(out, export.IndicatorsCSV),
			filepath.Join(out, export.FacilitiesCSV),
			filepath.Join(out, export.ProjectsCSV)}
	}
	return []string{out}
}

// outputsOrPlans finds the extraction outputs (.json) and the plans below
// paths, sorted by path, each once: what export and indicators read.
func outputsOrPlans(paths []string) (batch.Found, []batch.Input) {
	found := batch.Discover(paths, append([]string{".json"}, batch.PlanExts...))
	inputs := found.Inputs
	slices.SortStableFunc(inputs, func(a, b batch.Input) int { return strings.Compare(a.Path, b.Path) })
	inputs = slices.CompactFunc(inputs, func(a, b batch.Input) bool { return a.Path == b.Path })
	return found, inputs
}
