package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// While a campaign is open, comparing its results before and after one
// submission would give that person's answers: results and reports wait
// for the closing. Pages say so (an ordinary page, not an error), offer
// no report link, and the API answers 409; participation stays live.
func TestResultsWaitForClosing(t *testing.T) {
	as := smallUnitServer(t)
	base := "/admin/campaigns/" + as.Campaign.ID
	_, token := as.token(t, as.Viewer)
	const why = "Les résultats seront disponibles à la clôture de l&#39;enquête"
	figures := regexp.MustCompile(`Carte des unités|<svg|class="heatmap"|répondants à ce questionnaire|Fiabilité`)

	t.Run("Open", func(t *testing.T) {
		for _, email := range []string{consultantEmail, viewerEmail} {
			b := as.signedIn(t, email)
			p := b.get(base + "/results/charge-et-soutien")
			wantStatus(t, p, http.StatusOK)
			wantContains(t, p, why, `href="`+base+`#h-part"`)
			checkAccessible(t, p)
			if m := figures.FindString(p.Body); m != "" {
				t.Errorf("%s: results page of an open campaign shows %q:\n%s", email, m, p.Body)
			}
			if strings.Contains(p.Body, "report.pdf") || strings.Contains(p.Body, "report.xlsx") {
				t.Errorf("%s: results page of an open campaign offers a report", email)
			}
			p = b.get(base)
			wantStatus(t, p, http.StatusOK)
			wantContains(t, p, why, "Direction B") // participation still shown
			if strings.Contains(p.Body, "report.pdf") || strings.Contains(p.Body, "report.xlsx") {
				t.Errorf("%s: page of an open campaign offers a report", email)
			}
			wantStatus(t, b.get(base+"/report.pdf?audience=committee"), http.StatusConflict)
		}
		wantStatus(t, as.signedIn(t, consultantEmail).get(base+"/results/inconnu"), http.StatusNotFound)

		api := "/api/v1/campaigns/" + as.Campaign.ID
		for _, path := range []string{"/results?questionnaire=charge-et-soutien", "/report.pdf", "/report.xlsx"} {
			p := as.api(t, token, http.MethodGet, api+path, "")
			wantStatus(t, p, http.StatusConflict)
			var e struct{ Error string }
			decode(t, p, &e)
			if !strings.Contains(e.Error, "à la clôture") || !strings.Contains(e.Error, "réponses d'une personne") {
				t.Errorf("%s: error = %q, want results at closing, and why", path, e.Error)
			}
		}
		wantStatus(t, as.api(t, token, http.MethodGet, api+"/participation", ""), http.StatusOK)
		for _, e := range as.auditActions(t) {
			if strings.HasSuffix(e, " report.export") || strings.HasSuffix(e, " results.export") {
				t.Errorf("a refused export was logged: %q", e)
			}
		}
	})

	as.closeCampaign(t)
	t.Run("Closed", func(t *testing.T) {
		b := as.signedIn(t, viewerEmail)
		p := b.get(base + "/results/charge-et-soutien")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Carte des unités", "<svg", "report.pdf?audience=committee")
		if strings.Contains(p.Body, why) {
			t.Errorf("results page of a closed campaign still says results come at closing")
		}
		p = b.get(base)
		wantContains(t, p, "report.pdf?audience=committee")
		if strings.Contains(p.Body, why) {
			t.Errorf("page of a closed campaign still says results come at closing")
		}
		p = as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/results?questionnaire=charge-et-soutien", "")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, `"respondents":14`)
	})
}

// Back-office pages and API answers are never cached: results,
// participation, accounts stay out of the browser's cache and proxies'.
func TestBackOfficeNoStore(t *testing.T) {
	as := smallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	pages := map[string]*page{
		"login":             as.browser(t).get("/login"),
		"campaigns":         b.get("/admin"),
		"campaign":          b.get(base),
		"results (pending)": b.get(base + "/results/charge-et-soutien"),
		"admin not found":   b.get("/admin/nulle/part"),
		"api campaigns":     as.api(t, token, http.MethodGet, "/api/v1/campaigns", ""),
		"api participation": as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/participation", ""),
		"api conflict":      as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/results?questionnaire=climat", ""),
		"api unauthorized":  as.api(t, "", http.MethodGet, "/api/v1/campaigns", ""),
		"api not found":     as.api(t, token, http.MethodGet, "/api/v1/nulle/part", ""),
		"api submit":        as.browser(t).postJSON(responsesPath(as.testServer), `{}`),
	}
	for name, p := range pages {
		if got := p.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s (status %d): Cache-Control = %q, want no-store", name, p.Status, got)
		}
	}
	// Static assets keep their long cache.
	if got := b.get("/static/vigie.css").Header.Get("Cache-Control"); got == "no-store" {
		t.Errorf("static asset: Cache-Control = no-store, want it cacheable")
	}
}
