package scoring_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/scoring"
)

// hiddenCounts returns, for every group of the input rows (each unit at
// every level, each segment category) and every dimension, how many of
// its members have a score and how many of those the Scores sheet does not
// show in that group. A published mean of the group times its n, minus
// the rows shown in it, is the sum of the hidden ones' scores.
func hiddenCounts(in, out []scoring.ScoreRow) (n, hidden map[string]int) {
	n, hidden = map[string]int{}, map[string]int{}
	unitOf := func(u []string) []string {
		if len(u) == 0 {
			return []string{scoring.NotSpecified}
		}
		return u
	}
	catOf := func(c string) string {
		if c == "" {
			return scoring.NotSpecified
		}
		return c
	}
	for _, o := range out {
		src := in[int(*o.Scores["id"])]
		var groups []string
		shown := map[string]bool{}
		u := unitOf(src.Unit)
		for d := 1; d <= len(u); d++ {
			g := "unit:" + strings.Join(u[:d], "/")
			groups = append(groups, g)
			shown[g] = len(o.Unit) >= d && slices.Equal(o.Unit[:d], u[:d])
		}
		for id, c := range o.Segments {
			g := "segment:" + id + "=" + catOf(src.Segments[id])
			groups = append(groups, g)
			shown[g] = c == catOf(src.Segments[id])
		}
		for dim, v := range o.Scores {
			if v == nil || dim == "id" {
				continue
			}
			for _, g := range groups {
				n[g+" "+dim]++
				if !shown[g] {
					hidden[g+" "+dim]++
				}
			}
		}
	}
	return n, hidden
}

// wantNoSubtraction fails when a group of at least k, whose figures may
// be published, has between 1 and k-1 members the sheet hides from it.
func wantNoSubtraction(t *testing.T, in, out []scoring.ScoreRow, k int) {
	t.Helper()
	n, hidden := hiddenCounts(in, out)
	for g, h := range hidden {
		if n[g] >= k && h > 0 && h < k {
			t.Errorf("%s: %d members, %d hidden from it: its published mean minus the rows shown gives the scores of %d people (k = %d)", g, n[g], h, h, k)
		}
	}
}

// The team manager is the only "Encadrement" of Service 1. Coarsening
// their row away from Service 1 while the sheet shows the 5 managers of
// Service 2 lets anyone compute, from the published mean of
// "Encadrement" (6 people), the manager's own scores.
func TestAnonymiseRowsNoSubtractionOfTheManager(t *testing.T) {
	var in []scoring.ScoreRow
	add := func(unit, job string, count int) {
		for range count {
			in = append(in, row(len(in), unit, map[string]string{"metier": job}))
		}
	}
	add("A/S1", "Assistant social", 12)
	add("A/S1", "Encadrement", 1)
	add("A/S2", "Encadrement", 5)
	add("B", "Administratif", 6)
	out := scoring.AnonymiseRowsRand(in, 5, seeded(3))
	if len(out) != len(in) {
		t.Fatalf("%d rows out of %d", len(out), len(in))
	}
	wantNoSubtraction(t, in, out, 5)
}

func TestAnonymiseRowsNoSubtractionProperty(t *testing.T) {
	for seed := uint64(1); seed <= 60; seed++ {
		rng := seeded(seed)
		k := []int{3, 5, 7, 10}[rng.IntN(4)]
		in := randomRows(rng, rng.IntN(400))
		out := scoring.AnonymiseRowsRand(in, k, seeded(seed))
		t.Run(fmt.Sprintf("seed%d_k%d_n%d", seed, k, len(in)), func(t *testing.T) {
			wantNoSubtraction(t, in, out, k)
		})
	}
}
