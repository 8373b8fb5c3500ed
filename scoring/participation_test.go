package scoring_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

func TestParticipation(t *testing.T) {
	type row struct {
		respondents int // -1: suppressed
		headcount   int
		rate        float64 // -1: none
	}
	for _, tc := range []struct {
		name       string
		opts       scoring.Options
		counts     map[string]int
		headcounts map[string]int
		want       map[string]row
		order      []string
	}{
		{
			name:       "Published",
			opts:       scoring.Options{Units: [][]string{{"A"}, {"A", "y"}, {"A", "x"}}},
			counts:     map[string]int{"A/x": 6, "A/y": 7},
			headcounts: map[string]int{"A/x": 10, "A/y": 14},
			want: map[string]row{
				"A":   {13, 24, 13.0 / 24}, // headcount: sum of the children's
				"A/y": {7, 14, 0.5},
				"A/x": {6, 10, 0.6},
				ns:    {-1, 0, -1},
			},
			order: []string{"A", "A/y", "A/x", ns},
		},
		{
			// Top level: (non renseigné) 1 hides too few, so A (8 < 10)
			// goes, and its children with it.
			name:       "SameRulesAsResults",
			counts:     map[string]int{"A/x": 6, "A/y": 2, "B": 10, "": 1},
			headcounts: map[string]int{"A/x": 10, "A/y": 5, "B": 20},
			want: map[string]row{
				"A": {-1, 15, -1}, "A/x": {-1, 10, -1}, "A/y": {-1, 5, -1},
				"B": {10, 20, 0.5}, ns: {-1, 0, -1},
			},
			order: []string{"A", "A/x", "A/y", "B", ns},
		},
		{
			name:       "UnknownHeadcount",
			opts:       scoring.Options{MinGroupSize: 3},
			counts:     map[string]int{"A/x": 3, "A/y": 4},
			headcounts: map[string]int{"A/x": 10},
			want: map[string]row{
				"A": {7, 0, -1}, "A/x": {3, 10, 0.3}, "A/y": {4, 0, -1}, ns: {-1, 0, -1},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows := scoringtest.Participation(tc.opts, tc.counts, tc.headcounts)
			var order []string
			for _, r := range rows {
				key := strings.Join(r.Path, "/")
				order = append(order, key)
				w, ok := tc.want[key]
				if !ok {
					t.Errorf("unexpected row %q", key)
					continue
				}
				switch {
				case w.respondents < 0 && r.Respondents != nil:
					t.Errorf("%s: respondents = %d, want suppressed", key, *r.Respondents)
				case w.respondents >= 0 && (r.Respondents == nil || *r.Respondents != w.respondents):
					t.Errorf("%s: respondents = %v, want %d", key, r.Respondents, w.respondents)
				}
				if r.Headcount != w.headcount {
					t.Errorf("%s: headcount = %d, want %d", key, r.Headcount, w.headcount)
				}
				switch {
				case w.rate < 0 && r.Rate != nil:
					t.Errorf("%s: rate = %v, want none", key, *r.Rate)
				case w.rate >= 0 && (r.Rate == nil || !near(*r.Rate, w.rate)):
					t.Errorf("%s: rate = %v, want %v", key, r.Rate, w.rate)
				}
			}
			if len(order) != len(tc.want) {
				t.Errorf("rows = %v, want %d rows", order, len(tc.want))
			}
			if tc.order != nil && strings.Join(order, ",") != strings.Join(tc.order, ",") {
				t.Errorf("order = %v, want %v", order, tc.order)
			}
		})
	}
}

// TestParticipationMatchesResults: the same respondents give the same
// suppressed units in participation and in results.
func TestParticipationMatchesResults(t *testing.T) {
	cs := []crowd{{"A/x/1", nil, 6}, {"A/y", nil, 5}, {"B", nil, 12}, {"C", nil, 2}, {"", nil, 4}}
	res := mustScore(t, effortReward(), scoring.Options{}, crowds(cs...))
	counts := map[string]int{}
	for _, c := range cs {
		counts[c.unit] += c.n
	}
	for _, r := range scoringtest.Participation(scoring.Options{}, counts, nil) {
		g := group(t, res, "unit:"+strings.Join(r.Path, "/"))
		if g.Suppressed != (r.Respondents == nil) {
			t.Errorf("%s: result suppressed %v, participation respondents %v", g.ID, g.Suppressed, r.Respondents)
		}
		if r.Respondents != nil && *r.Respondents != g.Respondents {
			t.Errorf("%s: participation %d, result %d", g.ID, *r.Respondents, g.Respondents)
		}
	}
}

// Each hidden participation row says why, as a result group would: every
// output words hidden units from it (issue 15, point 4). A unit nobody
// answered reads as one under k (issue 19): a reason of its own would
// flip when its first member answers.
func TestParticipationReasons(t *testing.T) {
	opts := scoring.Options{Units: [][]string{{"A"}, {"B"}, {"C"}, {"D"}}}
	rows := scoringtest.Participation(opts, map[string]int{"A": 10, "B": 6, "C": 2}, nil)
	want := map[string]string{
		"A": "", "B": scoring.ReasonSecondary, "C": scoring.ReasonBelowThreshold,
		"D": scoring.ReasonBelowThreshold, ns: scoring.ReasonBelowThreshold,
	}
	for _, r := range rows {
		if got := r.Reason; got != want[strings.Join(r.Path, "/")] {
			t.Errorf("%v: reason %q, want %q", r.Path, got, want[strings.Join(r.Path, "/")])
		}
		if (r.Reason == "") != (r.Respondents != nil) {
			t.Errorf("%v: reason %q with respondents %v", r.Path, r.Reason, r.Respondents)
		}
	}
}
