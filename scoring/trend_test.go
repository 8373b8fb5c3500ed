package scoring_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// dimStats is a published dimension whose interval half-width, paired with
// another dimStats, is exactly 1.96·sqrt(25/50 + 25/50) = 1.96.
func dimStats(mean float64) *scoring.DimensionStats {
	return &scoring.DimensionStats{N: 50, Mean: mean, SD: 5}
}

func TestDimensionChange(t *testing.T) {
	worse, better := questionnaires.HigherIsWorse, questionnaires.HigherIsBetter
	for _, tc := range []struct {
		name       string
		dir        questionnaires.Direction
		m1, m2     float64
		delta      float64
		ci         [2]float64
		wantChange scoring.Change
	}{
		{"NoChange", worse, 50, 50, 0, [2]float64{-2, 2}, scoring.Stable},
		{"LowerBoundTouchesZero", worse, 50, 51.96, 2, [2]float64{0, 3.9}, scoring.Stable},
		{"UpperBoundTouchesZero", better, 50, 48.04, -2, [2]float64{-3.9, 0}, scoring.Stable},
		// 0.04 is shown as 0,0: the word must agree with the figures shown.
		{"LowerBoundRoundsToZero", worse, 50, 52, 2, [2]float64{0, 4}, scoring.Stable},
		{"RiseOfAWorseDimension", worse, 50, 52.06, 2.1, [2]float64{0.1, 4}, scoring.Worse},
		{"FallOfAWorseDimension", worse, 50, 47.94, -2.1, [2]float64{-4, -0.1}, scoring.Better},
		{"RiseOfABetterDimension", better, 50, 52.06, 2.1, [2]float64{0.1, 4}, scoring.Better},
		{"FallOfABetterDimension", better, 50, 47.94, -2.1, [2]float64{-4, -0.1}, scoring.Worse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := scoring.DimensionChange(tc.dir, dimStats(tc.m1), dimStats(tc.m2))
			if got.Delta != tc.delta || got.CI95 != tc.ci || got.Change != tc.wantChange || got.PreviousMean != tc.m1 {
				t.Fatalf("trend = %+v, want delta %v, ci95 %v, change %s, previous_mean %v", got, tc.delta, tc.ci, tc.wantChange, tc.m1)
			}
		})
	}
	// 75,84 → 76,17 is shown 75,8 → 76,2: the difference shown is +0,4,
	// what a reader subtracting the two figures finds, not the exact
	// difference rounded (0,3) (issue 20); the interval stays exact.
	t.Run("DeltaOfTheMeansShown", func(t *testing.T) {
		got := scoring.DimensionChange(worse, dimStats(75.84), dimStats(76.17))
		exact := scoring.DimensionChange(worse, dimStats(50), dimStats(50.33))
		if got.PreviousMean != 75.8 || got.Delta != 0.4 || got.CI95 != exact.CI95 {
			t.Fatalf("trend = %+v, want previous 75.8, delta 0.4, ci95 %v (from the exact difference 0.33)", got, exact.CI95)
		}
	})
	t.Run("UnequalGroups", func(t *testing.T) {
		// sqrt(10²/25 + 20²/100) = sqrt(8): half-width 1.96·2.828 = 5.54.
		got := scoring.DimensionChange(worse, &scoring.DimensionStats{N: 25, Mean: 40, SD: 10}, &scoring.DimensionStats{N: 100, Mean: 46, SD: 20})
		if got.Delta != 6 || got.CI95 != [2]float64{0.5, 11.5} || got.Change != scoring.Worse {
			t.Fatalf("trend = %+v, want delta 6, ci95 [0.5 11.5], worse", got)
		}
	})
}

