package scoring_test

import (
	"math"
	"slices"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

func TestNewMinGroupSize(t *testing.T) {
	q := effortReward()
	for _, tc := range []struct {
		k, want int
		code    string
	}{
		{0, 5, ""}, {3, 3, ""}, {8, 8, ""}, {2, 0, vigie.EINVALID}, {-1, 0, vigie.EINVALID},
	} {
		s, err := scoring.New(q, scoring.Options{MinGroupSize: tc.k})
		if vigie.ErrorCode(err) != tc.code {
			t.Errorf("k=%d: err = %v, want code %q", tc.k, err, tc.code)
			continue
		}
		if err == nil && s.Result().MinGroupSize != tc.want {
			t.Errorf("k=%d: MinGroupSize = %d, want %d", tc.k, s.Result().MinGroupSize, tc.want)
		}
	}
}

func TestAddRejectsBadAnswers(t *testing.T) {
	q := effortReward()
	s, err := scoring.New(q, scoring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, answers := range map[string][]int{
		"TooFew":     {1, 2, 3},
		"TooMany":    {1, 1, 1, 1, 1, 1, 1, 1},
		"OutOfScale": {1, 1, 1, 1, 1, 1, 6},
		"Zero":       {0, 1, 1, 1, 1, 1, 1},
	} {
		if err := s.Add(scoring.Respondent{Answers: answers}); vigie.ErrorCode(err) != vigie.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
}

func TestEmptyRespondentIgnored(t *testing.T) {
	q := effortReward()
	rs := concat(repeat(5, "", nil, effortScore(3, 3)), repeat(4, "", nil, []int{M, M, M, M, M, M, M}))
	res := mustScore(t, q, scoring.Options{}, rs)
	if res.Respondents != 5 || group(t, res, "all").Respondents != 5 {
		t.Errorf("respondents = %d, all = %d, want 5", res.Respondents, group(t, res, "all").Respondents)
	}
}

// TestLevels puts three identical respondents in a single-item dimension
// (scores 0, 25, 50, 75, 100) and reads the level of their mean.
func TestLevels(t *testing.T) {
	worse, better := questionnaires.HigherIsWorse, questionnaires.HigherIsBetter
	for _, tc := range []struct {
		name      string
		dir       questionnaires.Direction
		low, high float64
		value     int
		want      scoring.Level
	}{
		{"WorseOnLowCutoff", worse, 25, 75, 2, scoring.Favourable},
		{"WorseBelowLow", worse, 25, 75, 1, scoring.Favourable},
		{"WorseBetween", worse, 25, 75, 3, scoring.Intermediate},
		{"WorseOnHighCutoff", worse, 25, 75, 4, scoring.Unfavourable},
		{"BetterOnLowCutoff", better, 25, 75, 2, scoring.Unfavourable},
		{"BetterBetween", better, 25, 75, 3, scoring.Intermediate},
		{"BetterOnHighCutoff", better, 25, 75, 4, scoring.Favourable},
		{"BetterAboveHigh", better, 25, 75, 5, scoring.Favourable},
		{"LowWithinTolerance", worse, 25 - 5e-10, 75, 2, scoring.Favourable},
		{"LowBeyondTolerance", worse, 25 - 1e-8, 75, 2, scoring.Intermediate},
		{"HighWithinTolerance", better, 25, 75 + 5e-10, 4, scoring.Favourable},
		{"HighBeyondTolerance", better, 25, 75 + 1e-8, 4, scoring.Intermediate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := newQuestionnaire([]*questionnaires.Dimension{dim("d", tc.dir, tc.low, tc.high, item("i", accord(), false))})
			res := mustScore(t, q, scoring.Options{MinGroupSize: 3}, repeat(3, "", nil, []int{tc.value}))
			d := group(t, res, "all").Dimensions["d"]
			if d.Level != tc.want {
				t.Errorf("level = %s, want %s", d.Level, tc.want)
			}
			for _, l := range scoring.Levels {
				want := 0.0
				if l == tc.want {
					want = 1
				}
				if got, ok := d.Shares[l]; !ok || got != want {
					t.Errorf("share %s = %v (present %v), want %v", l, got, ok, want)
				}
			}
		})
	}
}

func TestDimensionFigures(t *testing.T) {
	q := effortReward()
	for _, tc := range []struct {
		name    string
		efforts []int // v: effort score 25*(v-1)
		mean    float64
		sd      float64
		ci95    [2]float64
		level   scoring.Level
		shares  [3]float64 // favourable, intermediate, unfavourable
	}{
		// 0, 50, 100, 100: squares of deviations 3906.25+156.25+1406.25*2 = 6875.
		{"ClampedHigh", []int{1, 3, 5, 5}, 62.5, math.Sqrt(6875.0 / 3),
			[2]float64{62.5 - 1.96*math.Sqrt(6875.0/3)/2, 100}, scoring.Intermediate, [3]float64{0.25, 0.25, 0.5}},
		// 0, 0, 0, 100: mean 25, sd 50, half-width 1.96*50/2 = 49.
		{"ClampedLow", []int{1, 1, 1, 5}, 25, 50, [2]float64{0, 74}, scoring.Favourable, [3]float64{0.75, 0, 0.25}},
		// 25, 50, 75: sd 25, half-width 1.96*25/sqrt(3).
		{"NotClamped", []int{2, 3, 4}, 50, 25, [2]float64{50 - 49/math.Sqrt(3), 50 + 49/math.Sqrt(3)}, scoring.Intermediate, [3]float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		{"NoSpread", []int{3, 3, 3}, 50, 0, [2]float64{50, 50}, scoring.Intermediate, [3]float64{0, 1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rs []scoring.Respondent
			for _, v := range tc.efforts {
				rs = append(rs, person("", nil, effortScore(v, 3)...))
			}
			d := group(t, mustScore(t, q, scoring.Options{MinGroupSize: 3}, rs), "all").Dimensions["effort"]
			if d.N != len(tc.efforts) || !near(d.Mean, tc.mean) || !near(d.SD, tc.sd) {
				t.Errorf("n, mean, sd = %d, %v, %v; want %d, %v, %v", d.N, d.Mean, d.SD, len(tc.efforts), tc.mean, tc.sd)
			}
			if !near(d.CI95[0], tc.ci95[0]) || !near(d.CI95[1], tc.ci95[1]) {
				t.Errorf("ci95 = %v, want %v", d.CI95, tc.ci95)
			}
			if d.Level != tc.level {
				t.Errorf("level = %s, want %s", d.Level, tc.level)
			}
			for i, l := range scoring.Levels {
				if !near(d.Shares[l], tc.shares[i]) {
					t.Errorf("share %s = %v, want %v", l, d.Shares[l], tc.shares[i])
				}
			}
		})
	}
}

// ratioRespondents: effort raw mean v / reward raw mean w.
func ratioRespondents() []scoring.Respondent {
	return []scoring.Respondent{
		person("", nil, effortScore(1, 2)...), // 0.5
		person("", nil, effortScore(3, 3)...), // 1: not strictly above 1
		person("", nil, effortScore(5, 4)...), // 1.25
		person("", nil, effortScore(5, 2)...), // 2.5
		// eff2 missing: effort is scored (75) but the ratio needs every item.
		person("", nil, 4, M, 2, 4, 4, 4, 2),
	}
}

func TestRatioIndicator(t *testing.T) {
	res := mustScore(t, effortReward(), scoring.Options{MinGroupSize: 3}, ratioRespondents())
	all := group(t, res, "all")
	ind := all.Indicators["ratio"]
	if ind.N != 4 || !near(ind.Mean, (0.5+1+1.25+2.5)/4) || !near(ind.ShareAbove, 0.5) {
		t.Errorf("ratio = %+v, want n 4, mean 1.3125, share_above 0.5", ind)
	}
	if n := all.Dimensions["effort"].N; n != 5 {
		t.Errorf("effort n = %d, want 5", n)
	}
}

func TestItemCounts(t *testing.T) {
	res := mustScore(t, effortReward(), scoring.Options{MinGroupSize: 3}, ratioRespondents())
	items := group(t, res, "all").Items
	for _, tc := range []struct {
		id     string
		n      int
		counts map[string]int
	}{
		{"eff1", 5, map[string]int{"1": 1, "2": 0, "3": 1, "4": 1, "5": 2}},
		{"eff2", 4, map[string]int{"1": 1, "2": 0, "3": 1, "4": 0, "5": 2}},
		// Counts are of the raw answers, before reverse recoding.
		{"eff3", 5, map[string]int{"1": 2, "2": 1, "3": 1, "4": 0, "5": 1}},
	} {
		it := items[tc.id]
		if it.N != tc.n || len(it.Counts) != len(tc.counts) {
			t.Errorf("%s: n = %d, counts = %v; want %d, %v", tc.id, it.N, it.Counts, tc.n, tc.counts)
			continue
		}
		for v, c := range tc.counts {
			if got, ok := it.Counts[v]; !ok || got != c {
				t.Errorf("%s: count of %s = %d (present %v), want %d", tc.id, v, got, ok, c)
			}
		}
	}
}

// alphaData are recoded effort values (eff1, eff2, eff3) of 10 respondents.
// By hand: item variances 20/9, 20.9/9, 15.6/9; totals 4 7 9 13 14 5 10 13
// 14 4, variance 152.1/9; alpha = 3/2 * (1 - 56.5/152.1) = 143.4/152.1.
var alphaData = [][3]int{{1, 2, 1}, {2, 2, 3}, {3, 3, 3}, {4, 5, 4}, {5, 4, 5}, {2, 1, 2}, {3, 4, 3}, {4, 4, 5}, {5, 5, 4}, {1, 1, 2}}

func TestAlpha(t *testing.T) {
	q := effortReward()
	var rs []scoring.Respondent
	for _, x := range alphaData {
		rs = append(rs, person("", nil, x[0], x[1], 6-x[2], 3, 3, 3, M)) // eff3 is reversed
	}
	// Incomplete respondents do not count.
	rs = append(rs, person("", nil, 5, M, 1, M, M, M, M))

	rel := mustScore(t, q, scoring.Options{}, rs).Reliability["effort"]
	if rel.N != 10 || rel.Alpha == nil || !near(*rel.Alpha, 143.4/152.1) {
		t.Errorf("effort reliability = %+v (alpha %v), want n 10, alpha %v", rel, rel.Alpha, 143.4/152.1)
	}
	// recompense: rec4 missing everywhere, nobody is complete.
	if rel := mustScore(t, q, scoring.Options{}, rs).Reliability["recompense"]; rel.N != 0 || rel.Alpha != nil {
		t.Errorf("recompense reliability = %+v, want n 0 and no alpha", rel)
	}

	rel = mustScore(t, q, scoring.Options{}, rs[1:]).Reliability["effort"]
	if rel.N != 9 || rel.Alpha != nil {
		t.Errorf("9 complete respondents: reliability = %+v, want n 9 and no alpha", rel)
	}
}

func TestGroupOrder(t *testing.T) {
	q := effortReward()
	opts := scoring.Options{
		MinGroupSize: 3,
		Units:        [][]string{{"Z"}, {"Z", "z2"}, {"Z", "z1"}, {"A"}},
		Segments:     []scoring.Segment{{ID: "metier", Categories: []string{"Y", "X"}}},
	}
	a := effortScore(3, 3)
	rs := []scoring.Respondent{
		person("M/m", map[string]string{"age": "30-39", "metier": "W"}, a...),
		person("Z/z0", map[string]string{"metier": "X"}, a...),
		person("B", map[string]string{"metier": ""}, a...),
		person("", nil, a...),
	}
	var got []string
	for _, g := range mustScore(t, q, opts, rs).Groups {
		got = append(got, g.ID)
	}
	want := []string{"all",
		"unit:Z", "unit:Z/z2", "unit:Z/z1", "unit:Z/z0", "unit:A", "unit:B", "unit:M", "unit:M/m", "unit:(non renseigné)",
		"segment:metier=Y", "segment:metier=X", "segment:metier=W", "segment:metier=(non renseigné)",
		"segment:age=30-39", "segment:age=(non renseigné)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("groups =\n%v\nwant\n%v", got, want)
	}
}

func TestGroupFields(t *testing.T) {
	q := effortReward()
	rs := repeat(6, "A/B", map[string]string{"metier": "X"}, effortScore(3, 3))
	res := mustScore(t, q, scoring.Options{}, rs)
	for _, tc := range []struct {
		id, label, parent, segment string
		kind                       scoring.GroupKind
	}{
		{"all", "Ensemble", "", "", scoring.KindAll},
		{"unit:A", "A", "", "", scoring.KindUnit},
		{"unit:A/B", "B", "unit:A", "", scoring.KindUnit},
		{"segment:metier=X", "X", "", "metier", scoring.KindSegment},
	} {
		g := group(t, res, tc.id)
		if g.Label != tc.label || g.Parent != tc.parent || g.Segment != tc.segment || g.Kind != tc.kind || g.Respondents != 6 {
			t.Errorf("%s = %+v, want label %q parent %q segment %q kind %s, 6 respondents", tc.id, g, tc.label, tc.parent, tc.segment, tc.kind)
		}
	}
	if res.Questionnaire.ID != "test" || res.Questionnaire.Version != 2 || res.Respondents != 6 {
		t.Errorf("result header = %+v, %d respondents", res.Questionnaire, res.Respondents)
	}
}

// TestNotSpecifiedSegmentFigures checks the "(non renseigné)" category,
// derived as everyone minus the other categories, on a segment first met
// after some respondents were added.
func TestNotSpecifiedSegmentFigures(t *testing.T) {
	q := effortReward()
	rs := concat(
		repeat(3, "", nil, effortScore(1, 3)),                              // effort 0, no segment yet
		repeat(2, "", map[string]string{"metier": ""}, effortScore(5, 3)),  // effort 100
		repeat(5, "", map[string]string{"metier": "X"}, effortScore(3, 3)), // effort 50
	)
	res := mustScore(t, q, scoring.Options{}, rs)
	ns := group(t, res, "segment:metier=(non renseigné)")
	d := ns.Dimensions["effort"]
	// 0, 0, 0, 100, 100: mean 40, variance (3*1600 + 2*3600)/4 = 3000.
	if ns.Respondents != 5 || d.N != 5 || !near(d.Mean, 40) || !near(d.SD, math.Sqrt(3000)) {
		t.Errorf("not specified = %d respondents, effort %+v; want 5, n 5, mean 40, sd %v", ns.Respondents, d, math.Sqrt(3000))
	}
	if c := ns.Items["eff1"].Counts; c["1"] != 3 || c["5"] != 2 || c["3"] != 0 {
		t.Errorf("eff1 counts = %v, want 1:3 5:2", c)
	}
}
