package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

func TestEndDateForm(t *testing.T) {
	as := MustNewAdminServer(t) // now is 2 February 2027
	b := as.signedIn(t, consultantEmail)

	t.Run("ErrPast", func(t *testing.T) {
		f := campaignFields()
		f.Set("end_date", "2027-02-01")
		body, ctype := multipartBody(t, f, nil)
		p := b.do(http.MethodPost, "/admin/campaigns", body, ctype)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "La date de fin est déjà passée", `value="2027-02-01"`)
	})
	t.Run("ErrNotADate", func(t *testing.T) {
		f := campaignFields()
		f.Set("end_date", "demain")
		body, ctype := multipartBody(t, f, nil)
		p := b.do(http.MethodPost, "/admin/campaigns", body, ctype)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "La date de fin « demain » n&#39;est pas une date")
	})

	f := campaignFields()
	f.Set("end_date", "2027-03-01") // today is fine too, but a later day reads better
	body, ctype := multipartBody(t, f, nil)
	loc := wantRedirect(t, b.do(http.MethodPost, "/admin/campaigns", body, ctype), "")
	p := b.get(loc)
	wantContains(t, p, "réponses jusqu’au 1er\u00a0mars\u00a02027 inclus")
	wantContains(t, b.get(loc+"/edit"), `type="date" id="end_date" name="end_date" value="2027-03-01"`)
}

func TestEndDateShownToEmployees(t *testing.T) {
	spec := withSpec(func(s *vigie.CampaignSpec) { s.EndDate = "2027-02-15" })
	as := MustNewAdminServer(t, spec)
	b := as.browser(t)
	slug := "/r/" + as.Campaign.Slug
	wantContains(t, b.get(slug), `id="end-date"`, "Vous pouvez répondre jusqu’au 15\u00a0février\u00a02027 inclus.")
	wantContains(t, b.get(slug+"?lang=en"), "You can answer until 15\u00a0February\u00a02027 inclusive.")

	t.Run("Closed", func(t *testing.T) {
		// A new server: the one above keeps the open campaign in its cache
		// for a few seconds.
		as := MustNewAdminServer(t, spec, withState(vigie.StateClosed))
		p := as.browser(t).get("/r/" + as.Campaign.Slug)
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "Cette enquête est close", "Les réponses étaient acceptées jusqu’au 15\u00a0février\u00a02027 inclus.")
	})
	t.Run("NotYetOpen", func(t *testing.T) {
		as := MustNewAdminServer(t, spec, withState(vigie.StateDraft))
		p := as.browser(t).get("/r/" + as.Campaign.Slug)
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "pas encore ouverte", "Elle sera ouverte aux réponses jusqu’au 15\u00a0février\u00a02027 inclus.")
	})
}

func TestSlipLandingShowsTheCodeFirst(t *testing.T) {
	as := MustNewAdminServer(t)
	slug := "/r/" + as.Campaign.Slug
	p := as.browser(t).get(slug + "?code=K7QM-3XPA-HW9D")
	wantStatus(t, p, http.StatusOK)
	form, anon := strings.Index(p.Body, `value="K7QM-3XPA-HW9D"`), strings.Index(p.Body, `id="anon"`)
	if form < 0 || anon < 0 || form > anon {
		t.Errorf("with ?code=, the code form should come before the explanations (form at %d, anonymity at %d)", form, anon)
	}
	if strings.Count(p.Body, `id="code"`) != 1 {
		t.Errorf("the code form appears %d times, want once", strings.Count(p.Body, `id="code"`))
	}
	p = as.browser(t).get(slug)
	if form, anon := strings.Index(p.Body, `id="code"`), strings.Index(p.Body, `id="anon"`); form < anon {
		t.Errorf("without a code, the form should follow the explanations")
	}
}
