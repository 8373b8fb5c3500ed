package web_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

func TestPrepareNextWave(t *testing.T) {
	as := MustNewAdminServer(t)
	as.closeCampaign(t)
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID
	wantContains(t, b.get(base), "Préparer la vague suivante", `action="`+base+`/next-wave"`)

	loc := wantRedirect(t, b.post(base+"/next-wave", nil), "/edit")
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/admin/campaigns/"), "/edit")
	next, err := as.Store.Campaign(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := as.Store.Campaign(context.Background(), as.Campaign.ID)
	if next.State != vigie.StateDraft || next.Previous != old.ID || !reflect.DeepEqual(next.Units, old.Units) ||
		!reflect.DeepEqual(next.Segments, old.Segments) || !reflect.DeepEqual(next.Questionnaires, old.Questionnaires) {
		t.Errorf("next wave = %+v, want a draft copying %+v with it as previous", next, old)
	}
	p := b.get(loc)
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "(vague suivante)", `<option value="`+old.ID+`" selected>`)
	as.wantAudit(t, consultantEmail+" campaign.next_wave")

	t.Run("ErrViewer", func(t *testing.T) {
		wantStatus(t, as.signedIn(t, viewerEmail).post(base+"/next-wave", nil), http.StatusForbidden)
	})
	t.Run("API", func(t *testing.T) {
		_, tok := as.token(t, as.Consultant)
		p := as.api(t, tok, http.MethodPost, "/api/v1/campaigns/"+as.Campaign.ID+"/next-wave", "")
		wantStatus(t, p, http.StatusCreated)
		wantContains(t, p, `"previous":"`+as.Campaign.ID+`"`)
	})
}

func TestNewCampaignFromPreviousWave(t *testing.T) {
	as := MustNewAdminServer(t)
	as.closeCampaign(t)
	b := as.signedIn(t, consultantEmail)
	old, _ := as.Store.Campaign(context.Background(), as.Campaign.ID)

	// ?previous= fills the form.
	p := b.get("/admin/campaigns/new?previous=" + old.ID)
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Direction A/Service 2", `value="`+old.Organisation+`"`, `<option value="`+old.ID+`" selected>`)
	for _, q := range old.Questionnaires {
		wantContains(t, p, `value="`+q+`" checked`)
	}

	// Choosing the previous wave with the rest left empty copies it.
	f := url.Values{"title": {"Baromètre 2028"}, "organisation": {old.Organisation}, "previous": {old.ID}, "access": {"codes"},
		"min_group_size": {"5"}, "comment_min_group_size": {"10"}}
	body, ctype := multipartBody(t, f, nil)
	loc := wantRedirect(t, b.do(http.MethodPost, "/admin/campaigns", body, ctype), "")
	got, err := as.Store.Campaign(context.Background(), strings.TrimPrefix(loc, "/admin/campaigns/"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Previous != old.ID || !reflect.DeepEqual(got.Units, old.Units) || !reflect.DeepEqual(got.Questionnaires, old.Questionnaires) || len(got.Segments) != len(old.Segments) {
		t.Errorf("new campaign = %+v, want the previous wave's units, segments and questionnaires", got)
	}
}
