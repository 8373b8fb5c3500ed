package scoringtest

import (
	"math/big"
	"slices"
)

// This file is a small exact simplex over rationals, enough for the
// counting attacker: systems A x = b, x ≥ 0, with A of 0s and 1s (which
// cells make up which group) and b the published counts. Exact because a
// bound of 0.9999 and a bound of 1 say different things about a person;
// Bland's rule because degenerate pivots are the rule here (many counts
// are 0) and the largest-coefficient rule can cycle on them.

// system is A x = b, x ≥ 0, kept as a simplex tableau on a feasible
// basis. Phase 1 runs once (newSystem); every objective then starts from
// the basis the previous one left, which is still feasible, so that the
// many bounds asked of one system pay for one phase 1.
type system struct {
	rows  [][]*big.Rat // per constraint: one entry per column, then the right-hand side
	basis []int        // the basic column of each row
	cols  int
}

// newSystem sets up A x = b (b ≥ 0) and finds a feasible basis. It
// returns false when the system has no solution with x ≥ 0.
func newSystem(a [][]int, b []int) (*system, bool) {
	m := len(a)
	cols := 0
	if m > 0 {
		cols = len(a[0])
	}
	s := &system{cols: cols, basis: make([]int, m)}
	width := cols + m + 1 // the columns, one artificial per row, the right-hand side
	for i, row := range a {
		r := make([]*big.Rat, width)
		for j := range r {
			r[j] = new(big.Rat)
		}
		for j, v := range row {
			r[j].SetInt64(int64(v))
		}
		r[cols+i].SetInt64(1)
		r[width-1].SetInt64(int64(b[i]))
		s.rows = append(s.rows, r)
		s.basis[i] = cols + i
	}
	// Phase 1: minimise the sum of the artificials. Its reduced costs are
	// minus the column sums of the real columns.
	z := make([]*big.Rat, width)
	for j := range z {
		z[j] = new(big.Rat)
		if j >= cols && j < cols+m {
			continue
		}
		for _, r := range s.rows {
			z[j].Sub(z[j], r[j])
		}
	}
	if !s.optimise(z) || z[width-1].Sign() != 0 {
		return nil, false
	}
	s.dropArtificials()
	return s, true
}

// dropArtificials pivots every artificial left in the basis (at 0) out on
// a real column, drops the rows where none can (they repeat others), then
// the artificial columns.
func (s *system) dropArtificials() {
	for i := 0; i < len(s.rows); i++ {
		if s.basis[i] < s.cols {
			continue
		}
		j := 0
		for j < s.cols && s.rows[i][j].Sign() == 0 {
			j++
		}
		if j == s.cols {
			s.rows = append(s.rows[:i], s.rows[i+1:]...)
			s.basis = append(s.basis[:i], s.basis[i+1:]...)
			i--
			continue
		}
		s.pivot(i, j, nil)
	}
	for i, r := range s.rows {
		s.rows[i] = append(r[:s.cols], r[len(r)-1])
	}
}

// least returns the least value of x[col] over the system's solutions
// (never unbounded: x ≥ 0).
func (s *system) least(col int) *big.Rat {
	z := make([]*big.Rat, s.cols+1)
	for j := range z {
		z[j] = new(big.Rat)
	}
	// The reduced costs of the objective x[col] in the current basis: 1 on
	// col when it is not basic; minus its row, but on col, when it is.
	basic := slices.Index(s.basis, col)
	if basic < 0 {
		z[col].SetInt64(1)
	} else {
		for j, v := range s.rows[basic] {
			if j != col {
				z[j].Neg(v)
			}
		}
	}
	s.optimise(z)
	// z's last entry is minus the objective's value.
	return z[s.cols].Neg(z[s.cols])
}

// optimise runs the simplex on the reduced costs z (the last entry is
// minus the objective's value) until they are all ≥ 0. It returns false
// when the objective is unbounded below. Bland's rule: the entering
// column is the first with a negative reduced cost, the leaving row the
// one with the least ratio and, among ties, the smallest basic column.
func (s *system) optimise(z []*big.Rat) bool {
	rhs := len(z) - 1
	ratio, best := new(big.Rat), new(big.Rat)
	for {
		j := 0
		for j < rhs && z[j].Sign() >= 0 {
			j++
		}
		if j == rhs {
			return true
		}
		leave := -1
		for i, r := range s.rows {
			if r[j].Sign() <= 0 {
				continue
			}
			ratio.Quo(r[rhs], r[j])
			if leave < 0 || ratio.Cmp(best) < 0 || ratio.Cmp(best) == 0 && s.basis[i] < s.basis[leave] {
				leave = i
				best.Set(ratio)
			}
		}
		if leave < 0 {
			return false
		}
		s.pivot(leave, j, z)
	}
}

// pivot makes column j basic in row r, updating every row and z (when
// not nil).
func (s *system) pivot(r, j int, z []*big.Rat) {
	pr := s.rows[r]
	inv := new(big.Rat).Inv(pr[j])
	for _, v := range pr {
		if v.Sign() != 0 {
			v.Mul(v, inv)
		}
	}
	tmp, f := new(big.Rat), new(big.Rat)
	eliminate := func(row []*big.Rat) {
		if row[j].Sign() == 0 {
			return
		}
		f.Set(row[j])
		for c, v := range pr {
			if v.Sign() != 0 {
				row[c].Sub(row[c], tmp.Mul(f, v))
			}
		}
	}
	for i, row := range s.rows {
		if i != r {
			eliminate(row)
		}
	}
	if z != nil {
		eliminate(z)
	}
	s.basis[r] = j
}

// ceil rounds a bound up to the integers counts are.
func ceil(x *big.Rat) int64 {
	q, m := new(big.Int).DivMod(x.Num(), x.Denom(), new(big.Int))
	if m.Sign() != 0 {
		q.Add(q, big.NewInt(1))
	}
	return q.Int64()
}
