package schema

// The checker: the schema compiled into a tree of nodes that checks
// encoded JSON bytes in one pass, without building the document as maps
// and slices. valid answers only "valid"; it leaves undecided the bytes
// that encoding/json reads differently from how they are written (invalid
// UTF-8 and lone surrogates, which it replaces; duplicate members, of which
// it keeps the last), and Validate decides those on the document as
// encoding/json reads and encodes it again, listing the violations
// (violations). The verdict is jsonschema's (see the package
// documentation and TestCheckAgrees).
//
// It knows the keywords of draft 2020-12 that guihua's schema uses, and a
// few more; compiling a schema with any other keyword fails
// (TestCheckCompiles).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// JSON types, as bits of node.types.
const (
	tNull uint8 = 1 << iota
	tBool
	tNumber
	tInteger
	tString
	tArray
	tObject
)

// node is one compiled schema.
type node struct {
	never bool  // the false schema
	own   bool  // has a keyword that looks at the value itself (not an applicator)
	types uint8 // allowed types; 0: any

	enum    []scalar // const (one value) or enum
	hasEnum bool

	// objects
	keys     map[string]key // properties and required names
	required []string       // required names, by their bit in key.req
	noExtra  bool           // additionalProperties: false
	extra    *node          // additionalProperties: schema

	// arrays
	items              *node
	minItems, maxItems int // -1: none
	unique             bool

	// strings
	minLen, maxLen int // -1: none
	pattern        *regexp.Regexp
	date           bool // format: date

	// numbers
	min, max, xmin, xmax *bound

	// applicators
	ref                 *node
	refName             string
	onlyRef             bool // $ref and annotations only
	allOf, anyOf, oneOf []*node
	ifN, thenN, elseN   *node
}

// key is what an object's schema says about one member name.
type key struct {
	prop *node // its properties schema; nil when only required
	req  int   // bit of the required name, -1 when not required
}

// scalar is one const or enum value.
type scalar struct {
	t    uint8 // tNull, tBool, tNumber or tString
	b    bool
	s    string
	num  *big.Rat
	json string // as written in the schema
}

// bound is a minimum or maximum.
type bound struct {
	r     *big.Rat
	i     int64 // r as an integer, when isInt
	isInt bool
}

// checker is a compiled schema.
type checker struct {
	root *node
}

// annotations are keywords with no effect on validation.
var annotations = map[string]bool{
	"title": true, "description": true, "$comment": true, "examples": true,
	"default": true, "deprecated": true, "readOnly": true, "writeOnly": true,
}

// compileCheck compiles a schema document for the fast check.
func compileCheck(doc []byte) (*checker, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	root, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("fast check: the schema is not an object")
	}
	cc := compiler{defs: map[string]*node{}}
	if d, ok := root["$defs"]; ok {
		defs, ok := d.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("fast check: $defs is not an object")
		}
		names := make([]string, 0, len(defs))
		for name := range defs {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			n, err := cc.compile(defs[name], "#/$defs/"+name, false)
			if err != nil {
				return nil, err
			}
			cc.defs["#/$defs/"+name] = n
		}
	}
	n, err := cc.compile(v, "#", true)
	if err != nil {
		return nil, err
	}
	cc.defs["#"] = n
	for _, r := range cc.refs {
		t, ok := cc.defs[r.refName]
		if !ok {
			return nil, fmt.Errorf("fast check: $ref %q: only #/$defs/NAME and # are known", r.refName)
		}
		r.ref = t
	}
	return &checker{root: n}, nil
}

type compiler struct {
	defs map[string]*node
	refs []*node
}

