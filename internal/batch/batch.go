// Package batch converts many plan documents at once: it expands paths,
// directories and globs into inputs (Discover), runs the converter on a pool
// of workers (Run, built on ForEach), and either writes one JSON output per
// input under an output directory, mirroring the input tree, or streams the
// outputs as JSON Lines in input order.
//
// # Output files
//
// The output of input Rel is OutDir/Rel + ".json" (a/b/plan.txt →
// OUT/a/b/plan.txt.json), written atomically: a temporary file in the same
// directory is synced and renamed, so an interrupted run never leaves a
// half-written output.
//
// # Skipping up-to-date outputs
//
// The JSON output records the input's sha256, its path and the schema
// version, but not which build of guihua produced it, and a newer build may
// extract more from the same bytes under the same schema version. Run
// therefore keeps a manifest, OutDir/.guihua-batch.json, mapping each output
// it wrote to the sha256 of the input and the identity of the tool
// (Options.Tool). An input is skipped, unless Options.Force, only when all of
// these hold: the manifest records the output with the input's current
// sha256 and the same tool identity, and the output file exists, parses, and
// itself records that sha256, the same source path and the current
// schema_version. That is exactly the case where converting again would
// rewrite the same bytes. An output without a manifest entry (written by
// `guihua extract -o`, or the manifest deleted) is converted again: a
// missing record never causes a stale output to be kept.
//
// # Nothing lost when a run dies
//
// Each output's manifest entry is appended to a journal,
// OutDir/.guihua-batch.log (JournalName), as soon as the output has been
// renamed into place: one line, written whole with one write. When Run
// ends, also after a failure or an interruption, the journal is folded into
// the manifest (written atomically) and removed; a run that finds a journal
// left by a run that was killed (SIGKILL, the out-of-memory killer, a second
// Ctrl-C) folds it in first. So whatever moment the process dies at, the
// record names every output it finished, except at most the ones being
// renamed at that moment, and a re-run converts only the inputs without a
// finished output. A journal line cut short by the process's death is
// ignored. Temporary files of outputs left by a killed run are removed by
// the next run.
//
// Two runs writing to the same OutDir at the same time may lose each
// other's manifest entries; the outputs are then converted again on the
// next run, never kept stale.
//
// # Formats that need a converter
//
// Inputs in LegacyExts (.doc, .wps, .rtf, .odt, .fodt) are converted with
// LibreOffice when it is installed; otherwise they are Skipped with the
// reason in Result.Err and listed in Summary.SkippedFiles.
package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/guihua-project/guihua/internal/atomicfile"
	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/internal/reader"
	"github.com/guihua-project/guihua/internal/review"
)

// ManifestName is the name of the manifest file kept in the output
// directory.
const ManifestName = ".guihua-batch.json"

// Options control Run.
type Options struct {
	// OutDir is the directory outputs are written under. Unused when JSONL
	// is set.
	OutDir string
	// JSONL, when set, receives every output as one compact JSON line, in
	// input order; nothing is written to disk and nothing is skipped.
	JSONL io.Writer
	// Workers is the number of concurrent conversions; <= 0 means the
	// number of cores the process may use (runtime.GOMAXPROCS: the CPUs,
	// or fewer under a container's CPU quota).
	Workers int
	// Force converts every input even when its output is up to date.
	Force bool
	// Review also writes each input's review page (internal/review) beside
	// its output, as <output without .json>.review.html; an input whose page
	// is missing is converted again.
	Review bool
	// Tool identifies the build of guihua (version and build fingerprint);
	// recorded in the manifest and compared when deciding to skip.
	Tool string
	// OnResult, if set, is called once for every input that was started,
	// one call at a time, as results arrive (in input order with JSONL,
	// in completion order otherwise).
	OnResult func(Result)
}

// Status is the outcome of one input.
type Status int

const (
	Converted Status = iota // converted and written (or streamed)
	Skipped                 // output already up to date, or (Err set) a format that cannot be converted here
	Failed                  // could not be read, converted or written
	Canceled                // interrupted before its output was written
)

