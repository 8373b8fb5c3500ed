package scoringtest

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// This file holds the attacks of docs/scoring.md that need no solver:
// subtraction within an output and across outputs, a group hidden by one
// output and shown by another, a dimension against its items.

// truthIn is the number of people m's n counts in the group id.
func truthIn(people []Person, m *measure, id string) int {
	n := 0
	for p, person := range people {
		if m.counted(p) && member(person, id) {
			n++
		}
	}
	return n
}

// wholes returns each whole of m with its members, read from the group
// ids alone.
func wholes(m *measure) map[string][]string {
	out := map[string][]string{}
	for _, id := range m.ids {
		if w, ok := m.parent[id]; ok {
			out[w] = append(out[w], id)
		}
	}
	return out
}

// subtraction: within one measure, a published whole minus its published
// members is 0 or at least k; and every published count is the truth.
func subtraction(people []Person, k int, m *measure) []string {
	var findings []string
	for w, members := range wholes(m) {
		wholeID, _, _ := strings.Cut(w, "/") // "all/seg": the segment's categories within everyone
		left, ok := m.n[wholeID]
		if !ok {
			continue
		}
		for _, id := range members {
			left -= m.n[id]
		}
		if left > 0 && left < k {
			findings = append(findings, fmt.Sprintf("%s %s: %s minus its published members %v leaves %d", m.output, m.name, w, members, left))
		}
	}
	for id, n := range m.n {
		if want := truthIn(people, m, id); n != want {
			findings = append(findings, fmt.Sprintf("%s %s: %s shows %d, truth %d", m.output, m.name, id, n, want))
		}
	}
	for id, counts := range m.counts {
		if want := histogramIn(people, m, id); !slices.Equal(counts, want) {
			findings = append(findings, fmt.Sprintf("%s %s: %s shows the counts %v of %v, truth %v", m.output, m.name, id, counts, m.values, want))
		}
	}
	return findings
}

// histogramIn is the true count of each of m's values in the group id.
func histogramIn(people []Person, m *measure, id string) []int {
	out := make([]int, len(m.values))
	for p, person := range people {
		if v := m.truth[p]; v >= 0 && member(person, id) {
			out[v]++
		}
	}
	return out
}

// subtractAcross: the respondents of two outputs are nearly the same
// people; a whole from one minus the members another publishes, when it
// leaves 1 to k−1, must not be the true number of people (of either
// output) in the members the other hides and outside every member.
func subtractAcross(people []Person, k int, ms []measure) []string {
	var counts []*measure
	for i := range ms {
		if len(ms[i].values) == 1 {
			counts = append(counts, &ms[i])
		}
	}
	var findings []string
	for _, a := range counts {
		for _, b := range counts {
			if a.output != b.output {
				findings = append(findings, subtractPair(people, k, a, b)...)
			}
		}
	}
	return findings
}

// subtractPair takes the wholes from a and their members from b.
func subtractPair(people []Person, k int, a, b *measure) []string {
	var findings []string
	for w, members := range wholes(b) {
		wholeID, _, _ := strings.Cut(w, "/")
		left, ok := a.n[wholeID]
		if !ok {
			continue
		}
		var subtracted []string
		for _, id := range members {
			if n, ok := b.n[id]; ok {
				left -= n
				subtracted = append(subtracted, id)
			}
		}
		if bw, ok := b.n[wholeID]; left < 1 || left >= k || ok && bw == a.n[wholeID]-left {
			// The last case: b's members add up to b's whole, so what is
			// left is a's whole minus b's, the people of one output
			// not in the other, which docs/scoring.md shows on purpose.
			continue
		}
		for _, o := range []*measure{a, b} {
			hidden := 0
			for p, person := range people {
				if o.counted(p) && member(person, wholeID) && !slices.ContainsFunc(subtracted, func(id string) bool { return member(person, id) }) {
					hidden++
				}
			}
			if hidden == left {
				findings = append(findings, fmt.Sprintf("%s's %s minus %s's %v leaves %d: the true number of %s's respondents hidden there",
					a.output, w, b.output, subtracted, left, o.output))
			}
		}
	}
	return findings
}

