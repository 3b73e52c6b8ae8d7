package docx

import (
	"encoding/xml"

	"github.com/guihua-project/guihua/internal/docmodel"
)

// Core-properties namespaces.
const (
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsDCTerms = "http://purl.org/dc/terms/"
)

// readCore copies dc:title and dcterms:created from docProps/core.xml into
// meta (docmodel.MetaFormatTitle, docmodel.MetaFormatCreated), normalised.
// It is lenient: it stops quietly at the first XML error.
func readCore(b []byte, meta map[string]string) {
	x := newXMLReader(b, "docProps/core.xml")
	_ = x.walk(func(se xml.StartElement) error {
		var key string
		switch {
		case se.Name.Local == "coreProperties":
			return errDescend
		case se.Name.Local == "title" && (se.Name.Space == nsDC || se.Name.Space == "dc"):
			key = docmodel.MetaFormatTitle
		case se.Name.Local == "created" && (se.Name.Space == nsDCTerms || se.Name.Space == "dcterms"):
			key = docmodel.MetaFormatCreated
		default:
			return x.skip()
		}
		s, err := x.text()
		if err != nil {
			return err
		}
		if s = docmodel.Normalize(s); s != "" {
			meta[key] = s
		}
		return nil
	})
}
