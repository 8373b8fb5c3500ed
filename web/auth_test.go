package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/web"
)

// sessionCookie returns the back-office session cookie an answer sets.
func sessionCookie(p *page) *http.Cookie {
	for _, ck := range (&http.Response{Header: p.Header}).Cookies() {
		if ck.Name == "vigie_s" {
			return ck
		}
	}
	return nil
}

func TestLogin(t *testing.T) {
	as := MustNewAdminServer(t)

	t.Run("AnonymousSentToLogin", func(t *testing.T) {
		p := as.browser(t).get("/admin/campaigns/" + as.Campaign.ID)
		wantRedirect(t, p, "/login?next=%2Fadmin%2Fcampaigns%2F"+as.Campaign.ID)
	})

	t.Run("Success", func(t *testing.T) {
		b := as.browser(t)
		p := b.get("/login")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, `name="email"`, `type="password"`)
		p = b.post("/login", url.Values{"email": {"  CONSEIL@cabinet.test "}, "password": {testPassword}, "next": {"/admin/audit"}})
		wantRedirect(t, p, "/admin/audit")
		ck := sessionCookie(p)
		if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
			t.Fatalf("session cookie = %+v, want HttpOnly, SameSite=Lax, Path=/", ck)
		}
		if ck.Secure {
			t.Errorf("cookie Secure over plain HTTP without the Secure setting")
		}
		p = b.get("/admin")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, consultantEmail, as.Campaign.Title)
		as.wantAudit(t, consultantEmail+" login")
	})

	t.Run("NextNeverLeavesTheSite", func(t *testing.T) {
		for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example"} {
			p := as.browser(t).post("/login", url.Values{"email": {consultantEmail}, "password": {testPassword}, "next": {next}})
			if p.Location != "/admin" {
				t.Errorf("next %q: redirected to %q, want /admin", next, p.Location)
			}
		}
	})

	t.Run("Failure", func(t *testing.T) {
		for _, form := range []url.Values{
			{"email": {consultantEmail}, "password": {"mauvais mot de passe"}},
			{"email": {"inconnu@nulle.part"}, "password": {testPassword}},
		} {
			b := as.browser(t)
			p := b.post("/login", form)
			wantStatus(t, p, http.StatusUnauthorized)
			wantContains(t, p, "Adresse ou mot de passe incorrect.")
			if strings.Contains(p.Body, form.Get("password")) {
				t.Errorf("the page repeats the password")
			}
			if ck := sessionCookie(p); ck != nil && ck.MaxAge >= 0 {
				t.Errorf("a failed login set a session cookie %+v", ck)
			}
			wantRedirect(t, b.get("/admin"), "/login?next=%2Fadmin")
		}
		as.wantAudit(t, consultantEmail+" login.failure")
		as.wantAudit(t, "inconnu@nulle.part login.failure")
		entries, _ := as.Store.AuditLog(t.Context(), 0, "")
		for _, e := range entries {
			if strings.Contains(e.Detail, "mauvais") || strings.Contains(e.Target, "mauvais") {
				t.Errorf("the audit log holds the password: %+v", e)
			}
		}
	})

	t.Run("SessionRenewedAtLogin", func(t *testing.T) {
		b := as.browser(t)
		// A token planted before login (fixation) must not survive it.
		first := b.post("/login", url.Values{"email": {viewerEmail}, "password": {testPassword}})
		before := sessionCookie(first)
		if before == nil {
			t.Fatal("no session cookie at login")
		}
		p := b.post("/login", url.Values{"email": {consultantEmail}, "password": {testPassword}})
		after := sessionCookie(p)
		if after == nil || after.Value == before.Value {
			t.Fatalf("session token not renewed at login: before %v after %v", before, after)
		}
		// The old token is dead.
		old := as.browser(t)
		old.jar.SetCookies(mustURL(baseURL), []*http.Cookie{{Name: "vigie_s", Value: before.Value, Path: "/"}})
		wantRedirect(t, old.get("/admin"), "/login?next=%2Fadmin")
	})

	t.Run("Logout", func(t *testing.T) {
		b := as.signedIn(t, consultantEmail)
		wantStatus(t, b.get("/admin"), http.StatusOK)
		p := b.post("/logout", nil)
		wantRedirect(t, p, "/login")
		if ck := sessionCookie(p); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("logout did not clear the cookie: %+v", ck)
		}
		wantRedirect(t, b.get("/admin"), "/login?next=%2Fadmin")
		as.wantAudit(t, consultantEmail+" logout")
	})

	// A request signed with an API token has no session loaded: logging
	// out used to panic (500). It ends no token.
	t.Run("LogoutWithToken", func(t *testing.T) {
		_, token := as.token(t, as.Consultant)
		wantRedirect(t, as.api(t, token, http.MethodPost, "/logout", ""), "/login")
		wantStatus(t, as.api(t, token, http.MethodGet, "/api/v1/campaigns", ""), http.StatusOK)
	})
}

