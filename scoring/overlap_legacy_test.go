package scoring

import (
	"slices"
	"strconv"
	"strings"
)

// This file holds the linear rule 4 of the releases before the cell rule
// (cells.go), kept for the counting attacker's canaries only
// (UseLegacyOverlapRule): it is compiled into tests, never into Vigie.
//
// It was rule 4, for groups that overlap: units and segment
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
	// coefficients y are the left null space of the big cells' columns.
	smallCols := pick(cols, small)
	var basis [][]int64 // V, on the small cells
	for _, y := range leftNullSpace(len(rows), pick(cols, big)) {
		basis = append(basis, combine(y, smallCols))
	}
	weights := make([]int, len(small))
	for i, c := range small {
		weights[i] = sizes[c]
	}
	classes := lightClasses(k, basis, weights)
	if len(classes) == 0 {
		return nil
	}
	// A combination involves only the classes of a set S exactly when the
	// rows of a null-space basis of the classes' columns, for S, are
	// linearly dependent. The search grows S class by class (fewer than k
	// people in all), keeping those rows in echelon form, so that each
	// step costs one reduction.
	reps := make([][]int64, len(classes))
	for i, cl := range classes {
		reps[i] = cl.column
	}
	null := nullSpaceRows(len(reps[0]), reps)
	var found []int
	tries := 0
	var search func(from, people int, set []int, ech echelon) bool
	search = func(from, people int, set []int, ech echelon) bool {
		for i := from; i < len(classes); i++ {
			if people+classes[i].weight >= k {
				continue
			}
			next := append(slices.Clip(set), i)
			tries++
			grown, independent := ech.add(null[i])
			if tries > overlapSearchLimit || !independent {
				found = next
				return true
			}
			if search(i+1, people+classes[i].weight, next, grown) {
				return true
			}
		}
		return false
	}
	if !search(0, 0, nil, echelon{}) {
		return nil
	}
	inS := map[int]bool{}
	for _, i := range found {
		for _, c := range classes[i].cells {
			inS[small[c]] = true
		}
	}
	// The groups of one combination that does it: y with y·M zero outside
	// S and not zero on S.
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

// lightClass is a set of cells on which every vector of V is proportional:
// a combination involves all of them or none.
type lightClass struct {
	cells  []int   // indexes into the basis's columns
	column []int64 // the first cell's column of the basis
	weight int     // people in all
}

// lightClasses reduces V (the rows of basis, over cells of the given
// weights) to the combinations that could involve fewer than k people,
// and returns the classes of cells they involve (none when V holds no such
// combination). Cells on which every vector of V is proportional are
// involved together: when they hold k people or more, a combination that
// involves them is safe, so V is cut down to the vectors that are zero
// there, and the classes are formed again, until every class is lighter
// than k.
func lightClasses(k int, basis [][]int64, weights []int) []lightClass {
	for {
		if len(basis) == 0 {
			return nil
		}
		pivots := reduce(basis)
		basis = basis[:len(pivots)]
		if len(basis) == 0 {
			return nil
		}
		var classes []lightClass
		byKey := map[string]int{}
		for j := range weights {
			col := make([]int64, len(basis))
			for i, row := range basis {
				col[i] = row[j]
			}
			first := slices.IndexFunc(col, func(x int64) bool { return x != 0 })
			if first < 0 {
				continue // no vector of V involves this cell
			}
			inv := modInverse(col[first])
			var key strings.Builder
			for _, x := range col {
				key.WriteString(strconv.FormatInt(x*inv%modulus, 36))
				key.WriteByte(',')
			}
			i, ok := byKey[key.String()]
			if !ok {
				i = len(classes)
				byKey[key.String()] = i
				classes = append(classes, lightClass{column: col})
			}
			classes[i].cells = append(classes[i].cells, j)
			classes[i].weight += weights[j]
		}
		var heavy [][]int64
		for _, cl := range classes {
			if cl.weight >= k {
				heavy = append(heavy, cl.column)
			}
		}
		if len(heavy) == 0 {
			return classes
		}
		// Keep the combinations x·basis that are zero on the heavy classes.
		var next [][]int64
		for _, x := range leftNullSpace(len(basis), heavy) {
			next = append(next, combineRows(x, basis))
		}
		basis = next
	}
}

// combineRows returns Σ x[i]·rows[i].
func combineRows(x []int64, rows [][]int64) []int64 {
	out := make([]int64, len(rows[0]))
	for i, row := range rows {
		if x[i] == 0 {
			continue
		}
		for j, v := range row {
			out[j] = (out[j] + x[i]*v) % modulus
		}
	}
	return out
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

// legacyPick is the old rule 4 as the cell rule's replacement: the group
// to withhold next, or -1 when no combination isolates fewer than k.
func legacyPick(k int, ids []string, n []int, reasons []string, cells []cell) int {
	involved := overlapLeak(k, reasons, cells)
	if involved == nil {
		return -1
	}
	return pickOverlap(ids, n, involved)
}
