package scoring_test

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/scoring"
)

const (
	below     = scoring.ReasonBelowThreshold
	secondary = scoring.ReasonSecondary
	none      = scoring.ReasonBelowThreshold // a group nobody belongs to: said as one of 1 to k-1
	ns        = scoring.NotSpecified
)

// crowd is a number of respondents in one unit ("" for none) or one
// segment category.
type crowd struct {
	unit     string
	segments map[string]string
	n        int
}

func crowds(cs ...crowd) []scoring.Respondent {
	var rs []scoring.Respondent
	for _, c := range cs {
		rs = append(rs, repeat(c.n, c.unit, c.segments, effortScore(3, 3))...)
	}
	return rs
}

// TestSuppressionRules checks the fate of every group: "" for published.
func TestSuppressionRules(t *testing.T) {
	metier := func(cat string) map[string]string { return map[string]string{"metier": cat} }
	for _, tc := range []struct {
		name   string
		opts   scoring.Options
		crowds []crowd
		want   map[string]string
	}{
		{
			name:   "PrimaryOnly",
			crowds: []crowd{{"A", nil, 6}, {"B", nil, 7}, {"C", nil, 3}, {"D", nil, 2}},
			// C and D hide 5 people together: enough, nothing more to hide.
			want: map[string]string{"all": "", "unit:A": "", "unit:B": "", "unit:C": below, "unit:D": below, "unit:" + ns: none},
		},
		{
			name:   "SecondaryTopLevel",
			crowds: []crowd{{"A", nil, 6}, {"B", nil, 7}, {"C", nil, 3}},
			// all - A - B = 3: A, the smallest, goes too.
			want: map[string]string{"all": "", "unit:A": secondary, "unit:B": "", "unit:C": below, "unit:" + ns: none},
		},
		{
			name:   "TieSmallestID",
			crowds: []crowd{{"B", nil, 6}, {"A", nil, 6}, {"C", nil, 2}},
			want:   map[string]string{"all": "", "unit:A": secondary, "unit:B": "", "unit:C": below, "unit:" + ns: none},
		},
		{
			name:   "ZeroMembersIgnored",
			opts:   scoring.Options{Units: [][]string{{"A"}, {"B"}, {"C"}, {"D"}}},
			crowds: []crowd{{"A", nil, 6}, {"B", nil, 7}},
			want:   map[string]string{"all": "", "unit:A": "", "unit:B": "", "unit:C": none, "unit:D": none, "unit:" + ns: none},
		},
		{
			name:   "ChildrenOfAUnit",
			crowds: []crowd{{"A/x", nil, 5}, {"A/y", nil, 6}, {"A/z", nil, 2}, {"B", nil, 10}},
			want: map[string]string{"all": "", "unit:A": "", "unit:B": "", "unit:" + ns: none,
				"unit:A/x": secondary, "unit:A/y": "", "unit:A/z": below},
		},
		{
			// A's 3 people who chose no service are what A - x - y reveals.
			name:   "PeopleAttachedToTheParent",
			crowds: []crowd{{"A", nil, 3}, {"A/x", nil, 6}, {"A/y", nil, 7}, {"B", nil, 10}},
			want: map[string]string{"all": "", "unit:A": "", "unit:B": "", "unit:" + ns: none,
				"unit:A/x": secondary, "unit:A/y": ""},
		},
		{
			// C forces A (11 < 12) out; A's whole subtree follows.
			name:   "SeveralLevels",
			crowds: []crowd{{"A/x/1", nil, 6}, {"A/y", nil, 5}, {"B", nil, 12}, {"C", nil, 2}},
			want: map[string]string{"all": "", "unit:A": secondary, "unit:B": "", "unit:C": below, "unit:" + ns: none,
				"unit:A/x": secondary, "unit:A/x/1": secondary, "unit:A/y": secondary},
		},
		{
			name:   "SecondaryAtEveryLevel",
			crowds: []crowd{{"A/x/1", nil, 5}, {"A/x/2", nil, 6}, {"A/x/3", nil, 1}, {"A/y", nil, 9}, {"B", nil, 20}},
			want: map[string]string{"all": "", "unit:A": "", "unit:B": "", "unit:" + ns: none,
				"unit:A/x": "", "unit:A/y": "", "unit:A/x/1": secondary, "unit:A/x/2": "", "unit:A/x/3": below},
		},
		{
			name:   "UnitNotSpecified",
			crowds: []crowd{{"A", nil, 10}, {"B", nil, 8}, {"", nil, 2}},
			want:   map[string]string{"all": "", "unit:A": "", "unit:B": secondary, "unit:" + ns: below},
		},
		{
			name:   "SegmentNotSpecified",
			opts:   scoring.Options{Segments: []scoring.Segment{{ID: "metier", Categories: []string{"X", "Y", "Z"}}}},
			crowds: []crowd{{"", metier("X"), 6}, {"", metier("Y"), 7}, {"", metier(""), 2}, {"", nil, 1}},
			want: map[string]string{"all": "", "segment:metier=X": secondary, "segment:metier=Y": "",
				"segment:metier=Z": none, "segment:metier=" + ns: below},
		},
		{
			name:   "SegmentNotSpecifiedLargeEnough",
			crowds: []crowd{{"", metier("X"), 6}, {"", metier("Y"), 2}, {"", nil, 5}},
			want: map[string]string{"all": "", "segment:metier=X": "", "segment:metier=Y": below,
				"segment:metier=" + ns: secondary},
		},
		{
			name:   "EveryoneBelowK",
			opts:   scoring.Options{Segments: []scoring.Segment{{ID: "metier", Categories: []string{"X"}}}},
			crowds: []crowd{{"A", metier("X"), 2}, {"B", metier("X"), 2}},
			want: map[string]string{"all": below, "unit:A": below, "unit:B": below, "unit:" + ns: none,
				"segment:metier=X": below, "segment:metier=" + ns: none},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := mustScore(t, effortReward(), tc.opts, crowds(tc.crowds...))
			got := map[string]string{}
			for _, g := range res.Groups {
				got[g.ID] = g.Reason
				if g.Suppressed != (g.Reason != "") {
					t.Errorf("%s: suppressed %v with reason %q", g.ID, g.Suppressed, g.Reason)
				}
			}
			if !maps.Equal(got, tc.want) {
				t.Errorf("reasons =\n%v\nwant\n%v", got, tc.want)
			}
			if tc.want["all"] != "" && res.Respondents != 0 {
				t.Errorf("respondents = %d with everyone suppressed, want 0", res.Respondents)
			}
		})
	}
}

