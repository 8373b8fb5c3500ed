package scoring_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// This file is an attacker. It generates random campaigns (small and
// empty units, people attached to a unit with sub-units, people with no
// unit, sparse answerers, items skipped by a whole unit, several
// questionnaires, segments), publishes them as Vigie does (one group
// pattern for participation and every questionnaire), and then, holding
// every published figure and knowing the method, tries to learn about
// fewer than k people:
//
//   - subtraction, per output, per partition and per measure;
//   - subtraction across outputs: a whole taken from one output and its
//     members from another (participation and questionnaires);
//   - cross-measure reconstruction: a dimension's figures against its
//     items' (a dimension published with one of its items withheld);
//   - partial answerers: a dimension's mean against its item counts;
//   - any linear combination of the published sums of a measure, over
//     every published group, overlapping units and segment categories
//     included (exact search over the sets of fewer than k people).
//
// The truth (who is where, who answered what) is known to the test only,
// to tell a real finding from a coincidence.

// attackCampaign is a generated campaign: its settings and its people.
type attackCampaign struct {
	k      int
	opts   scoring.Options
	qs     []*questionnaires.Questionnaire
	people []attackPerson
}

type attackPerson struct {
	unit     []string          // nil: no unit given
	segments map[string]string // missing: not given
	answers  [][]int           // per questionnaire, aligned with its items; nil: not answered
}

// TestAttackerFindsNothing runs the attacker on thousands of random
// campaigns. A failure prints the seed: TestAttackerSeed replays one.
func TestAttackerFindsNothing(t *testing.T) {
	seeds := 3000
	if testing.Short() {
		seeds = 300
	}
	for seed := range seeds {
		if findings := attackSeed(uint64(seed)); len(findings) > 0 {
			t.Fatalf("seed %d: the attacker found:\n%s", seed, strings.Join(findings, "\n"))
		}
	}
}

// attackSeed generates, publishes and attacks the campaign of one seed.
func attackSeed(seed uint64) []string {
	c := generateCampaign(rand.New(rand.NewPCG(seed, 0x5eed)))
	pub := c.publish()
	return attack(c, pub)
}

// published is everything Vigie shows of a campaign.
type published struct {
	results       []*scoring.Result
	participation []scoring.UnitParticipation
	total         int // the number of respondents, taken as known
}

func (c *attackCampaign) publish() published {
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
		counts[strings.Join(p.unit, "/")]++
		for i := range c.qs {
			if p.answers[i] == nil {
				continue
			}
			if err := scorers[i].Add(scoring.Respondent{Unit: p.unit, Segments: p.segments, Answers: p.answers[i]}); err != nil {
				panic(err)
			}
		}
	}
	pattern := scoring.CampaignPattern(c.opts, counts, scorers...)
	pub := published{participation: scoring.ParticipationWithin(pattern, c.opts, counts, nil), total: len(c.people)}
	for _, s := range scorers {
		pub.results = append(pub.results, s.ResultWithin(pattern))
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

	// People: 4 to 30; a unit weighted at random (some units stay
	// empty), no unit at times; segments left empty at times.
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
		p := attackPerson{segments: map[string]string{}}
		if rng.IntN(10) > 0 {
			p.unit = units[pickWeighted(rng, weights)]
		}
		for _, seg := range c.opts.Segments {
			if rng.IntN(10) > 0 {
				p.segments[seg.ID] = seg.Categories[rng.IntN(len(seg.Categories))]
			}
		}
		for i, q := range c.qs {
			if rng.Float64() >= answerQ[i] {
				p.answers = append(p.answers, nil)
				continue
			}
			p.answers = append(p.answers, randomAnswers(rng, q, skip))
		}
		c.people = append(c.people, p)
	}
	// A whole unit skips one item, but one person at times.
	if rng.IntN(2) == 0 {
		u := units[rng.IntN(len(units))]
		qi := rng.IntN(len(c.qs))
		j := rng.IntN(len(c.qs[qi].Items()))
		keep := rng.IntN(2) == 0
		for i := range c.people {
			p := &c.people[i]
			if !hasPrefix(p.unit, u) || p.answers[qi] == nil {
				continue
			}
			if keep {
				keep = false
				continue
			}
			p.answers[qi][j] = scoring.Missing
		}
	}
	// Someone who answered nothing of a questionnaire did not answer it.
	for i := range c.people {
		for qi, a := range c.people[i].answers {
			if a != nil && !slices.ContainsFunc(a, func(v int) bool { return v != scoring.Missing }) {
				c.people[i].answers[qi] = nil
			}
		}
	}
	return c
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