func (cc *compiler) compile(v any, at string, root bool) (*node, error) {
	fail := func(format string, args ...any) (*node, error) {
		return nil, fmt.Errorf("fast check: %s: %s", at, fmt.Sprintf(format, args...))
	}
	switch v := v.(type) {
	case bool:
		return &node{never: !v, own: !v, minItems: -1, maxItems: -1, minLen: -1, maxLen: -1}, nil
	case map[string]any:
	default:
		return fail("a schema is an object or a boolean")
	}
	m := v.(map[string]any)
	n := &node{minItems: -1, maxItems: -1, minLen: -1, maxLen: -1}
	var err error
	sub := func(kw string) (*node, error) { return cc.compile(m[kw], at+"/"+kw, false) }
	list := func(kw string) ([]*node, error) {
		a, ok := m[kw].([]any)
		if !ok || len(a) == 0 {
			return nil, fmt.Errorf("fast check: %s/%s: not a non-empty array", at, kw)
		}
		out := make([]*node, len(a))
		for i, s := range a {
			if out[i], err = cc.compile(s, fmt.Sprintf("%s/%s/%d", at, kw, i), false); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	count := func(kw string) (int, error) {
		x, ok := m[kw].(json.Number)
		if !ok {
			return 0, fmt.Errorf("fast check: %s/%s: not a number", at, kw)
		}
		i, err := strconv.Atoi(x.String())
		if err != nil || i < 0 {
			return 0, fmt.Errorf("fast check: %s/%s: not a count", at, kw)
		}
		return i, nil
	}
	num := func(kw string) (*bound, error) {
		x, ok := m[kw].(json.Number)
		if !ok {
			return nil, fmt.Errorf("fast check: %s/%s: not a number", at, kw)
		}
		return newBound(x.String())
	}
	kws := make([]string, 0, len(m))
	for kw := range m {
		kws = append(kws, kw)
	}
	sort.Strings(kws)
	for _, kw := range kws {
		val := m[kw]
		switch kw {
		case "$schema", "$id", "$defs":
			if !root {
				return fail("%s only at the root", kw)
			}
		case "type":
			n.own = true
			switch t := val.(type) {
			case string:
				if n.types, err = typeBits(n.types, t); err != nil {
					return fail("%v", err)
				}
			case []any:
				for _, x := range t {
					s, _ := x.(string)
					if n.types, err = typeBits(n.types, s); err != nil {
						return fail("%v", err)
					}
				}
			default:
				return fail("type is a string or an array")
			}
		case "const", "enum":
			n.own, n.hasEnum = true, true
			vals := []any{val}
			if kw == "enum" {
				a, ok := val.([]any)
				if !ok {
					return fail("enum is an array")
				}
				vals = a
			}
			for _, x := range vals {
				sc, err := newScalar(x)
				if err != nil {
					return fail("%s: %v", kw, err)
				}
				n.enum = append(n.enum, sc)
			}
		case "properties":
			n.own = true
			props, ok := val.(map[string]any)
			if !ok {
				return fail("properties is an object")
			}
			if n.keys == nil {
				n.keys = map[string]key{}
			}
			for name, s := range props {
				p, err := cc.compile(s, at+"/properties/"+name, false)
				if err != nil {
					return nil, err
				}
				k, ok := n.keys[name]
				if !ok {
					k.req = -1
				}
				k.prop = p
				n.keys[name] = k
			}
		case "required":
			n.own = true
			a, ok := val.([]any)
			if !ok {
				return fail("required is an array")
			}
			if n.keys == nil {
				n.keys = map[string]key{}
			}
			for _, x := range a {
				name, ok := x.(string)
				if !ok {
					return fail("required lists strings")
				}
				k, ok := n.keys[name]
				if !ok {
					k.req = -1
				}
				if k.req >= 0 {
					continue // listed twice
				}
				if len(n.required) == 64 {
					return fail("more than 64 required names")
				}
				k.req = len(n.required)
				n.required = append(n.required, name)
				n.keys[name] = k
			}
		case "additionalProperties":
			n.own = true
			if b, ok := val.(bool); ok {
				n.noExtra = !b
				break
			}
			if n.extra, err = sub(kw); err != nil {
				return nil, err
			}
		case "items":
			n.own = true
			if n.items, err = sub(kw); err != nil {
				return nil, err
			}
		case "minItems", "maxItems", "minLength", "maxLength":
			n.own = true
			c, err := count(kw)
			if err != nil {
				return nil, err
			}
			switch kw {
			case "minItems":
				n.minItems = c
			case "maxItems":
				n.maxItems = c
			case "minLength":
				n.minLen = c
			case "maxLength":
				n.maxLen = c
			}
		case "uniqueItems":
			n.own = true
			b, ok := val.(bool)
			if !ok {
				return fail("uniqueItems is a boolean")
			}
			n.unique = b
		case "pattern":
			n.own = true
			s, ok := val.(string)
			if !ok {
				return fail("pattern is a string")
			}
			if n.pattern, err = regexp.Compile(s); err != nil {
				return fail("pattern: %v", err)
			}
		case "format":
			n.own = true
			if val != "date" {
				return fail("format %v is not known", val)
			}
			n.date = true
		case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
			n.own = true
			b, err := num(kw)
			if err != nil {
				return nil, err
			}
			switch kw {
			case "minimum":
				n.min = b
			case "maximum":
				n.max = b
			case "exclusiveMinimum":
				n.xmin = b
			case "exclusiveMaximum":
				n.xmax = b
			}
		case "$ref":
			s, ok := val.(string)
			if !ok {
				return fail("$ref is a string")
			}
			n.refName = s
			cc.refs = append(cc.refs, n)
		case "allOf":
			if n.allOf, err = list(kw); err != nil {
				return nil, err
			}
		case "anyOf":
			if n.anyOf, err = list(kw); err != nil {
				return nil, err
			}
		case "oneOf":
			if n.oneOf, err = list(kw); err != nil {
				return nil, err
			}
		case "if":
			if n.ifN, err = sub(kw); err != nil {
				return nil, err
			}
		case "then":
			if n.thenN, err = sub(kw); err != nil {
				return nil, err
			}
		case "else":
			if n.elseN, err = sub(kw); err != nil {
				return nil, err
			}
		default:
			if !annotations[kw] {
				return fail("keyword %q is not known", kw)
			}
		}
	}
	n.onlyRef = n.refName != "" && !n.own && n.allOf == nil && n.anyOf == nil && n.oneOf == nil && n.ifN == nil
	return n, nil
}

func typeBits(bits uint8, t string) (uint8, error) {
	switch t {
	case "null":
		return bits | tNull, nil
	case "boolean":
		return bits | tBool, nil
	case "number":
		return bits | tNumber, nil
	case "integer":
		return bits | tInteger, nil
	case "string":
		return bits | tString, nil
	case "array":
		return bits | tArray, nil
	case "object":
		return bits | tObject, nil
	}
	return 0, fmt.Errorf("type %q is not known", t)
}

func newScalar(x any) (scalar, error) {
	sc, err := scalarOf(x)
	if err == nil {
		b, _ := json.Marshal(x)
		sc.json = string(b)
	}
	return sc, err
}

func scalarOf(x any) (scalar, error) {
	switch x := x.(type) {
	case nil:
		return scalar{t: tNull}, nil
	case bool:
		return scalar{t: tBool, b: x}, nil
	case string:
		return scalar{t: tString, s: x}, nil
	case json.Number:
		r, ok := new(big.Rat).SetString(x.String())
		if !ok {
			return scalar{}, fmt.Errorf("number %s", x)
		}
		return scalar{t: tNumber, num: r}, nil
	}
	return scalar{}, fmt.Errorf("only null, booleans, numbers and strings are known")
}

func newBound(s string) (*bound, error) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, fmt.Errorf("fast check: number %s", s)
	}
	b := &bound{r: r}
	if r.IsInt() && r.Num().IsInt64() {
		b.i, b.isInt = r.Num().Int64(), true
	}
	return b, nil
}

