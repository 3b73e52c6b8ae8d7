// Package golden compares two extraction outputs (JSON documents of the
// guihua output contract) semantically, for golden-file tests and
// `guihua check`.
//
// Diff reports what a reader of the outputs cares about rather than a text
// diff: a document field that changed, an indicator, facility, project,
// heading, table or warning that was added or removed, one value of an
// indicator that changed (indicator `每千人口医疗卫生机构床位数` (line 35):
// value `2025年` changed `7.1` → `7.0`), a table row added or removed, a
// span that moved. Every change names the item and its line span.
//
// Items of a list are matched by identity rather than position (an
// indicator by its printed name and table, a facility by its name, a value
// by its column …), so an inserted row is reported once, not as a change of
// every row after it; items whose identity changed are paired by a weaker
// key, or by position when the same number were removed and added in the
// same place.
//
// Nothing is ignored except source.path (an output made from a copy of the
// input elsewhere is the same output). Fields unknown to this package are
// compared too, generically, so a field added to the contract cannot hide a
// difference. Numbers are compared by value (7 equals 7.0).
package golden

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind says whether something was added, removed or changed.
type Kind string

// The kinds of change.
const (
	Added   Kind = "added"
	Removed Kind = "removed"
	Changed Kind = "changed"
)

// Change is one semantic difference between the wanted (golden) output and
// the output got.
type Change struct {
	Kind Kind
	// Path is a JSON Pointer to the item: into got for Added and Changed,
	// into want for Removed ("/indicators/3/values/1").
	Path string
	// Subject names the item: "indicator `每千人口医疗卫生机构床位数` (line 35)",
	// "document", "table `表1：…` (lines 30–52)".
	Subject string
	// Detail says what happened to it: "added", "value `2025年` changed
	// `7.1` → `7.0`", "row 4 removed: a | b | c".
	Detail string
	// Want and Got are the differing JSON values (decoded; nil when absent
	// or null).
	Want, Got any
}

// String renders the change on one line.
func (c Change) String() string { return c.Subject + ": " + c.Detail }

// Equal reports whether want and got are the same output (source.path
// aside).
func Equal(want, got []byte) (bool, error) {
	ch, err := Diff(want, got)
	return err == nil && len(ch) == 0, err
}

// Diff compares two outputs and returns their differences in document
// order of the sections (schema_version, source, document, outline,
// indicators, facilities, projects, tables, warnings, then unknown fields).
// It fails only when an input is not a JSON object, with an *InputError.
func Diff(want, got []byte) ([]Change, error) {
	w, err := decodeObject(want)
	if err != nil {
		return nil, &InputError{Want: true, Err: err}
	}
	g, err := decodeObject(got)
	if err != nil {
		return nil, &InputError{Err: err}
	}
	d := &differ{}
	d.top(w, g)
	return d.changes, nil
}

// InputError is Diff's error when one of the outputs given to it is not a
// JSON object: a golden file that is truncated or was never an output,
// when Want is set.
type InputError struct {
	Want bool  // the wanted (golden) output is at fault, else the output got
	Err  error // why: "invalid JSON: …", "not a JSON object"
}

func (e *InputError) Error() string {
	if e.Want {
		return "golden: wanted output: " + e.Err.Error()
	}
	return "golden: output got: " + e.Err.Error()
}

func (e *InputError) Unwrap() error { return e.Err }

func decodeObject(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("invalid JSON: more than one value")
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("not a JSON object")
	}
	return m, nil
}

type differ struct {
	changes []Change
}

func (d *differ) add(kind Kind, path, subject, detail string, want, got any) {
	d.changes = append(d.changes, Change{Kind: kind, Path: path, Subject: subject, Detail: detail, Want: want, Got: got})
}

var topOrder = []string{"schema_version", "source", "document", "outline", "indicators", "facilities", "totals", "projects", "tables", "warnings"}

