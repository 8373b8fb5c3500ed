package e2e_test

import (
	"context"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// TestResultsWithTrends opens the results of a campaign linked to its
// previous wave: the arrows and the note on how to read them pass the
// accessibility audit like the rest of the page.
func TestResultsWithTrends(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	q, _ := questionnaires.BuiltinByID("reconnaissance")
	wave := func(title string, effort int, change ...func(*vigie.CampaignSpec)) *vigie.Campaign {
		c := s.createCampaign(t, title, []string{q.ID}, vigie.StateOpen, change...)
		for i, code := range s.codes(t, c.ID, 12) {
			unit := []string{"Direction A/Service 1", "Direction A/Service 2"}[i%2]
			answer := func(j int, it *questionnaires.Item) int {
				if it.Dimension == "effort" {
					return effort + (i+j)%2
				}
				return 3 + (i+j)%2
			}
			s.submitAPI(t, c.ID, code, unit, q, answer, "")
		}
		if err := s.Store.CloseCampaign(ctx, c.ID, time.Now()); err != nil {
			t.Fatalf("CloseCampaign: %v", err)
		}
		return c
	}
	first := wave("Baromètre 2026", 2)
	second := wave("Baromètre 2027", 4, func(spec *vigie.CampaignSpec) { spec.Previous = first.ID })

	tab := newTab(t)
	s.login(t, tab, consultantEmail)
	if status := s.open(t, tab, "/admin/campaigns/"+second.ID+"/results/"+q.ID); status != 200 {
		t.Fatalf("results: status %d", status)
	}
	wantText(t, tab, "Évolution depuis Baromètre 2026")
	wantText(t, tab, "▲")
	// Under each score, the previous wave's value, named by its year.
	if !exists(t, tab, ".trend-prev") {
		t.Fatal("no previous value under the scores")
	}
	wantText(t, tab, "2026\u00a0: ")
	audit(t, tab, "results with trends")
	screenshotElement(t, tab, "results-trends-desktop.png", "table.heatmap", desktopWidth)
}
