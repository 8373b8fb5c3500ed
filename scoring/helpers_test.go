package scoring_test

import (
	"math"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

// accord is the usual 1-5 agreement scale: values map to 0, 25, 50, 75, 100.
func accord() *questionnaires.Scale {
	return &questionnaires.Scale{ID: "accord", Min: 1, Max: 5, Labels: map[string][]string{"fr": {"1", "2", "3", "4", "5"}}}
}

func item(id string, sc *questionnaires.Scale, reverse bool) *questionnaires.Item {
	return &questionnaires.Item{ID: id, Text: questionnaires.Text{"fr": id}, Scale: sc, Reverse: reverse}
}

func dim(id string, dir questionnaires.Direction, low, high float64, items ...*questionnaires.Item) *questionnaires.Dimension {
	return &questionnaires.Dimension{ID: id, Title: questionnaires.Text{"fr": id}, Direction: dir, MinAnswered: 0.5,
		Cutoffs: questionnaires.Cutoffs{Low: low, High: high}, Items: items}
}

// newQuestionnaire builds and finishes a questionnaire from dimensions.
func newQuestionnaire(dims []*questionnaires.Dimension, inds ...*questionnaires.Indicator) *questionnaires.Questionnaire {
	q := &questionnaires.Questionnaire{ID: "test", Version: 2, Language: "fr", Title: questionnaires.Text{"fr": "Test"},
		Dimensions: dims, Indicators: inds}
	seen := map[*questionnaires.Scale]bool{}
	for _, d := range dims {
		for _, it := range d.Items {
			if !seen[it.Scale] {
				seen[it.Scale] = true
				q.Scales = append(q.Scales, it.Scale)
			}
		}
	}
	q.Finish()
	return q
}

// effortReward is the test questionnaire most tests use. Items, in order:
// eff1 eff2 eff3(reversed) rec1 rec2 rec3 rec4(reversed).
//   - effort: higher_is_worse, cut-offs 25/75, 3 items (2 needed);
//   - recompense: higher_is_better, cut-offs 37.5/62.5, 4 items (2 needed);
//   - ratio = effort raw mean / recompense raw mean, threshold 1.
func effortReward() *questionnaires.Questionnaire {
	sc := accord()
	return newQuestionnaire([]*questionnaires.Dimension{
		dim("effort", questionnaires.HigherIsWorse, 25, 75, item("eff1", sc, false), item("eff2", sc, false), item("eff3", sc, true)),
		dim("recompense", questionnaires.HigherIsBetter, 37.5, 62.5, item("rec1", sc, false), item("rec2", sc, false), item("rec3", sc, false), item("rec4", sc, true)),
	}, &questionnaires.Indicator{ID: "ratio", Kind: questionnaires.KindRatio, Numerator: "effort", Denominator: "recompense", Threshold: 1})
}

// M marks a missing answer in the compact answer lists of the tests.
const M = scoring.Missing

// person builds a respondent of the unit path (names joined by "/", "" for
// none) with answers aligned with the items.
func person(unit string, segments map[string]string, answers ...int) scoring.Respondent {
	var path []string
	if unit != "" {
		path = strings.Split(unit, "/")
	}
	return scoring.Respondent{Unit: path, Segments: segments, Answers: answers}
}

// effortScore returns effortReward answers giving effort = 25*(v-1) and
// recompense = 25*(w-1), with raw means v and w.
func effortScore(v, w int) []int {
	return []int{v, v, 6 - v, w, w, w, 6 - w}
}

// repeat returns n copies of a respondent of unit with the given answers.
func repeat(n int, unit string, segments map[string]string, answers []int) []scoring.Respondent {
	rs := make([]scoring.Respondent, n)
	for i := range rs {
		rs[i] = person(unit, segments, answers...)
	}
	return rs
}

func mustScore(tb testing.TB, q *questionnaires.Questionnaire, opts scoring.Options, rs []scoring.Respondent) *scoring.Result {
	tb.Helper()
	res, err := scoringtest.Score(q, opts, rs)
	if err != nil {
		tb.Fatalf("Score: %v", err)
	}
	return res
}

func group(tb testing.TB, res *scoring.Result, id string) *scoring.Group {
	tb.Helper()
	for _, g := range res.Groups {
		if g.ID == id {
			return g
		}
	}
	tb.Fatalf("no group %q in result", id)
	return nil
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func concat(parts ...[]scoring.Respondent) []scoring.Respondent {
	var out []scoring.Respondent
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
