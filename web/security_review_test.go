package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/vigie-sante/vigie"
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
	as.closeCampaign(t)
	p := as.signedIn(t, consultantEmail).get("/admin/campaigns/" + as.Campaign.ID + "/results/charge-et-soutien")
	wantStatus(t, p, http.StatusOK)
	if strings.Contains(p.Body, "0 répondants") || strings.Contains(p.Body, "3 répondants") {
		t.Fatalf("results page prints a respondent count although everyone is below k:\n%s", p.Body)
	}
	wantContains(t, p, "Moins de 5 répondants")
}

// People type their password in the address field. The audit log, read
// by every consultant, keeps what was typed there only when it looks like
// an address.
func TestFailedLoginDoesNotLogAPasswordTypedAsAddress(t *testing.T) {
	as := MustNewAdminServer(t)
	for _, typed := range []string{"Soleil-Levant 2027!", "motdepasse"} {
		p := as.browser(t).post("/login", url.Values{"email": {typed}, "password": {"x"}})
		wantStatus(t, p, http.StatusUnauthorized)
	}
	entries, err := as.Store.AuditLog(t.Context(), 0, "")
	if err != nil {
		t.Fatal(err)
	}
	failures := 0
	for _, e := range entries {
		if strings.Contains(strings.ToLower(e.Actor+e.Target+e.Detail), "soleil") || strings.Contains(e.Actor+e.Target+e.Detail, "motdepasse") {
			t.Errorf("the audit log keeps what was typed as address: %+v", e)
		}
		if e.Action == "login.failure" {
			failures++
		}
	}
	if failures != 2 {
		t.Errorf("%d failures logged, want 2", failures)
	}
}

// Dimension titles and unit names come from consultants' files: in the
// server-side SVG charts and the tables they stay text, never markup.
func TestResultsEscapeNamesInChartsAndTables(t *testing.T) {
	const evil = `<img src=x onerror=alert(1)>`
	src := strings.Replace(chargeYAML, `id: charge-et-soutien`, `id: charge-xss`, 1)
	src = strings.Replace(src, `title: {fr: "Charge de travail", en: "Workload"}`, `title: {fr: '`+evil+`', en: "Workload"}`, 1)
	as := MustNewAdminServer(t, withAccess(vigie.AccessLink), withQuestionnaire(src), withSpec(func(s *vigie.CampaignSpec) {
		s.Questionnaires = []string{"charge-xss"}
		s.Units = append(s.Units, vigie.UnitSpec{Path: []string{evil}})
	}))
	for i := range 6 {
		r := &vigie.Response{
			Unit:    []string{evil},
			Answers: map[string]map[string]int{"charge-xss": {"charge1": 1 + i%4, "charge2": 2, "charge3": 3, "soutien1": 4, "soutien2": 1, "soutien3": 2}},
		}
		if err := as.Store.SubmitResponse(t.Context(), as.Campaign.ID, "", r, now); err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
	}
	as.closeCampaign(t)
	b := as.signedIn(t, consultantEmail)
	for _, path := range []string{"/results/charge-xss", ""} {
		p := b.get("/admin/campaigns/" + as.Campaign.ID + path)
		wantStatus(t, p, http.StatusOK)
		if strings.Contains(p.Body, "<img src=x") {
			t.Fatalf("%s: a name is written as markup:\n%s", path, p.Body)
		}
	}
	p := b.get("/admin/campaigns/" + as.Campaign.ID + "/results/charge-xss")
	wantContains(t, p, "<svg", "&lt;img src=x onerror=alert(1)&gt;")
}
