package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

func TestCampaignFormPreviousWave(t *testing.T) {
	as := MustNewAdminServer(t, withState(vigie.StateClosed))
	b := as.signedIn(t, consultantEmail)
	p := b.get("/admin/campaigns/new")
	wantStatus(t, p, http.StatusOK)
	// The closed test campaign is offered as a previous wave.
	wantContains(t, p, `<option value="`+as.Campaign.ID+`"`, "Vague précédente")
	checkAccessible(t, p)

	f := campaignFields()
	f.Set("previous", as.Campaign.ID)
	f.Set("unit_map", "Direction B => Accueil\n")
	body, ctype := multipartBody(t, f, nil)
	loc := wantRedirect(t, b.do(http.MethodPost, "/admin/campaigns", body, ctype), "")
	camp, err := as.Store.Campaign(context.Background(), strings.TrimPrefix(loc, "/admin/campaigns/"))
	if err != nil {
		t.Fatal(err)
	}
	if camp.Previous != as.Campaign.ID || camp.UnitMap["Direction B"] != "Accueil" {
		t.Fatalf("previous %q, unit_map %v; want the closed campaign and the rename", camp.Previous, camp.UnitMap)
	}
	p = b.get(loc + "/edit")
	wantContains(t, p, "Direction B =&gt; Accueil", `<option value="`+as.Campaign.ID+`" selected>`)

	t.Run("MergeRefusedKeepsInput", func(t *testing.T) {
		f := campaignFields()
		f.Set("previous", as.Campaign.ID)
		f.Set("unit_map", "Direction A => Accueil\nDirection B => Accueil\n")
		body, ctype := multipartBody(t, f, nil)
		p := b.do(http.MethodPost, "/admin/campaigns", body, ctype)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "une fusion ne se compare pas", "Direction A =&gt; Accueil")
	})
	t.Run("BadLine", func(t *testing.T) {
		f := campaignFields()
		f.Set("previous", as.Campaign.ID)
		f.Set("unit_map", "Direction A -> Accueil\n")
		body, ctype := multipartBody(t, f, nil)
		p := b.do(http.MethodPost, "/admin/campaigns", body, ctype)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Services renommés, ligne 1")
	})
}
