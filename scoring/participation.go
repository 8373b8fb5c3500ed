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
}

// ScoreRow is one respondent's dimension scores for the consultant's Scores
// sheet, after k-anonymisation: Unit may be coarsened up the tree and
// segment categories masked.
type ScoreRow struct {
	Unit     []string
	Segments map[string]string
	Scores   map[string]*float64 // dimension id -> score, nil when not computed
}

// Participation applies the anonymity rules to participation counts, so
// that the participation page shows nothing the results would hide.
// counts and headcounts are keyed by unit path joined by "/" ("" for
// respondents who gave no unit, counted in NotSpecified). It returns one
// row per unit at every level, in the order of the result groups: the
// respondents of a unit include its descendants'. A unit without a
// headcount has the sum of its children's, when all of them have one.
// A "(non renseigné)" top-level row is always there (as in the results);
// without any unit at all there are no rows. Since it returns no error, a
// MinGroupSize under MinimumMinGroupSize is raised to it.
func Participation(opts Options, counts map[string]int, headcounts map[string]int) []UnitParticipation {
	k := opts.MinGroupSize
	if k == 0 {
		k = DefaultMinGroupSize
	}
	k = max(k, MinimumMinGroupSize)

	t := newUnitTree(opts.Units, nil)
	t.child(t.root, NotSpecified)
	split := func(key string) []string { return cleanPath(strings.Split(key, "/")) }
	for key, n := range counts {
		u := t.root
		for _, name := range split(key) {
			u = t.child(u, name)
		}
		u.own += n
	}
	for key := range headcounts {
		u := t.root
		for _, name := range split(key) {
			u = t.child(u, name)
		}
	}
	if t.empty() {
		return nil
	}

	// Groups: everyone first (the whole of the top-level partition), then
	// the units depth-first.
	nodes := []*unitNode{t.root}
	t.sorted(func(u *unitNode) { nodes = append(nodes, u) })
	index := make(map[*unitNode]int, len(nodes))
	for i, u := range nodes {
		index[u] = i
	}
	n := make([]int, len(nodes))
	heads := make([]int, len(nodes))
	for i := len(nodes) - 1; i >= 0; i-- { // children come after their parent
		u := nodes[i]
		n[i] = u.own
		sum, known := 0, len(u.children) > 0
		for _, c := range u.children {
			n[i] += n[index[c]]
			sum += heads[index[c]]
			known = known && heads[index[c]] > 0
		}
		if i == 0 {
			continue
		}
		heads[i] = headcounts[strings.Join(u.path, "/")]
		if heads[i] <= 0 && known {
			heads[i] = sum
		}
	}
	ids := make([]string, len(nodes))
	var parts []partition
	for i, u := range nodes {
		if i > 0 {
			ids[i] = u.id()
		}
		if len(u.children) > 0 {
			p := partition{whole: i}
			for _, c := range u.children {
				p.members = append(p.members, index[c])
			}
			parts = append(parts, p)
		}
	}
	reasons := suppress(k, ids, n, nil, parts)

	rows := make([]UnitParticipation, 0, len(nodes)-1)
	for i, u := range nodes[1:] {
		i++
		row := UnitParticipation{Path: slices.Clone(u.path), Headcount: max(0, heads[i])}
		if reasons[i] == "" {
			v := n[i]
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
