package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanner is a strict XML tokenizer over one part held in memory. It
// replaces encoding/xml's Decoder, which reads a byte at a time through an
// io.ByteReader and copies every name: for the input that Decoder accepts
// (strict, with the CharsetReader rule of supportedEncoding) the scanner
// yields the same tokens — self-closing elements as a start and an end,
// names in namespaces resolved the same way, character data with the
// predefined entities and character references decoded and line ends
// normalised — and it rejects what that Decoder rejects (TestTokenizerAgrees,
// FuzzTokenizer). Like the Decoder it never expands other entities and
// fetches nothing: a DOCTYPE is passed on as a directive.
//
// The current token lives in the scanner until the next call to next. Its
// text (character data, comment, instruction, directive) may alias the
// input or a scratch buffer that the next token overwrites, so a consumer
// that keeps it must copy it. Names, namespace URLs and attribute values
// are strings, and a StartElement's Attr slice is never reused: those may
// be kept.
type scanner struct {
	data []byte
	pos  int
	err  error // sticky: once set, every call returns it

	start  xml.StartElement // tokStart
	end    xml.Name         // tokEnd
	text   []byte           // tokText, tokComment, tokDirective, the instruction of tokProcInst
	target string           // tokProcInst

	open    []openElem        // open elements, innermost last
	ns      map[string]string // namespace prefix → URL in scope
	nsGen   uint32            // changes whenever ns does
	undo    []nsUndo          // the bindings the open elements replaced
	closing bool              // the last start tag was self-closing: its end comes next

	// skipping is set while the consumer skips elements: their start tags
	// are read and checked in full, namespace declarations applied, but no
	// StartElement is built (s.start is empty).
	skipping bool

	names     map[string]nameSlot // interned names, each split and validated once
	nameCache [cacheSize]nameSlot // in front of names
	nsCache   [nsCacheSize]nsSlot // in front of ns
	values    [cacheSize]string   // recent attribute values, shared when equal
	raw       []rawAttr           // the attributes of the start tag being read
	slab      []xml.Attr          // attributes are handed out from here, never reused
	buf       []byte              // decoded text when it differs from the input
}

// nameSlot is an entry of scanner.nameCache.
type nameSlot struct {
	full string
	q    qname
}

// nsSlot is an entry of scanner.nsCache: a prefix's binding as of nsGen gen.
type nsSlot struct {
	prefix, url string
	ok          bool
	gen         uint32
}

// tokKind is the kind of the current token.
type tokKind uint8

const (
	tokEOF tokKind = iota // end of input, at the top level
	tokStart
	tokEnd
	tokText
	tokComment
	tokProcInst
	tokDirective
)

// qname is a name as written: prefix "" when it has none.
type qname struct{ prefix, local string }

// openElem is an open element: its name as written and resolved, and the
// length of scanner.undo before its namespace declarations.
type openElem struct {
	raw  qname
	name xml.Name
	undo int
}

// nsUndo restores a prefix's binding when an element ends.
type nsUndo struct {
	prefix, url string
	had         bool
}

// rawAttr is an attribute as written.
type rawAttr struct {
	name  qname
	value string
}

// Namespace constants of the XML namespaces recommendation, as encoding/xml
// uses them.
const (
	xmlURL      = "http://www.w3.org/XML/1998/namespace"
	xmlnsPrefix = "xmlns"
	xmlPrefix   = "xml"
)

// Interning bounds: past them names and values are still read, only not
// shared, so hostile input cannot grow the tables without limit.
const (
	maxNames       = 4096
	maxInternedLen = 32  // longest attribute value shared
	cacheSize      = 256 // entries of the direct-mapped name and value caches
	nsCacheSize    = 8
	attrSlab       = 256
)

// cacheIndex hashes a short byte string to a cache entry.
func cacheIndex(b []byte) int {
	h := uint32(len(b))
	for _, c := range b {
		h = h*31 + uint32(c)
	}
	return int((h ^ h>>8) % cacheSize)
}

