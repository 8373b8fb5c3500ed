package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
)

// Attacks 1 and 5 of issue 9, played against the real `vigie score`: the
// attacker holds the JSON it prints and knows the method (docs/scoring.md)
// and the questionnaire, nothing else. The test alone knows the answers,
// to tell a real finding from a coincidence.

// attackK is the k of these attacks: the default.
const attackK = 5

// publishedResult is the JSON of `vigie score`, as an attacker reads it.
type publishedResult struct {
	MinGroupSize int              `json:"min_group_size"`
	Groups       []publishedGroup `json:"groups"`
}

type publishedGroup struct {
	ID          string                      `json:"id"`
	Kind        string                      `json:"kind"`
	Parent      string                      `json:"parent"`
	Segment     string                      `json:"segment"`
	Suppressed  bool                        `json:"suppressed"`
	Respondents int                         `json:"respondents"`
	Dimensions  map[string]publishedMeasure `json:"dimensions"`
	Items       map[string]publishedMeasure `json:"items"`
}

// publishedMeasure is a dimension's or an item's figures (those the
// attacks use).
type publishedMeasure struct {
	Suppressed bool           `json:"suppressed"`
	N          int            `json:"n"`
	Mean       float64        `json:"mean"`
	Counts     map[string]int `json:"counts"`
}

func (r *publishedResult) group(id string) *publishedGroup {
	for i := range r.Groups {
		if r.Groups[i].ID == id {
			return &r.Groups[i]
		}
	}
	return nil
}

// attackRow is one row of a generated response file: a unit and answers by
// item id (missing: not answered).
type attackRow struct {
	unit    string
	answers map[string]int
}

// scoreRows writes rows as a CSV file and returns what `vigie score
// --questionnaire reconnaissance` publishes of them at k = attackK.
func scoreRows(t *testing.T, rows []attackRow) publishedResult {
	t.Helper()
	q := reconnaissance(t)
	var b strings.Builder
	b.WriteString("unit")
	for _, it := range q.Items() {
		b.WriteString("," + it.ID)
	}
	b.WriteString("\n")
	for _, p := range rows {
		b.WriteString(p.unit)
		for _, it := range q.Items() {
			b.WriteString(",")
			if v, ok := p.answers[it.ID]; ok {
				b.WriteString(strconv.Itoa(v))
			}
		}
		b.WriteString("\n")
	}
	path := writeTestFile(t, t.TempDir(), "reponses.csv", b.String())
	code, stdout, stderr := runCommand("score", "--questionnaire", "reconnaissance", "--responses", path, "--min-group-size", strconv.Itoa(attackK))
	if code != 0 {
		t.Fatalf("vigie score: exit code %d, stderr %q", code, stderr)
	}
	var res publishedResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("vigie score printed no JSON result: %v\n%s", err, stdout)
	}
	return res
}

func reconnaissance(t *testing.T) *questionnaires.Questionnaire {
	t.Helper()
	q, ok := questionnaires.BuiltinByID("reconnaissance")
	if !ok {
		t.Fatal("no built-in questionnaire reconnaissance")
	}
	return q
}

// effortRows returns n people of unit answering every effort item at
// random (1-5).
func effortRows(rng *rand.Rand, unit string, n int) []attackRow {
	out := make([]attackRow, n)
	for i := range out {
		out[i] = attackRow{unit: unit, answers: map[string]int{}}
		for j := 1; j <= 6; j++ {
			out[i].answers["eff"+strconv.Itoa(j)] = 1 + rng.IntN(5)
		}
	}
	return out
}

// normalisedAnswer is an answer on 0-100 as the method computes it (reversed
// items turned round), which the attacker knows from the questionnaire.
func normalisedAnswer(it *questionnaires.Item, v int) float64 {
	r := v
	if it.Reverse {
		r = it.Scale.Min + it.Scale.Max - v
	}
	return 100 * float64(r-it.Scale.Min) / float64(it.Scale.Max-it.Scale.Min)
}

