package scoring_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

// This file feeds the attacker (scoring/scoringtest) random campaigns:
// small and empty units, people attached to a unit with sub-units, people
// with no unit, sparse answerers, items skipped by a whole unit, several
// questionnaires, segments. Each is published as Vigie does (one group
// pattern for participation and every questionnaire); the attacker holds
// every published figure, knows the method, and must learn nothing about
// fewer than k people. The truth (who is where, who answered what) only
// tells a real finding from a coincidence.

// attackCampaign is a generated campaign: its settings and its people.
type attackCampaign struct {
	k      int
	opts   scoring.Options
	qs     []*questionnaires.Questionnaire
	people []scoringtest.Person
}

// TestAttackerFindsNothing runs the attacker on thousands of random
// campaigns. A failure prints the seed: attackSeed replays one.
func TestAttackerFindsNothing(t *testing.T) {
	seeds := 3000
	if testing.Short() {
		seeds = 300
	}
	for seed := range seeds {
		if findings := attackSeed(uint64(seed)).All(); len(findings) > 0 {
			t.Fatalf("seed %d: the attacker found:\n%s", seed, strings.Join(findings, "\n"))
		}
	}
}

// attackSeed generates, publishes and attacks the campaign of one seed.
func attackSeed(seed uint64) scoringtest.Report {
	c := generateCampaign(rand.New(rand.NewPCG(seed, 0x5eed)))
	return scoringtest.Attack(c.people, c.publish())
}

// publish computes everything Vigie shows of the campaign.
func (c *attackCampaign) publish() scoringtest.Publication {
	counts := map[string]int{}
	scorers := make([]*scoring.Scorer, len(c.qs))
	for i, q := range c.qs {
		s, err := scoring.New(q, c.opts)
		if err != nil {
			panic(err)
		}
		scorers[i] = s
	}
	for _, p := range c.people {
		counts[strings.Join(p.Unit, "/")]++
		for i, q := range c.qs {
			a, ok := p.Answers[q.ID]
			if !ok {
				continue
			}
			if err := scorers[i].Add(scoring.Respondent{Unit: p.Unit, Segments: p.Segments, Answers: a}); err != nil {
				panic(err)
			}
		}
	}
	pattern := scoring.CampaignPattern(c.opts, counts, scorers...)
	pub := c.publication()
	pub.Participation = scoring.ParticipationWithin(pattern, c.opts, counts, nil)
	for _, s := range scorers {
		pub.Results = append(pub.Results, s.ResultWithin(pattern))
	}
	return pub
}

// publication is the campaign's publication without its outputs: k, the
// questionnaires, and the number of participants (shown from k on).
func (c *attackCampaign) publication() scoringtest.Publication {
	pub := scoringtest.Publication{K: c.k, Questionnaires: c.qs}
	if len(c.people) >= c.k {
		pub.Participants = len(c.people)
	}
	return pub
}

// generateCampaign draws a campaign small enough for the exact search.
func generateCampaign(rng *rand.Rand) *attackCampaign {
	c := &attackCampaign{k: 3 + rng.IntN(3)}
	c.opts.MinGroupSize = c.k

	// Units: 1 to 4 top units, each with 0 to 2 sub-units; most declared.
	var units [][]string
	for top := range 1 + rng.IntN(4) {
		name := fmt.Sprintf("U%d", top)
		units = append(units, []string{name})
		for sub := range rng.IntN(3) {
			units = append(units, []string{name, fmt.Sprintf("s%d", sub)})
		}
	}
	for _, u := range units {
		if rng.IntN(5) > 0 {
			c.opts.Units = append(c.opts.Units, u)
		}
	}
	// Segments: 0 to 2, with 2 or 3 categories.
	for s := range rng.IntN(3) {
		seg := scoring.Segment{ID: fmt.Sprintf("seg%d", s)}
		for cat := range 2 + rng.IntN(2) {
			seg.Categories = append(seg.Categories, fmt.Sprintf("c%d", cat))
		}
		c.opts.Segments = append(c.opts.Segments, seg)
	}
	// Questionnaires: 1 to 3, each with 2 dimensions of 2 or 3 items, on a
	// 1-3 or 1-5 scale, some items reversed, a ratio indicator at times.
	for i := range 1 + rng.IntN(3) {
		c.qs = append(c.qs, randomQuestionnaire(rng, i))
	}
	generatePeople(rng, c, units)
	return c
}