// newScanner returns a scanner over b, which must stay unchanged while the
// scanner and the tokens it returned are in use.
func newScanner(b []byte) *scanner {
	return &scanner{
		data:  b,
		ns:    map[string]string{},
		names: map[string]nameSlot{},
	}
}

// syntaxError is a well-formedness error at a line of the part.
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string { return "line " + strconv.Itoa(e.line) + ": " + e.msg }

// fail records a syntax error at byte offset at and returns it.
func (s *scanner) fail(at int, msg string) (tokKind, error) {
	at = min(max(at, 0), len(s.data))
	s.err = &syntaxError{line: 1 + bytes.Count(s.data[:at], []byte{'\n'}), msg: msg}
	return tokEOF, s.err
}

// short cuts a name from the input to a length fit for an error message.
func short(name string) string {
	const limit = 64
	if len(name) <= limit {
		return name
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut] + "…"
}

// eof records an unexpected end of input.
func (s *scanner) eof() (tokKind, error) { return s.fail(len(s.data), "unexpected EOF") }

// next reads the next token: tokEOF with a nil error at the end of input
// outside any element.
func (s *scanner) next() (tokKind, error) {
	if s.err != nil {
		return tokEOF, s.err
	}
	if s.closing {
		s.closing = false
		s.pop()
		return tokEnd, nil
	}
	if s.pos >= len(s.data) {
		if len(s.open) > 0 {
			return s.eof()
		}
		return tokEOF, nil
	}
	if s.data[s.pos] != '<' {
		return s.charData()
	}
	s.pos++
	if s.pos >= len(s.data) {
		return s.eof()
	}
	switch s.data[s.pos] {
	case '/':
		s.pos++
		return s.endTag()
	case '?':
		s.pos++
		return s.procInst()
	case '!':
		s.pos++
		return s.bang()
	}
	return s.startTag()
}

// charData reads text up to the next '<' or the end of input.
func (s *scanner) charData() (tokKind, error) {
	start := s.pos
	end := bytes.IndexByte(s.data[start:], '<')
	if end < 0 {
		end = len(s.data)
	} else {
		end += start
	}
	s.pos = end
	t, err := s.decode(start, end, modeText)
	if err != nil {
		return tokEOF, err
	}
	s.text = t
	return tokText, nil
}

// space skips white space.
func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.pos++
		default:
			return
		}
	}
}

// nameRun reads the bytes of a name (possibly empty).
func (s *scanner) nameRun() []byte {
	i := s.pos
	for i < len(s.data) && nameByte[s.data[i]] {
		i++
	}
	b := s.data[s.pos:i]
	s.pos = i
	return b
}

// qname reads a name that may have a prefix; msg is the error when there
// is none or it has more than one colon.
func (s *scanner) qname(msg string) (qname, error) {
	at := s.pos
	b := s.nameRun()
	if len(b) == 0 {
		_, err := s.fail(at, msg)
		return qname{}, err
	}
	slot := &s.nameCache[cacheIndex(b)]
	if slot.full == string(b) {
		return slot.q, nil
	}
	if e, ok := s.names[string(b)]; ok {
		*slot = e
		return e.q, nil
	}
	if !validName(b) {
		_, err := s.fail(at, "invalid XML name: "+short(string(b)))
		return qname{}, err
	}
	e := nameSlot{full: string(b)}
	switch prefix, local, ok := strings.Cut(e.full, ":"); {
	case strings.Count(e.full, ":") > 1:
		_, err := s.fail(at, msg+": "+short(e.full))
		return qname{}, err
	case !ok || prefix == "" || local == "":
		e.q.local = e.full
	default:
		e.q.prefix, e.q.local = prefix, local
	}
	*slot = e
	if len(s.names) < maxNames {
		s.names[e.full] = e
	}
	return e.q, nil
}

