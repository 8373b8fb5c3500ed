package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// TestViewerSeesOnlyResults signs in as a committee member granted one
// closed campaign: the participation and the heat map are there, and
// settings, codes, comments awaiting moderation, the audit log and other
// campaigns are out of reach (403), in the pages as through the API.
func TestViewerSeesOnlyResults(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	q, _ := questionnaires.BuiltinByID("reconnaissance") // it has indicators
	c := s.createCampaign(t, "Baromètre 2027", []string{q.ID}, vigie.StateOpen)
	other := s.createCampaign(t, "Enquête confidentielle", []string{q.ID}, vigie.StateDraft)
	codes := s.codes(t, c.ID, 12)
	for i, code := range codes {
		// Service 2 works hard for little reward: its effort/reward
		// ratio goes over 1.
		unit, effort := "Direction A/Service 1", 2
		if i%2 == 1 {
			unit, effort = "Direction A/Service 2", 4
		}
		answer := func(j int, it *questionnaires.Item) int {
			if it.Dimension == "effort" {
				return effort + (i+j)%2
			}
			return 5 - effort + (i+j)%2
		}
		s.submitAPI(t, c.ID, code, unit, q, answer, "Un commentaire à modérer.")
	}
	if err := s.Store.CloseCampaign(ctx, c.ID, time.Now()); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	if err := s.Store.GrantCampaign(ctx, s.Viewer.ID, c.ID); err != nil {
		t.Fatalf("GrantCampaign: %v", err)
	}
	codesBefore, _, err := s.Store.CodeCounts(ctx, c.ID)
	if err != nil {
		t.Fatalf("CodeCounts: %v", err)
	}

	tab := newTab(t)
	s.login(t, tab, viewerEmail)
	if p := s.path(t, tab); p != "/admin" {
		t.Fatalf("after login: %s, want /admin", p)
	}
	audit(t, tab, "campaign list (viewer)")
	wantText(t, tab, c.Title)
	if strings.Contains(bodyText(t, tab), other.Title) {
		t.Errorf("the viewer's list shows a campaign not granted (%q)", other.Title)
	}
	for _, sel := range []string{`a[href="/admin/campaigns/new"]`, `a[href="/admin/audit"]`} {
		if exists(t, tab, sel) {
			t.Errorf("the viewer's list offers %s", sel)
		}
	}

	clickAndLoad(t, tab, fmt.Sprintf(`a[href="/admin/campaigns/%s"]`, c.ID))
	audit(t, tab, "campaign page (viewer)")
	screenshot(t, tab, "viewer-campaign-desktop.png", desktopWidth)
	wantText(t, tab, "Participation")
	for _, sel := range []string{`form[action$="/codes"]`, `form[action$="/open"]`, `form[action$="/close"]`,
		`a[href$="/edit"]`, `a[href$="/comments"]`, `form[action$="/viewers"]`} {
		if exists(t, tab, sel) {
			t.Errorf("the viewer's campaign page offers %s", sel)
		}
	}

	if exists(t, tab, `a[href*="audience=consultant"], select[name=audience]`) {
		t.Errorf("the viewer is offered the consultant's report")
	}

	clickAndLoad(t, tab, `a[href$="/results/reconnaissance"]`)
	audit(t, tab, "results (viewer)")
	if !exists(t, tab, `section[aria-labelledby=h-ind] table`) {
		t.Errorf("the results of reconnaissance show no indicators")
	}
	screenshotElement(t, tab, "indicators-desktop.png", `section[aria-labelledby=h-ind]`, desktopWidth)
	if !exists(t, tab, `table.heatmap td.favourable, table.heatmap td.intermediate, table.heatmap td.unfavourable`) {
		t.Errorf("the viewer's results show no score:\n%s", bodyText(t, tab))
	}
	if strings.Contains(bodyText(t, tab), "Un commentaire à modérer.") {
		t.Errorf("the viewer sees a comment that was never moderated")
	}

	// Settings, codes, comments, the audit log, another campaign, raw
	// data: refused, whether typed in the address bar or fetched.
	for _, path := range []string{
		"/admin/campaigns/" + c.ID + "/edit",
		"/admin/campaigns/" + c.ID + "/comments",
		"/admin/campaigns/new",
		"/admin/audit",
		"/admin/questionnaires",
		"/admin/portfolio",
		"/admin/campaigns/" + other.ID,
		"/admin/campaigns/" + other.ID + "/results/reconnaissance",
		"/api/v1/campaigns/" + c.ID + "/comments",
		"/api/v1/campaigns/" + other.ID + "/results?questionnaire=reconnaissance",
	} {
		if st := s.open(t, tab, path); st != 403 && st != 404 {
			t.Errorf("viewer GET %s: status %d, want 403 (or 404)", path, st)
		}
	}
	s.open(t, tab, "/admin/campaigns/"+c.ID+"/edit")
	audit(t, tab, "error (forbidden)")

	// Reports: the committee's version only; the consultant's workbook
	// (one anonymised row per respondent) is refused.
	for _, path := range []string{
		"/admin/campaigns/" + c.ID + "/report.xlsx?audience=consultant",
		"/admin/campaigns/" + c.ID + "/report.pdf?audience=consultant",
		"/api/v1/campaigns/" + c.ID + "/report.xlsx?audience=consultant",
		"/admin/campaigns/" + other.ID + "/report.pdf?audience=committee",
	} {
		if st := eval[int](t, tab, fmt.Sprintf(`fetch(%q).then(r => r.status)`, path)); st != 403 && st != 404 {
			t.Errorf("viewer GET %s: status %d, want 403 (or 404)", path, st)
		}
	}
	if st := eval[int](t, tab, fmt.Sprintf(`fetch(%q).then(r => r.status)`, "/admin/campaigns/"+c.ID+"/report.pdf?audience=committee")); st != 200 {
		t.Errorf("viewer GET the committee report: status %d, want 200", st)
	}
	for _, path := range []string{
		"/admin/campaigns/" + c.ID + "/codes",
		"/admin/campaigns/" + c.ID + "/open",
		"/admin/campaigns/" + c.ID + "/viewers",
		"/api/v1/campaigns/" + c.ID + "/codes",
	} {
		// A same-origin fetch from the viewer's own page: the session
		// cookie goes with it, so only the role can refuse it.
		st := eval[int](t, tab, fmt.Sprintf(`fetch(%q, {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"},
			body: "count=5&format=csv&email=x%%40y.test"}).then(r => r.status)`, path))
		if st != 403 {
			t.Errorf("viewer POST %s: status %d, want 403", path, st)
		}
	}
	if n, _, _ := s.Store.CodeCounts(ctx, c.ID); n != codesBefore {
		t.Errorf("codes: %d after the viewer's attempts, want %d", n, codesBefore)
	}
}