// generatePeople draws 4 to 30 people: a unit weighted at random (some
// units stay empty), no unit at times; segments left empty at times;
// each questionnaire answered by most, items skipped at a rate drawn per
// campaign; at times a whole unit skips one item, but one person.
func generatePeople(rng *rand.Rand, c *attackCampaign, units [][]string) {
	weights := make([]float64, len(units))
	for i := range weights {
		weights[i] = rng.Float64() * rng.Float64()
	}
	skip := []float64{0, 0.05, 0.15, 0.35}[rng.IntN(4)]
	answerQ := make([]float64, len(c.qs))
	for i := range answerQ {
		answerQ[i] = []float64{1, 0.9, 0.6}[rng.IntN(3)]
	}
	n := 4 + rng.IntN(27)
	for range n {
		p := scoringtest.Person{Segments: map[string]string{}, Answers: map[string][]int{}}
		if rng.IntN(10) > 0 {
			p.Unit = units[pickWeighted(rng, weights)]
		}
		for _, seg := range c.opts.Segments {
			if rng.IntN(10) > 0 {
				p.Segments[seg.ID] = seg.Categories[rng.IntN(len(seg.Categories))]
			}
		}
		for i, q := range c.qs {
			if rng.Float64() < answerQ[i] {
				p.Answers[q.ID] = randomAnswers(rng, q, skip)
			}
		}
		c.people = append(c.people, p)
	}
	if rng.IntN(2) == 0 {
		u := units[rng.IntN(len(units))]
		q := c.qs[rng.IntN(len(c.qs))]
		j := rng.IntN(len(q.Items()))
		keep := rng.IntN(2) == 0
		for _, p := range c.people {
			a, ok := p.Answers[q.ID]
			if !ok || !hasPrefix(p.Unit, u) {
				continue
			}
			if keep {
				keep = false
				continue
			}
			a[j] = scoring.Missing
		}
	}
	// Someone who answered nothing of a questionnaire did not answer it.
	for _, p := range c.people {
		for qid, a := range p.Answers {
			if !slices.ContainsFunc(a, func(v int) bool { return v != scoring.Missing }) {
				delete(p.Answers, qid)
			}
		}
	}
}

func pickWeighted(rng *rand.Rand, w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	r := rng.Float64() * total
	for i, x := range w {
		if r < x {
			return i
		}
		r -= x
	}
	return len(w) - 1
}

func randomQuestionnaire(rng *rand.Rand, n int) *questionnaires.Questionnaire {
	sc := &questionnaires.Scale{ID: "s", Min: 1, Max: 3, Labels: map[string][]string{"fr": {"1", "2", "3"}}}
	if rng.IntN(2) == 0 {
		sc = accord()
	}
	var dims []*questionnaires.Dimension
	for d := range 2 {
		var items []*questionnaires.Item
		for j := range 2 + rng.IntN(2) {
			items = append(items, item(fmt.Sprintf("q%dd%di%d", n, d, j), sc, rng.IntN(3) == 0))
		}
		dir := questionnaires.HigherIsBetter
		if rng.IntN(2) == 0 {
			dir = questionnaires.HigherIsWorse
		}
		dims = append(dims, dim(fmt.Sprintf("d%d", d), dir, 37.5, 62.5, items...))
	}
	var inds []*questionnaires.Indicator
	if rng.IntN(2) == 0 {
		inds = append(inds, &questionnaires.Indicator{ID: "ratio", Kind: questionnaires.KindRatio, Numerator: "d0", Denominator: "d1", Threshold: 1})
	}
	q := newQuestionnaire(dims, inds...)
	q.ID = fmt.Sprintf("q%d", n)
	return q
}

