package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// usageError is a command-line mistake: exit status 2. It is printed once,
// followed by the command's usage.
type usageError struct {
	cmd   string // the command, "" before one is known
	msg   string
	usage string
}

func (e *usageError) Error() string { return e.msg }

// helpRequest is returned when help was asked for (-h): the text is printed
// on stdout, exit status 0.
type helpRequest struct{ text string }

func (h *helpRequest) Error() string { return "help requested" }

// flagSet is a command's flags. It prints nothing itself: parse returns a
// *usageError or a *helpRequest, and exitStatus prints it.
type flagSet struct {
	*flag.FlagSet
	cmd *command
}

func newFlagSet(cmd *command) *flagSet {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, cmd: cmd}
}

// parse parses flags that may come before, between or after the
// positional arguments (up to a "--") and returns the positional ones.
func (fs *flagSet) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, &helpRequest{fs.help()}
			}
			return nil, fs.usageErr("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// fs.Parse stops at the first non-flag, or after a "--".
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// oneFile parses args that must name exactly one FILE.
func (fs *flagSet) oneFile(args []string) (string, error) {
	pos, err := fs.parse(args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		return "", fs.usageErr("takes exactly one FILE")
	}
	return pos[0], nil
}

// noArgs parses args that must hold no positional argument.
func (fs *flagSet) noArgs(args []string) error {
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fs.usageErr("takes no arguments")
	}
	return nil
}

// usageErr makes a usage error of the command.
func (fs *flagSet) usageErr(format string, args ...any) error {
	usage := fs.usage()
	if fs.cmd.doc != "" {
		usage += fmt.Sprintf("Run \"guihua help %s\" for details.\n", fs.cmd.name)
	}
	return &usageError{cmd: fs.cmd.name, msg: fmt.Sprintf(format, args...), usage: usage}
}

// usage is the synopsis and the options.
func (fs *flagSet) usage() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: guihua %s\n", strings.TrimSpace(fs.cmd.name+" "+fs.cmd.synopsis))
	b.WriteString(fs.options())
	return b.String()
}

// help is the synopsis, the description and the options.
func (fs *flagSet) help() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: guihua %s\n", strings.TrimSpace(fs.cmd.name+" "+fs.cmd.synopsis))
	if fs.cmd.doc != "" {
		b.WriteString("\n" + fs.cmd.doc + "\n")
	}
	if opts := fs.options(); opts != "" {
		b.WriteString("\n" + opts)
	}
	return b.String()
}

// options lists the flags ("" when there are none).
func (fs *flagSet) options() string {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("Options:\n")
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	return b.String()
}

// sameFile reports whether paths a and b name the same file: the same
// cleaned absolute path, or, when both exist, the same file to os.SameFile
// (another spelling through a symbolic link, a hard link).
func sameFile(a, b string) bool {
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	if errA == nil && errB == nil && absA == absB {
		return true
	}
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}
