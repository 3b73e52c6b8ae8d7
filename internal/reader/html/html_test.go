package htmlreader

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/guihua-project/guihua/internal/decode"
	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/reader/internal/readertest"
	"github.com/guihua-project/guihua/rules"
)

// Read reads a page with the embedded rule set.
func Read(data []byte) (*docmodel.Document, error) {
	set, err := rulesOnce()
	if err != nil {
		return nil, err
	}
	return New(set).Read(data)
}

var rulesOnce = sync.OnceValues(rules.Load)

// page wraps body HTML in a minimal document.
func page(head, body string) []byte {
	return []byte("<!DOCTYPE html>\n<html><head>" + head + "</head>\n<body>\n" + body + "\n</body></html>\n")
}

func gb18030(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// checkSpans verifies that every block, paragraph and cell points into Lines
// and that table rows are of equal width.
func checkSpans(t *testing.T, d *docmodel.Document) {
	t.Helper()
	n := len(d.Lines)
	in := func(what string, a, b int) {
		if a < 1 || b < a || b > n {
			t.Errorf("%s: span %d-%d outside 1-%d", what, a, b, n)
		}
	}
	for i, b := range d.Blocks {
		in(fmt.Sprintf("block %d (%s)", i, b.Kind), b.Line, b.EndLine)
		for _, p := range b.Paras {
			in("para", p.Line, p.EndLine)
			if docmodel.Normalize(d.Lines[p.Line-1]) != p.Text {
				t.Errorf("para %q not on its line %q", p.Text, d.Lines[p.Line-1])
			}
		}
		if b.Kind == docmodel.Paragraph && b.Line >= 1 && b.Line <= n && docmodel.Normalize(d.Lines[b.Line-1]) != b.Text {
			t.Errorf("paragraph %q not on its line %q", b.Text, d.Lines[b.Line-1])
		}
		if b.Table == nil {
			continue
		}
		for r, row := range b.Table.Rows {
			if len(row) != len(b.Table.Rows[0]) {
				t.Errorf("table row %d has %d cells, row 0 has %d", r, len(row), len(b.Table.Rows[0]))
			}
			for _, c := range row {
				in("cell "+c.Text, c.Line, c.EndLine)
				if c.Covered && c.Text != "" {
					t.Errorf("covered cell with text %q", c.Text)
				}
			}
		}
	}
}

// cells returns a table's cell texts, covered positions as "^".
func cells(tb *docmodel.TableData) [][]string {
	var out [][]string
	for _, row := range tb.Rows {
		var r []string
		for _, c := range row {
			if c.Covered {
				r = append(r, "^")
			} else {
				r = append(r, c.Text)
			}
		}
		out = append(out, r)
	}
	return out
}

func blocksOf(d *docmodel.Document, k docmodel.Kind) []docmodel.Block {
	var out []docmodel.Block
	for _, b := range d.Blocks {
		if b.Kind == k {
			out = append(out, b)
		}
	}
	return out
}

func wantMeta(t *testing.T, d *docmodel.Document, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if d.Meta[k] != v {
			t.Errorf("Meta[%q] = %q, want %q", k, d.Meta[k], v)
		}
	}
}

