package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	ts := MustNewServer(t)
	code := ts.MustCodes(t, 1)[0]
	b := ts.browser(t)
	pages := map[string]*page{
		"welcome":   b.get("/r/" + ts.Campaign.Slug),
		"step":      b.post("/r/"+ts.Campaign.Slug+"/code", url.Values{"code": {code}}),
		"not found": b.get("/nulle/part"),
		"static":    b.get("/static/vigie.css"),
		"api":       b.postJSON(responsesPath(ts), `{}`),
	}
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Referrer-Policy":        "no-referrer",
	}
	for name, p := range pages {
		for h, v := range want {
			if got := p.Header.Get(h); got != v {
				t.Errorf("%s: %s = %q, want %q", name, h, got, v)
			}
		}
		csp := p.Header.Get("Content-Security-Policy")
		for _, part := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self'", "style-src 'self'"} {
			if !strings.Contains(csp, part) {
				t.Errorf("%s: CSP %q lacks %q", name, csp, part)
			}
		}
		if strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP allows inline code: %q", name, csp)
		}
	}
}

func TestNoInlineScriptOrStyle(t *testing.T) {
	ts, b, base := started(t)
	for _, path := range []string{"/r/" + ts.Campaign.Slug, base + "/unit", base + "/segments", base + "/q/charge-et-soutien/charge",
		base + "/comment/charge-et-soutien", base + "/review"} {
		p := b.get(path)
		wantStatus(t, p, http.StatusOK)
		if regexp.MustCompile(`<script>|<script [^>]*>[^<]|<style|style="|\son[a-z]+="`).MatchString(p.Body) {
			t.Fatalf("%s has inline script or style:\n%s", path, p.Body)
		}
	}
}

func TestCrossSitePostRefused(t *testing.T) {
	ts := MustNewServer(t)
	code := ts.MustCodes(t, 1)[0]
	tests := []struct {
		name    string
		headers map[string]string
	}{
		{"SecFetchSiteCrossSite", map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"SecFetchSiteSameSite", map[string]string{"Sec-Fetch-Site": "same-site"}},
		{"OriginMismatch", map[string]string{"Origin": "https://evil.example"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ts.browser(t)
			b.headers = tt.headers
			p := b.post("/r/"+ts.Campaign.Slug+"/code", url.Values{"code": {code}})
			wantStatus(t, p, http.StatusForbidden)
			wantContains(t, p, "vient d’un autre site")
			p = b.postJSON(responsesPath(ts), validBody(code))
			wantStatus(t, p, http.StatusForbidden)
			if !strings.Contains(p.Body, `"error"`) {
				t.Fatalf("API refusal is not JSON: %s", p.Body)
			}
		})
	}
	if n := ts.responseCount(t); n != 0 {
		t.Fatalf("%d responses stored by cross-site posts, want 0", n)
	}
	// The same post from the site itself, or from a script without browser headers, passes.
	b := ts.browser(t)
	b.headers = map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": baseURL}
	wantStatus(t, b.post("/r/"+ts.Campaign.Slug+"/code", url.Values{"code": {code}}), http.StatusSeeOther)
	wantStatus(t, ts.browser(t).postJSON(responsesPath(ts), validBody(code)), http.StatusCreated)
}

// requestLines returns the request log lines of logs.
func requestLines(logs string) []string {
	var out []string
	for _, l := range strings.Split(logs, "\n") {
		if strings.Contains(l, "msg=request") {
			out = append(out, l)
		}
	}
	return out
}

