// Command guihua turns Chinese government plan documents (.txt, .docx,
// .html) into structured, schema-validated JSON.
//
//	guihua extract [-o OUT.json] FILE   extract one plan (JSON on stdout)
//	guihua text FILE                    print the plain-text rendering spans point into
//	guihua schema                       print the output JSON Schema
//	guihua validate OUT.json...         check outputs against the schema
//	guihua batch [-o OUTDIR|-] [-j N] [--force] PATH...
//	guihua check [--update] --golden DIR PATH...
//	guihua export --format csv|sqlite|jsonl -o OUT PATH...
//	guihua version                      print the version
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/guihua-project/guihua/internal/atomicfile"
	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/schema"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const usage = `guihua turns Chinese government plan documents into structured JSON.

Usage:
  guihua extract [-o OUT.json] FILE   extract one plan; JSON on stdout unless -o
  guihua text FILE                    print the plain-text rendering (spans point into it)
  guihua schema                       print the output JSON Schema
  guihua validate OUT.json...         check extraction outputs against the schema
  guihua batch [-o OUTDIR|-] [-j N] [--force] PATH...
                                      convert files, directories and globs in parallel
  guihua check [--update] --golden DIR PATH...
                                      compare outputs with golden files (semantic diff)
  guihua export --format csv|sqlite|jsonl -o OUT PATH...
                                      export plans or outputs as CSV, SQLite or JSON Lines
  guihua version                      print the version

Run "guihua COMMAND -h" for a command's options.
`

// errUsage marks command-line mistakes (exit status 2).
var errUsage = errors.New("usage")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "extract":
		err = cmdExtract(args[1:], stdout, stderr)
	case "text":
		err = cmdText(args[1:], stdout, stderr)
	case "schema":
		err = cmdSchema(args[1:], stdout, stderr)
	case "validate":
		err = cmdValidate(args[1:], stdout, stderr)
	case "batch":
		return cmdBatch(args[1:], stdout, stderr)
	case "check":
		err = cmdCheck(args[1:], stdout, stderr)
	case "export":
		err = cmdExport(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "guihua", version)
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "guihua: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return exitStatus(err, stderr)
}

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: guihua %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func readInput(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s: is a directory", path)
	}
	if fi.Size() > convert.MaxInputBytes {
		return nil, fmt.Errorf("%s: file too large (%d bytes, limit %d)", path, fi.Size(), convert.MaxInputBytes)
	}
	return os.ReadFile(path)
}

// oneInput reads the single FILE argument of a command and loads the
// converter.
func oneInput(fs *flag.FlagSet, cmd string) (string, []byte, *convert.Converter, error) {
	if fs.NArg() != 1 {
		fs.Usage()
		return "", nil, nil, fmt.Errorf("%w: %s takes exactly one FILE", errUsage, cmd)
	}
	path := fs.Arg(0)
	data, err := readInput(path)
	if err != nil {
		return "", nil, nil, err
	}
	c, err := convert.New()
	return path, data, c, err
}

func cmdExtract(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("extract", "extract [-o OUT.json] FILE", stderr)
	out := fs.String("o", "", "write the JSON to this `file` (atomically) instead of stdout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path, data, c, err := oneInput(fs, "extract")
	if err != nil {
		return err
	}
	js, err := c.JSON(path, data)
	if err != nil {
		return err
	}
	if *out != "" {
		return atomicfile.Write(*out, js, 0o644)
	}
	_, err = stdout.Write(js)
	return err
}

func cmdText(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("text", "text FILE", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	path, data, c, err := oneInput(fs, "text")
	if err != nil {
		return err
	}
	doc, err := c.Document(path, data)
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, doc.Text())
	return err
}

func cmdSchema(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", "schema", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("%w: schema takes no arguments", errUsage)
	}
	_, err := stdout.Write(schema.JSON())
	return err
}

func cmdValidate(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("validate", "validate OUT.json...", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: validate needs at least one file", errUsage)
	}
	v, err := schema.New()
	if err != nil {
		return err
	}
	failed := 0
	for _, path := range fs.Args() {
		data, err := os.ReadFile(path)
		if err == nil {
			err = v.Validate(data)
		}
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "%s: %v\n", path, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: ok\n", path)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files invalid", failed, fs.NArg())
	}
	return nil
}
