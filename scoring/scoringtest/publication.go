package scoringtest

import (
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// Person is one participant of a campaign as only the test knows them.
type Person struct {
	Unit     []string          // nil: no unit given
	Segments map[string]string // missing or "": not given
	// Answers holds, by questionnaire id, the answers aligned with the
	// questionnaire's Items (scoring.Missing where unanswered). A
	// questionnaire the person did not answer has no entry.
	Answers map[string][]int
}

// Publication is everything a campaign shows its readers.
type Publication struct {
	K              int
	Questionnaires []*questionnaires.Questionnaire
	Results        []*scoring.Result // one per questionnaire, in the same order
	// Participation is the participation by unit; nil when the campaign
	// publishes none (vigie score).
	Participation []scoring.UnitParticipation
	// Participants is the number of participants shown next to
	// participation, 0 when hidden.
	Participants int
	// CommentUnits are the units comments are shown under.
	CommentUnits [][]string
}

// Report is what an attacker learnt from a publication, by attack. Every
// line or finding is about fewer than k people and should not exist.
type Report struct {
	Counting    []Finding // proven by the counting attacker (counting.go)
	Subtraction []string  // a whole minus its published members, within one measure; or a published n that is not the truth
	Across      []string  // a whole from one output minus members from another
	Hidden      []string  // a group hidden by one output and shown by another
	Linked      []string  // a dimension against its items
	Combination []string  // a linear combination of the groups of one measure
}

// Attack plays every attack on pub, with people as the truth.
func Attack(people []Person, pub Publication) Report {
	var r Report
	ms := measures(people, pub)
	for i := range ms {
		m := &ms[i]
		r.Counting = append(r.Counting, m.counting(people, pub.K)...)
		r.Subtraction = append(r.Subtraction, subtraction(people, pub.K, m)...)
		r.Combination = append(r.Combination, combination(people, pub.K, m)...)
	}
	r.Across = subtractAcross(people, pub.K, ms)
	r.Hidden = hiddenEverywhere(people, pub)
	r.Linked = dimensionsAndItems(people, pub)
	return r
}

// Counting plays the counting attacker alone (it is part of Attack).
func Counting(people []Person, pub Publication) []Finding {
	var out []Finding
	for _, m := range measures(people, pub) {
		out = append(out, m.counting(people, pub.K)...)
	}
	return out
}

// All returns every finding of r, one line each.
func (r Report) All() []string {
	var out []string
	for _, f := range r.Counting {
		out = append(out, f.String())
	}
	return slices.Concat(out, r.Subtraction, r.Across, r.Hidden, r.Linked, r.Combination)
}

// member reports whether p belongs to the group id ("all", "unit:A/B",
// "segment:s=c"): the truth, which the attacker uses only to tell a real
// finding from a coincidence.
func member(p Person, id string) bool {
	switch {
	case id == "all":
		return true
	case strings.HasPrefix(id, "unit:"):
		path := p.Unit
		if len(path) == 0 {
			path = []string{scoring.NotSpecified}
		}
		return hasPrefix(path, unitPath(id))
	case strings.HasPrefix(id, "segment:"):
		seg, cat, _ := strings.Cut(strings.TrimPrefix(id, "segment:"), "=")
		got := p.Segments[seg]
		if got == "" {
			got = scoring.NotSpecified
		}
		return got == cat
	}
	panic("scoringtest: unknown group " + id)
}

func unitPath(id string) []string {
	return strings.Split(strings.TrimPrefix(id, "unit:"), "/")
}

func hasPrefix(path, prefix []string) bool {
	return len(path) >= len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}
