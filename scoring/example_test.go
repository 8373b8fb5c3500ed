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
	sd := math.Sqrt(1250) // (2500+625+0+0+625+2500)/5
	half := 1.96 * sd / math.Sqrt(6)
	if e.N != 6 || e.Mean != 50 || !near(e.SD, sd) || e.Level != scoring.Intermediate {
		t.Errorf("Accueil effort = %+v, want n 6, mean 50, sd %v, intermediate", e, sd)
	}
	if !near(e.CI95[0], 50-half) || !near(e.CI95[1], 50+half) {
		t.Errorf("ci95 = %v, want [%v, %v]", e.CI95, 50-half, 50+half)
	}
	if math.Abs(e.CI95[0]-21.71) > 0.005 || math.Abs(e.CI95[1]-78.29) > 0.005 {
		t.Errorf("ci95 = %v, documented as [21.71, 78.29]", e.CI95)
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
