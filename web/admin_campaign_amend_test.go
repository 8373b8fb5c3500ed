package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// amendFields is the form of the open test campaign, unchanged.
func amendFields(as *adminServer) url.Values {
	c := as.Campaign
	return url.Values{
		"title": {c.Title}, "end_date": {c.EndDate}, "controller": {c.Controller}, "dpo_contact": {c.DPOContact},
		"conducted_by_fr": {c.ConductedBy["fr"]}, "conducted_by_en": {c.ConductedBy["en"]},
		"purpose_fr": {c.Purpose["fr"]}, "purpose_en": {c.Purpose["en"]},
	}
}

func TestAmendOpenCampaign(t *testing.T) {
	as := MustNewAdminServer(t) // open; now is 2 February 2027
	b := as.signedIn(t, consultantEmail)
	base := "/admin/campaigns/" + as.Campaign.ID

	p := b.get(base)
	wantContains(t, p, `href="`+base+`/edit" id="amend-link"`)
	p = b.get(base + "/edit")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Modifier la campagne ouverte", `min="2027-02-02"`, "Ce qui ne change plus",
		"Taille minimale des groupes (k)", "Le seuil d&#39;anonymat décide de ce qui est publié", "Des réponses et des codes sont déjà rattachés")
	wantNotContains(t, p, `name="min_group_size"`, `name="questionnaires"`, `name="segments"`, `name="access"`)

	allowed := []struct {
		name, field, value, audit string
	}{
		{"Title", "title", "Baromètre corrigé", "title : « " + as.Campaign.Title + " » → « Baromètre corrigé »"},
		{"EndDateExtended", "end_date", "2027-03-15", "end_date : (vide) → « 2027-03-15 »"},
		{"EndDateShortened", "end_date", "2027-02-10", "end_date : « 2027-03-15 » → « 2027-02-10 »"},
		{"EndDateToday", "end_date", "2027-02-02", "end_date : « 2027-02-10 » → « 2027-02-02 »"},
		{"Purpose", "purpose_fr", "Comprendre la charge.", "purpose.fr : (vide) → « Comprendre la charge. »"},
		{"ConductedBy", "conducted_by_fr", "Cabinet Exemple", "conducted_by.fr : (vide) → « Cabinet Exemple »"},
		{"DPO", "dpo_contact", "dpo@client.test", "dpo_contact : (vide) → « dpo@client.test »"},
		{"Controller", "controller", "Client SA", "controller : (vide) → « Client SA »"},
		{"AddUnit", "add_units", "Direction C;6", "units : ajout de Direction C"},
	}
	for _, tc := range allowed {
		t.Run(tc.name, func(t *testing.T) {
			cur, err := as.Store.Campaign(context.Background(), as.Campaign.ID)
			if err != nil {
				t.Fatal(err)
			}
			as.Campaign = cur
			f := amendFields(as)
			f.Set(tc.field, tc.value)
			wantRedirect(t, b.post(base+"/edit", f), base)
			entries, err := as.Store.AuditLog(context.Background(), 1, as.Campaign.ID)
			if err != nil || len(entries) != 1 || entries[0].Action != "campaign.amend" || entries[0].Detail != tc.audit {
				t.Errorf("last audit entry = %+v, %v; want campaign.amend %q", entries, err, tc.audit)
			}
		})
	}
	got, err := as.Store.Campaign(context.Background(), as.Campaign.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Baromètre corrigé" || got.EndDate != "2027-02-02" || got.DPOContact != "dpo@client.test" || !got.HasUnit([]string{"Direction C"}) {
		t.Errorf("campaign after the edits = %+v", got)
	}
	as.Campaign = got

	refused := []struct {
		name, field, value, message string
	}{
		{"ErrEndDatePast", "end_date", "2027-02-01", "est déjà passé"},
		{"ErrTitleEmpty", "title", "", "titre"},
		{"ErrUnitExists", "add_units", "Direction B;99", "Direction B"},
		{"ErrUnitUnderAnswered", "add_units", "Direction B/Équipe 1", "où des salariés répondent déjà"},
		{"ErrUnitLine", "add_units", "Direction D;beaucoup", "Unités à ajouter"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			before := len(as.auditActions(t))
			f := amendFields(as)
			f.Set(tc.field, tc.value)
			p := b.post(base+"/edit", f)
			if p.Status != http.StatusBadRequest && p.Status != http.StatusConflict {
				t.Fatalf("status %d, want 400 or 409: %s", p.Status, p.Body)
			}
			wantContains(t, p, "Rien n’a été modifié", tc.message, "Ce qui ne change plus")
			if after := len(as.auditActions(t)); after != before {
				t.Errorf("audit log grew from %d to %d entries on a refused edit", before, after)
			}
		})
	}
	t.Run("LockedFieldsIgnored", func(t *testing.T) {
		f := amendFields(as)
		f.Set("min_group_size", "3")
		f.Set("questionnaires", "climat")
		f.Set("access", "link")
		wantRedirect(t, b.post(base+"/edit", f), base)
		got, _ := as.Store.Campaign(context.Background(), as.Campaign.ID)
		if got.MinGroupSize != as.Campaign.MinGroupSize || got.Access != as.Campaign.Access || strings.Join(got.Questionnaires, ",") != strings.Join(as.Campaign.Questionnaires, ",") {
			t.Errorf("a locked setting changed: %+v", got)
		}
	})
	t.Run("ErrViewer", func(t *testing.T) {
		v := as.signedIn(t, viewerEmail)
		wantStatus(t, v.post(base+"/edit", amendFields(as)), http.StatusForbidden)
	})
	t.Run("ErrClosed", func(t *testing.T) {
		as.closeCampaign(t)
		wantStatus(t, b.get(base+"/edit"), http.StatusConflict)
		p := b.post(base+"/edit", amendFields(as))
		wantStatus(t, p, http.StatusConflict)
	})
}

