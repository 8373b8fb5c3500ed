package reports_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

func TestExposureBoundaries(t *testing.T) {
	for _, tc := range []struct {
		share float64
		want  dossier.Exposure
	}{
		{0, dossier.ExposureLow},
		{0.2499, dossier.ExposureLow},
		{0.25, dossier.ExposureModerate},
		{0.25 - 1e-12, dossier.ExposureModerate}, // computed a hair below: the boundary
		{0.4999, dossier.ExposureModerate},
		{0.5, dossier.ExposureHigh},
		{0.7499, dossier.ExposureHigh},
		{0.75, dossier.ExposureVeryHigh},
		{1, dossier.ExposureVeryHigh},
	} {
		if got := dossier.ExposureOf(tc.share); got != tc.want {
			t.Errorf("ExposureOf(%v) = %q, want %q", tc.share, got, tc.want)
		}
	}
}

// duerpSections is one questionnaire with two "intensite-temps"
// dimensions, one "rapports-sociaux" and one unclassified, and a result
// where everyone and unit A are published, unit B suppressed, and unit A's
// social dimension suppressed.
func duerpSections() []dossier.Section {
	dim := func(id, title string, f questionnaires.RiskFamily) *questionnaires.Dimension {
		return &questionnaires.Dimension{ID: id, Title: questionnaires.Text{"fr": title}, RiskFamily: f}
	}
	q := &questionnaires.Questionnaire{ID: "q", Language: "fr", Dimensions: []*questionnaires.Dimension{
		dim("charge", "Charge", questionnaires.IntensiteTemps),
		dim("rythme", "Rythme", questionnaires.IntensiteTemps),
		dim("soutien", "Soutien", questionnaires.RapportsSociaux),
		dim("autre", "Autre", ""),
	}}
	stats := func(share float64) *scoring.DimensionStats {
		return &scoring.DimensionStats{N: 8, Mean: 60, Shares: map[scoring.Level]float64{scoring.Unfavourable: share}}
	}
	res := &scoring.Result{MinGroupSize: 5, Groups: []*scoring.Group{
		{ID: "all", Dimensions: map[string]*scoring.DimensionStats{
			"charge": stats(0.25), "rythme": stats(0.5), "soutien": stats(0.2499), "autre": stats(0.75)}},
		{ID: "unit:A", Dimensions: map[string]*scoring.DimensionStats{
			"charge": stats(0.1), "rythme": stats(0.74), "soutien": {Suppressed: true}, "autre": stats(0)}},
		{ID: "unit:B", Suppressed: true},
	}}
	return []dossier.Section{{Questionnaire: q, Result: res}}
}