func (d *differ) top(w, g map[string]any) {
	for _, k := range keyOrder(topOrder, w, g) {
		av, aok := w[k]
		bv, bok := g[k]
		path := "/" + pointerEscape(k)
		switch {
		case !aok:
			d.add(Added, path, "output", "field "+k+" added "+render(bv), nil, bv)
			continue
		case !bok:
			d.add(Removed, path, "output", "field "+k+" removed (was "+render(av)+")", av, nil)
			continue
		}
		switch k {
		case "source":
			am, aok := av.(map[string]any)
			bm, bok := bv.(map[string]any)
			if aok && bok {
				d.object("source", path, "", am, bm, []string{"format", "encoding", "sha256"}, map[string]bool{"path": true}, nil)
				continue
			}
		case "document":
			am, aok := av.(map[string]any)
			bm, bok := bv.(map[string]any)
			if aok && bok {
				d.object("document", path, "", am, bm, []string{"title", "region", "region_level", "region_code", "province", "prefecture", "period", "issuer", "date", "draft", "spans"}, nil, nil)
				continue
			}
		default:
			if spec, ok := topLists[k]; ok {
				al, aok := av.([]any)
				bl, bok := bv.([]any)
				if aok && bok {
					d.list(spec, path, "", al, bl)
					continue
				}
			}
		}
		d.value("output", path, "", k, av, bv)
	}
}

// object compares two objects field by field: fields in order first, then
// the others sorted; skip names fields not compared; lists names fields
// that are lists of known items.
func (d *differ) object(subject, path, prefix string, a, b map[string]any, order []string, skip map[string]bool, lists map[string]*listSpec) {
	for _, k := range keyOrder(order, a, b) {
		if skip[k] {
			continue
		}
		av, aok := a[k]
		bv, bok := b[k]
		p := path + "/" + pointerEscape(k)
		switch {
		case !aok:
			d.add(Added, p, subject, prefix+"field "+k+" added "+render(bv), nil, bv)
			continue
		case !bok:
			d.add(Removed, p, subject, prefix+"field "+k+" removed (was "+render(av)+")", av, nil)
			continue
		}
		if spec, ok := lists[k]; ok {
			al, aok := av.([]any)
			bl, bok := bv.([]any)
			if aok && bok {
				d.list(spec, p, subject, al, bl)
				continue
			}
		}
		if k == "span" {
			if d.span(subject, p, prefix+"span", av, bv) {
				continue
			}
		}
		d.value(subject, p, prefix, k, av, bv)
	}
}

// value compares two arbitrary JSON values of field key (prefix names the
// item it belongs to, when nested).
func (d *differ) value(subject, path, prefix, key string, a, b any) {
	if equal(a, b) {
		return
	}
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok && isSpan(am) && isSpan(bm) {
		d.span(subject, path, prefix+key, a, b)
		return
	}
	if aok && bok {
		d.object(subject, path, prefix+key+".", am, bm, nil, nil, nil)
		return
	}
	al, aok := a.([]any)
	bl, bok := b.([]any)
	if aok && bok && allScalar(al) && allScalar(bl) {
		d.list(scalarSpec(prefix+key), path, subject, al, bl)
		return
	}
	d.add(Changed, path, subject, prefix+key+" changed "+renderPair(a, b), a, b)
}

// span compares two spans, named what in the details; it returns false
// when they are not spans. A span is an object with line, end_line and
// quote; its place (line, end_line, col, end_col) is reported as one move,
// its quote and any other field (a mention's context) each as a change.
func (d *differ) span(subject, path, what string, a, b any) bool {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if !aok || !bok || !isSpan(am) || !isSpan(bm) {
		return false
	}
	moved := false
	for _, k := range spanPlace {
		moved = moved || !equal(am[k], bm[k])
	}
	if moved {
		d.add(Changed, path, subject, what+" moved "+where(am)+" → "+where(bm), a, b)
	}
	for _, k := range keyOrder([]string{"quote"}, am, bm) {
		if slices.Contains(spanPlace, k) || equal(am[k], bm[k]) {
			continue
		}
		_, aok := am[k]
		_, bok := bm[k]
		switch {
		case !aok:
			d.add(Added, path+"/"+pointerEscape(k), subject, what+" field "+k+" added "+render(bm[k]), nil, bm[k])
		case !bok:
			d.add(Removed, path+"/"+pointerEscape(k), subject, what+" field "+k+" removed (was "+render(am[k])+")", am[k], nil)
		default:
			d.add(Changed, path+"/"+pointerEscape(k), subject, what+" "+k+" changed "+renderPair(am[k], bm[k]), am[k], bm[k])
		}
	}
	return true
}