func randomAnswers(rng *rand.Rand, q *questionnaires.Questionnaire, skip float64) []int {
	items := q.Items()
	a := make([]int, len(items))
	for j, it := range items {
		a[j] = scoring.Missing
		if rng.Float64() >= skip {
			a[j] = it.Scale.Min + rng.IntN(it.Scale.Max-it.Scale.Min+1)
		}
	}
	return a
}

func hasPrefix(path, prefix []string) bool {
	return len(path) >= len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}

// TestAttackerCatchesIndependentPatterns is the attacker's own check: when
// each output decides its groups alone (as Vigie did before one pattern
// served the whole campaign), the attacker must find groups one output
// hides and another shows on some random campaigns. A test that could not
// fail would prove nothing.
func TestAttackerCatchesIndependentPatterns(t *testing.T) {
	caught := 0
	for seed := range 300 {
		c := generateCampaign(rand.New(rand.NewPCG(uint64(seed), 0x5eed)))
		counts := map[string]int{}
		for _, p := range c.people {
			counts[strings.Join(p.Unit, "/")]++
		}
		pub := c.publication()
		pub.Participation = scoringtest.Participation(c.opts, counts, nil)
		for _, q := range c.qs {
			var rs []scoring.Respondent
			for _, p := range c.people {
				if a, ok := p.Answers[q.ID]; ok {
					rs = append(rs, scoring.Respondent{Unit: p.Unit, Segments: p.Segments, Answers: a})
				}
			}
			pub.Results = append(pub.Results, mustScore(t, q, c.opts, rs))
		}
		if len(scoringtest.Attack(c.people, pub).Hidden) > 0 {
			caught++
		}
	}
	if caught == 0 {
		t.Fatal("with one pattern per output, the attacker found nothing across outputs on 300 campaigns: it cannot see leak 4")
	}
	t.Logf("independent patterns leak across outputs on %d of 300 campaigns", caught)
}

// TestAttackerLeak4 replays attack 2 of docs/scoring.md on the engine:
// two people with no unit answered only the first questionnaire.
func TestAttackerLeak4(t *testing.T) {
	q0, q1 := effortReward(), effortReward()
	q1.ID = "other"
	c := &attackCampaign{k: 5, opts: scoring.Options{MinGroupSize: 5, Units: [][]string{{"DirA"}, {"DirB"}, {"Siege"}}}, qs: []*questionnaires.Questionnaire{q0, q1}}
	add := func(n int, unit string, both bool) {
		for range n {
			p := scoringtest.Person{Segments: map[string]string{}, Answers: map[string][]int{q0.ID: effortScore(3, 3)}}
			if unit != "" {
				p.Unit = []string{unit}
			}
			if both {
				p.Answers[q1.ID] = effortScore(3, 3)
			}
			c.people = append(c.people, p)
		}
	}
	add(14, "DirA", true)
	add(11, "DirB", true)
	add(8, "Siege", true)
	add(2, "", false)
	pub := c.publish()
	if findings := scoringtest.Attack(c.people, pub).All(); len(findings) > 0 {
		t.Fatalf("the attacker found:\n%s", strings.Join(findings, "\n"))
	}
	// Siège is hidden in both questionnaires and in participation, so
	// 35 − 14 − 11 − 8 cannot be computed from any pair of outputs.
	for i, res := range pub.Results {
		if g := group(t, res, "unit:Siege"); !g.Suppressed {
			t.Errorf("%s: Siège published (%d), want hidden as in participation", c.qs[i].ID, g.Respondents)
		}
	}
}
