package scoring

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Masked replaces a unit or a segment category that the Scores sheet may
// not show, so that every combination it shows is shared by at least k rows.
const Masked = "(masqué)"

// AnonymiseRows makes respondent rows fit for the consultant's Scores sheet:
// every combination of unit and segment categories that remains appears in
// at least k rows (see AnonymiseRowsRand for the method), and the rows are
// shuffled with a random seed so that their order says nothing about when
// anyone answered.
func AnonymiseRows(rows []ScoreRow, k int) []ScoreRow {
	return AnonymiseRowsRand(rows, k, nil)
}

// AnonymiseRowsRand is AnonymiseRows with the source of randomness given, so
// that tests are reproducible; nil means a randomly seeded source.
//
// k under MinimumMinGroupSize is raised to it (0 means DefaultMinGroupSize):
// the sheet is never less protected than the aggregates. The input is not
// modified; the returned rows share the input's Scores maps. Every row gets
// every segment seen in any row, an empty or missing unit or category
// becoming NotSpecified, which is a category like any other.
//
// The method is a greedy local recoding, reproducible for a given source
// of randomness (which only orders the rows and picks those of step 4). A
// class is the set of rows sharing one combination (unit path, category of
// each segment); a class is small when it has fewer than k rows. Only rows of small classes
// are ever changed, and classes are counted again after every step:
//
//  1. Units go up the tree, deepest first: the rows of small classes whose
//     unit path is the longest among them get their parent's path, one
//     level at a time, until no small class has a unit below the top level.
//     A parent is always tried before anything is masked.
//  2. Segments are masked one at a time: the segment still shown in the
//     largest number of small classes (ties: segment id order) becomes
//     Masked in the rows of small classes, until no small class shows a
//     segment. The unit goes last because it is the consultant's main axis.
//  3. The unit of the rows of small classes becomes Masked. At this point
//     the only class that can still be small is the one where everything is
//     masked.
//  4. While that fully masked class has fewer than k rows (but some), rows
//     are moved into it from the largest other class: just enough of them
//     when that class keeps k rows, the whole class otherwise.
//  5. No subtraction: a group's published mean times its n, minus the
//     scores of the rows the sheet shows in that group, is the sum of the
//     scores of its members the sheet hides from it. So for every group of
//     at least k scored members (each unit at every level, each segment
//     category) and every dimension, the members hidden from it must be
//     none or at least k; otherwise the smallest class still shown in the
//     group is hidden from it (its units go up one level above the group,
//     or its category is masked), and the check runs again. This moves
//     whole classes, so every class keeps at least k rows.
//
// No row is ever dropped, except that fewer than k rows in total give no
// rows at all. Finally, and first too (so that step 4 picks rows at
// random), the rows are shuffled.
func AnonymiseRowsRand(rows []ScoreRow, k int, rng *rand.Rand) []ScoreRow {
	switch {
	case k <= 0:
		k = DefaultMinGroupSize
	case k < MinimumMinGroupSize:
		k = MinimumMinGroupSize
	}
	if len(rows) < k {
		return nil
	}
	shuffle := rand.Shuffle
	if rng != nil {
		shuffle = rng.Shuffle
	}

	a := newAnonymiser(rows, k)
	shuffle(len(a.rows), func(i, j int) { a.rows[i], a.rows[j] = a.rows[j], a.rows[i] })
	a.coarsenUnits()
	a.maskSegments()
	a.maskUnits()
	a.fillMaskedClass()
	a.guardSubtraction()

	out := make([]ScoreRow, len(a.rows))
	for i, r := range a.rows {
		out[i] = a.scoreRow(r)
	}
	shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// anonymiser holds rows in a compact form: a unit path and one category per
// segment (in segment id order), with the row's scores carried along.
type anonymiser struct {
	k        int
	segments []string // segment ids, sorted
	rows     []*arow
}

type arow struct {
	unit   []string
	cats   []string // aligned with anonymiser.segments
	scores map[string]*float64

	origUnit, origCats []string // as given, for step 5
}

func newAnonymiser(rows []ScoreRow, k int) *anonymiser {
	seen := map[string]bool{}
	var segments []string
	for _, r := range rows {
		for id := range r.Segments {
			if !seen[id] {
				seen[id] = true
				segments = append(segments, id)
			}
		}
	}
	slices.Sort(segments)
	a := &anonymiser{k: k, segments: segments, rows: make([]*arow, len(rows))}
	for i, r := range rows {
		unit := slices.Clone(r.Unit)
		if len(unit) == 0 {
			unit = []string{NotSpecified}
		}
		cats := make([]string, len(segments))
		for j, id := range segments {
			cats[j] = r.Segments[id]
			if cats[j] == "" {
				cats[j] = NotSpecified
			}
		}
		a.rows[i] = &arow{unit: unit, cats: cats, scores: r.Scores, origUnit: slices.Clone(unit), origCats: slices.Clone(cats)}
	}
	return a
}

func (a *anonymiser) scoreRow(r *arow) ScoreRow {
	segs := make(map[string]string, len(a.segments))
	for j, id := range a.segments {
		segs[id] = r.cats[j]
	}
	return ScoreRow{Unit: r.unit, Segments: segs, Scores: r.scores}
}

// key identifies a row's class. Fields are length-prefixed so that no
// unit or category name, whatever it contains, can make two different
// combinations share a key.
func key(r *arow) string {
	var b strings.Builder
	for _, s := range r.unit {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	b.WriteByte('|')
	for _, s := range r.cats {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	return b.String()
}

// classes returns each class's rows.
func (a *anonymiser) classes() map[string][]*arow {
	cl := make(map[string][]*arow)
	for _, r := range a.rows {
		k := key(r)
		cl[k] = append(cl[k], r)
	}
	return cl
}

// small returns the rows of small classes.
func (a *anonymiser) small() [][]*arow {
	var out [][]*arow
	for _, rs := range a.classes() {
		if len(rs) < a.k {
			out = append(out, rs)
		}
	}
	return out
}

// coarsenUnits is step 1.
func (a *anonymiser) coarsenUnits() {
	for {
		depth := 1
		small := a.small()
		for _, rs := range small {
			depth = max(depth, len(rs[0].unit))
		}
		if depth == 1 {
			return
		}
		for _, rs := range small {
			if len(rs[0].unit) == depth {
				for _, r := range rs {
					r.unit = r.unit[: depth-1 : depth-1]
				}
			}
		}
	}
}

// maskSegments is step 2.
func (a *anonymiser) maskSegments() {
	for {
		small := a.small()
		best, bestCount := -1, 0
		for j := range a.segments {
			count := 0
			for _, rs := range small {
				if rs[0].cats[j] != Masked {
					count++
				}
			}
			if count > bestCount {
				best, bestCount = j, count
			}
		}
		if best < 0 {
			return
		}
		for _, rs := range small {
			for _, r := range rs {
				r.cats[best] = Masked
			}
		}
	}
}

// maskUnits is step 3.
func (a *anonymiser) maskUnits() {
	for _, rs := range a.small() {
		for _, r := range rs {
			r.unit = []string{Masked}
		}
	}
}

// fillMaskedClass is step 4.
func (a *anonymiser) fillMaskedClass() {
	masked := &arow{unit: []string{Masked}, cats: make([]string, len(a.segments))}
	for j := range masked.cats {
		masked.cats[j] = Masked
	}
	maskedKey := key(masked)
	for {
		cl := a.classes()
		n := len(cl[maskedKey])
		if n == 0 || n >= a.k {
			return
		}
		// The largest other class; ties broken by key so the choice does
		// not depend on map order.
		var largest string
		for k, rs := range cl {
			if k == maskedKey {
				continue
			}
			if largest == "" || len(rs) > len(cl[largest]) || len(rs) == len(cl[largest]) && k < largest {
				largest = k
			}
		}
		rs := cl[largest]
		move := rs
		if need := a.k - n; len(rs)-need >= a.k {
			move = rs[len(rs)-need:]
		}
		for _, r := range move {
			r.unit = masked.unit
			r.cats = masked.cats
		}
	}
}

// guardSubtraction is step 5.
func (a *anonymiser) guardSubtraction() {
	var dims []string
	seen := map[string]bool{}
	for _, r := range a.rows {
		for d := range r.scores {
			if !seen[d] {
				seen[d] = true
				dims = append(dims, d)
			}
		}
	}
	slices.Sort(dims)
	// A group is a unit path (seg < 0) or a category of segment seg. Each
	// row belongs to the groups of its original unit and categories; n
	// counts their scored members per dimension, which never changes.
	type group struct {
		unit []string
		seg  int
		cat  string
	}
	var groups []group
	index := map[string]int{}
	member := make([][]int, len(a.rows)) // row -> its groups
	scored := make([][]int, len(a.rows)) // row -> dimensions it has a score for
	add := func(key string, g group) int {
		id, ok := index[key]
		if !ok {
			id = len(groups)
			index[key] = id
			groups = append(groups, g)
		}
		return id
	}
	for i, r := range a.rows {
		for d := 1; d <= len(r.origUnit); d++ {
			member[i] = append(member[i], add(key(&arow{unit: r.origUnit[:d]}), group{unit: r.origUnit[:d], seg: -1}))
		}
		for j, c := range r.origCats {
			member[i] = append(member[i], add("s"+strconv.Itoa(j)+":"+c, group{seg: j, cat: c}))
		}
		for d, id := range dims {
			if r.scores[id] != nil {
				scored[i] = append(scored[i], d)
			}
		}
	}
	n := make([]int, len(groups)*len(dims))
	for i := range a.rows {
		for _, g := range member[i] {
			for _, d := range scored[i] {
				n[g*len(dims)+d]++
			}
		}
	}
	shown := func(r *arow, g *group) bool {
		if g.seg >= 0 {
			return r.cats[g.seg] == g.cat
		}
		return len(r.unit) >= len(g.unit) && slices.Equal(r.unit[:len(g.unit)], g.unit)
	}
	hidden := make([]int, len(n))
	for {
		clear(hidden)
		for i, r := range a.rows {
			for _, g := range member[i] {
				if !shown(r, &groups[g]) {
					for _, d := range scored[i] {
						hidden[g*len(dims)+d]++
					}
				}
			}
		}
		var unsafe []*group
		for g := range groups {
			for d := range dims {
				if c, h := n[g*len(dims)+d], hidden[g*len(dims)+d]; c >= a.k && h > 0 && h < a.k {
					unsafe = append(unsafe, &groups[g])
					break
				}
			}
		}
		if len(unsafe) == 0 {
			return
		}
		// Hide from each unsafe group the smallest class still shown in
		// it (ties: smallest key), whole, then count again.
		for _, g := range unsafe {
			var smallest []*arow
			smallestKey := ""
			for k, rs := range a.classes() {
				if shown(rs[0], g) && (smallest == nil || len(rs) < len(smallest) || len(rs) == len(smallest) && k < smallestKey) {
					smallest, smallestKey = rs, k
				}
			}
			for _, r := range smallest {
				switch {
				case g.seg >= 0:
					cats := slices.Clone(r.cats) // may be shared (step 4)
					cats[g.seg] = Masked
					r.cats = cats
				case len(g.unit) == 1:
					r.unit = []string{Masked}
				default:
					r.unit = slices.Clone(g.unit[:len(g.unit)-1])
				}
			}
		}
	}
}
