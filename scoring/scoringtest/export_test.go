package scoringtest

import "math/big"

// Least exposes the simplex to the black-box tests: the least value of
// x[col] under a x = b, x ≥ 0, and that value rounded up; false when the
// system has no solution.
func Least(a [][]int, b []int, col int) (least *big.Rat, rounded int64, ok bool) {
	s, ok := newSystem(a, b)
	if !ok {
		return nil, 0, false
	}
	least = s.least(col)
	return least, ceil(least), true
}