// --- the attack ---

// measure is one published count of every group of an output, with the
// truth: which people it counts.
type measure struct {
	output string
	name   string
	ids    []string // group ids, in the output's order
	parent map[string]string
	shown  map[string]int // published count by group id
	counts func(p int) bool
}

// attack returns what the attacker learnt that it must not.
func attack(c *attackCampaign, pub published) []string {
	var findings []string
	ms := measures(c, pub)
	for _, m := range ms {
		findings = append(findings, subtraction(c, m)...)
		findings = append(findings, linearSearch(c, m)...)
	}
	findings = append(findings, crossOutput(c, pub)...)
	findings = append(findings, crossMeasure(c, pub)...)
	return findings
}

// measures lists every published count with the people it counts.
func measures(c *attackCampaign, pub published) []measure {
	var out []measure
	// Participation: everyone per unit, plus the total.
	part := measure{output: "participation", name: "respondents", parent: map[string]string{}, shown: map[string]int{},
		counts: func(int) bool { return true }}
	part.ids = append(part.ids, "all")
	if pub.total >= c.k {
		part.shown["all"] = pub.total
	}
	for _, row := range pub.participation {
		id := "unit:" + strings.Join(row.Path, "/")
		part.ids = append(part.ids, id)
		part.parent[id] = "all"
		if len(row.Path) > 1 {
			part.parent[id] = "unit:" + strings.Join(row.Path[:len(row.Path)-1], "/")
		}
		if row.Respondents != nil {
			part.shown[id] = *row.Respondents
		}
	}
	if len(pub.participation) > 0 {
		out = append(out, part)
	}

	for qi, res := range pub.results {
		q := c.qs[qi]
		base := measure{output: q.ID, parent: map[string]string{}}
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
		add := func(name string, counts func(p int) bool, shown func(g *scoring.Group) (int, bool)) {
			m := base
			m.name, m.counts, m.shown = name, counts, map[string]int{}
			for _, g := range res.Groups {
				if g.Suppressed {
					continue
				}
				if n, ok := shown(g); ok {
					m.shown[g.ID] = n
				}
			}
			out = append(out, m)
		}
		add("respondents", func(p int) bool { return c.people[p].answers[qi] != nil },
			func(g *scoring.Group) (int, bool) { return g.Respondents, true })
		for _, d := range q.Dimensions {
			add(d.ID, func(p int) bool { return scored(c, p, qi, d) },
				func(g *scoring.Group) (int, bool) { s := g.Dimensions[d.ID]; return s.N, !s.Suppressed })
			for _, it := range d.Items {
				add(it.ID, func(p int) bool { return scored(c, p, qi, d) && c.people[p].answers[qi][it.Index] != scoring.Missing },
					func(g *scoring.Group) (int, bool) { s := g.Items[it.ID]; return s.N, !s.Suppressed })
			}
		}
		for _, ind := range q.Indicators {
			add(ind.ID, func(p int) bool {
				return complete(c, p, qi, q.Dimension(ind.Numerator)) && complete(c, p, qi, q.Dimension(ind.Denominator))
			}, func(g *scoring.Group) (int, bool) { s := g.Indicators[ind.ID]; return s.N, !s.Suppressed })
		}
	}
	return out
}

func answered(c *attackCampaign, p, qi int, d *questionnaires.Dimension) int {
	a := c.people[p].answers[qi]
	if a == nil {
		return 0
	}
	n := 0
	for _, it := range d.Items {
		if a[it.Index] != scoring.Missing {
			n++
		}
	}
	return n
}

func scored(c *attackCampaign, p, qi int, d *questionnaires.Dimension) bool {
	return answered(c, p, qi, d) >= int(math.Ceil(d.MinAnswered*float64(len(d.Items))-1e-9))
}

func complete(c *attackCampaign, p, qi int, d *questionnaires.Dimension) bool {
	return answered(c, p, qi, d) == len(d.Items)
}

// member reports whether person p belongs to a group.
func member(c *attackCampaign, p int, id string) bool {
	person := c.people[p]
	switch {
	case id == "all":
		return true
	case strings.HasPrefix(id, "unit:"):
		path := person.unit
		if len(path) == 0 {
			path = []string{scoring.NotSpecified}
		}
		return hasPrefix(path, strings.Split(strings.TrimPrefix(id, "unit:"), "/"))
	case strings.HasPrefix(id, "segment:"):
		seg, cat, _ := strings.Cut(strings.TrimPrefix(id, "segment:"), "=")
		got := person.segments[seg]
		if got == "" {
			got = scoring.NotSpecified
		}
		return got == cat
	}
	panic("unknown group " + id)
}

