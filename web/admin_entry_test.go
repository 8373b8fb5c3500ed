package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/vigie-sante/vigie"
)

// entryForm is the entry screen's form for a sheet: charge-et-soutien has
// six items on 1–5, climat two on 0–4.
func entryForm(sheet, charge, climat string) url.Values {
	return url.Values{"sheet": {sheet}, "unit": {"Direction B"}, "seg.metier": {"Encadrement"},
		"q.charge-et-soutien": {charge}, "q.climat": {climat}, "c.charge-et-soutien": {"Trop de dossiers."}}
}

func TestAdminEntryScreen(t *testing.T) {
	as := MustNewAdminServer(t)
	ctx := context.Background()
	u, err := as.Store.CreateUser(ctx, "saisie@cabinet.test", vigie.RoleEntry, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := as.Store.GrantCampaign(ctx, u.ID, as.Campaign.ID); err != nil {
		t.Fatal(err)
	}
	b := as.signedIn(t, "saisie@cabinet.test")
	path := "/admin/campaigns/" + as.Campaign.ID + "/saisie"
	home := b.get("/admin")
	wantContains(t, home, path)
	p := b.get(path)
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Je dois souvent me dépêcher.", "On se parle mal.", "Numéro de feuille")
	wantStatus(t, b.get("/admin/campaigns/"+as.Campaign.ID), http.StatusForbidden)
	wantStatus(t, b.get("/admin/campaigns/"+as.Campaign.ID+"/results/climat"), http.StatusForbidden)
	wantStatus(t, b.get("/admin/campaigns/"+as.Campaign.ID+"/comments"), http.StatusForbidden)

	sheets := as.MustCodes(t, 2)
	t.Run("TwoEntries", func(t *testing.T) {
		p := b.post(path, entryForm(sheets[0], "4-3214", "04"))
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "première saisie gardée")
		p = b.post(path, entryForm(sheets[0], "4-3214", "04"))
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "enregistrée")
		if n := as.responseCount(t); n != 1 {
			t.Fatalf("%d responses, want 1", n)
		}
		got := as.responses(t)[0].Answers
		if got["charge-et-soutien"]["charge1"] != 4 || got["charge-et-soutien"]["soutien3"] != 4 || got["climat"]["tension2"] != 4 {
			t.Fatalf("stored answers %v", got)
		}
		if _, ok := got["charge-et-soutien"]["charge2"]; ok {
			t.Fatalf("« - » stored as a value: %v", got)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		p := b.post(path, entryForm(sheets[1], "4-3219", "04"))
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "question 6", "4-3219") // named, and the input kept
		p = b.post(path, entryForm(sheets[1], "4-321", "04"))
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "5 réponses tapées pour 6 questions")
	})
	t.Run("MismatchSideBySide", func(t *testing.T) {
		wantStatus(t, b.post(path, entryForm(sheets[1], "4-3214", "04")), http.StatusOK)
		p := b.post(path, entryForm(sheets[1], "4-3214", "03"))
		wantStatus(t, p, http.StatusConflict)
		wantContains(t, p, "On se parle mal.", "4 (Toujours)", "3 (Souvent)", `name="resolve"`)
		form := entryForm(sheets[1], "4-3214", "03")
		form.Set("resolve", "1")
		p = b.post(path, form)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "saisie corrigée")
		if n := as.responseCount(t); n != 2 {
			t.Fatalf("%d responses, want 2", n)
		}
	})
}
