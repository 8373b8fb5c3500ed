package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// Browsers drop tabs and line breaks from URLs and read a backslash as a
// slash, so "/\t/evil.example" is "//evil.example": another site.
func TestLoginNextWithControlCharactersStaysOnSite(t *testing.T) {
	as := MustNewAdminServer(t)
	for _, next := range []string{"/\t/evil.example", "/\x0b/evil.example", "/ /evil.example", "/\\/evil.example", "/%09/ok\t", "/admin\\..\\//evil.example"} {
		p := as.browser(t).post("/login", url.Values{"email": {consultantEmail}, "password": {testPassword}, "next": {next}})
		if p.Location != "/admin" {
			t.Errorf("POST next %q: redirected to %q, want /admin", next, p.Location)
		}
	}
	// Already signed in, GET /login?next= redirects at once.
	b := as.signedIn(t, consultantEmail)
	p := b.get("/login?next=" + url.QueryEscape("/\t/evil.example"))
	if p.Location != "/admin" {
		t.Errorf("GET next with a tab: redirected to %q, want /admin", p.Location)
	}
	// A plain path of the site is kept.
	p = as.browser(t).post("/login", url.Values{"email": {consultantEmail}, "password": {testPassword}, "next": {"/admin/audit?campaign=x"}})
	if p.Location != "/admin/audit?campaign=x" {
		t.Errorf("next of the site: redirected to %q, want /admin/audit?campaign=x", p.Location)
	}
}

// Every malformed JSON body gets a French message naming the field, never
// Go's or JSON's English words, nor a message starting with " : ".
func TestAPIJSONErrorsInFrench(t *testing.T) {
	as := MustNewAdminServer(t)
	_, token := as.token(t, as.Consultant)
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/codes"
	for body, want := range map[string]string{
		`[]`:                              "objet JSON",
		`"codes"`:                         "objet JSON",
		`{"count": "3"}`:                  "count",
		`{"count": 3.5}`:                  "count",
		`{"count": 1e309}`:                "count",
		`{"count": 99999999999999999999}`: "count",
		`{"count": true}`:                 "count",
		`{"count": [1]}`:                  "count",
		`{"count": {}}`:                   "count",
	} {
		p := as.api(t, token, http.MethodPost, path, body)
		if p.Status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", body, p.Status)
			continue
		}
		var got struct{ Error string }
		decode(t, p, &got)
		if !strings.Contains(got.Error, want) || strings.HasPrefix(got.Error, " ") {
			t.Errorf("%s: error %q, want it to name %q", body, got.Error, want)
		}
		for _, word := range strings.FieldsFunc(got.Error, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if slices.Contains([]string{"number", "string", "array", "bool", "object"}, word) {
				t.Errorf("%s: error %q has the English word %q", body, got.Error, word)
			}
		}
	}
	if codes, _, _ := as.Store.CodeCounts(t.Context(), as.Campaign.ID); codes != 0 {
		t.Errorf("%d codes created by refused requests, want 0", codes)
	}
}

// When everyone is fewer than k, the results page must not print a number
// of respondents (the scoring result withholds it as 0).
func TestResultsPageWithholdsTotalBelowK(t *testing.T) {
	as := MustNewAdminServer(t)
	as.submitN(t, 3, []string{"Direction B"}, "")
	p := as.signedIn(t, consultantEmail).get("/admin/campaigns/" + as.Campaign.ID + "/results/charge-et-soutien")
	wantStatus(t, p, http.StatusOK)
	if strings.Contains(p.Body, "0 répondants") || strings.Contains(p.Body, "3 répondants") {
		t.Fatalf("results page prints a respondent count although everyone is below k:\n%s", p.Body)
	}
	wantContains(t, p, "Moins de 5 répondants")
}