// spanPlace are the fields that place a span.
var spanPlace = []string{"line", "end_line", "col", "end_col"}

// isSpan reports an object with the fields of a span.
func isSpan(m map[string]any) bool {
	for _, k := range []string{"line", "end_line", "quote"} {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	return true
}

// keyOrder lists the keys of a and b: those in order first (when present),
// then the rest sorted.
func keyOrder(order []string, a, b map[string]any) []string {
	keys := make([]string, 0, len(a)+len(b))
	for _, k := range order {
		_, aok := a[k]
		_, bok := b[k]
		if aok || bok {
			keys = append(keys, k)
		}
	}
	var rest []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !slices.Contains(order, k) && !slices.Contains(rest, k) {
				rest = append(rest, k)
			}
		}
	}
	slices.Sort(rest)
	return append(keys, rest...)
}

// equal compares decoded JSON values; numbers by value.
func equal(a, b any) bool {
	switch av := a.(type) {
	case json.Number:
		bv, ok := b.(json.Number)
		if !ok {
			return false
		}
		if av == bv {
			return true
		}
		x, err1 := strconv.ParseFloat(string(av), 64)
		y, err2 := strconv.ParseFloat(string(bv), 64)
		return err1 == nil && err2 == nil && x == y && !math.IsNaN(x)
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for k, x := range av {
			y, ok := bv[k]
			if !ok || !equal(x, y) {
				return false
			}
		}
		return true
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for i := range av {
			if !equal(av[i], bv[i]) {
				return false
			}
		}
		return true
	default:
		return a == b
	}
}

func allScalar(l []any) bool {
	for _, v := range l {
		switch v.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

// render shows a JSON value briefly: strings in backticks, long ones cut.
func render(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "`" + cut(x, 0, 80) + "`"
	case json.Number:
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return cut(strings.TrimSpace(buf.String()), 0, 80)
}

// renderPair shows "a → b"; for two long strings, both are shown from a
// little before the first difference.
func renderPair(a, b any) string {
	as, aok := a.(string)
	bs, bok := b.(string)
	if aok && bok {
		ar, br := []rune(as), []rune(bs)
		p := 0
		for p < len(ar) && p < len(br) && ar[p] == br[p] {
			p++
		}
		from := max(0, p-20)
		return "`" + cut(as, from, 80) + "` → `" + cut(bs, from, 80) + "`"
	}
	return render(a) + " → " + render(b)
}

// cut returns at most n runes of s from rune from, marking cuts with "…".
func cut(s string, from, n int) string {
	if utf8.RuneCountInString(s) <= n && from == 0 {
		return s
	}
	r := []rune(s)
	out := ""
	if from > 0 {
		out = "…"
		from = min(from, len(r))
		r = r[from:]
	}
	if len(r) > n {
		return out + string(r[:n]) + "…"
	}
	return out + string(r)
}

// where renders a span's place: "line 35", "lines 35–41", "line 35 col
// 3–8", "line 35 col 3 – line 41 col 6".
func where(span map[string]any) string {
	c, _ := span["col"].(json.Number)
	e, _ := span["end_col"].(json.Number)
	if c == "" || e == "" {
		return lines(span)
	}
	l, _ := span["line"].(json.Number)
	el, _ := span["end_line"].(json.Number)
	if l == el {
		return "line " + string(l) + " col " + string(c) + "–" + string(e)
	}
	return "line " + string(l) + " col " + string(c) + " – line " + string(el) + " col " + string(e)
}

// lines renders a span's lines: "line 35" or "lines 35–41".
func lines(span map[string]any) string {
	l, _ := span["line"].(json.Number)
	e, _ := span["end_line"].(json.Number)
	if l == "" {
		return "no line"
	}
	if e == "" || e == l {
		return "line " + string(l)
	}
	return "lines " + string(l) + "–" + string(e)
}

func pointerEscape(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
