package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/web"
)

// usedCodes returns n codes that have served, each submitted through the
// API from its own address (so that no submission counts against another).
func usedCodes(t *testing.T, ts *testServer, n int) []string {
	t.Helper()
	codes := ts.MustCodes(t, n)
	for i, code := range codes {
		b := ts.browser(t)
		b.addr = fmt.Sprintf("198.51.100.%d:4000", i+1)
		wantStatus(t, b.postJSON(responsesPath(ts), validBody(code)), http.StatusCreated)
	}
	return codes
}

// TestUsedCodePollingRateLimited checks that a used code counts against
// the client like an unknown one, with the default limits (10 in a row,
// then one every 30 s): whoever holds many codes cannot poll which have
// served. A genuine respondent from another address still reads that the
// code has served.
func TestUsedCodePollingRateLimited(t *testing.T) {
	for _, via := range []string{"form", "api"} {
		t.Run(via, func(t *testing.T) {
			clk := &clock{t: now}
			ts := MustNewServer(t, withConfig(func(c *web.Config) { c.Now = clk.Now }))
			codes := usedCodes(t, ts, 30)
			poller := ts.browser(t)
			poll := func(code string) *page {
				if via == "api" {
					return poller.postJSON(responsesPath(ts), validBody(code))
				}
				return poller.post("/r/"+ts.Campaign.Slug+"/code", url.Values{"code": {code}})
			}
			for i, code := range codes {
				p := poll(code)
				switch {
				case i < 10 && p.Status != http.StatusConflict:
					t.Fatalf("poll %d: status %d, want 409 (the first 10 answer)", i+1, p.Status)
				case i >= 10 && p.Status != http.StatusTooManyRequests:
					t.Fatalf("poll %d: status %d, want 429 (limited after 10)", i+1, p.Status)
				}
			}
			// One more attempt every 30 s, not sooner.
			clk.Add(29 * time.Second)
			wantStatus(t, poll(codes[0]), http.StatusTooManyRequests)
			clk.Add(time.Second)
			wantStatus(t, poll(codes[0]), http.StatusConflict)
			wantStatus(t, poll(codes[1]), http.StatusTooManyRequests)

			// A genuine respondent, from another address, is told plainly.
			genuine := ts.browser(t)
			genuine.addr = "203.0.113.50:1234"
			if via == "api" {
				p := genuine.postJSON(responsesPath(ts), validBody(codes[5]))
				wantStatus(t, p, http.StatusConflict)
				wantContains(t, p, "Ce code a déjà servi")
			} else {
				p := genuine.post("/r/"+ts.Campaign.Slug+"/code", url.Values{"code": {codes[5]}})
				wantStatus(t, p, http.StatusConflict)
				wantContains(t, p, "Ce code a déjà servi\u00a0: vos réponses ont déjà été enregistrées.")
			}
		})
	}
}

// TestUsedCodeSessionPolling checks that a session opened with a code
// cannot watch, unhindered, for the moment the code serves elsewhere: the
// session answers once that the answers are recorded, counts a failure
// against the client, and ends.
func TestUsedCodeSessionPolling(t *testing.T) {
	ts := MustNewServer(t, withConfig(func(c *web.Config) { c.CodeAttempts = 2 }))
	slug := ts.Campaign.Slug
	codes := ts.MustCodes(t, 3)
	watcher := ts.browser(t)
	for _, code := range codes[:2] {
		wantRedirect(t, watcher.post("/r/"+slug+"/code", url.Values{"code": {code}}), "/unit")
		wantStatus(t, watcher.get("/r/"+slug+"/unit"), http.StatusOK)
		owner := ts.browser(t)
		owner.addr = "203.0.113.60:1234"
		wantStatus(t, owner.postJSON(responsesPath(ts), validBody(code)), http.StatusCreated)

		p := watcher.get("/r/" + slug + "/unit")
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "Vos réponses ont déjà été enregistrées.")
		wantRedirect(t, watcher.get("/r/"+slug+"/unit"), "/r/"+slug+"?expired=1")
	}
	// Two used codes seen through sessions spent the two attempts: the
	// next code, even unused, waits for the limit.
	p := watcher.post("/r/"+slug+"/code", url.Values{"code": {codes[2]}})
	wantStatus(t, p, http.StatusTooManyRequests)
}
