package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

// TestAdminPortfolio runs the portfolio page: a viewer may not see it; a
// minimum under 5 is refused with the input kept; turning it on and
// including the campaign makes its notice say its results feed a
// reference; freezing with too few organisations is refused on the page.
func TestAdminPortfolio(t *testing.T) {
	as := MustNewAdminServer(t)
	ctx := context.Background()
	wantStatus(t, as.signedIn(t, viewerEmail).get("/admin/portfolio"), http.StatusForbidden)

	b := as.signedIn(t, consultantEmail)
	p := b.get("/admin/portfolio")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Référence du portefeuille", "Aucune version figée.", "exclue", as.Campaign.Title)

	p = b.post("/admin/portfolio/settings", url.Values{"enabled": {"1"}, "minimum": {"4"}})
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "ne peut pas être inférieur à 5", `value="4"`)
	if s, _ := as.Store.PortfolioSettings(ctx); s.Enabled {
		t.Fatal("a refused form turned the portfolio on")
	}

	wantStatus(t, b.post("/admin/portfolio/settings", url.Values{"enabled": {"1"}, "minimum": {"6"}}), http.StatusOK)
	if s, _ := as.Store.PortfolioSettings(ctx); !s.Enabled || s.MinOrganisations != 6 {
		t.Fatalf("settings = %+v, want on with 6", s)
	}
	notice := "/r/" + as.Campaign.Slug + "/notice"
	wantContains(t, as.browser(t).get(notice), "n’alimentent aucune référence commune")
	p = b.post("/admin/portfolio/campaigns/"+as.Campaign.ID, url.Values{"included": {"1"}})
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Campagne incluse dans le portefeuille.")
	wantContains(t, as.browser(t).get(notice), "alimentent aussi une référence anonyme")
	as.wantAudit(t, consultantEmail+" portfolio.include")

	p = b.post("/admin/portfolio/versions", nil)
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "Aucune mesure ne réunit 7 organisations")
}
