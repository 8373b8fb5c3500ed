package scoring

import (
	"slices"
	"strings"
)

// UnitParticipation is the participation of one unit: Respondents is nil when
// the anonymity rules suppress it ("moins de k").
type UnitParticipation struct {
	Path        []string
	Respondents *int
	Headcount   int      // 0 when unknown
	Rate        *float64 // Respondents/Headcount, nil when either is unknown or suppressed
	// Reason says why Respondents is nil, as results say it for a group:
	// ReasonBelowThreshold (nobody there included) or ReasonSecondary; ""
	// when shown. Every output words a hidden unit from it, so all say the
	// same.
	Reason string `json:",omitempty"`
}

// ParticipationWithin applies the anonymity rules to participation
// counts, starting from the groups p withholds, so that the participation
// page shows nothing the results would hide: a campaign's participation
// is published within the campaign's pattern (CampaignPattern). A nil p
// withholds nothing more than the rules (tests only: scoringtest).
//
// counts and headcounts are keyed by unit path joined by "/" ("" for
// respondents who gave no unit, counted in NotSpecified). It returns one
// row per unit at every level, in the order of the result groups: the
// respondents of a unit include its descendants'. A unit without a
// headcount has the sum of its children's, when all of them have one.
// A "(non renseigné)" top-level row is always there (as in the results);
// without any unit at all there are no rows. Since it returns no error, a
// MinGroupSize under MinimumMinGroupSize is raised to it.
func ParticipationWithin(p *Pattern, opts Options, counts map[string]int, headcounts map[string]int) []UnitParticipation {
	g := newUnitGroups(opts.Units, counts, headcounts)
	if g.tree.empty() {
		return nil
	}
	t := countTable{ids: g.groupIDs(), n: g.n, parts: g.parts}
	reasons := t.reasons(participationK(opts.MinGroupSize), p.all())

	heads := make([]int, len(g.nodes))
	for i := len(g.nodes) - 1; i > 0; i-- { // children come after their parent
		u := g.nodes[i]
		sum, known := 0, len(u.children) > 0
		for _, c := range u.children {
			sum += heads[g.index[c]]
			known = known && heads[g.index[c]] > 0
		}
		heads[i] = headcounts[strings.Join(u.path, "/")]
		if heads[i] <= 0 && known {
			heads[i] = sum
		}
	}

	rows := make([]UnitParticipation, 0, len(g.nodes)-1)
	for i, u := range g.nodes[1:] {
		i++
		row := UnitParticipation{Path: slices.Clone(u.path), Headcount: max(0, heads[i]), Reason: reasons[i]}
		if reasons[i] == "" {
			v := g.n[i]
			row.Respondents = &v
			if row.Headcount > 0 {
				rate := float64(v) / float64(row.Headcount)
				row.Rate = &rate
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// participationK is the k of ParticipationWithin, Pattern.PublishedUnits
// and CampaignPattern, which return no error: 0 means DefaultMinGroupSize, and a k under
// MinimumMinGroupSize is raised to it.
func participationK(k int) int {
	if k == 0 {
		k = DefaultMinGroupSize
	}
	return max(k, MinimumMinGroupSize)
}

// unitGroups is the unit tree of participation counts as groups of the
// anonymity rules: everyone first (the whole of the top-level partition),
// then the units depth-first; a unit's count includes its descendants'.
type unitGroups struct {
	tree  *unitTree
	nodes []*unitNode
	index map[*unitNode]int
	n     []int
	ids   []string
	parts []partition // each unit with children, top-down
}

// newUnitGroups builds the groups of counts, keyed by unit path joined by
// "/" ("" for respondents who gave no unit, counted in NotSpecified), over
// the declared units and the units keyed in more (headcounts).
func newUnitGroups(declared [][]string, counts map[string]int, more map[string]int) *unitGroups {
	t := newUnitTree(declared, nil)
	t.child(t.root, NotSpecified)
	split := func(key string) []string { return cleanPath(strings.Split(key, "/")) }
	for key, n := range counts {
		u := t.root
		for _, name := range split(key) {
			u = t.child(u, name)
		}
		u.own += n
	}
	for key := range more {
		u := t.root
		for _, name := range split(key) {
			u = t.child(u, name)
		}
	}

	g := &unitGroups{tree: t, nodes: []*unitNode{t.root}}
	t.sorted(func(u *unitNode) { g.nodes = append(g.nodes, u) })
	g.index = make(map[*unitNode]int, len(g.nodes))
	for i, u := range g.nodes {
		g.index[u] = i
	}
	g.n = make([]int, len(g.nodes))
	for i := len(g.nodes) - 1; i >= 0; i-- { // children come after their parent
		u := g.nodes[i]
		g.n[i] = u.own
		for _, c := range u.children {
			g.n[i] += g.n[g.index[c]]
		}
	}
	g.ids = make([]string, len(g.nodes))
	for i, u := range g.nodes {
		if i > 0 {
			g.ids[i] = u.id()
		}
		if len(u.children) > 0 {
			p := partition{whole: i}
			for _, c := range u.children {
				p.members = append(p.members, g.index[c])
			}
			g.parts = append(g.parts, p)
		}
	}
	return g
}
