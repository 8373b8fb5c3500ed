package scoringtest

import (
	"fmt"
	"slices"
	"strings"
)

// combination: every linear combination of the published sums of a
// measure, whatever the groups (units and segment categories overlap),
// must involve at least k people or none. People in the same published
// groups always come together in such a combination (a cell); the search
// is exact: for every set of cells of fewer than k people in all, it asks
// whether some combination involves those cells only. A combination of
// the sums is a vector in the row space of the group × cell membership
// matrix; one supported on the set S exists exactly when the rows of a
// null-space basis for the cells of S are linearly dependent.
//
// The counting attacker proves more about one cell, but not this: that
// two cells of one person each answered alike, say, is a combination of
// figures about two people and bounds neither.
func combination(people []Person, k int, m *measure) []string {
	var ids []string
	for _, id := range m.ids {
		if _, ok := m.n[id]; ok {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	cells, members := peopleCells(people, m, ids)
	found := smallDependentSet(k, cells, nullSpace(len(ids), members))
	if found == nil {
		return nil
	}
	n := 0
	var groups []string
	for _, c := range found {
		n += cells[c]
		var in []string
		for i, id := range ids {
			if members[c][i] == 1 {
				in = append(in, id)
			}
		}
		groups = append(groups, "{"+strings.Join(in, " ")+"}")
	}
	return []string{fmt.Sprintf("%s %s: a combination of published groups isolates %d people, in the groups %s", m.output, m.name, n, strings.Join(groups, ", "))}
}

// peopleCells returns the people m counts in each cell (people in the
// same published groups ids) and each cell's membership column.
func peopleCells(people []Person, m *measure, ids []string) (sizes []int, members [][]int64) {
	cellOf := map[string]int{}
	for p, person := range people {
		if !m.counted(p) {
			continue
		}
		col := make([]int64, len(ids))
		var sig strings.Builder
		for i, id := range ids {
			if member(person, id) {
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
			sizes[i]++
			continue
		}
		cellOf[key] = len(sizes)
		sizes = append(sizes, 1)
		members = append(members, col)
	}
	return sizes, members
}

// smallDependentSet returns a set of cells of fewer than k people in all
// whose null-space rows are dependent, or nil.
func smallDependentSet(k int, sizes []int, null [][]int64) []int {
	var small []int
	for i, n := range sizes {
		if n < k {
			small = append(small, i)
		}
	}
	var found []int
	var search func(from, people int, set []int) bool
	search = func(from, people int, set []int) bool {
		for i := from; i < len(small); i++ {
			cell := small[i]
			if people+sizes[cell] >= k {
				continue
			}
			next := append(slices.Clone(set), cell)
			if dependent(null, next) {
				found = next
				return true
			}
			if search(i+1, people+sizes[cell], next) {
				return true
			}
		}
		return false
	}
	search(0, 0, nil)
	return found
}
