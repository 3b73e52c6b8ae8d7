package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/guihua-project/guihua/internal/plan"
)

// The CSV files and their columns. Every file starts with the plan columns
// (planColumns); list-valued cells are joined with "、".
var (
	planColumns = []string{"region", "region_level", "region_code", "plan_title", "period", "source_file"}

	// IndicatorColumns: one row per indicator value (long form); an
	// indicator without values gets one row with the value columns empty.
	// line is the indicator row's first line; value_unit is a unit printed
	// inside the value (%, ‰ …), parent names the row a sub-row belongs to.
	IndicatorColumns = append(append([]string(nil), planColumns...),
		"table", "category", "seq", "code", "name", "unit", "nature",
		"column", "year", "role", "raw", "kind", "cmp", "value", "ratio", "line",
		"parent", "direction", "value_unit")

	// FacilityColumns: one row per facility and bed value; a facility
	// without beds gets one row with the bed columns empty.
	FacilityColumns = append(append([]string(nil), planColumns...),
		"name", "type", "ownership", "category", "table", "actions", "line", "mentions",
		"column", "year", "role", "raw", "kind", "cmp", "value", "ratio", "direction", "value_unit")

	// ProjectColumns: one row per project item; a project without items
	// gets one row with the item columns empty.
	ProjectColumns = append(append([]string(nil), planColumns...),
		"label", "project", "section", "project_line",
		"item", "text", "subject", "facilities", "line", "item_section", "cells")
)

// CSV file names inside the output directory.
const (
	IndicatorsCSV = "indicators.csv"
	FacilitiesCSV = "facilities.csv"
	ProjectsCSV   = "projects.csv"
)

// CSV writes indicators.csv, facilities.csv and projects.csv into a
// directory: UTF-8 with a byte-order mark (so that spreadsheet programs read
// the Chinese text correctly), CRLF line ends, a header row.
type CSV struct {
	files []*csvFile // indicators, facilities, projects
}

type csvFile struct {
	tmp *tempFile
	buf *bufio.Writer
	w   *csv.Writer
}

// NewCSV starts the three files in dir (created if needed).
func NewCSV(dir string) (*CSV, error) {
	c := &CSV{}
	for _, f := range []struct {
		name string
		cols []string
	}{{IndicatorsCSV, IndicatorColumns}, {FacilitiesCSV, FacilityColumns}, {ProjectsCSV, ProjectColumns}} {
		t, err := createTemp(filepath.Join(dir, f.name))
		if err != nil {
			c.Abort()
			return nil, err
		}
		buf := bufio.NewWriterSize(t, 64<<10)
		buf.WriteString("\ufeff")
		w := csv.NewWriter(buf)
		w.UseCRLF = true
		cf := &csvFile{tmp: t, buf: buf, w: w}
		c.files = append(c.files, cf)
		if err := w.Write(f.cols); err != nil {
			c.Abort()
			return nil, fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	return c, nil
}

// Add writes the plan's rows.
func (c *CSV) Add(p *plan.Plan, _ []byte) error {
	d := p.Document
	pc := []string{deref(d.Region), deref(d.RegionLevel), deref(d.RegionCode), deref(d.Title), period(d.Period), p.Source.Path}
	row := func(parts ...[]string) []string {
		var r []string
		for _, x := range parts {
			r = append(r, x...)
		}
		return r
	}
	ind, fac, prj := c.files[0].w, c.files[1].w, c.files[2].w

	for _, in := range p.Indicators {
		head := []string{deref(in.Table), deref(in.Category), deref(in.Seq), deref(in.Code), in.Name, deref(in.Unit), deref(in.Nature)}
		line := strconv.Itoa(in.Span.Line)
		tail := []string{deref(in.Parent)}
		if len(in.Values) == 0 {
			if err := ind.Write(row(pc, head, make([]string, 8), []string{line}, tail, make([]string, 2))); err != nil {
				return c.fail(IndicatorsCSV, err)
			}
		}
		for _, v := range in.Values {
			vc := valueCells(v)
			if err := ind.Write(row(pc, head, vc[:8], []string{line}, tail, vc[8:])); err != nil {
				return c.fail(IndicatorsCSV, err)
			}
		}
	}

	for _, f := range p.Facilities {
		head := []string{f.Name, f.Type, deref(f.Ownership), deref(f.Category), deref(f.Table),
			strings.Join(f.Actions, "、"), strconv.Itoa(f.Span.Line), strconv.Itoa(len(f.Mentions))}
		if len(f.Beds) == 0 {
			if err := fac.Write(row(pc, head, make([]string, 10))); err != nil {
				return c.fail(FacilitiesCSV, err)
			}
		}
		for _, v := range f.Beds {
			if err := fac.Write(row(pc, head, valueCells(v))); err != nil {
				return c.fail(FacilitiesCSV, err)
			}
		}
	}

	for _, pr := range p.Projects {
		head := []string{deref(pr.Label), pr.Title, deref(pr.Section), strconv.Itoa(pr.Span.Line)}
		if len(pr.Items) == 0 {
			if err := prj.Write(row(pc, head, make([]string, 7))); err != nil {
				return c.fail(ProjectsCSV, err)
			}
		}
		for i, it := range pr.Items {
			cells := []string{strconv.Itoa(i + 1), it.Text, deref(it.Subject), strings.Join(it.Facilities, "、"), strconv.Itoa(it.Span.Line),
				deref(it.Section), strings.Join(it.Cells, "\t")}
			if err := prj.Write(row(pc, head, cells)); err != nil {
				return c.fail(ProjectsCSV, err)
			}
		}
	}
	return nil
}

// valueCells renders a value as column, year, role, raw, kind, cmp, value,
// ratio, direction, unit.
func valueCells(v plan.Value) []string {
	return []string{v.Column, itoa(v.Year), deref(v.Role), v.Raw, v.Kind, deref(v.Cmp), ftoa(v.Value),
		ratioText(v.Ratio), deref(v.Direction), deref(v.Unit)}
}

func (c *CSV) fail(name string, err error) error {
	return fmt.Errorf("write %s: %w", name, err)
}

// Commit flushes the three files and renames them into place.
func (c *CSV) Commit() error {
	for _, f := range c.files {
		f.w.Flush()
		err := f.w.Error()
		if err == nil {
			err = f.buf.Flush()
		}
		if err != nil {
			c.Abort()
			return fmt.Errorf("write %s: %w", f.tmp.final, err)
		}
	}
	for i, f := range c.files {
		if err := f.tmp.commit(); err != nil {
			c.files = c.files[i+1:]
			c.Abort()
			return err
		}
	}
	c.files = nil
	return nil
}

// Abort removes the temporary files.
func (c *CSV) Abort() {
	for _, f := range c.files {
		f.tmp.abort()
	}
	c.files = nil
}
