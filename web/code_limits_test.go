package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/web"
)

// TestColleagueCodeAfterTypos checks that the limit refuses failures, not
// people: once one person behind an office's address has typed 10 wrong
// codes, more wrong codes get 429, and a colleague's valid code, from the
// same address, goes through, on the welcome page and through the API.
func TestColleagueCodeAfterTypos(t *testing.T) {
	ts := MustNewServer(t)
	slug := ts.Campaign.Slug
	codes := ts.MustCodes(t, 2)
	const office = "192.0.2.77:3000"
	typist := ts.browser(t).withAddr(office)
	for i := range 10 {
		if p := typeCode(typist, slug, "ABCD-EFGH-JKLM"); p.Status != http.StatusForbidden {
			t.Fatalf("wrong code %d: status %d, want 403", i+1, p.Status)
		}
	}
	p := typeCode(typist, slug, "ABCD-EFGH-JKLM")
	wantStatus(t, p, http.StatusTooManyRequests)
	wantContains(t, p, "Trop de codes erronés")
	wantStatus(t, typist.postJSON(responsesPath(ts), validBody("ABCD-EFGH-JKLM")), http.StatusTooManyRequests)

	colleague := ts.browser(t).withAddr(office)
	wantRedirect(t, typeCode(colleague, slug, codes[0]), "/unit")
	walk(t, colleague, "/r/"+slug+"/unit")
	submit(t, colleague, slug)
	wantStatus(t, ts.browser(t).withAddr(office).postJSON(responsesPath(ts), validBody(codes[1])), http.StatusCreated)
	if n := ts.responseCount(t); n != 2 {
		t.Fatalf("%d responses, want the colleagues' 2", n)
	}
}

// TestUsedCodeCampaignCeiling checks that many addresses buy a poller
// nothing: with one used code per address, the campaign tells "used" 30
// times, then one more every 5 minutes; beyond, the welcome page answers
// a used code as it answers an unused one, and the API 429. Unused codes
// go through all along.
func TestUsedCodeCampaignCeiling(t *testing.T) {
	clk := &clock{t: now}
	ts := MustNewServer(t, withConfig(func(c *web.Config) { c.Now = clk.Now }))
	slug := ts.Campaign.Slug
	used := usedCodes(t, ts, 35)
	fresh := ts.MustCodes(t, 3)
	n := 0
	from := func() *browser { // a new address each time
		n++
		return ts.browser(t).withAddr(fmt.Sprintf("10.%d.%d.1:5000", n/250, n%250))
	}
	for i, code := range used {
		p := typeCode(from(), slug, code)
		switch {
		case i < 30 && p.Status != http.StatusConflict:
			t.Fatalf("used code %d: status %d, want 409 (told)", i+1, p.Status)
		case i >= 30 && (p.Status != http.StatusSeeOther || !regexp.MustCompile(`/unit$`).MatchString(p.Location)):
			t.Fatalf("used code %d: %d to %q, want 303 to …/unit (as an unused code)", i+1, p.Status, p.Location)
		}
	}
	p := from().postJSON(responsesPath(ts), validBody(used[0]))
	wantStatus(t, p, http.StatusTooManyRequests)
	wantRedirect(t, typeCode(from(), slug, fresh[0]), "/unit")
	wantStatus(t, from().postJSON(responsesPath(ts), validBody(fresh[1])), http.StatusCreated)

	clk.Add(5*time.Minute - time.Second)
	wantRedirect(t, typeCode(from(), slug, used[0]), "/unit")
	clk.Add(time.Second)
	wantStatus(t, typeCode(from(), slug, used[0]), http.StatusConflict)
	wantRedirect(t, typeCode(from(), slug, used[1]), "/unit")
	if got := ts.responseCount(t); got != 36 {
		t.Fatalf("%d responses, want 36", got)
	}
}

// TestUsedCodeDecoy checks that, beyond the limits, a poller cannot tell
// a used code from an unused one before submitting, which for an unused
// code would spend it: the same redirect, the same cookie, the same pages
// and redirects step by step. The submission tells, nothing is stored, and
// the decoy's answers never reach the database.
func TestUsedCodeDecoy(t *testing.T) {
	ts := MustNewServer(t, withConfig(func(c *web.Config) { c.UsedCodeAnswers = 1 }))
	slug := ts.Campaign.Slug
	used := usedCodes(t, ts, 2)
	fresh := ts.MustCodes(t, 1)[0]
	wantStatus(t, typeCode(ts.browser(t), slug, used[0]), http.StatusConflict) // the campaign's one

	decoy := ts.browser(t).withAddr("203.0.113.1:1000")
	real := ts.browser(t).withAddr("203.0.113.2:1000")
	same := func(what string, d, r *page) {
		t.Helper()
		if d.Status != r.Status || d.Location != r.Location || d.Body != r.Body || cookieShape(d) != cookieShape(r) {
			t.Fatalf("%s: the used code's answer differs from the unused one's:\nused:   %d %q %q\n%s\nunused: %d %q %q\n%s",
				what, d.Status, d.Location, cookieShape(d), d.Body, r.Status, r.Location, cookieShape(r), r.Body)
		}
	}
	d, r := typeCode(decoy, slug, used[1]), typeCode(real, slug, fresh)
	same("code", d, r)
	loc := r.Location
	for range 20 {
		same("GET "+loc, decoy.get(loc), real.get(loc))
		if regexp.MustCompile(`/review$`).MatchString(loc) {
			break
		}
		d, r = decoy.post(loc, stepForm(loc)), real.post(loc, stepForm(loc))
		same("POST "+loc, d, r)
		loc = r.Location
	}
	if n, err := ts.Store.DraftCount(t.Context(), ts.Campaign.ID); err != nil || n != 1 {
		t.Fatalf("%d drafts (%v), want the unused code's only", n, err)
	}
	submit(t, real, slug)
	p := decoy.post("/r/"+slug+"/submit", url.Values{})
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "Vos réponses ont déjà été enregistrées.")
	if n := ts.responseCount(t); n != 3 {
		t.Fatalf("%d responses, want 3 (2 before, the unused code's)", n)
	}

	// A code that fixes the unit skips that step, used or not.
	unitCodes := ts.MustCodes(t, 2, "Direction A", "Service 1")
	body := strings.Replace(validBody(unitCodes[0]), "Service 2", "Service 1", 1)
	wantStatus(t, ts.browser(t).withAddr("198.51.100.200:1000").postJSON(responsesPath(ts), body), http.StatusCreated)
	d = typeCode(ts.browser(t).withAddr("203.0.113.3:1000"), slug, unitCodes[0])
	r = typeCode(ts.browser(t).withAddr("203.0.113.4:1000"), slug, unitCodes[1])
	same("unit code", d, r)
	wantRedirect(t, r, "/segments")
}

// cookieShape is the Set-Cookie header of p without the cookie's value.
func cookieShape(p *page) string {
	return regexp.MustCompile(`^([^=]*)=[^;]*`).ReplaceAllString(p.Header.Get("Set-Cookie"), "$1=…")
}
