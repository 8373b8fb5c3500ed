package scoringtest_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

func TestLeast(t *testing.T) {
	for _, tc := range []struct {
		name    string
		a       [][]int
		b       []int
		col     int
		want    string // the exact least value; "" when infeasible
		rounded int64
	}{
		// The crossing of issue 19, cells U1∩C1, U1∩C2, U2∩C1, U2∩C2;
		// rows U1, C1, U2, C2: the lone person of U1∩C2 gave the value.
		{"Crossing", [][]int{{1, 1, 0, 0}, {1, 0, 1, 0}, {0, 0, 1, 1}, {0, 1, 0, 1}}, []int{2, 1, 0, 1}, 1, "1", 1},
		{"CrossingOtherCell", [][]int{{1, 1, 0, 0}, {1, 0, 1, 0}, {0, 0, 1, 1}, {0, 1, 0, 1}}, []int{2, 1, 0, 1}, 0, "1", 1},
		{"NothingProven", [][]int{{1, 1, 0, 0}, {1, 0, 1, 0}, {0, 0, 1, 1}, {0, 1, 0, 1}}, []int{7, 16, 17, 8}, 1, "0", 0},
		// Three groups of two cells each in a triangle: one half each, and
		// counts being integers, at least one.
		{"FractionRoundsUp", [][]int{{1, 1, 0}, {0, 1, 1}, {1, 0, 1}}, []int{1, 1, 1}, 0, "1/2", 1},
		// A row repeated and a row that is the sum of two others.
		{"RedundantRows", [][]int{{1, 1, 0}, {1, 1, 0}, {0, 0, 1}, {1, 1, 1}}, []int{3, 3, 2, 5}, 2, "2", 2},
		// Zeros everywhere: degenerate pivots, on which Bland's rule must
		// not cycle.
		{"Degenerate", [][]int{{1, 1, 1, 0, 0}, {0, 1, 1, 1, 0}, {0, 0, 1, 1, 1}, {1, 0, 0, 0, 1}}, []int{0, 0, 1, 1}, 2, "0", 0},
		{"Infeasible", [][]int{{1, 1}, {1, 0}}, []int{1, 2}, 0, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, rounded, ok := scoringtest.Least(tc.a, tc.b, tc.col)
			if tc.want == "" {
				if ok {
					t.Fatalf("least = %v, want no solution", got)
				}
				return
			}
			want, _ := new(big.Rat).SetString(tc.want)
			if !ok || got.Cmp(want) != 0 || rounded != tc.rounded {
				t.Fatalf("least = %v rounded %d (solved %v), want %v rounded %d", got, rounded, ok, want, tc.rounded)
			}
		})
	}
}

// TestLeastMatchesEnumeration checks the simplex on random crossings of
// two partitions (units × categories, the shape of the attack), where
// the least value over reals is that over integers: enumerating every
// integer solution must give the same.
func TestLeastMatchesEnumeration(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 19))
	for trial := range 300 {
		rows, cols := 1+rng.IntN(3), 1+rng.IntN(3)
		cells := rows * cols
		var a [][]int
		for r := range rows { // first partition: row r of the crossing
			line := make([]int, cells)
			for c := range cols {
				line[r*cols+c] = 1
			}
			a = append(a, line)
		}
		for c := range cols { // second partition: column c
			line := make([]int, cells)
			for r := range rows {
				line[r*cols+c] = 1
			}
			a = append(a, line)
		}
		truth := make([]int, cells)
		for i := range truth {
			truth[i] = rng.IntN(3)
		}
		b := make([]int, len(a))
		for i, line := range a {
			for j, x := range line {
				b[i] += x * truth[j]
			}
		}
		col := rng.IntN(cells)
		got, _, ok := scoringtest.Least(a, b, col)
		want := leastByEnumeration(a, b, col)
		if !ok || !got.IsInt() || got.Num().Int64() != int64(want) {
			t.Fatalf("trial %d: least of x[%d] under %v x = %v is %v (solved %v), enumeration gives %d", trial, col, a, b, got, ok, want)
		}
	}
}

// leastByEnumeration tries every x ≥ 0 with no x[j] above a count of a
// row it is in.
func leastByEnumeration(a [][]int, b []int, col int) int {
	n := len(a[0])
	x := make([]int, n)
	limit := make([]int, n)
	for j := range limit {
		limit[j] = -1
		for i, line := range a {
			if line[j] == 1 && (limit[j] < 0 || b[i] < limit[j]) {
				limit[j] = b[i]
			}
		}
	}
	best := -1
	var walk func(j int)
	walk = func(j int) {
		if j == n {
			for i, line := range a {
				s := 0
				for k, v := range line {
					s += v * x[k]
				}
				if s != b[i] {
					return
				}
			}
			if best < 0 || x[col] < best {
				best = x[col]
			}
			return
		}
		for v := 0; v <= limit[j]; v++ {
			x[j] = v
			walk(j + 1)
		}
	}
	walk(0)
	return best
}