func (s Status) String() string {
	switch s {
	case Converted:
		return "converted"
	case Skipped:
		return "skipped"
	case Failed:
		return "failed"
	case Canceled:
		return "canceled"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Result is the outcome for one input.
type Result struct {
	Index    int // position in the inputs given to Run
	Input    Input
	Output   string // output file ("" with JSONL)
	Status   Status
	Err      error // set when Status is Failed; the reason when Skipped for another reason than up to date
	Duration time.Duration

	sha256 string // of the input, once read
	line   []byte // the compact JSON line, with JSONL
}

// Reason is Err's text without a leading "<input path>: ", for display
// next to the path.
func (r Result) Reason() string {
	if r.Err == nil {
		return ""
	}
	return convert.Reason(r.Input.Path, r.Err)
}

// Summary counts the outcomes of a Run.
type Summary struct {
	Total       int // inputs given
	Converted   int
	Skipped     int
	Failed      int
	NotRun      int // never started or discarded because the run was interrupted
	Interrupted bool
	Elapsed     time.Duration
	Failures    []Result // in input order
	// SkippedFiles are the inputs skipped for a reason (Result.Err) other
	// than being up to date, such as a .doc without LibreOffice; in input
	// order. Skipped counts them too.
	SkippedFiles []Result
}

// PlansPerSecond is the number of plans converted per second of the run.
func (s Summary) PlansPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Converted) / s.Elapsed.Seconds()
}

// Run converts inputs with c. It returns an error only when the run itself
// cannot go on (the output directory cannot be created, the JSONL writer
// fails, the manifest cannot be written); a failing input is reported in
// its Result and the Summary, and the others go on. When ctx is done, no
// new input is started, conversions already running are discarded unless
// their output is already written, and Summary.Interrupted is set.
func Run(ctx context.Context, c *convert.Converter, inputs []Input, opt Options) (Summary, error) {
	start := time.Now()
	sum := Summary{Total: len(inputs)}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	var r runner
	r.c, r.opt = c, opt
	outputs := make([]string, len(inputs))
	collide := make(map[int]error)
	if opt.JSONL == nil {
		if opt.OutDir == "" {
			return sum, errors.New("batch: no output directory")
		}
		if err := os.MkdirAll(opt.OutDir, 0o755); err != nil {
			return sum, fmt.Errorf("create output directory: %w", err)
		}
		m, journaled, err := loadManifest(opt.OutDir)
		if err != nil {
			return sum, err
		}
		if journaled { // left by a run that was killed
			if err := m.compact(opt.OutDir); err != nil {
				return sum, err
			}
			removeStaleTemps(opt.OutDir, start)
		}
		r.manifest = m
		if r.journal, err = openJournal(opt.OutDir); err != nil {
			return sum, err
		}
		owner := make(map[string]int)
		for i, in := range inputs {
			rel, err := outputRel(in.Rel)
			if err != nil {
				collide[i] = err
				continue
			}
			outputs[i] = filepath.Join(opt.OutDir, filepath.FromSlash(rel))
			if j, ok := owner[rel]; ok {
				collide[i] = fmt.Errorf("output %s would overwrite the output of %s", outputs[i], inputs[j].Path)
				continue
			}
			owner[rel] = i
		}
	}

	if slices.ContainsFunc(inputs, func(in Input) bool { return isLegacy(in.Path) }) {
		r.noLibreOffice = reader.LibreOffice() == ""
	}

	work := func(ctx context.Context, i int) Result {
		res := Result{Index: i, Input: inputs[i], Output: outputs[i]}
		if err := collide[i]; err != nil {
			res.Status, res.Err = Failed, err
			return res
		}
		t0 := time.Now()
		r.one(ctx, &res)
		res.Duration = time.Since(t0)
		return res
	}
	streamCut := false // with JSONL, after an interruption: keep stdout a prefix of the full stream
	emit := func(i int, res Result) error {
		if opt.JSONL != nil && (res.Status == Canceled || streamCut && res.Status == Converted) {
			streamCut = true
			res.Status, res.line = Canceled, nil
		}
		switch res.Status {
		case Converted:
			sum.Converted++
			if opt.JSONL != nil {
				if _, err := opt.JSONL.Write(res.line); err != nil {
					return fmt.Errorf("write JSON Lines: %w", err)
				}
				res.line = nil
			}
		case Skipped:
			sum.Skipped++
			if res.Err != nil {
				sum.SkippedFiles = append(sum.SkippedFiles, res)
			}
		case Failed:
			sum.Failed++
			sum.Failures = append(sum.Failures, res)
		case Canceled:
			sum.NotRun++
		}
		if opt.OnResult != nil {
			opt.OnResult(res)
		}
		return nil
	}
	started, err := ForEach(ctx, len(inputs), workers, opt.JSONL != nil, work, emit)
	sum.NotRun += len(inputs) - started
	byIndex := func(a, b Result) int { return a.Index - b.Index }
	slices.SortFunc(sum.Failures, byIndex)
	slices.SortFunc(sum.SkippedFiles, byIndex)
	sum.Interrupted = ctx.Err() != nil && (sum.NotRun > 0)
	if opt.JSONL == nil {
		// Workers read r.manifest while they run; the entries of new
		// outputs, already in the journal, join it now.
		maps.Copy(r.manifest.Outputs, r.journal.close())
		if merr := r.manifest.compact(opt.OutDir); merr != nil && err == nil {
			err = merr
		}
	}
	sum.Elapsed = time.Since(start)
	return sum, err
}

