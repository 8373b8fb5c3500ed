package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

// The counting attack of issue 19, against the real server: the crossing
// of scoringtest (units U1, U2 and categories C1, C2 in cells of 8, 1, 9
// and 8 people) is stored and closed, a committee member reads the
// results through the API, and the counting attacker, holding that JSON,
// must prove nothing about fewer than k people. Under the linear rule 4
// every group was published and the counts of rr1 gave away the answer
// of the lone person of U1∩C2.
func TestCountingAttackOverAPI(t *testing.T) {
	q, ok := questionnaires.BuiltinByID("reconnaissance")
	if !ok {
		t.Fatal("no built-in questionnaire reconnaissance")
	}
	as := MustNewAdminServer(t, withAccess(vigie.AccessLink), withSpec(func(s *vigie.CampaignSpec) {
		s.Questionnaires = []string{q.ID}
		s.Units = []vigie.UnitSpec{{Path: []string{"U1"}, Headcount: 10}, {Path: []string{"U2"}, Headcount: 20}}
		s.Segments = []vigie.Segment{{ID: "metier", Label: map[string]string{"fr": "Métier"}, Categories: []string{"C1", "C2"}}}
		s.MinGroupSize = scoringtest.CrossingK
	}))
	people := scoringtest.Crossing(q)
	for _, p := range people {
		r := &vigie.Response{CampaignID: as.Campaign.ID, Unit: p.Unit, Segments: p.Segments,
			Answers: map[string]map[string]int{q.ID: p.ItemAnswers(q)}, Comments: map[string]string{}}
		if err := as.Store.SubmitResponse(context.Background(), as.Campaign.ID, "", r, now); err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
	}
	as.closeCampaign(t)

	_, token := as.token(t, as.Viewer)
	p := as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+as.Campaign.ID+"/results?questionnaire="+q.ID, "")
	wantStatus(t, p, http.StatusOK)
	res, err := scoringtest.DecodeResult([]byte(p.Body))
	if err != nil {
		t.Fatal(err)
	}
	findings, err := scoringtest.AttackCrossing(people, q, res)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) > 0 {
		t.Fatalf("from the results the API serves a viewer (%d people), the attacker found:\n%s", len(people), strings.Join(findings, "\n"))
	}
}
