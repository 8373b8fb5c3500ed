package scoring

import (
	"math"
	"strconv"
)

// groupAcc holds the running sums of one group: everything its figures are
// computed from, and nothing about any single respondent. Sums are additive,
// so the accumulator of a category can be obtained by subtraction (see
// minus), which is how the "(non renseigné)" category of a segment met
// halfway through the answers is built.
type groupAcc struct {
	n      int // respondents
	dims   []dimAcc
	inds   []indAcc
	itemN  []int // answers per item
	counts []int // answers per item and scale value, see plan.countOffset
}

// dimAcc holds a dimension's sums over the people scored on it. Nothing
// here weighs one person's answers differently from another's: sum and
// answers are sums over answers (the published item counts give them
// exactly), and weighted is the sum over people of (sum of their
// normalised answers)² / (their number of answers), which weighs each
// person by the number of items they answered, like the mean does. See
// dimensionStats and docs/scoring.md.
type dimAcc struct {
	n        int     // people with a score
	answers  int     // their answers to the dimension's items
	sum      float64 // the sum of those answers on 0-100
	weighted float64 // sum over people of answered·score²
	levels   [3]int  // people per level band of their own score, indexed like Levels
}

type indAcc struct {
	n     int
	sum   float64
	above int // strictly above the threshold
}

func newGroupAcc(p *plan) *groupAcc {
	return &groupAcc{
		dims:   make([]dimAcc, len(p.dims)),
		inds:   make([]indAcc, len(p.inds)),
		itemN:  make([]int, len(p.items)),
		counts: make([]int, p.nCounts),
	}
}

// add counts one respondent, whose figures are in s.
func (a *groupAcc) add(p *plan, s *scores) {
	a.n++
	for i := range a.dims {
		if !s.dimOK[i] {
			continue
		}
		d, v, m := &a.dims[i], s.dim[i], float64(s.dimAnswers[i])
		d.n++
		d.answers += s.dimAnswers[i]
		d.sum += s.dimSum[i]
		d.weighted += m * v * v
		d.levels[s.level[i]]++
	}
	for i := range a.inds {
		if !s.indOK[i] {
			continue
		}
		d, v := &a.inds[i], s.ind[i]
		d.n++
		d.sum += v
		if v > p.inds[i].ind.Threshold {
			d.above++
		}
	}
	// An item's answers count only with the people scored on its
	// dimension: the item counts and the dimension's figures then describe
	// the same people, and nothing published separates the others.
	for i, j := range s.itemIdx {
		if !s.dimOK[p.itemDim[j]] {
			continue
		}
		a.itemN[j]++
		a.counts[s.countPos[i]]++
	}
}

// minus subtracts b's respondents from a (b must be a subset of a).
func (a *groupAcc) minus(b *groupAcc) {
	a.n -= b.n
	for i := range a.dims {
		a.dims[i].n -= b.dims[i].n
		a.dims[i].answers -= b.dims[i].answers
		a.dims[i].sum -= b.dims[i].sum
		a.dims[i].weighted -= b.dims[i].weighted
		for l := range a.dims[i].levels {
			a.dims[i].levels[l] -= b.dims[i].levels[l]
		}
	}
	for i := range a.inds {
		a.inds[i].n -= b.inds[i].n
		a.inds[i].sum -= b.inds[i].sum
		a.inds[i].above -= b.inds[i].above
	}
	for i := range a.itemN {
		a.itemN[i] -= b.itemN[i]
	}
	for i := range a.counts {
		a.counts[i] -= b.counts[i]
	}
}

func (a *groupAcc) clone() *groupAcc {
	c := *a
	c.dims = append([]dimAcc(nil), a.dims...)
	c.inds = append([]indAcc(nil), a.inds...)
	c.itemN = append([]int(nil), a.itemN...)
	c.counts = append([]int(nil), a.counts...)
	return &c
}

// dimensionStats computes a dimension's published figures (n >= 2).
//
// The mean is the mean of every answer given to the dimension's items by
// the people scored on it (on 0-100, reversed items turned round): a
// linear function of the published item counts, so it tells nothing they
// do not. Were it the mean of the people's own scores, a person who
// skipped an item would weigh their answers by 1/5 instead of 1/6, and the
// difference with the item counts would give their score (docs/scoring.md,
// attack 5). The standard deviation is the one of the people's scores
// around that mean, each weighted by the number of items they answered
// (the same weighting), with the n/(n-1) sample correction: when everyone
// answered every item, both are the usual mean and sample SD of scores.
func dimensionStats(dp dimPlan, a dimAcc) *DimensionStats {
	n, answers := float64(a.n), float64(a.answers)
	mean := a.sum / answers
	variance := 0.0
	if a.n > 1 {
		// Rounding can leave a tiny negative value when every score is equal.
		variance = max(0, (a.weighted-a.sum*a.sum/answers)/answers*n/(n-1))
	}
	sd := math.Sqrt(variance)
	half := 1.96 * sd / math.Sqrt(n)
	shares := make(map[Level]float64, len(Levels))
	for l, level := range Levels {
		shares[level] = float64(a.levels[l]) / n
	}
	return &DimensionStats{
		N:      a.n,
		Mean:   mean,
		SD:     sd,
		CI95:   [2]float64{max(0, mean-half), min(100, mean+half)},
		Level:  Levels[levelOf(dp.d, mean)],
		Shares: shares,
	}
}

// indicatorStats computes an indicator's published figures.
func indicatorStats(a indAcc) *IndicatorStats {
	return &IndicatorStats{N: a.n, Mean: a.sum / float64(a.n), ShareAbove: float64(a.above) / float64(a.n)}
}

// itemStats returns the counts of item j, every value of its scale included.
func itemStats(p *plan, a *groupAcc, j int) *ItemStats {
	sc := p.items[j].Scale
	counts := make(map[string]int, sc.Max-sc.Min+1)
	for v := sc.Min; v <= sc.Max; v++ {
		counts[strconv.Itoa(v)] = a.counts[p.countOffset[j]+v-sc.Min]
	}
	return &ItemStats{N: a.itemN[j], Counts: counts}
}
