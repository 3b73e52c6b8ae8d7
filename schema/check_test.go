package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func newValidator(t testing.TB) *Validator {
	t.Helper()
	v, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// reference is the validator the checker is compared with:
// github.com/santhosh-tekuri/jsonschema/v6, which validated every output
// until 2026-11-30, with format assertions.
var reference = sync.OnceValues(func() (*jsonschema.Schema, error) {
	const url = "https://guihua.invalid/schema/guihua.schema.json"
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
})

// referenceCheck is the reference validator's verdict on data.
func referenceCheck(t testing.TB, data []byte) error {
	t.Helper()
	sch, err := reference()
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not valid JSON: %w", err)
	}
	return sch.Validate(inst)
}

// agree checks that the checker, Validate and its violations give the
// reference validator's verdict on data, and returns it. fastMayFail: the
// one-pass check may leave data undecided (invalid UTF-8, lone
// surrogates) where Validate still decides.
func agree(t testing.TB, v *Validator, data []byte, fastMayFail bool) bool {
	t.Helper()
	ref := referenceCheck(t, data)
	want := ref == nil
	if fast := v.c.valid(data); fast != want && !(fastMayFail && !fast) {
		t.Fatalf("one-pass check %v, reference %v (%v) on\n%s", fast, want, ref, data)
	}
	err := v.Validate(data)
	if (err == nil) != want {
		t.Fatalf("Validate: %v, reference: %v, on\n%s", err, ref, data)
	}
	var se *Error
	if err != nil && errors.As(err, &se) && len(se.Violations) == 0 {
		t.Fatalf("schema error without violations on\n%s", data)
	}
	return want
}

func TestCheckCompiles(t *testing.T) {
	if _, err := compileCheck(schemaJSON); err != nil {
		t.Fatalf("the fast check does not know the embedded schema: %v", err)
	}
	for _, bad := range []string{
		`{"type": "object", "patternProperties": {"^a": true}}`,
		`{"format": "email"}`,
		`{"enum": [[1]]}`,
		`{"$ref": "other.json"}`,
		`{"properties": {"a": {"$id": "x"}}}`,
	} {
		if _, err := compileCheck([]byte(bad)); err == nil {
			t.Errorf("%s compiled; the fast check should refuse what it does not know", bad)
		}
	}
}

// goldenDocs reads the corpus goldens (outputs of every format).
func goldenDocs(t testing.TB) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob("../corpus/golden/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no goldens: %v", err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = data
	}
	return out
}

func TestCheckGoldens(t *testing.T) {
	v := newValidator(t)
	for name, data := range goldenDocs(t) {
		if !v.c.valid(data) {
			t.Errorf("%s: the check does not call it valid (reference: %v, Validate: %v)", name, referenceCheck(t, data), v.Validate(data))
		}
	}
}

func decodeAny(t testing.TB, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		t.Fatal(err)
	}
	return x
}

// samples are small documents with the shapes of the goldens: the minimal
// document with, in one list, one element of the goldens, one for each
// shape of element (which of its fields are null, empty or set) found in
// any golden, its own lists cut to two elements; and the minimal document
// with the document section of a golden that has every field set.
func samples(t testing.TB) []map[string]any {
	docs := goldenDocs(t)
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	sort.Strings(names)
	base := func() map[string]any {
		return decodeAny(t, []byte(strings.Replace(minimal, "%s", strings.Repeat("0", 64), 1))).(map[string]any)
	}
	var out []map[string]any
	seen := map[string]bool{}
	for _, n := range names {
		d := decodeAny(t, docs[n]).(map[string]any)
		if n == "001_1d076eee4dc96132.pdf.json" {
			b := base()
			b["document"] = d["document"] // region code, period and date set
			out = append(out, b)
		}
		keys := make([]string, 0, len(d))
		for k := range d {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			list, ok := d[k].([]any)
			if !ok {
				continue
			}
			for _, el := range list {
				sig := k + ":" + shape(el, 2)
				if seen[sig] {
					continue
				}
				seen[sig] = true
				b := base()
				b[k] = []any{cut(el)}
				out = append(out, b)
			}
		}
	}
	return out
}