// maxDepth is encoding/json's limit on nesting.
const maxDepth = 10000

// Violation is one way a document breaks the schema.
type Violation struct {
	At     string      // JSON pointer to the value ("" for the whole document)
	Msg    string      // what is wrong
	Causes []Violation // of a oneOf or anyOf none of whose schemas matched: why each did not
}

// String is the violation and its causes, one a line, causes indented.
func (v Violation) String() string {
	var b strings.Builder
	v.write(&b, "")
	return b.String()
}

func (v Violation) write(b *strings.Builder, indent string) {
	fmt.Fprintf(b, "%sat '%s': %s", indent, v.At, v.Msg)
	for _, c := range v.Causes {
		b.WriteString("\n")
		c.write(b, indent+"  - ")
	}
}

// scan is the state of one check.
type scan struct {
	data  []byte
	buf   []byte // decoded string, reused
	depth int
	// abort: the bytes are not JSON, or hold something read differently
	// by encoding/json than they are written (invalid UTF-8, a lone
	// surrogate); the check does not decide.
	abort bool

	// With report, violations are collected in errs, except inside a
	// branch whose failure is not one (oneOf, anyOf, if): quiet > 0. loc
	// is the location of the current value.
	report bool
	quiet  int
	loc    []string
	errs   []Violation
}

// valid reports whether data is one JSON document that the schema accepts;
// false when it is not, or when the check does not decide (see scan.abort).
func (c *checker) valid(data []byte) bool {
	s := scan{data: data}
	i := s.ws(0)
	if i >= len(data) {
		return false
	}
	end, ok := s.value(c.root, i)
	if s.abort || s.ws(end) != len(data) {
		return false
	}
	return ok
}

