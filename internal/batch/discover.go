package batch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/guihua-project/guihua/internal/reader"
)

// PlanExts are the file extensions taken from directories and globs as plan
// inputs.
var PlanExts = []string{".txt", ".docx", ".html", ".htm", ".pdf"}

// LegacyExts are the word-processor formats converted with LibreOffice
// (reader.LegacyExts); batch takes them from directories and globs too,
// and skips them with the reason when LibreOffice is not installed.
var LegacyExts = reader.LegacyExts

// Input is one file found by Discover.
type Input struct {
	// Path is the file's path: the argument itself, or the argument joined
	// with the path found under it.
	Path string
	// Rel is the path relative to the argument it was found under, with
	// forward slashes; for a plain file argument it is the base name.
	Rel string
}

// Problem is an argument or a directory entry that could not be used.
type Problem struct {
	Path string
	Err  error
}

func (p Problem) Error() string { return p.Path + ": " + p.Err.Error() }

// Found is the result of Discover.
type Found struct {
	Inputs   []Input   // in argument order, each directory walked in lexical order; duplicates removed
	Problems []Problem // missing paths, unreadable directories, globs that match nothing
	Ignored  []string  // file arguments of a type not wanted (e.g. .json outputs caught by a shell glob)
}

// Discover expands command-line paths into input files. Each argument may be
// a file (taken whatever its extension, except a .json file when ".json" is
// not in exts, which is ignored), a directory (walked recursively; only files
// whose extension is in exts are taken, hidden files and directories are
// skipped, symbolic links to directories are not followed) or a glob pattern
// (expanded with filepath.Glob when no file has that literal name; matches
// are filtered by exts and directories among them are walked; Rel is then
// relative to the pattern's leading directory without wildcards).
// exts are lower-case and start with a dot.
func Discover(args []string, exts []string) Found {
	var f Found
	seen := make(map[string]bool)
	add := func(path, rel string) {
		key := filepath.Clean(path) + "\x00" + rel
		if seen[key] {
			return
		}
		seen[key] = true
		f.Inputs = append(f.Inputs, Input{Path: path, Rel: rel})
	}
	wanted := func(name string) bool {
		return slices.Contains(exts, strings.ToLower(filepath.Ext(name)))
	}
	for _, arg := range args {
		fi, err := os.Stat(arg)
		switch {
		case err == nil && fi.IsDir():
			if walk(arg, arg, wanted, add, &f) == 0 {
				f.Problems = append(f.Problems, Problem{arg, fmt.Errorf("no input files (%s) in this directory", strings.Join(exts, " "))})
			}
		case err == nil:
			if strings.EqualFold(filepath.Ext(arg), ".json") && !wanted(arg) {
				f.Ignored = append(f.Ignored, arg)
				continue
			}
			add(arg, filepath.Base(arg))
		case errors.Is(err, fs.ErrNotExist) && hasMeta(arg):
			matches, gerr := filepath.Glob(arg)
			if gerr != nil {
				f.Problems = append(f.Problems, Problem{arg, fmt.Errorf("bad pattern: %w", gerr)})
				continue
			}
			base := globBase(arg)
			n := 0
			for _, m := range matches {
				if hidden(m, base) {
					continue
				}
				mi, err := os.Stat(m)
				if err != nil {
					f.Problems = append(f.Problems, Problem{m, err})
					continue
				}
				if mi.IsDir() {
					n += walk(m, base, wanted, add, &f)
				} else if wanted(m) {
					add(m, relSlash(base, m))
					n++
				}
			}
			if n == 0 {
				f.Problems = append(f.Problems, Problem{arg, errors.New("no input files match this pattern")})
			}
		default:
			f.Problems = append(f.Problems, Problem{arg, unwrapPathError(err)})
		}
	}
	return f
}

// walk adds the wanted files under dir, with Rel relative to base, and
// returns how many it found.
func walk(dir, base string, wanted func(string) bool, add func(path, rel string), f *Found) int {
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			f.Problems = append(f.Problems, Problem{path, unwrapPathError(err)})
			if d != nil && d.IsDir() && path != dir {
				return fs.SkipDir
			}
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !wanted(path) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(path)
			if err != nil {
				f.Problems = append(f.Problems, Problem{path, unwrapPathError(err)})
				return nil
			}
			if fi.IsDir() {
				return nil // a link to a directory: not followed
			}
		}
		add(path, relSlash(base, path))
		n++
		return nil
	})
	if err != nil {
		f.Problems = append(f.Problems, Problem{dir, err})
	}
	return n
}

func relSlash(base, path string) string {
	rel, err := filepath.Rel(base, path)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		rel = filepath.Base(path)
	}
	return filepath.ToSlash(rel)
}

// hidden reports whether a path below base has a component starting with ".".
func hidden(path, base string) bool {
	rel, err := filepath.Rel(base, path)
	if err != nil {
		rel = path
	}
	for _, c := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(c, ".") && c != "." && c != ".." {
			return true
		}
	}
	return false
}

func hasMeta(s string) bool { return strings.ContainsAny(s, `*?[`) }

// globBase is the leading part of pattern made of whole path elements
// without wildcards ("." when the first element has one).
func globBase(pattern string) string {
	dir := pattern
	for hasMeta(dir) {
		d := filepath.Dir(dir)
		if d == dir {
			break
		}
		dir = d
	}
	return dir
}

// unwrapPathError drops the path from an *fs.PathError: callers print the
// path themselves.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
