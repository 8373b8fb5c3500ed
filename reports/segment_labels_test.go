package reports_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
)

// TestPDFSegmentLabels checks that segment comparisons are titled with the
// segment's label in the report's language, and with its id when the
// caller has no label (offline reports).
func TestPDFSegmentLabels(t *testing.T) {
	requirePoppler(t)
	for _, tt := range []struct {
		name, lang    string
		labels        map[string]string
		want, notWant string
	}{
		{"French", "fr", map[string]string{"metier": "Métier exercé"}, "Segment : Métier exercé", "Segment : metier"},
		{"English", "en", map[string]string{"metier": "Occupation"}, "Segment: Occupation", "Segment: metier"},
		// Without a label (offline), the id is humanised, never raw.
		{"FallbackToID", "fr", nil, "Segment : Metier", "Segment : metier"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := pdfReport(t, tt.lang, dossier.AudienceConsultant, 5)
			r.SegmentLabels = tt.labels
			text := normalise(strings.Join(pdfPages(t, renderPDF(t, r)), "\n"))
			if !strings.Contains(text, tt.want) {
				t.Errorf("text lacks %q", tt.want)
			}
			if strings.Contains(text, tt.notWant) {
				t.Errorf("text has %q", tt.notWant)
			}
		})
	}
}

// TestXLSXSegmentLabels checks that the workbook names a segment by its
// label in the Carte and Dimensions rows, and by its humanised id when no
// label was given.
func TestXLSXSegmentLabels(t *testing.T) {
	for _, tt := range []struct {
		name   string
		labels map[string]string
		want   string
	}{
		{"Label", map[string]string{"metier": "Métier exercé"}, "Métier exercé"},
		{"FallbackToID", map[string]string{"age": "Âge"}, "Metier"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := xlsxFixture(t, dossier.AudienceConsultant)
			r.SegmentLabels = tt.labels
			_, f := xlsxMust(t, r)
			group := "segment:metier=" + xlsxInjectPlus
			carte := xlsxFind(t, xlsxSheetTable(t, f, reports.SheetMap), map[string]string{"Code groupe": group})
			if got, want := carte["Groupe"], tt.want+" = "+xlsxInjectPlus; got != want {
				t.Errorf("Carte label of %s = %q, want %q", group, got, want)
			}
			dims := xlsxFind(t, xlsxSheetTable(t, f, reports.SheetDimensions), map[string]string{"Code groupe": group, "Code dimension": "dim0"})
			if got := dims["Segment"]; got != tt.want {
				t.Errorf("Dimensions segment of %s = %q, want %q", group, got, tt.want)
			}
		})
	}
}