// violations lists how data, one JSON document, breaks the schema, in the
// order of the document; decided is false when the check does not decide
// (see scan.abort): encoding/json's re-encoding of the document is always
// decided.
func (c *checker) violations(data []byte) (vs []Violation, decided bool) {
	s := scan{data: data, report: true}
	i := s.ws(0)
	if i >= len(data) {
		return nil, false
	}
	end, _ := s.value(c.root, i)
	if s.abort || s.ws(end) != len(data) {
		return nil, false
	}
	return s.errs, true
}

// on reports whether violations are being reported here.
func (s *scan) on() bool { return s.report && s.quiet == 0 }

// bad reports a violation at the current location; call it only when
// s.on(), so that the arguments are not made for nothing.
func (s *scan) bad(format string, args ...any) {
	var b strings.Builder
	for _, tok := range s.loc {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1"))
	}
	s.errs = append(s.errs, Violation{At: b.String(), Msg: fmt.Sprintf(format, args...)})
}

// badBranches reports msg with, as its causes, the violations of the value
// at data[i] against each of the schemas.
func (s *scan) badBranches(subs []*node, i int, msg string) {
	mark := len(s.errs)
	for _, sub := range subs {
		s.value(sub, i)
	}
	causes := slices.Clone(s.errs[mark:])
	s.errs = s.errs[:mark]
	s.bad("%s", msg)
	s.errs[len(s.errs)-1].Causes = causes
}

func (s *scan) push(tok string) {
	if s.report {
		s.loc = append(s.loc, tok)
	}
}

func (s *scan) pop() {
	if s.report {
		s.loc = s.loc[:len(s.loc)-1]
	}
}

