package extractor

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
)

const maxBoxTitleRunes = 40

var (
	boxLabelRe  = regexp.MustCompile(`^专栏\s*([0-9０-９一二三四五六七八九十]+)\s*[：:、.．]?\s*`)
	itemNumRe   = regexp.MustCompile(`^[0-9]{1,2}\s*[.．、]`)
	itemOneRe   = regexp.MustCompile(`^1\s*[.．、]`)
	subjectRe   = regexp.MustCompile(`^([^：:，,。；;、]{2,16})[：:]\s*\S`)
	setApartMin = 2 // blank lines that set an unlabelled box apart
)

// boxRange is a run of blocks read as one project box.
type boxRange struct{ first, last int }

// findProjects finds 专栏 boxes, other framed boxes that list projects, and
// unlabelled project lists set apart from the running text. Their items are
// not headings, so this runs before the outline.
func (r *run) findProjects() {
	blocks := r.doc.Blocks
	for i := 0; i < len(blocks); i++ {
		switch blocks[i].Kind {
		case docmodel.Box:
			if r.isProjectBox(blocks[i]) {
				r.boxes = append(r.boxes, boxRange{i, i})
			}
		case docmodel.Paragraph:
			if end, ok := r.labelledParagraphs(i); ok {
				r.boxes = append(r.boxes, boxRange{i, end})
				for k := i; k <= end; k++ {
					r.skipOutline[k] = true
				}
				i = end
				continue
			}
			if end, ok := r.listProject(i); ok {
				r.boxes = append(r.boxes, boxRange{i, end})
				for k := i + 1; k <= end; k++ {
					r.skipOutline[k] = true
				}
				i = end
			}
		}
	}
}

// projects builds the projects found by findProjects, once the outline
// gives each its section.
func (r *run) projects() {
	for _, br := range r.boxes {
		b := r.doc.Blocks[br.first]
		switch {
		case b.Kind == docmodel.Box:
			r.boxProject(br.first, b)
		case boxLabelRe.MatchString(strings.TrimSpace(b.Text)):
			// a 专栏 printed as plain paragraphs: the label line and its body
			box := docmodel.Block{Kind: docmodel.Box, Text: b.Text, Line: b.Line, EndLine: r.doc.Blocks[br.last].EndLine}
			for k := br.first + 1; k <= br.last; k++ {
				nb := r.doc.Blocks[k]
				box.Paras = append(box.Paras, docmodel.Para{Text: nb.Text, Line: nb.Line, EndLine: nb.EndLine})
			}
			r.boxProject(br.first, box)
		default:
			r.plan.Projects = append(r.plan.Projects, r.listItems(br))
		}
	}
}

func (r *run) isProjectBox(b docmodel.Block) bool {
	title := strings.TrimSpace(b.Text)
	return boxLabelRe.MatchString(title) || r.projectTitle(title) || numberedParas(b.Paras)
}

func (r *run) boxProject(i int, b docmodel.Block) {
	// One frame may hold several 专栏 (a one-column table of label and body
	// rows): a body paragraph that starts with a 专栏 label opens the next box.
	head := docmodel.Para{Text: b.Text, Line: b.Line, EndLine: b.Line}
	var body []docmodel.Para
	flush := func(end int) {
		r.plan.Projects = append(r.plan.Projects, r.boxOf(i, head, body, end))
	}
	for _, para := range b.Paras {
		if boxLabelRe.MatchString(strings.TrimSpace(para.Text)) && boxLabelRe.MatchString(strings.TrimSpace(head.Text)) {
			flush(para.Line - 1)
			head, body = para, nil
			continue
		}
		body = append(body, para)
	}
	flush(b.EndLine)
}

// boxOf builds one box's project from its title line and body paragraphs.
func (r *run) boxOf(i int, head docmodel.Para, paras []docmodel.Para, end int) plan.Project {
	title := strings.TrimSpace(head.Text)
	var label *string
	if m := boxLabelRe.FindStringSubmatch(title); m != nil {
		label = plan.Str("专栏" + toHalfDigits(m[1]))
		title = strings.TrimSpace(title[len(m[0]):])
	}
	if title == "" && len(paras) > 0 {
		// 专栏1 alone on its line, the title on the next
		title, paras = strings.TrimSpace(paras[0].Text), paras[1:]
	}
	if len(paras) > 0 && paras[len(paras)-1].EndLine > end {
		end = paras[len(paras)-1].EndLine
	}
	p := plan.Project{Label: label, Title: title, Section: r.sectionOf(i), Items: []plan.Item{}, Span: r.span(head.Line, end)}
	for _, para := range paras {
		p.Items = append(p.Items, r.item(para.Text, para.Line, para.EndLine))
	}
	return p
}

