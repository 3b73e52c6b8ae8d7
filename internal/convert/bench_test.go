package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkStages times each stage of JSON for the corpus plans of one
// format (.txt, .html, .docx; one op converts every plan of the format
// once): read (bytes to the document model: decoding, the format reader,
// normalisation), extract (the model to a plan, the institution finder
// included), marshal (the plan to indented JSON) and validate (the schema
// check of that JSON); whole is JSON, the four together. New is the
// Converter's set-up (rules, the finder's dictionary, the schema), once
// per process. PDFs are left out (see BenchmarkExtract): they cost a
// hundred times more.
func BenchmarkStages(b *testing.B) {
	c := newConverter(b)
	for _, ext := range []string{".txt", ".html", ".docx"} {
		type input struct {
			path string
			data []byte
		}
		var ins []input
		var size int64
		for _, p := range corpusPlans(b) {
			if filepath.Ext(p) != ext {
				continue
			}
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			ins = append(ins, input{p, data})
			size += int64(len(data))
		}
		name := strings.TrimPrefix(ext, ".")
		stage := func(stage string, f func(b *testing.B, in input)) {
			b.Run(name+"/"+stage, func(b *testing.B) {
				b.SetBytes(size)
				b.ReportAllocs()
				for b.Loop() {
					for _, in := range ins {
						f(b, in)
					}
				}
			})
		}
		stage("read", func(b *testing.B, in input) {
			if _, err := c.Document(in.path, in.data); err != nil {
				b.Fatal(err)
			}
		})
		stage("extract", func(b *testing.B, in input) {
			b.StopTimer()
			doc, err := c.Document(in.path, in.data)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := c.extractor.Extract(doc); err != nil {
				b.Fatal(err)
			}
		})
		plans := make(map[string][]byte)
		for _, in := range ins {
			js, err := c.JSON(in.path, in.data)
			if err != nil {
				b.Fatal(err)
			}
			plans[in.path] = js
		}
		stage("marshal", func(b *testing.B, in input) {
			b.StopTimer()
			p, err := c.Plan(in.path, in.data)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := Marshal(p); err != nil {
				b.Fatal(err)
			}
		})
		stage("validate", func(b *testing.B, in input) {
			if err := c.Validate(plans[in.path]); err != nil {
				b.Fatal(err)
			}
		})
		stage("whole", func(b *testing.B, in input) {
			if _, err := c.JSON(in.path, in.data); err != nil {
				b.Fatal(err)
			}
		})
	}
}
