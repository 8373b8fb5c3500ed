package scoring

import (
	"maps"
	"slices"
	"strings"
)

// This file decides which groups a campaign publishes, once for all its
// outputs: participation by unit, and the result of every questionnaire
// (pages, API, PDF, XLSX, comment groups). Each output alone follows the
// rules of suppress; but the respondents of two outputs are nearly the
// same people, so a whole taken from one output minus the members
// published by another would isolate a group the first one hides (the
// 35 − 14 − 11 − 8 = 2 of docs/scoring.md). One pattern for all closes that.

// Pattern is the set of groups withheld from every output of a campaign,
// with the reason, by group id ("all", "unit:A/B", "segment:s=c").
// CampaignPattern makes it; ResultWithin, ParticipationWithin and
// Pattern.PublishedUnits start from it. The zero value withholds nothing.
type Pattern struct {
	reasons map[string]string
}

// Reason returns why a group is withheld everywhere ("" when it is not).
func (p *Pattern) Reason(id string) string {
	if p == nil {
		return ""
	}
	return p.reasons[id]
}

// countTable is one output's counts: its groups, one count each, and the
// partitions the rules work on.
type countTable struct {
	ids   []string
	n     []int
	parts []partition
	cells []cell // for rule 4 (cells.go), when groups overlap; nil otherwise
}

// jointReasons applies the rules to every table, starting from start
// (group id -> reason, nil for none), and returns the union of what they
// withhold, recomputed until nothing changes: in the end, each table's
// rules, run from the union, withhold nothing more, so every table keeps
// its guarantee (see suppress) with one set of withheld groups.
//
// A group that a table withholds only because it has no one there (count
// 0) is not withheld from the others: a count of 0 isolates nobody.
func jointReasons(k int, start map[string]string, tables []countTable) map[string]string {
	joint := maps.Clone(start)
	if joint == nil {
		joint = map[string]string{}
	}
	for changed := true; changed; {
		changed = false
		for _, t := range tables {
			r := t.reasons(k, joint)
			for i, why := range r {
				if why == "" || joint[t.ids[i]] != "" || (t.n[i] == 0 && why == ReasonBelowThreshold) {
					continue
				}
				joint[t.ids[i]] = why
				changed = true
			}
		}
	}
	return joint
}

// reasons runs the rules on t from the groups joint withholds: rules 1 to
// 3 (suppress), then, for overlapping groups, rule 4 (cells.go), each
// group rule 4 withholds sending the others round again.
func (t countTable) reasons(k int, joint map[string]string) []string {
	r := make([]string, len(t.ids))
	for i, id := range t.ids {
		r[i] = joint[id]
	}
	r = suppress(k, t.ids, t.n, r, t.parts)
	if t.cells == nil {
		return r
	}
	next := smallCell
	if legacyOverlap != nil {
		next = legacyOverlap
	}
	for {
		g := next(k, t.ids, t.n, r, t.cells)
		if g < 0 {
			return r
		}
		r[g] = ReasonSecondary
		r = suppress(k, t.ids, t.n, r, t.parts)
	}
}

// CampaignPattern decides which groups every output of a campaign may
// publish. participation holds the campaign's respondents per unit, keyed
// as in ParticipationWithin ("" for those who gave no unit); scorers are the
// campaign's questionnaires, each fed with the same respondents (those who
// answered it). A group withheld by one output is withheld by all, and the
// rules run again until nothing changes, so that for every output and
// every partition, the whole minus its published members is 0 or at least
// k, with the same published members everywhere.
//
// Two exceptions keep one output from emptying the others, and leak
// nothing: a questionnaire answered by fewer than k people publishes
// nothing at all (not even its number of respondents), so it takes no part
// in the decision; and a group with no one in an output is withheld there
// without consequence elsewhere.
func CampaignPattern(opts Options, participation map[string]int, scorers ...*Scorer) *Pattern {
	k := participationK(opts.MinGroupSize)
	var tables []countTable
	if participation != nil {
		g := newUnitGroups(opts.Units, participation, nil)
		if !g.tree.empty() {
			tables = append(tables, countTable{ids: g.groupIDs(), n: g.n, parts: g.parts})
		}
	}
	for _, s := range scorers {
		if s.all.n < k {
			continue // publishes nothing
		}
		tables = append(tables, s.layout().table(respondentsCount))
	}
	return &Pattern{reasons: jointReasons(k, nil, tables)}
}

// groupIDs returns the ids of the groups as results name them: "all" for
// everyone, "unit:…" for the units.
func (g *unitGroups) groupIDs() []string {
	ids := slices.Clone(g.ids)
	ids[0] = "all"
	return ids
}

// PublishedUnits returns the units whose comments may be shown with their
// name at the comment threshold: the units ParticipationWithin(p, …)
// would publish with that threshold as k. Keys are the paths, joined by
// "/", of the published units (NotSpecified included when it is
// published), and "" when everyone is (at least threshold respondents in
// all). Every ancestor of a published unit is published, and for everyone
// and each published unit, its count minus its published children's is 0
// or at least the threshold. The store calls it with the campaign's
// pattern, for the people who took part in each questionnaire.
func (p *Pattern) PublishedUnits(units [][]string, counts map[string]int, threshold int) map[string]bool {
	g := newUnitGroups(units, counts, nil)
	t := countTable{ids: g.groupIDs(), n: g.n, parts: g.parts}
	reasons := t.reasons(participationK(threshold), p.all())
	out := map[string]bool{}
	for i, u := range g.nodes {
		if reasons[i] == "" && (i == 0 || !g.tree.empty()) {
			out[strings.Join(u.path, "/")] = true
		}
	}
	return out
}

// all returns the withheld groups (nil for a nil pattern).
func (p *Pattern) all() map[string]string {
	if p == nil {
		return nil
	}
	return p.reasons
}
