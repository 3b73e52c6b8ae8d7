package reader

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/guihua-project/guihua/rules"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
		err  bool
	}{
		{"plan.txt", "规划", Text, false},
		{"plan.TXT", "规划", Text, false},
		{"plan.docx", "", DOCX, false},
		{"plan.htm", "", HTML, false},
		{"plan.wps", "", "legacy", false},
		{"plan.pdf", "", PDF, false},
		{"noext", "PK\x03\x04rest", DOCX, false},
		{"noext", "\ufeff<!DOCTYPE html><html>", HTML, false},
		{"noext", "%PDF-1.4", PDF, false},
		{"noext", "高阳县规划", Text, false},
	}
	for _, tt := range tests {
		got, err := Format(tt.name, []byte(tt.data))
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("Format(%q) = %q, %v; want %q, error %v", tt.name, got, err, tt.want, tt.err)
		}
		if err != nil && !errors.Is(err, ErrUnsupported) {
			t.Errorf("Format(%q): error %v is not ErrUnsupported", tt.name, err)
		}
	}
}

func TestLegacyWithoutLibreOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no soffice to be found
	set, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(set).Read("plan.doc", []byte{0xD0, 0xCF, 0x11, 0xE0})
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "LibreOffice") {
		t.Errorf("error %v should name the missing LibreOffice", err)
	}
}

func TestLegacyWithLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice is not installed")
	}
	data, err := os.ReadFile("../../corpus/fixtures/extra/outline_numbering.fodt")
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := New(set).Read("outline_numbering.fodt", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != DOCX || !strings.Contains(doc.Text(), "规划背景") {
		t.Errorf("converted document: format %s, text %.200q", doc.Format, doc.Text())
	}
}
