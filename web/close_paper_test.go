package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

func TestCloseListsPendingPaperSheets(t *testing.T) {
	as := MustNewAdminServer(t)
	tok := entryToken(t, as, "saisie@cabinet.test", true)
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/paper-entries"
	sheets := as.MustCodes(t, 2)
	for _, sheet := range sheets {
		wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody(sheet, "Direction A/Service 2", 4)), http.StatusAccepted)
	}
	// A differing second entry: the sheet waits for a corrected one.
	wantStatus(t, as.api(t, tok, http.MethodPost, path, paperBody(sheets[1], "Direction A/Service 2", 2)), http.StatusConflict)
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	p := b.get(base)
	wantContains(t, p, "2\u00a0feuilles papier attendent encore leur seconde saisie", "dont 1 dont les deux saisies ont différé",
		"effacées sans être comptées", `name="confirm_paper" value="1" required`, `href="`+base+`/saisie"`)

	p = b.post(base+"/close", confirmed)
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "Rien n&#39;a été clos", "2\u00a0feuilles papier attendent")
	if as.pending(t) != 2 {
		t.Fatalf("%d pending sheets after a refused closing, want 2", as.pending(t))
	}
	wantRedirect(t, b.post(base+"/close", url.Values{"confirm": {"1"}, "confirm_paper": {"1"}}), base)
	if as.pending(t) != 0 {
		t.Fatalf("%d pending sheets after closing, want 0", as.pending(t))
	}
	entries, _ := as.Store.AuditLog(t.Context(), 1, as.Campaign.ID)
	if len(entries) != 1 || entries[0].Action != "campaign.close" || entries[0].Detail != "2\u00a0feuilles papier en attente de seconde saisie effacées" {
		t.Errorf("audit = %+v, want campaign.close saying 2 sheets erased", entries)
	}
}

func TestCloseWithoutPendingPaper(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	wantNotContains(t, b.get(base), "seconde saisie", `name="confirm_paper"`)
	wantRedirect(t, b.post(base+"/close", confirmed), base)
}
