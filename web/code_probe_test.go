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

// typeCode types code on the welcome page.
func typeCode(b *browser, slug, code string) *page {
	return b.post("/r/"+slug+"/code", url.Values{"code": {code}})
}

// TestUsedCodePollingFromOneAddress checks, with the default limits, that
// one address polling used codes is told "used" 10 times, then one more
// every 30 s, and otherwise gets what an unused code gets: on the welcome
// page a session (a decoy, see TestUsedCodeDecoy), from the API a 429,
// which tells nothing an unused code would not (it would be spent). A
// genuine respondent elsewhere is still told plainly.
func TestUsedCodePollingFromOneAddress(t *testing.T) {
	for _, via := range []string{"form", "api"} {
		t.Run(via, func(t *testing.T) {
			clk := &clock{t: now}
			ts := MustNewServer(t, withConfig(func(c *web.Config) { c.Now = clk.Now }))
			slug := ts.Campaign.Slug
			codes := usedCodes(t, ts, 20)
			poller := ts.browser(t)
			told, beyond := http.StatusConflict, http.StatusTooManyRequests
			poll := func(code string) *page { return poller.postJSON(responsesPath(ts), validBody(code)) }
			if via == "form" {
				beyond = http.StatusSeeOther
				poll = func(code string) *page {
					return ts.browser(t).withAddr(poller.addr).post("/r/"+slug+"/code", url.Values{"code": {code}})
				}
			}
			for i, code := range codes {
				p := poll(code)
				switch {
				case i < 10 && p.Status != told:
					t.Fatalf("poll %d: status %d, want %d (the first 10 are told)", i+1, p.Status, told)
				case i >= 10 && p.Status != beyond:
					t.Fatalf("poll %d: status %d, want %d (beyond the limit)", i+1, p.Status, beyond)
				}
			}
			// One more is told every 30 s, not sooner.
			clk.Add(29 * time.Second)
			wantStatus(t, poll(codes[0]), beyond)
			clk.Add(time.Second)
			wantStatus(t, poll(codes[0]), told)
			wantStatus(t, poll(codes[1]), beyond)

			// A genuine respondent, from another address, is told plainly.
			genuine := ts.browser(t).withAddr("203.0.113.50:1234")
			if via == "api" {
				p := genuine.postJSON(responsesPath(ts), validBody(codes[5]))
				wantStatus(t, p, http.StatusConflict)
				wantContains(t, p, "Ce code a déjà servi")
			} else {
				p := typeCode(genuine, slug, codes[5])
				wantStatus(t, p, http.StatusConflict)
				wantContains(t, p, "Ce code a déjà servi\u00a0: vos réponses ont déjà été enregistrées.")
			}
			if n := ts.responseCount(t); n != 20 {
				t.Fatalf("%d responses, want the 20 genuine ones", n)
			}
		})
	}
}

// TestUsedCodeSessionPolling checks that a session opened with a code
// cannot watch, unhindered, for the moment the code serves elsewhere: the
// session is told once that the answers are recorded, which counts, and
// ends; beyond the limit it goes on as a decoy, as if nothing had
// happened, until its submission.
func TestUsedCodeSessionPolling(t *testing.T) {
	ts := MustNewServer(t, withConfig(func(c *web.Config) { c.CodeAttempts = 2 }))
	slug := ts.Campaign.Slug
	codes := ts.MustCodes(t, 3)
	watcher := ts.browser(t)
	owner := ts.browser(t).withAddr("203.0.113.60:1234")
	for _, code := range codes[:2] {
		wantRedirect(t, typeCode(watcher, slug, code), "/unit")
		wantStatus(t, watcher.get("/r/"+slug+"/unit"), http.StatusOK)
		wantStatus(t, owner.postJSON(responsesPath(ts), validBody(code)), http.StatusCreated)

		p := watcher.get("/r/" + slug + "/unit")
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "Vos réponses ont déjà été enregistrées.")
		wantRedirect(t, watcher.get("/r/"+slug+"/unit"), "/r/"+slug+"?expired=1")
	}
	// The two attempts are spent, yet an unused code still opens a
	// session: the limit refuses failures, not people.
	wantRedirect(t, typeCode(watcher, slug, codes[2]), "/unit")
	wantStatus(t, watcher.get("/r/"+slug+"/unit"), http.StatusOK)
	wantStatus(t, owner.postJSON(responsesPath(ts), validBody(codes[2])), http.StatusCreated)
	// Now its use is not told: the session goes on.
	p := watcher.get("/r/" + slug + "/unit")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `name="unit"`)
	loc := walk(t, watcher, "/r/"+slug+"/unit")
	wantStatus(t, watcher.get(loc), http.StatusOK)
	// Only the submission, which would have spent an unused code, tells.
	p = watcher.post("/r/"+slug+"/submit", url.Values{})
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "Vos réponses ont déjà été enregistrées.")
	if n := ts.responseCount(t); n != 3 {
		t.Fatalf("%d responses, want the owner's 3", n)
	}
}

// withAddr sets the browser's client address (host:port).
func (b *browser) withAddr(addr string) *browser {
	b.addr = addr
	return b
}