// itemSum is the sum of the normalised answers an item's published counts
// describe, and how many answers they count.
func itemSum(it *questionnaires.Item, m publishedMeasure) (sum float64, n int) {
	for v := it.Scale.Min; v <= it.Scale.Max; v++ {
		c := m.Counts[strconv.Itoa(v)]
		sum += float64(c) * normalisedAnswer(it, v)
		n += c
	}
	return sum, n
}

// attackFinding is what an attack learnt about fewer than k people: their
// number and the sum of their normalised answers to one item.
type attackFinding struct {
	item   string
	whole  string
	people int
	sum    float64
}

func (f attackFinding) String() string {
	return fmt.Sprintf("%s: %s minus its published members leaves %d people whose answers sum to %.4g", f.item, f.whole, f.people, f.sum)
}

// partitions reads, from the published group ids alone, each whole and
// its members: the top-level units within everyone, the children of a unit
// within it, the categories of a segment within everyone.
func partitions(res publishedResult) map[string][]string {
	parts := map[string][]string{}
	for _, g := range res.Groups {
		switch {
		case g.Kind == "unit" && g.Parent == "":
			parts["all"] = append(parts["all"], g.ID)
		case g.Kind == "unit":
			parts[g.Parent] = append(parts[g.Parent], g.ID)
		case g.Kind == "segment":
			parts["all/"+g.Segment] = append(parts["all/"+g.Segment], g.ID)
		}
	}
	return parts
}

// crossMeasureAttack is attack 1, written for any dimension, item and
// partition. For each item, it takes the item's normalised sum in every
// group where it can: from the item's published counts, or else, where
// the item is withheld but its dimension and every other item of it are
// published to the same n people (so they answered everything), as
// m·n·mean minus the other items' sums. Then, for each partition, the
// whole's sum minus its members' leaves the answers of the people in
// the members it could not read; fewer than k of them is a finding.
//
// On the engine before issue 9 this recovered the answer: in DirB,
// everyone but one skipped eff6, so eff6 was withheld in DirB (n = 1) and,
// to protect it, in Siège (secondary); but Siège's effort mean (n = 8) and
// its counts of eff1..eff5 stayed published, each measure being
// suppressed on its own. 6·8·mean − Σ eff1..eff5 gave Siège's eff6 sum,
// and eff6(all) − eff6(DirA) − eff6(Siège) was the DirB person's answer.
func crossMeasureAttack(q *questionnaires.Questionnaire, res publishedResult) []attackFinding {
	var out []attackFinding
	parts := partitions(res)
	for _, d := range q.Dimensions {
		for _, x := range d.Items {
			known := func(id string) (float64, int, bool) {
				g := res.group(id)
				if g == nil || g.Suppressed {
					return 0, 0, false
				}
				if m := g.Items[x.ID]; !m.Suppressed {
					s, n := itemSum(x, m)
					return s, n, true
				}
				dm := g.Dimensions[d.ID]
				if dm.Suppressed {
					return 0, 0, false
				}
				total := float64(len(d.Items)*dm.N) * dm.Mean
				for _, y := range d.Items {
					if y == x {
						continue
					}
					m := g.Items[y.ID]
					if m.Suppressed || m.N != dm.N {
						return 0, 0, false
					}
					s, _ := itemSum(y, m)
					total -= s
				}
				return total, dm.N, true
			}
			for whole, members := range parts {
				wholeID, _, _ := strings.Cut(whole, "/")
				sum, n, ok := known(wholeID)
				if !ok {
					continue
				}
				for _, m := range members {
					if s, mn, ok := known(m); ok {
						sum -= s
						n -= mn
					}
				}
				if n > 0 && n < res.MinGroupSize {
					out = append(out, attackFinding{item: x.ID, whole: whole, people: n, sum: sum})
				}
			}
		}
	}
	return out
}

