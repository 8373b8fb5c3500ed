package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestDeleteCampaignWithDUERP: a campaign with a frozen DUERP version is
// deleted (title typed back); afterwards every page and route of it
// answers 404 « supprimée », except its versions, which consultants still
// list and download, byte for byte, from the API and the back office.
func TestDeleteCampaignWithDUERP(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	id := as.Campaign.ID
	base := "/api/v1/campaigns/" + id
	wantStatus(t, as.api(t, token, http.MethodPost, base+"/duerp/versions", ""), http.StatusCreated)
	frozen := as.api(t, token, http.MethodGet, base+"/duerp/versions/1.xlsx", "")
	wantStatus(t, frozen, http.StatusOK)

	wantStatus(t, as.api(t, token, http.MethodDelete, base, `{"confirm": "`+as.Campaign.Title+`"}`), http.StatusNoContent)
	as.wantAudit(t, consultantEmail+" campaign.delete")
	b := as.signedIn(t, consultantEmail)

	t.Run("VersionsStay", func(t *testing.T) {
		p := as.api(t, token, http.MethodGet, base+"/duerp/versions", "")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, `"number":1`, `/duerp/versions/1.xlsx"`)
		for _, path := range []string{base + "/duerp/versions/1.xlsx", "/admin/campaigns/" + id + "/duerp/versions/1.xlsx"} {
			var got *page
			if strings.HasPrefix(path, "/api/") {
				got = as.api(t, token, http.MethodGet, path, "")
			} else {
				got = b.get(path)
			}
			wantStatus(t, got, http.StatusOK)
			if got.Body != frozen.Body {
				t.Errorf("GET %s after deletion: not the workbook frozen", path)
			}
		}
		p = b.get("/admin/campaigns/" + id + "/duerp")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Cette campagne a été supprimée le", "/duerp/versions/1.xlsx", "Version 1 du")
		if strings.Contains(p.Body, `action="/admin/campaigns/`+id) {
			t.Error("the page of a deleted campaign's versions offers a form")
		}
	})

	t.Run("ListedOnlyAsDeleted", func(t *testing.T) {
		p := as.api(t, token, http.MethodGet, "/api/v1/campaigns", "")
		wantStatus(t, p, http.StatusOK)
		if strings.Contains(p.Body, id) {
			t.Errorf("GET /api/v1/campaigns lists the deleted campaign: %s", p.Body)
		}
		p = b.get("/admin")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Documents uniques des campagnes supprimées", `href="/admin/campaigns/`+id+`/duerp"`)
		if strings.Contains(p.Body, `href="/admin/campaigns/`+id+`"`) {
			t.Error("the campaign list still links to the deleted campaign's page")
		}
		if p := as.signedIn(t, viewerEmail).get("/admin"); strings.Contains(p.Body, id) {
			t.Error("a viewer sees the deleted campaign")
		}
	})

	t.Run("ErrOtherRoutes", func(t *testing.T) {
		for _, path := range []string{base, base + "/results?questionnaire=climat", base + "/participation", base + "/actions",
			base + "/duerp.xlsx", base + "/report.pdf", base + "/registre.json", base + "/registre.pdf", base + "/aipd.pdf"} {
			p := as.api(t, token, http.MethodGet, path, "")
			if p.Status != http.StatusNotFound || !strings.Contains(p.Body, "Cette campagne a été supprimée") {
				t.Errorf("GET %s: %d %s; want 404 « supprimée »", path, p.Status, p.Body)
			}
		}
		for _, path := range []string{"/admin/campaigns/" + id, "/admin/campaigns/" + id + "/edit", "/admin/campaigns/" + id + "/actions",
			"/admin/campaigns/" + id + "/results/climat", "/r/" + as.Campaign.Slug} {
			p := b.get(path)
			if p.Status != http.StatusNotFound || !strings.Contains(p.Body, "Cette campagne a été supprimée") {
				t.Errorf("GET %s: %d; want 404 « supprimée »", path, p.Status)
			}
		}
		if p := as.api(t, token, http.MethodPost, base+"/duerp/versions", ""); p.Status != http.StatusNotFound {
			t.Errorf("freezing a version of a deleted campaign: %d, want 404", p.Status)
		}
	})

	t.Run("ErrDeleteAgain", func(t *testing.T) {
		p := as.api(t, token, http.MethodDelete, base, `{"confirm": "`+as.Campaign.Title+`"}`)
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "déjà été supprimée", "40 ans")
	})
}
