package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

func TestOverallParticipation(t *testing.T) {
	// Service 2 has 18 people: 2 respondents are « moins de 5 réponses, sur 18 »,
	// under 60 % whatever the hidden count (at most 4 of 18).
	as := MustNewAdminServer(t, withSpec(func(s *vigie.CampaignSpec) {
		s.Units = []vigie.UnitSpec{
			{Path: []string{"Direction A", "Service 1"}, Headcount: 8},
			{Path: []string{"Direction A", "Service 2"}, Headcount: 18},
			{Path: []string{"Direction B"}, Headcount: 10},
		}
	}))
	as.submitN(t, 6, []string{"Direction A", "Service 1"}, "")
	as.submitN(t, 2, []string{"Direction A", "Service 2"}, "")
	as.submitN(t, 6, []string{"Direction B"}, "")

	p := as.signedIn(t, viewerEmail).get("/admin/campaigns/" + as.Campaign.ID)
	wantStatus(t, p, http.StatusOK)
	row := rowOf(t, p.Body, "Service 2")
	for _, want := range []string{"moins de 5 réponses, sur 18", "moins de 28\u00a0%", "sous 60 %"} {
		if !strings.Contains(row, want) {
			t.Errorf("Service 2 row = %s, want %q", row, want)
		}
	}
	// 14 respondents of 36 people: 39 %.
	total := rowOf(t, p.Body, "Ensemble de la campagne")
	for _, want := range []string{">14<", ">36<", "39\u00a0%", "sous 60 %"} {
		if !strings.Contains(total, want) {
			t.Errorf("total row = %s, want %q", total, want)
		}
	}
	wantContains(t, p, "Participation d’ensemble&nbsp;: <strong>39\u00a0%</strong> (14 répondants pour un effectif connu de 36)")

	_, token := as.token(t, as.Viewer)
	api := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/participation", "")
	var got struct {
		Overall struct {
			Respondents *int     `json:"respondents"`
			Headcount   *int     `json:"headcount"`
			Rate        *float64 `json:"rate"`
			LowRate     bool     `json:"low_rate"`
		} `json:"overall"`
		Units []struct {
			Unit        []string `json:"unit"`
			Respondents *int     `json:"respondents"`
			LowRate     bool     `json:"low_rate"`
		} `json:"units"`
	}
	decode(t, api, &got)
	if o := got.Overall; o.Respondents == nil || *o.Respondents != 14 || o.Headcount == nil || *o.Headcount != 36 || o.Rate == nil || !o.LowRate {
		t.Errorf("overall = %s, want 14 respondents of 36, low", api.Body)
	}
	for _, u := range got.Units {
		if strings.Join(u.Unit, "/") == "Direction A/Service 2" && (u.Respondents != nil || !u.LowRate) {
			t.Errorf("Service 2 = %+v, want hidden and low_rate", u)
		}
	}
}

func TestOverallParticipationUnderK(t *testing.T) {
	// 3 respondents in all: the total is never written.
	as := MustNewAdminServer(t)
	as.submitN(t, 3, []string{"Direction B"}, "")
	p := as.signedIn(t, consultantEmail).get("/admin/campaigns/" + as.Campaign.ID)
	wantStatus(t, p, http.StatusOK)
	total := rowOf(t, p.Body, "Ensemble de la campagne")
	if !strings.Contains(total, "moins de 5 réponses") || strings.Contains(total, ">3<") {
		t.Errorf("total row = %s, want « moins de 5 réponses » and no count", total)
	}
	if strings.Contains(p.Body, "3 répondants") {
		t.Errorf("the page writes the total under k")
	}
	_, token := as.token(t, as.Viewer)
	api := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/participation", "")
	if !strings.Contains(api.Body, `"overall":{"respondents":null`) {
		t.Errorf("API overall under k = %s, want respondents null", api.Body)
	}
}

func TestHiddenUnitsSayWhy(t *testing.T) {
	// Service 1 (6) is hidden only because Direction A (8) minus it would
	// give Service 2 (2): it must not read « moins de 5 », nor be flagged.
	as := MustNewAdminServer(t, withSpec(func(s *vigie.CampaignSpec) {
		s.Units = append(s.Units, vigie.UnitSpec{Path: []string{"Direction C"}, Headcount: 6})
	}))
	as.submitN(t, 6, []string{"Direction A", "Service 1"}, "")
	as.submitN(t, 2, []string{"Direction A", "Service 2"}, "")
	as.submitN(t, 6, []string{"Direction B"}, "")
	p := as.signedIn(t, consultantEmail).get("/admin/campaigns/" + as.Campaign.ID)
	wantStatus(t, p, http.StatusOK)
	for label, want := range map[string]string{
		"Service 1":   "masqué pour protéger un autre groupe",
		"Service 2":   "moins de 5",
		"Direction C": "moins de 5 réponses", // nobody: said as 1 to 4
	} {
		if row := rowOf(t, p.Body, label); !strings.Contains(row, want) {
			t.Errorf("%s row = %s, want %q", label, row, want)
		}
	}
	if row := rowOf(t, p.Body, "Service 1"); strings.Contains(row, "sous 60") || strings.Contains(row, "moins de 5") {
		t.Errorf("Service 1, hidden to protect Service 2, is said under k or flagged: %s", row)
	}
	_, token := as.token(t, as.Viewer)
	api := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/participation", "")
	for _, want := range []string{`"hidden":"secondary"`, `"hidden":"below_k"`} {
		if !strings.Contains(api.Body, want) {
			t.Errorf("API participation lacks %s: %s", want, api.Body)
		}
	}
	if strings.Contains(api.Body, "no_answer") {
		t.Errorf("API participation tells a unit nobody answered in from one under k: %s", api.Body)
	}
}

func TestOverallParticipationNoAnswer(t *testing.T) {
	as := MustNewAdminServer(t)
	p := as.signedIn(t, consultantEmail).get("/admin/campaigns/" + as.Campaign.ID)
	if total := rowOf(t, p.Body, "Ensemble de la campagne"); !strings.Contains(total, "moins de 5 réponses") {
		t.Errorf("total row with no answer = %s, want « moins de 5 réponses »", total)
	}
	wantContains(t, p, "(moins de 5 réponses pour un effectif connu de")
}
