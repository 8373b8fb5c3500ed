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

type dimAcc struct {
	n          int
	sum, sumsq float64
	levels     [3]int // respondents per level band, indexed like Levels
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
		d, v := &a.dims[i], s.dim[i]
		d.n++
		d.sum += v
		d.sumsq += v * v
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
	for i, j := range s.itemIdx {
		a.itemN[j]++
		a.counts[s.countPos[i]]++
	}
}

// minus subtracts b's respondents from a (b must be a subset of a).
func (a *groupAcc) minus(b *groupAcc) {
	a.n -= b.n
	for i := range a.dims {
		a.dims[i].n -= b.dims[i].n
		a.dims[i].sum -= b.dims[i].sum
		a.dims[i].sumsq -= b.dims[i].sumsq
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
func dimensionStats(dp dimPlan, a dimAcc) *DimensionStats {
	n := float64(a.n)
	mean := a.sum / n
	variance := 0.0
	if a.n > 1 {
		// Rounding can leave a tiny negative value when every score is equal.
		variance = max(0, (a.sumsq-a.sum*a.sum/n)/(n-1))
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