func wantLines(t *testing.T, d *docmodel.Document, want ...string) {
	t.Helper()
	for i, w := range want {
		if i >= len(d.Lines) || d.Lines[i] != w {
			t.Fatalf("lines[%d]: got %q, want %q\nall: %q", i, at(d.Lines, i), w, d.Lines)
		}
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "<none>"
}

func wantNoText(t *testing.T, d *docmodel.Document, junk ...string) {
	t.Helper()
	all := d.Text()
	for _, j := range junk {
		if strings.Contains(all, j) {
			t.Errorf("rendering holds %q:\n%s", j, all)
		}
	}
}

func TestRead(t *testing.T) {
	tests := []struct {
		name  string
		input []byte
		check func(*testing.T, *docmodel.Document)
	}{
		{
			name: "metadata table",
			input: page(`<meta charset="utf-8"><title>蛟河市规划-蛟河市人民政府</title>`, `
<table class="xxgk_table">
<tr><td>索&nbsp;&nbsp;引&nbsp;号:</td><td>112202813400415897/2023-05471</td><td>分&nbsp;&nbsp;类:</td><td>专项规划;综合政务(其他) ;  其他</td></tr>
<tr><td>发文机关:</td><td>蛟河市卫生健康局</td><td>成文日期:</td><td>2023年05月26日</td></tr>
<tr><td>标&nbsp;&nbsp;&nbsp;&nbsp;题:</td><td colspan="3">蛟河市“十四五”医疗卫生服务体系规划(征求意见稿)</td></tr>
<tr><td>发文字号:</td><td></td><td>发布日期:</td><td>2023年06月12日</td></tr>
</table>
<div class="content"><p>为强化我市卫生健康资源配置，制定本规划。</p></div>`),
			check: func(t *testing.T, d *docmodel.Document) {
				wantMeta(t, d, map[string]string{
					rules.FieldIndex:         "112202813400415897/2023-05471",
					rules.FieldIssuer:        "蛟河市卫生健康局",
					rules.FieldDate:          "2023年05月26日",
					rules.FieldTitle:         "蛟河市“十四五”医疗卫生服务体系规划(征求意见稿)",
					rules.FieldPublished:     "2023年06月12日",
					docmodel.MetaFormatTitle: "蛟河市规划-蛟河市人民政府",
				})
				if len(d.Meta) != 6 {
					t.Errorf("empty 发文字号 or page label 分类 stored: %q", d.Meta)
				}
				wantLines(t, d,
					"索引号: 112202813400415897/2023-05471",
					"分类: 专项规划;综合政务(其他);其他",
					"发文机关: 蛟河市卫生健康局",
					"成文日期: 2023年05月26日",
					"标题: 蛟河市“十四五”医疗卫生服务体系规划(征求意见稿)",
					"发布日期: 2023年06月12日",
					"",
					"为强化我市卫生健康资源配置，制定本规划。")
				if len(blocksOf(d, docmodel.Table)) != 0 {
					t.Errorf("metadata table rendered as a table")
				}
				if b := d.Blocks[0]; b.Kind != docmodel.Paragraph || b.Line != 1 {
					t.Errorf("first block %+v", b)
				}
				if b := d.Blocks[len(d.Blocks)-1]; b.BlankBefore != 1 || b.Line != 8 {
					t.Errorf("body block %+v", b)
				}
			},
		},
		{
			name: "metadata divs, repeated compact copy",
			input: page(``, `
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/x">信息公开</a></div>
<div class="xxgk-head">
 <ul>
  <li><span>索&nbsp;&nbsp;引&nbsp;号：</span>000014349/2022-00123</li>
  <li><span>主题分类：</span>卫生、体育</li>
  <li><span>发布机构：</span>泗阳县人民政府办公室</li>
  <li><span>成文日期：</span>2022-09-08</li>
  <li><span>标　　题：</span>泗阳县“十四五”医疗卫生服务体系规划</li>
 </ul>
</div>
<div class="info"><p>索 引 号: 000014349/2022-00123 分 类: 卫生</p><p>发文机关: 泗阳县 发布日期: 2022年09月10日</p></div>
<dl class="meta2"><dt>文号</dt><dd>泗政办发〔2022〕54号</dd><dt>有效性</dt><dd>有效</dd></dl>
<h1>泗阳县“十四五”医疗卫生服务体系规划</h1>
<div id="zoom"><p>　　一、规划背景</p></div>`),
			check: func(t *testing.T, d *docmodel.Document) {
				// 发布机构 and 发文机关 both name the issuer: the first wins.
				wantMeta(t, d, map[string]string{
					rules.FieldIndex:     "000014349/2022-00123",
					rules.FieldIssuer:    "泗阳县人民政府办公室",
					rules.FieldDate:      "2022-09-08",
					rules.FieldTitle:     "泗阳县“十四五”医疗卫生服务体系规划",
					rules.FieldPublished: "2022年09月10日",
					rules.FieldDocNumber: "泗政办发〔2022〕54号",
				})
				if len(d.Meta) != 6 {
					t.Errorf("page labels stored: %q", d.Meta)
				}
				wantLines(t, d,
					"索引号: 000014349/2022-00123",
					"主题分类: 卫生、体育",
					"发布机构: 泗阳县人民政府办公室",
					"成文日期: 2022-09-08",
					"标题: 泗阳县“十四五”医疗卫生服务体系规划",
					"分类: 卫生",
					"发文机关: 泗阳县",
					"发布日期: 2022年09月10日",
					"文号: 泗政办发〔2022〕54号",
					"有效性: 有效",
					"",
					"泗阳县“十四五”医疗卫生服务体系规划",
					"一、规划背景")
				wantNoText(t, d, "当前位置", "首页")
				if h := blocksOf(d, docmodel.Heading); len(h) != 1 || h[0].Level != 1 {
					t.Errorf("headings %+v", h)
				}
				if _, ok := d.Meta[docmodel.MetaFormatTitle]; ok {
					t.Errorf("title without <title>: %q", d.Meta[docmodel.MetaFormatTitle])
				}
			},
		},
		{
			name: "metadata next to the title heading; labels in running text stay",
			input: page(``, `
<div class="article-head">
  <h1>某市“十四五”卫生健康规划</h1>
  <div class="info"><span>发布时间：2022-01-05</span> <span>来源：市卫健委</span></div>
</div>
<div class="article-body">
  <p>根据文件名称：《某市规划》，标题：略。</p>
  <p>正文。</p>
</div>`),
			check: func(t *testing.T, d *docmodel.Document) {
				wantMeta(t, d, map[string]string{rules.FieldPublished: "2022-01-05"})
				wantLines(t, d, "发布时间: 2022-01-05", "来源: 市卫健委", "", "某市“十四五”卫生健康规划",
					"根据文件名称：《某市规划》，标题：略。", "正文。")
				if len(d.Meta) != 1 {
					t.Errorf("label taken from running text or page label stored: %q", d.Meta)
				}
			},
		},
		{
			name:  "utf-8 page labelled gb2312",
			input: page(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>卫生规划</title>`, `<p>医疗卫生服务体系规划</p>`),
			check: func(t *testing.T, d *docmodel.Document) {
				if d.Encoding != decode.UTF8 {
					t.Errorf("encoding %q", d.Encoding)
				}
				wantLines(t, d, "医疗卫生服务体系规划")
				wantMeta(t, d, map[string]string{docmodel.MetaFormatTitle: "卫生规划"})
			},
		},
		{
			name:  "gb18030 page without charset",
			input: gb18030(t, string(page(`<title>吉林省规划</title>`, `<p>每千人口床位数 𠮷祥 6.82张</p><p>第二段：€</p>`))),
			check: func(t *testing.T, d *docmodel.Document) {
				if d.Encoding != decode.GB18030 {
					t.Errorf("encoding %q", d.Encoding)
				}
				if d.Format != "html" {
					t.Errorf("format %q", d.Format)
				}
				wantLines(t, d, "每千人口床位数 𠮷祥 6.82张", "第二段：€")
				wantMeta(t, d, map[string]string{docmodel.MetaFormatTitle: "吉林省规划"})
			},
		},
		{
			name: "chrome dropped",
			input: page(`<style>p{color:red}</style><script>var x = "脚本文字";</script>`, `
<header><a href="/">网站首页</a></header>
<nav><ul><li><a href="/1">机构</a></li><li><a href="/2">政务</a></li></ul></nav>
<div class="top-menu">菜单文字</div>
<div id="breadcrumb">面包屑文字</div>
<noscript>请启用脚本</noscript>
<iframe src="x.html">框架文字</iframe>
<form action="/s"><input name="q" value="输入"><button>搜索按钮</button></form>
<div class="article">
  <p>正文第一段。</p>
  <script>document.write("写入文字")</script>
  <p style="display:none">隐藏文字</p>
  <div class="bdsharebuttonbox">分享到微信</div>
  <p>正文第二段。</p>
  <div class="print-close">【打印本页】【关闭窗口】</div>
</div>
<div class="sidebar"><p>相关链接</p></div>
<ul><li><a href="/a">友情链接一</a></li><li><a href="/b">友情链接二</a></li><li><a href="/c">友情链接三</a></li></ul>
<footer>主办单位：某市人民政府</footer>
<div id="copyright">版权所有</div>`),
			check: func(t *testing.T, d *docmodel.Document) {
				if len(d.Lines) != 2 {
					t.Errorf("lines %q", d.Lines)
				}
				wantLines(t, d, "正文第一段。", "正文第二段。")
				wantNoText(t, d, "脚本", "首页", "机构", "菜单", "面包屑", "启用", "框架", "输入", "搜索",
					"写入", "隐藏", "分享", "打印", "相关", "友情", "主办", "版权")
			},
		},
		{
			name:  "substantial article inside form and print-named div kept",
			input: page(``, `<form id="form1"><div id="printContent"><p>`+strings.Repeat("医疗卫生服务体系规划正文。", 40)+`</p></div></form>`),
			check: func(t *testing.T, d *docmodel.Document) {
				if len(d.Lines) != 1 || !strings.HasPrefix(d.Lines[0], "医疗卫生服务体系规划正文。") {
					t.Errorf("lines %q", d.Lines)
				}
			},
		},
		{
			name: "headings and line breaks",
			input: page(``, `
<h1>某县“十四五”医疗卫生<br>服务体系规划</h1>
<h2>一、规划背景</h2>
<p>第一行<br>第二行<br/><br/>第三行</p>
<h3>（一）<span>发展基础</span></h3>
<p>“十三五”时期，全县
医疗卫生机构达到426所, <b>其中</b> 市直
医疗机构10所。</p>
<h4>Level Four</h4><h5>五</h5><h6>六</h6>
<pre>甲
乙</pre>`),
			check: func(t *testing.T, d *docmodel.Document) {
				wantLines(t, d, "某县“十四五”医疗卫生", "服务体系规划", "一、规划背景", "第一行", "第二行", "第三行",
					"（一）发展基础", "“十三五”时期，全县医疗卫生机构达到426所, 其中 市直医疗机构10所。",
					"Level Four", "五", "六", "甲", "乙")
				h := blocksOf(d, docmodel.Heading)
				want := []struct {
					text      string
					level     int
					line, end int
				}{
					{"某县“十四五”医疗卫生服务体系规划", 1, 1, 2},
					{"一、规划背景", 2, 3, 3},
					{"（一）发展基础", 3, 7, 7},
					{"Level Four", 4, 9, 9},
					{"五", 5, 10, 10},
					{"六", 6, 11, 11},
				}
				if len(h) != len(want) {
					t.Fatalf("headings %+v", h)
				}
				for i, w := range want {
					if h[i].Text != w.text || h[i].Level != w.level || h[i].Line != w.line || h[i].EndLine != w.end {
						t.Errorf("heading %d = %+v, want %+v", i, h[i], w)
					}
				}
				if p := blocksOf(d, docmodel.Paragraph); len(p) != 6 {
					t.Errorf("paragraphs %+v", p)
				}
			},
		},
		{
			name: "rowspan and colspan grid",
			input: page(``, `
<p>表1：主要发展指标</p>
<table border="1">
<thead>
<tr><th rowspan="3">领域</th><th rowspan="3">指标</th><th colspan="4">床位</th><th rowspan="3">指标<br>性质</th></tr>
<tr><th colspan="2">2020年</th><th colspan="2">2025年<br>
  目标</th></tr>
<tr><td>床位总数</td><td>千人口数</td><td>床位总数</td><td>千人口数</td></tr>
</thead>
<tbody>
<tr><td rowspan="2">医疗&nbsp;服务</td><td>全市</td><td>1859</td><td>6.82</td><td>≤2000</td><td>7.0</td><td>预期性</td></tr>
<tr><td>其中：公立</td><td>1500</td><td>5.5</td><td colspan="2">——</td><td>约束性</td></tr>
<tr><td colspan="7"></td></tr>
<tr><td>合计</td><td>　</td><td>1</td></tr>
</tbody>
</table>
<p>表后文字。</p>`),
			check: func(t *testing.T, d *docmodel.Document) {
				tb := blocksOf(d, docmodel.Table)
				if len(tb) != 1 {
					t.Fatalf("tables %d", len(tb))
				}
				got := cells(tb[0].Table)
				want := [][]string{
					{"领域", "指标", "床位", "^", "^", "^", "指标性质"},
					{"^", "^", "2020年", "^", "2025年目标", "^", "^"},
					{"^", "^", "床位总数", "千人口数", "床位总数", "千人口数", "^"},
					{"医疗服务", "全市", "1859", "6.82", "≤2000", "7.0", "预期性"},
					{"^", "其中：公立", "1500", "5.5", "——", "^", "约束性"},
					{"合计", "", "1", "", "", "", ""},
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("grid\n got %q\nwant %q", got, want)
				}
				rows := tb[0].Table.Rows
				if c := rows[0][0]; c.RowSpan != 3 || c.ColSpan != 0 || c.Line != tb[0].Line || c.EndLine != tb[0].Line+2 {
					t.Errorf("领域 cell %+v", c)
				}
				if c := rows[0][2]; c.ColSpan != 4 || c.RowSpan != 0 {
					t.Errorf("床位 cell %+v", c)
				}
				if c := rows[1][2]; c.ColSpan != 2 {
					t.Errorf("2020年 cell %+v", c)
				}
				if c := rows[4][4]; c.ColSpan != 2 || c.Text != "——" {
					t.Errorf("—— cell %+v", c)
				}
				if tb[0].BlankBefore != 1 || tb[0].EndLine-tb[0].Line+1 != 6 {
					t.Errorf("table block %+v", tb[0])
				}
				if l := d.Lines[tb[0].Line-1]; l != "领域\t指标\t床位\t\t\t\t指标性质" {
					t.Errorf("row line %q", l)
				}
				if l := d.Lines[tb[0].Line+2]; l != "医疗服务\t全市\t1859\t6.82\t≤2000\t7.0\t预期性" {
					t.Errorf("row line %q", l)
				}
				if d.Lines[0] != "表1：主要发展指标" || d.Lines[len(d.Lines)-1] != "表后文字。" || d.Lines[len(d.Lines)-2] != "" {
					t.Errorf("lines %q", d.Lines)
				}
			},
		},
		{
			name: "caption and nested table flattened into a cell",
			input: page(``, `
<table><caption>表2 床位配置</caption>
<tr><td>机构</td><td>床位</td></tr>
<tr><td>县医院</td><td><table><tr><td>500</td><td>张</td></tr></table></td></tr>
</table>`),
			check: func(t *testing.T, d *docmodel.Document) {
				wantLines(t, d, "表2 床位配置", "", "机构\t床位", "县医院\t500张")
				tb := blocksOf(d, docmodel.Table)
				if len(tb) != 1 || fmt.Sprint(cells(tb[0].Table)) != "[[机构 床位] [县医院 500张]]" {
					t.Errorf("tables %+v", tb)
				}
			},
		},
		{
			name: "layout table is transparent",
			input: page(``, `
<table width="100%"><tr>
<td class="left"><a href="/1">首页</a><a href="/2">机构</a><a href="/3">政务</a></td>
<td><h2>一、总体要求</h2><p>正文。</p>
<table border="1"><tr><td>指标</td><td>2025年</td></tr><tr><td>床位数</td><td>6.5</td></tr><tr><td>医师数</td><td>3.2</td></tr></table>
</td></tr></table>`),
			check: func(t *testing.T, d *docmodel.Document) {
				wantLines(t, d, "一、总体要求", "正文。", "", "指标\t2025年", "床位数\t6.5", "医师数\t3.2")
				if len(blocksOf(d, docmodel.Table)) != 1 || len(blocksOf(d, docmodel.Heading)) != 1 {
					t.Errorf("blocks %+v", d.Blocks)
				}
			},
		},
		{
			name: "专栏 box as 1x1 table",
			input: page(``, `
<p>（一）构建强大公共卫生体系</p>
<table border="1" width="100%"><tbody><tr><td>
<p align="center"><b>专栏1：疾病预防机构提档升级工程</b></p>
<p>　　健全疾病预防控制体系，加强县级疾病预防控制机构基础设施。</p>
<p>扩大县疾控中心业务用房；<br>加强实验室建设。</p>
</td></tr></tbody></table>
<p>（二）完善医疗服务体系</p>`),
			check: func(t *testing.T, d *docmodel.Document) {
				bx := blocksOf(d, docmodel.Box)
				if len(bx) != 1 {
					t.Fatalf("boxes %+v", d.Blocks)
				}
				b := bx[0]
				if b.Text != "专栏1：疾病预防机构提档升级工程" || len(b.Paras) != 3 ||
					b.Paras[0].Text != "健全疾病预防控制体系，加强县级疾病预防控制机构基础设施。" ||
					b.Paras[1].Text != "扩大县疾控中心业务用房；" || b.Paras[2].Text != "加强实验室建设。" {
					t.Errorf("box %+v", b)
				}
				if b.BlankBefore != 2 || b.Line != 4 || b.EndLine != 7 || d.Lines[b.Line-1] != b.Text {
					t.Errorf("box placement %+v", b)
				}
				wantLines(t, d, "（一）构建强大公共卫生体系", "", "", "专栏1：疾病预防机构提档升级工程")
				if d.Lines[len(d.Lines)-1] != "（二）完善医疗服务体系" || d.Blocks[len(d.Blocks)-1].BlankBefore != 1 {
					t.Errorf("after box: %q", d.Lines)
				}
			},
		},
		{
			name: "专栏 box as two-row table",
			input: page(``, `
<table><tr><td>专栏2  中医药传承创新工程</td></tr>
<tr><td><p>县中医医院：推进医院内科大楼建设项目投用。</p><p>镇（街道）：建成示范中医馆。</p></td></tr></table>`),
			check: func(t *testing.T, d *docmodel.Document) {
				bx := blocksOf(d, docmodel.Box)
				if len(bx) != 1 || bx[0].Text != "专栏2中医药传承创新工程" || len(bx[0].Paras) != 2 {
					t.Errorf("boxes %+v", d.Blocks)
				}
			},
		},
		{
			name: "专栏 box as bordered div, label alone",
			input: page(``, `
<div style="border: 1px solid #333; padding: 8px">
  <p>专栏3</p>
  <p>医疗卫生服务升级赋能工程</p>
  <p>发挥基层公共卫生健康服务主力军作用。</p>
  <p>进一步完善医疗服务体系。</p>
</div>
<div class="zhuanlan"><div>专栏4：中医发展促进工程</div><div>建设中医馆。</div></div>`),
			check: func(t *testing.T, d *docmodel.Document) {
				bx := blocksOf(d, docmodel.Box)
				if len(bx) != 2 {
					t.Fatalf("boxes %+v", d.Blocks)
				}
				if bx[0].Text != "专栏3医疗卫生服务升级赋能工程" || len(bx[0].Paras) != 2 ||
					bx[0].Paras[1].Text != "进一步完善医疗服务体系。" {
					t.Errorf("box 3 %+v", bx[0])
				}
				if bx[1].Text != "专栏4：中医发展促进工程" || len(bx[1].Paras) != 1 || bx[1].BlankBefore != 2 {
					t.Errorf("box 4 %+v", bx[1])
				}
			},
		},
		{
			// a frame holding a box title and a table (项目名称 | 建设内容 rows):
			// one Box carrying the table, as a 1x1 table and as a bordered div;
			// text after the inner table keeps the frame a plain box
			name: "专栏 box holding a table",
			input: page(``, `
<table class="zl" border="1"><tr><td><p>专栏5：“十四五”卫生健康重点建设项目</p>
<table border="1"><tr><td>项目名称</td><td>建设内容</td><td>建设年限</td></tr>
<tr><td>望城区中医医院改扩建项目</td><td>改扩建住院综合楼2.6万平方米，新增床位150张</td><td>2022—2024年</td></tr></table></td></tr></table>
<div class="zl-box"><p>专栏6</p><p>基层医疗卫生机构建设项目</p>
<table border="1"><tr><td>项目名称</td><td>建设年限</td></tr><tr><td>乔口镇卫生院迁建项目</td><td>2021—2023年</td></tr></table></div>
<div class="zl-box"><p>专栏7：项目</p><table border="1"><tr><td>甲</td><td>乙</td></tr></table><p>注：投资为估算。</p></div>`),
			check: func(t *testing.T, d *docmodel.Document) {
				bx := blocksOf(d, docmodel.Box)
				if len(bx) != 2 || len(blocksOf(d, docmodel.Table)) != 1 {
					t.Fatalf("blocks %+v", d.Blocks)
				}
				b := bx[0]
				if b.Text != "专栏5：“十四五”卫生健康重点建设项目" || len(b.Paras) != 0 || b.Table == nil ||
					!reflect.DeepEqual(cells(b.Table), [][]string{{"项目名称", "建设内容", "建设年限"}, {"望城区中医医院改扩建项目", "改扩建住院综合楼2.6万平方米，新增床位150张", "2022—2024年"}}) {
					t.Errorf("box 5 %+v", b)
				}
				if b.EndLine != b.Line+2 || b.Table.Rows[1][0].Line != b.Line+2 || d.Lines[b.Line] != "项目名称\t建设内容\t建设年限" {
					t.Errorf("box 5 lines %d-%d %q", b.Line, b.EndLine, d.Lines)
				}
				b = bx[1]
				if b.Text != "专栏6基层医疗卫生机构建设项目" || b.Table == nil || len(b.Table.Rows) != 2 || b.BlankBefore != 2 {
					t.Errorf("box 6 %+v", b)
				}
			},
		},
		{
			name: "unlabelled boxes",
			input: page(``, `
<table border="1"><tr><td>
<p>高阳县卫生健康信息化建设项目</p>
<p>1.推广“保康通”便民就医应用。</p>
<p>2.建设高阳县公共卫生疫情应急救治系统。</p>
</td></tr></table>
<div class="kuang"><p>重大疾病防控</p><p>（1）开展慢病筛查。</p><p>（2）推进癌症早诊早治。</p></div>
<div style="border:1px solid"><p>这是一段普通的正文，不是专栏。</p><p>另一段普通正文。</p></div>
<div style="border-bottom:1px solid"><p>高阳县公卫能力提升项目</p><p>1.建设传染病区。</p></div>`),
			check: func(t *testing.T, d *docmodel.Document) {
				bx := blocksOf(d, docmodel.Box)
				if len(bx) != 2 {
					t.Fatalf("boxes %+v", d.Blocks)
				}
				if bx[0].Text != "高阳县卫生健康信息化建设项目" || len(bx[0].Paras) != 2 ||
					bx[0].Paras[0].Text != "1.推广“保康通”便民就医应用。" {
					t.Errorf("box 0 %+v", bx[0])
				}
				if bx[1].Text != "重大疾病防控" || len(bx[1].Paras) != 2 {
					t.Errorf("box 1 %+v", bx[1])
				}
				if p := blocksOf(d, docmodel.Paragraph); len(p) != 4 {
					t.Errorf("paragraphs %+v", p)
				}
			},
		},
		{
			name: "专栏 box inside a layout table",
			input: page(``, `
<table width="980"><tr><td>
<h2>三、主要任务</h2>
<p>（一）构建强大公共卫生体系。`+strings.Repeat("加强疾控体系建设。", 100)+`</p>
<table border="1"><tr><td><p>专栏1：疾病预防机构提档升级工程</p><p>健全疾病预防控制体系。</p></td></tr></table>
<p>（二）完善医疗服务体系。</p>
</td></tr></table>`),
			check: func(t *testing.T, d *docmodel.Document) {
				if len(d.Blocks) != 4 || d.Blocks[0].Kind != docmodel.Heading || d.Blocks[2].Kind != docmodel.Box ||
					d.Blocks[2].Text != "专栏1：疾病预防机构提档升级工程" || d.Blocks[3].Text != "（二）完善医疗服务体系。" {
					t.Errorf("blocks %+v", d.Blocks)
				}
			},
		},
		{
			name:  "1x1 table that is not a box is read as paragraphs",
			input: page(``, `<table><tr><td><p>一、规划背景</p><p>“十三五”时期，我市坚持以人民为中心。</p></td></tr></table>`),
			check: func(t *testing.T, d *docmodel.Document) {
				wantLines(t, d, "一、规划背景", "“十三五”时期，我市坚持以人民为中心。")
				if len(d.Blocks) != 2 || len(blocksOf(d, docmodel.Paragraph)) != 2 {
					t.Errorf("blocks %+v", d.Blocks)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Read(tc.input)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if d.Format != "html" {
				t.Errorf("format %q", d.Format)
			}
			checkSpans(t, d)
			readertest.CheckNormalized(t, d)
			tc.check(t, d)
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name    string
		input   []byte
		noText  bool
		binary  bool
		emptyIn bool
	}{
		{name: "empty input", input: nil, emptyIn: true},
		{name: "white space", input: []byte(" \n\t "), emptyIn: true},
		{name: "tags only", input: page(`<title>标题</title>`, `<div><p>&nbsp;</p><script>var x = "文字";</script></div>`), noText: true},
		{name: "chrome only", input: page(``, `<nav><a href="/">首页</a></nav><footer>版权所有</footer>`), noText: true},
		{name: "binary", input: []byte{0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x81, 0x30, 0x00, 0x00}, binary: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Read(tc.input)
			if err == nil {
				t.Fatalf("no error; lines %q", d.Lines)
			}
			if tc.noText && !errors.Is(err, ErrNoText) {
				t.Errorf("error %v, want ErrNoText", err)
			}
			if tc.emptyIn && !errors.Is(err, decode.ErrEmpty) {
				t.Errorf("error %v, want decode.ErrEmpty", err)
			}
			if tc.binary && !errors.Is(err, decode.ErrBinary) {
				t.Errorf("error %v, want decode.ErrBinary", err)
			}
			if !strings.HasPrefix(err.Error(), "html: ") {
				t.Errorf("error without context: %v", err)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(""))
	f.Add(page(`<title>t</title>`, `<p>正文</p>`))
	f.Add(page(``, `<table><tr><td rowspan="0" colspan="9999">甲</td><td rowspan="-1">乙</td></tr><tr><td>丙</td></tr></table>`))
	f.Add(page(``, `<table><tr><td><table><tr><td>专栏1</td></tr></table></td></tr></table>`))
	f.Add(page(``, `<div style="border:1px solid"><p>专栏</p></div><h1><table><tr><td>x</td></tr></table></h1>`))
	f.Add(page(``, `<dl><dt>索引号</dt><dd>1</dd><dt>标题：</dt></dl><p>发文机关：甲 成文日期：</p>`))
	f.Add(gb18030(f, string(page(``, `<p>𠮷</p>`))))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(data)
		if err != nil {
			return
		}
		n := len(d.Lines)
		if n == 0 {
			t.Fatal("no lines without error")
		}
		for _, b := range d.Blocks {
			if b.Line < 1 || b.EndLine < b.Line || b.EndLine > n {
				t.Fatalf("block span %d-%d of %d", b.Line, b.EndLine, n)
			}
			if b.Table != nil {
				for _, row := range b.Table.Rows {
					for _, c := range row {
						if c.Line < 1 || c.EndLine < c.Line || c.EndLine > n {
							t.Fatalf("cell span %d-%d of %d", c.Line, c.EndLine, n)
						}
					}
				}
			}
		}
	})
}

// benchPage generates a plan page of about 60 KB of text.
func benchPage() []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="gb2312"><title>某县“十四五”医疗卫生服务体系规划</title>
<script>var a = 1;</script></head><body><div class="nav"><a href="/">首页</a><a href="/1">政务</a><a href="/2">互动</a></div>
<table class="xxgk"><tr><td>索引号：</td><td>000014349/2022-00123</td><td>发文机关：</td><td>某县人民政府</td></tr>
<tr><td>成文日期：</td><td>2022年09月08日</td><td>标题：</td><td>某县“十四五”医疗卫生服务体系规划</td></tr></table>
<div class="article"><h1>某县“十四五”医疗卫生服务体系规划</h1>`)
	para := "“十三五”时期，全县医疗卫生服务体系进一步健全，服务能力显著提升，每千人口床位数达到6.82张。"
	for sec := 1; b.Len() < 60000; sec++ {
		fmt.Fprintf(&b, "<h2>第%d部分</h2>\n", sec)
		for i := range 6 {
			fmt.Fprintf(&b, "<p>　　（%d）%s<br>%s</p>\n", i+1, para, para)
		}
		b.WriteString(`<table border="1"><tr><td rowspan="2">指标</td><td colspan="2">2020年</td><td colspan="2">2025年<br>目标</td></tr>
<tr><td>床位</td><td>千人口</td><td>床位</td><td>千人口</td></tr>
<tr><td>全县</td><td>1859</td><td>6.82</td><td>2000</td><td>7.0</td></tr></table>
<table border="1"><tr><td><p>专栏1：疾病预防机构提档升级工程</p><p>健全疾病预防控制体系。</p><p>补齐短板。</p></td></tr></table>
`)
	}
	b.WriteString(`</div><div id="footer">版权所有</div></body></html>`)
	return []byte(b.String())
}

func BenchmarkRead(b *testing.B) {
	data := benchPage()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestChromeSelectorsIgnoreCase(t *testing.T) {
	page := `<html><body><div class="TopNav"><a href="/">首页</a> 政务公开</div><div id="Footer">版权所有 某县人民政府</div>` +
		`<div class="article"><p>某县“十四五”卫生健康规划正文。</p></div></body></html>`
	doc, err := Read([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(doc.Lines, "\n")
	if strings.Contains(text, "首页") || strings.Contains(text, "版权所有") || !strings.Contains(text, "正文") {
		t.Errorf("rendering %q", text)
	}
}

// Invisible and white-space characters inside cells, headings, metadata
// labels, box labels and paragraphs leave the blocks and metadata as they are.
func TestInvisibleCharacters(t *testing.T) {
	const src = `<table class="xxgk"><tr><td>索¦引号：</td><td>000014349/2022-00123</td><td>发¦文机关：</td><td>某县人¦民政府</td></tr>
<tr><td>成文日期：</td><td>2022年¦09月08日</td><td>标¦题：</td><td>某县“十四五”卫¦生规划</td></tr></table>
<h1>某县“十四五”医疗卫生¦服务体系规划</h1>
<h2>一、规¦划背景</h2>
<p>“十三五”时期，全县¦医疗卫生机构达到426所。</p>
<table border="1">
<tr><th rowspan="2">领¦域</th><th>指¦标</th><th>2020¦年</th><th>2025年¦目标</th><th>指标¦性质</th></tr>
<tr><td>每千人口床位数（张¦）</td><td>6.¦82</td><td>≥¦7.0</td><td>预期¦性</td></tr>
</table>
<table border="1"><tr><td><p>专¦栏1：疾病预防机构提档升级工程</p><p>健全疾病¦预防控制体系。</p></td></tr></table>
<div class="kuang"><p>重大疾病¦防控工程</p><p>（1）开展¦慢病筛查。</p><p>（2）推进癌症早诊早治。</p></div>`
	clean, err := Read(page(``, strings.ReplaceAll(src, "¦", "")))
	if err != nil {
		t.Fatal(err)
	}
	dirty, err := Read(page(``, strings.ReplaceAll(src, "¦", readertest.Invisible)))
	if err != nil {
		t.Fatal(err)
	}
	readertest.CheckNormalized(t, dirty)
	if got, want := readertest.Texts(dirty), readertest.Texts(clean); got != want {
		t.Errorf("with invisible characters\n%s\nwithout\n%s", got, want)
	}
	if fmt.Sprint(dirty.Meta) != fmt.Sprint(clean.Meta) || len(clean.Meta) != 4 {
		t.Errorf("meta with invisible characters %q, without %q", dirty.Meta, clean.Meta)
	}
	if len(blocksOf(clean, docmodel.Table)) != 1 || len(blocksOf(clean, docmodel.Box)) != 2 || len(blocksOf(clean, docmodel.Heading)) != 2 {
		t.Errorf("blocks\n%s", readertest.Texts(clean))
	}
}
