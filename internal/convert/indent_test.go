package convert

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// encoderJSON is the encoding Marshal must keep byte for byte.
func encoderJSON(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMarshalAsEncoder: Marshal writes the bytes json.Encoder writes with
// SetEscapeHTML(false) and SetIndent("", "  "), for every corpus plan and
// for random values full of brackets, commas, colons, quotes and escapes
// inside strings.
func TestMarshalAsEncoder(t *testing.T) {
	c := newConverter(t)
	for _, path := range corpusPlans(t) {
		if strings.HasSuffix(path, ".pdf") && testing.Short() {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		p, err := c.Plan(path, data)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if want := encoderJSON(t, p); !bytes.Equal(got, want) {
			t.Errorf("%s: Marshal differs from json.Encoder", path)
		}
	}
	rng := rand.New(rand.NewPCG(1, 14))
	pieces := []string{"{", "}", "[", "]", ",", ":", `"`, `\`, "\n", " ", "a", "规划", "<&>", "\u2028", "\x01", "\xff"}
	var value func(depth int) any
	value = func(depth int) any {
		switch k := rng.IntN(7); {
		case k == 0 && depth < 5:
			m := map[string]any{}
			for range rng.IntN(4) {
				m[str(rng, pieces)] = value(depth + 1)
			}
			return m
		case k == 1 && depth < 5:
			a := []any{}
			for range rng.IntN(4) {
				a = append(a, value(depth+1))
			}
			return a
		case k == 2:
			return rng.Float64() * 1e6
		case k == 3:
			return nil
		case k == 4:
			return rng.IntN(2) == 0
		}
		return str(rng, pieces)
	}
	for range 3000 {
		v := value(0)
		buf := new(bytes.Buffer)
		if err := encodeCompact(buf, v); err != nil {
			t.Fatal(err)
		}
		src := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		got := append(appendIndented(nil, src), '\n')
		want := encoderJSON(t, v)
		if !bytes.Equal(got, want) {
			t.Fatalf("indent differs:\n%s\nwant\n%s", got, want)
		}
		if n := indentedLen(src); n+1 != len(want) {
			t.Fatalf("indentedLen %d, want %d for\n%s", n, len(want)-1, want)
		}
	}
}

func str(rng *rand.Rand, pieces []string) string {
	var b strings.Builder
	for range rng.IntN(6) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// JSONLine is JSON compacted, with a newline.
func TestJSONLineIsCompactJSON(t *testing.T) {
	c := newConverter(t)
	for _, path := range corpusPlans(t) {
		if strings.HasSuffix(path, ".pdf") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		js, err := c.JSON(path, data)
		if err != nil {
			t.Fatal(err)
		}
		line, err := c.JSONLine(path, data)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := json.Compact(&want, js); err != nil {
			t.Fatal(err)
		}
		want.WriteByte('\n')
		if !bytes.Equal(line, want.Bytes()) {
			t.Errorf("%s: JSONLine is not JSON compacted", path)
		}
	}
}
