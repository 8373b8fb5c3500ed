package scoring

import (
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

	if !s.units.empty() {
		index := map[*unitNode]int{}
		var withChildren []*unitNode
		s.units.sorted(func(u *unitNode) {
			g := &Group{ID: u.id(), Kind: KindUnit, Label: u.name}
			if len(u.path) > 1 {
				g.Parent = "unit:" + strings.Join(u.path[:len(u.path)-1], "/")
			}
			index[u] = l.add(g, u.acc)
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
		add := func(name string, a *groupAcc) {
			g := &Group{ID: "segment:" + seg.id + "=" + name, Kind: KindSegment, Label: name, Segment: seg.id}
			p.members = append(p.members, l.add(g, a))
		}
		for _, c := range cats {
			rest.minus(c.acc)
			add(c.name, c.acc)
		}
		add(NotSpecified, rest)
		l.parts = append(l.parts, p)
	}
	return l
}

// Result applies the anonymity rules and returns the figures of every
// group. It can be called more than once.
//
// Groups come in display order: everyone; the units depth-first (declared
// units in their order, then the others by name, "(non renseigné)" last),
// shown as soon as one unit is declared or met, "(non renseigné)" included
// even when empty so that its presence reveals nothing; then the segments
// (declared first, then by id), each with its categories in the same order
// and always a "(non renseigné)" category last. Declared groups appear even
// without respondents (suppressed, below_threshold).
func (s *Scorer) Result() *Result {
	l := s.layout()
	p := s.p
	reasons := suppress(s.k, l.ids, l.counts(func(a *groupAcc) int { return a.n }), nil, l.parts)
	// Each measure goes through the same rules with its own n, starting
	// from the groups' fate: a measure of a withheld group is withheld.
	measure := func(n func(a *groupAcc) int) []string {
		return suppress(s.k, l.ids, l.counts(n), slices.Clone(reasons), l.parts)
	}
	dimReasons := make([][]string, len(p.dims))
	for i := range p.dims {
		dimReasons[i] = measure(func(a *groupAcc) int { return a.dims[i].n })
	}
	indReasons := make([][]string, len(p.inds))
	for i := range p.inds {
		indReasons[i] = measure(func(a *groupAcc) int { return a.inds[i].n })
	}
	itemReasons := make([][]string, len(p.items))
	for j := range p.items {
		itemReasons[j] = measure(func(a *groupAcc) int { return a.itemN[j] })
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
