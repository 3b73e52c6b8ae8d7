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

// BenchmarkValidate checks every corpus golden (28 outputs, 3.2 MB) once
// per op: Validate, then the reference validator (jsonschema, which
// validated outputs until 2026-11-30) in its two steps, reading the JSON
// and checking it.
func BenchmarkValidate(b *testing.B) {
	v, err := New()
	if err != nil {
		b.Fatal(err)
	}
	docs := goldenOutputs(b)
	b.Run("Validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				if err := v.Validate(d); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	sch, err := reference()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("jsonschema", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(d))
				if err != nil {
					b.Fatal(err)
				}
				if err := sch.Validate(inst); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("jsonschema-read", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				if _, err := jsonschema.UnmarshalJSON(bytes.NewReader(d)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("New", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := New(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
