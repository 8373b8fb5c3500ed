package scoring_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

// TestCellRuleExample is the example of docs/scoring.md (rule 4): two
// units and a two-category segment, one person alone in U1 ∩ C2. Every
// group holds at least k, yet U1 − C1 = (U1 ∩ C2) − (U2 ∩ C1) and counts
// cannot be negative: with U1 2, C1 1, U2 0 answers of 5 on eff1, the lone
// person answered 5. The segment gives way (a category before a unit), the
// units stay.
func TestCellRuleExample(t *testing.T) {
	c := func(cat string) map[string]string { return map[string]string{"role": cat} }
	rs := concat(
		repeat(1, "U1", c("C1"), effortScore(5, 3)),
		repeat(7, "U1", c("C1"), effortScore(3, 3)),
		repeat(1, "U1", c("C2"), effortScore(5, 3)),
		repeat(9, "U2", c("C1"), effortScore(3, 3)),
		repeat(8, "U2", c("C2"), effortScore(3, 3)),
	)
	opts := scoring.Options{MinGroupSize: 5, Units: [][]string{{"U1"}, {"U2"}},
		Segments: []scoring.Segment{{ID: "role", Categories: []string{"C1", "C2"}}}}
	res := mustScore(t, effortReward(), opts, rs)
	for _, tc := range []struct {
		id        string
		published bool
	}{
		{"all", true}, {"unit:U1", true}, {"unit:U2", true},
		{"segment:role=C1", false}, {"segment:role=C2", false},
	} {
		if g := group(t, res, tc.id); g.Suppressed == tc.published {
			t.Errorf("%s: suppressed = %v (%s), want published = %v", tc.id, g.Suppressed, g.Reason, tc.published)
		}
	}
	if published, ok := res.PublishedSegments()["role"]; !ok || published {
		t.Errorf("PublishedSegments()[role] = %v, %v; want false, true", published, ok)
	}
}

// TestEveryCellHoldsZeroOrK checks rule 4's guarantee on random campaigns
// with units and two segments: for every dimension, and for the
// respondents, the people counted who share the same published groups
// are 0 or at least k.
func TestEveryCellHoldsZeroOrK(t *testing.T) {
	seeds := 400
	if testing.Short() {
		seeds = 60
	}
	for seed := range seeds {
		if bad := cellCampaign(t, uint64(seed)); len(bad) > 0 {
			t.Fatalf("seed %d: %s", seed, strings.Join(bad, "; "))
		}
	}
}

// TestEveryCellCanary shows the check can fail: under the linear rule 4 of
// the previous releases, some random campaigns keep small cells.
func TestEveryCellCanary(t *testing.T) {
	defer scoring.UseLegacyOverlapRule()()
	failed := 0
	for seed := range 60 {
		if len(cellCampaign(t, uint64(seed))) > 0 {
			failed++
		}
	}
	if failed == 0 {
		t.Fatal("under the linear rule, no campaign of 60 kept a small cell: the check cannot see one")
	}
	t.Logf("the linear rule keeps small cells in %d of 60 campaigns", failed)
}

// cellCampaign scores the random campaign of one seed and returns its
// cells of 1 to k−1 people, per dimension and for the respondents.
func cellCampaign(t *testing.T, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 0xce11))
	q := effortReward()
	k := 3 + rng.IntN(4)
	units := []string{"A", "A/x", "A/y", "B", "C", ""}
	segs := []scoring.Segment{{ID: "s1", Categories: []string{"a", "b", "c"}}, {ID: "s2", Categories: []string{"u", "v"}}}
	var rs []scoring.Respondent
	for range 10 + rng.IntN(120) {
		seg := map[string]string{}
		for _, s := range segs {
			if i := rng.IntN(len(s.Categories) + 1); i < len(s.Categories) {
				seg[s.ID] = s.Categories[i]
			}
		}
		answers := effortScore(1+rng.IntN(5), 1+rng.IntN(5))
		for j := range answers {
			if rng.IntN(6) == 0 {
				answers[j] = M
			}
		}
		rs = append(rs, person(units[rng.IntN(len(units))], seg, answers...))
	}
	res, err := scoringtest.Score(q, scoring.Options{MinGroupSize: k, Segments: segs}, rs)
	if err != nil {
		t.Fatal(err)
	}
	bad := smallCells(res, rs, k, func(g *scoring.Group) bool { return !g.Suppressed }, func(scoring.Respondent) bool { return true })
	for _, d := range q.Dimensions {
		published := func(g *scoring.Group) bool { return !g.Suppressed && !g.Dimensions[d.ID].Suppressed }
		counted := func(r scoring.Respondent) bool { return scoring.ScoreRespondent(q, r)[d.ID] != nil }
		for _, c := range smallCells(res, rs, k, published, counted) {
			bad = append(bad, d.ID+" "+c)
		}
	}
	return bad
}

// smallCells groups the respondents the measure counts by the published
// groups they belong to and returns the cells of 1 to k−1 people.
func smallCells(res *scoring.Result, rs []scoring.Respondent, k int, published func(*scoring.Group) bool, counted func(scoring.Respondent) bool) []string {
	sizes := map[string]int{}
	for _, r := range rs {
		if !counted(r) {
			continue
		}
		var in []string
		for _, g := range res.Groups {
			if published(g) && belongsTo(r, g) {
				in = append(in, g.ID)
			}
		}
		if len(in) > 0 {
			sizes[strings.Join(in, " ∩ ")]++
		}
	}
	var bad []string
	for _, key := range slices.Sorted(maps.Keys(sizes)) {
		if n := sizes[key]; n < k {
			bad = append(bad, fmt.Sprintf("%s: %d", key, n))
		}
	}
	return bad
}

// belongsTo reports whether respondent r is in group g.
func belongsTo(r scoring.Respondent, g *scoring.Group) bool {
	switch g.Kind {
	case scoring.KindAll:
		return true
	case scoring.KindUnit:
		path := strings.Split(strings.TrimPrefix(g.ID, "unit:"), "/")
		unit := r.Unit
		if len(unit) == 0 {
			unit = []string{scoring.NotSpecified}
		}
		return len(unit) >= len(path) && slices.Equal(unit[:len(path)], path)
	default:
		cat := r.Segments[g.Segment]
		if cat == "" {
			cat = scoring.NotSpecified
		}
		return cat == g.Label
	}
}
