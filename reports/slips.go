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
	f.SetLang("fr")
	f.SetTitle(s.Campaign+" – codes d'accès", true)
	f.SetCreator("Vigie", true)
	note := fmt.Sprintf("Ce code est anonyme : il sert seulement à répondre une fois, et à reprendre plus tard. "+
		"Rien ne relie le code à vos réponses. Les résultats ne sont montrés que pour des groupes d'au moins %d personnes.", k)
	for i, code := range s.Codes {
		slot := i % (slipCols * slipRows)
		if slot == 0 {
			f.AddPage()
			cutLines(f)
		}
		x := slipMargin + float64(slot%slipCols)*slipW
		y := slipMargin + float64(slot/slipCols)*slipH
		link := withCode(s.URL, code)
		if err := drawQR(f, link, x+slipW-slipPad-slipQR, y+slipPad, slipQR); err != nil {
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
		f.SetX(x + slipPad)
		f.SetFont(fontFamily, "", 8)
		f.MultiCell(textW, 3.8, "Répondez à l'adresse : "+s.URL, "", "L", false)
		if s.EndDate != "" {
			f.SetX(x + slipPad)
			f.SetFont(fontFamily, "B", 8)
			f.MultiCell(textW, 3.8, "Jusqu'au "+s.EndDate+" inclus", "", "L", false)
		}

		// Below the QR code, or below a long title when it runs further.
		f.SetXY(x+slipPad, max(y+slipPad+slipQR+2, f.GetY()+2))
		f.SetFont(fontFamily, "", 8.5)
		f.CellFormat(slipW-2*slipPad, 4.5, "Votre code :", "", 1, "L", false, 0, "")
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