func TestLoginSecureCookie(t *testing.T) {
	as := MustNewAdminServer(t, withConfig(func(c *web.Config) { c.Secure = true }))
	p := as.browser(t).post("/login", url.Values{"email": {consultantEmail}, "password": {testPassword}})
	if ck := sessionCookie(p); ck == nil || !ck.Secure {
		t.Fatalf("cookie = %+v, want Secure", ck)
	}
}

func TestLoginRateLimited(t *testing.T) {
	clock := now
	as := MustNewAdminServer(t, withConfig(func(c *web.Config) {
		c.Now = func() time.Time { return clock }
		c.Admin.LoginAttempts = 3
		c.Admin.LoginAttemptPeriod = time.Minute
	}))
	b := as.browser(t)
	bad := url.Values{"email": {consultantEmail}, "password": {"mauvais mot de passe"}}
	for i := range 3 {
		if p := b.post("/login", bad); p.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d, want 401", i+1, p.Status)
		}
	}
	p := b.post("/login", bad)
	wantStatus(t, p, http.StatusTooManyRequests)
	wantContains(t, p, "Trop de tentatives de connexion")

	// Even the right password waits: the limiter does not tell.
	p = b.post("/login", url.Values{"email": {consultantEmail}, "password": {testPassword}})
	wantStatus(t, p, http.StatusTooManyRequests)

	// The owner at another address is not locked out by these failures...
	other := as.browser(t)
	other.addr = "198.51.100.7:1234"
	wantRedirect(t, other.post("/login", url.Values{"email": {consultantEmail}, "password": {testPassword}}), "/admin")
	// ...and the guesser's address may still sign in to another account.
	wantRedirect(t, as.browser(t).post("/login", url.Values{"email": {viewerEmail}, "password": {testPassword}}), "/admin")

	// A minute later one attempt is allowed again.
	clock = clock.Add(61 * time.Second)
	wantRedirect(t, b.post("/login", url.Values{"email": {consultantEmail}, "password": {testPassword}}), "/admin")
	as.wantAudit(t, consultantEmail+" login.throttled")
}

func TestBackOfficeCrossSitePostRefused(t *testing.T) {
	as := MustNewAdminServer(t, withState("draft"))
	b := as.signedIn(t, consultantEmail)
	b.headers["Sec-Fetch-Site"] = "cross-site"
	p := b.post("/admin/campaigns/"+as.Campaign.ID+"/open", confirmed)
	wantStatus(t, p, http.StatusForbidden)
	camp, _ := as.Store.Campaign(t.Context(), as.Campaign.ID)
	if camp.State != "draft" {
		t.Fatalf("a cross-site POST opened the campaign")
	}
	b.headers["Sec-Fetch-Site"] = "same-origin"
	wantRedirect(t, b.post("/admin/campaigns/"+as.Campaign.ID+"/open", confirmed), "/admin/campaigns/"+as.Campaign.ID)
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
