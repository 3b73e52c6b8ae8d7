package htmlreader

import (
	"fmt"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// TestDeepNesting: a page with more than 512 elements open at once, which
// the HTML parser refuses, is read when the depth comes from inline tags
// left open (their formatting is dropped, the text kept), and is refused
// with a message naming the element left open otherwise.
func TestDeepNesting(t *testing.T) {
	const text = "每千人口医疗卫生机构床位数达到7张。"
	tests := []struct {
		name string
		body string
		err  string // "" when the page is read
	}{
		{"unclosed font tags", strings.Repeat(`<font size="3">`, 600) + `<p>` + text + `</p>`, ""},
		{"fonts left open across paragraphs", fontParas(600) + `<p>` + text + `</p>`, ""},
		{"closed spans nested 600 deep", strings.Repeat(`<span>`, 600) + text + strings.Repeat(`</span>`, 600), ""},
		{"Word's namespaced tags", strings.Repeat(`<o:p><st1:chsdate>`, 300) + `<p>` + text + `</p>`, ""},
		{"inline tags inside deep but allowed blocks", strings.Repeat(`<div>`, 300) + strings.Repeat(`<b>`, 300) + `<p>` + text + `</p>`, ""},
		{"unclosed divs", strings.Repeat(`<div>`, 600) + `<p>` + text + `</p>`, "<div> is opened 600 times more than it is closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := xhtml.Parse(strings.NewReader(string(page(``, tt.body)))); err == nil {
				t.Fatal("the HTML parser reads this page as it is: the case tests nothing")
			}
			d, err := Read(page(`<title>规划</title>`, tt.body))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "html: ") || !strings.Contains(err.Error(), "512") {
					t.Fatalf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(d.Text(), text) {
				t.Errorf("text lost:\n%.300s", d.Text())
			}
			checkSpans(t, d)
		})
	}
}

// fontParas is n paragraphs, each opening a <font> of another size and
// never closing it (as some editors write).
func fontParas(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `<p><font size="%d">第%d段`, i, i)
	}
	return b.String()
}

// TestDropRunawayInlineKeepsPages: a page without runaway inline tags is
// copied byte for byte.
func TestDropRunawayInlineKeepsPages(t *testing.T) {
	for _, p := range []string{
		string(benchPage()),
		string(page(`<script>if (a<b) {document.write("<span>")}</script>`, `<p>甲<B>乙</b><!-- <span> --><SPAN>丙</span></p><p>未闭合`)),
	} {
		if got, changed := dropRunawayInline(p); changed || got != p {
			t.Errorf("page changed (%v):\n%.300s", changed, got)
		}
	}
}
