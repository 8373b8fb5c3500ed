package reports

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/skip2/go-qrcode"
)

// Slips describes a sheet of access-code slips, printed for staff who have
// no e-mail: one slip per code, eight per A4 page, with cut lines.
type Slips struct {
	Campaign     string   // the campaign's title
	Organisation string   // the client organisation
	URL          string   // the respondent address, without the code
	Codes        []string // the codes, as generated
	MinGroupSize int      // k, restated in the anonymity note
	EndDate      string   // the last day to answer, in words (« 15 novembre 2026 »); "" when none
	Unit         string   // the unit the codes are bound to, in words; "" when the person chooses
	Lang         string   // "fr" (default) or "en"
}

// Slip geometry in millimetres: 2 columns × 4 rows on A4 portrait.
const (
	slipCols   = 2
	slipRows   = 4
	slipMargin = 10.0
	slipW      = (pageW - 2*slipMargin) / slipCols
	slipH      = (pageH - 2*slipMargin) / slipRows
	slipPad    = 5.0
	slipQR     = 32.0
)

// SlipsPDF writes the slips of s as a PDF. Each slip carries the campaign,
// the address, the code, a QR code of the address with the code filled in,
// and a short note on anonymity.
func SlipsPDF(w io.Writer, s *Slips) error {
	if s == nil || len(s.Codes) == 0 {
		return errors.New("reports: slips: no codes")
	}
	k := s.MinGroupSize
	if k <= 0 {
		k = 5
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.SetMargins(slipMargin, slipMargin, slipMargin)
	f.SetAutoPageBreak(false, 0)
	f.SetCompression(true)
	lang := s.Lang
	if lang != "en" {
		lang = "fr"
	}
	f.SetLang(lang)
	f.SetTitle(s.Campaign+" – "+tr(lang, "slips_title"), true)
	f.SetCreator("Vigie", true)
	note := fmt.Sprintf(tr(lang, "slips_note"), k)
	for i, code := range s.Codes {
		slot := i % (slipCols * slipRows)
		if slot == 0 {
			f.AddPage()
			cutLines(f)
		}
		x := slipMargin + float64(slot%slipCols)*slipW
		y := slipMargin + float64(slot/slipCols)*slipH
		link := withCode(s.URL, code)
		if err := drawQR(f, link, x+slipPad+slipW-2*slipPad-slipQR, y+slipPad, slipQR); err != nil {
			return err
		}

		textW := slipW - 2*slipPad - slipQR - 3
		f.SetTextColor(0, 0, 0)
		f.SetXY(x+slipPad, y+slipPad)
		f.SetFont(fontFamily, "B", 10.5)
		f.MultiCell(textW, 4.6, s.Campaign, "", "L", false)
		f.SetX(x + slipPad)
		f.SetFont(fontFamily, "", 8.5)
		f.MultiCell(textW, 4, s.Organisation, "", "L", false)
		if s.Unit != "" {
			f.SetX(x + slipPad)
			f.SetFont(fontFamily, "B", 8.5)
			f.MultiCell(textW, 4, tr(lang, "slips_unit")+s.Unit, "", "L", false)
		}
		f.SetX(x + slipPad)
		f.SetFont(fontFamily, "", 8)
		f.MultiCell(textW, 3.8, tr(lang, "slips_address"), "", "L", false)
		// The address on lines of its own, broken only after a "/", in a
		// size that fits: a token cut in two cannot be typed back.
		size, lines := fitURL(f, s.URL, textW, 8)
		f.SetFont(fontFamily, "B", size)
		for _, l := range lines {
			f.SetX(x + slipPad)
			f.CellFormat(textW, size*0.45, l, "", 1, "L", false, 0, "")
		}
		if s.EndDate != "" {
			f.SetX(x + slipPad)
			f.SetFont(fontFamily, "B", 8)
			f.MultiCell(textW, 3.8, fmt.Sprintf(tr(lang, "slips_until"), s.EndDate), "", "L", false)
		}

		// Below the QR code, or below a long title when it runs further.
		f.SetXY(x+slipPad, max(y+slipPad+slipQR+2, f.GetY()+2))
		f.SetFont(fontFamily, "", 8.5)
		f.CellFormat(slipW-2*slipPad, 4.5, tr(lang, "slips_code"), "", 1, "L", false, 0, "")
		f.SetX(x + slipPad)
		f.SetFont(fontFamily, "B", 15)
		f.CellFormat(slipW-2*slipPad, 7.5, code, "", 1, "L", false, 0, "")
		f.SetX(x + slipPad)
		f.SetFont(fontFamily, "", 6.8)
		f.SetTextColor(60, 60, 60)
		f.MultiCell(slipW-2*slipPad, 3.1, note, "", "L", false)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("reports: slips: write: %w", err)
	}
	return nil
}

// fitURL sets the size (at most size, at least 6 points) at which the
// address u fits width on as few lines as possible, and splits it into
// those lines, only ever after a "/" so that no token is cut.
func fitURL(f *fpdf.Fpdf, u string, width, size float64) (float64, []string) {
	for ; size > 6; size -= 0.5 {
		f.SetFont(fontFamily, "B", size)
		if f.GetStringWidth(u) <= width {
			return size, []string{u}
		}
	}
	f.SetFont(fontFamily, "B", size)
	return size, URLLines(u, func(s string) bool { return f.GetStringWidth(s) <= width })
}

// URLLines splits an address into lines that fit (fits), breaking only
// after a "/": a piece longer than a line stays whole, on its own line.
func URLLines(u string, fits func(string) bool) []string {
	var lines []string
	line := ""
	for _, piece := range strings.SplitAfter(u, "/") {
		if piece == "" {
			continue
		}
		if line != "" && !fits(line+piece) {
			lines = append(lines, line)
			line = ""
		}
		line += piece
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// withCode returns the respondent address with the code filled in, so
// scanning the QR code opens the page with the code already typed.
func withCode(base, code string) string {
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "code=" + url.QueryEscape(code)
}

// drawQR draws the QR code of text as vector squares (one rectangle per
// horizontal run of dark modules): sharp at any printer resolution, and
// far faster than encoding and embedding one PNG per slip.
func drawQR(f *fpdf.Fpdf, text string, x, y, size float64) error {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return fmt.Errorf("reports: qr code: %w", err)
	}
	bits := q.Bitmap() // includes the quiet zone
	if len(bits) == 0 {
		return errors.New("reports: empty qr code")
	}
	m := size / float64(len(bits))
	f.SetFillColor(0, 0, 0)
	for r, row := range bits {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			// A hair wider than the run, so adjacent rows leave no white seam.
			f.Rect(x+float64(start)*m, y+float64(r)*m, float64(c-start)*m+0.01, m+0.01, "F")
		}
	}
	return nil
}

// cutLines draws the dashed lines between slips.
func cutLines(f *fpdf.Fpdf) {
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.SetDashPattern([]float64{2, 2}, 0)
	for c := 0; c <= slipCols; c++ {
		x := slipMargin + float64(c)*slipW
		f.Line(x, slipMargin, x, pageH-slipMargin)
	}
	for r := 0; r <= slipRows; r++ {
		y := slipMargin + float64(r)*slipH
		f.Line(slipMargin, y, pageW-slipMargin, y)
	}
	f.SetDashPattern(nil, 0)
}