// truth is the number of people a measure counts in a group.
func truth(c *attackCampaign, m measure, id string) int {
	n := 0
	for p := range c.people {
		if m.counts(p) && member(c, p, id) {
			n++
		}
	}
	return n
}

// subtraction: a published whole minus its published members is the
// number of people the members leave out, which must be 0 or at least k.
// Wholes and members are read from the published group ids alone.
func subtraction(c *attackCampaign, m measure) []string {
	var findings []string
	wholes := map[string][]string{}
	for _, id := range m.ids {
		if p, ok := m.parent[id]; ok {
			wholes[p] = append(wholes[p], id)
		}
	}
	for w, members := range wholes {
		wholeID, _, _ := strings.Cut(w, "/") // "all/seg": the segment's categories within all
		total, ok := m.shown[wholeID]
		if !ok {
			continue
		}
		left := total
		for _, id := range members {
			left -= m.shown[id]
		}
		if left > 0 && left < c.k {
			findings = append(findings, fmt.Sprintf("%s %s: %s minus %v leaves %d", m.output, m.name, w, members, left))
		}
	}
	for id, n := range m.shown {
		if want := truth(c, m, id); n != want {
			findings = append(findings, fmt.Sprintf("%s %s: %s shows %d, truth %d", m.output, m.name, id, n, want))
		}
	}
	return findings
}

// crossOutput: a group withheld by one output is withheld by every
// output that counts someone in it, unless that output publishes nothing.
func crossOutput(c *attackCampaign, pub published) []string {
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
	for _, row := range pub.participation {
		id := "unit:" + strings.Join(row.Path, "/")
		n := 0
		for p := range c.people {
			if member(c, p, id) {
				n++
			}
		}
		visit("participation", id, row.Respondents != nil, n)
	}
	for qi, res := range pub.results {
		if res.Groups[0].Suppressed {
			for _, g := range res.Groups {
				if !g.Suppressed {
					findings = append(findings, fmt.Sprintf("%s: all withheld but %s shown", c.qs[qi].ID, g.ID))
				}
			}
			continue // publishes nothing
		}
		for _, g := range res.Groups {
			n := 0
			for p := range c.people {
				if c.people[p].answers[qi] != nil && member(c, p, g.ID) {
					n++
				}
			}
			visit(c.qs[qi].ID, g.ID, !g.Suppressed, n)
		}
	}
	for id, hidden := range hiddenIn {
		if shown := shownIn[id]; len(shown) > 0 {
			findings = append(findings, fmt.Sprintf("%s hidden in %v but shown in %v", id, hidden, shown))
		}
	}
	return findings
}

// crossMeasure: a dimension and its items are published together, and
// the dimension's mean is what its item counts give, so that neither
// adds anything to the other (attacks 1 and 5 of docs/scoring.md).
func crossMeasure(c *attackCampaign, pub published) []string {
	var findings []string
	for qi, res := range pub.results {
		q := c.qs[qi]
		for _, g := range res.Groups {
			if g.Suppressed {
				continue
			}
			for _, d := range q.Dimensions {
				ds := g.Dimensions[d.ID]
				sum, n := 0.0, 0
				for _, it := range d.Items {
					is := g.Items[it.ID]
					if ds.Suppressed != is.Suppressed && !(is.Suppressed && is.Reason == scoring.ReasonBelowThreshold && itemTruth(c, qi, g.ID, d, it) == 0) {
						findings = append(findings, fmt.Sprintf("%s %s: dimension %s suppressed=%v but item %s suppressed=%v", q.ID, g.ID, d.ID, ds.Suppressed, it.ID, is.Suppressed))
					}
					if is.Suppressed {
						continue
					}
					for v := it.Scale.Min; v <= it.Scale.Max; v++ {
						r := v
						if it.Reverse {
							r = it.Scale.Min + it.Scale.Max - v
						}
						count := is.Counts[fmt.Sprint(v)]
						sum += float64(count) * 100 * float64(r-it.Scale.Min) / float64(it.Scale.Max-it.Scale.Min)
						n += count
					}
				}
				if !ds.Suppressed && math.Abs(ds.Mean-sum/float64(n)) > 1e-9 {
					findings = append(findings, fmt.Sprintf("%s %s %s: mean %v is not what the items give (%v): it says more than they do", q.ID, g.ID, d.ID, ds.Mean, sum/float64(n)))
				}
			}
		}
	}
	return findings
}

