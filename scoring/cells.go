package scoring

import (
	"cmp"
	"slices"
	"strings"
)

// This file holds rule 4, the cell rule, for groups that overlap: units
// and segment categories, or the categories of two segments.
//
// People who belong to exactly the same published groups form a cell.
// Every published figure of a measure (a count of answers of each value,
// of people in each level, above a threshold…) is a sum over the cells of
// its group, and nothing published tells apart two people of one cell. An
// attacker who holds every figure, and knows that counts are whole numbers
// that cannot be negative, can at best bound what each cell holds (a
// linear or integer program over the cells); what he learns is about a
// cell, never about a part of one. So when every cell holds 0 or at least
// k people, nothing he can prove concerns fewer than k people: every set
// of people that published groups can describe (their intersections,
// differences, unions) is a union of cells, and holds 0 or at least k.
//
// Rule 2 is the same rule for groups that form a tree (a whole minus its
// published members is a cell), so the cell rule is only run when groups
// overlap. It replaces a search for linear combinations of published
// counts that involve fewer than k people, which an attacker solving for
// non-negative counts went past (docs/scoring.md, attack 4).

// cell is a set of people who belong to the same groups, for one measure:
// groups lists the indexes of those groups (everyone first), n how many
// people the measure counts in the cell.
type cell struct {
	groups []int
	n      int
}

// atom is a cell as the published groups see it: the people of every cell
// whose published groups are the same.
type atom struct {
	groups []int // the published groups, in increasing index order
	n      int
}

// smallCell returns a group whose withholding merges a cell of 1 to k−1
// people with another, or -1 when every cell holds 0 or at least k.
//
// The cell chosen is the smallest (ties: first by groups), and it is merged
// with the nearest cell that holds someone, the one that differs by the
// fewest published groups: withholding one of those groups brings the two
// cells one group closer, so that repeating the rule merges them. Among
// those groups, a segment category goes before a unit (units are the
// campaign's main axis), a category of the segment listed last before one
// listed earlier (the consultant lists segments by importance), then the
// smallest, then the first id; never everyone (index 0).
func smallCell(k int, ids []string, n []int, reasons []string, cells []cell) int {
	atoms := publishedAtoms(reasons, cells)
	small := -1
	for i, a := range atoms {
		if a.n >= k {
			continue
		}
		if small < 0 || a.n < atoms[small].n {
			small = i
		}
	}
	if small < 0 {
		return -1
	}
	candidates := nearestDifference(atoms, small)
	order := withholdingOrder(ids, n)
	pick := -1
	for _, g := range candidates {
		if g != 0 && (pick < 0 || order(g, pick)) {
			pick = g
		}
	}
	if pick < 0 {
		// Only everyone tells the small cell apart, which the rules
		// above make impossible (everyone holds at least k when
		// published). Should it happen, withholding everyone, and so
		// every group, errs on the side of anonymity.
		return 0
	}
	return pick
}

// publishedAtoms groups the cells that hold someone by their published
// groups, in a stable order (by groups), leaving out people in no
// published group at all: no figure counts them.
func publishedAtoms(reasons []string, cells []cell) []atom {
	byKey := map[string]int{}
	var atoms []atom
	var key []byte
	var groups []int
	for _, c := range cells {
		if c.n == 0 {
			continue
		}
		key, groups = key[:0], groups[:0]
		for _, g := range c.groups {
			if reasons[g] == "" {
				groups = append(groups, g)
			}
		}
		if len(groups) == 0 {
			continue
		}
		slices.Sort(groups)
		for _, g := range groups {
			key = append(key, byte(g), byte(g>>8), byte(g>>16))
		}
		i, ok := byKey[string(key)]
		if !ok {
			i = len(atoms)
			byKey[string(key)] = i
			atoms = append(atoms, atom{groups: slices.Clone(groups)})
		}
		atoms[i].n += c.n
	}
	slices.SortFunc(atoms, func(a, b atom) int { return slices.Compare(a.groups, b.groups) })
	return atoms
}

// nearestDifference returns the published groups that tell atoms[i] apart
// from the nearest other atom (fewest groups in the symmetric difference;
// every nearest atom counts).
func nearestDifference(atoms []atom, i int) []int {
	best := -1
	var out []int
	for j, a := range atoms {
		if j == i {
			continue
		}
		diff := symmetricDifference(atoms[i].groups, a.groups)
		switch {
		case best < 0 || len(diff) < best:
			best, out = len(diff), diff
		case len(diff) == best:
			out = append(out, diff...)
		}
	}
	if best < 0 {
		// The only atom: its groups are everyone and groups holding exactly
		// the same people; withholding any of them changes nothing the
		// attacker can tell, but the loop needs a choice to end on.
		return atoms[i].groups
	}
	return out
}

// symmetricDifference returns the groups in a or b but not both (a and b
// sorted).
func symmetricDifference(a, b []int) []int {
	var out []int
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return out
}

// withholdingOrder returns the order in which groups give way to rule 4:
// before(a, b) reports whether a should be withheld before b. Groups come
// in display order (layout), so the position of a segment's first
// category is its place in the consultant's list.
func withholdingOrder(ids []string, n []int) (before func(a, b int) bool) {
	segmentRank := map[string]int{}
	segmentOf := func(id string) (string, bool) {
		rest, ok := strings.CutPrefix(id, "segment:")
		seg, _, _ := strings.Cut(rest, "=")
		return seg, ok
	}
	for i, id := range ids {
		if seg, ok := segmentOf(id); ok {
			if _, seen := segmentRank[seg]; !seen {
				segmentRank[seg] = i
			}
		}
	}
	return func(a, b int) bool {
		sa, aSeg := segmentOf(ids[a])
		sb, bSeg := segmentOf(ids[b])
		if aSeg != bSeg {
			return aSeg
		}
		if c := cmp.Compare(segmentRank[sb], segmentRank[sa]); aSeg && c != 0 {
			return c < 0
		}
		if c := cmp.Compare(n[a], n[b]); c != 0 {
			return c < 0
		}
		return ids[a] < ids[b]
	}
}
