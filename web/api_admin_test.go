package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
)

const apiCampaignBody = `{
  "title": "Baromètre API",
  "organisation": "Centre hospitalier",
  "questionnaires": ["charge-et-soutien"],
  "units": [{"path": "Pôle A/Urgences", "headcount": 30}, {"path": "Pôle B", "headcount": 12}],
  "segments": [{"id": "metier", "label": {"fr": "Métier"}, "categories": ["Soignant", "Administratif"]}],
  "min_group_size": 5,
  "access": "codes"
}`

func TestAPIWithToken(t *testing.T) {
	as := MustNewAdminServer(t)
	tokenID, token := as.token(t, as.Consultant)

	p := as.api(t, token, http.MethodGet, "/api/v1/questionnaires", "")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `"id":"charge-et-soutien"`, `"dimensions"`)

	p = as.api(t, token, http.MethodPost, "/api/v1/campaigns", apiCampaignBody)
	wantStatus(t, p, http.StatusCreated)
	var created struct{ ID, URL string }
	decode(t, p, &created)
	if created.ID == "" || !strings.HasPrefix(created.URL, "https://vigie.example.org/r/") {
		t.Fatalf("created = %+v", created)
	}
	as.wantAudit(t, consultantEmail+" campaign.create")
	base := "/api/v1/campaigns/" + created.ID

	p = as.api(t, token, http.MethodPost, "/api/v1/campaigns", `{"title": "", "questionnaires": ["inconnu"], "min_group_size": 2}`)
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, `"error":`)

	p = as.api(t, token, http.MethodGet, "/api/v1/campaigns", "")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, created.ID, as.Campaign.ID)

	p = as.api(t, token, http.MethodGet, base, "")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `"state":"draft"`, `"units":[`, `"Urgences"`)

	wantStatus(t, as.api(t, token, http.MethodPost, base+"/open", ""), http.StatusOK)
	wantStatus(t, as.api(t, token, http.MethodPost, base+"/open", ""), http.StatusConflict)

	p = as.api(t, token, http.MethodPost, base+"/codes", `{"count": 4, "unit": "Pôle A/Urgences"}`)
	wantStatus(t, p, http.StatusCreated)
	var codes struct{ Codes []string }
	decode(t, p, &codes)
	if len(codes.Codes) != 4 {
		t.Fatalf("codes = %v", codes.Codes)
	}
	if unit, err := as.Store.CheckCode(context.Background(), created.ID, codes.Codes[0]); err != nil || strings.Join(unit, "/") != "Pôle A/Urgences" {
		t.Fatalf("code unit = %v, %v", unit, err)
	}
	as.wantAudit(t, consultantEmail+" codes.generate")
	wantStatus(t, as.api(t, token, http.MethodPost, base+"/codes", `{"count": 0}`), http.StatusBadRequest)
	wantStatus(t, as.api(t, token, http.MethodPost, base+"/codes", `{"count": "dix"}`), http.StatusBadRequest)

	// Grant the viewer, who then reads the campaign with a token of their own.
	wantStatus(t, as.api(t, token, http.MethodPost, base+"/viewers", `{"email": "`+viewerEmail+`"}`), http.StatusOK)
	p = as.api(t, token, http.MethodPost, base+"/viewers", `{"email": "personne@nulle.part"}`)
	wantStatus(t, p, http.StatusBadRequest)
	_, vtoken := as.token(t, as.Viewer)
	p = as.api(t, vtoken, http.MethodGet, base, "")
	wantStatus(t, p, http.StatusOK)
	if strings.Contains(p.Body, `"units"`) || strings.Contains(p.Body, `"url"`) {
		t.Errorf("a viewer gets the campaign's settings: %s", p.Body)
	}
	wantStatus(t, as.api(t, vtoken, http.MethodGet, base+"/participation", ""), http.StatusOK)
	wantStatus(t, as.api(t, vtoken, http.MethodPost, base+"/codes", `{"count": 1}`), http.StatusForbidden)
	wantStatus(t, as.api(t, vtoken, http.MethodGet, base+"/comments", ""), http.StatusForbidden)

	p = as.api(t, token, http.MethodGet, base+"/results", "")
	wantStatus(t, p, http.StatusBadRequest)
	// Results, like comments, wait for the closing.
	p = as.api(t, token, http.MethodGet, base+"/results?questionnaire=charge-et-soutien", "")
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, `{"error":"Les résultats seront disponibles à la clôture`)

	// Comments: conflict before closing, then moderated through the API.
	wantStatus(t, as.api(t, token, http.MethodGet, base+"/comments", ""), http.StatusConflict)
	wantStatus(t, as.api(t, token, http.MethodPost, base+"/close", ""), http.StatusOK)
	p = as.api(t, token, http.MethodGet, base+"/results?questionnaire=climat", "")
	wantStatus(t, p, http.StatusNotFound)
	p = as.api(t, token, http.MethodGet, base+"/results?questionnaire=charge-et-soutien", "")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `"questionnaire":{"id":"charge-et-soutien"`)
	p = as.api(t, token, http.MethodGet, base+"/comments", "")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `"comments":[]`)
	p = as.api(t, token, http.MethodPost, base+"/comments/c_inconnu", `{"action": "publish"}`)
	wantStatus(t, p, http.StatusNotFound)

	// A revoked token is refused.
	if err := as.Store.RevokeToken(context.Background(), tokenID); err != nil {
		t.Fatal(err)
	}
	p = as.api(t, token, http.MethodGet, "/api/v1/campaigns", "")
	wantStatus(t, p, http.StatusUnauthorized)
	wantContains(t, p, `"error":"Jeton d'API inconnu ou révoqué."`)
	wantStatus(t, as.api(t, "vigie_faux", http.MethodGet, "/api/v1/campaigns", ""), http.StatusUnauthorized)
	wantStatus(t, as.api(t, "", http.MethodGet, "/api/v1/campaigns", ""), http.StatusUnauthorized)
}

