package convert

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// onePara returns a plan printed as one paragraph of about size bytes: the
// lines of corpus plan 000 joined without breaks, repeated.
func onePara(t testing.TB, size int) []byte {
	t.Helper()
	var unit strings.Builder
	for _, l := range strings.Split(string(readFile(t, plansDir+"/000_c8d25e9e6bd51b4c.txt")), "\n") {
		unit.WriteString(strings.TrimSpace(l))
	}
	var b bytes.Buffer
	for b.Len() < size {
		b.WriteString(unit.String())
	}
	out := b.Bytes()[:size]
	for !utf8.Valid(out) {
		out = out[:len(out)-1]
	}
	return append(out, '\n')
}

// TestOneParagraphGrowsLinearly extracts a plan printed as one paragraph at
// 1×, 4× and 16× its size (32 KB to 512 KB): the output and the memory
// allocated grow in proportion to the input, not with its square (each
// facility mention quotes its name, and its context is bounded).
func TestOneParagraphGrowsLinearly(t *testing.T) {
	c := newConverter(t)
	const base = 32 << 10
	var sizes, allocs []float64
	for _, k := range []int{1, 4, 16} {
		data := onePara(t, k*base)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		out, err := c.JSON("one-paragraph.txt", data)
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		sizes = append(sizes, float64(len(out)))
		allocs = append(allocs, float64(after.TotalAlloc-before.TotalAlloc))
		t.Logf("%3d KB input: %8d bytes of JSON (%.2f× the input), %6.1f MB allocated", len(data)>>10, len(out), float64(len(out))/float64(len(data)), allocs[len(allocs)-1]/(1<<20))
	}
	// Never faster than the input (a square would give 16× and 256×) …
	for i, k := range []float64{4, 16} {
		if r := sizes[i+1] / sizes[0]; r > 1.25*k {
			t.Errorf("output grew %.1f× for %.0f× the input", r, k)
		}
		if r := allocs[i+1] / allocs[0]; r > 1.25*k {
			t.Errorf("allocations grew %.1f× for %.0f× the input", r, k)
		}
	}
	// … and in proportion past the fixed part (the schema, one entry per
	// facility): 12× more input from 4× to 16× than from 1× to 4× adds about
	// 4× as much output.
	if r := (sizes[2] - sizes[1]) / (sizes[1] - sizes[0]); r < 4/1.5 || r > 4*1.5 {
		t.Errorf("output increments grew %.1f×, not about 4×", r)
	}
	if sizes[2] > 20<<20 {
		t.Errorf("512 KB one-paragraph plan: %d bytes of JSON, over 20 MB", int(sizes[2]))
	}
}