// startTag reads a start tag, the '<' already read, and opens the element.
func (s *scanner) startTag() (tokKind, error) {
	name, err := s.qname("expected element name after <")
	if err != nil {
		return tokEOF, err
	}
	raw := s.raw[:0]
	for {
		s.space()
		if s.pos >= len(s.data) {
			return s.eof()
		}
		c := s.data[s.pos]
		if c == '/' {
			s.pos++
			if s.pos >= len(s.data) {
				return s.eof()
			}
			if s.data[s.pos] != '>' {
				return s.fail(s.pos, "expected /> in element")
			}
			s.pos++
			s.closing = true
			break
		}
		if c == '>' {
			s.pos++
			break
		}
		a, err := s.attribute()
		if err != nil {
			return tokEOF, err
		}
		raw = append(raw, a)
	}
	s.raw = raw
	s.openElement(name, raw)
	return tokStart, nil
}

// attribute reads name="value" or name='value'.
func (s *scanner) attribute() (rawAttr, error) {
	fail := func(at int, msg string) (rawAttr, error) {
		_, err := s.fail(at, msg)
		return rawAttr{}, err
	}
	name, err := s.qname("expected attribute name in element")
	if err != nil {
		return rawAttr{}, err
	}
	s.space()
	if s.pos >= len(s.data) {
		return fail(len(s.data), "unexpected EOF")
	}
	if s.data[s.pos] != '=' {
		return fail(s.pos, "attribute name without = in element")
	}
	s.pos++
	s.space()
	if s.pos >= len(s.data) {
		return fail(len(s.data), "unexpected EOF")
	}
	quote := s.data[s.pos]
	if quote != '"' && quote != '\'' {
		return fail(s.pos, "unquoted or missing attribute value in element")
	}
	s.pos++
	start := s.pos
	n := bytes.IndexByte(s.data[start:], quote)
	if n < 0 {
		if lt := bytes.IndexByte(s.data[start:], '<'); lt >= 0 {
			return fail(start+lt, "unescaped < inside quoted string")
		}
		return fail(len(s.data), "unexpected EOF")
	}
	s.pos = start + n + 1
	v, err := s.decode(start, start+n, modeAttr)
	if err != nil {
		return rawAttr{}, err
	}
	if s.skipping && name.prefix != xmlnsPrefix && (name.prefix != "" || name.local != xmlnsPrefix) {
		return rawAttr{name: name}, nil // checked; only a declaration's value is needed
	}
	return rawAttr{name: name, value: s.valueString(v)}, nil
}

// valueString returns an attribute value as a string, the same string as
// a recent equal value when short.
func (s *scanner) valueString(v []byte) string {
	if len(v) > maxInternedLen {
		return string(v)
	}
	slot := &s.values[cacheIndex(v)]
	if *slot != string(v) {
		*slot = string(v)
	}
	return *slot
}

// openElement applies the start tag's namespace declarations, pushes the
// element and sets the current token, with names resolved as
// encoding/xml's Decoder.Token resolves them.
func (s *scanner) openElement(name qname, raw []rawAttr) {
	undo := len(s.undo)
	for _, a := range raw {
		switch {
		case a.name.prefix == xmlnsPrefix:
			s.bind(a.name.local, a.value)
		case a.name.prefix == "" && a.name.local == xmlnsPrefix:
			s.bind("", a.value)
		}
	}
	if s.skipping {
		s.open = append(s.open, openElem{raw: name, undo: undo})
		s.start = xml.StartElement{}
		return
	}
	el := openElem{raw: name, name: s.resolve(name, true), undo: undo}
	s.open = append(s.open, el)
	var attrs []xml.Attr
	if len(raw) > 0 {
		if cap(s.slab)-len(s.slab) < len(raw) {
			s.slab = make([]xml.Attr, 0, max(len(raw), attrSlab))
		}
		i := len(s.slab)
		s.slab = s.slab[:i+len(raw)]
		attrs = s.slab[i : i+len(raw) : i+len(raw)]
		for j, a := range raw {
			attrs[j] = xml.Attr{Name: s.resolve(a.name, false), Value: a.value}
		}
	}
	s.start = xml.StartElement{Name: el.name, Attr: attrs}
}

