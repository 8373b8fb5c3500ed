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

func TestPublishedUnits(t *testing.T) {
	nsKey := scoring.NotSpecified
	for _, tc := range []struct {
		name   string
		counts map[string]int
		k      int
		want   []string // published keys, sorted
	}{
		{"AllSafe", map[string]int{"A/x": 4, "A/y": 3, "B": 3, "": 3}, 3,
			[]string{"", nsKey, "A", "A/x", "A/y", "B"}},
		// Inside A, y (1) would be A minus x: x goes too.
		{"SubtractionInUnit", map[string]int{"A/x": 4, "A/y": 1, "B": 3}, 3,
			[]string{"", "A", "B"}},
		// At the top, B (1) would be everyone minus A: A goes, and its
		// children with it.
		{"SubtractionAtTop", map[string]int{"A/x": 3, "A/y": 3, "B": 1}, 3,
			[]string{""}},
		// The people of A in no sub-unit count as hidden members of A.
		{"OwnPeopleHidden", map[string]int{"A": 1, "A/x": 3, "A/y": 3, "B": 7}, 3,
			[]string{"", "A", "A/y", "B"}},
		{"TooFew", map[string]int{"A": 2}, 3, nil},
		{"NoUnit", map[string]int{"": 5}, 3, []string{""}},
		{"KRaised", map[string]int{"A": 2, "B": 2}, 1, []string{""}},
		{"KDefault", map[string]int{"A": 5, "B": 4}, 0, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := slices.Sorted(maps.Keys(scoringtest.PublishedUnits(nil, tc.counts, tc.k)))
			if !slices.Equal(got, tc.want) {
				t.Fatalf("PublishedUnits(%v, k=%d) = %q, want %q", tc.counts, tc.k, got, tc.want)
			}
		})
	}
}

// On random trees, scoringtest.PublishedUnits publishes exactly the units
// Participation gives a count for (and everyone when there are k), every
// ancestor of a published unit is published, and what a published group
// keeps after its published children is 0 or at least k.
func TestPublishedUnitsProperty(t *testing.T) {
	paths := []string{"", "A", "A/x", "A/y", "A/y/1", "A/y/2", "B", "B/z", "C"}
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		counts, total := map[string]int{}, 0
		for _, p := range paths {
			if n := rng.IntN(7); n > 0 && rng.IntN(3) > 0 {
				counts[p] = n
				total += n
			}
		}
		k := 3 + rng.IntN(3)
		got := scoringtest.PublishedUnits(nil, counts, k)
		name := fmt.Sprintf("k=%d %v", k, counts)

		want := map[string]bool{}
		if total >= k {
			want[""] = true
		}
		for _, row := range scoringtest.Participation(scoring.Options{MinGroupSize: k}, counts, nil) {
			if row.Respondents != nil {
				want[strings.Join(row.Path, "/")] = true
			}
		}
		if !maps.Equal(got, want) {
			t.Fatalf("%s: PublishedUnits = %v, Participation publishes %v", name, got, want)
		}

		below := map[string]int{} // respondents of each group and below
		for p, n := range counts {
			below[""] += n
			if p == "" {
				p = scoring.NotSpecified
			}
			for ; p != ""; p = parent(p) {
				below[p] += n
			}
		}
		for p := range got {
			if p != "" && !got[parent(p)] {
				t.Fatalf("%s: %q published without its parent", name, p)
			}
			left := below[p]
			for c := range got {
				if c != "" && c != p && parent(c) == p {
					left -= below[c]
				}
			}
			if left > 0 && left < k {
				t.Fatalf("%s: %q minus its published children leaves %d", name, p, left)
			}
		}
	}
}

// parent returns the parent path of a unit path, "" (everyone) for a top unit.
func parent(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}
