package scoring

import "slices"

// Exact linear algebra over the integers modulo a prime, for rule 4
// (overlap.go): the matrices hold 0 and 1, and a prime this large makes
// ranks over it those over the rationals, with no rounding to worry about.

const modulus = 2147483647 // 2³¹ − 1

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

// reduce brings m (modified) to reduced row echelon form and returns the
// pivot column of each nonzero row, in order.
func reduce(m [][]int64) []int {
	if len(m) == 0 {
		return nil
	}
	width := len(m[0])
	var pivots []int
	r := 0
	for col := 0; col < width && r < len(m); col++ {
		p := -1
		for i := r; i < len(m); i++ {
			if m[i][col] != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		if inv := modInverse(m[r][col]); inv != 1 {
			for j := col; j < width; j++ {
				m[r][j] = m[r][j] * inv % modulus
			}
		}
		for i := range m {
			if i == r || m[i][col] == 0 {
				continue
			}
			f := m[i][col]
			for j := col; j < width; j++ {
				m[i][j] = ((m[i][j]-f*m[r][j])%modulus + modulus) % modulus
			}
		}
		pivots = append(pivots, col)
		r++
	}
	return pivots
}

// leftNullSpace returns a basis of the vectors y (of length rows) with
// y·col = 0 for every column given.
func leftNullSpace(rows int, cols [][]int64) [][]int64 {
	// y·col = 0 for all cols: y is in the null space of the matrix whose
	// rows are the columns.
	m := make([][]int64, len(cols))
	for i, col := range cols {
		m[i] = slices.Clone(col)
	}
	pivots := reduce(m)
	isPivot := make([]int, rows)
	for i := range isPivot {
		isPivot[i] = -1
	}
	for i, c := range pivots {
		isPivot[c] = i
	}
	var out [][]int64
	for f := range rows {
		if isPivot[f] >= 0 {
			continue
		}
		y := make([]int64, rows)
		y[f] = 1
		for i, c := range pivots {
			y[c] = (modulus - m[i][f]) % modulus
		}
		out = append(out, y)
	}
	return out
}

// nullSpaceRows returns, for each of the given columns (each of length
// rows), its row in a basis of the right null space of the matrix they
// form: the vectors z with Σ z[c]·cols[c] = 0.
func nullSpaceRows(rows int, cols [][]int64) [][]int64 {
	n := len(cols)
	m := make([][]int64, rows)
	for i := range m {
		m[i] = make([]int64, n)
		for j, col := range cols {
			m[i][j] = col[i]
		}
	}
	pivots := reduce(m)
	isPivot := make([]int, n)
	for i := range isPivot {
		isPivot[i] = -1
	}
	for i, c := range pivots {
		isPivot[c] = i
	}
	var free []int
	for c := range n {
		if isPivot[c] < 0 {
			free = append(free, c)
		}
	}
	out := make([][]int64, n)
	for c := range out {
		out[c] = make([]int64, len(free))
	}
	for k, f := range free {
		out[f][k] = 1
		for i, c := range pivots {
			out[c][k] = (modulus - m[i][f]) % modulus
		}
	}
	return out
}

// echelon is a set of independent vectors kept in echelon form, to which
// vectors are added one at a time.
type echelon struct {
	rows   [][]int64
	pivots []int
}

// add reduces v by e's rows and returns e with v added, and true, when v
// is independent of them; e itself is not modified (the search that uses
// it backtracks).
func (e echelon) add(v []int64) (echelon, bool) {
	r := slices.Clone(v)
	for i, row := range e.rows {
		p := e.pivots[i]
		if r[p] == 0 {
			continue
		}
		f := r[p]
		for j := range r {
			r[j] = ((r[j]-f*row[j])%modulus + modulus) % modulus
		}
	}
	p := slices.IndexFunc(r, func(x int64) bool { return x != 0 })
	if p < 0 {
		return e, false
	}
	inv := modInverse(r[p])
	for j := range r {
		r[j] = r[j] * inv % modulus
	}
	return echelon{rows: append(slices.Clip(e.rows), r), pivots: append(slices.Clip(e.pivots), p)}, true
}
