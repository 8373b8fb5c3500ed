package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

// TestCountingAttackOnScore plays the counting attack of issue 19 against
// the real `vigie score`: a responses file holds the crossing of
// scoringtest (units U1, U2 and categories C1, C2 in cells of 8, 1, 9 and
// 8 people), and the counting attacker, holding the JSON it prints, must
// prove nothing about fewer than k people. Under the linear rule 4 every
// group was published and the counts of rr1 gave away the answer of the
// lone person of U1∩C2.
func TestCountingAttackOnScore(t *testing.T) {
	q := reconnaissance(t)
	people := scoringtest.Crossing(q)
	var b strings.Builder
	b.WriteString("unit,segment.metier")
	for _, it := range q.Items() {
		b.WriteString("," + it.ID)
	}
	b.WriteString("\n")
	for _, p := range people {
		b.WriteString(strings.Join(p.Unit, "/") + "," + p.Segments["metier"])
		for _, v := range p.Answers[q.ID] {
			b.WriteString(",")
			if v != scoring.Missing {
				b.WriteString(strconv.Itoa(v))
			}
		}
		b.WriteString("\n")
	}
	path := writeTestFile(t, t.TempDir(), "reponses.csv", b.String())
	code, stdout, stderr := runCommand("score", "--questionnaire", q.ID, "--responses", path, "--min-group-size", strconv.Itoa(scoringtest.CrossingK))
	if code != 0 {
		t.Fatalf("vigie score: exit code %d, stderr %q", code, stderr)
	}
	res, err := scoringtest.DecodeResult([]byte(stdout))
	if err != nil {
		t.Fatal(err)
	}
	findings, err := scoringtest.AttackCrossing(people, q, res)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) > 0 {
		t.Fatalf("from what vigie score printed, the attacker found:\n%s", strings.Join(findings, "\n"))
	}
}