// TestCrossMeasureAttack plays attack 1 of issue 9 on `vigie score`:
// k = 5, DirA 14, DirB 11, Siège 8, and in DirB everyone skips eff6 but
// one person, whose answer the attacker wants.
func TestCrossMeasureAttack(t *testing.T) {
	q := reconnaissance(t)
	rng := rand.New(rand.NewPCG(9, 1))
	dirA := effortRows(rng, "DirA", 14)
	dirB := effortRows(rng, "DirB", 11)
	siege := effortRows(rng, "Siège", 8)
	const target = 1 // "pas du tout d'accord" with eff6, reversed: 100
	dirB[0].answers["eff6"] = target
	for _, p := range dirB[1:] {
		delete(p.answers, "eff6")
	}
	rows := slices.Concat(dirA, dirB, siege)
	eff6 := q.Item("eff6")
	want := normalisedAnswer(eff6, target)

	res := scoreRows(t, rows)

	t.Run("DimensionAndItemsPublishedTogether", func(t *testing.T) {
		for _, g := range res.Groups {
			if g.Suppressed {
				continue
			}
			for _, d := range q.Dimensions {
				for _, it := range d.Items {
					dim, item := g.Dimensions[d.ID], g.Items[it.ID]
					if dim.Suppressed != item.Suppressed {
						t.Errorf("%s: dimension %s suppressed = %v but item %s suppressed = %v; want both the same (one gives the other away)",
							g.ID, d.ID, dim.Suppressed, it.ID, item.Suppressed)
					}
				}
			}
		}
		// The case of the attack: Siège hides eff6 to protect DirB, so it
		// must hide its effort figures too.
		s := res.group("unit:Siège")
		if s == nil || !s.Items["eff6"].Suppressed || !s.Dimensions["effort"].Suppressed {
			t.Errorf("Siège = %+v; want eff6 and the effort dimension withheld", s)
		}
	})

	t.Run("AttackRecoversNothing", func(t *testing.T) {
		for _, f := range crossMeasureAttack(q, res) {
			t.Errorf("the attacker learnt %s (the DirB person's eff6 is %v on 0-100)", f, want)
		}
	})

	// The attacker is not idle: given the figures the engine published
	// before issue 9, it finds the DirB person's answer. Those figures for
	// Siège were its effort mean and eff1..eff5 counts, with eff6 withheld:
	// the same as Siège scored alone, since everyone there answered every
	// item (the mean of their scores is then the mean of their answers).
	t.Run("AttackWorksOnTheOldFigures", func(t *testing.T) {
		alone := scoreRows(t, siege)
		old := res
		old.Groups = slices.Clone(res.Groups)
		s := old.group("unit:Siège")
		src := alone.group("unit:Siège")
		s.Dimensions = map[string]publishedMeasure{"effort": src.Dimensions["effort"]}
		s.Items = map[string]publishedMeasure{"eff6": {Suppressed: true}}
		for _, id := range []string{"eff1", "eff2", "eff3", "eff4", "eff5"} {
			s.Items[id] = src.Items[id]
		}
		var got []attackFinding
		for _, f := range crossMeasureAttack(q, old) {
			if f.item == "eff6" && f.people == 1 {
				got = append(got, f)
			}
		}
		if len(got) != 1 || math.Abs(got[0].sum-want) > 1e-6 {
			t.Fatalf("on the old figures the attacker found %v; want the DirB person's eff6, %v", got, want)
		}
	})
}

// partialAttack is attack 5: in a published group where the item counts
// show exactly one answer missing (m·n − Σ item n = 1), one person
// answered m − 1 of the m items. If the mean were the mean of people's
// scores, n·mean − Σ(normalised answers)/m would be that person's sum S
// times (1/(m−1) − 1/m), all the others' terms cancelling: S, then their
// score S/(m−1). It returns what it computes, group by group, for any
// mean (the published one, or another to check the attacker).
func partialAttack(d *questionnaires.Dimension, g publishedGroup, mean float64) (score float64, ok bool) {
	dm := g.Dimensions[d.ID]
	if g.Suppressed || dm.Suppressed {
		return 0, false
	}
	m := len(d.Items)
	sum, answers := 0.0, 0
	for _, it := range d.Items {
		im := g.Items[it.ID]
		if im.Suppressed {
			return 0, false
		}
		s, n := itemSum(it, im)
		sum += s
		answers += n
	}
	if m*dm.N-answers != 1 {
		return 0, false
	}
	s := (float64(dm.N)*mean - sum/float64(m)) / (1/float64(m-1) - 1/float64(m))
	return s / float64(m-1), true
}

