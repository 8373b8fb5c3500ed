package reports_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// essentialsGroup is a published group whose "effort" dimension has the
// given share of unfavourable respondents (its mean read as intermediate,
// so that the share alone makes a priority).
func essentialsGroup(id string, kind scoring.GroupKind, label string, n int, unfav float64) *scoring.Group {
	g := &scoring.Group{ID: id, Kind: kind, Label: label, Respondents: n, Dimensions: map[string]*scoring.DimensionStats{
		"effort": {N: n, Mean: 55, SD: 15, Level: scoring.Intermediate,
			Shares: map[scoring.Level]float64{scoring.Unfavourable: unfav, scoring.Intermediate: 1 - unfav}},
	}}
	if kind == scoring.KindSegment {
		g.Segment, _, _ = strings.Cut(strings.TrimPrefix(id, "segment:"), "=")
	}
	return g
}

// essentialsReport is a report of the built-in "reconnaissance" with the
// given groups and participation.
func essentialsReport(t *testing.T, groups []*scoring.Group, respondents, headcount int) *dossier.Report {
	t.Helper()
	q, ok := questionnaires.BuiltinByID("reconnaissance")
	if !ok {
		t.Fatal("no built-in reconnaissance")
	}
	r := &dossier.Report{Lang: "fr", MinGroupSize: 5, PriorityShare: 0.5,
		Respondents:   &respondents,
		Participation: []scoring.UnitParticipation{{Path: []string{"Nord"}, Headcount: headcount}},
		SegmentLabels: map[string]string{"anciennete": "Ancienneté"},
		Sections:      []dossier.Section{{Questionnaire: q, Result: &scoring.Result{MinGroupSize: 5, Groups: groups}}},
	}
	return r
}

