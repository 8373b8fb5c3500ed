package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// actionsPath is the address of the plan of the test campaign, with an
// optional tail ("/a_xyz").
func actionsPath(as *adminServer, tail string) string {
	return "/api/v1/campaigns/" + as.Campaign.ID + "/actions" + tail
}

// validActionJSON is the example action, in the test campaign.
const validActionJSON = `{"title": "Temps d'échange mensuel sur les dossiers complexes", "description": "Une heure par mois.",
 "unit": "Direction A/Service 2", "dimensions": ["charge-et-soutien/soutien"], "owner": "Responsable de service",
 "due": "2027-03-31", "budget": "2 h par mois", "status": "planned", "follow_up": "Dimension soutien à la prochaine vague"}`

// createAction posts validActionJSON as the consultant and returns its id.
func (as *adminServer) createAction(tb testing.TB, token string) string {
	tb.Helper()
	p := as.api(tb, token, http.MethodPost, actionsPath(as, ""), validActionJSON)
	wantStatus(tb, p, http.StatusCreated)
	var a struct{ ID string }
	decode(tb, p, &a)
	return a.ID
}

func TestAPIActionValidation(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	id := as.createAction(t, token)
	for _, tc := range []struct {
		name, body, field string
	}{
		{"TitleMissing", `{"title": " "}`, "title :"},
		{"TitleTooLong", `{"title": "` + strings.Repeat("x", 201) + `"}`, "title :"},
		{"TitleNotText", `{"title": 3}`, "title :"},
		{"DescriptionTooLong", `{"title": "t", "description": "` + strings.Repeat("x", 4001) + `"}`, "description :"},
		{"UnitUnknown", `{"title": "t", "unit": "Direction C"}`, "unit :"},
		{"DimensionsNotAList", `{"title": "t", "dimensions": "charge-et-soutien/charge"}`, "dimensions :"},
		{"DimensionUnknown", `{"title": "t", "dimensions": ["charge-et-soutien/inconnue"]}`, "dimensions :"},
		{"DimensionTwice", `{"title": "t", "dimensions": ["climat/tension", "climat/tension"]}`, "dimensions :"},
		{"RiskFamilyUnknown", `{"title": "t", "risk_family": "stress"}`, "risk_family :"},
		{"OwnerTooLong", `{"title": "t", "owner": "` + strings.Repeat("x", 201) + `"}`, "owner :"},
		{"DueNotADate", `{"title": "t", "due": "fin mars"}`, "due :"},
		{"BudgetTooLong", `{"title": "t", "budget": "` + strings.Repeat("x", 201) + `"}`, "budget :"},
		{"StatusUnknown", `{"title": "t", "status": "fini"}`, "status :"},
		{"FollowUpTooLong", `{"title": "t", "follow_up": "` + strings.Repeat("x", 4001) + `"}`, "follow_up :"},
		{"UnknownField", `{"title": "t", "priority": 1}`, "priority :"},
		{"IDNotWritable", `{"title": "t", "id": "a_moi"}`, "id :"},
		// encoding/json would store U+FFFD in place of the bad byte.
		{"NotUTF8", "{\"title\": \"caf\xe9\"}", "Le corps de la requête n'est pas du texte UTF-8 valide (octet n° 15)"},
		{"Control", `{"title": "t", "description": "a\u0000b"}`, "description : le texte contient un caractère invisible ou de contrôle (U+0000"},
		{"BidiOverride", `{"title": "t", "owner": "RH \u202e"}`, "owner : le texte contient un caractère invisible ou de contrôle (U+202E"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, req := range []struct{ method, path string }{
				{http.MethodPost, actionsPath(as, "")},
				{http.MethodPatch, actionsPath(as, "/"+id)},
			} {
				p := as.api(t, token, req.method, req.path, tc.body)
				var e struct{ Error string }
				decode(t, p, &e)
				if p.Status != http.StatusBadRequest || !strings.HasPrefix(e.Error, tc.field) {
					t.Errorf("%s: %d %q, want 400 starting with %q", req.method, p.Status, e.Error, tc.field)
				}
			}
		})
	}
}

