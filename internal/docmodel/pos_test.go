package docmodel

import "testing"

func TestLocateAndSlice(t *testing.T) {
	d := &Document{
		Lines: []string{"目  录", "\u3000\u3000COVID", "19 床位\t数", "a\tb\tc"},
		Blocks: []Block{
			{Kind: Heading, Text: Normalize("目  录"), Line: 1, EndLine: 1},
			{Kind: Paragraph, Text: Normalize("\u3000\u3000COVID\n19 床位\t数"), Line: 2, EndLine: 3},
			{Kind: Table, Line: 4, EndLine: 4, Table: &TableData{Rows: [][]Cell{{
				{Text: "a", Line: 4, EndLine: 4}, {Text: "b", Line: 4, EndLine: 4}, {Text: "c", Line: 4, EndLine: 4},
			}}}},
		},
	}
	d.Locate()
	h := d.Blocks[0]
	from, to, ok := h.At.Whole()
	if !ok || from != (Pos{1, 1, 0}) || to != (Pos{1, 4, 5}) || d.Slice(from, to) != "目  录" {
		t.Errorf("heading placed %+v–%+v (%v): %q", from, to, ok, d.Slice(from, to))
	}
	p := d.Blocks[1]
	if p.Text != "COVID 19床位数" {
		t.Fatalf("normalised %q", p.Text)
	}
	from, to, _ = p.At.Whole()
	if got := d.Slice(from, to); got != "COVID\n19 床位\t数" {
		t.Errorf("paragraph quotes %q", got)
	}
	if sp := p.At.At(5); sp.Line != 2 || sp.Col != 8 { // the space is the line break
		t.Errorf("word gap placed at %+v", sp)
	}
	i := len("COVID 19")
	from, to, _ = p.At.Range(i, i+len("床位"))
	if from != (Pos{3, 4, 3}) || to.Col != 5 || d.Slice(from, to) != "床位" {
		t.Errorf("床位 placed %+v–%+v", from, to)
	}
	for k, c := range d.Blocks[2].Table.Rows[0] {
		from, _, _ := c.At.Whole()
		if from.Col != 2*k+1 {
			t.Errorf("cell %d placed at column %d", k, from.Col)
		}
	}
	if f, l, ok := d.LineRange(2, 2); !ok || f.Col != 3 || l.Col != 7 {
		t.Errorf("LineRange(2, 2) = %+v, %+v", f, l)
	}
}

func TestMapLongText(t *testing.T) {
	line := ""
	for range 1000 {
		line += "医院"
	}
	d := &Document{Lines: []string{line}, Blocks: []Block{{Kind: Paragraph, Text: line, Line: 1, EndLine: 1}}}
	d.Locate()
	m := d.Blocks[0].At
	if p := m.At(len("医院") * 777); p.Col != 2*777+1 || p.Off != len("医院")*777 {
		t.Errorf("rune 1554 placed at %+v", p)
	}
	if n := len(m.m.segs); n < len(line)/segMax || n > len(line)/segMax+1 {
		t.Errorf("%d segments for %d bytes", n, len(line))
	}
}