// bind declares a namespace prefix ("" for the default namespace).
func (s *scanner) bind(prefix, url string) {
	old, had := s.ns[prefix]
	s.undo = append(s.undo, nsUndo{prefix: prefix, url: old, had: had})
	s.ns[prefix] = url
	s.nsGen++
}

// resolve turns a name as written into its namespace URL and local name:
// the xmlns prefix is kept, xml is its fixed URL, an unprefixed attribute
// has no namespace, and an undeclared prefix stands for itself.
func (s *scanner) resolve(q qname, element bool) xml.Name {
	switch {
	case q.prefix == xmlnsPrefix:
		return xml.Name{Space: xmlnsPrefix, Local: q.local}
	case q.prefix == "" && !element:
		return xml.Name{Local: q.local}
	case q.prefix == xmlPrefix:
		return xml.Name{Space: xmlURL, Local: q.local}
	case q.prefix == "" && q.local == xmlnsPrefix:
		return xml.Name{Local: q.local}
	}
	if url, ok := s.lookup(q.prefix); ok {
		return xml.Name{Space: url, Local: q.local}
	}
	return xml.Name{Space: q.prefix, Local: q.local}
}

// lookup returns the URL a prefix is bound to.
func (s *scanner) lookup(prefix string) (string, bool) {
	i := len(prefix)
	if i > 0 {
		i += int(prefix[0])
	}
	slot := &s.nsCache[i%nsCacheSize]
	if slot.gen != s.nsGen || slot.prefix != prefix {
		url, ok := s.ns[prefix]
		*slot = nsSlot{prefix: prefix, url: url, ok: ok, gen: s.nsGen}
	}
	return slot.url, slot.ok
}

// endTag reads an end tag, the "</" already read, and closes the element.
func (s *scanner) endTag() (tokKind, error) {
	at := s.pos
	name, err := s.qname("expected element name after </")
	if err != nil {
		return tokEOF, err
	}
	s.space()
	if s.pos >= len(s.data) {
		return s.eof()
	}
	if s.data[s.pos] != '>' {
		return s.fail(s.pos, "invalid characters between </"+short(name.local)+" and >")
	}
	s.pos++
	if len(s.open) == 0 {
		return s.fail(at, "unexpected end element </"+short(name.local)+">")
	}
	top := s.open[len(s.open)-1].raw
	if top.local != name.local {
		return s.fail(at, "element <"+short(top.local)+"> closed by </"+short(name.local)+">")
	}
	if top.prefix != name.prefix {
		return s.fail(at, fmt.Sprintf("element <%s> with prefix %q closed by </%s> with prefix %q",
			short(top.local), short(top.prefix), short(name.local), short(name.prefix)))
	}
	s.pop()
	return tokEnd, nil
}

// pop closes the innermost element, restoring the namespace bindings it
// replaced, and sets the current token.
func (s *scanner) pop() {
	el := s.open[len(s.open)-1]
	s.open = s.open[:len(s.open)-1]
	for i := len(s.undo) - 1; i >= el.undo; i-- {
		u := s.undo[i]
		if u.had {
			s.ns[u.prefix] = u.url
		} else {
			delete(s.ns, u.prefix)
		}
	}
	if len(s.undo) > el.undo {
		s.undo = s.undo[:el.undo]
		s.nsGen++
	}
	s.end = el.name
}

