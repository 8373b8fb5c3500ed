package reports_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
)

// TestShortCommitteeReport pins the committee's short report: about ten
// pages with every built-in questionnaire (the full one runs to several
// times that), with its five parts and none of the full report's others.
func TestShortCommitteeReport(t *testing.T) {
	requirePoppler(t)
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			r := pdfSyntheticReport(t, allBuiltin, lang, dossier.AudienceCommittee)
			r.DUERP = syntheticDUERP(r)
			full := len(pdfPages(t, renderPDF(t, r)))
			r.Short = true
			pages := pdfPages(t, renderPDF(t, r))
			if n := len(pages); n < 5 || n > 12 || n*2 > full {
				t.Errorf("short report: %d pages, want 5 to 12 and at most half the full report's %d", n, full)
			}
			text := normalise(strings.Join(pages, "\n"))
			want := []string{"L'essentiel", "Participation", "Carte des unités", "Priorités", "Méthode et limites",
				"Instances (CSE, CSSCT, médecin du travail) : version courte"}
			not := []string{"Sommaire", "Annexe", "Document unique", "Glossaire", "Moyennes par dimension"}
			if lang == "en" {
				want = []string{"Key points", "Participation", "Map of units", "Priorities", "Method and limits", "short version"}
				not = []string{"Contents", "Annex", "Glossary"}
			}
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("short report lacks %q", w)
				}
			}
			for _, w := range not {
				if strings.Contains(text, w) {
					t.Errorf("short report has %q, a part of the full report", w)
				}
			}
		})
	}
}