// hiddenEverywhere: a group hidden by one output (with someone in it) is
// published by no other, comment groups included. A questionnaire
// answered by fewer than k publishes nothing at all and is left out.
func hiddenEverywhere(people []Person, pub Publication) []string {
	var findings []string
	shownIn := map[string][]string{}
	hiddenIn := map[string][]string{}
	visit := func(output, id string, shown bool, n int) {
		switch {
		case shown:
			shownIn[id] = append(shownIn[id], output)
		case n > 0:
			hiddenIn[id] = append(hiddenIn[id], output)
		}
	}
	count := func(id, qid string) int {
		n := 0
		for _, p := range people {
			if _, ok := p.Answers[qid]; (ok || qid == "") && member(p, id) {
				n++
			}
		}
		return n
	}
	for _, row := range pub.Participation {
		id := "unit:" + strings.Join(row.Path, "/")
		visit("participation", id, row.Respondents != nil, count(id, ""))
	}
	for qi, res := range pub.Results {
		q := pub.Questionnaires[qi]
		if res.Groups[0].Suppressed {
			for _, g := range res.Groups {
				if !g.Suppressed {
					findings = append(findings, fmt.Sprintf("%s: everyone withheld but %s shown", q.ID, g.ID))
				}
			}
			continue
		}
		for _, g := range res.Groups {
			visit(q.ID, g.ID, !g.Suppressed, count(g.ID, q.ID))
		}
	}
	seen := map[string]bool{}
	for _, u := range pub.CommentUnits {
		if id := "unit:" + strings.Join(u, "/"); len(u) > 0 && !seen[id] {
			seen[id] = true
			visit("comments", id, true, 0)
		}
	}
	for id, hidden := range hiddenIn {
		if shown := shownIn[id]; len(shown) > 0 {
			findings = append(findings, fmt.Sprintf("%s hidden in %v but shown in %v", id, hidden, shown))
		}
	}
	return findings
}

// dimensionsAndItems: in every published group, a dimension and its items
// are published together (an item no one scored answered may be withheld
// alone: its count of 0 says nothing), and the dimension's mean is the
// mean of the answers its item counts give, so that neither says more
// than the other (attacks 1 and 3 of docs/scoring.md).
func dimensionsAndItems(people []Person, pub Publication) []string {
	var findings []string
	for qi, res := range pub.Results {
		q := pub.Questionnaires[qi]
		for _, g := range res.Groups {
			if g.Suppressed {
				continue
			}
			for _, d := range q.Dimensions {
				ds := g.Dimensions[d.ID]
				sum, n := 0.0, 0
				for _, it := range d.Items {
					is := g.Items[it.ID]
					if ds.Suppressed != is.Suppressed && (!is.Suppressed || itemAnswers(people, q.ID, g.ID, d, it.Index) > 0) {
						findings = append(findings, fmt.Sprintf("%s %s: dimension %s suppressed = %v but item %s suppressed = %v",
							q.ID, g.ID, d.ID, ds.Suppressed, it.ID, is.Suppressed))
					}
					if is.Suppressed {
						continue
					}
					for v := it.Scale.Min; v <= it.Scale.Max; v++ {
						c := is.Counts[strconv.Itoa(v)]
						sum += float64(c) * 100 * float64(recode(it, v)-it.Scale.Min) / float64(it.Scale.Max-it.Scale.Min)
						n += c
					}
				}
				if !ds.Suppressed && math.Abs(ds.Mean-sum/float64(n)) > 1e-9 {
					findings = append(findings, fmt.Sprintf("%s %s %s: mean %v, but the item counts give %v: it says more than they do",
						q.ID, g.ID, d.ID, ds.Mean, sum/float64(n)))
				}
			}
		}
	}
	return findings
}

// itemAnswers is the number of people of group id scored on d who
// answered the item at index j of questionnaire qid.
func itemAnswers(people []Person, qid, id string, d *questionnaires.Dimension, j int) int {
	n := 0
	for _, p := range people {
		if a, ok := p.Answers[qid]; ok && member(p, id) && scored(a, d) && a[j] != scoring.Missing {
			n++
		}
	}
	return n
}
