package scoring

// alphaAcc accumulates what Cronbach's alpha of one dimension needs, over
// the respondents who answered every item of it. Recoded values are
// integers, so the sums are kept exactly.
type alphaAcc struct {
	n          int
	itemSum    []int64
	itemSumSq  []int64
	total      int64
	totalSumSq int64
}

// minAlphaRespondents is the number of complete respondents under which
// alpha is not reported: it would mean little.
const minAlphaRespondents = 10

func newAlphaAcc(items int) alphaAcc {
	return alphaAcc{itemSum: make([]int64, items), itemSumSq: make([]int64, items)}
}

// add counts one respondent who answered every item of the dimension.
func (a *alphaAcc) add(p *plan, dp dimPlan, answers []int) {
	a.n++
	var t int64
	for i, j := range dp.items {
		v := int64(recode(p.items[j], answers[j]))
		a.itemSum[i] += v
		a.itemSumSq[i] += v * v
		t += v
	}
	a.total += t
	a.totalSumSq += t * t
}

// alpha returns k/(k-1) * (1 - sum of item variances / variance of the
// total), with sample variances; nil under minAlphaRespondents, for a
// single-item dimension, or when the total does not vary.
func (a *alphaAcc) alpha() *float64 {
	k := len(a.itemSum)
	if a.n < minAlphaRespondents || k < 2 {
		return nil
	}
	// n(n-1)·variance, exact in integers; the common factor cancels out.
	scaled := func(sum, sumsq int64) float64 { return float64(int64(a.n)*sumsq - sum*sum) }
	totalVar := scaled(a.total, a.totalSumSq)
	if totalVar == 0 {
		return nil
	}
	itemVar := 0.0
	for i := range a.itemSum {
		itemVar += scaled(a.itemSum[i], a.itemSumSq[i])
	}
	v := float64(k) / float64(k-1) * (1 - itemVar/totalVar)
	return &v
}
