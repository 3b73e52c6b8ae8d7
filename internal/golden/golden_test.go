package golden

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/guihua-project/guihua/internal/convert"
)

var (
	outOnce sync.Once
	outputs [][]byte
	outErr  error
)

// corpusOutputs extracts every corpus plan; expectations are computed from
// these outputs, never hard-coded.
func corpusOutputs(t *testing.T) [][]byte {
	t.Helper()
	outOnce.Do(func() {
		c, err := convert.New()
		if err != nil {
			outErr = err
			return
		}
		files, _ := filepath.Glob("../../corpus/plans/*")
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				outErr = err
				return
			}
			js, err := c.JSON("corpus/plans/"+filepath.Base(f), data)
			if err != nil {
				outErr = err
				return
			}
			outputs = append(outputs, js)
		}
	})
	if outErr != nil {
		t.Fatal(outErr)
	}
	if len(outputs) == 0 {
		t.Fatal("no corpus outputs")
	}
	return outputs
}

func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func encode(t *testing.T, m map[string]any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// mutate returns base changed by f.
func mutate(t *testing.T, base []byte, f func(m map[string]any)) []byte {
	t.Helper()
	m := decode(t, base)
	f(m)
	return encode(t, m)
}

func arr(m map[string]any, k string) []any { l, _ := m[k].([]any); return l }
func obj(v any) map[string]any             { m, _ := v.(map[string]any); return m }

// pick returns the first output with an item in list k for which ok holds.
func pick(t *testing.T, k string, ok func(item map[string]any) bool) ([]byte, int) {
	t.Helper()
	for _, out := range corpusOutputs(t) {
		for i, it := range arr(decode(t, out), k) {
			if ok(obj(it)) {
				return out, i
			}
		}
	}
	t.Skipf("no corpus output has a fitting %s", k)
	return nil, 0
}

func diff(t *testing.T, want, got []byte) []Change {
	t.Helper()
	ch, err := Diff(want, got)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

func one(t *testing.T, ch []Change, kind Kind, path string, contains ...string) Change {
	t.Helper()
	if len(ch) != 1 {
		t.Fatalf("want one change, got %d:\n%s", len(ch), join(ch))
	}
	c := ch[0]
	if c.Kind != kind || c.Path != path {
		t.Errorf("change %s %s, want %s %s: %s", c.Kind, c.Path, kind, path, c)
	}
	for _, s := range contains {
		if !strings.Contains(c.String(), s) {
			t.Errorf("%q does not mention %q", c, s)
		}
	}
	return c
}

func join(ch []Change) string {
	var sb strings.Builder
	for _, c := range ch {
		sb.WriteString(c.String() + "\n")
	}
	return sb.String()
}

func TestSameAndSourcePath(t *testing.T) {
	for _, out := range corpusOutputs(t) {
		if ch := diff(t, out, out); len(ch) != 0 {
			t.Fatalf("output differs from itself:\n%s", join(ch))
		}
		moved := mutate(t, out, func(m map[string]any) { obj(m["source"])["path"] = "/elsewhere/plan.txt" })
		if ch := diff(t, out, moved); len(ch) != 0 {
			t.Errorf("source.path is reported:\n%s", join(ch))
		}
		// Re-encoding numbers differently (7 → 7.0) is no change.
		if ch := diff(t, out, bytes.ReplaceAll(out, []byte(`"line": 1,`), []byte(`"line": 1.0,`))); len(ch) != 0 {
			t.Errorf("number spelling is reported:\n%s", join(ch))
		}
		if eq, err := Equal(out, moved); !eq || err != nil {
			t.Errorf("Equal = %v, %v", eq, err)
		}
	}
}

func TestIndicatorValueChanged(t *testing.T) {
	out, i := pick(t, "indicators", func(it map[string]any) bool {
		for _, v := range arr(it, "values") {
			if obj(v)["year"] != nil && obj(v)["raw"] != "" {
				return true
			}
		}
		return false
	})
	var name, column, raw string
	var j int
	got := mutate(t, out, func(m map[string]any) {
		ind := obj(arr(m, "indicators")[i])
		name = ind["name"].(string)
		for k, v := range arr(ind, "values") {
			if obj(v)["year"] != nil && obj(v)["raw"] != "" {
				j, column, raw = k, obj(v)["column"].(string), obj(v)["raw"].(string)
				obj(v)["raw"] = raw + "9"
				break
			}
		}
	})
	c := one(t, diff(t, out, got), Changed, "/indicators/"+itoa(i)+"/values/"+itoa(j),
		"indicator `"+name+"`", "value `"+column+"` changed `"+raw+"` → `"+raw+"9`", "line")
	if c.Want == nil || c.Got == nil {
		t.Error("Want/Got not set")
	}
	// The value's number too: one change, the number in parentheses.
	got = mutate(t, got, func(m map[string]any) {
		v := obj(arr(obj(arr(m, "indicators")[i]), "values")[j])
		v["value"] = json.Number("123.5")
	})
	one(t, diff(t, out, got), Changed, "/indicators/"+itoa(i)+"/values/"+itoa(j), "(value ", "123.5")
}

func TestIndicatorAddedRemoved(t *testing.T) {
	out, i := pick(t, "indicators", func(map[string]any) bool { return true })
	var name string
	removed := mutate(t, out, func(m map[string]any) {
		l := arr(m, "indicators")
		name = obj(l[i])["name"].(string)
		m["indicators"] = append(l[:i:i], l[i+1:]...)
	})
	one(t, diff(t, out, removed), Removed, "/indicators/"+itoa(i), "indicator `"+name+"`", "removed")
	one(t, diff(t, removed, out), Added, "/indicators/"+itoa(i), "indicator `"+name+"`", "added")

	// A new indicator in the middle is one change, not a shift of all rows.
	inserted := mutate(t, out, func(m map[string]any) {
		l := arr(m, "indicators")
		n := decode(t, encode(t, obj(l[i])))
		n["name"], n["name_raw"] = "新增指标", "新增指标（%）"
		m["indicators"] = append(l[:i:i], append([]any{n}, l[i:]...)...)
	})
	one(t, diff(t, out, inserted), Added, "/indicators/"+itoa(i), "indicator `新增指标`", "added")
}

func TestDocumentField(t *testing.T) {
	out := corpusOutputs(t)[0]
	got := mutate(t, out, func(m map[string]any) {
		obj(m["document"])["region"] = "某某县"
		obj(m["document"])["draft"] = !obj(m["document"])["draft"].(bool)
	})
	ch := diff(t, out, got)
	if len(ch) != 2 || ch[0].Subject != "document" || !strings.Contains(ch[0].Detail, "region changed") ||
		!strings.Contains(ch[0].Detail, "`某某县`") || !strings.Contains(ch[1].Detail, "draft changed") {
		t.Errorf("changes:\n%s", join(ch))
	}
	got = mutate(t, out, func(m map[string]any) { obj(m["source"])["sha256"] = "00" })
	one(t, diff(t, out, got), Changed, "/source/sha256", "source", "sha256")
}

func TestTableRows(t *testing.T) {
	out, i := pick(t, "tables", func(tb map[string]any) bool { return len(arr(tb, "rows")) > 3 })
	got := mutate(t, out, func(m map[string]any) {
		tb := obj(arr(m, "tables")[i])
		rows := arr(tb, "rows")
		tb["rows"] = append(rows[:2:2], append([]any{[]any{"甲", "乙"}}, rows[2:]...)...)
	})
	one(t, diff(t, out, got), Added, "/tables/"+itoa(i)+"/rows/2", "table ", "row 3 added: 甲 | 乙")

	var cell string
	got = mutate(t, out, func(m map[string]any) {
		row := arr(obj(arr(m, "tables")[i]), "rows")[3].([]any)
		cell = row[0].(string)
		row[0] = cell + "X"
	})
	one(t, diff(t, out, got), Changed, "/tables/"+itoa(i)+"/rows/3/0", "row 4 cell 1 changed", cell+"X`")

	got = mutate(t, out, func(m map[string]any) {
		tb := obj(arr(m, "tables")[i])
		rows := arr(tb, "rows")
		tb["rows"] = append(rows[:1:1], rows[2:]...)
	})
	one(t, diff(t, out, got), Removed, "/tables/"+itoa(i)+"/rows/1", "row 2 removed")
}

func TestFacilities(t *testing.T) {
	out, i := pick(t, "facilities", func(f map[string]any) bool { return len(arr(f, "mentions")) > 1 })
	var name string
	got := mutate(t, out, func(m map[string]any) {
		f := obj(arr(m, "facilities")[i])
		name = f["name"].(string)
		f["type"] = "other_changed"
		f["mentions"] = arr(f, "mentions")[1:]
	})
	ch := diff(t, out, got)
	if len(ch) != 2 {
		t.Fatalf("changes:\n%s", join(ch))
	}
	if !strings.Contains(ch[0].String(), "facility `"+name+"`") || !strings.Contains(ch[0].Detail, "type changed") {
		t.Errorf("%s", ch[0])
	}
	if ch[1].Kind != Removed || !strings.HasPrefix(ch[1].Detail, "mention line") {
		t.Errorf("%s", ch[1])
	}
	removed := mutate(t, out, func(m map[string]any) {
		l := arr(m, "facilities")
		m["facilities"] = append(l[:i:i], l[i+1:]...)
	})
	one(t, diff(t, out, removed), Removed, "/facilities/"+itoa(i), "facility `"+name+"`", "removed")
}

func TestProjectItems(t *testing.T) {
	out, i := pick(t, "projects", func(p map[string]any) bool { return len(arr(p, "items")) > 1 })
	got := mutate(t, out, func(m map[string]any) {
		it := obj(arr(obj(arr(m, "projects")[i]), "items")[1])
		it["text"] = "完全不同的文本"
	})
	one(t, diff(t, out, got), Changed, "/projects/"+itoa(i)+"/items/1/text", "project `", "item 2 text changed", "`完全不同的文本`")

	got = mutate(t, out, func(m map[string]any) {
		p := obj(arr(m, "projects")[i])
		p["items"] = arr(p, "items")[1:]
	})
	one(t, diff(t, out, got), Removed, "/projects/"+itoa(i)+"/items/0", "item 1 removed")
}

func TestSpanMoved(t *testing.T) {
	out, i := pick(t, "outline", func(map[string]any) bool { return true })
	got := mutate(t, out, func(m map[string]any) {
		s := obj(obj(arr(m, "outline")[i])["span"])
		s["line"] = json.Number("99999")
		s["end_line"] = json.Number("99999")
	})
	one(t, diff(t, out, got), Changed, "/outline/"+itoa(i)+"/span", "heading `", "span moved", "→ line 99999")
}

func TestUnknownFieldsCompared(t *testing.T) {
	out := corpusOutputs(t)[0]
	got := mutate(t, out, func(m map[string]any) {
		m["extra"] = []any{"a"}
		obj(m["document"])["new_field"] = "x"
	})
	ch := diff(t, out, got)
	if len(ch) != 2 || !strings.Contains(join(ch), "field new_field added `x`") || !strings.Contains(join(ch), "field extra added") {
		t.Errorf("changes:\n%s", join(ch))
	}
	if _, err := Diff([]byte("{"), out); err == nil {
		t.Error("no error for invalid JSON")
	}
	if _, err := Diff(out, []byte("[]")); err == nil {
		t.Error("no error for a non-object")
	}
}

func TestAlign(t *testing.T) {
	key := []func(any) string{func(v any) string { return v.(string) }}
	a := []any{"a", "b", "c", "d"}
	b := []any{"a", "x", "c", "d", "e"}
	got := align(a, b, key)
	want := []pair{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {-1, 4}} // b↔x paired by position in their gap
	if len(got) != len(want) {
		t.Fatalf("%v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%v, want %v", got, want)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestNotAnOutput(t *testing.T) {
	good := []byte(`{"schema_version": "1.0"}`)
	tests := []struct {
		name      string
		want, got []byte
		wantSide  bool   // InputError.Want
		text      string // the error's text
	}{
		{"truncated golden", []byte(`{"schema_version": `), good, true, "golden: wanted output: invalid JSON: unexpected EOF"},
		{"golden is an array", []byte(`[1, 2]`), good, true, "golden: wanted output: not a JSON object"},
		{"two values", []byte(`{} {}`), good, true, "golden: wanted output: invalid JSON: more than one value"},
		{"output got is empty", good, nil, false, "golden: output got: invalid JSON: EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Diff(tt.want, tt.got)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			if ie.Want != tt.wantSide || err.Error() != tt.text {
				t.Errorf("Want %v, %q; want %v, %q", ie.Want, err, tt.wantSide, tt.text)
			}
		})
	}
}