// TestMeasureSuppression: unit A is published (6 people) but only 4 of them
// have a reward score, so A's reward mean is withheld, and B's with it (all
// - B would give A's).
func TestMeasureSuppression(t *testing.T) {
	noReward := []int{3, 3, 3, 2, M, M, M} // reward needs 2 of 4 items
	rs := concat(
		repeat(4, "A", nil, effortScore(3, 3)),
		repeat(2, "A", nil, noReward),
		repeat(10, "B", nil, effortScore(3, 3)),
	)
	res := mustScore(t, effortReward(), scoring.Options{}, rs)
	a, b, all := group(t, res, "unit:A"), group(t, res, "unit:B"), group(t, res, "all")
	if a.Suppressed || a.Respondents != 6 {
		t.Fatalf("A = %+v, want published with 6 respondents", a)
	}
	for _, tc := range []struct {
		g      *scoring.Group
		reason string
	}{{a, below}, {b, secondary}, {all, ""}} {
		d := tc.g.Dimensions["recompense"]
		if d.Suppressed != (tc.reason != "") || d.Reason != tc.reason {
			t.Errorf("%s recompense = %+v, want reason %q", tc.g.ID, d, tc.reason)
		}
		if d.Suppressed && (d.N != 0 || d.Mean != 0 || d.Shares != nil) {
			t.Errorf("%s recompense suppressed but carries figures: %+v", tc.g.ID, d)
		}
		if ind := tc.g.Indicators["ratio"]; ind.Suppressed != (tc.reason != "") {
			t.Errorf("%s ratio = %+v, want suppressed %v", tc.g.ID, ind, tc.reason != "")
		}
		if e := tc.g.Dimensions["effort"]; e.Suppressed {
			t.Errorf("%s effort suppressed, want published", tc.g.ID)
		}
	}
	// Items share their dimension's pattern and count only the answers of
	// the people scored on it: rec1, answered by 6 people in A but by only
	// 4 with a reward score, is withheld in A (4 < k) and B (secondary).
	for _, id := range []string{"rec1", "rec2"} {
		if it := a.Items[id]; !it.Suppressed || it.Reason != below {
			t.Errorf("A %s = %+v, want below_threshold", id, it)
		}
		if it := b.Items[id]; !it.Suppressed || it.Reason != secondary {
			t.Errorf("B %s = %+v, want secondary", id, it)
		}
	}
	if it := all.Items["rec1"]; it.Suppressed || it.N != 14 {
		t.Errorf("all rec1 = %+v, want published, n 14 (the 2 unscored answers left out)", it)
	}
}

