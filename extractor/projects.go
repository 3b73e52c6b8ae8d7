package extractor

import (
	"strings"

	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/plan"
)

// setApartMin is the number of blank lines that set an unlabelled box apart
// from the running text.
const setApartMin = 2

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
		case r.x.blocks.IsBoxLabel(b.Text):
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
	bl := r.x.blocks
	return bl.IsBoxLabel(b.Text) || bl.IsProjectListTitle(b.Text) || r.numberedParas(b.Paras)
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
		if r.x.blocks.IsBoxLabel(para.Text) && r.x.blocks.IsBoxLabel(head.Text) {
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
	title := head.Text
	var label *string
	if l, ok := r.x.blocks.MatchBoxLabel(title); ok {
		label = plan.Str(l.Label)
		title = l.Rest
	}
	if title == "" && len(paras) > 0 {
		// 专栏1 alone on its line, the title on the next
		title, paras = paras[0].Text, paras[1:]
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
	bl := r.x.blocks
	if !bl.IsBoxLabel(blocks[i].Text) {
		return 0, false
	}
	last := i
	for j := i + 1; j < len(blocks); j++ {
		b := blocks[j]
		if b.Kind != docmodel.Paragraph || b.BlankBefore >= setApartMin || bl.IsBoxLabel(b.Text) {
			break
		}
		if _, ok := r.headingOf(b.Text); ok && bl.ItemNumber(b.Text) == 0 {
			break
		}
		last = j
	}
	// 专栏1 alone with its title on the next line needs one more paragraph
	min := i + 1
	if bl.IsBoxLabelOnly(blocks[i].Text) {
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
	bl := r.x.blocks
	if !bl.IsProjectListTitle(t.Text) {
		return 0, false
	}
	if _, ok := r.headingOf(t.Text); ok {
		return 0, false
	}
	j := i + 1
	for j < len(blocks) && blocks[j].Kind == docmodel.Paragraph && blocks[j].BlankBefore == 0 && bl.ItemNumber(blocks[j].Text) > 0 {
		if j == i+1 && !bl.IsFirstItem(blocks[j].Text) {
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
	p := plan.Project{Title: t.Text, Section: r.sectionOf(br.first), Items: []plan.Item{}, Span: r.span(t.Line, blocks[br.last].EndLine)}
	for k := br.first + 1; k <= br.last; k++ {
		p.Items = append(p.Items, r.item(blocks[k].Text, blocks[k].Line, blocks[k].EndLine))
	}
	return p
}

func (r *run) numberedParas(ps []docmodel.Para) bool {
	bl := r.x.blocks
	if len(ps) == 0 || !bl.IsFirstItem(ps[0].Text) {
		return false
	}
	for _, p := range ps {
		if bl.ItemNumber(p.Text) == 0 {
			return false
		}
	}
	return true
}

func (r *run) item(text string, line, endLine int) plan.Item {
	it := plan.Item{Text: text, Facilities: []string{}, Span: r.span(line, endLine)}
	body := strings.TrimSpace(text[r.x.blocks.ItemNumber(text):])
	if subj := r.x.blocks.ItemSubject(body); subj != "" {
		it.Subject = plan.Str(subj)
	}
	seen := map[string]bool{}
	for _, m := range r.finder.Find(text) {
		if !seen[m.Name] {
			seen[m.Name] = true
			it.Facilities = append(it.Facilities, m.Name)
		}
	}
	return it
}
