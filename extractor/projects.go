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

// projects finds 专栏 boxes, other framed boxes that list projects, and
// unlabelled project lists set apart from the running text.
func (r *run) projects() {
	blocks := r.doc.Blocks
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch b.Kind {
		case docmodel.Box:
			r.boxProject(i, b)
		case docmodel.Paragraph:
			if end, ok := r.listProject(i); ok {
				i = end
			}
		}
	}
}

func (r *run) boxProject(i int, b docmodel.Block) {
	title := strings.TrimSpace(b.Text)
	var label *string
	if m := boxLabelRe.FindStringSubmatch(title); m != nil {
		label = plan.Str("专栏" + toHalfDigits(m[1]))
		title = strings.TrimSpace(title[len(m[0]):])
	} else if !r.projectTitle(title) && !numberedParas(b.Paras) {
		return // a framed note, not a project box
	}
	p := plan.Project{Label: label, Title: title, Section: r.sectionOf(i), Items: []plan.Item{}, Span: r.span(b.Line, b.EndLine)}
	for _, para := range b.Paras {
		p.Items = append(p.Items, r.item(para.Text, para.Line, para.EndLine))
	}
	r.plan.Projects = append(r.plan.Projects, p)
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
	p := plan.Project{Title: title, Section: r.sectionOf(i), Items: []plan.Item{}, Span: r.span(t.Line, blocks[last].EndLine)}
	for k := i + 1; k <= last; k++ {
		p.Items = append(p.Items, r.item(blocks[k].Text, blocks[k].Line, blocks[k].EndLine))
	}
	r.plan.Projects = append(r.plan.Projects, p)
	return last, true
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
	if m := subjectRe.FindStringSubmatch(text); m != nil {
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
