package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestAccountsFromTheBrowser(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	camp := "/admin/campaigns/" + as.Campaign.ID

	p := b.get("/admin/users")
	if p.Status != http.StatusOK {
		t.Log(as.Logs.String())
	}
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, consultantEmail+" (vous)", viewerEmail, as.Campaign.Title, "Toutes")
	viewer := as.signedIn(t, viewerEmail)
	wantStatus(t, viewer.get("/admin/users"), http.StatusForbidden)
	wantStatus(t, viewer.post("/admin/users", url.Values{"email": {"x@y.test"}, "role": {"viewer"}}), http.StatusForbidden)

	password := regexp.MustCompile(`<code class="password">([^<]+)</code>`)
	t.Run("CreateViewer", func(t *testing.T) {
		p := b.post("/admin/users", url.Values{"email": {"Membre.CSE@client.test"}, "role": {"viewer"}})
		wantStatus(t, p, http.StatusOK)
		m := password.FindStringSubmatch(p.Body)
		if m == nil {
			t.Fatalf("no generated password shown:\n%s", p.Body)
		}
		// The generated password signs in, once the campaign is granted.
		nb := as.browser(t)
		wantRedirect(t, nb.post("/login", url.Values{"email": {"membre.cse@client.test"}, "password": {m[1]}}), "/admin")
		wantStatus(t, nb.get(camp), http.StatusForbidden)
		u, err := as.Store.UserByEmail(t.Context(), "membre.cse@client.test")
		if err != nil {
			t.Fatalf("UserByEmail: %v", err)
		}
		wantRedirect(t, b.post("/admin/users/"+u.ID+"/grants", url.Values{"campaign": {as.Campaign.ID}}), "/admin/users")
		wantStatus(t, nb.get(camp), http.StatusOK)
		if strings.Contains(b.get("/admin/users").Body, m[1]) {
			t.Errorf("the password is shown again")
		}
		wantRedirect(t, b.post(camp+"/viewers/"+u.ID+"/revoke", url.Values{"back": {"users"}}), "/admin/users")
		wantStatus(t, nb.get(camp), http.StatusForbidden)
	})
	t.Run("CreateConsultant", func(t *testing.T) {
		p := b.post("/admin/users", url.Values{"email": {"collegue@cabinet.test"}, "role": {"consultant"}})
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Compte consultant créé pour collegue@cabinet.test")
	})
	t.Run("Refused", func(t *testing.T) {
		for _, c := range []struct {
			form url.Values
			want string
		}{
			{url.Values{"email": {"pas-une-adresse"}, "role": {"viewer"}}, "pas valide"},
			{url.Values{"email": {viewerEmail}, "role": {"viewer"}}, "existe déjà"},
			{url.Values{"email": {"z@z.test"}}, "Choisissez le rôle"},
		} {
			p := b.post("/admin/users", c.form)
			wantStatus(t, p, http.StatusBadRequest)
			wantContains(t, p, c.want, `value="`+c.form.Get("email")+`"`)
		}
		wantStatus(t, b.post("/admin/users/"+as.Consultant.ID+"/password", nil), http.StatusBadRequest)
		wantStatus(t, b.post("/admin/users/u_nobody/password", nil), http.StatusNotFound)
	})
	t.Run("ResetPassword", func(t *testing.T) {
		p := b.post("/admin/users/"+as.Viewer.ID+"/password", nil)
		wantStatus(t, p, http.StatusOK)
		m := password.FindStringSubmatch(p.Body)
		if m == nil {
			t.Fatalf("no new password shown")
		}
		// The viewer's open session is over; the old password no longer works.
		wantRedirect(t, viewer.get(camp), "/login?next="+url.QueryEscape(camp))
		nb := as.browser(t)
		wantStatus(t, nb.post("/login", url.Values{"email": {viewerEmail}, "password": {testPassword}}), http.StatusUnauthorized)
		wantRedirect(t, nb.post("/login", url.Values{"email": {viewerEmail}, "password": {m[1]}}), "/admin")
	})
	t.Run("RevokeFromCampaignPage", func(t *testing.T) {
		wantContains(t, b.get(camp), "/viewers/"+as.Viewer.ID+"/revoke")
		wantRedirect(t, b.post(camp+"/viewers/"+as.Viewer.ID+"/revoke", nil), camp)
		wantStatus(t, b.post(camp+"/viewers/"+as.Viewer.ID+"/revoke", nil), http.StatusNotFound)
	})
	for _, a := range []string{"user.create", "user.password_reset", "viewer.grant", "viewer.revoke"} {
		as.wantAudit(t, consultantEmail+" "+a)
	}
}