// procInst reads a processing instruction, "<?" already read. The XML
// declaration's version must be 1.0 and its encoding one supportedEncoding
// accepts (the bytes are UTF-8 by then: see partBytes).
func (s *scanner) procInst() (tokKind, error) {
	at := s.pos
	b := s.nameRun()
	if len(b) == 0 {
		return s.fail(at, "expected target name after <?")
	}
	if !validName(b) {
		return s.fail(at, "invalid XML name: "+short(string(b)))
	}
	s.space()
	n := bytes.Index(s.data[s.pos:], []byte("?>"))
	if n < 0 {
		return s.eof()
	}
	inst := s.data[s.pos : s.pos+n]
	s.pos += n + 2
	if string(b) == "xml" {
		content := string(inst)
		if ver := procInstParam("version", content); ver != "" && ver != "1.0" {
			return s.fail(at, fmt.Sprintf("unsupported XML version %q; only version 1.0 is supported", short(ver)))
		}
		if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") && !supportedEncoding(enc) {
			return s.fail(at, fmt.Sprintf("unsupported XML encoding %q", short(enc)))
		}
		s.target = "xml"
	} else {
		s.target = string(b)
	}
	s.text = inst
	return tokProcInst, nil
}

// procInstParam returns the value of param in a processing instruction's
// content, read as encoding/xml reads it (procInst in its xml.go).
func procInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// bang reads what starts with "<!": a comment, a CDATA section or a
// directive.
func (s *scanner) bang() (tokKind, error) {
	if s.pos >= len(s.data) {
		return s.eof()
	}
	switch s.data[s.pos] {
	case '-':
		return s.comment()
	case '[':
		return s.cdata()
	}
	return s.directive()
}

// comment reads "<!--" … "-->"; "--" may not occur inside.
func (s *scanner) comment() (tokKind, error) {
	at := s.pos - 2
	s.pos++ // the first '-'
	if s.pos >= len(s.data) {
		return s.eof()
	}
	if s.data[s.pos] != '-' {
		return s.fail(at, "invalid sequence <!- not part of <!--")
	}
	s.pos++
	n := bytes.Index(s.data[s.pos:], []byte("--"))
	if n < 0 || s.pos+n+2 >= len(s.data) {
		return s.eof()
	}
	if s.data[s.pos+n+2] != '>' {
		return s.fail(s.pos+n, `invalid sequence "--" not allowed in comments`)
	}
	s.text = s.data[s.pos : s.pos+n]
	s.pos += n + 3
	return tokComment, nil
}

// cdata reads "<![CDATA[" … "]]>" as character data.
func (s *scanner) cdata() (tokKind, error) {
	at := s.pos - 2
	const open = "[CDATA["
	for i := range len(open) {
		if s.pos+i >= len(s.data) {
			return s.eof()
		}
		if s.data[s.pos+i] != open[i] {
			return s.fail(at, "invalid <![ sequence")
		}
	}
	s.pos += len(open)
	n := bytes.Index(s.data[s.pos:], []byte("]]>"))
	if n < 0 {
		return s.fail(len(s.data), "unexpected EOF in CDATA section")
	}
	start := s.pos
	s.pos += n + 3
	t, err := s.decode(start, start+n, modeCDATA)
	if err != nil {
		return tokEOF, err
	}
	s.text = t
	return tokText, nil
}

// directive reads "<!" … ">" (a DOCTYPE, for one) as encoding/xml does:
// '>' inside quotes or nested "<…>" does not end it, and a comment inside
// it is replaced by a space. Nothing in it is interpreted further: no
// entity is declared or expanded, no external subset fetched.
func (s *scanner) directive() (tokKind, error) {
	d := s.data
	start := s.pos
	seg := start    // start of the input not yet copied to s.buf
	copied := false // s.buf holds the directive so far: a comment was removed
	i := start + 1  // the first byte is taken as it is
	var inquote byte
	depth := 0
	for {
		if i >= len(d) {
			return s.eof()
		}
		b := d[i]
		if inquote == 0 && b == '>' && depth == 0 {
			break
		}
		i++
	handle:
		switch {
		case b == inquote:
			inquote = 0
		case inquote != 0:
		case b == '\'' || b == '"':
			inquote = b
		case b == '>':
			depth--
		case b == '<':
			// "<!--" starts a comment; anything else nests, and the byte
			// that differs is handled in turn.
			const cm = "!--"
			for k := range len(cm) {
				if i >= len(d) {
					return s.eof()
				}
				b = d[i]
				i++
				if b != cm[k] {
					depth++
					goto handle
				}
			}
			n := bytes.Index(d[i:], []byte("-->"))
			if n < 0 {
				return s.eof()
			}
			if !copied {
				s.buf, copied = s.buf[:0], true
			}
			s.buf = append(append(s.buf, d[seg:i-len("<!--")]...), ' ')
			i += n + len("-->")
			seg = i
		}
	}
	if copied {
		s.buf = append(s.buf, d[seg:i]...)
		s.text = s.buf
	} else {
		s.text = d[start:i]
	}
	s.pos = i + 1
	return tokDirective, nil
}

