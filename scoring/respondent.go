package scoring

import (
	"fmt"
	"math"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// levelEpsilon is the tolerance used when a score is compared with a
// cut-off, so that a score computed as 24.999999999999996 still counts as 25.
const levelEpsilon = 1e-9

// minAnsweredEpsilon keeps ceil(0.5*4) at 2 when the product comes out as
// 2.0000000000000004 in floating point.
const minAnsweredEpsilon = 1e-9

// defaultMinAnswered is the share of a dimension's items needed for a score
// when a questionnaire built in code leaves MinAnswered at zero (the loader
// always fills it).
const defaultMinAnswered = 0.5

// The level bands, as indexes into Levels.
const (
	levelFavourable = iota
	levelIntermediate
	levelUnfavourable
)

// plan is a questionnaire prepared for scoring: item positions of each
// dimension, the number of answers a score needs, where each item's counts
// live in a group accumulator.
type plan struct {
	q           *questionnaires.Questionnaire
	items       []*questionnaires.Item
	dims        []dimPlan
	inds        []indPlan
	countOffset []int // per item: position of its scale's first value in acc.counts
	itemDim     []int // per item: position of its dimension in dims
	nCounts     int
}

type dimPlan struct {
	d     *questionnaires.Dimension
	items []int // positions in q.Items()
	need  int   // answered items needed for a score
}

type indPlan struct {
	ind      *questionnaires.Indicator
	num, den int // positions in plan.dims
}

func newPlan(q *questionnaires.Questionnaire) (*plan, error) {
	p := &plan{q: q, items: q.Items()}
	p.countOffset = make([]int, len(p.items))
	p.itemDim = make([]int, len(p.items))
	for i, it := range p.items {
		if it.Scale == nil || it.Scale.Max <= it.Scale.Min {
			return nil, fmt.Errorf("scoring: questionnaire %s: item %s has no usable scale", q.ID, it.ID)
		}
		p.countOffset[i] = p.nCounts
		p.nCounts += it.Scale.Max - it.Scale.Min + 1
	}
	dimIndex := make(map[string]int, len(q.Dimensions))
	for _, d := range q.Dimensions {
		share := d.MinAnswered
		if share <= 0 {
			share = defaultMinAnswered
		}
		dp := dimPlan{d: d, need: max(1, int(math.Ceil(share*float64(len(d.Items))-minAnsweredEpsilon)))}
		for _, it := range d.Items {
			dp.items = append(dp.items, it.Index)
			p.itemDim[it.Index] = len(p.dims)
		}
		dimIndex[d.ID] = len(p.dims)
		p.dims = append(p.dims, dp)
	}
	for _, ind := range q.Indicators {
		num, ok1 := dimIndex[ind.Numerator]
		den, ok2 := dimIndex[ind.Denominator]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("scoring: questionnaire %s: indicator %s names an unknown dimension", q.ID, ind.ID)
		}
		p.inds = append(p.inds, indPlan{ind: ind, num: num, den: den})
	}
	return p, nil
}

// scores are one respondent's computed figures, reused from one respondent
// to the next so that scoring allocates nothing per respondent.
type scores struct {
	answered   int       // items answered in the whole questionnaire
	dim        []float64 // 0-100 score per dimension
	dimOK      []bool    // the score exists (enough items answered)
	dimAnswers []int     // items of the dimension answered
	dimSum     []float64 // sum of those answers on 0-100
	level      []int     // level band of the score
	rawMean    []float64 // mean of the recoded raw values, when complete
	complete   []bool    // every item of the dimension is answered
	ind        []float64 // indicator value
	indOK      []bool
	// The answered items and where each answer is counted in
	// groupAcc.counts, worked out once for all the respondent's groups.
	itemIdx  []int32
	countPos []int32
}

func (p *plan) newScores() *scores {
	return &scores{
		dim: make([]float64, len(p.dims)), dimOK: make([]bool, len(p.dims)), dimAnswers: make([]int, len(p.dims)), dimSum: make([]float64, len(p.dims)),
		level: make([]int, len(p.dims)), rawMean: make([]float64, len(p.dims)),
		complete: make([]bool, len(p.dims)),
		ind:      make([]float64, len(p.inds)), indOK: make([]bool, len(p.inds)),
		itemIdx: make([]int32, 0, len(p.items)), countPos: make([]int32, 0, len(p.items)),
	}
}

