package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

func TestCampaignListSearch(t *testing.T) {
	as := MustNewAdminServer(t) // open, opened on 2 February 2027 (week 5)
	ctx := context.Background()
	sp := as.Campaign.Spec()
	sp.Title, sp.Organisation, sp.EndDate, sp.Previous, sp.UnitMap = "Enquête ateliers", "Métallerie du Nord", "2027-06-30", "", nil
	draft, err := as.Store.CreateCampaign(ctx, sp)
	if err != nil {
		t.Fatal(err)
	}
	as.submitN(t, 6, []string{"Direction B"}, "")
	b := as.signedIn(t, consultantEmail)
	rows := regexp.MustCompile(`(?s)<tbody>.*?</tbody>`)
	count := func(p *page) int { return len(regexp.MustCompile(`<tr>`).FindAllString(rows.FindString(p.Body), -1)) }

	p := b.get("/admin")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Ouverte semaine\u00a0du\u00a01er\u00a0février\u00a02027", "Pas encore ouverte, réponses jusqu’au 30\u00a0juin\u00a02027", "15\u00a0% (6\u00a0répondants)",
		"<th scope=\"col\">Participation</th>", `<option value="Métallerie du Nord">`)
	if n := count(p); n != 2 {
		t.Fatalf("%d rows, want 2", n)
	}
	for _, tc := range []struct {
		query string
		want  []string
		rows  int
	}{
		{"?q=ateliers", []string{draft.Title}, 1},
		{"?q=METALLERIE", []string{draft.Title}, 1}, // neither case nor accents count
		{"?q=usine", []string{"Aucune campagne ne correspond"}, 0},
		{"?q=métallerie+nord", []string{draft.Title}, 1},
		{"?state=open", []string{as.Campaign.Title}, 1},
		{"?state=draft&organisation=Métallerie+du+Nord", []string{draft.Title}, 1},
		{"?state=closed", []string{"Aucune campagne ne correspond"}, 0},
		{"?organisation=" + url.QueryEscape(as.Campaign.Organisation), []string{as.Campaign.Title}, 1},
	} {
		t.Run(tc.query, func(t *testing.T) {
			p := b.get("/admin" + tc.query)
			wantStatus(t, p, http.StatusOK)
			wantContains(t, p, tc.want...)
			if n := count(p); n != tc.rows {
				t.Errorf("%d rows, want %d", n, tc.rows)
			}
		})
	}
	t.Run("ViewerSeesOnlyGranted", func(t *testing.T) {
		p := as.signedIn(t, viewerEmail).get("/admin")
		wantContains(t, p, as.Campaign.Title)
		wantNotContains(t, p, draft.Title, "Métallerie du Nord")
	})
}