// TestPartialAnswererAttack plays attack 5 of issue 9 on `vigie score`:
// Siège (8 people, published) has one person who answered 5 of the 6
// effort items. Before issue 9 the group mean was the mean of people's
// scores, and the attack gave that person's score exactly (60.0 for 60.0
// in the issue). Now the mean is that of every answer, which the item
// counts give: the same formula returns the group's mean, nothing about
// anyone.
func TestPartialAnswererAttack(t *testing.T) {
	q := reconnaissance(t)
	effort := q.Dimension("effort")
	rng := rand.New(rand.NewPCG(9, 5))
	siege := effortRows(rng, "Siège", 8)
	// The partial answerer: eff6 skipped, every other answer "tout à fait
	// d'accord": a score of 100, far from any mean of random answers.
	for j := 1; j <= 5; j++ {
		siege[0].answers["eff"+strconv.Itoa(j)] = 5
	}
	delete(siege[0].answers, "eff6")
	const trueScore = 100.0
	rows := slices.Concat(effortRows(rng, "DirA", 14), siege)

	// The truth: each person's score in Siège, and what the engine before
	// issue 9 published as Siège's mean (the mean of those scores).
	oldMean := 0.0
	for _, p := range siege {
		sum, n := 0.0, 0
		for _, it := range effort.Items {
			if v, ok := p.answers[it.ID]; ok {
				sum += normalisedAnswer(it, v)
				n++
			}
		}
		oldMean += sum / float64(n) / float64(len(siege))
	}

	res := scoreRows(t, rows)
	g := res.group("unit:Siège")
	if g == nil || g.Suppressed || g.Dimensions["effort"].Suppressed {
		t.Fatalf("Siège = %+v; want its effort figures published (8 people, k = 5), else the test shows nothing", g)
	}
	published := g.Dimensions["effort"].Mean
	if math.Abs(published-trueScore) < 1 {
		t.Fatalf("Siège's mean %v is the partial answerer's score %v: the test shows nothing", published, trueScore)
	}

	t.Run("AttackWorksOnTheOldMean", func(t *testing.T) {
		got, ok := partialAttack(effort, *g, oldMean)
		if !ok || math.Abs(got-trueScore) > 1e-9 {
			t.Fatalf("on the old mean %v the attack gives %v (%v); want the partial answerer's score %v", oldMean, got, ok, trueScore)
		}
	})

	t.Run("AttackRecoversNothing", func(t *testing.T) {
		attacked := 0
		for _, g := range res.Groups {
			got, ok := partialAttack(effort, g, g.Dimensions["effort"].Mean)
			if !ok {
				continue
			}
			attacked++
			t.Logf("%s: the attack gives %.4f (true score %v, old mean %.4f)", g.ID, got, trueScore, oldMean)
			if math.Abs(got-trueScore) < 1e-6 {
				t.Errorf("%s: the attack gives %v, the partial answerer's score", g.ID, got)
			}
			// What it gives is the mean itself: Σ/(6n − 1), a figure the
			// item counts give anyway.
			if mean := g.Dimensions["effort"].Mean; math.Abs(got-mean) > 1e-9 {
				t.Errorf("%s: the attack gives %v; want the group's mean %v, which tells nothing more", g.ID, got, mean)
			}
		}
		if attacked == 0 {
			t.Fatal("no published group shows one missing answer: the attack did not run, the test shows nothing")
		}
	})

	// The stronger guarantee: every published mean is exactly what the
	// published item counts give, so it carries nothing they do not.
	t.Run("MeanIsWhatTheItemCountsGive", func(t *testing.T) {
		for _, g := range res.Groups {
			if g.Suppressed {
				continue
			}
			for _, d := range q.Dimensions {
				dm := g.Dimensions[d.ID]
				if dm.Suppressed {
					continue
				}
				sum, n := 0.0, 0
				for _, it := range d.Items {
					s, c := itemSum(it, g.Items[it.ID])
					sum += s
					n += c
				}
				if want := sum / float64(n); math.Abs(dm.Mean-want) > 1e-9 {
					t.Errorf("%s %s: mean = %v, want %v (the mean of the answers the item counts give)", g.ID, d.ID, dm.Mean, want)
				}
			}
		}
	})
}
