package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/web"
)

// participationSection is the participation part of a campaign page.
func participationSection(t *testing.T, body string) string {
	t.Helper()
	start := strings.Index(body, `<section aria-labelledby="h-part">`)
	if start < 0 {
		t.Fatalf("no participation section in:\n%s", body)
	}
	end := strings.Index(body[start:], "</section>")
	return body[start : start+end]
}

// Submissions made while a campaign is open do not move the participation
// it publishes (page and API, through any instance) until the next
// calendar day in Paris; then they do (issue 19: polled after each
// submission, live counts dated every answer and named its unit).
func TestParticipationWaitsForTheNextDay(t *testing.T) {
	clk := &clock{t: now} // 15:37 in Paris
	a, b := twoInstances(t, withConfig(func(c *web.Config) { c.Now = clk.Now }))
	a.submitN(t, 6, []string{"Direction A", "Service 1"}, "")
	a.submitN(t, 6, []string{"Direction B"}, "")
	_, token := a.token(t, a.Viewer)
	read := func(as *adminServer) (page, api string) {
		t.Helper()
		p := as.signedIn(t, consultantEmail).get("/admin/campaigns/" + a.Campaign.ID)
		wantStatus(t, p, http.StatusOK)
		j := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+a.Campaign.ID+"/participation", "")
		wantStatus(t, j, http.StatusOK)
		return participationSection(t, p.Body), j.Body
	}
	page, api := read(a)
	if !strings.Contains(page, "Chiffres du 2\u00a0février\u00a02027") || !strings.Contains(api, `"as_of":"2027-02-02"`) {
		t.Errorf("open campaign: the page and API do not say which day the figures are of:\n%s\n%s", page, api)
	}

	a.submitN(t, 5, []string{"Direction B"}, "")
	a.submitN(t, 1, []string{"Direction A", "Service 2"}, "")
	clk.Add(8 * time.Hour) // 23:37 in Paris
	for name, as := range map[string]*adminServer{"same instance": a, "other instance": b} {
		if p, j := read(as); p != page || j != api {
			t.Errorf("%s, same day after 6 submissions:\n%s\n%s\nwant\n%s\n%s", name, p, j, page, api)
		}
	}

	clk.Add(time.Hour) // 00:37 in Paris, 23:37 UTC: the next day
	p, j := read(b)
	if p == page || !strings.Contains(p, ">11<") || !strings.Contains(j, `"as_of":"2027-02-03"`) {
		t.Errorf("next day: the 6 submissions are not counted:\n%s\n%s", p, j)
	}
}

// A unit of one person reads the same before and after that person
// answers, the same day and the next (issue 19).
func TestOnePersonUnitReadsTheSame(t *testing.T) {
	clk := &clock{t: now}
	as := MustNewAdminServer(t, withConfig(func(c *web.Config) { c.Now = clk.Now }), withSpec(func(s *vigie.CampaignSpec) {
		s.Units = append(s.Units, vigie.UnitSpec{Path: []string{"Direction C"}, Headcount: 1})
	}))
	as.submitN(t, 6, []string{"Direction A", "Service 1"}, "")
	as.submitN(t, 6, []string{"Direction B"}, "")
	browser := as.signedIn(t, viewerEmail)
	_, token := as.token(t, as.Viewer)
	read := func() (row, unit string) {
		t.Helper()
		p := browser.get("/admin/campaigns/" + as.Campaign.ID)
		wantStatus(t, p, http.StatusOK)
		j := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/participation", "")
		wantStatus(t, j, http.StatusOK)
		var got struct {
			Units []map[string]any `json:"units"`
		}
		decode(t, j, &got)
		for _, u := range got.Units {
			if path, _ := u["unit"].([]any); len(path) == 1 && path[0] == "Direction C" {
				text, err := json.Marshal(u)
				if err != nil {
					t.Fatal(err)
				}
				unit = string(text)
			}
		}
		return rowOf(t, p.Body, "Direction C"), unit
	}
	row, unit := read()
	if !strings.Contains(row, "moins de 5 réponses") || unit == "" {
		t.Fatalf("Direction C before = %s, %s; want « moins de 5 réponses »", row, unit)
	}
	as.submitN(t, 1, []string{"Direction C"}, "")
	for _, step := range []time.Duration{0, 12 * time.Hour} { // the same day, then the next
		clk.Add(step)
		if r, u := read(); r != row || u != unit {
			t.Errorf("Direction C after its one person answered (+%v):\n%s\n%s\nwant\n%s\n%s", step, r, u, row, unit)
		}
	}
}
