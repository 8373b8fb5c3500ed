package dossier_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// signalSections is one questionnaire with an exposure of intensite-temps,
// a defensive strategy that is a signal for it (with a marked signal for
// everyone), a defensive strategy with no family, and a tool dimension
// that is a signal for rapports-sociaux; everyone and unit A are
// published, A's exposure dimension is suppressed.
func signalSections() []dossier.Section {
	dims := []*questionnaires.Dimension{
		{ID: "charge", Title: questionnaires.Text{"fr": "Charge"}, RiskFamily: questionnaires.IntensiteTemps},
		{ID: "suractivite", Title: questionnaires.Text{"fr": "Suractivité"}, Reading: questionnaires.ReadingSignal, SignalFor: questionnaires.IntensiteTemps},
		{ID: "deni", Title: questionnaires.Text{"fr": "Déni"}, Reading: questionnaires.ReadingSignal},
		{ID: "pilotage", Title: questionnaires.Text{"fr": "Pilotage"}, SignalFor: questionnaires.RapportsSociaux},
	}
	q := &questionnaires.Questionnaire{ID: "q", Language: "fr", Dimensions: dims}
	stats := func(share float64) *scoring.DimensionStats {
		return &scoring.DimensionStats{N: 8, Mean: 60, Shares: map[scoring.Level]float64{scoring.Unfavourable: share}}
	}
	res := &scoring.Result{MinGroupSize: 5, Groups: []*scoring.Group{
		{ID: "all", Dimensions: map[string]*scoring.DimensionStats{
			"charge": stats(0.1), "suractivite": stats(0.9), "deni": stats(0.9), "pilotage": stats(0.9)}},
		{ID: "unit:A", Dimensions: map[string]*scoring.DimensionStats{
			"charge": {Suppressed: true}, "suractivite": stats(0.8), "deni": stats(0.8), "pilotage": stats(0.8)}},
	}}
	return []dossier.Section{{Questionnaire: q, Result: res}}
}

func TestNewDUERPSixFamiliesPerUnit(t *testing.T) {
	d := dossier.NewDUERP(dossier.DUERPInput{Campaign: "Baromètre", Date: "2027-03-01", MinGroupSize: 5,
		Units: []string{"A"}, Sections: signalSections()})
	if want := 2 * len(questionnaires.RiskFamilies); len(d.Rows) != want {
		t.Fatalf("%d rows, want %d (2 units × 6 families, no « Non classé »: the unfamilied dimensions are signals)", len(d.Rows), want)
	}
	for i, r := range d.Rows {
		wantUnit, wantFamily := "", questionnaires.RiskFamilies[i%6]
		if i >= 6 {
			wantUnit = "A"
		}
		if r.Unit != wantUnit || r.RiskFamily != string(wantFamily) {
			t.Errorf("row %d = (%q, %q), want (%q, %q): six families per unit, in the Gollac order", i, r.Unit, r.RiskFamily, wantUnit, wantFamily)
		}
		for _, dd := range r.Dimensions {
			if dd.Signal || dd.Dimension != "charge" {
				t.Errorf("row %d: %s counts in the exposure, want only charge (intensite-temps)", i, dd.Dimension)
			}
		}
	}
	byKey := func(unit string, f questionnaires.RiskFamily) dossier.DUERPRow {
		i := slices.IndexFunc(d.Rows, func(r dossier.DUERPRow) bool { return r.Unit == unit && r.RiskFamily == string(f) })
		return d.Rows[i]
	}
	tests := []struct {
		name     string
		row      dossier.DUERPRow
		exposure dossier.Exposure
		signals  []string
	}{
		// The marked signal of suractivite (90 %) leaves the exposure read
		// from charge alone (10 %).
		{"ExposureFromMeasuresOnly", byKey("", questionnaires.IntensiteTemps), dossier.ExposureLow, []string{"suractivite"}},
		{"NotPublished", byKey("A", questionnaires.IntensiteTemps), dossier.ExposureNotPublished, []string{"suractivite"}},
		// Pilotage is a signal for rapports-sociaux, which nothing
		// measures: the family is not assessed, the signal is shown.
		{"SignalDoesNotAssess", byKey("", questionnaires.RapportsSociaux), dossier.ExposureNotMeasured, []string{"pilotage"}},
		{"NotMeasured", byKey("A", questionnaires.Insecurite), dossier.ExposureNotMeasured, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.row.Exposure != tt.exposure {
				t.Errorf("exposure = %q, want %q", tt.row.Exposure, tt.exposure)
			}
			var got []string
			for _, s := range tt.row.Signals {
				got = append(got, s.Dimension)
				if !s.Published {
					t.Errorf("signal %s unpublished, want its figures", s.Dimension)
				}
			}
			if !slices.Equal(got, tt.signals) {
				t.Errorf("signals = %v, want %v", got, tt.signals)
			}
			if measured := tt.exposure != dossier.ExposureNotMeasured; tt.row.Measured() != measured || (tt.row.AssessedBy == "") != measured {
				t.Errorf("Measured() = %v, AssessedBy = %q; want measured %v, and what would assess it when not", tt.row.Measured(), tt.row.AssessedBy, measured)
			}
		})
	}
	if got := byKey("", questionnaires.Insecurite).AssessedBy; got != questionnaires.Insecurite.AssessedBy("fr") {
		t.Errorf("insecurite AssessedBy = %q", got)
	}
	if s := byKey("", questionnaires.IntensiteTemps).Signals[0]; !s.Signal || s.ShareUnfavourable != 0.9 {
		t.Errorf("suractivite signal = %+v, want marked as a signal with its share", s)
	}
}

// A version frozen before the six families (issue 20) is JSON of the old
// shape: only the families measured, « Non classé » rows, no signals. It
// reads back as it was.
func TestFrozenDUERPOldShape(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "duerp-version-2026-01.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d dossier.DUERP
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("old version does not decode: %v", err)
	}
	if d.Version != 1 || d.Campaign != "Baromètre 2025" || len(d.Rows) != 6 || len(d.Actions) != 1 {
		t.Fatalf("decoded version %d of %q with %d rows and %d actions, want version 1, 6 rows, 1 action", d.Version, d.Campaign, len(d.Rows), len(d.Actions))
	}
	var exposures []dossier.Exposure
	for _, r := range d.Rows {
		exposures = append(exposures, r.Exposure)
		if len(r.Signals) != 0 || r.AssessedBy != "" || !r.Measured() {
			t.Errorf("row %s/%s: signals %v, assessed_by %q; an old row has neither", r.Unit, r.RiskFamily, r.Signals, r.AssessedBy)
		}
	}
	want := []dossier.Exposure{dossier.ExposureHigh, dossier.ExposureLow, dossier.ExposureVeryHigh,
		dossier.ExposureHigh, dossier.ExposureNotPublished, dossier.ExposureLow}
	if !slices.Equal(exposures, want) {
		t.Errorf("exposures = %q, want %q", exposures, want)
	}
	if d.Rows[2].FamilyLabel != "Non classé" || d.Rows[1].Measures != "Réunions d'équipe" {
		t.Errorf("rows = %+v", d.Rows[1:3])
	}
	again, err := json.Marshal(&d)
	if err != nil {
		t.Fatal(err)
	}
	var back dossier.DUERP
	if err := json.Unmarshal(again, &back); err != nil || len(back.Rows) != len(d.Rows) {
		t.Errorf("re-encoded old version does not read back: %v", err)
	}
}
