package scoring

import (
	"maps"
	"slices"
	"strings"
)

// layout is the list of groups of a result, in display order, with the
// partitions the anonymity rules work on.
type layout struct {
	groups []*Group
	accs   []*groupAcc
	ids    []string
	parts  []partition
	// cells, when groups overlap (units and segments, or two segments):
	// the groups of each cell, for rule 4. nil when the groups form a tree.
	cells []layoutCell
}

type layoutCell struct {
	groups []int
	acc    *cellAcc
}

// measureCount reads one measure's count (respondents, a dimension's n,
// an item's n...) from a group's sums and from a cell's.
type measureCount struct {
	group func(a *groupAcc) int
	cell  func(c *cellAcc) int
}

var respondentsCount = measureCount{
	group: func(a *groupAcc) int { return a.n },
	cell:  func(c *cellAcc) int { return c.n },
}

// table returns the counts of one measure, with its cells.
func (l *layout) table(m measureCount) countTable {
	t := countTable{ids: l.ids, n: l.counts(m.group), parts: l.parts}
	if l.cells != nil {
		t.cells = make([]cell, len(l.cells))
		for i, c := range l.cells {
			t.cells[i] = cell{groups: c.groups, n: m.cell(c.acc)}
		}
	}
	return t
}

func (l *layout) add(g *Group, a *groupAcc) int {
	l.groups = append(l.groups, g)
	l.accs = append(l.accs, a)
	l.ids = append(l.ids, g.ID)
	return len(l.groups) - 1
}

// counts returns one count per group, read from its accumulator.
func (l *layout) counts(n func(a *groupAcc) int) []int {
	out := make([]int, len(l.accs))
	for i, a := range l.accs {
		out[i] = n(a)
	}
	return out
}

// layout lists the groups: everyone, the units depth-first, the segments.
func (s *Scorer) layout() *layout {
	l := &layout{}
	l.add(&Group{ID: "all", Kind: KindAll, Label: "Ensemble"}, s.all)
	unitIndex := map[string]int{}

	if !s.units.empty() {
		index := map[*unitNode]int{}
		var withChildren []*unitNode
		s.units.sorted(func(u *unitNode) {
			g := &Group{ID: u.id(), Kind: KindUnit, Label: u.name}
			if len(u.path) > 1 {
				g.Parent = "unit:" + strings.Join(u.path[:len(u.path)-1], "/")
			}
			index[u] = l.add(g, u.acc)
			unitIndex[strings.Join(u.path, "\x00")] = index[u]
			if len(u.children) > 0 {
				withChildren = append(withChildren, u)
			}
		})
		top := partition{whole: 0}
		for _, c := range s.units.root.children {
			top.members = append(top.members, index[c])
		}
		l.parts = append(l.parts, top)
		// withChildren is in depth-first order: parents come first.
		for _, u := range withChildren {
			p := partition{whole: index[u]}
			for _, c := range u.children {
				p.members = append(p.members, index[c])
			}
			l.parts = append(l.parts, p)
		}
	}

	segIndex := map[string]map[string]int{}
	segments := slices.Clone(s.segments)
	slices.SortStableFunc(segments, func(a, b *segmentState) int {
		return compareDeclared(a.id, a.declared, b.id, b.declared)
	})
	for _, seg := range segments {
		cats := slices.Clone(seg.cats)
		slices.SortStableFunc(cats, func(a, b *categoryState) int {
			return compareDeclared(a.name, a.declared, b.name, b.declared)
		})
		rest := s.all.clone()
		p := partition{whole: 0}
		segIndex[seg.id] = map[string]int{}
		add := func(name string, a *groupAcc) {
			g := &Group{ID: "segment:" + seg.id + "=" + name, Kind: KindSegment, Label: name, Segment: seg.id}
			i := l.add(g, a)
			p.members = append(p.members, i)
			segIndex[seg.id][name] = i
		}
		for _, c := range cats {
			rest.minus(c.acc)
			add(c.name, c.acc)
		}
		add(NotSpecified, rest)
		l.parts = append(l.parts, p)
	}
	if overlapping := len(segments) >= 2 || len(segments) == 1 && !s.units.empty(); overlapping {
		l.cells = s.layoutCells(unitIndex, segIndex)
	}
	return l
}

// layoutCells lists the groups of each cell: everyone, the units on its
// path, and its category (or "(non renseigné)") in each segment.
func (s *Scorer) layoutCells(unitIndex map[string]int, segIndex map[string]map[string]int) []layoutCell {
	out := make([]layoutCell, 0, len(s.cells))
	// In key order: the same answers give the same result, whatever the
	// map's order.
	for _, key := range slices.Sorted(maps.Keys(s.cells)) {
		c := s.cells[key]
		groups := []int{0}
		for i := range c.unit {
			if g, ok := unitIndex[strings.Join(c.unit[:i+1], "\x00")]; ok {
				groups = append(groups, g)
			}
		}
		for id, cats := range segIndex {
			name := c.cats[id]
			if name == "" {
				name = NotSpecified
			}
			groups = append(groups, cats[name])
		}
		out = append(out, layoutCell{groups: groups, acc: c})
	}
	return out
}

