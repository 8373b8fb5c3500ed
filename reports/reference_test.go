package reports_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// referenceBelow compares each section of r with a reference 20 points
// below the whole population's mean on every dimension: every published
// group reads « au-dessus ».
func referenceBelow(t *testing.T, r *dossier.Report) {
	t.Helper()
	for i := range r.Sections {
		sec := &r.Sections[i]
		ref := &scoring.Reference{Questionnaire: sec.Questionnaire.ID, Version: sec.Questionnaire.Version, Source: "Norme test (2024)",
			Dimensions: map[string]scoring.ReferenceValue{}}
		for _, g := range sec.Result.Groups {
			if g.ID != "all" {
				continue
			}
			for id, d := range g.Dimensions {
				if !d.Suppressed {
					ref.Dimensions[id] = scoring.ReferenceValue{Mean: d.Mean - 20, SD: 10, N: 5000}
				}
			}
		}
		c, err := scoring.CompareReference(sec.Questionnaire, sec.Result, ref)
		if err != nil {
			t.Fatal(err)
		}
		sec.Reference = c
	}
}

// A defensive strategy above its reference is a more marked signal, in the
// PDF and the workbook, never a less favourable result (issue 20's
// vocabulary); a dimension read as levels keeps favourable words.
func TestReferenceVocabulary(t *testing.T) {
	r := pdfSyntheticReport(t, []string{"strategies-defensives"}, "fr", dossier.AudienceConsultant)
	referenceBelow(t, r)
	q := r.Sections[0].Questionnaire

	var buf bytes.Buffer
	if err := reports.XLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(reports.SheetReference)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, row := range rows[2:] {
		if len(row) < 11 || row[1] != "all" {
			continue
		}
		d := q.Dimension(row[4])
		if d == nil {
			t.Fatalf("row %v: unknown dimension", row)
		}
		seen[d.ID] = true
		switch reading := row[10]; {
		case d.Signal() && (!strings.Contains(reading, "signal plus marqué") || strings.Contains(reading, "favorable")):
			t.Errorf("%s (a signal) reads %q, want a more marked signal and no judgement", d.ID, reading)
		case !d.Signal() && !strings.Contains(reading, "favorable"):
			t.Errorf("%s (levels) reads %q, want favourable words", d.ID, reading)
		}
	}
	if len(seen) != len(q.Dimensions) {
		t.Fatalf("dimensions compared for all = %v, want all %d", seen, len(q.Dimensions))
	}

	requirePoppler(t)
	text := strings.Join(strings.Fields(normalise(strings.Join(pdfPages(t, renderPDF(t, r)), "\n"))), " ")
	for _, want := range []string{"Comparaison avec une référence", "Référence : Norme test (2024), valeurs importées par l'intervenant.", "points : signal plus marqué"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}
