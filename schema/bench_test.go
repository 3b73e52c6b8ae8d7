package schema

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// goldenOutputs are the corpus goldens: real outputs of every format.
func goldenOutputs(b *testing.B) [][]byte {
	b.Helper()
	paths, err := filepath.Glob("../corpus/golden/*.json")
	if err != nil || len(paths) == 0 {
		b.Fatalf("no goldens: %v", err)
	}
	var out [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// BenchmarkValidate checks every corpus golden (28 outputs, 3.9 MB) once
// per op: whole is Validate (the fast check), fast the fast check alone,
// full the full validator (jsonschema), parse and check its two steps.
func BenchmarkValidate(b *testing.B) {
	v, err := New()
	if err != nil {
		b.Fatal(err)
	}
	docs := goldenOutputs(b)
	b.Run("whole", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				if err := v.Validate(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				if !v.fast.valid(d) {
					b.Fatal("not valid")
				}
			}
		}
	})
	b.Run("full", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				if err := v.validateFull(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				if _, err := jsonschema.UnmarshalJSON(bytes.NewReader(d)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	insts := make([]any, len(docs))
	for i, d := range docs {
		insts[i], _ = jsonschema.UnmarshalJSON(bytes.NewReader(d))
	}
	b.Run("check", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, inst := range insts {
				if err := v.s.Validate(inst); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
