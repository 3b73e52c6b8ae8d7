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
type Validator struct {
	s *jsonschema.Schema
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
	return &Validator{s: s}, nil
}

// Validate checks one JSON document; the error lists every violation.
func (v *Validator) Validate(data []byte) error {
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