func (s *scan) ws(i int) int {
	for i < len(s.data) {
		switch s.data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// fail marks the document as one the check does not decide and returns a
// position that ends every loop.
func (s *scan) fail() int {
	s.abort = true
	return len(s.data)
}

// value checks the value at data[i] (no leading space) against n and
// returns where it ends. ok is meaningful only while !s.abort.
func (s *scan) value(n *node, i int) (end int, ok bool) {
	if s.abort {
		return len(s.data), false
	}
	if n.onlyRef {
		return s.value(n.ref, i)
	}
	end, ok = -1, true
	if n.own {
		var typeOK bool
		end, ok, typeOK = s.own(n, i)
		if s.abort {
			return len(s.data), false
		}
		if !typeOK { // nothing else is checked (as jsonschema does)
			return end, false
		}
	}
	applied := func(sub *node) bool {
		e, sok := s.value(sub, i)
		end = e
		return sok
	}
	if n.ref != nil && !applied(n.ref) {
		ok = false
	}
	for _, sub := range n.allOf {
		if !applied(sub) {
			ok = false
		}
	}
	if n.anyOf != nil {
		s.quiet++
		matched := false
		for _, sub := range n.anyOf {
			if applied(sub) {
				matched = true
			}
		}
		s.quiet--
		if !matched {
			ok = false
			if s.on() {
				s.badBranches(n.anyOf, i, "'anyOf' failed, none matched")
			}
		}
	}
	if n.oneOf != nil {
		s.quiet++
		count, first, second := 0, -1, -1
		for k, sub := range n.oneOf {
			if applied(sub) {
				count++
				if first < 0 {
					first = k
				} else if second < 0 {
					second = k
				}
			}
		}
		s.quiet--
		if count != 1 {
			ok = false
			if s.on() {
				if count == 0 {
					s.badBranches(n.oneOf, i, "'oneOf' failed, none matched")
				} else {
					s.bad("'oneOf' failed, subschemas %d, %d matched", first, second)
				}
			}
		}
	}
	if n.ifN != nil {
		s.quiet++
		cond := applied(n.ifN)
		s.quiet--
		if cond {
			if n.thenN != nil && !applied(n.thenN) {
				ok = false
			}
		} else if n.elseN != nil && !applied(n.elseN) {
			ok = false
		}
	}
	if s.abort {
		return len(s.data), false
	}
	if end < 0 {
		end = s.skip(i)
	}
	return end, ok
}

// typeName names the JSON type of a value.
func typeName(t uint8) string {
	switch t {
	case tNull:
		return "null"
	case tBool:
		return "boolean"
	case tNumber:
		return "number"
	case tInteger:
		return "integer"
	case tString:
		return "string"
	case tArray:
		return "array"
	}
	return "object"
}

func typeNames(bits uint8) string {
	var names []string
	for t := tNull; t <= tObject && t != 0; t <<= 1 {
		if bits&t != 0 {
			names = append(names, typeName(t))
		}
	}
	return strings.Join(names, " or ")
}

func enumText(e []scalar) string {
	if len(e) == 1 {
		return "value must be " + e[0].json
	}
	parts := make([]string, len(e))
	for i, x := range e {
		parts[i] = x.json
	}
	return "value must be one of " + strings.Join(parts, ", ")
}

// own checks the keywords of n that look at the value itself. typeOK is
// false when the value is not of a type the schema allows.
func (s *scan) own(n *node, i int) (end int, ok, typeOK bool) {
	if i >= len(s.data) {
		return s.fail(), false, false
	}
	if n.never {
		if s.on() {
			s.bad("false schema")
		}
		return s.skip(i), false, false
	}
	var t uint8
	switch c := s.data[i]; {
	case c == '{':
		t = tObject
	case c == '[':
		t = tArray
	case c == '"':
		t = tString
	case c == 't' || c == 'f':
		t = tBool
	case c == 'n':
		t = tNull
	case c == '-' || c >= '0' && c <= '9':
		return s.number(n, i)
	default:
		return s.fail(), false, false
	}
	if n.types != 0 && n.types&t == 0 {
		if s.on() {
			s.bad("got %s, want %s", typeName(t), typeNames(n.types))
		}
		return s.skip(i), false, false
	}
	switch t {
	case tObject:
		end, ok = s.object(n, i)
	case tArray:
		end, ok = s.array(n, i)
	case tString:
		end, ok = s.str(n, i)
	default: // null and booleans
		end, ok = s.literal(i), true
		if s.abort {
			return end, false, false
		}
		if n.hasEnum {
			found := false
			for _, e := range n.enum {
				if e.t == t && (t == tNull || e.b == (s.data[i] == 't')) {
					found = true
				}
			}
			ok = found
		}
	}
	if n.hasEnum && !ok && (t == tNull || t == tBool) || n.hasEnum && (t == tObject || t == tArray) {
		ok = false // enums hold scalars only
		if s.on() {
			s.bad("%s", enumText(n.enum))
		}
	}
	return end, ok, true
}

func (s *scan) object(n *node, i int) (end int, ok bool) {
	ok = true
	s.depth++
	if s.depth > maxDepth {
		return s.fail(), false
	}
	var seen uint64
	var extra []string // with report
	i = s.ws(i + 1)
	if i < len(s.data) && s.data[i] == '}' {
		i++
	} else {
		for {
			if i >= len(s.data) || s.data[i] != '"' {
				return s.fail(), false
			}
			kend, raw, esc := s.scanString(i)
			if s.abort {
				return kend, false
			}
			name := raw
			if esc {
				name = s.decode(raw)
				if s.abort {
					return len(s.data), false
				}
			}
			k, known := n.keys[string(name)]
			if s.report {
				s.push(string(name))
			}
			i = s.ws(kend)
			if i >= len(s.data) || s.data[i] != ':' {
				return s.fail(), false
			}
			i = s.ws(i + 1)
			if known && k.req >= 0 {
				seen |= 1 << k.req
			}
			var vok bool
			switch {
			case known && k.prop != nil:
				i, vok = s.value(k.prop, i)
			case n.extra != nil:
				i, vok = s.value(n.extra, i)
			default:
				i, vok = s.skip(i), !n.noExtra
				if !vok && s.on() {
					extra = append(extra, s.loc[len(s.loc)-1])
				}
			}
			s.pop()
			if s.abort {
				return i, false
			}
			ok = ok && vok
			i = s.ws(i)
			if i >= len(s.data) {
				return s.fail(), false
			}
			if s.data[i] == '}' {
				i++
				break
			}
			if s.data[i] != ',' {
				return s.fail(), false
			}
			i = s.ws(i + 1)
		}
	}
	s.depth--
	if len(extra) > 0 {
		s.bad("additional properties %s not allowed", quoteList(extra))
	}
	if len(n.required) > 0 && seen != 1<<len(n.required)-1 {
		ok = false
		if s.on() {
			var missing []string
			for b, name := range n.required {
				if seen&(1<<b) == 0 {
					missing = append(missing, name)
				}
			}
			s.bad("missing properties: %s", quoteList(missing))
		}
	}
	return i, ok
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	return strings.Join(q, ", ")
}

func (s *scan) array(n *node, i int) (end int, ok bool) {
	ok = true
	s.depth++
	if s.depth > maxDepth {
		return s.fail(), false
	}
	count := 0
	var items [][2]int // with uniqueItems: where each item is
	i = s.ws(i + 1)
	if i < len(s.data) && s.data[i] == ']' {
		i++
	} else {
		for {
			if i >= len(s.data) {
				return s.fail(), false
			}
			start := i
			if s.report {
				s.push(strconv.Itoa(count))
			}
			var vok bool
			if n.items != nil {
				i, vok = s.value(n.items, i)
			} else {
				i, vok = s.skip(i), true
			}
			s.pop()
			if s.abort {
				return i, false
			}
			ok = ok && vok
			if n.unique {
				items = append(items, [2]int{start, i})
			}
			count++
			i = s.ws(i)
			if i >= len(s.data) {
				return s.fail(), false
			}
			if s.data[i] == ']' {
				i++
				break
			}
			if s.data[i] != ',' {
				return s.fail(), false
			}
			i = s.ws(i + 1)
		}
	}
	s.depth--
	if n.minItems >= 0 && count < n.minItems {
		ok = false
		if s.on() {
			s.bad("minItems: got %d, want %d", count, n.minItems)
		}
	}
	if n.maxItems >= 0 && count > n.maxItems {
		ok = false
		if s.on() {
			s.bad("maxItems: got %d, want %d", count, n.maxItems)
		}
	}
	if n.unique {
		if a, b, dup := s.duplicate(items); dup {
			ok = false
			if s.on() {
				s.bad("items at %d and %d are equal", a, b)
			}
		}
	}
	return i, ok
}

// duplicate finds two equal items among the values at the spans, by JSON
// equality (1 = 1.0, objects whatever the order of their members).
func (s *scan) duplicate(items [][2]int) (int, int, bool) {
	allStrings := true
	for _, it := range items {
		if s.data[it[0]] != '"' {
			allStrings = false
			break
		}
	}
	if allStrings && len(items) <= 32 {
		// Few strings, as an output's lists are: compared pairwise, without
		// copying, when none holds an escape.
		raws := make([][]byte, 0, 32)
		for _, it := range items {
			_, raw, esc := s.scanString(it[0])
			if esc {
				raws = nil
				break
			}
			raws = append(raws, raw)
		}
		if raws != nil {
			for k := range raws {
				for j := range k {
					if bytes.Equal(raws[j], raws[k]) {
						return j, k, true
					}
				}
			}
			return 0, 0, false
		}
	}
	if allStrings {
		texts := make([]string, len(items))
		seen := make(map[string]int, len(items))
		for k, it := range items {
			_, raw, esc := s.scanString(it[0])
			if esc {
				raw = s.decode(raw)
			}
			texts[k] = string(raw)
			if j, ok := seen[texts[k]]; ok {
				return j, k, true
			}
			seen[texts[k]] = k
		}
		return 0, 0, false
	}
	vals := make([]any, len(items))
	for k, it := range items {
		dec := json.NewDecoder(bytes.NewReader(s.data[it[0]:it[1]]))
		dec.UseNumber()
		if err := dec.Decode(&vals[k]); err != nil {
			s.fail()
			return 0, 0, false
		}
		for j := range k {
			if jsonEqual(vals[j], vals[k]) {
				return j, k, true
			}
		}
	}
	return 0, 0, false
}

// jsonEqual is JSON equality of decoded values (numbers as json.Number).
func jsonEqual(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			w, ok := b[k]
			if !ok || !jsonEqual(v, w) {
				return false
			}
		}
		return true
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !jsonEqual(a[i], b[i]) {
				return false
			}
		}
		return true
	case json.Number:
		b, ok := b.(json.Number)
		if !ok {
			return false
		}
		x, okx := new(big.Rat).SetString(a.String())
		y, oky := new(big.Rat).SetString(b.String())
		return okx && oky && x.Cmp(y) == 0
	}
	return a == b // nil, bool, string
}

