package main

import (
	"bytes"
	"context"
	"io"

	"github.com/guihua-project/guihua/internal/atomicfile"
	"github.com/guihua-project/guihua/internal/review"
)

const reviewDoc = `Extracts one plan and writes its review page: one self-contained HTML file
(inline CSS and JS, no network; open it from disk in any browser) with the
document's rendering line by line (tables as tables), every extracted
indicator row, value, facility, mention, total, project, item, heading and
document field highlighted where it was read, and a panel of the entities
beside it: click an entry to scroll to its highlight, hover a highlight to
see what was extracted from it (code, year, role, comparator, value).
Filters by kind, a search box, and a print style. HTML on stdout unless -o
(written atomically). "batch --review" writes one page beside each output.`

func cmdReview(_ context.Context, fs *flagSet, args []string, stdout, _ io.Writer) error {
	out := fs.String("o", "", "write the page to this `file` (atomically) instead of stdout")
	path, err := fs.oneFile(args)
	if err != nil {
		return err
	}
	if *out != "" && sameFile(*out, path) {
		return fs.usageErr("-o %s would overwrite the input", *out)
	}
	c, data, err := load(path)
	if err != nil {
		return err
	}
	doc, p, err := c.DocumentPlan(path, data)
	if err != nil {
		return err
	}
	if _, err := c.PlanJSON(path, p); err != nil {
		return err
	}
	var page bytes.Buffer
	if err := review.Write(&page, doc, p); err != nil {
		return err
	}
	if *out != "" {
		return atomicfile.Write(*out, page.Bytes(), 0o644)
	}
	_, err = stdout.Write(page.Bytes())
	return err
}
