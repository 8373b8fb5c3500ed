package web_test

import (
	"context"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// TestCampaignFormContext checks that the campaign form takes who runs the
// survey and why, in French and English, shows them back for editing and
// on the campaign page, and refuses an English text without French.
func TestCampaignFormContext(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)
	wantContains(t, b.get("/admin/campaigns/new"), `id="conducted_by_fr"`, `id="purpose_en"`)

	f := campaignFields()
	f.Set("conducted_by_fr", "Cabinet Dyadesens, à la demande du CSE")
	f.Set("conducted_by_en", "Dyadesens, at the request of the CSE")
	f.Set("purpose_fr", "Comprendre le travail réel.\r\n\r\nPréparer des groupes de travail.")
	body, ctype := multipartBody(t, f, nil)
	loc := wantRedirect(t, b.do(http.MethodPost, "/admin/campaigns", body, ctype), "")
	camp, err := as.Store.Campaign(context.Background(), strings.TrimPrefix(loc, "/admin/campaigns/"))
	if err != nil {
		t.Fatal(err)
	}
	wantBy := map[string]string{"fr": "Cabinet Dyadesens, à la demande du CSE", "en": "Dyadesens, at the request of the CSE"}
	wantPurpose := map[string]string{"fr": "Comprendre le travail réel.\n\nPréparer des groupes de travail."}
	if !reflect.DeepEqual(camp.ConductedBy, wantBy) || !reflect.DeepEqual(camp.Purpose, wantPurpose) {
		t.Fatalf("stored conducted_by = %q, purpose = %q; want %q, %q", camp.ConductedBy, camp.Purpose, wantBy, wantPurpose)
	}

	p := b.get(loc)
	wantContains(t, p, "Enquête menée par&nbsp;: Cabinet Dyadesens, à la demande du CSE",
		"<p>Comprendre le travail réel.</p><p>Préparer des groupes de travail.</p>")

	p = b.get(loc + "/edit")
	wantContains(t, p, ">Cabinet Dyadesens, à la demande du CSE</textarea>", ">Dyadesens, at the request of the CSE</textarea>",
		"Préparer des groupes de travail.</textarea>")

	t.Run("ClearedOnEdit", func(t *testing.T) {
		body, ctype := multipartBody(t, campaignFields(), nil)
		wantRedirect(t, b.do(http.MethodPost, loc+"/edit", body, ctype), loc)
		camp, _ := as.Store.Campaign(context.Background(), camp.ID)
		if camp.ConductedBy != nil || camp.Purpose != nil {
			t.Fatalf("after clearing the boxes: conducted_by = %q, purpose = %q; want none", camp.ConductedBy, camp.Purpose)
		}
	})

	t.Run("ErrEnglishWithoutFrench", func(t *testing.T) {
		f := campaignFields()
		f.Set("purpose_en", "Understand real work.")
		body, ctype := multipartBody(t, f, nil)
		p := b.do(http.MethodPost, "/admin/campaigns", body, ctype)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Pourquoi cette enquête : le texte en français (purpose.fr) est requis", ">Understand real work.</textarea>")
	})
}

// TestAPICampaignContext checks that POST /api/v1/campaigns takes
// conducted_by and purpose and GET returns them.
func TestAPICampaignContext(t *testing.T) {
	as := MustNewAdminServer(t)
	_, token := as.token(t, as.Consultant)
	body := strings.Replace(apiCampaignBody, `"organisation": "Centre hospitalier",`,
		`"organisation": "Centre hospitalier", "conducted_by": {"fr": "Cabinet Dyadesens", "en": "Dyadesens"}, "purpose": "Comprendre.",`, 1)
	p := as.api(t, token, http.MethodPost, "/api/v1/campaigns", body)
	wantStatus(t, p, http.StatusCreated)
	var created struct{ ID string }
	decode(t, p, &created)

	p = as.api(t, token, http.MethodGet, "/api/v1/campaigns/"+created.ID, "")
	wantStatus(t, p, http.StatusOK)
	var got struct {
		ConductedBy map[string]string `json:"conducted_by"`
		Purpose     map[string]string `json:"purpose"`
	}
	decode(t, p, &got)
	if got.ConductedBy["fr"] != "Cabinet Dyadesens" || got.ConductedBy["en"] != "Dyadesens" || got.Purpose["fr"] != "Comprendre." {
		t.Fatalf("GET conducted_by = %q, purpose = %q", got.ConductedBy, got.Purpose)
	}

	p = as.api(t, token, http.MethodPost, "/api/v1/campaigns", strings.Replace(apiCampaignBody, `"organisation": "Centre hospitalier",`,
		`"organisation": "Centre hospitalier", "conducted_by": {"en": "Dyadesens"},`, 1))
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "conducted_by.fr")
}