// labelledParagraphs reads a 专栏 printed as plain paragraphs (a text box
// exported as text): a line opening with 专栏N, then its body paragraphs up
// to a heading, another 专栏, a table or a run of blank lines. It returns the
// index of the last body paragraph.
func (r *run) labelledParagraphs(i int) (int, bool) {
	blocks := r.doc.Blocks
	if !boxLabelRe.MatchString(strings.TrimSpace(blocks[i].Text)) {
		return 0, false
	}
	last := i
	for j := i + 1; j < len(blocks); j++ {
		b := blocks[j]
		if b.Kind != docmodel.Paragraph || b.BlankBefore >= setApartMin || boxLabelRe.MatchString(strings.TrimSpace(b.Text)) {
			break
		}
		if _, _, _, ok := r.headingOf(b.Text); ok && !itemNumRe.MatchString(b.Text) {
			break
		}
		last = j
	}
	// 专栏1 alone with its title on the next line needs one more paragraph
	min := i + 1
	if m := boxLabelRe.FindStringSubmatch(strings.TrimSpace(blocks[i].Text)); m != nil && strings.TrimSpace(strings.TrimSpace(blocks[i].Text)[len(m[0]):]) == "" {
		min = i + 2
	}
	return last, last >= min
}

// listProject reads an unlabelled box starting at paragraph i: a title line
// naming a set of projects (…项目, …工程, …行动), directly followed by items
// numbered from 1, the whole set apart by a run of blank lines before or
// after it. It returns the index of the last item.
func (r *run) listProject(i int) (int, bool) {
	blocks := r.doc.Blocks
	t := blocks[i]
	title := strings.TrimSpace(t.Text)
	if !r.projectTitle(title) {
		return 0, false
	}
	if _, _, _, ok := r.headingOf(title); ok {
		return 0, false
	}
	j := i + 1
	for j < len(blocks) && blocks[j].Kind == docmodel.Paragraph && blocks[j].BlankBefore == 0 && itemNumRe.MatchString(blocks[j].Text) {
		if j == i+1 && !itemOneRe.MatchString(blocks[j].Text) {
			break
		}
		j++
	}
	last := j - 1
	if last == i {
		return 0, false
	}
	if t.BlankBefore < setApartMin && blocks[last].BlankAfter < setApartMin {
		return 0, false
	}
	return last, true
}

// listItems builds the project of an unlabelled list box.
func (r *run) listItems(br boxRange) plan.Project {
	blocks := r.doc.Blocks
	t := blocks[br.first]
	p := plan.Project{Title: strings.TrimSpace(t.Text), Section: r.sectionOf(br.first), Items: []plan.Item{}, Span: r.span(t.Line, blocks[br.last].EndLine)}
	for k := br.first + 1; k <= br.last; k++ {
		p.Items = append(p.Items, r.item(blocks[k].Text, blocks[k].Line, blocks[k].EndLine))
	}
	return p
}

// projectTitle: a short line, no sentence, ending with a project-set word.
func (r *run) projectTitle(s string) bool {
	if utf8.RuneCountInString(s) > maxBoxTitleRunes || strings.ContainsAny(s, "。；;，,") {
		return false
	}
	for _, suf := range r.x.vocab.ProjectTitleEnds {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

func numberedParas(ps []docmodel.Para) bool {
	if len(ps) == 0 || !itemOneRe.MatchString(ps[0].Text) {
		return false
	}
	for _, p := range ps {
		if !itemNumRe.MatchString(p.Text) {
			return false
		}
	}
	return true
}

func (r *run) item(text string, line, endLine int) plan.Item {
	it := plan.Item{Text: text, Facilities: []string{}, Span: r.span(line, endLine)}
	body := strings.TrimSpace(itemNumRe.ReplaceAllString(text, ""))
	if m := subjectRe.FindStringSubmatch(body); m != nil {
		it.Subject = plan.Str(m[1])
	}
	if r.finder != nil {
		seen := map[string]bool{}
		for _, m := range r.finder.Find(text) {
			if !seen[m.Name] {
				seen[m.Name] = true
				it.Facilities = append(it.Facilities, m.Name)
			}
		}
	}
	return it
}

func toHalfDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}
