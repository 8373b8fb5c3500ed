package e2e_test

import (
	"context"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// TestBackOfficeAxe runs axe-core on every back-office page a consultant
// uses (login, campaign list, campaign and participation, results and heat
// map, moderation, accounts, audit log) at 390 and 1280 px, on a closed
// campaign with results, hidden groups and comments. The consultant's
// scenario (TestConsultantRunsACampaign) audits the pages it passes once,
// at the default width.
func TestBackOfficeAxe(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	q, _ := questionnaires.BuiltinByID("reconnaissance")
	c := s.createCampaign(t, "Baromètre 2027", []string{q.ID}, vigie.StateOpen)
	codes := s.codes(t, c.ID, 14)
	for i, code := range codes {
		// 6 in each service of Direction A, 2 in Service 3: under k.
		unit := []string{"Direction A/Service 1", "Direction A/Service 2"}[i%2]
		if i >= 12 {
			unit = "Direction B/Service 3"
		}
		s.submitAPI(t, c.ID, code, unit, q, around(2+i%3, i), "Un commentaire à modérer.")
	}
	if err := s.Store.CloseCampaign(ctx, c.ID, time.Now()); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	campaignPath := "/admin/campaigns/" + c.ID

	tab := newTab(t)
	s.open(t, tab, "/login")
	auditWidths(t, tab, "login")
	// A tab per page: axe-core takes seconds per run on a small machine,
	// and each tab has its own scenarioTimeout.
	for _, p := range []struct{ name, path, shot string }{
		{"campaign list", "/admin", ""},
		{"campaign page with participation", campaignPath, "campaign-closed"},
		{"results and heat map", campaignPath + "/results/" + q.ID, "results"},
		{"moderation", campaignPath + "/comments", ""},
		{"accounts", "/admin/users", "accounts"},
		{"audit log", "/admin/audit", "audit"},
		{"portfolio", "/admin/portfolio", ""},
	} {
		tab := newTab(t)
		s.login(t, tab, consultantEmail)
		s.open(t, tab, p.path)
		auditWidths(t, tab, p.name)
		if p.shot != "" {
			screenshot(t, tab, p.shot+"-phone.png", phoneWidth)
			screenshot(t, tab, p.shot+"-desktop.png", desktopWidth)
		}
	}
}