// recode returns the value of an answer once reversed items are turned
// round, so that a high value always means more of the dimension.
func recode(it *questionnaires.Item, v int) int {
	if it.Reverse {
		return it.Scale.Min + it.Scale.Max - v
	}
	return v
}

// score fills s from answers (aligned with q.Items(), checked by the caller).
func (p *plan) score(answers []int, s *scores) {
	s.answered = 0
	s.itemIdx, s.countPos = s.itemIdx[:0], s.countPos[:0]
	for j, v := range answers {
		if v != Missing {
			s.itemIdx = append(s.itemIdx, int32(j))
			s.countPos = append(s.countPos, int32(p.countOffset[j]+v-p.items[j].Scale.Min))
		}
	}
	for i, dp := range p.dims {
		n, sum, raw := 0, 0.0, 0
		for _, j := range dp.items {
			v := answers[j]
			if v == Missing {
				continue
			}
			it := p.items[j]
			r := recode(it, v)
			n++
			raw += r
			sum += 100 * float64(r-it.Scale.Min) / float64(it.Scale.Max-it.Scale.Min)
		}
		s.answered += n
		s.dimAnswers[i], s.dimSum[i] = n, sum
		s.complete[i] = n == len(dp.items) && n > 0
		if s.complete[i] {
			s.rawMean[i] = float64(raw) / float64(n)
		}
		s.dimOK[i] = n >= dp.need
		if s.dimOK[i] {
			s.dim[i] = sum / float64(n)
			s.level[i] = levelOf(dp.d, s.dim[i])
		}
	}
	for i, ip := range p.inds {
		s.indOK[i] = s.complete[ip.num] && s.complete[ip.den] && s.rawMean[ip.den] != 0
		if s.indOK[i] {
			s.ind[i] = s.rawMean[ip.num] / s.rawMean[ip.den]
		}
	}
}

// levelOf returns the band of a 0-100 score: at or under the low cut-off is
// the low band, at or over the high cut-off the high band. Which band is
// favourable depends on the dimension's direction.
func levelOf(d *questionnaires.Dimension, score float64) int {
	low, high := levelFavourable, levelUnfavourable
	if d.Direction == questionnaires.HigherIsBetter {
		low, high = levelUnfavourable, levelFavourable
	}
	switch {
	case score <= d.Cutoffs.Low+levelEpsilon:
		return low
	case score >= d.Cutoffs.High-levelEpsilon:
		return high
	}
	return levelIntermediate
}

// NewRespondent converts answers keyed by item id (as the store keeps them)
// into a Respondent whose Answers are aligned with q.Items(). An unknown item
// or a value outside its item's scale is an EINVALID error.
func NewRespondent(q *questionnaires.Questionnaire, unit []string, segments map[string]string, answers map[string]int) (Respondent, error) {
	items := q.Items()
	r := Respondent{Unit: unit, Segments: segments, Answers: make([]int, len(items))}
	for i := range r.Answers {
		r.Answers[i] = Missing
	}
	for id, v := range answers {
		it := q.Item(id)
		if it == nil {
			return Respondent{}, vigie.Errorf(vigie.EINVALID, "La question « %s » n'existe pas dans le questionnaire %s.", id, q.ID)
		}
		if !it.Scale.Contains(v) {
			return Respondent{}, vigie.Errorf(vigie.EINVALID, "La valeur %d est hors de l'échelle %d–%d (question %s).", v, it.Scale.Min, it.Scale.Max, id)
		}
		r.Answers[it.Index] = v
	}
	return r, nil
}

// ScoreRespondent returns one respondent's 0-100 score for each dimension
// (nil where too few items are answered), the way a Scorer counts them:
// for tests and the documented example. No result or report of Vigie shows
// it (issue 19). Answers of the wrong length give no scores; values outside their
// scale count as unanswered.
func ScoreRespondent(q *questionnaires.Questionnaire, r Respondent) map[string]*float64 {
	out := make(map[string]*float64, len(q.Dimensions))
	for _, d := range q.Dimensions {
		out[d.ID] = nil
	}
	p, err := newPlan(q)
	if err != nil || len(r.Answers) != len(p.items) {
		return out
	}
	answers := make([]int, len(r.Answers))
	for i, v := range r.Answers {
		if v != Missing && !p.items[i].Scale.Contains(v) {
			v = Missing
		}
		answers[i] = v
	}
	s := p.newScores()
	p.score(answers, s)
	for i, dp := range p.dims {
		if s.dimOK[i] {
			v := s.dim[i]
			out[dp.d.ID] = &v
		}
	}
	return out
}