func TestEssentialsRules(t *testing.T) {
	all := func(share float64) *scoring.Group {
		return essentialsGroup("all", scoring.KindAll, "Ensemble", 120, share)
	}
	unit := func(path string, share float64) *scoring.Group {
		return essentialsGroup("unit:"+path, scoring.KindUnit, path[strings.LastIndex(path, "/")+1:], 20, share)
	}
	tests := []struct {
		name                string
		groups              []*scoring.Group
		respondents, heads  int
		previous            *scoring.DimensionTrend // the whole population's trend of effort
		want, wantNot       []string                // in the findings (or the participation, the changes)
		wantCaution         bool
		wantFirstStartsWith string
	}{
		{
			name:   "SharedFindingStatedAtTheOrganisationFirst",
			groups: []*scoring.Group{all(0.62), unit("Nord/Saint-Omer", 0.90), unit("Nord/Lens", 0.70)},
			want: []string{"62 % des répondants en zone défavorable dans l'ensemble.",
				"C'est aussi une priorité dans 2 groupes, dont Saint-Omer (90 %), Lens (70 %)."},
			wantFirstStartsWith: "« Efforts demandés » (Intensité et temps de travail) : 62 %",
		},
		{
			name:   "LocalFindingWithTheOrganisationBeside",
			groups: []*scoring.Group{all(0.30), unit("Nord/Saint-Omer", 0.90)},
			want:   []string{"une priorité dans 1 groupe, Saint-Omer (90 %) en zone défavorable. Dans l'ensemble : 30 %."},
		},
		{
			name: "NotSpecifiedIsNeverAPriority",
			groups: []*scoring.Group{all(0.30), unit(scoring.NotSpecified, 0.95),
				essentialsGroup("segment:anciennete="+scoring.NotSpecified, scoring.KindSegment, scoring.NotSpecified, 12, 0.95)},
			wantNot: []string{"non renseigné", "Efforts demandés"},
		},
		{
			name:    "UnitsSharingANameGetTheirPath",
			groups:  []*scoring.Group{all(0.30), unit("Nord/Accueil", 0.80), unit("Sud/Accueil", 0.75), unit("Sud/Lens", 0.70)},
			want:    []string{"Nord / Accueil (80 %), Sud / Accueil (75 %), Lens (70 %)"},
			wantNot: []string{"Sud / Lens", "Nord/Accueil"},
		},
		{
			name:        "CautionUnderHalfParticipation",
			groups:      []*scoring.Group{all(0.10)},
			respondents: 24, heads: 100,
			want:        []string{"24 personnes ont répondu sur 100, soit un taux de participation de 24 %"},
			wantCaution: true,
		},
		{
			name:        "NoCautionAtHalf",
			groups:      []*scoring.Group{all(0.10)},
			respondents: 50, heads: 100,
		},
		{
			name:     "ChangeSinceThePreviousWave",
			groups:   []*scoring.Group{all(0.62)},
			previous: &scoring.DimensionTrend{PreviousMean: 48.2, Delta: 6.1, CI95: [2]float64{2.0, 10.2}, Change: scoring.Worse},
			want: []string{"Depuis Baromètre 2025, la moyenne de l'ensemble s'est dégradée (de 48,2 à 54,3).",
				"En dégradation : « Efforts demandés » (de 48,2 à 54,3)."},
		},
		{
			name:     "StableSinceThePreviousWave",
			groups:   []*scoring.Group{all(0.62)},
			previous: &scoring.DimensionTrend{PreviousMean: 53.0, Delta: 1.2, CI95: [2]float64{-2.0, 4.4}, Change: scoring.Stable},
			want: []string{"Depuis Baromètre 2025, la moyenne de l'ensemble est stable",
				"aucune dimension n'a nettement changé depuis Baromètre 2025"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, heads := tt.respondents, tt.heads
			if resp == 0 {
				resp, heads = 120, 150
			}
			r := essentialsReport(t, tt.groups, resp, heads)
			if tt.previous != nil {
				r.PreviousTitle = "Baromètre 2025"
				r.Sections[0].Trends = &scoring.Trends{Groups: map[string]*scoring.GroupTrend{
					"all": {Dimensions: map[string]*scoring.DimensionTrend{"effort": tt.previous}}}}
			}
			e := reports.NewEssentials(r)
			text := normalise(strings.Join(append(append([]string{e.Participation, e.Caution}, e.Findings...), e.Changes...), "\n"))
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("essentials lack %q:\n%s", w, text)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(text, w) {
					t.Errorf("essentials say %q:\n%s", w, text)
				}
			}
			if (e.Caution != "") != tt.wantCaution {
				t.Errorf("caution = %q, want one: %v", e.Caution, tt.wantCaution)
			}
			if tt.wantFirstStartsWith != "" && (len(e.Findings) == 0 || !strings.HasPrefix(normalise(e.Findings[0]), tt.wantFirstStartsWith)) {
				t.Errorf("first finding = %q, want it to start with %q", e.Findings, tt.wantFirstStartsWith)
			}
		})
	}
}

// TestEssentialsOrder pins that organisation-wide findings come before
// local ones, however extreme a local one is.
func TestEssentialsOrder(t *testing.T) {
	q, _ := questionnaires.BuiltinByID("reconnaissance")
	all := essentialsGroup("all", scoring.KindAll, "Ensemble", 120, 0.55)
	unit := essentialsGroup("unit:Nord", scoring.KindUnit, "Nord", 20, 0.2)
	// recompense: a priority of one unit only, at 95 %.
	stats := func(share float64) *scoring.DimensionStats {
		return &scoring.DimensionStats{N: 20, Mean: 50, SD: 10, Level: scoring.Intermediate,
			Shares: map[scoring.Level]float64{scoring.Unfavourable: share}}
	}
	all.Dimensions["recompense"] = stats(0.2)
	unit.Dimensions["recompense"] = stats(0.95)
	r := essentialsReport(t, []*scoring.Group{all, unit}, 120, 150)
	r.Sections[0].Questionnaire = q
	e := reports.NewEssentials(r)
	if len(e.Findings) != 2 {
		t.Fatalf("findings = %q, want 2", e.Findings)
	}
	if !strings.Contains(e.Findings[0], "Efforts demandés") || !strings.Contains(e.Findings[1], "Récompenses") {
		t.Errorf("findings = %q, want the organisation-wide one (efforts) before the local one", e.Findings)
	}
}