// shape describes which fields of x are null, empty or set, depth levels
// down.
func shape(x any, depth int) string {
	if depth == 0 {
		return "."
	}
	switch x := x.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			b.WriteString(k + "=" + shape(x[k], depth-1) + ";")
		}
		return "{" + b.String() + "}"
	case []any:
		if len(x) == 0 {
			return "[]"
		}
		return "[" + shape(x[0], depth-1) + "]"
	case nil:
		return "null"
	case string:
		if x == "" {
			return `""`
		}
		return "s"
	default:
		return fmt.Sprintf("%T", x)
	}
}

// cut keeps at most two elements of every list inside x.
func cut(x any) any {
	switch x := x.(type) {
	case map[string]any:
		m := map[string]any{}
		for k, v := range x {
			m[k] = cut(v)
		}
		return m
	case []any:
		if len(x) > 2 {
			x = x[:2]
		}
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = cut(v)
		}
		return out
	}
	return x
}

// replacements are the values put in place of every value of the sample.
var replacements = []any{
	nil, true, false, json.Number("0"), json.Number("1"), json.Number("-1"), json.Number("-0"),
	json.Number("1949"), json.Number("2100"), json.Number("2101"), json.Number("1948"),
	json.Number("1.5"), json.Number("1.0"), json.Number("1e2"), json.Number("2.1E+3"), json.Number("9"), json.Number("10"),
	json.Number("123456789012345678901234567890"),
	"", "x", "X", "\n", "专栏一", "专栏", "2022-13-45", "2022-02-29", "2024-02-29", "2022-09-08",
	"510521", "51052", "910521", "abc_1", "1abc", strings.Repeat("a", 64), strings.Repeat("0", 64),
	"text", "docx", "pdf", "county", "ratio", "change", "empty", "number", "increase", "~", "=",
	"public", "other", "binding", "baseline", "indicator",
	[]any{}, []any{"a"}, []any{"a", "a"}, []any{"a", "b"}, []any{json.Number("1"), json.Number("2")},
	[]any{json.Number("1"), json.Number("1.0")}, []any{[]any{"a"}}, []any{nil},
	map[string]any{}, map[string]any{"start": json.Number("2021"), "end": json.Number("2025")},
}

// perValue is how many replacements each value of a sample gets, taken in
// turn from replacements: every replacement is put in hundreds of places.
const perValue = 16

// mutations calls f with the sample changed at one place: every value
// replaced by perValue replacements, every member removed, a member added
// to every object. turn is the next replacement.
func mutations(x any, set func(any), f func(), turn *int) {
	for range perValue {
		set(replacements[*turn%len(replacements)])
		*turn++
		f()
	}
	switch v := x.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			old := v[k]
			delete(v, k)
			f()
			v[k] = old
		}
		v["zz_extra"] = "x"
		f()
		delete(v, "zz_extra")
		set(v)
		for _, k := range keys {
			mutations(v[k], func(n any) { v[k] = n }, f, turn)
		}
	case []any:
		set(v)
		for i := range v {
			mutations(v[i], func(n any) { v[i] = n }, f, turn)
		}
		if len(v) > 0 {
			set(append(slices.Clone(v), v[0]))
			f()
		}
	default:
		set(x)
	}
	set(x)
}

// TestCheckAgrees compares the checker with the reference validator on
// tens of thousands of changed documents.
func TestCheckAgrees(t *testing.T) {
	v := newValidator(t)
	n, valid := 0, 0
	same := func(d []byte) {
		n++
		if agree(t, v, d, false) {
			valid++
		}
	}
	turn := 0
	for _, doc := range samples(t) {
		var root any = doc
		data := mustJSON(t, root)
		if referenceCheck(t, data) != nil {
			t.Fatalf("sample not valid (%v):\n%s", referenceCheck(t, data), data)
		}
		same(indent(data))
		mutations(root, func(x any) { root = x }, func() { same(mustJSON(t, root)) }, &turn)
	}
	t.Logf("%d documents: %d valid, %d invalid", n, valid, n-valid)
	if valid < 100 || n-valid < 1000 {
		t.Errorf("too few cases of one kind: %d valid, %d invalid", valid, n-valid)
	}
}

