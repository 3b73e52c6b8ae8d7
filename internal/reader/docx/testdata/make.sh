#!/bin/sh
# Regenerates sample.docx from sample.fodt with LibreOffice Writer
# (apt-get install libreoffice-writer-nogui). The tests only read the result.
set -e
cd "$(dirname "$0")"
out=$(mktemp -d)
soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir "$out" sample.fodt >/dev/null
mv "$out/sample.docx" sample.docx
rmdir "$out"
