package scoring_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// testReference is a reference of effortReward's version 2 with an
// imported value for effort and the ratio.
func testReference(mean, sd float64, n int) *scoring.Reference {
	return &scoring.Reference{Questionnaire: "test", Version: 2, Source: "Norme test 2025",
		Dimensions: map[string]scoring.ReferenceValue{"effort": {Mean: mean, SD: sd, N: n}},
		Indicators: map[string]scoring.ReferenceValue{"ratio": {Mean: 0.8, SD: 0.2, N: n}}}
}

func TestCompareReference(t *testing.T) {
	q := effortReward()
	// Each published group: effort N 50, SD 5 (dimStats).
	for _, tc := range []struct {
		name        string
		groupMean   float64
		ref         *scoring.Reference
		delta       float64
		ci          [2]float64
		wantChange  scoring.Change
		wantRefMean float64
	}{
		// sqrt(25/50 + 100/200) = 1: half-width 1.96.
		{"Stable", 50, testReference(49, 10, 200), 1, [2]float64{-1, 3}, scoring.Stable, 49},
		{"AboveAWorseDimension", 52, testReference(49.04, 10, 200), 3, [2]float64{1, 4.9}, scoring.Worse, 49},
		{"BelowAWorseDimension", 46, testReference(49, 10, 200), -3, [2]float64{-5, -1}, scoring.Better, 49},
		// The rounded lower bound is 0,0: the word agrees with the figures.
		{"BoundRoundsToZero", 51, testReference(49.02, 10, 200), 2, [2]float64{0, 3.9}, scoring.Stable, 49},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := wave(100, map[string]*float64{"all": f(tc.groupMean)}, nil)
			c, err := scoring.CompareReference(q, res, tc.ref)
			if err != nil {
				t.Fatal(err)
			}
			got := c.Groups["all"].Dimensions["effort"]
			if got == nil || got.Delta != tc.delta || got.CI95 != tc.ci || got.Change != tc.wantChange || got.ReferenceMean != tc.wantRefMean {
				t.Fatalf("effort = %+v, want delta %v, ci95 %v, change %s, reference_mean %v", got, tc.delta, tc.ci, tc.wantChange, tc.wantRefMean)
			}
		})
	}
	t.Run("SameReadingAsTrends", func(t *testing.T) {
		// A reference value is read as a previous wave would be.
		res := wave(100, map[string]*float64{"all": f(46)}, func(g *scoring.Group) {
			g.Dimensions["effort"] = &scoring.DimensionStats{N: 100, Mean: 46, SD: 20}
		})
		c, err := scoring.CompareReference(q, res, testReference(40, 10, 25))
		if err != nil {
			t.Fatal(err)
		}
		tr := scoring.DimensionChange(questionnaires.HigherIsWorse, &scoring.DimensionStats{N: 25, Mean: 40, SD: 10}, res.Groups[0].Dimensions["effort"])
		got := c.Groups["all"].Dimensions["effort"]
		if got.Delta != tr.Delta || got.CI95 != tr.CI95 || got.Change != tr.Change || got.CI95 != [2]float64{0.5, 11.5} {
			t.Fatalf("reference = %+v, trend = %+v: want the same figures, [0.5 11.5]", got, tr)
		}
	})
	t.Run("OnlyPublishedGroupsAndMeasures", func(t *testing.T) {
		res := wave(100, map[string]*float64{"all": f(50), "unit:A": f(50), "unit:B": nil, "unit:C": f(50)}, nil)
		res.Groups[3].Dimensions["effort"] = &scoring.DimensionStats{Suppressed: true, Reason: scoring.ReasonSecondary}
		res.Groups[3].Indicators["ratio"] = &scoring.IndicatorStats{Suppressed: true, Reason: scoring.ReasonSecondary}
		c, err := scoring.CompareReference(q, res, testReference(49, 10, 200))
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Groups) != 3 || c.Groups["unit:B"] != nil {
			t.Fatalf("groups = %v, want all, unit:A and unit:C (unit:B suppressed)", keys(c.Groups))
		}
		if g := c.Groups["unit:C"]; len(g.Dimensions) != 0 || len(g.Indicators) != 0 {
			t.Fatalf("unit:C = %+v, want no comparison of suppressed measures", g)
		}
		if got := strings.Join(c.SortedGroupIDs(res), ","); got != "all,unit:A,unit:C" {
			t.Fatalf("order = %s, want the result's", got)
		}
	})
	t.Run("MeasuresWithoutReferenceValue", func(t *testing.T) {
		res := wave(100, map[string]*float64{"all": f(50)}, nil)
		c, err := scoring.CompareReference(q, res, testReference(49, 10, 200))
		if err != nil {
			t.Fatal(err)
		}
		if g := c.Groups["all"]; g.Dimensions["recompense"] != nil {
			t.Fatalf("recompense compared without a reference value: %+v", g.Dimensions["recompense"])
		}
		if r := c.Groups["all"].Indicators["ratio"]; r == nil || r.Delta != 0.2 || r.ReferenceMean != 0.8 {
			t.Fatalf("ratio = %+v, want delta 0.2 against 0.8", r)
		}
	})
	t.Run("VersionMismatch", func(t *testing.T) {
		res := wave(100, map[string]*float64{"all": f(50)}, nil)
		for name, edit := range map[string]func(*scoring.Reference){
			"OtherQuestionnaire": func(r *scoring.Reference) { r.Questionnaire = "copsoq" },
			"OtherVersion":       func(r *scoring.Reference) { r.Version = 1 },
		} {
			t.Run(name, func(t *testing.T) {
				ref := testReference(49, 10, 200)
				edit(ref)
				if c, err := scoring.CompareReference(q, res, ref); err == nil || c != nil {
					t.Fatalf("comparison = %+v, %v; want an error", c, err)
				}
			})
		}
	})
	t.Run("SignalVocabulary", func(t *testing.T) {
		sq := effortReward()
		sq.Dimensions[0].Reading = questionnaires.ReadingSignal
		for _, tc := range []struct {
			mean float64
			want scoring.Change
		}{{46, scoring.LessMarked}, {52.1, scoring.MoreMarked}, {50, scoring.Stable}} {
			res := wave(100, map[string]*float64{"all": f(tc.mean)}, nil)
			c, err := scoring.CompareReference(sq, res, testReference(49, 10, 200))
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Groups["all"].Dimensions["effort"].Change; got != tc.want {
				t.Errorf("signal at %v against 49: change %s, want %s", tc.mean, got, tc.want)
			}
		}
	})
	t.Run("JSONShape", func(t *testing.T) {
		res := wave(100, map[string]*float64{"all": f(50)}, nil)
		imported, _ := scoring.CompareReference(q, res, testReference(49, 10, 200))
		ref := testReference(49, 10, 7)
		ref.Organisations = 7
		portfolio, _ := scoring.CompareReference(q, res, ref)
		for _, tc := range []struct {
			c    *scoring.ReferenceComparison
			want string
		}{
			{imported, `{"source":"Norme test 2025","organisations":null,"groups":{"all":{"dimensions":{"effort":{"reference_mean":49,"delta":1,"ci95":[-1,3],"change":"stable"}},"indicators":{"ratio":{"reference_mean":0.8,"delta":0.2}}}}}`},
			{portfolio, `"organisations":7`},
		} {
			data, err := json.Marshal(tc.c)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), tc.want) {
				t.Errorf("JSON = %s, want %s", data, tc.want)
			}
		}
	})
}

// An indicator's difference with its reference is the difference of the
// two means as shown (to 0.01), as an indicator's trend is: 1.004 against
// 0.996 shows 1,00 and 1,00, so a difference of 0, not 0,01.
func TestCompareReferenceIndicatorDeltaOfMeansShown(t *testing.T) {
	q := effortReward()
	res := wave(100, map[string]*float64{"all": f(50)}, func(g *scoring.Group) {
		g.Indicators["ratio"] = &scoring.IndicatorStats{N: 100, Mean: 1.004}
	})
	ref := testReference(49, 10, 200)
	ref.Indicators["ratio"] = scoring.ReferenceValue{Mean: 0.996, SD: 0.2, N: 200}
	c, err := scoring.CompareReference(q, res, ref)
	if err != nil {
		t.Fatal(err)
	}
	if r := c.Groups["all"].Indicators["ratio"]; r == nil || r.Delta != 0 || r.ReferenceMean != 1 {
		t.Fatalf("ratio = %+v, want delta 0 against 1.00 (the means shown)", r)
	}
}