func indent(data []byte) []byte {
	var b bytes.Buffer
	if err := json.Indent(&b, data, "", "  "); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func mustJSON(t testing.TB, x any) []byte {
	data, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestCheckNotJSON: bytes that are not one JSON document are never valid;
// bytes that encoding/json reads differently from how they are written
// (invalid UTF-8, lone surrogates, duplicate members) are not decided by
// the one-pass check, and Validate decides them as the reference does.
func TestCheckNotJSON(t *testing.T) {
	v := newValidator(t)
	sha := strings.Repeat("0", 64)
	ok := strings.Replace(minimal, "%s", sha, 1)
	if !v.c.valid([]byte(ok)) {
		t.Fatal("minimal document not valid")
	}
	for _, tt := range []struct {
		name, from, to string
		json           bool // JSON all the same
	}{
		{"trailing comma", `"warnings": []`, `"warnings": [],`, false},
		{"comma in list", `"warnings": []`, `"warnings": [,]`, false},
		{"leading zero", `"start": 2021`, `"start": 02021`, false},
		{"plus", `"start": 2021`, `"start": +2021`, false},
		{"bare dot", `"start": 2021`, `"start": 2021.`, false},
		{"bad exponent", `"start": 2021`, `"start": 2021e`, false},
		{"bad escape", `"encoding": "utf-8"`, `"encoding": "utf\-8"`, false},
		{"short unicode escape", `"encoding": "utf-8"`, `"encoding": "utf\u00"`, false},
		{"lone surrogate", `"encoding": "utf-8"`, `"encoding": "utf\ud800"`, true},
		{"lone surrogate, bad pattern", `"region_code": "510521"`, `"region_code": "51052\ud800"`, true},
		{"control character", `"encoding": "utf-8"`, "\"encoding\": \"utf\t8\"", false},
		{"invalid UTF-8", `"encoding": "utf-8"`, "\"encoding\": \"utf\xff8\"", true},
		{"invalid UTF-8, bad pattern", `"region_code": "510521"`, "\"region_code\": \"51052\xff\"", true},
		{"invalid UTF-8 in a key", `"encoding": "utf-8"`, "\"encoding\": \"utf-8\", \"\xff\": 1", true},
		{"single quotes", `"encoding": "utf-8"`, `"encoding": 'utf-8'`, false},
		{"bad literal", `"draft": false`, `"draft": fals`, false},
		{"capital literal", `"draft": false`, `"draft": False`, false},
		{"missing colon", `"draft": false`, `"draft" false`, false},
		{"missing comma", `"draft": false`, `"draft": false "x": 1`, false},
		{"unquoted key", `"draft": false`, `draft: false`, false},
		{"NaN", `"start": 2021`, `"start": NaN`, false},
		{"duplicate member, first wrong", `"draft": false`, `"draft": 1, "draft": false`, true},
		{"duplicate member, last wrong", `"draft": false`, `"draft": false, "draft": 1`, true},
		{"second document", `"warnings": []
}`, `"warnings": []
} {}`, false},
		{"garbage after", `"warnings": []
}`, `"warnings": []
}x`, false},
		{"unclosed", `"warnings": []
}`, `"warnings": []`, false},
		{"byte-order mark", `{
  "schema_version"`, "\ufeff{\n  \"schema_version\"", false},
	} {
		doc := []byte(strings.Replace(ok, tt.from, tt.to, 1))
		if string(doc) == ok {
			t.Fatalf("%s: no change", tt.name)
		}
		agree(t, v, doc, true)
		err := v.Validate(doc)
		if !tt.json && (err == nil || !strings.Contains(err.Error(), "not valid JSON")) {
			t.Errorf("%s: %v", tt.name, err)
		}
		if tt.json && err != nil && strings.Contains(err.Error(), "not valid JSON") {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	// Escapes and spacing that JSON allows are read as encoding/json reads them.
	for _, tt := range []struct{ name, from, to string }{
		{"escaped key", `"encoding": "utf-8"`, `"enc\u006fding": "utf-8"`},
		{"escaped enum", `"format": "text"`, `"format": "t\u0065xt"`},
		{"escaped pattern", `"region_code": "510521"`, `"region_code": "\u0035\u0031\u0030521"`},
		{"surrogate pair", `"encoding": "utf-8"`, `"encoding": "\ud83d\ude00"`},
		{"slash", `"encoding": "utf-8"`, `"encoding": "utf\/8"`},
		{"exponent year", `"start": 2021`, `"start": 2.021e3`},
		{"fraction year", `"start": 2021`, `"start": 2021.0`},
		{"spaces", `"draft": false`, "\"draft\"\t:\r\n false "},
	} {
		doc := []byte(strings.Replace(ok, tt.from, tt.to, 1))
		if !agree(t, v, doc, false) {
			t.Errorf("%s: the reference rejects it", tt.name)
		}
	}
	for _, tt := range []struct{ name, from, to string }{
		{"escaped bad enum", `"format": "text"`, `"format": "t\u0065xts"`},
		{"empty escaped", `"encoding": "utf-8"`, `"encoding": ""`},
		{"fraction not integer", `"start": 2021`, `"start": 2021.5`},
	} {
		doc := []byte(strings.Replace(ok, tt.from, tt.to, 1))
		if agree(t, v, doc, false) {
			t.Errorf("%s: the reference accepts it", tt.name)
		}
	}
	deep := []byte(strings.Replace(ok, `"encoding": "utf-8"`, `"encoding": "utf-8", "x": `+strings.Repeat("[", 20000)+strings.Repeat("]", 20000), 1))
	if v.c.valid(deep) || v.Validate(deep) == nil {
		t.Error("deep nesting called valid")
	}
}

// TestCheckRandomEdits: whatever the bytes, the checker's verdict is the
// reference's. The samples are edited at random (bytes changed, inserted,
// removed, copied from elsewhere; the same edits every run), and every
// result is checked. (Run as fuzz targets when written, without a
// disagreement: 4 million inputs for the one-pass check, 0.8 million for
// Validate.)
func TestCheckRandomEdits(t *testing.T) {
	v := newValidator(t)
	var seeds [][]byte
	for _, d := range samples(t) {
		data := mustJSON(t, d)
		seeds = append(seeds, data, indent(data))
	}
	alphabet := []byte("{}[]\",:0123456789-+.eEtrufalsn \t\n\\/ux\x00\x7f\xff\xe4\xb8")
	rng := rand.New(rand.NewPCG(14, 2026))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	valid := 0
	for range n {
		d := slices.Clone(seeds[rng.IntN(len(seeds))])
		for range 1 + rng.IntN(3) {
			i := rng.IntN(len(d))
			switch rng.IntN(4) {
			case 0:
				d[i] = alphabet[rng.IntN(len(alphabet))]
			case 1:
				d = slices.Insert(d, i, alphabet[rng.IntN(len(alphabet))])
			case 2:
				d = slices.Delete(d, i, min(len(d), i+1+rng.IntN(8)))
			default:
				j := rng.IntN(len(d))
				k := min(len(d), j+1+rng.IntN(40))
				d = slices.Insert(d, i, slices.Clone(d[j:k])...)
			}
			if len(d) == 0 {
				break
			}
		}
		if agree(t, v, d, true) {
			valid++
		}
	}
	t.Logf("%d edited documents, %d valid", n, valid)
}

// Arrays with uniqueItems are compared by JSON equality, whatever their
// items: the schema's uniqueItems list holds strings, these are in a
// schema made for the test.
func TestCheckUniqueItems(t *testing.T) {
	c, err := compileCheck([]byte(`{"type": "array", "uniqueItems": true}`))
	if err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]bool{
		`[]`:              true,
		`["a", "b"]`:      true,
		`["a", "\u0061"]`: false,
		`[1, 1.0]`:        false,
		`[1, 10e-1]`:      false,
		`[1, 2, "1"]`:     true,
		`[{"a": 1, "b": [2]}, {"b": [2.0], "a": 1}]`: false,
		`[{"a": 1}, {"a": 1, "b": 2}]`:               true,
		`[[1, 2], [2, 1]]`:                           true,
		`[null, false, 0, "", [], {}]`:               true,
		`[null, null]`:                               false,
		`[true, true]`:                               false,
	} {
		if got := c.valid([]byte(doc)); got != want {
			t.Errorf("%s: %v, want %v", doc, got, want)
		}
	}
}

func TestRuneCount(t *testing.T) {
	for _, s := range []string{"", "a", "规划", "a规b划\u00e9\U0001F600", strings.Repeat("县医院", 50)} {
		if got, want := runeCount([]byte(s)), utf8.RuneCountInString(s); got != want {
			t.Errorf("%q: %d, want %d", s, got, want)
		}
	}
}
