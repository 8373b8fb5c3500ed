package reports

import (
	"bytes"
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vigie-sante/vigie"
)

// The documents a consultant hands over carry the consultant's name and
// logo; Vigie's name appears only in the colophon (the document's
// properties and the cover's version line).

// drawLogo draws l in the box of maxW × maxH millimetres whose top-left
// corner is (x, y), keeping its proportions, left-aligned (or
// right-aligned when right), and returns the width drawn. A nil logo
// draws nothing.
func drawLogo(f *fpdf.Fpdf, l *vigie.Logo, x, y, maxW, maxH float64, right bool) float64 {
	if l == nil || l.Width <= 0 || l.Height <= 0 {
		return 0
	}
	name := fmt.Sprintf("logo-%d", len(l.Data))
	info := f.GetImageInfo(name)
	if info == nil {
		typ := "PNG"
		if l.Format == "jpeg" {
			typ = "JPG"
		}
		info = f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(l.Data))
		if info == nil || f.Err() {
			return 0
		}
	}
	w, h := maxW, maxW*float64(l.Height)/float64(l.Width)
	if h > maxH {
		w, h = maxH*float64(l.Width)/float64(l.Height), maxH
	}
	if right {
		x += maxW - w
	}
	f.ImageOptions(name, x, y, w, h, false, fpdf.ImageOptions{}, 0, "")
	return w
}

// conductedByLine is the footer's line naming who ran the survey; "" when
// nobody is named.
func conductedByLine(lang, conductedBy string) string {
	if conductedBy == "" {
		return ""
	}
	return fmt.Sprintf(tr(lang, "footer_conducted_by"), conductedBy)
}

// fitText shortens s with an ellipsis until it fits in w millimetres at
// f's current font.
func fitText(f *fpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w-1 {
		return s
	}
	rs := []rune(s)
	for len(rs) > 1 {
		rs = rs[:len(rs)-1]
		if t := strings.TrimRight(string(rs), " ") + "…"; f.GetStringWidth(t) <= w-1 {
			return t
		}
	}
	return string(rs)
}
