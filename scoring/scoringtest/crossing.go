package scoringtest

import (
	"fmt"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// The crossing is the counting attack the linear rule 4 let through
// (issue 19). k = 5; units U1 and U2 and a segment metier of categories
// C1 and C2 cross in cells of 8 (U1∩C1), 1 (U1∩C2), 9 (U2∩C1) and 8
// (U2∩C2) people, and every group is published. On rr1 the published
// counts of the value 5 are U1 2, C1 1, U2 0, C2 1. Since U1 − C1 =
// (U1∩C2) − (U2∩C1) and no count is negative, the lone person of U1∩C2
// answered 5. Every layer replays it: scoring, the API, `vigie score`.

// CrossingK is the crossing's k.
const CrossingK = 5

// CrossingItem is the item whose counts give the lone person away.
const CrossingItem = "rr1"

// CrossingCell is the lone person's cell, as a Finding names it.
var CrossingCell = []string{"all", "unit:U1", "segment:metier=C2"}

// Crossing returns the crossing's people for q, which must have the item
// rr1 (reconnaissance does): every answer in the middle of its scale, but
// rr1 = 5 for the lone person of U1∩C2 and for one person of U1∩C1.
func Crossing(q *questionnaires.Questionnaire) []Person {
	var people []Person
	add := func(n int, unit, cat string, fives int) {
		for i := range n {
			a := make([]int, len(q.Items()))
			for _, it := range q.Items() {
				a[it.Index] = (it.Scale.Min + it.Scale.Max) / 2
			}
			if i < fives {
				a[q.Item(CrossingItem).Index] = 5
			}
			people = append(people, Person{Unit: []string{unit}, Segments: map[string]string{"metier": cat},
				Answers: map[string][]int{q.ID: a}})
		}
	}
	add(8, "U1", "C1", 1)
	add(1, "U1", "C2", 1)
	add(9, "U2", "C1", 0)
	add(8, "U2", "C2", 0)
	return people
}

// ItemAnswers returns p's answers to q by item id, as the store and a
// responses file hold them (nil when p did not answer q).
func (p Person) ItemAnswers(q *questionnaires.Questionnaire) map[string]int {
	a, ok := p.Answers[q.ID]
	if !ok {
		return nil
	}
	out := map[string]int{}
	for _, it := range q.Items() {
		if v := a[it.Index]; v != scoring.Missing {
			out[it.ID] = v
		}
	}
	return out
}

// AttackCrossing attacks a result of the crossing as a layer published it
// (decoded from the API's or `vigie score`'s JSON) and returns what the
// attacker found. It refuses (error) a result that does not publish
// everyone's two answers 5 to rr1: the attack would then show nothing.
func AttackCrossing(people []Person, q *questionnaires.Questionnaire, res *scoring.Result) ([]string, error) {
	if all := res.Groups[0]; all.ID != "all" || all.Suppressed || all.Items[CrossingItem].Counts["5"] != 2 {
		return nil, fmt.Errorf("everyone = %+v; want published, with 2 answers 5 to %s: the attack would show nothing", all, CrossingItem)
	}
	pub := Publication{K: CrossingK, Questionnaires: []*questionnaires.Questionnaire{q}, Results: []*scoring.Result{res}}
	return Attack(people, pub).All(), nil
}
