package store_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/scoring/scoringtest"
	"github.com/vigie-sante/vigie/store"
)

// portfolioSim plays a consultant's portfolio through random closings,
// new waves, opt-outs, returns, deletions and freezes, choosing each
// version's entries with a policy (the store's rule, or a naive one for
// the control), and keeps what the attacker holds.
type portfolioSim struct {
	rng      *rand.Rand
	min      int
	measures []string
	current  map[int]string                // organisation -> its latest closed campaign
	out      map[int]bool                  // organisations left out
	owner    map[string]int                // campaign -> organisation
	figure   map[string]map[string]float64 // campaign -> measure -> published overall mean
	resp     map[string]int                // campaign -> respondents (the same for every measure)
	history  map[string][]string           // campaign -> "version:measure" entered
	releases []scoringtest.PortfolioRelease
	counts   []scoringtest.PortfolioRelease // respondents, one unknown per campaign over every measure
	versions int
	nextOrg  int
}

func newPortfolioSim(seed uint64, min int) *portfolioSim {
	return &portfolioSim{rng: rand.New(rand.NewPCG(seed, 0x9f0)), min: min, measures: []string{"d:effort", "d:recompense", "i:desequilibre"},
		current: map[int]string{}, out: map[int]bool{}, owner: map[string]int{}, figure: map[string]map[string]float64{},
		resp: map[string]int{}, history: map[string][]string{}}
}

// close records a closed campaign of organisation org; each measure is
// withheld in its overall group one time in twelve.
func (p *portfolioSim) close(org int) {
	id := fmt.Sprintf("o%02d-c%d", org, len(p.owner))
	p.owner[id], p.current[org] = org, id
	p.figure[id] = map[string]float64{}
	for _, m := range p.measures {
		if p.rng.IntN(12) > 0 {
			p.figure[id][m] = float64(p.rng.IntN(1000)) / 10
		}
	}
	p.resp[id] = 5 + p.rng.IntN(200)
}

// step plays one random event; a freeze uses policy.
func (p *portfolioSim) step(policy func(history, candidates map[string][]string, min int) map[string][]string) {
	orgs := slices.Sorted(maps.Keys(p.current))
	switch r := p.rng.IntN(20); {
	case r < 8 || len(orgs) == 0: // a new organisation closes its first campaign
		p.close(p.nextOrg)
		p.nextOrg++
	case r < 11: // a new wave
		p.close(orgs[p.rng.IntN(len(orgs))])
	case r < 13: // an organisation is left out
		p.out[orgs[p.rng.IntN(len(orgs))]] = true
	case r < 14: // and back in
		delete(p.out, orgs[p.rng.IntN(len(orgs))])
	case r < 15: // its latest campaign deleted
		delete(p.current, orgs[p.rng.IntN(len(orgs))])
	default:
		p.freeze(policy)
	}
}

// freeze asks policy for the next version's entries and publishes it.
func (p *portfolioSim) freeze(policy func(history, candidates map[string][]string, min int) map[string][]string) {
	candidates := map[string][]string{}
	for org, id := range p.current {
		if !p.out[org] && len(p.figure[id]) > 0 {
			candidates[id] = slices.Sorted(maps.Keys(p.figure[id]))
		}
	}
	entries := policy(p.history, candidates, p.min)
	if len(entries) == 0 {
		return
	}
	p.versions++
	members := map[string][]string{}
	for id, ms := range entries {
		for _, m := range ms {
			if _, ok := p.figure[id][m]; !ok {
				panic(fmt.Sprintf("campaign %s entered %s, which it withheld", id, m))
			}
			p.history[id] = append(p.history[id], fmt.Sprintf("%d:%s", p.versions, m))
			members[m] = append(members[m], id)
		}
	}
	for m, list := range members {
		slices.Sort(list)
		sum, n := 0.0, 0.0
		for _, id := range list {
			sum += p.figure[id][m]
			n += float64(p.resp[id])
		}
		p.releases = append(p.releases, scoringtest.PortfolioRelease{Version: p.versions, Measure: m, Members: list, Mean: sum / float64(len(list))})
		p.counts = append(p.counts, scoringtest.PortfolioRelease{Version: p.versions, Measure: "respondents", Members: list, Mean: n / float64(len(list))})
	}
}

// attack runs the attacker of an outsider and of four organisations
// drawn at random (every one in turn would take minutes for no more
// strength: they are all alike to the rule) against everything
// published, and returns what they found.
func (p *portfolioSim) attack() []scoringtest.PortfolioFinding {
	byOrg := map[int]map[string]map[string]float64{}
	countsOf := map[int]map[string]map[string]float64{}
	for id, org := range p.owner {
		if byOrg[org] == nil {
			byOrg[org], countsOf[org] = map[string]map[string]float64{}, map[string]map[string]float64{}
		}
		byOrg[org][id] = p.figure[id]
		countsOf[org][id] = map[string]float64{"respondents": float64(p.resp[id])}
	}
	found := scoringtest.PortfolioAttack(p.releases, nil, p.min)
	found = append(found, scoringtest.PortfolioAttack(p.counts, nil, p.min)...)
	orgs := slices.Sorted(maps.Keys(byOrg))
	p.rng.Shuffle(len(orgs), func(i, j int) { orgs[i], orgs[j] = orgs[j], orgs[i] })
	for _, org := range orgs[:min(4, len(orgs))] {
		found = append(found, scoringtest.PortfolioAttack(p.releases, byOrg[org], p.min)...)
		found = append(found, scoringtest.PortfolioAttack(p.counts, countsOf[org], p.min)...)
	}
	return found
}