func TestNewDUERP(t *testing.T) {
	d := dossier.NewDUERP(dossier.DUERPInput{
		Campaign: "Baromètre", Date: "2027-03-01", MinGroupSize: 5,
		Units:    []string{"A", "B"},
		Sections: duerpSections(),
		Actions: []dossier.DUERPAction{
			{Title: "Temps d'échange", Unit: "A", RiskFamily: "intensite-temps", Status: "prévue"},
			{Title: "Ailleurs", Unit: "B", RiskFamily: "intensite-temps", Status: "prévue"},
		},
		Measures: map[dossier.DUERPKey]string{{Unit: "", RiskFamily: "rapports-sociaux"}: "Réunions d'équipe"},
	})
	type row struct {
		unit, family string
		exposure     dossier.Exposure
		dims         int
		actions      int
	}
	var got []row
	for _, r := range d.Rows {
		got = append(got, row{r.Unit, r.RiskFamily, r.Exposure, len(r.Dimensions), len(r.Actions)})
	}
	nm := dossier.ExposureNotMeasured
	want := []row{
		{"", "intensite-temps", dossier.ExposureHigh, 2, 0}, // max(0.25, 0.5)
		{"", "exigences-emotionnelles", nm, 0, 0},           // every family, measured or not
		{"", "autonomie", nm, 0, 0},
		{"", "rapports-sociaux", dossier.ExposureLow, 1, 0},
		{"", "conflits-valeurs", nm, 0, 0},
		{"", "insecurite", nm, 0, 0},
		{"", "", dossier.ExposureNotClassified, 1, 0}, // unclassified last, with no exposure (issue 20)
		{"A", "intensite-temps", dossier.ExposureHigh, 2, 1},
		{"A", "exigences-emotionnelles", nm, 0, 0},
		{"A", "autonomie", nm, 0, 0},
		{"A", "rapports-sociaux", dossier.ExposureNotPublished, 1, 0}, // its one dimension suppressed
		{"A", "conflits-valeurs", nm, 0, 0},
		{"A", "insecurite", nm, 0, 0},
		{"A", "", dossier.ExposureNotClassified, 1, 0},
		// B is suppressed: no row, its action stays in the plan only.
	}
	if len(got) != len(want) {
		t.Fatalf("rows = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if m := d.Rows[3].Measures; m != "Réunions d'équipe" {
		t.Errorf("measures of (Ensemble, rapports-sociaux) = %q", m)
	}
	if d.Rows[10].Dimensions[0].Published || d.Rows[10].Dimensions[0].Mean != 0 {
		t.Errorf("a suppressed dimension carries figures: %+v", d.Rows[10].Dimensions[0])
	}
	if len(d.Actions) != 2 {
		t.Errorf("plan has %d actions, want 2", len(d.Actions))
	}
	if !d.HasRow(dossier.DUERPKey{Unit: "A", RiskFamily: ""}) || d.HasRow(dossier.DUERPKey{Unit: "B", RiskFamily: "intensite-temps"}) {
		t.Error("HasRow disagrees with the rows")
	}
	if d.Rows[0].FamilyLabel != "Intensité et temps de travail" || d.Rows[6].FamilyLabel != "Non classé" || d.Rows[0].UnitLabel != "Ensemble" {
		t.Errorf("labels = %q, %q, %q", d.Rows[0].FamilyLabel, d.Rows[6].FamilyLabel, d.Rows[0].UnitLabel)
	}
}

func TestDUERPXLSXCells(t *testing.T) {
	d := dossier.NewDUERP(dossier.DUERPInput{
		Campaign: "Baromètre", Date: "2027-03-01", MinGroupSize: 5, Units: []string{"A"},
		Sections: duerpSections(),
		Actions: []dossier.DUERPAction{{Title: "=HYPERLINK(\"http://x\")", Unit: "A", RiskFamily: "intensite-temps",
			Owner: "+Responsable", Due: "2027-03-31", Status: "prévue", FollowUp: "@suivi"}},
		Measures: map[dossier.DUERPKey]string{{Unit: "A", RiskFamily: "intensite-temps"}: "-Mesure"},
	})
	var buf bytes.Buffer
	if err := reports.DUERPXLSX(&buf, d); err != nil {
		t.Fatalf("DUERPXLSX: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) < 2 || got[0] != "DUERP" || got[1] != "Actions" {
		t.Fatalf("sheets = %q, want DUERP, Actions first", got)
	}
	rows, err := f.GetRows("DUERP")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+14 {
		t.Fatalf("DUERP has %d rows, want header + 2 units × (6 families + « Non classé »)", len(rows))
	}
	if rows[0][0] != "Unité de travail" || rows[0][4] != "Signaux à discuter (hors exposition)" || rows[0][7] != "Date" {
		t.Errorf("header = %q", rows[0])
	}
	a := rows[8] // A, intensite-temps
	if a[0] != "A" || a[1] != "Intensité et temps de travail" || a[2] != "élevée" || a[5] != "-Mesure" || a[7] != "01/03/2027" {
		t.Errorf("row (A, intensite-temps) = %q", a)
	}
	if !strings.Contains(a[3], "Rythme : 60,0 ; 74") || !strings.Contains(a[6], "=HYPERLINK") || !strings.Contains(a[6], "échéance : 31/03/2027") {
		t.Errorf("dimensions or actions cell = %q / %q", a[3], a[6])
	}
	ins := rows[13] // A, insecurite: not measured
	if ins[1] != "Insécurité de la situation de travail" || ins[2] != "non évaluée par cette enquête" ||
		!strings.Contains(ins[3], "Pour l'évaluer : des questions sur la crainte de perdre son emploi") {
		t.Errorf("row (A, insecurite) = %q", ins)
	}
	if nc := rows[14]; nc[1] != "Non classé" || nc[2] != string(dossier.ExposureNotClassified) {
		t.Errorf("row (A, Non classé) = %q, want no exposure", nc)
	}
	for _, ref := range []struct{ sheet, cell string }{{"DUERP", "F9"}, {"DUERP", "G9"}, {"Actions", "A2"}, {"Actions", "F2"}, {"Actions", "J2"}} {
		if formula, err := f.GetCellFormula(ref.sheet, ref.cell); err != nil || formula != "" {
			t.Errorf("%s!%s has formula %q (%v), want a text cell", ref.sheet, ref.cell, formula, err)
		}
	}
	acts, _ := f.GetRows("Actions")
	if len(acts) != 2 || acts[1][0] != "=HYPERLINK(\"http://x\")" || acts[1][5] != "+Responsable" || acts[1][8] != "prévue" {
		t.Errorf("Actions = %q", acts)
	}
}

func TestPDFWithDUERP(t *testing.T) {
	requirePoppler(t)
	d := dossier.NewDUERP(dossier.DUERPInput{Campaign: "Baromètre", Date: "2027-03-01", MinGroupSize: 5, Units: []string{"A"},
		Sections: duerpSections(), Measures: map[dossier.DUERPKey]string{{Unit: "A", RiskFamily: "intensite-temps"}: "Réunion hebdomadaire"}})
	r := pdfReport(t, "fr", dossier.AudienceCommittee, 5)
	r.DUERP = d
	text := strings.Join(pdfPages(t, renderPDF(t, r)), "\n")
	text = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(text)
	for _, want := range []string{"Document unique (DUERP)", "Intensité et temps de travail – exposition : élevée",
		"Mesures existantes : Réunion hebdomadaire", "pas une mesure du risque"} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

// The stand-alone DUERP PDF has, per unit, the six families with their
// exposure (level and the dimensions that measured it, or « non évaluée
// par cette enquête » and what would assess it), the existing measures
// and the planned actions with the labels of their dimensions (issue 20).
func TestDUERPPDF(t *testing.T) {
	requirePoppler(t)
	d := duerpWithAction()
	d.Rows[7].Measures = "Réunion hebdomadaire" // A, intensite-temps
	var buf bytes.Buffer
	if err := reports.DUERPPDF(&buf, d); err != nil {
		t.Fatalf("DUERPPDF: %v", err)
	}
	pages := pdfPages(t, buf.Bytes())
	if len(pages) != 3 {
		t.Errorf("%d pages, want 3 (method, Ensemble, A)", len(pages))
	}
	flat := func(s string) string {
		return strings.Join(strings.Fields(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)), " ")
	}
	for _, tc := range []struct {
		page int
		want []string
	}{
		{0, []string{"Document unique d'évaluation des risques professionnels", "Enquête : Baromètre", "Lu le 1er mars 2027"}},
		{1, []string{"Unité de travail : Ensemble", "Famille de risques", "Exposition (lecture de l'enquête)", "Mesures existantes", "Actions prévues"}},
		{2, []string{"Unité de travail : A", "Intensité et temps de", "élevée", "Mesurée par : Charge", "Réunion hebdomadaire",
			"Revoir la charge", "31/03/2027", "(Charge,", "Rythme)",
			"Exigences", "non évaluée par cette enquête", "Pour l'évaluer :", "Insécurité de la",
			"Non classé", "sans objet", "(à compléter)", "Page 3 / 3"}},
	} {
		text := flat(pages[min(tc.page, len(pages)-1)])
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("page %d lacks %q:\n%s", tc.page+1, w, text)
			}
		}
	}
	if text := flat(pages[2]); strings.Contains(text, "Non classé – exposition") || strings.Count(text, "non évaluée par cette enquête") != 4 {
		t.Errorf("unit A: want 4 families not measured and no exposure for Non classé:\n%s", text)
	}
}