func TestAPIModeration(t *testing.T) {
	as := smallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	base := "/api/v1/campaigns/" + as.Campaign.ID
	wantStatus(t, as.api(t, token, http.MethodPost, base+"/close", ""), http.StatusOK)
	p := as.api(t, token, http.MethodGet, base+"/comments", "")
	wantStatus(t, p, http.StatusOK)
	var got struct {
		Comments []struct {
			ID, Original, Status string
			Unit                 []string
			Hints                []struct{ Kind, Word string }
		}
	}
	decode(t, p, &got)
	if len(got.Comments) != 14 {
		t.Fatalf("%d comments, want 14", len(got.Comments))
	}
	// "Direction B n°k" is flagged for its capital B; "Service 1 n°k" is not.
	for _, cm := range got.Comments {
		flagged := len(cm.Hints) == 1 && cm.Hints[0].Kind == "name" && cm.Hints[0].Word == "B"
		if strings.HasPrefix(cm.Original, "Direction B") != flagged || (!flagged && len(cm.Hints) != 0) {
			t.Errorf("comment %q: hints %+v", cm.Original, cm.Hints)
		}
	}
	if strings.Contains(p.Body, "week") || strings.Contains(p.Body, "2027-") { // not "2027": a random hex id may hold it
		t.Errorf("comments carry a date: %s", p.Body)
	}
	id, orig := got.Comments[0].ID, got.Comments[0].Original
	// A redaction may only cut, each cut marked: anything else is a 400.
	for _, text := range []string{"x", orig + " !", "[…] " + orig, ""} {
		p = as.api(t, token, http.MethodPost, base+"/comments/"+id, `{"action": "redact", "text": "`+text+`"}`)
		wantStatus(t, p, http.StatusBadRequest)
		var e struct{ Error string }
		if decode(t, p, &e); e.Error == "" {
			t.Fatalf("400 without an error message: %s", p.Body)
		}
	}
	redacted := "[…] " + orig[strings.LastIndex(orig, " ")+1:]
	p = as.api(t, token, http.MethodPost, base+"/comments/"+id, `{"action": "redact", "text": "`+redacted+`"}`)
	wantStatus(t, p, http.StatusOK)
	p = as.api(t, token, http.MethodPost, base+"/comments/"+id, `{"action": "effacer"}`)
	wantStatus(t, p, http.StatusBadRequest)
	as.wantAudit(t, consultantEmail+" comment.redact")
	published, _ := as.Store.PublishedComments(context.Background(), as.Campaign.ID, "")
	if len(published) != 1 || published[0].Text != redacted {
		t.Fatalf("published = %+v", published)
	}
}

func TestAuditPage(t *testing.T) {
	as := MustNewAdminServer(t, withState(vigie.StateDraft))
	b := as.signedIn(t, consultantEmail)
	wantRedirect(t, b.post("/admin/campaigns/"+as.Campaign.ID+"/open", confirmed), "")
	p := b.get("/admin/audit")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Campagne ouverte aux réponses", consultantEmail, ">"+as.Campaign.Title+"</a>")
	wantStatus(t, as.signedIn(t, viewerEmail).get("/admin/audit"), http.StatusForbidden)

	// Comment decisions: said in words, without the comment's random id.
	as.submitN(t, 10, []string{"Direction B"}, "Un avis")
	wantRedirect(t, b.post("/admin/campaigns/"+as.Campaign.ID+"/close", confirmed), "")
	list, err := as.Store.CommentsForModeration(t.Context(), as.Campaign.ID, 0)
	if err != nil || len(list) == 0 {
		t.Fatalf("CommentsForModeration: %d, %v", len(list), err)
	}
	b.post("/admin/campaigns/"+as.Campaign.ID+"/comments/"+list[0].ID, url.Values{"action": {"reject"}})
	p = b.get("/admin/audit?campaign=" + as.Campaign.ID)
	wantContains(t, p, "Commentaire rejeté", "Campagne close", "Campagne « "+as.Campaign.Title+" » seulement")
	for _, raw := range []string{list[0].ID, "comment.reject", "campaign.close"} {
		if strings.Contains(p.Body, raw) {
			t.Errorf("the audit page shows %q", raw)
		}
	}
}

func TestViewerSeesOnlyGrantedCampaigns(t *testing.T) {
	as := MustNewAdminServer(t)
	p := as.signedIn(t, viewerEmail).get("/admin")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, as.Campaign.Title)
	if strings.Contains(p.Body, "Nouvelle campagne") || strings.Contains(p.Body, "/admin/audit") {
		t.Errorf("a viewer sees consultant links")
	}
	p = as.signedIn(t, outsiderEmail).get("/admin")
	wantStatus(t, p, http.StatusOK)
	if strings.Contains(p.Body, as.Campaign.Title) {
		t.Errorf("a viewer not granted sees the campaign")
	}
}
