package dossier_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
)

func TestDUERPChanges(t *testing.T) {
	base := func() *dossier.DUERP {
		return &dossier.DUERP{Date: "2026-12-01", Version: 1,
			Rows: []dossier.DUERPRow{
				{Unit: "", UnitLabel: "Ensemble", RiskFamily: "intensity", FamilyLabel: "Intensité", Exposure: dossier.ExposureHigh,
					Dimensions: []dossier.DUERPDimension{{}}},
				{Unit: "A", UnitLabel: "A", RiskFamily: "intensity", FamilyLabel: "Intensité", Exposure: dossier.ExposureLow},
			},
			Actions: []dossier.DUERPAction{{Title: "Réunions d'équipe", Status: "prévue"}}}
	}
	for _, tc := range []struct {
		name   string
		change func(d *dossier.DUERP)
		want   []string
	}{
		{"DateAndNumberOnly", func(d *dossier.DUERP) { d.Date, d.Version = "2026-12-08", 2 }, nil},
		{"Measures", func(d *dossier.DUERP) { d.Rows[1].Measures = "Entretiens annuels" }, []string{"A, Intensité : mesures existantes modifiées."}},
		{"Exposure", func(d *dossier.DUERP) { d.Rows[0].Exposure = dossier.ExposureModerate },
			[]string{"Ensemble, Intensité : exposition « modérée » au lieu de « élevée »."}},
		{"RowGone", func(d *dossier.DUERP) { d.Rows = d.Rows[:1] }, []string{"Ligne retirée : A, Intensité."}},
		{"ActionAdded", func(d *dossier.DUERP) { d.Actions = append(d.Actions, dossier.DUERPAction{Title: "Charte"}) },
			[]string{"Action ajoutée : « Charte »."}},
		{"ActionStatus", func(d *dossier.DUERP) { d.Actions[0].Status = "réalisée" },
			[]string{"Action modifiée : « Réunions d'équipe » (réalisée)."}},
		{"ActionGone", func(d *dossier.DUERP) { d.Actions = nil }, []string{"Action retirée : « Réunions d'équipe »."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cur := base()
			tc.change(cur)
			got := dossier.DUERPChanges(base(), cur)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("DUERPChanges = %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("ReadBackFromJSON", func(t *testing.T) {
		// A frozen version is read back from its JSON: empty slices and
		// nil ones must not count as a change.
		d := base()
		b, _ := json.Marshal(d)
		back := &dossier.DUERP{}
		if err := json.Unmarshal(b, back); err != nil {
			t.Fatal(err)
		}
		if got := dossier.DUERPChanges(back, base()); len(got) != 0 {
			t.Fatalf("a version read back differs from its document: %q", got)
		}
	})
}
