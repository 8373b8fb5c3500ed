package scoring_test

import (
	"math"
	"testing"

	"github.com/vigie-sante/vigie/scoring"
)

// TestDocumentedExample is the worked example of docs/scoring.md: if this
// test changes, change the document.
func TestDocumentedExample(t *testing.T) {
	q := effortReward()

	// Claire: eff1 = 4, eff2 unanswered, eff3 = 4 (reversed: 2).
	claire := person("Accueil", nil, 4, M, 4, 3, 3, 3, 3)
	if got := scoring.ScoreRespondent(q, claire)["effort"]; got == nil || *got != 50 {
		t.Fatalf("Claire's effort = %v, want 50", got)
	}

	rs := []scoring.Respondent{
		claire,
		person("Accueil", nil, effortScore(1, 3)...), // 0
		person("Accueil", nil, effortScore(2, 3)...), // 25
		person("Accueil", nil, effortScore(3, 3)...), // 50
		person("Accueil", nil, effortScore(4, 3)...), // 75
		person("Accueil", nil, effortScore(5, 3)...), // 100
	}
	rs = append(rs, repeat(5, "Instruction", nil, effortScore(3, 3))...)
	rs = append(rs, repeat(3, "Direction", nil, effortScore(3, 3))...)
	res := mustScore(t, q, scoring.Options{MinGroupSize: 5}, rs)

	e := group(t, res, "unit:Accueil").Dimensions["effort"]
	// Answers on 0-100: Claire 75 and 25; the others three times their
	// score. Mean of the 17 answers: (100 + 3×250) / 17 = 50. SD: the
	// scores' deviations from 50, each weighted by its number of answers:
	// 3×(2500+625+0+625+2500) / 17 × 6/5.
	sd := math.Sqrt(3 * 6250.0 / 17 * 6 / 5)
	half := 1.96 * sd / math.Sqrt(6)
	if e.N != 6 || e.Mean != 50 || !near(e.SD, sd) || e.Level != scoring.Intermediate {
		t.Errorf("Accueil effort = %+v, want n 6, mean 50, sd %v, intermediate", e, sd)
	}
	if !near(e.CI95[0], 50-half) || !near(e.CI95[1], 50+half) {
		t.Errorf("ci95 = %v, want [%v, %v]", e.CI95, 50-half, 50+half)
	}
	if math.Abs(e.SD-36.38) > 0.005 || math.Abs(e.CI95[0]-20.89) > 0.005 || math.Abs(e.CI95[1]-79.11) > 0.005 {
		t.Errorf("sd %v, ci95 = %v, documented as 36.38, [20.89, 79.11]", e.SD, e.CI95)
	}
	for _, l := range scoring.Levels {
		if !near(e.Shares[l], 2.0/6) {
			t.Errorf("share %s = %v, want 1/3", l, e.Shares[l])
		}
	}

	for id, want := range map[string]string{
		"all": "", "unit:Accueil": "", "unit:Instruction": scoring.ReasonSecondary, "unit:Direction": scoring.ReasonBelowThreshold,
	} {
		if got := group(t, res, id).Reason; got != want {
			t.Errorf("%s reason = %q, want %q", id, got, want)
		}
	}
	if all := group(t, res, "all"); all.Respondents != 14 {
		t.Errorf("all respondents = %d, want 14", all.Respondents)
	}
}
