package scoring

import (
	"slices"
	"strings"
)

// This file holds rule 4, for groups that overlap: units and segment
// categories, or the categories of two segments. Rule 2 guards each
// partition (a whole and its members); but a unit minus a category that
// lies almost entirely inside it, or two units minus a category, are
// subtractions no partition shows: 6 people in the unit, 5 of them
// physicians, and the unit minus the physicians is one person's answers.
// Rule 4 looks for every such combination, exactly.
//
// People who belong to exactly the same published groups always come
// together in a sum of published figures: they form a cell. Any linear
// combination of the published groups' sums is a combination of cell sums;
// rule 4 asks whether some combination involves only cells of fewer than k
// people in all, and if so withholds one more group (a segment category
// before a unit, the smallest first) and asks again. When nothing
// overlaps (units only, or one segment alone) the groups form a tree and
// rule 2 already settles everything: rule 4 is not needed there.

// cell is a set of people who belong to the same groups, for one measure:
// groups lists the indexes of those groups, n how many people the measure
// counts in the cell.
type cell struct {
	groups []int
	n      int
}

// overlapSearchLimit bounds the sets of cells rule 4 tries one by one; past
// it, the search stops and answers as if it had found a leak among the
// cells left, so that the rule errs on the side of withholding.
const overlapSearchLimit = 20000

// overlapLeak returns the groups involved in a combination of the
// published groups (reasons[g] == "") that isolates fewer than k people,
// or nil when there is none.
func overlapLeak(k int, reasons []string, cells []cell) []int {
	var rows []int // published groups
	rowOf := make([]int, len(reasons))
	for g, why := range reasons {
		rowOf[g] = -1
		if why == "" {
			rowOf[g] = len(rows)
			rows = append(rows, g)
		}
	}
	// The membership matrix: one column per cell with someone in a
	// published group.
	var cols [][]int64
	var sizes []int
	for _, c := range cells {
		if c.n == 0 {
			continue
		}
		col := make([]int64, len(rows))
		in := false
		for _, g := range c.groups {
			if r := rowOf[g]; r >= 0 {
				col[r], in = 1, true
			}
		}
		if in {
			cols = append(cols, col)
			sizes = append(sizes, c.n)
		}
	}
	var small, big []int
	for i, n := range sizes {
		if n < k {
			small = append(small, i)
		} else {
			big = append(big, i)
		}
	}
	if len(small) == 0 {
		return nil
	}
	// V: the combinations that involve no cell of k people or more. Their
	// coefficients y are the left null space of the big cells' columns;
	// the small cells some vector of V involves are "exposed": only they
	// can make up a set that a combination isolates.
	exposed := map[int]bool{}
	smallCols := pick(cols, small)
	for _, y := range leftNullSpace(len(rows), pick(cols, big)) {
		for i, x := range combine(y, smallCols) {
			if x != 0 {
				exposed[i] = true
			}
		}
	}
	if len(exposed) == 0 {
		return nil
	}
	// A combination involves only the cells of a set S exactly when the
	// rows of a null-space basis of the membership matrix, for the cells
	// of S, are linearly dependent. The search grows S cell by cell (fewer
	// than k people in all), keeping those rows in echelon form, so that
	// each step costs one reduction.
	null := nullSpaceRows(len(rows), cols)
	var candidates []int // indexes into small
	for i := range small {
		if exposed[i] {
			candidates = append(candidates, i)
		}
	}
	var found []int
	tries := 0
	var search func(from, people int, set []int, ech echelon) bool
	search = func(from, people int, set []int, ech echelon) bool {
		for i := from; i < len(candidates); i++ {
			c := candidates[i]
			if people+sizes[small[c]] >= k {
				continue
			}
			next := append(slices.Clip(set), c)
			tries++
			grown, independent := ech.add(null[small[c]])
			if tries > overlapSearchLimit || !independent {
				found = next
				return true
			}
			if search(i+1, people+sizes[small[c]], next, grown) {
				return true
			}
		}
		return false
	}
	if !search(0, 0, nil, echelon{}) {
		return nil
	}
	// The groups of one combination that does it: y with y·M zero outside
	// S and not zero on S.
	inS := map[int]bool{}
	for _, c := range found {
		inS[small[c]] = true
	}
	var outside, onS [][]int64
	for i, col := range cols {
		if inS[i] {
			onS = append(onS, col)
		} else {
			outside = append(outside, col)
		}
	}
	for _, y := range leftNullSpace(len(rows), outside) {
		if !slices.ContainsFunc(combine(y, onS), func(x int64) bool { return x != 0 }) {
			continue
		}
		var groups []int
		for r, x := range y {
			if x != 0 {
				groups = append(groups, rows[r])
			}
		}
		return groups
	}
	// The search gave up (overlapSearchLimit): every group with someone
	// in the cells it was looking at.
	var groups []int
	for _, r := range rows {
		for c := range inS {
			if cols[c][rowOf[r]] != 0 {
				groups = append(groups, r)
				break
			}
		}
	}
	return groups
}

// pickOverlap chooses the group rule 4 withholds among those involved: a
// segment category rather than a unit (units are the campaign's main
// axis), the smallest, then the first id; never everyone (index 0).
func pickOverlap(ids []string, n []int, involved []int) int {
	pick := -1
	better := func(a, b int) bool {
		as, bs := strings.HasPrefix(ids[a], "segment:"), strings.HasPrefix(ids[b], "segment:")
		if as != bs {
			return as
		}
		if n[a] != n[b] {
			return n[a] < n[b]
		}
		return ids[a] < ids[b]
	}
	for _, g := range involved {
		if g == 0 {
			continue
		}
		if pick < 0 || better(g, pick) {
			pick = g
		}
	}
	return pick
}

func pick(cols [][]int64, idx []int) [][]int64 {
	out := make([][]int64, len(idx))
	for i, j := range idx {
		out[i] = cols[j]
	}
	return out
}

// combine returns y·col for each column.
func combine(y []int64, cols [][]int64) []int64 {
	out := make([]int64, len(cols))
	for i, col := range cols {
		var s int64
		for r, x := range y {
			s = (s + x*col[r]) % modulus
		}
		out[i] = s
	}
	return out
}
