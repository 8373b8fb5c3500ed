package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// commentLabels submits one commented response per respondent, n[unit]
// respondents per unit ("" for none), closes the campaign and returns the
// group each unit's comments are shown with ("-" when withheld).
func commentLabels(t *testing.T, n map[string]int) (map[string]string, map[string]int) {
	t.Helper()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, commentSpec()) // comment threshold 3
	for unit, count := range n {
		for i := range count {
			submitComment(t, s, c.ID, unit, map[string]string{"reconnaissance": fmt.Sprintf("%s#%d", unit, i)})
		}
	}
	if err := s.CloseCampaign(context.Background(), c.ID, now); err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{}
	perLabel := map[string]int{} // respondents whose comments carry each label
	for _, cm := range mustComments(t, s, c.ID) {
		unit, _, _ := strings.Cut(cm.Original, "#")
		label := strings.Join(cm.Unit, "/")
		if prev, ok := labels[unit]; ok && prev != label {
			t.Fatalf("comments of %q shown under both %q and %q", unit, prev, label)
		}
		labels[unit] = label
		perLabel[label]++
	}
	for unit, count := range n {
		if _, ok := labels[unit]; !ok && count > 0 {
			labels[unit] = "-"
		}
	}
	return labels, perLabel
}

// A comment shown under a unit must come from at least the comment
// threshold of people. When Service 1 has its own label, a comment shown
// under "Direction A" can only come from the rest of Direction A: here
// the lone respondent of Service 2. The finer label must then go.
func TestCommentGroupNotIsolatedBySubtraction(t *testing.T) {
	labels, _ := commentLabels(t, map[string]int{"Direction A/Service 1": 4, "Direction A/Service 2": 1, "Direction B": 3})
	want := map[string]string{"Direction A/Service 1": "Direction A", "Direction A/Service 2": "Direction A", "Direction B": "Direction B"}
	if fmt.Sprint(labels) != fmt.Sprint(want) {
		t.Fatalf("groups = %v, want %v", labels, want)
	}

	// The same at the top: with Direction A shown, the lone Direction B
	// respondent would be the only one behind "whole campaign". Direction
	// A goes, and with it its services: the scoring rule (the one behind
	// every figure) withholds every sub-unit of a withheld unit. Keeping
	// Service 2 alone (everyone minus it leaves 4) would be safe too, and
	// was the rule before comments used scoring's; the stricter one is
	// kept so that comments and figures follow the same rule.
	labels, _ = commentLabels(t, map[string]int{"Direction A/Service 1": 3, "Direction A/Service 2": 3, "Direction B": 1})
	want = map[string]string{"Direction A/Service 1": "", "Direction A/Service 2": "", "Direction B": ""}
	if fmt.Sprint(labels) != fmt.Sprint(want) {
		t.Fatalf("groups = %v, want %v", labels, want)
	}
}

func TestCommentGroupKeepsSafeUnits(t *testing.T) {
	labels, _ := commentLabels(t, map[string]int{"Direction A/Service 1": 4, "Direction A/Service 2": 3, "Direction B": 3, "": 3})
	want := map[string]string{"": "", "Direction A/Service 1": "Direction A/Service 1", "Direction A/Service 2": "Direction A/Service 2", "Direction B": "Direction B"}
	if fmt.Sprint(labels) != fmt.Sprint(want) {
		t.Fatalf("groups = %v, want %v", labels, want)
	}
}

// On random campaigns where everyone comments, every group shown gathers
// at least the threshold of respondents, and nothing is withheld once the
// whole campaign reaches the threshold.
func TestCommentGroupsProperty(t *testing.T) {
	units := []string{"", "Direction A/Service 1", "Direction A/Service 2", "Direction B"}
	for seed := uint64(1); seed <= 10; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		n, total := map[string]int{}, 0
		for _, u := range units {
			n[u] = rng.IntN(6)
			total += n[u]
		}
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			labels, perLabel := commentLabels(t, n)
			for label, count := range perLabel {
				if count < 3 {
					t.Errorf("group %q shows comments of %d respondents, want >= 3 (labels %v)", label, count, labels)
				}
			}
			for unit, label := range labels {
				if label == "-" && total >= 3 {
					t.Errorf("comments of %q withheld although the campaign has %d respondents", unit, total)
				}
			}
		})
	}
}
