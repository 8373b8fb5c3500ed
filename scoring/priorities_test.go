package scoring_test

import (
	"slices"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// publishedStats returns published figures of one dimension.
func publishedStats(n int, mean float64, level scoring.Level, unfav float64) *scoring.DimensionStats {
	return &scoring.DimensionStats{N: n, Mean: mean, Level: level,
		Shares: map[scoring.Level]float64{scoring.Unfavourable: unfav, scoring.Favourable: 1 - unfav}}
}

func TestPrioritiesRule(t *testing.T) {
	q := effortReward()
	q.Dimensions[0].RiskFamily = questionnaires.IntensiteTemps
	tests := []struct {
		name  string
		stats *scoring.DimensionStats
		want  bool
	}{
		{"UnfavourableMeanFewUnfavourable", publishedStats(10, 80, scoring.Unfavourable, 0.2), true},
		{"ShareExactlyAtThreshold", publishedStats(10, 50, scoring.Intermediate, 0.5), true},
		{"ShareAtThresholdAfterRounding", publishedStats(10, 50, scoring.Intermediate, 0.49999999999), true},
		{"ShareJustBelow", publishedStats(10, 50, scoring.Intermediate, 0.49), false},
		{"FavourableMeanHalfUnfavourable", publishedStats(10, 24, scoring.Favourable, 0.5), true},
		{"Favourable", publishedStats(10, 10, scoring.Favourable, 0.1), false},
		{"SuppressedMeasure", &scoring.DimensionStats{Suppressed: true, Reason: scoring.ReasonSecondary, Level: scoring.Unfavourable, Shares: map[scoring.Level]float64{scoring.Unfavourable: 1}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := &scoring.Result{Groups: []*scoring.Group{{ID: "all", Kind: scoring.KindAll, Label: "Ensemble", Respondents: 10,
				Dimensions: map[string]*scoring.DimensionStats{"effort": tt.stats}}}}
			got := scoring.Priorities(0.5, scoring.Scored{Questionnaire: q, Result: res})
			if (len(got) == 1) != tt.want {
				t.Fatalf("priorities = %+v, want a priority: %v", got, tt.want)
			}
			if tt.want {
				p := got[0]
				if p.Questionnaire != "test" || p.Dimension != "effort" || p.Group != "all" || p.Label != "Ensemble" ||
					p.N != 10 || p.Mean != tt.stats.Mean || p.ShareUnfavourable != tt.stats.Shares[scoring.Unfavourable] ||
					p.Level != tt.stats.Level || p.RiskFamily != "intensite-temps" {
					t.Errorf("priority = %+v, want the published figures of effort in all", p)
				}
			}
		})
	}
	t.Run("SuppressedGroup", func(t *testing.T) {
		res := &scoring.Result{Groups: []*scoring.Group{{ID: "unit:A", Kind: scoring.KindUnit, Label: "A", Suppressed: true,
			Dimensions: map[string]*scoring.DimensionStats{"effort": publishedStats(3, 90, scoring.Unfavourable, 1)}}}}
		if got := scoring.Priorities(0.5, scoring.Scored{Questionnaire: q, Result: res}); len(got) != 0 {
			t.Fatalf("priorities of a suppressed group = %+v, want none", got)
		}
	})
	t.Run("NotSpecifiedGroups", func(t *testing.T) {
		worst := func() map[string]*scoring.DimensionStats {
			return map[string]*scoring.DimensionStats{"effort": publishedStats(10, 90, scoring.Unfavourable, 1)}
		}
		res := &scoring.Result{Groups: []*scoring.Group{
			{ID: "unit:" + scoring.NotSpecified, Kind: scoring.KindUnit, Label: scoring.NotSpecified, Dimensions: worst()},
			{ID: "unit:A/" + scoring.NotSpecified, Kind: scoring.KindUnit, Label: scoring.NotSpecified, Dimensions: worst()},
			{ID: "segment:anciennete=" + scoring.NotSpecified, Kind: scoring.KindSegment, Segment: "anciennete", Label: scoring.NotSpecified, Dimensions: worst()},
			{ID: "unit:A", Kind: scoring.KindUnit, Label: "A", Dimensions: worst()},
		}}
		got := scoring.Priorities(0.5, scoring.Scored{Questionnaire: q, Result: res})
		if len(got) != 1 || got[0].Group != "unit:A" {
			t.Fatalf("priorities = %+v, want unit A's alone: a (non renseigné) group is nobody to act for", got)
		}
	})
	t.Run("DefaultShare", func(t *testing.T) {
		res := &scoring.Result{Groups: []*scoring.Group{{ID: "all", Kind: scoring.KindAll, Label: "Ensemble",
			Dimensions: map[string]*scoring.DimensionStats{"effort": publishedStats(10, 50, scoring.Intermediate, 0.5)}}}}
		if got := scoring.Priorities(0, scoring.Scored{Questionnaire: q, Result: res}); len(got) != 1 {
			t.Fatalf("share 0 gave %d priorities, want the default 0.5 to apply", len(got))
		}
	})
}

func TestPrioritiesOrder(t *testing.T) {
	q := effortReward()
	dims := func(e, r float64) map[string]*scoring.DimensionStats {
		return map[string]*scoring.DimensionStats{
			"effort":     publishedStats(10, 60, scoring.Intermediate, e),
			"recompense": publishedStats(10, 40, scoring.Intermediate, r),
		}
	}
	res := &scoring.Result{Groups: []*scoring.Group{
		{ID: "all", Kind: scoring.KindAll, Label: "Ensemble", Dimensions: dims(0.6, 0.6)},
		{ID: "segment:metier=Cadre", Kind: scoring.KindSegment, Segment: "metier", Label: "Cadre", Dimensions: dims(0.7, 0.1)},
		{ID: "unit:A/B", Kind: scoring.KindUnit, Label: "B", Parent: "unit:A", Dimensions: dims(0.6, 0.9)},
	}}
	got := scoring.Priorities(0.5, scoring.Scored{Questionnaire: q, Result: res})
	var keys []string
	for _, p := range got {
		keys = append(keys, p.Group+" "+p.Dimension)
	}
	want := []string{"unit:A/B recompense", "segment:metier=Cadre effort", "all effort", "all recompense", "unit:A/B effort"}
	if !slices.Equal(keys, want) {
		t.Errorf("order = %q, want %q", keys, want)
	}
	if got[0].Label != "A/B" {
		t.Errorf("unit label = %q, want the full path A/B", got[0].Label)
	}
}

// A signal to discuss (a defensive strategy, or a dimension given as
// signal_for a family) is marked as such, carries no risk family, and
// comes after every exposure whatever its share (issue 20).
func TestPrioritiesSignalsAfterExposures(t *testing.T) {
	q := effortReward()
	q.Dimensions[0].Reading = questionnaires.ReadingSignal // effort: a defensive strategy
	q.Dimensions[1].SignalFor = questionnaires.RapportsSociaux
	exposure := &questionnaires.Dimension{ID: "charge", RiskFamily: questionnaires.IntensiteTemps}
	q.Dimensions = append(q.Dimensions, exposure)
	res := &scoring.Result{Groups: []*scoring.Group{{ID: "all", Kind: scoring.KindAll, Label: "Ensemble",
		Dimensions: map[string]*scoring.DimensionStats{
			"effort":     publishedStats(10, 90, scoring.Unfavourable, 0.95),
			"recompense": publishedStats(10, 80, scoring.Unfavourable, 0.9),
			"charge":     publishedStats(10, 60, scoring.Intermediate, 0.5),
		}}}}
	got := scoring.Priorities(0.5, scoring.Scored{Questionnaire: q, Result: res})
	if len(got) != 3 || got[0].Dimension != "charge" || got[0].Signal || got[0].RiskFamily != "intensite-temps" {
		t.Fatalf("priorities = %+v, want the exposure charge first", got)
	}
	for _, p := range got[1:] {
		if !p.Signal || p.RiskFamily != "" {
			t.Errorf("%s = %+v, want a signal with no risk family", p.Dimension, p)
		}
	}
	if got[1].Dimension != "effort" || got[2].SignalFor != "rapports-sociaux" {
		t.Errorf("signals = %+v, %+v; want effort then recompense (signal for rapports-sociaux)", got[1], got[2])
	}
}

// TestPrioritiesFromScoring runs the rule on real scoring at its two
// boundaries: a mean exactly at the unfavourable cut-off, and a share of
// unfavourable respondents exactly at priority_share.
func TestPrioritiesFromScoring(t *testing.T) {
	q := effortReward()
	// recompense (higher_is_better, cut-offs 37.5/62.5): rec answers
	// [1 1 1 5] score 0, [4 4 3 3] 62.5, [4 4 4 3] 68.75. effort [1 1 5] is 0.
	zero, mid, high := []int{1, 1, 5, 1, 1, 1, 5}, []int{1, 1, 5, 4, 4, 3, 3}, []int{1, 1, 5, 4, 4, 4, 3}
	opts := scoring.Options{MinGroupSize: 5}

	t.Run("MeanAtCutoff", func(t *testing.T) {
		// 4 × 0 + 6 × 62.5 = 375: mean 37.5, exactly the low cut-off,
		// so the level is unfavourable although only 40 % are.
		res := mustScore(t, q, opts, concat(repeat(4, "", nil, zero), repeat(6, "", nil, mid)))
		st := group(t, res, "all").Dimensions["recompense"]
		if !near(st.Mean, 37.5) || st.Level != scoring.Unfavourable || !near(st.Shares[scoring.Unfavourable], 0.4) {
			t.Fatalf("recompense = %+v, want mean 37.5, unfavourable, share 0.4", st)
		}
		if got := scoring.Priorities(0.5, scoring.Scored{Questionnaire: q, Result: res}); len(got) != 1 || got[0].Dimension != "recompense" {
			t.Fatalf("priorities = %+v, want recompense alone", got)
		}
	})
	t.Run("MeanJustAboveCutoff", func(t *testing.T) {
		res := mustScore(t, q, opts, concat(repeat(4, "", nil, zero), repeat(5, "", nil, mid), repeat(1, "", nil, high)))
		if st := group(t, res, "all").Dimensions["recompense"]; st.Level != scoring.Intermediate {
			t.Fatalf("recompense level = %s, want intermediate", st.Level)
		}
		if got := scoring.Priorities(0.5, scoring.Scored{Questionnaire: q, Result: res}); len(got) != 0 {
			t.Fatalf("priorities = %+v, want none (mean intermediate, 40 %% unfavourable)", got)
		}
	})
	t.Run("ShareAtThreshold", func(t *testing.T) {
		// effort: 5 × 100 and 5 × 0, mean 50 (intermediate), half unfavourable.
		worst := []int{5, 5, 1, 5, 5, 5, 1}
		res := mustScore(t, q, opts, concat(repeat(5, "", nil, worst), repeat(5, "", nil, []int{1, 1, 5, 5, 5, 5, 1})))
		st := group(t, res, "all").Dimensions["effort"]
		if st.Level != scoring.Intermediate || st.Shares[scoring.Unfavourable] != 0.5 {
			t.Fatalf("effort = %+v, want intermediate with share 0.5", st)
		}
		if got := scoring.Priorities(0.5, scoring.Scored{Questionnaire: q, Result: res}); len(got) != 1 || got[0].Dimension != "effort" {
			t.Fatalf("priorities at share 0.5 = %+v, want effort", got)
		}
		if got := scoring.Priorities(0.51, scoring.Scored{Questionnaire: q, Result: res}); len(got) != 0 {
			t.Fatalf("priorities at share 0.51 = %+v, want none", got)
		}
	})
}
