package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

// withEnglishCategories gives the test campaign's segment English
// category labels, as a file written {fr: ..., en: ...} would.
func withEnglishCategories() option {
	return withSpec(func(s *vigie.CampaignSpec) {
		s.Segments[0].CategoryLabels = map[string]map[string]string{
			"Encadrement":      {"fr": "Encadrement", "en": "Management"},
			"Assistant social": {"fr": "Assistant social", "en": "Social worker"},
		}
	})
}

// The employee pages follow the browser's languages until the person
// uses the switch.
func TestRespondAcceptLanguage(t *testing.T) {
	for _, tt := range []struct {
		name, header, cookie string
		languages            []string
		want                 string
	}{
		{"EnglishBrowser", "en-GB,en;q=0.9", "", []string{"fr", "en"}, "en"},
		{"WeightedEnglish", "de;q=1, en-US;q=0.8, fr;q=0.5", "", []string{"fr", "en"}, "en"},
		{"FrenchFirst", "fr-FR,fr;q=0.9,en;q=0.8", "", []string{"fr", "en"}, "fr"},
		{"GermanGetsDefault", "de", "", []string{"fr", "en"}, "fr"},
		{"NoHeader", "", "", []string{"fr", "en"}, "fr"},
		{"CampaignInFrenchOnly", "en-GB,en;q=0.9", "", []string{"fr"}, "fr"},
		{"ChoiceWins", "en-GB,en;q=0.9", "fr", []string{"fr", "en"}, "fr"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := MustNewServer(t, withSpec(func(s *vigie.CampaignSpec) { s.Languages = tt.languages }))
			b := ts.browser(t)
			if tt.header != "" {
				b.headers["Accept-Language"] = tt.header
			}
			if tt.cookie != "" {
				// The switch sets the cookie that keeps the choice.
				wantStatus(t, b.get("/r/"+ts.Campaign.Slug+"?lang="+tt.cookie), http.StatusOK)
			}
			p := b.get("/r/" + ts.Campaign.Slug)
			wantStatus(t, p, http.StatusOK)
			if want := `<html lang="` + tt.want + `"`; !strings.Contains(p.Body, want) {
				t.Errorf("page is not in %q (want %s)", tt.want, want)
			}
			if tt.cookie == "" && !strings.Contains(strings.Join(p.Header.Values("Vary"), ","), "Accept-Language") {
				t.Errorf("Vary = %q, want Accept-Language (the page depends on it)", p.Header.Values("Vary"))
			}
		})
	}
}

// Categories are shown in the page's language, while the answer stored is
// the category's French name, so results do not depend on the language.
func TestRespondSegmentsInEnglish(t *testing.T) {
	_, b, base := started(t, withEnglishCategories())
	b.headers["Accept-Language"] = "en-GB,en;q=0.9"
	p := b.get(base + "/segments")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Job", "Management", "Social worker", "Administratif", `value="Encadrement"`)
	if strings.Contains(p.Body, ">Encadrement<") {
		t.Errorf("the English page shows the French category:\n%s", p.Body)
	}
	wantStatus(t, b.post(base+"/segments", url.Values{"s_metier": {"Encadrement"}}), http.StatusSeeOther)
	wantContains(t, b.get(base+"/segments"), `value="Encadrement" checked`)
	wantContains(t, b.get(base+"/review"), "<dt>Job</dt><dd>Management ")

	b.headers["Accept-Language"] = "fr"
	wantContains(t, b.get(base+"/segments"), "Métier", ">Encadrement<")
}