// Result applies the anonymity rules and returns the figures of every
// group. It can be called more than once. It is ResultWithin(nil): the
// result of one questionnaire alone (vigie score).
//
// Groups come in display order: everyone; the units depth-first (declared
// units in their order, then the others by name, "(non renseigné)" last),
// shown as soon as one unit is declared or met, "(non renseigné)" included
// even when empty so that its presence reveals nothing; then the segments
// (declared first, then by id), each with its categories in the same order
// and always a "(non renseigné)" category last. Declared groups appear even
// without respondents (suppressed, below_threshold).
func (s *Scorer) Result() *Result { return s.ResultWithin(nil) }

// ResultWithin is Result starting from the groups p withholds: the result
// of one questionnaire of a campaign, within the pattern CampaignPattern
// decided for all the campaign's outputs (p must have been computed with
// this Scorer). A nil p withholds nothing more than the rules.
//
// Within a published group, each dimension shares one pattern with its
// items (linkedReasons): either the dimension and all its items are
// published, or none of them, since a dimension's figures are sums of its
// items' answers and one would give away the other. Each indicator then
// has its own pattern, starting from those of the two dimensions it reads.
func (s *Scorer) ResultWithin(pat *Pattern) *Result {
	l := s.layout()
	p := s.p
	reasons := l.table(respondentsCount).reasons(s.k, pat.all())

	dimReasons := make([][]string, len(p.dims))
	itemReasons := make([][]string, len(p.items))
	for i, dp := range p.dims {
		tables := []countTable{l.table(measureCount{
			group: func(a *groupAcc) int { return a.dims[i].n },
			cell:  func(c *cellAcc) int { return c.dimN[i] },
		})}
		for _, j := range dp.items {
			tables = append(tables, l.table(measureCount{
				group: func(a *groupAcc) int { return a.itemN[j] },
				cell:  func(c *cellAcc) int { return c.itemN[j] },
			}))
		}
		linked := linkedReasons(s.k, reasons, tables)
		dimReasons[i] = linked[0]
		for t, j := range dp.items {
			itemReasons[j] = linked[t+1]
		}
	}
	indReasons := make([][]string, len(p.inds))
	for i, ip := range p.inds {
		start := slices.Clone(dimReasons[ip.num])
		for g, why := range dimReasons[ip.den] {
			if start[g] == "" {
				start[g] = why
			}
		}
		indReasons[i] = linkedReasons(s.k, start, []countTable{l.table(measureCount{
			group: func(a *groupAcc) int { return a.inds[i].n },
			cell:  func(c *cellAcc) int { return c.indN[i] },
		})})[0]
	}

	for gi, g := range l.groups {
		if reasons[gi] != "" {
			g.Suppressed, g.Reason = true, reasons[gi]
			continue
		}
		a := l.accs[gi]
		g.Respondents = a.n
		g.Dimensions = make(map[string]*DimensionStats, len(p.dims))
		for i, dp := range p.dims {
			if r := dimReasons[i][gi]; r != "" {
				g.Dimensions[dp.d.ID] = &DimensionStats{Suppressed: true, Reason: r}
			} else {
				g.Dimensions[dp.d.ID] = dimensionStats(dp, a.dims[i])
			}
		}
		g.Indicators = make(map[string]*IndicatorStats, len(p.inds))
		for i, ip := range p.inds {
			if r := indReasons[i][gi]; r != "" {
				g.Indicators[ip.ind.ID] = &IndicatorStats{Suppressed: true, Reason: r}
			} else {
				g.Indicators[ip.ind.ID] = indicatorStats(a.inds[i])
			}
		}
		g.Items = make(map[string]*ItemStats, len(p.items))
		for j, it := range p.items {
			if r := itemReasons[j][gi]; r != "" {
				g.Items[it.ID] = &ItemStats{Suppressed: true, Reason: r}
			} else {
				g.Items[it.ID] = itemStats(p, a, j)
			}
		}
	}

	res := &Result{
		Questionnaire: QuestionnaireRef{ID: s.q.ID, Version: s.q.Version},
		MinGroupSize:  s.k,
		Groups:        l.groups,
		Reliability:   make(map[string]Reliability, len(p.dims)),
	}
	published := reasons[0] == ""
	// With fewer than k respondents in all, not even their number is shown.
	if published {
		res.Respondents = s.all.n
	}
	for i, dp := range p.dims {
		rel := Reliability{}
		if published {
			rel = Reliability{Alpha: s.alpha[i].alpha(), N: s.alpha[i].n}
		}
		res.Reliability[dp.d.ID] = rel
	}
	return res
}

// linkedReasons gives measures of the same groups one pattern: starting
// from the groups' fate (start, by group index), each measure's rules run
// with its own counts, whatever any of them withholds is withheld for all,
// and this repeats until nothing changes (a count of 0 withholds nothing
// from the others, as in jointReasons). It returns each measure's reasons:
// the same groups for all, the reason being the measure's own
// (below_threshold when its count is under k, secondary otherwise).
func linkedReasons(k int, start []string, tables []countTable) [][]string {
	ids := tables[0].ids
	from := make(map[string]string, len(start))
	for g, why := range start {
		if why != "" {
			from[ids[g]] = why
		}
	}
	joint := jointReasons(k, from, tables)
	out := make([][]string, len(tables))
	for t, tb := range tables {
		r := make([]string, len(ids))
		for g, id := range ids {
			switch {
			case start[g] != "":
				r[g] = start[g]
			case joint[id] == "" && tb.n[g] > 0:
			case tb.n[g] < k:
				r[g] = ReasonBelowThreshold
			default:
				r[g] = ReasonSecondary
			}
		}
		out[t] = r
	}
	return out
}
