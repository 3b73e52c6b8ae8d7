// Package schema embeds guihua's output JSON Schema (draft 2020-12), the
// authority on the output contract, and validates documents against it.
//
// The schema is compiled (check.go) into a checker of encoded JSON bytes:
// one pass over the bytes, no document built in memory, every keyword of
// draft 2020-12 the schema uses (a schema with any other keyword does not
// compile, so the schema cannot outgrow the checker unnoticed). Its verdict
// is that of github.com/santhosh-tekuri/jsonschema/v6 with format
// assertions, which the tests keep as the reference: TestCheckAgrees
// compares the two on over 100,000 changed outputs, TestCheckRandomEdits on
// random edits of the bytes. Until 2026-11-30 that library validated every
// output itself: 9 times slower, 270 times the allocations, and its
// package initialisation (4–5 ms) and compilation of the schema (4 ms) in
// every process.
package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

//go:embed guihua.schema.json
var schemaJSON []byte

// JSON returns the schema text.
func JSON() []byte { return bytes.Clone(schemaJSON) }

// Validator checks extraction outputs. It is safe for concurrent use.
type Validator struct {
	c *checker
}

// New compiles the embedded schema, with format assertions on.
func New() (*Validator, error) {
	c, err := compileCheck(schemaJSON)
	if err != nil {
		return nil, fmt.Errorf("schema: compile embedded schema: %w", err)
	}
	return &Validator{c: c}, nil
}

// Error is a document that does not match the schema: every violation, in
// the order of the document.
type Error struct {
	Violations []Violation
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("does not match the guihua schema:")
	for _, v := range e.Violations {
		b.WriteString("\n- ")
		b.WriteString(v.String())
	}
	return b.String()
}

// Validate checks one JSON document; the error lists every violation.
func (v *Validator) Validate(data []byte) error {
	if v.c.valid(data) {
		return nil
	}
	// Not valid, or bytes the one-pass check does not decide: the document
	// as encoding/json reads it (invalid UTF-8 and lone surrogates
	// replaced, the last of duplicate members kept), encoded again, is.
	doc, err := decodeJSON(data)
	if err != nil {
		return fmt.Errorf("not valid JSON: %w", err)
	}
	canon, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("not valid JSON: %w", err)
	}
	vs, decided := v.c.violations(canon)
	switch {
	case !decided:
		return errors.New("schema check: the document could not be checked (a guihua bug)")
	case len(vs) == 0:
		return nil
	}
	return &Error{Violations: vs}
}

// decodeJSON reads one JSON document, numbers kept as written, and nothing
// after it but space.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("invalid character after top-level value")
	}
	return doc, nil
}

// ValidateValue checks a Go value by its JSON encoding.
func (v *Validator) ValidateValue(x any) error {
	data, err := json.Marshal(x)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	return v.Validate(data)
}
