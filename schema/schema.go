// Package schema embeds guihua's output JSON Schema (draft 2020-12), the
// authority on the output contract, and validates documents against it.
package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed guihua.schema.json
var schemaJSON []byte

const schemaURL = "https://guihua.invalid/schema/guihua.schema.json"

// JSON returns the schema text.
func JSON() []byte { return bytes.Clone(schemaJSON) }

// Validator checks extraction outputs. It is safe for concurrent use.
//
// A document goes first through the fast check (check.go): the schema
// compiled to check the encoded bytes in one pass, with no document built
// in memory. Only what it does not call valid, a document that is not
// valid or one it cannot decide, goes through the full validator
// (jsonschema), which decides and lists every violation. The fast check
// calls valid only documents the full validator accepts (TestFastCheck*,
// FuzzFastCheck).
type Validator struct {
	s    *jsonschema.Schema
	fast *checker // nil when the schema uses a keyword the fast check does not know
}

// New compiles the embedded schema, with format assertions on.
func New() (*Validator, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, fmt.Errorf("schema: parse embedded schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return nil, fmt.Errorf("schema: add embedded schema: %w", err)
	}
	s, err := c.Compile(schemaURL)
	if err != nil {
		return nil, fmt.Errorf("schema: compile embedded schema: %w", err)
	}
	fast, _ := compileCheck(schemaJSON) // TestFastCheckCompiles: never fails on the embedded schema
	return &Validator{s: s, fast: fast}, nil
}

// Validate checks one JSON document; the error lists every violation.
func (v *Validator) Validate(data []byte) error {
	if v.fast != nil && v.fast.valid(data) {
		return nil
	}
	return v.validateFull(data)
}

// validateFull checks one JSON document with the full validator.
func (v *Validator) validateFull(data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not valid JSON: %w", err)
	}
	if err := v.s.Validate(inst); err != nil {
		return fmt.Errorf("does not match the guihua schema: %w", err)
	}
	return nil
}

// ValidateValue checks a Go value by its JSON encoding.
func (v *Validator) ValidateValue(x any) error {
	data, err := json.Marshal(x)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	return v.Validate(data)
}