// wave builds a published result by hand: each group is given as
// id -> effort mean (or nil for a suppressed group).
func wave(respondents int, groups map[string]*float64, edit func(*scoring.Group)) *scoring.Result {
	res := &scoring.Result{Questionnaire: scoring.QuestionnaireRef{ID: "test", Version: 2}, MinGroupSize: 5, Respondents: respondents}
	for _, id := range []string{"all", "unit:A", "unit:A/S", "unit:B", "unit:C", "segment:metier=X"} {
		mean, ok := groups[id]
		if !ok {
			continue
		}
		kind, _, _ := strings.Cut(id, ":")
		g := &scoring.Group{ID: id, Kind: scoring.GroupKind(kind)}
		if mean == nil {
			g.Suppressed, g.Reason = true, scoring.ReasonBelowThreshold
		} else {
			g.Respondents = 50
			g.Dimensions = map[string]*scoring.DimensionStats{"effort": dimStats(*mean), "recompense": dimStats(60)}
			g.Indicators = map[string]*scoring.IndicatorStats{"ratio": {N: 50, Mean: 1}}
			if edit != nil {
				edit(g)
			}
		}
		res.Groups = append(res.Groups, g)
	}
	return res
}

func f(v float64) *float64 { return &v }

func TestCompareWaves(t *testing.T) {
	q := effortReward()
	t.Run("OnlyGroupsPublishedInBoth", func(t *testing.T) {
		prev := wave(120, map[string]*float64{"all": f(50), "unit:A": f(50), "unit:B": nil, "segment:metier=X": f(50)}, nil)
		cur := wave(130, map[string]*float64{"all": f(53), "unit:A": f(50), "unit:B": f(50), "unit:C": f(50), "segment:metier=X": nil}, nil)
		tr, err := scoring.CompareWaves(q, q, prev, cur, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Groups) != 2 || tr.Groups["all"] == nil || tr.Groups["unit:A"] == nil {
			t.Fatalf("groups = %v, want all and unit:A only (B suppressed then, C absent then, X suppressed now)", keys(tr.Groups))
		}
		if tr.Previous.Respondents != 120 {
			t.Errorf("previous respondents = %d, want 120", tr.Previous.Respondents)
		}
		if d := tr.Groups["all"].Dimensions["effort"]; d.Delta != 3 || d.Change != scoring.Worse {
			t.Errorf("all effort = %+v, want delta 3, worse", d)
		}
	})
	t.Run("MeasureSuppressedInEitherWave", func(t *testing.T) {
		suppress := func(id string) func(*scoring.Group) {
			return func(g *scoring.Group) {
				g.Dimensions[id] = &scoring.DimensionStats{Suppressed: true, Reason: scoring.ReasonSecondary}
				g.Indicators["ratio"] = &scoring.IndicatorStats{Suppressed: true, Reason: scoring.ReasonSecondary}
			}
		}
		for name, pair := range map[string][2]func(*scoring.Group){"Previous": {suppress("effort"), nil}, "Current": {nil, suppress("effort")}} {
			t.Run(name, func(t *testing.T) {
				prev := wave(120, map[string]*float64{"all": f(50)}, pair[0])
				cur := wave(130, map[string]*float64{"all": f(55)}, pair[1])
				tr, err := scoring.CompareWaves(q, q, prev, cur, nil)
				if err != nil {
					t.Fatal(err)
				}
				g := tr.Groups["all"]
				if g.Dimensions["effort"] != nil || g.Indicators["ratio"] != nil || g.Dimensions["recompense"] == nil {
					t.Fatalf("all = %+v, want recompense only", g)
				}
			})
		}
	})
	t.Run("UnitMapRenamesUnitsAndSubUnits", func(t *testing.T) {
		prev := wave(120, map[string]*float64{"all": f(50), "unit:A": f(40), "unit:A/S": f(45)}, nil)
		cur := wave(130, map[string]*float64{"all": f(50), "unit:B": f(41), "unit:C": f(50)}, nil)
		tr, err := scoring.CompareWaves(q, q, prev, cur, map[string]string{"A": "B"})
		if err != nil {
			t.Fatal(err)
		}
		if g := tr.Groups["unit:B"]; g == nil || g.Dimensions["effort"].PreviousMean != 40 {
			t.Fatalf("unit:B = %+v, want the trend from unit:A (previous mean 40)", g)
		}
		if _, ok := tr.Groups["unit:A"]; ok {
			t.Error("unit:A should be known under its new name only")
		}
	})
	t.Run("MergeRefused", func(t *testing.T) {
		prev := wave(120, map[string]*float64{"all": f(50), "unit:A": f(40), "unit:B": f(45)}, nil)
		cur := wave(130, map[string]*float64{"all": f(50), "unit:C": f(41)}, nil)
		for name, m := range map[string]map[string]string{
			"TwoOldToOneNew":    {"A": "C", "B": "C"},
			"OldOntoAnotherOld": {"A": "B"},
		} {
			t.Run(name, func(t *testing.T) {
				_, err := scoring.CompareWaves(q, q, prev, cur, m)
				if vigie.ErrorCode(err) != vigie.EINVALID || !strings.Contains(vigie.ErrorMessage(err), "fusion ne se compare pas") {
					t.Fatalf("err = %v, want EINVALID explaining that a merge cannot be compared", err)
				}
			})
		}
	})
	t.Run("JSONShape", func(t *testing.T) {
		prev := wave(398, map[string]*float64{"all": f(51.2), "unit:A": f(40)}, func(g *scoring.Group) {
			if g.ID == "unit:A" {
				g.Dimensions["recompense"] = &scoring.DimensionStats{Suppressed: true}
			}
		})
		cur := wave(401, map[string]*float64{"all": f(54.1), "unit:A": f(40)}, func(g *scoring.Group) {
			g.Indicators["ratio"].Mean = 1.07
		})
		tr, err := scoring.CompareWaves(q, q, prev, cur, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := json.Marshal(map[string]any{"trends": tr})
		if err != nil {
			t.Fatal(err)
		}
		want := `{"trends":{"previous":{"respondents":398},"groups":{` +
			`"all":{"dimensions":{"effort":{"previous_mean":51.2,"delta":2.9,"ci95":[0.9,4.9],"change":"worse"},` +
			`"recompense":{"previous_mean":60,"delta":0,"ci95":[-2,2],"change":"stable"}},` +
			`"indicators":{"ratio":{"previous_mean":1,"delta":0.07}}},` +
			`"unit:A":{"dimensions":{"effort":{"previous_mean":40,"delta":0,"ci95":[-2,2],"change":"stable"}},` +
			`"indicators":{"ratio":{"previous_mean":1,"delta":0.07}}}}}}`
		if string(got) != want {
			t.Fatalf("JSON =\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("FromScoredWaves", func(t *testing.T) {
		// Unit A answers one point higher on effort in the second wave.
		opts := scoring.Options{MinGroupSize: 5}
		prev := mustScore(t, q, opts, concat(repeat(6, "A", nil, effortScore(3, 3)), repeat(3, "A", nil, effortScore(2, 3)), repeat(3, "B", nil, effortScore(3, 3)), repeat(8, "C", nil, effortScore(3, 3))))
		cur := mustScore(t, q, opts, concat(repeat(6, "A", nil, effortScore(4, 3)), repeat(3, "A", nil, effortScore(3, 3)), repeat(6, "B", nil, effortScore(3, 3)), repeat(8, "C", nil, effortScore(3, 3))))
		tr, err := scoring.CompareWaves(q, q, prev, cur, nil)
		if err != nil {
			t.Fatal(err)
		}
		// B (3 people) was below k in the first wave, and C withheld with
		// it (all − A − C would give B): neither has a trend.
		if len(tr.Groups) != 2 || tr.Groups["all"] == nil || tr.Groups["unit:A"] == nil {
			t.Fatalf("groups = %v, want all and unit:A only", keys(tr.Groups))
		}
		if d := tr.Groups["unit:A"].Dimensions["effort"]; d == nil || d.Change != scoring.Worse || d.Delta != 25 {
			t.Errorf("unit:A effort = %+v, want +25, worse", d)
		}
	})
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestComparability(t *testing.T) {
	base := effortReward()
	for _, tc := range []struct {
		name string
		edit func(q *questionnaires.Questionnaire)
		want map[string]string
	}{
		{"Identical", func(*questionnaires.Questionnaire) {}, map[string]string{}},
		{"WordingOnly", func(q *questionnaires.Questionnaire) {
			q.Item("eff1").Text = questionnaires.Text{"fr": "Autre libellé"}
		}, map[string]string{}},
		{"ItemReversed", func(q *questionnaires.Questionnaire) { q.Item("eff1").Reverse = true },
			map[string]string{"effort": "la question eff1 a changé de sens (inversion)", "ratio": "une des dimensions dont il est calculé n'est pas comparable"}},
		{"ItemScaleChanged", func(q *questionnaires.Questionnaire) {
			q.Item("rec1").Scale = &questionnaires.Scale{ID: "accord", Min: 1, Max: 4, Labels: map[string][]string{"fr": {"1", "2", "3", "4"}}}
		}, map[string]string{"recompense": "la question rec1 a changé d'échelle", "ratio": "une des dimensions dont il est calculé n'est pas comparable"}},
		{"ItemRemoved", func(q *questionnaires.Questionnaire) { q.Dimensions[0].Items = q.Dimensions[0].Items[:2] },
			map[string]string{"effort": "la question eff3 a été ajoutée", "ratio": "une des dimensions dont il est calculé n'est pas comparable"}},
		{"OtherQuestionnaire", func(q *questionnaires.Questionnaire) { q.ID = "autre" }, map[string]string{
			"effort":     "la vague précédente a répondu à un autre questionnaire (autre)",
			"recompense": "la vague précédente a répondu à un autre questionnaire (autre)",
			"ratio":      "la vague précédente a répondu à un autre questionnaire (autre)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prev := effortReward()
			tc.edit(prev)
			got := scoring.Comparability(prev, base)
			if len(got) != len(tc.want) {
				t.Fatalf("reasons = %v, want %v", got, tc.want)
			}
			for id, why := range tc.want {
				if got[id] != why {
					t.Errorf("reason for %s = %q, want %q", id, got[id], why)
				}
			}
		})
	}
	t.Run("NonComparableHasNoTrend", func(t *testing.T) {
		prevQ := effortReward()
		prevQ.Item("eff2").Reverse = true
		prev := wave(120, map[string]*float64{"all": f(50)}, nil)
		cur := wave(130, map[string]*float64{"all": f(60)}, nil)
		tr, err := scoring.CompareWaves(prevQ, base, prev, cur, nil)
		if err != nil {
			t.Fatal(err)
		}
		if g := tr.Groups["all"]; g.Dimensions["effort"] != nil || g.Indicators["ratio"] != nil || g.Dimensions["recompense"] == nil {
			t.Fatalf("all = %+v, want recompense only", g)
		}
		if tr.NonComparable["effort"] != "la question eff2 a changé de sens (inversion)" {
			t.Errorf("non_comparable = %v", tr.NonComparable)
		}
	})
}

func TestCheckRenames(t *testing.T) {
	paths := []string{"A", "A/S", "B", "C"}
	for _, tc := range []struct {
		name    string
		unitMap map[string]string
		ok      bool
	}{
		{"None", nil, true},
		{"RenameToNewName", map[string]string{"A": "D"}, true},
		{"SwapIsNoMerge", map[string]string{"A": "B", "B": "A"}, true},
		{"OntoAnExistingUnit", map[string]string{"A": "B"}, false},
		{"SubUnitOntoAnother", map[string]string{"A/S": "C"}, false},
		{"TwoOldToOneNew", map[string]string{"B": "D", "C": "D"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := scoring.CheckRenames(paths, tc.unitMap)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v, want ok = %v", err, tc.ok)
			}
			if err != nil && vigie.ErrorCode(err) != vigie.EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
		})
	}
}
