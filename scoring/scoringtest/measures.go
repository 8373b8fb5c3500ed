package scoringtest

import (
	"math"
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// measure is one figure the groups of an output publish: a count, or the
// count of each value of a histogram (an item's answers, a dimension's
// levels, an indicator above its threshold or not), with the truth behind
// it. Subtraction and linear combinations read its n; the counting
// attacker reads its histogram.
type measure struct {
	output, name string
	ids          []string          // every group the output lists, published or not
	parent       map[string]string // group id -> its whole ("all/seg" for a segment's categories)
	values       []string          // what the histogram counts; one value for a count
	absent       int               // the value meaning "no answer", which n leaves out; -1 when none
	n            map[string]int    // published n, by group
	counts       map[string][]int  // published histogram, by group (the groups of n)
	truth        []int             // per person: the index of their value, -1 when not counted
}

// counted reports whether the measure's n counts person p.
func (m *measure) counted(p int) bool { return m.truth[p] >= 0 && m.truth[p] != m.absent }

// measures lists every measure pub publishes.
func measures(people []Person, pub Publication) []measure {
	var out []measure
	if pub.Participation != nil {
		out = append(out, participationMeasure(people, pub))
	}
	for i, res := range pub.Results {
		out = append(out, resultMeasures(people, pub.Questionnaires[i], res)...)
	}
	return out
}

// participationMeasure is the number of participants per unit.
func participationMeasure(people []Person, pub Publication) measure {
	m := measure{output: "participation", name: "participants", ids: []string{"all"}, parent: map[string]string{},
		values: []string{"participant"}, absent: -1, n: map[string]int{}, counts: map[string][]int{},
		truth: make([]int, len(people))}
	if pub.Participants > 0 {
		m.n["all"] = pub.Participants
	}
	for _, row := range pub.Participation {
		id := "unit:" + strings.Join(row.Path, "/")
		m.ids = append(m.ids, id)
		m.parent[id] = "all"
		if len(row.Path) > 1 {
			m.parent[id] = "unit:" + strings.Join(row.Path[:len(row.Path)-1], "/")
		}
		if row.Respondents != nil {
			m.n[id] = *row.Respondents
		}
	}
	for id, n := range m.n {
		m.counts[id] = []int{n}
	}
	return m
}

// resultMeasures lists the measures of one questionnaire's result: its
// respondents, and for each dimension its levels and the answers to each
// of its items, and each indicator.
func resultMeasures(people []Person, q *questionnaires.Questionnaire, res *scoring.Result) []measure {
	base := measure{output: q.ID, parent: map[string]string{}, absent: -1}
	for _, g := range res.Groups {
		base.ids = append(base.ids, g.ID)
		switch {
		case g.Kind == scoring.KindUnit && g.Parent != "":
			base.parent[g.ID] = g.Parent
		case g.Kind == scoring.KindUnit:
			base.parent[g.ID] = "all"
		case g.Kind == scoring.KindSegment:
			base.parent[g.ID] = "all/" + g.Segment
		}
	}
	// add publishes, for every published group where shown says so, its
	// histogram; value gives each person's value (-1: not counted).
	var out []measure
	add := func(name string, values []string, absent int, value func(a []int) int, shown func(g *scoring.Group) []int) {
		m := base
		m.name, m.values, m.absent = name, values, absent
		m.n, m.counts = map[string]int{}, map[string][]int{}
		for _, g := range res.Groups {
			if g.Suppressed {
				continue
			}
			if c := shown(g); c != nil {
				m.counts[g.ID] = c
				for v, x := range c {
					if v != absent {
						m.n[g.ID] += x
					}
				}
			}
		}
		m.truth = make([]int, len(people))
		for p, person := range people {
			m.truth[p] = -1
			if a, ok := person.Answers[q.ID]; ok {
				m.truth[p] = value(a)
			}
		}
		out = append(out, m)
	}
	add("respondents", []string{"répondant"}, -1, func([]int) int { return 0 },
		func(g *scoring.Group) []int { return []int{g.Respondents} })
	for _, d := range q.Dimensions {
		addDimension(add, d)
	}
	for _, ind := range q.Indicators {
		num, den := q.Dimension(ind.Numerator), q.Dimension(ind.Denominator)
		add(ind.ID, []string{"au-dessus du seuil", "pas au-dessus"}, -1, func(a []int) int {
			r, ok := ratio(a, num, den)
			switch {
			case !ok:
				return -1
			case r > ind.Threshold:
				return 0
			}
			return 1
		}, func(g *scoring.Group) []int {
			s := g.Indicators[ind.ID]
			if s.Suppressed {
				return nil
			}
			above := int(math.Round(s.ShareAbove * float64(s.N)))
			return []int{above, s.N - above}
		})
	}
	return out
}

type addFunc func(name string, values []string, absent int, value func(a []int) int, shown func(g *scoring.Group) []int)

// addDimension adds a dimension's levels and its items' answers, both
// among the people scored on it: an item's histogram gets one more value,
// "no answer", which the dimension's n minus the item's gives.
func addDimension(add addFunc, d *questionnaires.Dimension) {
	var levels []string
	for _, l := range scoring.Levels {
		levels = append(levels, string(l))
	}
	add(d.ID+" (niveaux)", levels, -1, func(a []int) int { return levelOf(a, d) },
		func(g *scoring.Group) []int {
			s := g.Dimensions[d.ID]
			if s.Suppressed {
				return nil
			}
			var c []int
			for _, l := range scoring.Levels {
				c = append(c, int(math.Round(s.Shares[l]*float64(s.N))))
			}
			return c
		})
	for _, it := range d.Items {
		var values []string
		for v := it.Scale.Min; v <= it.Scale.Max; v++ {
			values = append(values, strconv.Itoa(v))
		}
		absent := len(values)
		values = append(values, "sans réponse")
		add(it.ID, values, absent, func(a []int) int {
			switch {
			case !scored(a, d):
				return -1
			case a[it.Index] == scoring.Missing:
				return absent
			}
			return a[it.Index] - it.Scale.Min
		}, func(g *scoring.Group) []int {
			ds, is := g.Dimensions[d.ID], g.Items[it.ID]
			if ds.Suppressed || is.Suppressed {
				return nil
			}
			var c []int
			for v := it.Scale.Min; v <= it.Scale.Max; v++ {
				c = append(c, is.Counts[strconv.Itoa(v)])
			}
			return append(c, ds.N-is.N)
		})
	}
}

// The truth, computed here again from docs/scoring.md rather than taken
// from the engine, so that a mistake in one is caught by the other.

// answered is the number of d's items answered in a.
func answered(a []int, d *questionnaires.Dimension) int {
	n := 0
	for _, it := range d.Items {
		if a[it.Index] != scoring.Missing {
			n++
		}
	}
	return n
}

// scored reports whether answers a give a score on d.
func scored(a []int, d *questionnaires.Dimension) bool {
	share := d.MinAnswered
	if share <= 0 {
		share = 0.5
	}
	need := max(1, int(math.Ceil(share*float64(len(d.Items))-1e-9)))
	return answered(a, d) >= need
}

// levelOf returns the index in scoring.Levels of a's level on d, -1 with
// no score.
func levelOf(a []int, d *questionnaires.Dimension) int {
	if !scored(a, d) {
		return -1
	}
	sum, n := 0.0, 0
	for _, it := range d.Items {
		if v := a[it.Index]; v != scoring.Missing {
			sum += 100 * float64(recode(it, v)-it.Scale.Min) / float64(it.Scale.Max-it.Scale.Min)
			n++
		}
	}
	score := sum / float64(n)
	low, high := 0, 2 // favourable, unfavourable
	if d.Direction == questionnaires.HigherIsBetter {
		low, high = high, low
	}
	switch {
	case score <= d.Cutoffs.Low+1e-9:
		return low
	case score >= d.Cutoffs.High-1e-9:
		return high
	}
	return 1
}

// ratio is a's ratio indicator: the mean recoded answer to num over the
// same for den, for those who answered every item of both.
func ratio(a []int, num, den *questionnaires.Dimension) (float64, bool) {
	if answered(a, num) != len(num.Items) || answered(a, den) != len(den.Items) || rawMean(a, den) == 0 {
		return 0, false
	}
	return rawMean(a, num) / rawMean(a, den), true
}

func rawMean(a []int, d *questionnaires.Dimension) float64 {
	raw := 0
	for _, it := range d.Items {
		raw += recode(it, a[it.Index])
	}
	return float64(raw) / float64(len(d.Items))
}

func recode(it *questionnaires.Item, v int) int {
	if it.Reverse {
		return it.Scale.Min + it.Scale.Max - v
	}
	return v
}