func itemTruth(c *attackCampaign, qi int, id string, d *questionnaires.Dimension, it *questionnaires.Item) int {
	n := 0
	for p := range c.people {
		if member(c, p, id) && scored(c, p, qi, d) && c.people[p].answers[qi][it.Index] != scoring.Missing {
			n++
		}
	}
	return n
}

// linearSearch: every linear combination of the published group sums of
// a measure, whatever the groups (units and segment categories overlap),
// must involve at least k people or none. People in the same published
// groups always come together in such a combination (a cell); the search
// is exact: for every set of cells of fewer than k people in all, it asks
// whether some combination involves those cells only. A combination of
// the sums is a vector in the row space of the group × cell membership
// matrix; one supported on the set S exists exactly when the rows of a
// null-space basis for the cells of S are linearly dependent.
func linearSearch(c *attackCampaign, m measure) []string {
	var ids []string
	for _, id := range m.ids {
		if _, ok := m.shown[id]; ok {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	cellOf := map[string]int{}
	var cells []int // people per cell
	var cellMembers [][]int64
	for p := range c.people {
		if !m.counts(p) {
			continue
		}
		col := make([]int64, len(ids))
		var sig strings.Builder
		for i, id := range ids {
			if member(c, p, id) {
				col[i] = 1
				sig.WriteByte('1')
			} else {
				sig.WriteByte('0')
			}
		}
		key := sig.String()
		if !strings.Contains(key, "1") {
			continue // in no published group: in no combination
		}
		if i, ok := cellOf[key]; ok {
			cells[i]++
			continue
		}
		cellOf[key] = len(cells)
		cells = append(cells, 1)
		cellMembers = append(cellMembers, col)
	}
	null := nullSpace(len(ids), cellMembers)
	var small []int
	for i, n := range cells {
		if n < c.k {
			small = append(small, i)
		}
	}
	var found []int
	var search func(from, people int, set []int) bool
	search = func(from, people int, set []int) bool {
		for i := from; i < len(small); i++ {
			cell := small[i]
			if people+cells[cell] >= c.k {
				continue
			}
			next := append(slices.Clone(set), cell)
			if dependent(null, next) {
				found = next
				return true
			}
			if search(i+1, people+cells[cell], next) {
				return true
			}
		}
		return false
	}
	if !search(0, 0, nil) {
		return nil
	}
	people := 0
	var groups []string
	for _, cell := range found {
		people += cells[cell]
		var in []string
		for i, id := range ids {
			if cellMembers[cell][i] == 1 {
				in = append(in, id)
			}
		}
		groups = append(groups, "{"+strings.Join(in, " ")+"}")
	}
	return []string{fmt.Sprintf("%s %s: a combination of published groups isolates %d people, in the groups %s", m.output, m.name, people, strings.Join(groups, ", "))}
}

// modulus is a prime: exact linear algebra on small integer matrices.
const modulus = 2147483647

func modInverse(a int64) int64 {
	result, base, e := int64(1), a%modulus, int64(modulus-2)
	for e > 0 {
		if e&1 == 1 {
			result = result * base % modulus
		}
		base = base * base % modulus
		e >>= 1
	}
	return result
}

// nullSpace returns, for each column of the rows × len(cols) matrix whose
// columns are cols, its row in a basis of the right null space.
func nullSpace(rows int, cols [][]int64) [][]int64 {
	n := len(cols)
	a := make([][]int64, rows)
	for i := range a {
		a[i] = make([]int64, n)
		for j := range n {
			a[i][j] = cols[j][i]
		}
	}
	var pivots []int
	r := 0
	for col := 0; col < n && r < rows; col++ {
		pivot := -1
		for i := r; i < rows; i++ {
			if a[i][col] != 0 {
				pivot = i
				break
			}
		}
		if pivot < 0 {
			continue
		}
		a[r], a[pivot] = a[pivot], a[r]
		inv := modInverse(a[r][col])
		for j := range n {
			a[r][j] = a[r][j] * inv % modulus
		}
		for i := range rows {
			if i == r || a[i][col] == 0 {
				continue
			}
			f := a[i][col]
			for j := range n {
				a[i][j] = ((a[i][j]-f*a[r][j])%modulus + modulus) % modulus
			}
		}
		pivots = append(pivots, col)
		r++
	}
	isPivot := make([]int, n)
	for i := range isPivot {
		isPivot[i] = -1
	}
	for i, col := range pivots {
		isPivot[col] = i
	}
	var free []int
	for col := range n {
		if isPivot[col] < 0 {
			free = append(free, col)
		}
	}
	out := make([][]int64, n)
	for col := range n {
		out[col] = make([]int64, len(free))
	}
	for k, f := range free {
		out[f][k] = 1
		for i, col := range pivots {
			out[col][k] = (modulus - a[i][f]) % modulus
		}
	}
	return out
}

// dependent reports whether the rows of null for the given columns are
// linearly dependent (a zero row included).
func dependent(null [][]int64, cols []int) bool {
	if len(null) == 0 || len(null[0]) == 0 {
		return true
	}
	width := len(null[0])
	m := make([][]int64, len(cols))
	for i, c := range cols {
		m[i] = slices.Clone(null[c])
	}
	rank := 0
	for col := 0; col < width && rank < len(m); col++ {
		pivot := -1
		for i := rank; i < len(m); i++ {
			if m[i][col] != 0 {
				pivot = i
				break
			}
		}
		if pivot < 0 {
			continue
		}
		m[rank], m[pivot] = m[pivot], m[rank]
		inv := modInverse(m[rank][col])
		for i := range m {
			if i == rank || m[i][col] == 0 {
				continue
			}
			f := m[i][col] * inv % modulus
			for j := range width {
				m[i][j] = ((m[i][j]-f*m[rank][j])%modulus + modulus) % modulus
			}
		}
		rank++
	}
	return rank < len(cols)
}

// TestAttackerCatchesIndependentPatterns is the attacker's own check: when
// each output decides its groups alone (as Vigie did before one pattern
// served the whole campaign), the attacker must find leaks across outputs
// on some random campaigns. A test that could not fail would prove nothing.
func TestAttackerCatchesIndependentPatterns(t *testing.T) {
	caught := 0
	for seed := range 300 {
		c := generateCampaign(rand.New(rand.NewPCG(uint64(seed), 0x5eed)))
		counts := map[string]int{}
		pub := published{total: len(c.people)}
		for _, p := range c.people {
			counts[strings.Join(p.unit, "/")]++
		}
		pub.participation = scoring.Participation(c.opts, counts, nil)
		for i, q := range c.qs {
			var rs []scoring.Respondent
			for _, p := range c.people {
				if p.answers[i] != nil {
					rs = append(rs, scoring.Respondent{Unit: p.unit, Segments: p.segments, Answers: p.answers[i]})
				}
			}
			res, err := scoring.Score(q, c.opts, rs)
			if err != nil {
				t.Fatal(err)
			}
			pub.results = append(pub.results, res)
		}
		if len(crossOutput(c, pub)) > 0 {
			caught++
		}
	}
	if caught == 0 {
		t.Fatal("with one pattern per output, the attacker found nothing across outputs on 300 campaigns: it cannot see leak 4")
	}
	t.Logf("independent patterns leak across outputs on %d of 300 campaigns", caught)
}

// TestAttackerLeak4 replays attack 4 of docs/scoring.md on the engine:
// two people with no unit answered only the first questionnaire.
func TestAttackerLeak4(t *testing.T) {
	q0, q1 := effortReward(), effortReward()
	q1.ID = "other"
	c := &attackCampaign{k: 5, opts: scoring.Options{MinGroupSize: 5, Units: [][]string{{"DirA"}, {"DirB"}, {"Siege"}}}, qs: []*questionnaires.Questionnaire{q0, q1}}
	add := func(n int, unit string, both bool) {
		for range n {
			p := attackPerson{segments: map[string]string{}}
			if unit != "" {
				p.unit = []string{unit}
			}
			a := effortScore(3, 3)
			p.answers = [][]int{a, nil}
			if both {
				p.answers[1] = a
			}
			c.people = append(c.people, p)
		}
	}
	add(14, "DirA", true)
	add(11, "DirB", true)
	add(8, "Siege", true)
	add(2, "", false)
	pub := c.publish()
	if findings := attack(c, pub); len(findings) > 0 {
		t.Fatalf("the attacker found:\n%s", strings.Join(findings, "\n"))
	}
	// Siège is hidden in both questionnaires and in participation, so
	// 35 − 14 − 11 − 8 cannot be computed from any pair of outputs.
	for i, res := range pub.results {
		if g := group(t, res, "unit:Siege"); !g.Suppressed {
			t.Errorf("%s: Siège published (%d), want hidden as in participation", c.qs[i].ID, g.Respondents)
		}
	}
}