func (s *scan) str(n *node, i int) (end int, ok bool) {
	end, raw, esc := s.scanString(i)
	if s.abort {
		return end, false
	}
	ok = true
	if !(n.hasEnum || n.minLen >= 0 || n.maxLen >= 0 || n.pattern != nil || n.date) {
		return end, ok
	}
	v := raw
	if esc {
		v = s.decode(raw)
		if s.abort {
			return end, false
		}
	}
	if n.hasEnum {
		found := false
		for _, e := range n.enum {
			if e.t == tString && e.s == string(v) {
				found = true
				break
			}
		}
		if !found {
			ok = false
			if s.on() {
				s.bad("%s", enumText(n.enum))
			}
		}
	}
	if n.minLen >= 0 || n.maxLen >= 0 {
		l := runeCount(v)
		if n.minLen >= 0 && l < n.minLen {
			ok = false
			if s.on() {
				s.bad("minLength: got %d, want %d", l, n.minLen)
			}
		}
		if n.maxLen >= 0 && l > n.maxLen {
			ok = false
			if s.on() {
				s.bad("maxLength: got %d, want %d", l, n.maxLen)
			}
		}
	}
	if n.pattern != nil && !n.pattern.Match(v) {
		ok = false
		if s.on() {
			s.bad("%q does not match pattern %q", v, n.pattern.String())
		}
	}
	if n.date {
		if _, err := time.Parse("2006-01-02", string(v)); err != nil {
			ok = false
			if s.on() {
				s.bad("%q is not a valid date: %v", v, err)
			}
		}
	}
	return end, ok
}