// textMode selects how decode treats its input.
type textMode uint8

const (
	modeText  textMode = iota // character data: entities, no "]]>"
	modeAttr                  // a quoted attribute value: entities, no '<'
	modeCDATA                 // a CDATA section: taken literally
)

// plainASCII marks the ASCII bytes that need no attention in decode.
var plainASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c >= 0x20 || c == '\t' || c == '\n'
	}
	t['&'], t['\r'], t[']'], t['<'] = false, false, false, false
	return t
}()

// decode checks and decodes the text d[start:end]: every character must be
// valid UTF-8 and an XML Char; "\r\n" and a lone "\r" become "\n"; outside
// CDATA the predefined entities and character references are replaced. The
// result is the input itself when nothing is replaced, else s.buf.
func (s *scanner) decode(start, end int, mode textMode) ([]byte, error) {
	raw := s.data[start:end]
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if plainASCII[c] {
				i++
				continue
			}
			switch {
			case c == '\r' || c == '&' && mode != modeCDATA:
				return s.decodeSlow(start, end, i, mode)
			case c == ']':
				if mode == modeText && bytes.HasPrefix(raw[i:], []byte("]]>")) {
					_, err := s.fail(start+i, "unescaped ]]> not in CDATA section")
					return nil, err
				}
			case c == '<':
				if mode == modeAttr {
					_, err := s.fail(start+i, "unescaped < inside quoted string")
					return nil, err
				}
			case c == '&':
			default:
				_, err := s.fail(start+i, fmt.Sprintf("illegal character code %U", rune(c)))
				return nil, err
			}
			i++
			continue
		}
		if n := xmlChar3(raw[i:]); n > 0 {
			i += n
			continue
		}
		n, err := s.checkRune(raw[i:], start+i)
		if err != nil {
			return nil, err
		}
		i += n
	}
	return raw, nil
}

// xmlChar3 returns 3 when b starts with a well-formed three-byte UTF-8
// sequence (most of Chinese text) that is an XML Char, else 0.
func xmlChar3(b []byte) int {
	if len(b) < 3 || b[0]&0xF0 != 0xE0 || b[1]&0xC0 != 0x80 || b[2]&0xC0 != 0x80 {
		return 0
	}
	r := rune(b[0]&0x0F)<<12 | rune(b[1]&0x3F)<<6 | rune(b[2]&0x3F)
	if r < 0x800 || 0xD800 <= r && r <= 0xDFFF || r >= 0xFFFE {
		return 0
	}
	return 3
}

// checkRune checks the multi-byte character at the start of b (at offset
// at) and returns its length.
func (s *scanner) checkRune(b []byte, at int) (int, error) {
	r, n := utf8.DecodeRune(b)
	if r == utf8.RuneError && n == 1 {
		_, err := s.fail(at, "invalid UTF-8")
		return 0, err
	}
	if !isXMLChar(r) {
		_, err := s.fail(at, fmt.Sprintf("illegal character code %U", r))
		return 0, err
	}
	return n, nil
}

