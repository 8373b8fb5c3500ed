package main

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
)

// The demo's DUERP says what the survey measured (issue 20): six families
// for everyone and every published unit, each read only from dimensions
// that measure it, no defensive strategy as an exposure; the 2026
// barometer measures all six, and emotional demands, in a social
// service, are not low.
func TestDemoDUERPSixFamilies(t *testing.T) {
	st, info := mustDemo(t)
	ctx := context.Background()
	d, err := st.DUERP(ctx, info.Closed.ID, demoNow)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]int{}
	for _, r := range d.Rows {
		units[r.Unit]++
	}
	if len(units) < 10 || len(d.Rows) != 6*len(units) {
		t.Fatalf("%d rows for %d units, want 6 per unit (everyone and the published units)", len(d.Rows), len(units))
	}
	if _, ok := units["Direction Artois/Cellule expertise"]; ok {
		t.Error("the team under k has DUERP rows")
	}
	classes := map[string]*questionnaires.Dimension{}
	for _, id := range info.Closed.Questionnaires {
		q, _ := questionnaires.BuiltinByID(id)
		for _, dim := range q.Dimensions {
			classes[id+"/"+dim.ID] = dim
		}
	}
	for i, r := range d.Rows {
		if want := questionnaires.RiskFamilies[i%6]; r.RiskFamily != string(want) {
			t.Fatalf("row %d (%s) is %q, want %q: the six families in the Gollac order", i, r.UnitLabel, r.RiskFamily, want)
		}
		if !r.Measured() {
			t.Errorf("%s, %s: %q; the 2026 barometer measures every family", r.UnitLabel, r.FamilyLabel, r.Exposure)
		}
		for _, dd := range r.Dimensions {
			dim := classes[dd.Questionnaire+"/"+dd.Dimension]
			if dim == nil || dim.Signal() || string(dim.RiskFamily) != r.RiskFamily || dd.Signal {
				t.Errorf("%s, %s: %s/%s counts in the exposure, want only the family's own measures", r.UnitLabel, r.FamilyLabel, dd.Questionnaire, dd.Dimension)
			}
		}
		for _, s := range r.Signals {
			if dim := classes[s.Questionnaire+"/"+s.Dimension]; dim == nil || string(dim.SignalFor) != r.RiskFamily {
				t.Errorf("%s, %s: signal %s/%s is not one for this family", r.UnitLabel, r.FamilyLabel, s.Questionnaire, s.Dimension)
			}
		}
		if r.RiskFamily == string(questionnaires.ExigencesEmotionnelles) {
			if len(r.Dimensions) != 1 || r.Dimensions[0].Dimension != "exigences-emotionnelles" {
				t.Errorf("%s: emotional demands read from %+v, want Vigie's own scale only", r.UnitLabel, r.Dimensions)
			}
			if !slices.ContainsFunc(r.Signals, func(s dossier.DUERPDimension) bool { return s.Dimension == "deni" && s.Signal }) {
				t.Errorf("%s: emotional demands lack the denial as a signal to discuss: %+v", r.UnitLabel, r.Signals)
			}
			if r.Unit == "" && r.Exposure != dossier.ExposureHigh && r.Exposure != dossier.ExposureVeryHigh {
				t.Errorf("everyone's emotional demands = %q, want high in a social service", r.Exposure)
			}
		}
	}
	// The frozen version 1 has the same rows.
	_, v1, _, err := st.DUERPVersion(ctx, info.Closed.ID, 1)
	if err != nil || len(v1.Rows) != len(d.Rows) {
		t.Errorf("version 1: %v, %d rows; want the %d rows of today", err, len(v1.Rows), len(d.Rows))
	}
}

// Last year's wave had no questions on emotional demands or job
// insecurity: its DUERP says « non évaluée par cette enquête » for both,
// with what would assess them, rather than reading them from a defence.
func TestDemoPreviousDUERPNotMeasured(t *testing.T) {
	st, info := mustDemo(t)
	ctx := context.Background()
	prev := info.Archived
	in := dossier.DUERPInput{Campaign: prev.Title, Date: "2025-11-28"}
	for _, u := range prev.Units {
		in.Units = append(in.Units, strings.Join(u.Path, "/"))
	}
	qs, err := st.CampaignQuestionnaires(ctx, prev.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		in.Sections = append(in.Sections, dossier.Section{Questionnaire: q, Result: mustResult(t, st, prev.ID, q.ID)})
	}
	d := dossier.NewDUERP(in)
	for _, r := range d.Rows {
		switch questionnaires.RiskFamily(r.RiskFamily) {
		case questionnaires.ExigencesEmotionnelles, questionnaires.Insecurite:
			if r.Exposure != dossier.ExposureNotMeasured || r.AssessedBy == "" || len(r.Dimensions) != 0 {
				t.Errorf("%s, %s = %q with %d dimensions, want « non évaluée par cette enquête »", r.UnitLabel, r.FamilyLabel, r.Exposure, len(r.Dimensions))
			}
		default:
			if !r.Measured() {
				t.Errorf("%s, %s not measured, want measured by the four questionnaires", r.UnitLabel, r.FamilyLabel)
			}
		}
	}
}
