package scoringtest

import "slices"

// The attacker's linear algebra is written again here on purpose, apart
// from the engine's (scoring/linalg.go): a mistake in one is then caught
// by the other instead of being shared by both.

// modulus is a prime: exact linear algebra on small integer matrices.
const modulus = 2147483647

func modInverse(a int64) int64 {
	result, base, e := int64(1), a%modulus, int64(modulus-2)
	for e > 0 {
		if e&1 == 1 {
			result = result * base % modulus
		}
		base = base * base % modulus
		e >>= 1
	}
	return result
}

// nullSpace returns, for each column of the rows × len(cols) matrix whose
// columns are cols, its row in a basis of the right null space.
func nullSpace(rows int, cols [][]int64) [][]int64 {
	n := len(cols)
	a := make([][]int64, rows)
	for i := range a {
		a[i] = make([]int64, n)
		for j := range n {
			a[i][j] = cols[j][i]
		}
	}
	pivots := rowReduce(a, n)
	isPivot := make([]int, n)
	for i := range isPivot {
		isPivot[i] = -1
	}
	for i, col := range pivots {
		isPivot[col] = i
	}
	var free []int
	for col := range n {
		if isPivot[col] < 0 {
			free = append(free, col)
		}
	}
	out := make([][]int64, n)
	for col := range n {
		out[col] = make([]int64, len(free))
	}
	for k, f := range free {
		out[f][k] = 1
		for i, col := range pivots {
			out[col][k] = (modulus - a[i][f]) % modulus
		}
	}
	return out
}

// rowReduce brings a (width n) to reduced row echelon form in place and
// returns the pivot column of each non-zero row.
func rowReduce(a [][]int64, n int) []int {
	var pivots []int
	r := 0
	for col := 0; col < n && r < len(a); col++ {
		pivot := -1
		for i := r; i < len(a); i++ {
			if a[i][col] != 0 {
				pivot = i
				break
			}
		}
		if pivot < 0 {
			continue
		}
		a[r], a[pivot] = a[pivot], a[r]
		inv := modInverse(a[r][col])
		for j := range n {
			a[r][j] = a[r][j] * inv % modulus
		}
		for i := range a {
			if i == r || a[i][col] == 0 {
				continue
			}
			f := a[i][col]
			for j := range n {
				a[i][j] = ((a[i][j]-f*a[r][j])%modulus + modulus) % modulus
			}
		}
		pivots = append(pivots, col)
		r++
	}
	return pivots
}

// dependent reports whether the rows of null for the given columns are
// linearly dependent (a zero row included).
func dependent(null [][]int64, cols []int) bool {
	if len(null) == 0 || len(null[0]) == 0 {
		return true
	}
	m := make([][]int64, len(cols))
	for i, c := range cols {
		m[i] = slices.Clone(null[c])
	}
	return len(rowReduce(m, len(null[0]))) < len(cols)
}
