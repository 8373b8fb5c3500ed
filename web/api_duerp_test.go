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

// duerpFamilies are the row labels of one published unit: the six Gollac
// families, which the test questionnaires measure none of, then « Non
// classé » for their dimensions, which give no family.
var duerpFamilies = []string{"Intensité et temps de travail", "Exigences émotionnelles", "Manque d'autonomie",
	"Rapports sociaux au travail dégradés", "Conflits de valeurs", "Insécurité de la situation de travail", "Non classé"}

// The test questionnaires give no risk family: every published unit has
// the six families, « non évaluée par cette enquête », and their
// dimensions in « Non classé » (issue 20).
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
	var units, want []string
	for _, r := range rows[1:] {
		units = append(units, r[0]+" | "+r[1])
	}
	for _, u := range []string{"Ensemble", "Direction A", "Direction B"} {
		for _, f := range duerpFamilies {
			want = append(want, u+" | "+f)
		}
	}
	if got, want := strings.Join(units, "\n"), strings.Join(want, "\n"); got != want {
		t.Fatalf("DUERP rows:\n%s\nwant (published units only, six families each):\n%s", got, want)
	}
	if ins := rows[6]; ins[2] != "non évaluée par cette enquête" || !strings.Contains(ins[3], "crainte de perdre son emploi") {
		t.Errorf("Ensemble, insécurité = %q, want not assessed, with what would assess it", ins)
	}
	b := rows[21]
	if b[5] != "+Entretiens annuels" || !strings.HasPrefix(b[6], "=Charte – porteur : @DRH – échéance : 30/06/2027 – prévue") || b[7] != "02/02/2027" {
		t.Errorf("Direction B row = %q", b)
	}
	if !strings.Contains(b[3], "Charge de travail : ") || !strings.Contains(b[3], "défavorable (n = 6)") {
		t.Errorf("dimensions of Direction B = %q", b[3])
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
	if frozen[7][5] != "Avant" || !strings.HasPrefix(frozen[21][6], "Charte") {
		t.Errorf("version 1 rows = %q, want the measures and actions of its day", frozen)
	}
	if now := workbookRows(t, as.api(t, token, http.MethodGet, duerpPath(as, ".xlsx"), ""), "DUERP"); now[7][5] != "Après" {
		t.Errorf("today's DUERP measures = %q, want the new ones", now[7][5])
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

// A family the survey does not measure has its row, and its measures: the
// consultant records what is done about it all the same.
func TestAPIDUERPJSON(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	_, viewer := as.token(t, as.Viewer)
	wantStatus(t, as.api(t, token, http.MethodPut, duerpPath(as, "/measures"),
		`{"unit": "Direction B", "risk_family": "insecurite", "measures": "Information sur la réorganisation"}`), http.StatusOK)
	p := as.api(t, viewer, http.MethodGet, duerpPath(as, ""), "")
	wantStatus(t, p, http.StatusOK)
	var d struct {
		Rows []struct {
			Unit       string `json:"unit"`
			RiskFamily string `json:"risk_family"`
			Exposure   string `json:"exposure"`
			AssessedBy string `json:"assessed_by"`
			Measures   string `json:"measures"`
			Dimensions []struct {
				Dimension string `json:"dimension"`
			} `json:"dimensions"`
		} `json:"rows"`
	}
	decode(t, p, &d)
	if len(d.Rows) != 3*len(duerpFamilies) {
		t.Fatalf("%d rows, want %d (3 published units × 6 families + Non classé)", len(d.Rows), 3*len(duerpFamilies))
	}
	for _, r := range d.Rows {
		if r.RiskFamily == "" {
			if len(r.Dimensions) != 3 || r.Exposure != "sans objet : dimensions à rattacher à une famille" {
				t.Errorf("%s Non classé = %+v, want its 3 dimensions and no exposure (issue 20)", r.Unit, r)
			}
			continue
		}
		if r.Exposure != "non évaluée par cette enquête" || r.AssessedBy == "" || len(r.Dimensions) != 0 {
			t.Errorf("%s %s = %+v, want not assessed by this survey, with what would", r.Unit, r.RiskFamily, r)
		}
		if want := r.Unit == "Direction B" && r.RiskFamily == "insecurite"; (r.Measures != "") != want {
			t.Errorf("%s %s measures = %q", r.Unit, r.RiskFamily, r.Measures)
		}
	}
	as.wantAudit(t, viewerEmail+" duerp.export")
}
