package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// duerpPath is the address of the DUERP of the test campaign, with a tail.
func duerpPath(as *adminServer, tail string) string {
	return "/api/v1/campaigns/" + as.Campaign.ID + "/duerp" + tail
}

// workbookRows opens a downloaded workbook and returns the rows of sheet.
func workbookRows(tb testing.TB, p *page, sheet string) [][]string {
	tb.Helper()
	if p.Status != http.StatusOK || p.Header.Get("Content-Type") != xlsxType {
		tb.Fatalf("download: %d %s, want 200 %s", p.Status, p.Header.Get("Content-Type"), xlsxType)
	}
	f, err := excelize.OpenReader(strings.NewReader(p.Body))
	if err != nil {
		tb.Fatalf("open workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		tb.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows
}

// The test questionnaires give no risk family: their rows are "Non
// classé" until the questionnaires say (issue 10, part 1).
func TestAPIDUERPWorkbook(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	as.createAction(t, token) // Direction A/Service 2: unpublished, so in the Actions sheet only
	p := as.api(t, token, http.MethodPost, actionsPath(as, ""), `{"title": "=Charte", "unit": "Direction B", "owner": "@DRH", "due": "2027-06-30"}`)
	wantStatus(t, p, http.StatusCreated)
	wantStatus(t, as.api(t, token, http.MethodPut, duerpPath(as, "/measures"),
		`{"unit": "Direction B", "risk_family": "", "measures": "+Entretiens annuels"}`), http.StatusOK)

	p = as.api(t, token, http.MethodGet, duerpPath(as, ".xlsx"), "")
	rows := workbookRows(t, p, "DUERP")
	var units []string
	for _, r := range rows[1:] {
		units = append(units, r[0]+" | "+r[1])
	}
	if got, want := strings.Join(units, "\n"), "Ensemble | Non classé\nDirection A | Non classé\nDirection B | Non classé"; got != want {
		t.Fatalf("DUERP rows:\n%s\nwant (published units only):\n%s", got, want)
	}
	b := rows[3]
	if b[4] != "+Entretiens annuels" || !strings.HasPrefix(b[5], "=Charte – porteur : @DRH – échéance : 2027-06-30 – prévue") || b[6] != "2027-02-02" {
		t.Errorf("Direction B row = %q", b)
	}
	if !strings.Contains(b[2], "Charge de travail : ") || !strings.Contains(b[2], "défavorable (n = 6)") {
		t.Errorf("dimensions of Direction B = %q", b[2])
	}
	if acts := workbookRows(t, p, "Actions"); len(acts) != 3 || acts[1][2] != "Direction A / Service 2" || acts[2][0] != "=Charte" {
		t.Errorf("Actions sheet = %q", acts)
	}
	as.wantAudit(t, consultantEmail+" duerp.export")
	as.wantAudit(t, consultantEmail+" duerp.measures")
}

func TestAPIDUERPMeasuresValidation(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	for _, tc := range []struct {
		name, body, field string
	}{
		{"UnknownFamily", `{"unit": "", "risk_family": "stress", "measures": "x"}`, "risk_family :"},
		{"FamilyWithoutDimension", `{"unit": "", "risk_family": "autonomie", "measures": "x"}`, "risk_family :"},
		{"UnknownUnit", `{"unit": "Direction C", "risk_family": "", "measures": "x"}`, "unit :"},
		{"UnpublishedUnit", `{"unit": "Direction A/Service 2", "risk_family": "", "measures": "x"}`, "unit :"},
		{"MeasuresMissing", `{"unit": "", "risk_family": ""}`, "measures :"},
		{"MeasuresNotText", `{"unit": "", "risk_family": "", "measures": ["x"]}`, "measures :"},
		{"MeasuresTooLong", `{"unit": "", "risk_family": "", "measures": "` + strings.Repeat("x", 4001) + `"}`, "measures :"},
		{"UnitNotText", `{"unit": 3, "risk_family": "", "measures": "x"}`, "unit :"},
		{"UnknownField", `{"unit": "", "risk_family": "", "measures": "x", "row": 1}`, "row :"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := as.api(t, token, http.MethodPut, duerpPath(as, "/measures"), tc.body)
			var e struct{ Error string }
			decode(t, p, &e)
			if p.Status != http.StatusBadRequest || !strings.HasPrefix(e.Error, tc.field) {
				t.Errorf("%d %q, want 400 starting with %q", p.Status, e.Error, tc.field)
			}
		})
	}
}

// TestAPIDUERPVersionExactlyAsFrozen freezes a version, changes the plan
// and the measures, and gets the version back byte for byte.
func TestAPIDUERPVersionExactlyAsFrozen(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	_, viewer := as.token(t, as.Viewer)
	p := as.api(t, token, http.MethodPost, actionsPath(as, ""), `{"title": "Charte", "unit": "Direction B"}`)
	var a struct{ ID string }
	decode(t, p, &a)
	wantStatus(t, as.api(t, token, http.MethodPut, duerpPath(as, "/measures"), `{"unit": "", "risk_family": "", "measures": "Avant"}`), http.StatusOK)

	p = as.api(t, token, http.MethodPost, duerpPath(as, "/versions"), "")
	wantStatus(t, p, http.StatusCreated)
	wantContains(t, p, `"number":1`, `"frozen_on":"2027-02-02"`, `"frozen_by":"`+consultantEmail+`"`, `/duerp/versions/1.xlsx"`)
	first := as.api(t, token, http.MethodGet, duerpPath(as, "/versions/1.xlsx"), "")
	frozen := workbookRows(t, first, "DUERP")

	wantStatus(t, as.api(t, token, http.MethodPatch, actionsPath(as, "/"+a.ID), `{"title": "Autre", "status": "done"}`), http.StatusOK)
	wantStatus(t, as.api(t, token, http.MethodPut, duerpPath(as, "/measures"), `{"unit": "", "risk_family": "", "measures": "Après"}`), http.StatusOK)
	wantStatus(t, as.api(t, token, http.MethodDelete, actionsPath(as, "/"+a.ID), ""), http.StatusOK)
	wantStatus(t, as.api(t, token, http.MethodPost, duerpPath(as, "/versions"), ""), http.StatusCreated)

	again := as.api(t, viewer, http.MethodGet, duerpPath(as, "/versions/1.xlsx"), "")
	if again.Body != first.Body {
		t.Fatal("version 1 changed after the plan and the measures did")
	}
	if frozen[1][4] != "Avant" || !strings.HasPrefix(frozen[3][5], "Charte") {
		t.Errorf("version 1 rows = %q, want the measures and actions of its day", frozen)
	}
	if now := workbookRows(t, as.api(t, token, http.MethodGet, duerpPath(as, ".xlsx"), ""), "DUERP"); now[1][4] != "Après" {
		t.Errorf("today's DUERP measures = %q, want the new ones", now[1][4])
	}
	p = as.api(t, viewer, http.MethodGet, duerpPath(as, "/versions"), "")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `"number":1`, `"number":2`)
	for _, bad := range []string{"3.xlsx", "x.xlsx", "01.xlsx", "1.pdf", "0.xlsx"} {
		if p := as.api(t, token, http.MethodGet, duerpPath(as, "/versions/"+bad), ""); p.Status != http.StatusNotFound || !strings.Contains(p.Body, `"error"`) {
			t.Errorf("GET versions/%s: %d %s, want 404 JSON", bad, p.Status, p.Body)
		}
	}
	// No route changes or deletes a version.
	for _, m := range []string{http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if p := as.api(t, token, m, duerpPath(as, "/versions/1.xlsx"), ""); p.Status != http.StatusNotFound && p.Status != http.StatusMethodNotAllowed {
			t.Errorf("%s versions/1.xlsx: %d, want no such route", m, p.Status)
		}
	}
	as.wantAudit(t, consultantEmail+" duerp.freeze")
	as.wantAudit(t, viewerEmail+" duerp.export")
}
