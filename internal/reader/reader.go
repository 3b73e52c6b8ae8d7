// Package reader turns an input file's bytes into the document model,
// choosing the format reader by file extension and content: plain text
// (decoded by internal/decode), .docx, .html and .pdf (text-layer PDFs, read
// with PDFium in WebAssembly, started on the first PDF). Legacy word-processor
// formats are converted to .docx with LibreOffice when it is installed.
package reader

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/guihua-project/guihua/internal/decode"
	"github.com/guihua-project/guihua/internal/docmodel"
	"github.com/guihua-project/guihua/internal/reader/docx"
	htmlreader "github.com/guihua-project/guihua/internal/reader/html"
	"github.com/guihua-project/guihua/internal/reader/pdf"
	"github.com/guihua-project/guihua/internal/reader/txt"
	"github.com/guihua-project/guihua/rules"
)

// Format names.
const (
	Text = "text"
	DOCX = "docx"
	HTML = "html"
	PDF  = "pdf"
)

// ErrUnsupported is returned for formats guihua cannot read.
var ErrUnsupported = errors.New("unsupported format")

// Reader reads files of every supported format. It is safe for concurrent use.
type Reader struct {
	txt  *txt.Reader
	html *htmlreader.Reader
	docx *docx.Reader
	pdf  *pdf.Reader
}

// New returns a Reader whose format readers recognise blocks, headings,
// metadata and table vocabulary with the rule set.
func New(set *rules.Set) *Reader {
	return &Reader{txt: txt.New(set), html: htmlreader.New(set), docx: docx.New(set), pdf: pdf.New(set)}
}

// Format tells the format of a file from its name and first bytes.
func Format(name string, data []byte) (string, error) {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".txt", ".text", ".md":
		return Text, nil
	case ".docx":
		return DOCX, nil
	case ".html", ".htm", ".xhtml", ".shtml":
		return HTML, nil
	case ".doc", ".wps", ".rtf", ".odt", ".fodt":
		return "legacy", nil
	case ".pdf":
		return PDF, nil
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return DOCX, nil
	case bytes.HasPrefix(data, []byte("%PDF")):
		return PDF, nil
	case looksHTML(data):
		return HTML, nil
	}
	return Text, nil
}

func looksHTML(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 1024)])
	head = bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) || bytes.Contains(head, []byte("<body"))
}

// Prepare starts, in the background, whatever reading a file of this name
// and first bytes (data may be nil: the name alone then decides) will need
// and is slow to start: PDFium for a PDF. A caller that calls it as soon as
// it knows its inputs overlaps that start with its own set-up; Read works
// the same without it.
func Prepare(name string, data []byte) {
	if f, err := Format(name, data); err == nil && f == PDF {
		pdf.Start()
	}
}

// Read parses a file's bytes; name is used for the format and in errors.
func (r *Reader) Read(name string, data []byte) (*docmodel.Document, error) {
	format, err := Format(name, data)
	if err != nil {
		return nil, err
	}
	switch format {
	case DOCX:
		return r.docx.Read(data)
	case HTML:
		return r.html.Read(data)
	case PDF:
		return r.pdf.Read(data)
	case "legacy":
		return r.readLegacy(name, data)
	}
	text, enc, err := decode.Bytes(data)
	if err != nil {
		return nil, err
	}
	return r.txt.Read(text, enc), nil
}

// LegacyExts are the extensions of the word-processor formats read by
// converting them to .docx with LibreOffice (Format "legacy").
var LegacyExts = []string{".doc", ".wps", ".rtf", ".odt", ".fodt"}

// LibreOffice returns the path of LibreOffice's soffice (or libreoffice)
// command; "" when it is not installed.
func LibreOffice() string {
	for _, name := range []string{"soffice", "libreoffice"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	return ""
}

// NoLibreOffice is the error for the file name of a format in LegacyExts
// when LibreOffice is not installed: it wraps ErrUnsupported and says what
// to do.
func NoLibreOffice(name string) error {
	return fmt.Errorf("%w: %s needs LibreOffice (soffice) to convert it, which is not installed: install it (e.g. apt-get install libreoffice-writer-nogui), or save the file as .docx",
		ErrUnsupported, strings.ToLower(filepath.Ext(name)))
}

// readLegacy converts .doc/.wps/.rtf/.odt to .docx with LibreOffice in a
// temporary directory and reads the result.
func (r *Reader) readLegacy(name string, data []byte) (*docmodel.Document, error) {
	soffice := LibreOffice()
	if soffice == "" {
		return nil, NoLibreOffice(name)
	}
	dir, err := os.MkdirTemp("", "guihua-convert-")
	if err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "input"+strings.ToLower(filepath.Ext(name)))
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "docx", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("convert with LibreOffice: %v: %s", err, strings.TrimSpace(string(out)))
	}
	converted, err := os.ReadFile(filepath.Join(dir, "input.docx"))
	if err != nil {
		return nil, fmt.Errorf("convert with LibreOffice: no output: %w", err)
	}
	return r.docx.Read(converted)
}