func TestAPIActionsLifecycle(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	id := as.createAction(t, token)

	p := as.api(t, token, http.MethodGet, actionsPath(as, "/"+id), "")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `"unit":"Direction A/Service 2"`, `"dimensions":["charge-et-soutien/soutien"]`, `"status":"planned"`, `"due":"2027-03-31"`)

	p = as.api(t, token, http.MethodPatch, actionsPath(as, "/"+id), `{"status": "in_progress"}`)
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `"status":"in_progress"`, `"owner":"Responsable de service"`)

	p = as.api(t, token, http.MethodGet, actionsPath(as, ""), "")
	var list struct{ Actions []struct{ ID, Status string } }
	decode(t, p, &list)
	if len(list.Actions) != 1 || list.Actions[0].ID != id || list.Actions[0].Status != "in_progress" {
		t.Fatalf("actions = %+v", list.Actions)
	}
	wantStatus(t, as.api(t, token, http.MethodDelete, actionsPath(as, "/"+id), ""), http.StatusOK)
	wantStatus(t, as.api(t, token, http.MethodGet, actionsPath(as, "/"+id), ""), http.StatusNotFound)
	wantStatus(t, as.api(t, token, http.MethodDelete, actionsPath(as, "/"+id), ""), http.StatusNotFound)
	for _, a := range []string{"action.create", "action.update", "action.delete"} {
		as.wantAudit(t, consultantEmail+" "+a)
	}
}

func TestAPIActionsWaitForClosing(t *testing.T) {
	as := MustNewAdminServer(t)
	_, token := as.token(t, as.Consultant)
	for _, req := range []struct{ method, path, body string }{
		{http.MethodGet, actionsPath(as, ""), ""},
		{http.MethodPost, actionsPath(as, ""), validActionJSON},
		{http.MethodGet, "/api/v1/campaigns/" + as.Campaign.ID + "/duerp.xlsx", ""},
		{http.MethodPost, "/api/v1/campaigns/" + as.Campaign.ID + "/duerp/versions", ""},
	} {
		if p := as.api(t, token, req.method, req.path, req.body); p.Status != http.StatusConflict || !strings.Contains(p.Body, "clôture") {
			t.Errorf("%s %s before closing: %d %s, want 409 saying results wait for the closing", req.method, req.path, p.Status, p.Body)
		}
	}
}

// TestAPIAfterResultsAccess calls every route of the plan and the DUERP
// as the viewer granted the campaign (reads only: 403 on every write),
// the viewer not granted (403 everywhere) and the consultant.
func TestAPIAfterResultsAccess(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, consultant := as.token(t, as.Consultant)
	_, viewer := as.token(t, as.Viewer)
	_, outsider := as.token(t, as.Outsider)
	id := as.createAction(t, consultant)
	wantStatus(t, as.api(t, consultant, http.MethodPost, "/api/v1/campaigns/"+as.Campaign.ID+"/duerp/versions", ""), http.StatusCreated)
	base := "/api/v1/campaigns/" + as.Campaign.ID
	for _, r := range []struct {
		method, path, body string
		write              bool
		ok                 int // the consultant's status
	}{
		{http.MethodGet, base + "/actions", "", false, http.StatusOK},
		{http.MethodGet, base + "/actions/" + id, "", false, http.StatusOK},
		{http.MethodGet, base + "/duerp.xlsx", "", false, http.StatusOK},
		{http.MethodGet, base + "/duerp/versions", "", false, http.StatusOK},
		{http.MethodGet, base + "/duerp/versions/1.xlsx", "", false, http.StatusOK},
		{http.MethodPost, base + "/actions", validActionJSON, true, http.StatusCreated},
		{http.MethodPatch, base + "/actions/" + id, `{"status": "done"}`, true, http.StatusOK},
		{http.MethodPut, base + "/duerp/measures", `{"unit": "", "risk_family": "", "measures": "Réunions"}`, true, http.StatusOK},
		{http.MethodPost, base + "/duerp/versions", "", true, http.StatusCreated},
		{http.MethodDelete, base + "/actions/" + id, "", true, http.StatusOK},
	} {
		name := r.method + " " + strings.TrimPrefix(r.path, base)
		if p := as.api(t, outsider, r.method, r.path, r.body); p.Status != http.StatusForbidden {
			t.Errorf("viewer not granted, %s: %d, want 403", name, p.Status)
		}
		want := r.ok
		if r.write {
			want = http.StatusForbidden
		}
		if p := as.api(t, viewer, r.method, r.path, r.body); p.Status != want {
			t.Errorf("viewer, %s: %d %.200s, want %d", name, p.Status, p.Body, want)
		}
		if p := as.api(t, consultant, r.method, r.path, r.body); p.Status != r.ok {
			t.Errorf("consultant, %s: %d %.200s, want %d", name, p.Status, p.Body, r.ok)
		}
	}
}