// outputRel maps an input's relative path to its output's.
// ReviewPath is where the review page of an output is written:
// plan.txt.json → plan.txt.review.html.
func ReviewPath(output string) string {
	return strings.TrimSuffix(output, ".json") + ".review.html"
}

func outputRel(rel string) (string, error) {
	clean := filepath.ToSlash(filepath.Clean(filepath.FromSlash(rel)))
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") || filepath.IsAbs(clean) {
		return "", fmt.Errorf("cannot place the output of %q inside the output directory", rel)
	}
	return clean + ".json", nil
}

type runner struct {
	c        *convert.Converter
	opt      Options
	manifest *manifest // read-only while workers run
	journal  *journal
	// noLibreOffice: inputs in LegacyExts cannot be converted.
	noLibreOffice bool
}

// one processes a single input, filling res.
func (r *runner) one(ctx context.Context, res *Result) {
	if ctx.Err() != nil {
		res.Status = Canceled
		return
	}
	data, err := convert.ReadFile(res.Input.Path)
	if err != nil {
		res.Status, res.Err = Failed, err
		return
	}
	h := sha256.Sum256(data)
	res.sha256 = hex.EncodeToString(h[:])
	if r.opt.JSONL == nil && !r.opt.Force && r.upToDate(res) {
		res.Status = Skipped
		return
	}
	if r.noLibreOffice && isLegacy(res.Input.Path) {
		res.Status, res.Err = Skipped, fmt.Errorf("%s: %w", res.Input.Path, reader.NoLibreOffice(res.Input.Path))
		return
	}
	if r.opt.JSONL != nil {
		line, err := r.c.JSONLine(res.Input.Path, data)
		switch {
		case err != nil:
			res.Status, res.Err = Failed, err
		case ctx.Err() != nil:
			res.Status = Canceled
		default:
			res.Status, res.line = Converted, line
		}
		return
	}
	doc, p, err := r.c.DocumentPlan(res.Input.Path, data)
	if err != nil {
		res.Status, res.Err = Failed, err
		return
	}
	js, err := r.c.PlanJSON(res.Input.Path, p)
	if err != nil {
		res.Status, res.Err = Failed, err
		return
	}
	if ctx.Err() != nil {
		res.Status = Canceled
		return
	}
	if r.opt.Review {
		var page bytes.Buffer
		if err := review.Write(&page, doc, p); err != nil {
			res.Status, res.Err = Failed, fmt.Errorf("%s: review page: %w", res.Input.Path, err)
			return
		}
		if err := atomicfile.Write(ReviewPath(res.Output), page.Bytes(), 0o644); err != nil {
			res.Status, res.Err = Failed, err
			return
		}
	}
	if err := atomicfile.Write(res.Output, js, 0o644); err != nil {
		res.Status, res.Err = Failed, err
		return
	}
	rel, _ := outputRel(res.Input.Rel) // checked before the work started
	r.journal.add(rel, res.sha256, r.opt.Tool)
	res.Status = Converted
}

// isLegacy reports whether path has an extension in LegacyExts.
func isLegacy(path string) bool {
	return slices.Contains(LegacyExts, strings.ToLower(filepath.Ext(path)))
}

// removeStaleTemps removes the temporary files of atomic writes under dir
// last modified before t: left by a run that was killed while writing.
func removeStaleTemps(dir string, t time.Time) {
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !atomicfile.IsTemp(d.Name()) {
			return nil
		}
		if fi, err := d.Info(); err == nil && fi.ModTime().Before(t) {
			os.Remove(path)
		}
		return nil
	})
}

// upToDate reports whether res.Output already holds what converting would
// write (see the package documentation).
func (r *runner) upToDate(res *Result) bool {
	rel, err := outputRel(res.Input.Rel)
	if err != nil {
		return false
	}
	e, ok := r.manifest.Outputs[rel]
	if !ok || e.SHA256 != res.sha256 || e.Tool != r.opt.Tool {
		return false
	}
	if r.opt.Review {
		if _, err := os.Stat(ReviewPath(res.Output)); err != nil {
			return false
		}
	}
	data, err := os.ReadFile(res.Output)
	if err != nil {
		return false
	}
	var head struct {
		SchemaVersion string `json:"schema_version"`
		Source        struct {
			Path   string `json:"path"`
			SHA256 string `json:"sha256"`
		} `json:"source"`
	}
	if json.Unmarshal(data, &head) != nil {
		return false
	}
	return head.SchemaVersion == plan.SchemaVersion &&
		head.Source.SHA256 == res.sha256 &&
		head.Source.Path == res.Input.Path
}
