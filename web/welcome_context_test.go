package web_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

// TestRespondWelcomeContext checks that the entry page says who runs the
// survey and why when the campaign says so, in the page's language with
// French as fallback, and keeps the generic sentence otherwise.
func TestRespondWelcomeContext(t *testing.T) {
	const generic = "Un intervenant en santé au travail, indépendant de votre hiérarchie, mène cette enquête pour l’organisation Service social régional afin de"

	t.Run("Absent", func(t *testing.T) {
		ts := MustNewServer(t)
		p := ts.browser(t).get("/r/" + ts.Campaign.Slug)
		wantStatus(t, p, 200)
		wantContains(t, p, generic)
		if strings.Contains(p.Body, `id="conducted-by"`) || strings.Contains(p.Body, `id="purpose"`) {
			t.Fatal("a campaign without conducted_by or purpose shows them")
		}
	})

	ts := MustNewServer(t, withSpec(func(s *vigie.CampaignSpec) {
		s.ConductedBy = map[string]string{"fr": "Cabinet Dyadesens, à la demande du CSE <b>", "en": "Dyadesens, at the request of the CSE"}
		s.Purpose = map[string]string{"fr": "Comprendre les outils numériques.\n\nLes résultats seront discutés en groupes de travail."}
	}))
	b := ts.browser(t)

	t.Run("French", func(t *testing.T) {
		p := b.get("/r/" + ts.Campaign.Slug + "?lang=fr")
		wantContains(t, p, `<p id="conducted-by"><strong>Qui mène l’enquête :</strong> <span>Cabinet Dyadesens, à la demande du CSE &lt;b&gt;</span></p>`,
			`<div id="purpose"><p>Comprendre les outils numériques.</p><p>Les résultats seront discutés en groupes de travail.</p></div>`,
			"Répondre est volontaire.")
		if strings.Contains(p.Body, generic) {
			t.Fatal("the generic sentence is shown along with the campaign's own")
		}
	})

	t.Run("EnglishWithFrenchFallback", func(t *testing.T) {
		p := b.get("/r/" + ts.Campaign.Slug + "?lang=en")
		wantContains(t, p, `<strong>Who runs this survey:</strong> <span>Dyadesens, at the request of the CSE</span>`,
			`<div id="purpose" lang="fr"><p>Comprendre les outils numériques.</p>`, "Answering is voluntary.")
	})

	t.Run("PurposeOnly", func(t *testing.T) {
		ts := MustNewServer(t, withSpec(func(s *vigie.CampaignSpec) {
			s.Purpose = map[string]string{"fr": "Préparer le plan de prévention."}
		}))
		p := ts.browser(t).get("/r/" + ts.Campaign.Slug)
		wantContains(t, p, "Un intervenant en santé au travail, indépendant de votre hiérarchie, mène cette enquête pour l’organisation Service social régional.",
			"<p>Préparer le plan de prévention.</p>")
	})
}
