package web_test

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// The campaign form shows segments in French only; saving a draft must
// keep the English a campaign file gave to labels and categories.
func TestCampaignFormKeepsTranslations(t *testing.T) {
	ctx := context.Background()
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	body, ctype := multipartBody(t, campaignFields(), nil)
	loc := wantRedirect(t, b.do(http.MethodPost, "/admin/campaigns", body, ctype), "")
	id := strings.TrimPrefix(loc, "/admin/campaigns/")

	camp, err := as.Store.Campaign(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	spec := camp.Spec()
	spec.Segments[0].Label["en"] = "Job"
	spec.Segments[0].CategoryLabels = map[string]map[string]string{"Encadrant": {"fr": "Encadrant", "en": "Manager"}}
	if _, err := as.Store.UpdateCampaign(ctx, id, spec); err != nil {
		t.Fatalf("UpdateCampaign: %v", err)
	}

	f := campaignFields()
	f.Set("segments", "metier;Métier;Agent;Encadrant;Technicien\n") // a category added in the form
	body, ctype = multipartBody(t, f, nil)
	wantRedirect(t, b.do(http.MethodPost, loc+"/edit", body, ctype), loc)
	camp, err = as.Store.Campaign(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	seg := camp.Segments[0]
	if seg.Label["en"] != "Job" {
		t.Errorf("label = %v, want the English kept", seg.Label)
	}
	want := map[string]map[string]string{"Encadrant": {"fr": "Encadrant", "en": "Manager"}}
	if !reflect.DeepEqual(seg.CategoryLabels, want) {
		t.Errorf("category labels = %v, want %v", seg.CategoryLabels, want)
	}
	if got := seg.CategoryLabel("Technicien", "en"); got != "Technicien" {
		t.Errorf("new category in English = %q, want its French name", got)
	}
}
