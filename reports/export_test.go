package reports

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"testing"

	"github.com/skip2/go-qrcode"
)

// FrenchTypography exposes frenchTypography to the black-box tests.
var FrenchTypography = frenchTypography

// UnitReason exposes unitReason to the black-box tests.
var UnitReason = unitReason

// QRRuns is how many rectangles drawQR draws for text: one per horizontal
// run of dark modules of its QR code.
func QRRuns(text string) int {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		panic(err)
	}
	n := 0
	for _, row := range q.Bitmap() {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			for c < len(row) && row[c] {
				c++
			}
			n++
		}
	}
	return n
}

// PDFFilledRects counts the filled rectangles ("re f") in the content
// streams of an fpdf document.
func PDFFilledRects(tb testing.TB, pdf []byte) int {
	tb.Helper()
	n := 0
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(pdf, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // not a compressed content stream (a font, an image)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			continue
		}
		n += bytes.Count(data, []byte(" re f"))
	}
	return n
}
