// Command guihua turns Chinese government plan documents (.txt, .docx,
// .html, .pdf) into structured, schema-validated JSON.
//
//	guihua extract [-o OUT.json] FILE   extract one plan (JSON on stdout)
//	guihua text FILE                    print the plain-text rendering spans point into
//	guihua review [-o OUT.html] FILE    write the review page of one plan (HTML)
//	guihua schema                       print the output JSON Schema
//	guihua validate OUT.json...         check outputs against the schema
//	guihua batch [-o OUTDIR|-] [-j N] [--force] [-q] PATH...
//	guihua check [--update] --golden DIR [-j N] [--max-changes N] PATH...
//	guihua export --format csv|sqlite|jsonl -o OUT [-j N] [-k] PATH...
//	guihua indicators [--json] [-j N] PATH...
//	guihua version                      print the version
//	guihua help [COMMAND]               print the overview or a command's help
//
// Every command is a function returning an error, and run maps that error
// to the exit status in one place: 0 ok, 1 failure, 2 usage error (printed
// once, with the command's usage), 130 interrupted (SIGINT or SIGTERM
// during batch, check or export). A crash of the Go runtime (out of memory,
// or a panic, which is a bug) ends the process with SIGABRT after its
// report, never with the runtime's own status 2.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/guihua-project/guihua/internal/atomicfile"
	"github.com/guihua-project/guihua/internal/convert"
	"github.com/guihua-project/guihua/schema"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit statuses.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130 // 128+SIGINT, as shells report it
)

// command is one subcommand.
type command struct {
	name     string
	synopsis string // the arguments, after "guihua NAME"
	summary  string // one line for the overview
	doc      string // paragraphs "guihua help NAME" prints after the synopsis
	// long marks the commands that run long: SIGINT and SIGTERM cancel
	// their context (exit status 130), a second signal kills at once.
	long bool
	// run defines its flags on fs, parses args with fs.parse before doing
	// anything else, and does the work.
	run func(ctx context.Context, fs *flagSet, args []string, stdout, stderr io.Writer) error
}

// commands are listed in the overview in this order.
var commands []*command

func init() {
	commands = []*command{
		{name: "extract", synopsis: "[-o OUT.json] FILE", summary: "extract one plan; JSON on stdout unless -o", run: cmdExtract},
		{name: "text", synopsis: "FILE", summary: "print the plain-text rendering (spans point into it)", run: cmdText},
		{name: "review", synopsis: "[-o OUT.html] FILE", summary: "write a plan's review page: the text with every extraction highlighted", doc: reviewDoc, run: cmdReview},
		{name: "schema", summary: "print the output JSON Schema", run: cmdSchema},
		{name: "validate", synopsis: "OUT.json...", summary: "check extraction outputs against the schema", run: cmdValidate},
		{name: "batch", synopsis: batchSynopsis, summary: "convert files, directories and globs in parallel", doc: batchDoc, long: true, run: cmdBatch},
		{name: "check", synopsis: checkSynopsis, summary: "compare outputs with golden files (semantic diff)", doc: checkDoc, long: true, run: cmdCheck},
		{name: "export", synopsis: exportSynopsis, summary: "export plans or outputs as CSV, SQLite or JSON Lines", doc: exportDoc, long: true, run: cmdExport},
		{name: "indicators", synopsis: indicatorsSynopsis, summary: "list indicator codes with their names and regions, and uncoded names", doc: indicatorsDoc, long: true, run: cmdIndicators},
		{name: "version", summary: "print the version", run: cmdVersion},
		{name: "help", synopsis: "[COMMAND]", summary: "print this overview, or a command's help", run: cmdHelp},
	}
}

func lookup(name string) *command {
	switch name {
	case "-version", "--version":
		name = "version"
	case "-h", "-help", "--help":
		name = "help"
	}
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// overview is the text of "guihua help".
func overview() string {
	var b strings.Builder
	b.WriteString("guihua turns Chinese government plan documents into structured JSON.\n\nUsage:\n")
	for _, c := range commands {
		line := "  guihua " + strings.TrimSpace(c.name+" "+c.synopsis)
		if len(line) < 37 {
			fmt.Fprintf(&b, "%-38s%s\n", line, c.summary)
		} else {
			fmt.Fprintf(&b, "%s\n%38s%s\n", line, "", c.summary)
		}
	}
	b.WriteString(`
Run "guihua help COMMAND" (or "guihua COMMAND -h") for a command's options.
Exit status: 0 ok, 1 failure, 2 usage error, 130 interrupted.
`)
	return b.String()
}

func main() {
	crashWithSignal()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// crashWithSignal makes a fatal error of the Go runtime ("fatal error: out
// of memory", a panic nothing recovered) end the process with SIGABRT
// (status 134 in a shell) after the usual report, instead of exit status 2,
// which guihua uses for usage errors. (The kernel's out-of-memory killer
// sends SIGKILL: status 137.)
func crashWithSignal() {
	debug.SetTraceback("crash")
}

// run runs one command line and returns its exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run under ctx: a long command stops when ctx is done, or
// at SIGINT or SIGTERM.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, overview())
		return exitUsage
	}
	cmd := lookup(args[0])
	if cmd == nil {
		return exitStatus(&usageError{msg: fmt.Sprintf("unknown command %q", args[0]), usage: overview()}, stdout, stderr)
	}
	if cmd.long {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		defer stop()
		go func() {
			<-ctx.Done()
			stop() // a second signal gets the default behaviour: exit at once
		}()
	}
	return exitStatus(cmd.run(ctx, newFlagSet(cmd), args[1:], stdout, stderr), stdout, stderr)
}

