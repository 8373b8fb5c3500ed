package reports_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"testing"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
)

// pdftotext turns no-break spaces into plain ones, so the typography is
// checked in the page streams themselves, where fpdf writes the text of a
// UTF-8 font as UTF-16BE.
func TestPDFAppliesFrenchTypography(t *testing.T) {
	fr := pageStreams(t, renderPDF(t, pdfReport(t, "fr", dossier.AudienceConsultant, 5)))
	for _, w := range []string{"chiffres\u202f;", "soin\u202f!", "«\u00a0transmissions\u00a0»",
		"Annexe\u00a0: réponses", "Segment\u00a0: Metier"} {
		if !bytes.Contains(fr, utf16be(w)) {
			t.Errorf("French document lacks %q with its no-break space", w)
		}
	}
	en := pageStreams(t, renderPDF(t, pdfReport(t, "en", dossier.AudienceConsultant, 5)))
	for _, w := range []string{"Annex: answers", "Segment: Metier"} {
		if !bytes.Contains(en, utf16be(w)) {
			t.Errorf("English document lacks %q as written", w)
		}
	}
}

// pageStreams inflates every compressed stream of a PDF and joins them.
func pageStreams(tb testing.TB, pdf []byte) []byte {
	tb.Helper()
	var all []byte
	re := regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`)
	for _, m := range re.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(zr)
		all = append(all, b...)
	}
	if len(all) == 0 {
		tb.Fatal("no compressed stream found")
	}
	return all
}

func utf16be(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestFrenchTypography(t *testing.T) {
	const nb, nn = "\u00a0", "\u202f"
	tests := []struct{ in, want string }{
		{"Attention: lire", "Attention" + nb + ": lire"},
		{"Attention : lire", "Attention" + nb + ": lire"},
		{"Vraiment?", "Vraiment" + nn + "?"},
		{"Vraiment ?", "Vraiment" + nn + "?"},
		{"Non!", "Non" + nn + "!"},
		{"un; deux", "un" + nn + "; deux"},
		{"Quoi ?!", "Quoi" + nn + "?!"},
		{"«le soin»", "«" + nb + "le soin" + nb + "»"},
		{"« le soin »", "«" + nb + "le soin" + nb + "»"},
		{"Déjà" + nb + ":", "Déjà" + nb + ":"},
		{"14:30", "14:30"},
		{"https://vigie.example/", "https://vigie.example/"},
		{"unit:A/B", "unit:A/B"},
		{"?lang=en", "?lang=en"},
		{"sans ponctuation", "sans ponctuation"},
	}
	for _, tt := range tests {
		if got := reports.FrenchTypography(tt.in); got != tt.want {
			t.Errorf("frenchTypography(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The typography relies on the embedded font having the no-break spaces,
// and the charts on the level symbols.
func TestFontHasNeededGlyphs(t *testing.T) {
	for _, file := range []string{"fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf"} {
		ttf, err := fpdf.TtfParse(file)
		if err != nil {
			t.Fatalf("parse %s: %v", file, err)
		}
		for _, r := range "\u202f\u00a0«»œŒçéèàù—–…○◐●•·’" {
			if ttf.Chars[uint16(r)] == 0 {
				t.Errorf("%s has no glyph for %U", file, r)
			}
		}
	}
}