// The request log carries no client detail; an employee's answering
// leaves no line at all (its time would date the answer to the second)
// unless the server failed; the back office keeps its lines.
func TestRequestLogHasNoClientDetails(t *testing.T) {
	as := MustNewAdminServer(t)
	code := as.MustCodes(t, 2)[0]
	b := as.browser(t)
	b.addr = "192.0.2.77:31337"
	b.headers = map[string]string{
		"User-Agent":      "SecretBrowser/1.0",
		"Referer":         "https://intranet.example/page-secrete",
		"X-Forwarded-For": "198.51.100.23",
	}
	secrets := []string{"192.0.2.77", "31337", "198.51.100.23", "SecretBrowser", "intranet", "page-secrete",
		code, strings.ReplaceAll(code, "-", ""), as.Campaign.Slug, as.Campaign.ID, "lang=", "x=1", "nulle"}

	t.Run("RespondentNoLine", func(t *testing.T) {
		wantStatus(t, b.get("/r/"+as.Campaign.Slug+"?code="+code+"&lang=fr"), http.StatusOK)
		wantStatus(t, b.post("/r/"+as.Campaign.Slug+"/code", url.Values{"code": {code}}), http.StatusSeeOther)
		b.get("/r/" + as.Campaign.Slug + "/review")
		b.get("/r/" + as.Campaign.Slug + "/nulle-part?x=1")
		wantStatus(t, b.postJSON(responsesPath(as.testServer), validBody(code)), http.StatusCreated)
		wantStatus(t, b.postJSON(responsesPath(as.testServer), validBody(code)), http.StatusConflict)
		if lines := requestLines(as.Logs.String()); len(lines) != 0 {
			t.Fatalf("answering logged %d request lines, want none:\n%s", len(lines), strings.Join(lines, "\n"))
		}
	})

	t.Run("BackOfficeLines", func(t *testing.T) {
		b.get("/login?x=1")
		b.post("/login", url.Values{"email": {consultantEmail}, "password": {testPassword}})
		b.get("/admin/campaigns/" + as.Campaign.ID + "?lang=fr")
		b.get("/nulle/part?x=1")
		logs := strings.Join(requestLines(as.Logs.String()), "\n")
		for _, want := range []string{"route=/login ", "route=/admin/campaigns/:id ", "route=\"(no route)\"", "status=303", "status=404", "latency=", "method=POST"} {
			if !strings.Contains(logs, want) {
				t.Errorf("back-office log lacks %q:\n%s", want, logs)
			}
		}
		for _, secret := range secrets {
			if strings.Contains(logs, secret) {
				t.Errorf("log contains %q:\n%s", secret, logs)
			}
		}
	})

	t.Run("RespondentServerError", func(t *testing.T) {
		before := len(requestLines(as.Logs.String()))
		as.Store.Close() // every answering step now fails on the server's side
		p := b.post("/r/"+as.Campaign.Slug+"/code?x=1", url.Values{"code": {code}})
		if p.Status < 500 {
			t.Fatalf("status = %d with the database closed, want 5xx", p.Status)
		}
		lines := requestLines(as.Logs.String())[before:]
		if len(lines) != 1 || !strings.Contains(lines[0], "route=/r/:slug/code ") || !strings.Contains(lines[0], "status=5") {
			t.Fatalf("request lines after a server error = %q, want one with the route and the 5xx status", lines)
		}
		for _, secret := range secrets {
			if strings.Contains(lines[0], secret) {
				t.Errorf("log line contains %q: %s", secret, lines[0])
			}
		}
	})
}

func TestStaticAssets(t *testing.T) {
	ts := MustNewServer(t)
	b := ts.browser(t)
	welcome := b.get("/r/" + ts.Campaign.Slug)
	m := regexp.MustCompile(`href="(/static/vigie\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(welcome.Body)
	if m == nil {
		t.Fatalf("no versioned stylesheet link in:\n%s", welcome.Body)
	}
	p := b.get(m[1])
	wantStatus(t, p, http.StatusOK)
	if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Fatalf("Content-Type = %q, want text/css", ct)
	}
	if cc := p.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") {
		t.Fatalf("Cache-Control = %q, want a long max-age", cc)
	}
	b.headers["If-None-Match"] = p.Header.Get("ETag")
	wantStatus(t, b.get(m[1]), http.StatusNotModified)
	delete(b.headers, "If-None-Match")
	wantStatus(t, b.get("/static/vigie.js"), http.StatusOK)
	wantStatus(t, b.get("/static/../templates/layout.html"), http.StatusNotFound)
	wantStatus(t, b.get("/static/absent.css"), http.StatusNotFound)
}

func TestNotFound(t *testing.T) {
	ts := MustNewServer(t)
	b := ts.browser(t)
	p := b.get("/nulle/part")
	wantStatus(t, p, http.StatusNotFound)
	checkAccessible(t, p)
	p = b.get("/api/v1/nulle/part")
	wantStatus(t, p, http.StatusNotFound)
	if !strings.Contains(p.Body, `"error"`) {
		t.Fatalf("API 404 is not JSON: %s", p.Body)
	}
}