// errReported is a failure the command has already reported in full (batch
// lists its failed inputs): exit status 1, nothing more printed.
var errReported = errors.New("failed (reported above)")

// exitStatus prints a command's error and returns the exit status. It is
// the one place errors become exit statuses.
func exitStatus(err error, stdout, stderr io.Writer) int {
	var help *helpRequest
	var usage *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &help):
		fmt.Fprint(stdout, help.text)
		return exitOK
	case errors.As(err, &usage):
		prefix := "guihua"
		if usage.cmd != "" {
			prefix += " " + usage.cmd
		}
		fmt.Fprintf(stderr, "%s: %s\n%s", prefix, usage.msg, usage.usage)
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "guihua: interrupted")
		return exitInterrupted
	case errors.Is(err, errReported):
		return exitFailure
	default:
		fmt.Fprintln(stderr, "guihua:", strings.TrimSpace(err.Error()))
		return exitFailure
	}
}

func cmdExtract(_ context.Context, fs *flagSet, args []string, stdout, _ io.Writer) error {
	out := fs.String("o", "", "write the JSON to this `file` (atomically) instead of stdout")
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

func cmdText(_ context.Context, fs *flagSet, args []string, stdout, _ io.Writer) error {
	path, err := fs.oneFile(args)
	if err != nil {
		return err
	}
	data, err := convert.ReadFile(path)
	if err != nil {
		return err
	}
	convert.Prepare(path, data)
	r, err := convert.NewReader() // the readers' rules only: no extraction rules, no schema
	if err != nil {
		return err
	}
	doc, err := r.Document(path, data)
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, doc.Text())
	return err
}

// load reads one input and loads the converter.
func load(path string) (*convert.Converter, []byte, error) {
	data, err := convert.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	convert.Prepare(path, data)
	c, err := convert.New()
	return c, data, err
}

func cmdSchema(_ context.Context, fs *flagSet, args []string, stdout, _ io.Writer) error {
	if err := fs.noArgs(args); err != nil {
		return err
	}
	_, err := stdout.Write(schema.JSON())
	return err
}

func cmdValidate(_ context.Context, fs *flagSet, args []string, stdout, stderr io.Writer) error {
	paths, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fs.usageErr("needs at least one file")
	}
	v, err := schema.New()
	if err != nil {
		return err
	}
	failed := 0
	for _, path := range paths {
		data, err := convert.ReadFile(path)
		if err == nil {
			err = v.Validate(data)
		}
		if err != nil {
			failed++
			fmt.Fprintf(stderr, "%s: %s\n", path, convert.Reason(path, err))
			continue
		}
		fmt.Fprintf(stdout, "%s: ok\n", path)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files invalid", failed, len(paths))
	}
	return nil
}

func cmdVersion(_ context.Context, fs *flagSet, args []string, stdout, _ io.Writer) error {
	if err := fs.noArgs(args); err != nil {
		return err
	}
	_, err := fmt.Fprintln(stdout, "guihua", version)
	return err
}

func cmdHelp(ctx context.Context, fs *flagSet, args []string, stdout, stderr io.Writer) error {
	names, err := fs.parse(args)
	switch {
	case err != nil:
		return err
	case len(names) == 0:
		return &helpRequest{overview()}
	case len(names) > 1:
		return fs.usageErr("takes at most one COMMAND")
	}
	cmd := lookup(names[0])
	if cmd == nil {
		return &usageError{cmd: "help", msg: fmt.Sprintf("unknown command %q", names[0]), usage: overview()}
	}
	if cmd.name == "help" {
		return &helpRequest{overview()}
	}
	// Every command parses its arguments before doing anything: asked for
	// -h, it returns its help.
	return cmd.run(ctx, newFlagSet(cmd), []string{"-h"}, stdout, stderr)
}
