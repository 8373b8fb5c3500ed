package reports_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
)

// guideReport is the PDF fixture with a family and discussion questions on
// the effort dimension, as the built-in instruments have.
func guideReport(tb testing.TB, lang string) *dossier.Report {
	tb.Helper()
	r := pdfReport(tb, lang, dossier.AudienceCommittee, 5)
	effort := r.Sections[0].Questionnaire.Dimension("effort")
	effort.RiskFamily = questionnaires.IntensiteTemps
	effort.Discussion = questionnaires.TextList{
		"fr": {"Quelles tâches s'ajoutent sans que rien ne soit retiré ?", "Qu'est-ce qui crée l'urgence ?", "Qu'est-ce qui aiderait à réguler la charge ?"},
		"en": {"Which tasks are added without anything taken away?", "What creates urgency?", "What would help regulate the workload?"},
	}
	return r
}

// renderGuide renders the guide of unit and returns its pages' text.
func renderGuide(tb testing.TB, r *dossier.Report, unit string) []string {
	tb.Helper()
	requirePoppler(tb)
	var buf bytes.Buffer
	if err := reports.Guide(&buf, r, unit); err != nil {
		tb.Fatalf("Guide(%q): %v", unit, err)
	}
	if os.Getenv("VIGIE_GUIDE_OUT") != "" {
		_ = os.WriteFile(filepath.Join(os.Getenv("VIGIE_GUIDE_OUT"), "guide.pdf"), buf.Bytes(), 0o600)
	}
	return pdfPages(tb, buf.Bytes())
}

func TestGuideForUnit(t *testing.T) {
	pages := renderGuide(t, guideReport(t, "fr"), "Direction des soins/Service d'urgences")
	if n := len(pages); n < 2 || n > 4 {
		t.Errorf("guide has %d pages, want 2 to 4", n)
	}
	text := normalise(strings.Join(pages, "\n"))
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Guide d'échange sur le travail", "Direction des soins/Service d'urgences",
		// The ground rules of a discussion space about work.
		"On parle du travail, pas des personnes", "Ce qui se dit reste dans la salle", "chacune recevra une réponse",
		// The priority first, with its family, standing and questions.
		"« Charge et cœur du métier » — Intensité et temps de travail",
		"c'est un point à discuter en priorité : 45 % des répondants",
		"Quelles tâches s'ajoutent sans que rien ne soit retiré ?",
		// An intermediate topic without questions of its own gets the generic ones.
		"« Reconnaissance reçue »", "la situation est intermédiaire", "Qu'est-ce qui, dans ce travail, ne se voit pas ?",
		// What goes well, with one question.
		"Ce qui va bien", "favorables pour : « Cohérence éthique »", "comment le préserver ?",
		// Room for proposals, and where they go.
		"Les propositions de l'équipe", "Qui peut agir ?", "plan d'action de la campagne", "document unique (DUERP)",
		"Résultats affichés uniquement pour les groupes d'au moins k = 5 personnes",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("guide lacks %q", want)
		}
	}
	if strings.Index(flat, "Charge et cœur du métier") > strings.Index(flat, "Reconnaissance reçue") {
		t.Error("the priority does not come before the intermediate topic")
	}
	// No other group is named, let alone one below k.
	for _, other := range []string{"Equipe Secrete", "Direction Cachee", "Pôle logistique", "Infirmier", "Cadre de santé"} {
		if strings.Contains(flat, other) {
			t.Errorf("guide names another group %q", other)
		}
	}
}

func TestGuideForEveryoneInEnglish(t *testing.T) {
	pages := renderGuide(t, guideReport(t, "en"), "")
	flat := strings.Join(strings.Fields(normalise(strings.Join(pages, "\n"))), " ")
	for _, want := range []string{"Guide for a discussion about work", "All respondents", "Ground rules",
		"“Workload and core of the job” — Work intensity and working time", "What creates urgency?", "The team's proposals"} {
		if !strings.Contains(flat, want) {
			t.Errorf("guide lacks %q", want)
		}
	}
	if strings.Contains(flat, "«") {
		t.Error("English guide uses French guillemets")
	}
}

func TestGuideRefusesUnpublishedGroups(t *testing.T) {
	tests := []struct {
		name, unit, msg string
	}{
		{"BelowK", "Direction des soins/Equipe Secrete", "ce groupe compte moins de 5 répondants"},
		{"Secondary", "Direction Cachee", "masqués pour qu'on ne puisse pas retrouver, par soustraction, un autre groupe de moins de 5 personnes"},
		{"NoResult", "Nulle part", "moins de 5 répondants"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := reports.Guide(&buf, guideReport(t, "fr"), tt.unit)
			if vigie.ErrorCode(err) != vigie.ECONFLICT || !strings.Contains(vigie.ErrorMessage(err), tt.msg) {
				t.Fatalf("Guide(%q) error = %v, want ECONFLICT saying %q", tt.unit, err, tt.msg)
			}
			if buf.Len() != 0 {
				t.Errorf("Guide(%q) wrote %d bytes despite the refusal", tt.unit, buf.Len())
			}
		})
	}
}

func TestGuideDefensiveStrategiesAreCollectiveSignals(t *testing.T) {
	r := pdfSyntheticReport(t, []string{"strategies-defensives"}, "fr", dossier.AudienceCommittee)
	flat := strings.Join(strings.Fields(normalise(strings.Join(renderGuide(t, r, ""), "\n"))), " ")
	if strings.Contains(flat, "zone défavorable") {
		t.Error("the guide reads defensive strategies as « zone défavorable »")
	}
	if strings.Contains(flat, "Signal") && !strings.Contains(flat, "pas un trait des personnes") {
		t.Error("a defensive-strategy topic is not worded as a collective signal")
	}
}

func TestEssentialsAfterCover(t *testing.T) {
	requirePoppler(t)
	r := guideReport(t, "fr")
	n := 146
	r.Respondents = &n
	pages := pdfPages(t, renderPDF(t, r))
	flat := strings.Join(strings.Fields(normalise(pages[1])), " ")
	for _, want := range []string{"L'essentiel", "146 personnes ont répondu sur 182, soit un taux de participation de 80 %",
		"« Charge et cœur du métier » (Intensité et temps de travail) : 45 % des répondants en zone défavorable dans l'ensemble.",
		"Ce que ces résultats ne peuvent pas dire", "moins de 5 personnes", "Ce n'est ni un diagnostic"} {
		if !strings.Contains(flat, want) {
			t.Errorf("page 2 lacks %q:\n%s", want, pages[1])
		}
	}
	if strings.Contains(flat, "Equipe Secrete") || strings.Contains(flat, "Direction Cachee") {
		t.Error("L'essentiel names a suppressed group")
	}
}
