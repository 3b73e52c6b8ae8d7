package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/internal/export"
)

// readme is the repository's README.md.
func readme(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestReadmeMatchesTheTool: the README lists the CSV columns export writes,
// shows a batch summary line as batch prints it, and names no file that a
// clone of the repository does not have.
func TestReadmeMatchesTheTool(t *testing.T) {
	text := readme(t)
	for _, c := range []struct {
		file string
		cols []string
	}{{export.IndicatorsCSV, export.IndicatorColumns}, {export.FacilitiesCSV, export.FacilityColumns}, {export.ProjectsCSV, export.ProjectColumns}} {
		if !strings.Contains(text, "`"+strings.Join(c.cols, ", ")+"`") {
			t.Errorf("the README does not list the columns of %s: %s", c.file, strings.Join(c.cols, ", "))
		}
	}
	if !summaryRE.MatchString(text) {
		t.Errorf("the README shows no batch summary line like %s", summaryRE)
	}

	// Paths in code spans: one that starts with a top-level entry of the
	// repository must exist in it (globs and <placeholders> allowed); none
	// may point outside it.
	root := "../.."
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	top := make(map[string]bool)
	for _, e := range entries {
		top[e.Name()] = true
	}
	checked := 0
	for _, m := range regexp.MustCompile("`([^`\\s]+)`").FindAllStringSubmatch(text, -1) {
		span := m[1]
		if strings.HasPrefix(span, "../") {
			t.Errorf("the README names %s, outside the repository", span)
			continue
		}
		first, _, _ := strings.Cut(span, "/")
		if !top[first] || first == span && !strings.Contains(span, ".") {
			continue // not a path in the repository (a package or command name alone is not checked)
		}
		if i := strings.Index(span, "<"); i >= 0 {
			span = filepath.Dir(span[:i])
		}
		matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(span)))
		if err != nil || len(matches) == 0 {
			t.Errorf("the README names %s, which a clone does not have", m[1])
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("only %d paths checked: the check is broken", checked)
	}
}
