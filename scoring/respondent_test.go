package scoring_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

func TestScoreRespondent(t *testing.T) {
	q := effortReward()
	for _, tc := range []struct {
		name          string
		answers       []int
		effort, rewar float64 // -1: no score
	}{
		{"AllLowest", []int{1, 1, 5, 1, 1, 1, 5}, 0, 0},
		{"AllHighest", []int{5, 5, 1, 5, 5, 5, 1}, 100, 100},
		// eff3 reversed: 2 -> 4; values map to 25, 75, 75.
		{"ReverseRecoding", []int{2, 4, 2, M, M, M, M}, (25 + 75 + 75) / 3.0, -1},
		// rec4 reversed: 5 -> 1 (0); rec1 5 -> 100.
		{"ReverseRecodingOnly2Of4", []int{M, M, M, 5, M, M, 5}, -1, 50},
		// ceil(0.5*3) = 2 items needed: exactly 2 answered gives a score.
		{"MinAnsweredExactly", []int{M, 3, 2, 2, 2, M, M}, (50 + 75) / 2.0, 25},
		// Just below: 1 of 3, 1 of 4.
		{"MinAnsweredJustBelow", []int{4, M, M, M, M, 4, M}, -1, -1},
		{"NothingAnswered", []int{M, M, M, M, M, M, M}, -1, -1},
		// Out-of-scale values count as unanswered.
		{"OutOfScaleIgnored", []int{9, 3, 3, 1, 1, 1, 5}, 50, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := scoring.ScoreRespondent(q, scoring.Respondent{Answers: tc.answers})
			check := func(id string, want float64) {
				t.Helper()
				v, ok := got[id]
				if !ok {
					t.Fatalf("%s missing from %v", id, got)
				}
				switch {
				case want < 0 && v != nil:
					t.Errorf("%s = %v, want no score", id, *v)
				case want >= 0 && v == nil:
					t.Errorf("%s = nil, want %v", id, want)
				case want >= 0 && !near(*v, want):
					t.Errorf("%s = %v, want %v", id, *v, want)
				}
			}
			check("effort", tc.effort)
			check("recompense", tc.rewar)
		})
	}
}

func TestScoreRespondentMapping(t *testing.T) {
	ten := &questionnaires.Scale{ID: "dix", Min: 0, Max: 10}
	four := &questionnaires.Scale{ID: "quatre", Min: 1, Max: 4}
	q := newQuestionnaire([]*questionnaires.Dimension{
		dim("mix", questionnaires.HigherIsBetter, 30, 70, item("a", ten, false), item("b", four, true)),
	})
	// a: 7 on 0-10 -> 70; b: 2 on 1-4 reversed -> 3 -> 100*2/3.
	got := scoring.ScoreRespondent(q, scoring.Respondent{Answers: []int{7, 2}})
	want := (70 + 200.0/3) / 2
	if got["mix"] == nil || !near(*got["mix"], want) {
		t.Fatalf("mix = %v, want %v", got["mix"], want)
	}
	if got := scoring.ScoreRespondent(q, scoring.Respondent{Answers: []int{7}}); got["mix"] != nil {
		t.Errorf("wrong answer count: mix = %v, want nil", *got["mix"])
	}
}

// TestMinAnsweredFloat checks that 0.28*25, which is 7.000000000000001 in
// floating point, asks for 7 items, not 8.
func TestMinAnsweredFloat(t *testing.T) {
	sc := accord()
	var items []*questionnaires.Item
	for i := range 25 {
		items = append(items, item(string(rune('a'+i)), sc, false))
	}
	d := dim("long", questionnaires.HigherIsWorse, 25, 75, items...)
	d.MinAnswered = 0.28
	q := newQuestionnaire([]*questionnaires.Dimension{d})
	answers := func(n int) []int {
		a := make([]int, 25)
		for i := range a {
			a[i] = M
			if i < n {
				a[i] = 5
			}
		}
		return a
	}
	if got := scoring.ScoreRespondent(q, scoring.Respondent{Answers: answers(7)}); got["long"] == nil || *got["long"] != 100 {
		t.Errorf("7 of 25 answered: score = %v, want 100", got["long"])
	}
	if got := scoring.ScoreRespondent(q, scoring.Respondent{Answers: answers(6)}); got["long"] != nil {
		t.Errorf("6 of 25 answered: score = %v, want nil", *got["long"])
	}
}

func TestNewRespondent(t *testing.T) {
	q := effortReward()
	r, err := scoring.NewRespondent(q, []string{"A"}, map[string]string{"metier": "X"}, map[string]int{"eff3": 2, "rec4": 5})
	if err != nil {
		t.Fatal(err)
	}
	want := []int{M, M, 2, M, M, M, 5}
	for i := range want {
		if r.Answers[i] != want[i] {
			t.Fatalf("Answers = %v, want %v", r.Answers, want)
		}
	}
	if r.Unit[0] != "A" || r.Segments["metier"] != "X" {
		t.Errorf("unit/segments not kept: %+v", r)
	}

	for _, tc := range []struct {
		name    string
		answers map[string]int
		mention string
	}{
		{"UnknownItem", map[string]int{"eff9": 3}, "eff9"},
		{"AboveScale", map[string]int{"eff1": 6}, "6"},
		{"BelowScale", map[string]int{"rec2": 0}, "rec2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scoring.NewRespondent(q, nil, nil, tc.answers)
			if vigie.ErrorCode(err) != vigie.EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
			if msg := vigie.ErrorMessage(err); !strings.Contains(msg, tc.mention) {
				t.Errorf("message %q does not mention %q", msg, tc.mention)
			}
		})
	}
}