// wantNotContains fails if the page contains any of subs.
func wantNotContains(tb testing.TB, p *page, subs ...string) {
	tb.Helper()
	for _, s := range subs {
		if strings.Contains(p.Body, s) {
			tb.Errorf("page contains %q, want it absent", s)
		}
	}
}

func TestAPICampaignAmend(t *testing.T) {
	as := MustNewAdminServer(t)
	_, token := as.token(t, as.Consultant)
	path := "/api/v1/campaigns/" + as.Campaign.ID
	for _, tc := range []struct {
		name, body string
		status     int
		want       string
	}{
		{"Title", `{"title": "Nouveau titre"}`, http.StatusOK, `"changes":[{"field":"title"`},
		{"EndDateAndUnit", `{"end_date": "2027-04-01", "add_units": [{"path": ["Direction C"], "headcount": 5}]}`, http.StatusOK, `{"field":"units","old":"","new":"Direction C"}`},
		{"DPO", `{"dpo_contact": "dpo@client.test", "purpose": {"fr": "Pourquoi."}}`, http.StatusOK, `"field":"dpo_contact"`},
		{"ErrLockedK", `{"title": "Autre", "min_group_size": 3}`, http.StatusConflict, "min_group_size ne peut plus changer"},
		{"ErrLockedQuestionnaires", `{"questionnaires": ["climat"]}`, http.StatusConflict, "questionnaires ne peut plus changer"},
		{"ErrUnknownKey", `{"couleur": "bleu"}`, http.StatusBadRequest, "n&#39;est pas un réglage modifiable"},
		{"ErrEndDatePast", `{"end_date": "2027-01-01"}`, http.StatusBadRequest, "déjà passé"},
		{"ErrNotJSON", `titre`, http.StatusBadRequest, "objet JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := as.api(t, token, http.MethodPatch, path, tc.body)
			wantStatus(t, p, tc.status)
			if !strings.Contains(p.Body, tc.want) && !strings.Contains(p.Body, strings.ReplaceAll(tc.want, "&#39;", "'")) {
				t.Errorf("body %s, want %q", p.Body, tc.want)
			}
		})
	}
	got, _ := as.Store.Campaign(context.Background(), as.Campaign.ID)
	if got.Title != "Nouveau titre" || got.EndDate != "2027-04-01" || got.MinGroupSize != as.Campaign.MinGroupSize || !got.HasUnit([]string{"Direction C"}) {
		t.Errorf("campaign after PATCH = %+v", got)
	}
	t.Run("ErrViewer", func(t *testing.T) {
		_, vt := as.token(t, as.Viewer)
		wantStatus(t, as.api(t, vt, http.MethodPatch, path, `{"title": "x"}`), http.StatusForbidden)
	})
}
