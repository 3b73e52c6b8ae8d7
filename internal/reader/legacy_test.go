package reader

import (
	"errors"
	"strings"
	"testing"
)

// LegacyExts are exactly the extensions Format reads through LibreOffice.
func TestLegacyExts(t *testing.T) {
	for _, ext := range LegacyExts {
		for _, name := range []string{"plan" + ext, "plan" + strings.ToUpper(ext)} {
			if got, err := Format(name, nil); got != "legacy" || err != nil {
				t.Errorf("Format(%q) = %q, %v; want legacy", name, got, err)
			}
		}
	}
	err := NoLibreOffice("计划.WPS")
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), ".wps needs LibreOffice") || !strings.Contains(err.Error(), "install") {
		t.Errorf("NoLibreOffice: %v", err)
	}
}