// runeCount is utf8.RuneCount of valid UTF-8, which a scanned string is,
// without the copy utf8.RuneCount makes of non-ASCII text: the bytes that
// do not continue a character.
func runeCount(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// scanString scans the string at data[i] ('"'), returning where it ends,
// its raw bytes between the quotes and whether they hold an escape. Bytes
// that are not JSON abort; so does invalid UTF-8, which encoding/json
// replaces rather than rejects.
func (s *scan) scanString(i int) (end int, raw []byte, esc bool) {
	d := s.data
	j := i + 1
	for j < len(d) {
		c := d[j]
		switch {
		case c == '"':
			return j + 1, d[i+1 : j], esc
		case c == '\\':
			esc = true
			if j+1 >= len(d) {
				return s.fail(), nil, false
			}
			switch d[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(d) {
					return s.fail(), nil, false
				}
				for _, h := range d[j+2 : j+6] {
					if !isHex(h) {
						return s.fail(), nil, false
					}
				}
				j += 6
			default:
				return s.fail(), nil, false
			}
		case c < 0x20:
			return s.fail(), nil, false
		case c < utf8.RuneSelf:
			j++
		default:
			r, size := utf8.DecodeRune(d[j:])
			if r == utf8.RuneError && size == 1 {
				return s.fail(), nil, false
			}
			j += size
		}
	}
	return s.fail(), nil, false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// decode returns the text of a string's raw bytes, already scanned, in
// s.buf. A lone surrogate (which encoding/json replaces) aborts.
func (s *scan) decode(raw []byte) []byte {
	b := s.buf[:0]
	for j := 0; j < len(raw); {
		c := raw[j]
		if c != '\\' {
			b = append(b, c)
			j++
			continue
		}
		switch raw[j+1] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := hex4(raw[j+2 : j+6])
			j += 6
			if utf16.IsSurrogate(r) {
				if j+6 > len(raw) || raw[j] != '\\' || raw[j+1] != 'u' {
					s.fail()
					return nil
				}
				r = utf16.DecodeRune(r, hex4(raw[j+2:j+6]))
				if r == utf8.RuneError {
					s.fail()
					return nil
				}
				j += 6
			}
			b = utf8.AppendRune(b, r)
			continue
		default: // " \ /
			b = append(b, raw[j+1])
		}
		j += 2
	}
	s.buf = b
	return b
}

func hex4(h []byte) rune {
	var r rune
	for _, c := range h {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// scanNumber scans the number at data[i] and returns where it ends and
// whether it is written as an integer (no fraction, no exponent).
func (s *scan) scanNumber(i int) (end int, plain bool) {
	d := s.data
	j := i
	if d[j] == '-' {
		j++
	}
	digits := func() int {
		k := j
		for j < len(d) && d[j] >= '0' && d[j] <= '9' {
			j++
		}
		return j - k
	}
	switch {
	case j < len(d) && d[j] == '0':
		j++
	case digits() == 0:
		return s.fail(), false
	}
	plain = true
	if j < len(d) && d[j] == '.' {
		plain = false
		j++
		if digits() == 0 {
			return s.fail(), false
		}
	}
	if j < len(d) && (d[j] == 'e' || d[j] == 'E') {
		plain = false
		j++
		if j < len(d) && (d[j] == '+' || d[j] == '-') {
			j++
		}
		if digits() == 0 {
			return s.fail(), false
		}
	}
	return j, plain
}

func (s *scan) number(n *node, i int) (end int, ok, typeOK bool) {
	end, plain := s.scanNumber(i)
	if s.abort {
		return end, false, false
	}
	lit := s.data[i:end]
	var r *big.Rat // lit's value, made only when needed
	rat := func() *big.Rat {
		if r == nil {
			r, _ = new(big.Rat).SetString(string(lit))
		}
		return r
	}
	if n.types != 0 && n.types&tNumber == 0 {
		if n.types&tInteger == 0 || !plain && !rat().IsInt() {
			if s.on() {
				got := "number"
				if plain || rat().IsInt() {
					got = "integer"
				}
				s.bad("got %s, want %s", got, typeNames(n.types))
			}
			return end, false, false
		}
	}
	ok = true
	if n.hasEnum {
		found := false
		for _, e := range n.enum {
			if e.t == tNumber && e.num.Cmp(rat()) == 0 {
				found = true
				break
			}
		}
		if !found {
			ok = false
			if s.on() {
				s.bad("%s", enumText(n.enum))
			}
		}
	}
	var small int64 // lit's value when it fits
	fits := plain && len(lit) <= 18
	if fits {
		for _, c := range lit {
			if c != '-' {
				small = small*10 + int64(c-'0')
			}
		}
		if lit[0] == '-' {
			small = -small
		}
	}
	cmp := func(b *bound) int {
		if fits && b.isInt {
			switch {
			case small < b.i:
				return -1
			case small > b.i:
				return 1
			}
			return 0
		}
		return rat().Cmp(b.r)
	}
	for _, c := range []struct {
		b    *bound
		kw   string
		fail func(int) bool
	}{
		{n.min, "minimum", func(c int) bool { return c < 0 }},
		{n.max, "maximum", func(c int) bool { return c > 0 }},
		{n.xmin, "exclusiveMinimum", func(c int) bool { return c <= 0 }},
		{n.xmax, "exclusiveMaximum", func(c int) bool { return c >= 0 }},
	} {
		if c.b != nil && c.fail(cmp(c.b)) {
			ok = false
			if s.on() {
				s.bad("%s: got %s, want %s", c.kw, lit, c.b.r.RatString())
			}
		}
	}
	return end, ok, true
}

// skip scans the value at data[i] and returns where it ends.
func (s *scan) skip(i int) int {
	if i >= len(s.data) {
		return s.fail()
	}
	switch c := s.data[i]; {
	case c == '{' || c == '[':
		s.depth++
		if s.depth > maxDepth {
			return s.fail()
		}
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		i = s.ws(i + 1)
		if i < len(s.data) && s.data[i] == closing {
			s.depth--
			return i + 1
		}
		for {
			if c == '{' {
				if i >= len(s.data) || s.data[i] != '"' {
					return s.fail()
				}
				i, _, _ = s.scanString(i)
				i = s.ws(i)
				if i >= len(s.data) || s.data[i] != ':' {
					return s.fail()
				}
				i = s.ws(i + 1)
			}
			i = s.ws(s.skip(i))
			if s.abort || i >= len(s.data) {
				return s.fail()
			}
			if s.data[i] == closing {
				s.depth--
				return i + 1
			}
			if s.data[i] != ',' {
				return s.fail()
			}
			i = s.ws(i + 1)
		}
	case c == '"':
		end, _, _ := s.scanString(i)
		return end
	case c == 't', c == 'f', c == 'n':
		return s.literal(i)
	case c == '-' || c >= '0' && c <= '9':
		end, _ := s.scanNumber(i)
		return end
	}
	return s.fail()
}

// literal scans true, false or null at data[i] and returns where it ends.
func (s *scan) literal(i int) int {
	var lit string
	switch s.data[i] {
	case 't':
		lit = "true"
	case 'f':
		lit = "false"
	default:
		lit = "null"
	}
	if len(s.data)-i < len(lit) || string(s.data[i:i+len(lit)]) != lit {
		return s.fail()
	}
	return i + len(lit)
}