// decodeSlow is decode from raw offset i on, where the text first differs
// from its decoding: it builds the result in s.buf.
func (s *scanner) decodeSlow(start, end, i int, mode textMode) ([]byte, error) {
	raw := s.data[start:end]
	out := append(s.buf[:0], raw[:i]...)
	for i < len(raw) {
		c := raw[i]
		switch {
		case c >= utf8.RuneSelf:
			n, err := s.checkRune(raw[i:], start+i)
			if err != nil {
				return nil, err
			}
			out = append(out, raw[i:i+n]...)
			i += n
			continue
		case c == '\r':
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case c == '&' && mode != modeCDATA:
			r, n := entity(raw[i:])
			if n == 0 {
				_, err := s.fail(start+i, "invalid character entity "+entityText(raw[i:]))
				return nil, err
			}
			if !isXMLChar(r) {
				_, err := s.fail(start+i, fmt.Sprintf("illegal character code %U", r))
				return nil, err
			}
			out = utf8.AppendRune(out, r)
			i += n
			continue
		case c == ']' && mode == modeText && bytes.HasPrefix(raw[i:], []byte("]]>")):
			_, err := s.fail(start+i, "unescaped ]]> not in CDATA section")
			return nil, err
		case c == '<' && mode == modeAttr:
			_, err := s.fail(start+i, "unescaped < inside quoted string")
			return nil, err
		case c < 0x20 && c != '\t' && c != '\n':
			_, err := s.fail(start+i, fmt.Sprintf("illegal character code %U", rune(c)))
			return nil, err
		default:
			out = append(out, c)
		}
		i++
	}
	s.buf = out
	return out, nil
}

// entity decodes the entity or character reference at the start of b
// ('&'): its character and length, n 0 when it is not one of the five
// predefined entities or a well-formed reference to a code point. A
// reference to a surrogate yields U+FFFD, as in encoding/xml.
func entity(b []byte) (r rune, n int) {
	if len(b) > 1 && b[1] == '#' {
		return charRef(b)
	}
	for _, e := range predefined {
		if bytes.HasPrefix(b, []byte(e.ref)) {
			return e.r, len(e.ref)
		}
	}
	return 0, 0
}

// predefined are the five entities XML predefines.
var predefined = [...]struct {
	ref string
	r   rune
}{{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&apos;", '\''}, {"&quot;", '"'}}

// charRef decodes "&#NN;" or "&#xHH;" at the start of b.
func charRef(b []byte) (rune, int) {
	i, base := 2, uint64(10)
	if i < len(b) && b[i] == 'x' {
		i, base = 3, 16
	}
	digits := i
	var v uint64
	for ; i < len(b); i++ {
		d, ok := digitValue(b[i], base)
		if !ok {
			break
		}
		if v <= unicode.MaxRune {
			v = v*base + d
		}
	}
	if i == digits || i >= len(b) || b[i] != ';' || v > unicode.MaxRune {
		return 0, 0
	}
	r := rune(v)
	if 0xD800 <= r && r <= 0xDFFF {
		r = utf8.RuneError
	}
	return r, i + 1
}

// digitValue is the value of a decimal or hexadecimal digit.
func digitValue(c byte, base uint64) (uint64, bool) {
	switch {
	case '0' <= c && c <= '9':
		return uint64(c - '0'), true
	case base == 16 && 'a' <= c && c <= 'f':
		return uint64(c-'a') + 10, true
	case base == 16 && 'A' <= c && c <= 'F':
		return uint64(c-'A') + 10, true
	}
	return 0, false
}

// entityText is the entity at the start of b for an error message.
func entityText(b []byte) string {
	end := min(len(b), 32)
	if i := bytes.IndexByte(b[:end], ';'); i >= 0 {
		return strconv.Quote(string(b[:i+1]))
	}
	return strconv.Quote(string(b[:end])) + " (no semicolon)"
}

// isXMLChar reports whether r is in XML's Char production.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// supportedEncoding reports whether an XML declaration's encoding is one a
// part may declare: the bytes are UTF-8 by the time they are read, either
// as stored or converted from UTF-16 (partBytes).
func supportedEncoding(label string) bool {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be", "us-ascii", "ascii":
		return true
	}
	return false
}