func TestSuppressedJSON(t *testing.T) {
	rs := concat(
		repeat(4, "A", nil, effortScore(3, 3)),
		repeat(2, "A", nil, []int{3, 3, 3, 2, M, M, M}),
		repeat(10, "B", nil, effortScore(3, 3)),
		repeat(2, "C/c", nil, effortScore(3, 3)),
		repeat(3, "D", nil, effortScore(3, 3)), // C and D hide 5 together
	)
	data, err := json.Marshal(mustScore(t, effortReward(), scoring.Options{}, rs))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Respondents int                          `json:"respondents"`
		Groups      []map[string]json.RawMessage `json:"groups"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]json.RawMessage{}
	for _, g := range out.Groups {
		var id string
		json.Unmarshal(g["id"], &id)
		byID[id] = g
	}
	keys := func(id string) []string { return slices.Sorted(maps.Keys(byID[id])) }
	if got, want := keys("unit:C/c"), []string{"id", "kind", "label", "parent", "reason", "suppressed"}; !slices.Equal(got, want) {
		t.Errorf("suppressed group keys = %v, want %v", got, want)
	}
	if got, want := keys("unit:C"), []string{"id", "kind", "label", "reason", "suppressed"}; !slices.Equal(got, want) {
		t.Errorf("suppressed group keys = %v, want %v", got, want)
	}
	var dims map[string]json.RawMessage
	json.Unmarshal(byID["unit:A"]["dimensions"], &dims)
	if got, want := string(dims["recompense"]), `{"suppressed":true,"reason":"below_threshold"}`; got != want {
		t.Errorf("suppressed measure = %s, want %s", got, want)
	}
	if !strings.Contains(string(dims["effort"]), `"n":6`) {
		t.Errorf("published measure = %s, want n 6", dims["effort"])
	}
	if out.Respondents != 21 {
		t.Errorf("respondents = %d, want 21", out.Respondents)
	}
}

// TestNoSubtractionIsolatesFewerThanK draws random unit trees, segments and
// answers, and checks on the published result only that, for every
// partition and every count (respondents, each dimension, indicator and
// item), the whole minus its published members is 0 or at least k.
func TestNoSubtractionIsolatesFewerThanK(t *testing.T) {
	q := effortReward()
	rng := rand.New(rand.NewPCG(7, 11))
	for round := range 200 {
		k := 3 + rng.IntN(5)
		var rs []scoring.Respondent
		for range rng.IntN(120) {
			var unit []string
			for depth := rng.IntN(4); len(unit) < depth; {
				unit = append(unit, string(rune('a'+rng.IntN(3))))
			}
			segs := map[string]string{}
			for _, s := range []string{"s1", "s2"} {
				if c := rng.IntN(5); c > 0 {
					segs[s] = string(rune('A' + c - 1))
				}
			}
			answers := make([]int, len(q.Items()))
			for i := range answers {
				answers[i] = 1 + rng.IntN(5)
				if rng.IntN(4) == 0 {
					answers[i] = M
				}
			}
			rs = append(rs, scoring.Respondent{Unit: unit, Segments: segs, Answers: answers})
		}
		res := mustScore(t, q, scoring.Options{MinGroupSize: k}, rs)
		checkPartitions(t, round, k, res)
	}
}

func checkPartitions(t *testing.T, round, k int, res *scoring.Result) {
	t.Helper()
	byID := map[string]*scoring.Group{}
	parts := map[string][]*scoring.Group{} // whole id -> members
	for _, g := range res.Groups {
		byID[g.ID] = g
		switch {
		case g.Kind == scoring.KindUnit && g.Parent == "":
			parts["all"] = append(parts["all"], g)
		case g.Kind == scoring.KindUnit:
			parts[g.Parent] = append(parts[g.Parent], g)
		case g.Kind == scoring.KindSegment:
			parts["segment "+g.Segment] = append(parts["segment "+g.Segment], g)
		}
		if !g.Suppressed && g.Respondents < k {
			t.Fatalf("round %d: %s published with %d < k=%d", round, g.ID, g.Respondents, k)
		}
	}
	// counts returns the published counts of a group: respondents and each
	// measure's n, keyed by measure; ok false when the group is withheld.
	counts := func(g *scoring.Group) map[string]int {
		if g.Suppressed {
			return nil
		}
		c := map[string]int{"respondents": g.Respondents}
		for id, d := range g.Dimensions {
			if !d.Suppressed {
				c["dim "+id] = d.N
			}
		}
		for id, d := range g.Indicators {
			if !d.Suppressed {
				c["ind "+id] = d.N
			}
		}
		for id, d := range g.Items {
			if !d.Suppressed {
				c["item "+id] = d.N
			}
		}
		return c
	}
	for wholeID, members := range parts {
		if strings.HasPrefix(wholeID, "segment ") {
			wholeID = "all"
		}
		whole := counts(byID[wholeID])
		for measure, n := range whole {
			left := n
			for _, m := range members {
				left -= counts(m)[measure]
			}
			if left != 0 && left < k {
				t.Fatalf("round %d, k=%d: %s minus its published members leaves %d for %s", round, k, wholeID, left, measure)
			}
		}
		if whole == nil {
			for _, m := range members {
				if !m.Suppressed {
					t.Fatalf("round %d: %s published inside suppressed %s", round, m.ID, wholeID)
				}
			}
		}
	}
}