// TestPortfolioAttackerFindsNothing plays many random histories of a
// portfolio, each freeze choosing its entries by the store's rule, and
// runs, after each, the attacker of every organisation (and an outsider)
// holding every version and its own figures: no pair of versions may
// differ by fewer than min other organisations on a measure, no version
// may hold fewer than min others besides the reader's own, and no other
// campaign's figure, or respondents (taken as the same on every measure,
// the worst case), may be solved for.
func TestPortfolioAttackerFindsNothing(t *testing.T) {
	seeds, steps := 150, 80
	if testing.Short() {
		seeds = 30
	}
	versions := 0
	for seed := range seeds {
		min := store.MinPortfolioOrganisations + seed%3
		p := newPortfolioSim(uint64(seed), min)
		for range steps {
			p.step(store.NextEntries)
		}
		// Holding every version at the end is stronger than holding
		// those of any earlier day: one attack at the end covers them.
		if found := p.attack(); len(found) > 0 {
			t.Fatalf("seed %d: the attacker found %s on %s", seed, found[0].Detail, found[0].Measure)
		}
		versions += p.versions
	}
	// The histories must exercise the rule: many versions, not none.
	if versions < seeds*2 {
		t.Fatalf("%d versions frozen over %d histories: the simulation publishes too little to test anything", versions, seeds)
	}
}

// TestPortfolioNaiveVersionsAreAttacked is the attacker's control: the
// same histories, with each version taking every campaign available
// (no rule), must let it solve for another organisation's exact figure.
func TestPortfolioNaiveVersionsAreAttacked(t *testing.T) {
	naive := func(_ map[string][]string, candidates map[string][]string, min int) map[string][]string {
		if len(candidates) < min+1 {
			return nil
		}
		return candidates
	}
	solved := 0
	for seed := range 10 {
		p := newPortfolioSim(uint64(seed), store.MinPortfolioOrganisations)
		for range 80 {
			p.step(naive)
		}
		for _, f := range p.attack() {
			if f.Organisation == "" || f.Measure == "respondents" {
				continue
			}
			if !f.Close(p.figure[f.Organisation][f.Measure]) {
				t.Fatalf("seed %d: the attacker solved %s on %s as %v, truth %v", seed, f.Organisation, f.Measure, f.Value, p.figure[f.Organisation][f.Measure])
			}
			solved++
		}
	}
	if solved == 0 {
		t.Fatal("without the rule the attacker solved no figure: it is too weak to test the rule")
	}
}

// TestPortfolioRuleExamples pins the rule on the examples of
// docs/scoring.md section 7 (min = 5: a cell needs 6 campaigns).
func TestPortfolioRuleExamples(t *testing.T) {
	all := []string{"d:effort"}
	camps := func(prefix string, n int) map[string][]string {
		out := map[string][]string{}
		for i := range n {
			out[fmt.Sprintf("%s%d", prefix, i)] = all
		}
		return out
	}
	entered := func(ids map[string][]string, version int) map[string][]string {
		h := map[string][]string{}
		for id := range ids {
			h[id] = []string{fmt.Sprintf("%d:d:effort", version)}
		}
		return h
	}
	union := func(ms ...map[string][]string) map[string][]string {
		out := map[string][]string{}
		for _, m := range ms {
			maps.Copy(out, m)
		}
		return out
	}
	keys := func(m map[string][]string) string { return strings.Join(slices.Sorted(maps.Keys(m)), " ") }
	first := camps("a", 7)
	tests := []struct {
		name       string
		history    map[string][]string
		candidates map[string][]string
		want       string
	}{
		{"FiveOrganisationsPublishNothing", nil, camps("a", 5), ""},
		{"SixOrganisationsPublish", nil, camps("a", 6), keys(camps("a", 6))},
		{"OneNewOrganisationWaits", entered(first, 1), union(first, camps("b", 1)), keys(first)},
		{"FiveNewOrganisationsWait", entered(first, 1), union(first, camps("b", 5)), keys(first)},
		{"SixNewOrganisationsEnter", entered(first, 1), union(first, camps("b", 6)), keys(union(first, camps("b", 6)))},
		// One of the seven leaves: the six others cannot stay without
		// it (their difference would be that one), so the cell leaves
		// whole, and only the new cell of six enters.
		{"OneLeavingTakesItsCellOut", entered(first, 1), union(camps("a", 6), camps("b", 6)), keys(camps("b", 6))},
		{"OneLeavingAloneLeavesNothing", entered(first, 1), camps("a", 6), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keys(store.NextEntries(tt.history, tt.candidates, 5)); got != tt.want {
				t.Fatalf("entries = [%s], want [%s]", got, tt.want)
			}
		})
	}
}
