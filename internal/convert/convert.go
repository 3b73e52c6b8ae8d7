// Package convert runs the whole path for one input: bytes → document model
// → extraction → plan, with the source recorded, then JSON encoding and the
// schema check. Every output is validated before anyone writes it.
package convert

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/guihua-project/guihua/extractor"
	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
	"github.com/guihua-project/guihua/internal/reader"
	"github.com/guihua-project/guihua/schema"
)

// MaxInputBytes bounds the size of one input file.
const MaxInputBytes = 64 << 20

// Converter holds the loaded rules, readers and schema. It is safe for
// concurrent use; build it once per process.
type Converter struct {
	reader    *reader.Reader
	extractor *extractor.Extractor
	validator *schema.Validator
}

// New loads every rule set and the schema.
func New() (*Converter, error) {
	rs, err := loadRules(false)
	if err != nil {
		return nil, err
	}
	x, err := extractor.New(rs)
	if err != nil {
		return nil, err
	}
	v, err := schema.New()
	if err != nil {
		return nil, err
	}
	return &Converter{reader: reader.New(rs), extractor: x, validator: v}, nil
}

// Reader reads inputs into the document model, and does no more: it
// loads the rule files the format readers use (numerals, vocabulary,
// document, heading, block and facility rules) and neither the extraction's
// own (indicator codes, gazetteer), nor the institution finder's
// dictionary, nor the schema. `guihua text` uses it.
type Reader struct {
	reader *reader.Reader
}

// NewReader loads the rules of the format readers.
func NewReader() (*Reader, error) {
	s, err := loadRules(true)
	if err != nil {
		return nil, err
	}
	return &Reader{reader: reader.New(s)}, nil
}

// Document reads path's bytes into the document model, as
// Converter.Document does.
func (r *Reader) Document(path string, data []byte) (*docmodel.Document, error) {
	return document(r.reader, path, data)
}

// Prepare starts, in the background, what reading path will need and is
// slow to start (PDFium for a PDF), so that it overlaps loading the rules
// with New; data may be nil. See reader.Prepare.
func Prepare(path string, data []byte) { reader.Prepare(path, data) }

// Document reads path's bytes into the document model.
func (c *Converter) Document(path string, data []byte) (*docmodel.Document, error) {
	return document(c.reader, path, data)
}

func document(rd *reader.Reader, path string, data []byte) (*docmodel.Document, error) {
	if len(data) > MaxInputBytes {
		return nil, fmt.Errorf("%s: file too large (%d bytes, limit %d)", path, len(data), MaxInputBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty file", path)
	}
	doc, err := rd.Read(path, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// Plan extracts the plan of one input.
func (c *Converter) Plan(path string, data []byte) (*plan.Plan, error) {
	_, p, err := c.DocumentPlan(path, data)
	return p, err
}

// DocumentPlan reads one input and extracts its plan; the document model is
// what the plan's spans point into (the review page shows both).
func (c *Converter) DocumentPlan(path string, data []byte) (*docmodel.Document, *plan.Plan, error) {
	doc, err := c.Document(path, data)
	if err != nil {
		return nil, nil, err
	}
	p, err := c.extractor.Extract(doc)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Pages) > 0 {
		plan.SetPages(p, doc.Page)
	}
	sum := sha256.Sum256(data)
	p.Source = plan.Source{Path: path, Format: doc.Format, Encoding: doc.Encoding, SHA256: hex.EncodeToString(sum[:])}
	return doc, p, nil
}

// JSON extracts one input and returns its validated JSON (2-space indent,
// trailing newline, non-ASCII kept as is).
func (c *Converter) JSON(path string, data []byte) ([]byte, error) {
	p, err := c.Plan(path, data)
	if err != nil {
		return nil, err
	}
	return c.PlanJSON(path, p)
}

// PlanJSON encodes an extracted plan and checks it against the schema.
func (c *Converter) PlanJSON(path string, p *plan.Plan) ([]byte, error) {
	out, err := Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := c.validator.Validate(out); err != nil {
		return nil, fmt.Errorf("%s: output failed the schema check (a guihua bug): %w", path, err)
	}
	return out, nil
}

// JSONLine is JSON on one line: the same plan, compact (as json.Compact
// makes the output of JSON), with a trailing newline; a line of JSON
// Lines. It is validated like JSON.
func (c *Converter) JSONLine(path string, data []byte) ([]byte, error) {
	p, err := c.Plan(path, data)
	if err != nil {
		return nil, err
	}
	buf := getBuf()
	defer putBuf(buf)
	if err := encodeCompact(buf, p); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := bytes.Clone(buf.Bytes())
	if err := c.validator.Validate(out); err != nil {
		return nil, fmt.Errorf("%s: output failed the schema check (a guihua bug): %w", path, err)
	}
	return out, nil
}

// Validate checks a JSON output against the schema.
func (c *Converter) Validate(data []byte) error { return c.validator.Validate(data) }
