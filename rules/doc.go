// Package rules holds guihua's domain knowledge as declarative files embedded
// in the binary — indicator codes and name variants, facility types, heading
// and value vocabulary — and the small loaders that turn them into lookups.
// A new county's variant is a rules edit plus a test, not new code.
package rules
