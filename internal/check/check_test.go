package check

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/guihua-project/guihua/internal/convert"
)

var (
	convOnce sync.Once
	conv     *convert.Converter
	convErr  error
)

func converter(t *testing.T) *convert.Converter {
	t.Helper()
	convOnce.Do(func() { conv, convErr = convert.New() })
	if convErr != nil {
		t.Fatal(convErr)
	}
	return conv
}

// extract returns the output of a testdata plan, as Run makes it.
func extract(t *testing.T, path string) []byte {
	t.Helper()
	data, err := convert.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	js, err := converter(t).JSON(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// want is the expected result for one input.
type want struct {
	path    string // under testdata/
	status  Status
	updated bool
	// text is a substring of Reason(Err) for Failed and Corrupt, of one
	// of the changes for Drift.
	text string
}

func TestRun(t *testing.T) {
	const drift = "value `2025年` changed `7.2` → `7.1`"
	tests := []struct {
		name string
		// made are the goldens made by extracting a testdata plan (golden
		// file name → plan); copied are testdata files copied as goldens.
		made, copied map[string]string
		paths        []string // under testdata/
		update       bool
		want         []want
		ignored      []string // under testdata/
	}{
		{
			name:  "equal",
			made:  map[string]string{"a.txt.json": "plans/a.txt"},
			paths: []string{"plans/a.txt"},
			want:  []want{{"plans/a.txt", OK, false, ""}},
		},
		{
			name:  "missing",
			paths: []string{"plans/a.txt"},
			want:  []want{{"plans/a.txt", Missing, false, ""}},
		},
		{
			name:   "missing, update",
			paths:  []string{"plans/a.txt"},
			update: true,
			want:   []want{{"plans/a.txt", Missing, true, ""}},
		},
		{
			name:  "drift",
			made:  map[string]string{"a.txt.json": "changed/a.txt"},
			paths: []string{"plans/a.txt"},
			want:  []want{{"plans/a.txt", Drift, false, drift}},
		},
		{
			name:   "drift, update",
			made:   map[string]string{"a.txt.json": "changed/a.txt"},
			paths:  []string{"plans/a.txt"},
			update: true,
			want:   []want{{"plans/a.txt", Drift, true, drift}},
		},
		{
			name:   "truncated golden",
			copied: map[string]string{"a.txt.json": "corrupt/truncated.json"},
			paths:  []string{"plans/a.txt"},
			want:   []want{{"plans/a.txt", Corrupt, false, "a.txt.json: invalid JSON"}},
		},
		{
			name:   "truncated golden, update repairs it",
			copied: map[string]string{"a.txt.json": "corrupt/truncated.json"},
			paths:  []string{"plans/a.txt"},
			update: true,
			want:   []want{{"plans/a.txt", Corrupt, true, "invalid JSON"}},
		},
		{
			name:   "golden not an object, update repairs it",
			copied: map[string]string{"a.txt.json": "corrupt/array.json"},
			paths:  []string{"plans/a.txt"},
			update: true,
			want:   []want{{"plans/a.txt", Corrupt, true, "not a JSON object"}},
		},
		{
			name:   "extraction fails: no golden written",
			paths:  []string{"plans/empty.txt"},
			update: true,
			want:   []want{{"plans/empty.txt", Failed, false, "empty file"}},
		},
		{
			name:  "a path that names nothing",
			paths: []string{"nope.txt", "plans/a.txt"},
			made:  map[string]string{"a.txt.json": "plans/a.txt"},
			want: []want{
				{"nope.txt", Failed, false, "no such file"},
				{"plans/a.txt", OK, false, ""},
			},
		},
		{
			name:    "a directory, in order; an output argument is ignored",
			made:    map[string]string{"a.txt.json": "plans/a.txt", "b.txt.json": "plans/b.txt"},
			paths:   []string{"plans", "corrupt/array.json"},
			ignored: []string{"corrupt/array.json"},
			want: []want{
				{"plans/a.txt", OK, false, ""},
				{"plans/b.txt", OK, false, ""},
				{"plans/empty.txt", Failed, false, "empty file"},
			},
		},
		{
			name:  "two inputs share a golden: both compared",
			made:  map[string]string{"a.txt.json": "plans/a.txt"},
			paths: []string{"plans/a.txt", "changed/a.txt"},
			want: []want{
				{"plans/a.txt", OK, false, ""},
				{"changed/a.txt", Drift, false, "value `2025年` changed `7.1` → `7.2`"},
			},
		},
		{
			name:   "two inputs share a golden: update refuses the second",
			paths:  []string{"plans/a.txt", "changed/a.txt"},
			update: true,
			want: []want{
				{"plans/a.txt", Missing, true, ""},
				{"changed/a.txt", Failed, false, "it is also the golden of testdata/plans/a.txt (same file name)"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			before := make(map[string][]byte) // golden path → content before the run
			for name, plan := range tt.made {
				before[filepath.Join(dir, name)] = extract(t, filepath.Join("testdata", plan))
			}
			for name, file := range tt.copied {
				data, err := os.ReadFile(filepath.Join("testdata", file))
				if err != nil {
					t.Fatal(err)
				}
				before[filepath.Join(dir, name)] = data
			}
			for path, data := range before {
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var paths []string
			for _, p := range tt.paths {
				paths = append(paths, filepath.Join("testdata", p))
			}
			var streamed []Result
			rep, err := Run(context.Background(), converter(t), Options{
				Golden: dir, Paths: paths, Update: tt.update, Workers: 2,
				OnResult: func(r Result) { streamed = append(streamed, r) },
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(streamed) != len(rep.Results) {
				t.Errorf("OnResult called %d times for %d results", len(streamed), len(rep.Results))
			}
			var ignored []string
			for _, p := range tt.ignored {
				ignored = append(ignored, filepath.Join("testdata", p))
			}
			if !slices.Equal(rep.Ignored, ignored) {
				t.Errorf("ignored %q, want %q", rep.Ignored, ignored)
			}
			if len(rep.Results) != len(tt.want) {
				t.Fatalf("%d results, want %d: %+v", len(rep.Results), len(tt.want), rep.Results)
			}
			for i, w := range tt.want {
				res := rep.Results[i]
				path := filepath.Join("testdata", w.path)
				checkResult(t, res, path, w)
				if res.Golden == "" {
					continue
				}
				if res.Golden != GoldenPath(dir, path) {
					t.Errorf("%s: golden %s", path, res.Golden)
				}
				// An updated golden is the output; any other is as it was.
				got, err := os.ReadFile(res.Golden)
				switch old, had := before[res.Golden]; {
				case res.Updated:
					if !bytes.Equal(got, extract(t, path)) {
						t.Errorf("%s: updated golden is not the output (%v)", path, err)
					}
				case had && !bytes.Equal(got, old):
					t.Errorf("%s: golden changed without being updated", path)
				case !had && !errors.Is(err, fs.ErrNotExist) && !updatedBy(rep, res.Golden):
					t.Errorf("%s: golden written without being updated (%v)", path, err)
				}
			}
			if !tt.update {
				return
			}
			// After an update, checking again finds every golden equal to
			// its output (but the refused shared one).
			again, err := Run(context.Background(), converter(t), Options{Golden: dir, Paths: paths})
			if err != nil {
				t.Fatal(err)
			}
			for i, res := range again.Results {
				if rep.Results[i].Updated && res.Status != OK {
					t.Errorf("after update: %s %s %v", res.Path, res.Status, res.Err)
				}
			}
		})
	}
}

// checkResult compares one result with what is wanted.
func checkResult(t *testing.T, res Result, path string, w want) {
	t.Helper()
	if res.Path != path || res.Status != w.status || res.Updated != w.updated || res.UpdateErr != nil {
		t.Errorf("result %s %s updated=%v (%v, %v); want %s %s updated=%v",
			res.Path, res.Status, res.Updated, res.Err, res.UpdateErr, path, w.status, w.updated)
	}
	switch res.Status {
	case OK, Missing:
		if res.Err != nil || len(res.Changes) > 0 {
			t.Errorf("%s: %s with error %v and %d changes", path, res.Status, res.Err, len(res.Changes))
		}
	case Drift:
		var all []string
		for _, ch := range res.Changes {
			all = append(all, ch.String())
		}
		if !slices.ContainsFunc(all, func(s string) bool { return strings.Contains(s, w.text) }) {
			t.Errorf("%s: no change says %q:\n%s", path, w.text, strings.Join(all, "\n"))
		}
	case Failed, Corrupt:
		if res.Err == nil {
			t.Fatalf("%s: %s without an error", path, res.Status)
		}
		if !strings.HasPrefix(res.Err.Error(), path+": ") {
			t.Errorf("%s: error %q does not start with the path", path, res.Err)
		}
		if reason := convert.Reason(path, res.Err); !strings.Contains(reason, w.text) {
			t.Errorf("%s: reason %q does not say %q", path, reason, w.text)
		}
	}
}

// updatedBy reports whether some result of rep wrote golden.
func updatedBy(rep Report, golden string) bool {
	return slices.ContainsFunc(rep.Results, func(r Result) bool { return r.Golden == golden && r.Updated })
}

func TestReportCounts(t *testing.T) {
	rep := Report{Results: []Result{
		{Status: OK},
		{Status: Drift, Updated: true},
		{Status: Drift},
		{Status: Missing, UpdateErr: errors.New("disk full")},
		{Status: Corrupt},
		{Status: Failed},
	}}
	tests := []struct {
		name      string
		got, want int
	}{
		{"ok", rep.Count(OK), 1},
		{"drift", rep.Count(Drift), 2},
		{"missing", rep.Count(Missing), 1},
		{"corrupt", rep.Count(Corrupt), 1},
		{"failed", rep.Count(Failed), 1},
		{"updated", rep.Updated(), 1},
		{"failures (a golden not written is one)", rep.Failures(), 2},
		{"differences not updated", rep.Differences(), 3},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

// A golden that cannot be written is reported, and the others go on.
func TestUpdateFails(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into a read-only directory")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	rep, err := Run(context.Background(), converter(t), Options{Golden: dir, Paths: []string{"testdata/plans/a.txt"}, Update: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 1 || rep.Results[0].Status != Missing || rep.Results[0].Updated || rep.Results[0].UpdateErr == nil || rep.Failures() != 1 {
		t.Errorf("results %+v", rep.Results)
	}
}

// An interrupted run returns context.Canceled and writes nothing.
func TestRunCanceled(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := Run(ctx, converter(t), Options{Golden: dir, Paths: []string{"testdata/plans"}, Update: true})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if len(rep.Results) != 0 {
		t.Errorf("results %+v", rep.Results)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("goldens written: %v", entries)
	}
}

func TestRunNeedsGolden(t *testing.T) {
	if _, err := Run(context.Background(), converter(t), Options{Paths: []string{"testdata/plans"}}); err == nil {
		t.Error("no error without a golden directory")
	}
}
