package scoring_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

// The counting attacker's canaries: under the linear rule 4 of the
// previous releases (scoring.UseLegacyOverlapRule), which only asked that
// no linear combination of groups isolate fewer than k people, the
// attacker must prove answers of such people. They pass whatever the
// engine's own rule: they show that the attacker TestAttackerFindsNothing
// relies on can fail.

// TestCountingAttackerCanary: on random campaigns published under the
// linear rule, the counting attacker proves answers about fewer than k
// people on a good share of them.
func TestCountingAttackerCanary(t *testing.T) {
	restore := scoring.UseLegacyOverlapRule()
	defer restore()
	campaigns := 100
	if testing.Short() {
		campaigns = 40
	}
	caught, example := 0, ""
	for seed := range campaigns {
		c := generateCampaign(rand.New(rand.NewPCG(uint64(seed), 0x5eed)))
		found := scoringtest.Counting(c.people, c.publish())
		if len(found) > 0 {
			caught++
			example = found[0].String()
		}
	}
	if caught*10 < campaigns {
		t.Fatalf("under the linear rule 4 the counting attacker proved answers in %d of %d random campaigns; want at least a tenth: it cannot see the leak of issue 19", caught, campaigns)
	}
	t.Logf("under the linear rule 4, answers about fewer than k people proven in %d of %d random campaigns; for one: %s", caught, campaigns, example)
}

// crossingCampaign is the crossing of issue 19 (scoringtest.Crossing) on
// the engine, with reconnaissance.
func crossingCampaign(t *testing.T) *attackCampaign {
	t.Helper()
	q, ok := questionnaires.BuiltinByID("reconnaissance")
	if !ok {
		t.Fatal("no built-in questionnaire reconnaissance")
	}
	return &attackCampaign{
		k: scoringtest.CrossingK,
		opts: scoring.Options{MinGroupSize: scoringtest.CrossingK, Units: [][]string{{"U1"}, {"U2"}},
			Segments: []scoring.Segment{{ID: "metier", Categories: []string{"C1", "C2"}}}},
		qs:     []*questionnaires.Questionnaire{q},
		people: scoringtest.Crossing(q),
	}
}

// TestCountingAttackerCrossing: under the linear rule, which publishes
// every group of the crossing, the attacker proves that the lone person
// of U1∩C2 answered 5 to rr1.
func TestCountingAttackerCrossing(t *testing.T) {
	restore := scoring.UseLegacyOverlapRule()
	defer restore()
	c := crossingCampaign(t)
	found := scoringtest.Counting(c.people, c.publish())
	for _, f := range found {
		if f.Measure == scoringtest.CrossingItem && f.Value == "5" && slices.Equal(f.Cell, scoringtest.CrossingCell) && f.People == 1 && f.AtLeast == 1 {
			return
		}
	}
	var lines []string
	for _, f := range found {
		lines = append(lines, f.String())
	}
	t.Fatalf("under the linear rule the counting attacker found:\n%s\nwant that the 1 person in %v answered 5 to %s",
		strings.Join(lines, "\n"), scoringtest.CrossingCell, scoringtest.CrossingItem)
}

// TestCrossingAttack: the engine publishes the crossing so that the
// attacker learns nothing about fewer than k people.
func TestCrossingAttack(t *testing.T) {
	c := crossingCampaign(t)
	if findings := scoringtest.Attack(c.people, c.publish()).All(); len(findings) > 0 {
		t.Fatalf("the attacker found:\n%s", strings.Join(findings, "\n"))
	}
}
