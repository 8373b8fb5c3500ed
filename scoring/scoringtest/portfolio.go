package scoringtest

import (
	"fmt"
	"maps"
	"math"
	"math/big"
	"slices"
)

// The portfolio attacker (docs/scoring.md section 7). It holds every
// frozen version of the portfolio reference (for each measure: the mean,
// the number of organisations, hence their sum) and its own
// organisation's figures, and knows which organisations entered each
// version (the worst case: a consultant's client list is no secret). It
// tries to determine one other organisation's figure, or to isolate fewer
// than min others, by exact rational arithmetic on what it holds.

// PortfolioRelease is one measure of one frozen version as the attacker
// holds it: who entered (the truth behind it), how many, and the mean.
type PortfolioRelease struct {
	Version int
	Measure string
	Members []string // organisations whose figure entered
	Mean    float64  // the published mean of their figures
}

// PortfolioFinding is what the attacker learnt.
type PortfolioFinding struct {
	Measure string
	Detail  string
	// Organisation and Value are set when a single organisation's figure
	// was determined: Value is the attacker's exact solution.
	Organisation string
	Value        float64
}

// PortfolioAttack runs the attacker of one organisation against releases.
// own holds that organisation's figures: by contribution (each of its
// closed campaigns that may have entered a version, as named in Members),
// then by measure; nil for an outsider. For every measure it reports
// (1) every pair of versions whose members differ by 1 to min-1 others
// than own's, and every version that holds own and fewer than min others;
// (2) every other contribution whose figure lies in the span of the
// versions' sums and own's figures (exact rational elimination), solved
// from the published means.
func PortfolioAttack(releases []PortfolioRelease, own map[string]map[string]float64, min int) []PortfolioFinding {
	var out []PortfolioFinding
	byMeasure := map[string][]PortfolioRelease{}
	for _, r := range releases {
		byMeasure[r.Measure] = append(byMeasure[r.Measure], r)
	}
	for _, m := range slices.Sorted(maps.Keys(byMeasure)) {
		rs := byMeasure[m]
		for i, a := range rs {
			if others(a.Members, own) < len(a.Members) && others(a.Members, own) < min {
				out = append(out, PortfolioFinding{Measure: m, Detail: fmt.Sprintf("version %d holds %d organisations besides the reader's own", a.Version, len(a.Members)-1)})
			}
			for _, b := range rs[i+1:] {
				if d := others(symmetricDifference(a.Members, b.Members), own); d >= 1 && d < min {
					out = append(out, PortfolioFinding{Measure: m, Detail: fmt.Sprintf("versions %d and %d differ by %d organisations besides the reader's own", a.Version, b.Version, d)})
				}
			}
		}
		out = append(out, solve(m, rs, own)...)
	}
	return out
}

// solve finds the organisations whose figure on one measure is a rational
// combination of the versions' sums and own's figure, and computes it.
func solve(measure string, rs []PortfolioRelease, own map[string]map[string]float64) []PortfolioFinding {
	var orgs []string
	for _, r := range rs {
		for _, o := range r.Members {
			if !slices.Contains(orgs, o) {
				orgs = append(orgs, o)
			}
		}
	}
	slices.Sort(orgs)
	col := map[string]int{}
	for i, o := range orgs {
		col[o] = i
	}
	// Each row: the indicator of a version's members, then its sum.
	var rows [][]*big.Rat
	row := func(members []string, sum *big.Rat) {
		r := make([]*big.Rat, len(orgs)+1)
		for i := range r {
			r[i] = new(big.Rat)
		}
		for _, o := range members {
			r[col[o]].SetInt64(1)
		}
		r[len(orgs)] = sum
		rows = append(rows, r)
	}
	for _, r := range rs {
		sum := new(big.Rat).SetFloat64(r.Mean)
		sum.Mul(sum, new(big.Rat).SetInt64(int64(len(r.Members))))
		row(r.Members, sum)
	}
	for _, o := range orgs {
		if fig, ok := own[o][measure]; ok {
			row([]string{o}, new(big.Rat).SetFloat64(fig))
		}
	}
	reduceRat(rows, len(orgs))
	var out []PortfolioFinding
	for _, r := range rows {
		// A reduced row with a single non-zero coefficient determines
		// that organisation's figure; any other determination would
		// show as such a row too (reduced row echelon form).
		nz := -1
		for j := range orgs {
			if r[j].Sign() != 0 {
				if nz >= 0 {
					nz = -2
					break
				}
				nz = j
			}
		}
		if nz < 0 {
			continue
		}
		if _, mine := own[orgs[nz]]; mine {
			continue
		}
		v, _ := new(big.Rat).Quo(r[len(orgs)], r[nz]).Float64()
		out = append(out, PortfolioFinding{Measure: measure, Organisation: orgs[nz], Value: v,
			Detail: fmt.Sprintf("the figure of %s is determined", orgs[nz])})
	}
	return out
}

// reduceRat brings rows (n unknowns, then the constant) to reduced row
// echelon form, exactly.
func reduceRat(rows [][]*big.Rat, n int) {
	r := 0
	for c := 0; c < n && r < len(rows); c++ {
		p := -1
		for i := r; i < len(rows); i++ {
			if rows[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		rows[r], rows[p] = rows[p], rows[r]
		inv := new(big.Rat).Inv(rows[r][c])
		for j := range rows[r] {
			rows[r][j].Mul(rows[r][j], inv)
		}
		for i := range rows {
			if i == r || rows[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(rows[i][c])
			for j := range rows[i] {
				rows[i][j].Sub(rows[i][j], new(big.Rat).Mul(f, rows[r][j]))
			}
		}
		r++
	}
}

// symmetricDifference lists who is in exactly one of a and b.
func symmetricDifference(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, x)
		}
	}
	return out
}

// others counts the contributions of list that are not own's.
func others(list []string, own map[string]map[string]float64) int {
	n := 0
	for _, x := range list {
		if _, mine := own[x]; !mine {
			n++
		}
	}
	return n
}

// Close reports whether a finding's value is the truth, to the precision
// of the published means.
func (f PortfolioFinding) Close(truth float64) bool {
	return math.Abs(f.Value-truth) < 1e-6*math.Max(1, math.Abs(truth))
}
