package scoring

import (
	"maps"
	"slices"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// The changes of a signal dimension (a defensive strategy, reading:
// signal) against a reference: a signal is more or less marked, never
// better or worse, since a marked defensive strategy is a way of coping
// that the work makes necessary, not a fault of the group.
const (
	MoreMarked Change = "more_marked"
	LessMarked Change = "less_marked"
)

// ReferenceComparison compares a result with a Reference, in the shape of
// the trends: one entry per published group, one per published measure
// the reference has a value for. It publishes nothing the result did not:
// a suppressed group or measure has no comparison.
type ReferenceComparison struct {
	Source string `json:"source"`
	// Organisations is how many organisations a portfolio reference comes
	// from; null for an imported reference.
	Organisations *int                       `json:"organisations"`
	Groups        map[string]*GroupReference `json:"groups"` // keyed by group id
}

// GroupReference holds the comparisons of one published group.
type GroupReference struct {
	Dimensions map[string]*DimensionReference `json:"dimensions"`
	Indicators map[string]*IndicatorReference `json:"indicators"`
}

// DimensionReference is a group's dimension mean against the reference
// mean, on the 0-100 scale, rounded and read as a trend is.
type DimensionReference struct {
	ReferenceMean float64    `json:"reference_mean"`
	Delta         float64    `json:"delta"`
	CI95          [2]float64 `json:"ci95"`
	Change        Change     `json:"change"`
}

// IndicatorReference is a group's indicator mean against the reference,
// rounded to 0.01, with no interval (as an indicator's trend).
type IndicatorReference struct {
	ReferenceMean float64 `json:"reference_mean"`
	Delta         float64 `json:"delta"`
}

// CompareReference compares res, the result of questionnaire q, with ref:
// for each published group and each published measure ref has a value
// for, delta = group mean − reference mean and, for a dimension, its 95 %
// interval delta ± 1.96·sqrt(sd²/n + sdRef²/nRef), where nRef is the
// reference value's N (organisations for a portfolio, the file's n for an
// imported one). A reference computed on another questionnaire or version
// is refused with the reason: the scores would not measure the same thing.
func CompareReference(q *questionnaires.Questionnaire, res *Result, ref *Reference) (*ReferenceComparison, error) {
	if err := ref.Fits(q); err != nil {
		return nil, err
	}
	c := &ReferenceComparison{Source: ref.Source, Groups: map[string]*GroupReference{}}
	if ref.Organisations > 0 {
		n := ref.Organisations
		c.Organisations = &n
	}
	for _, g := range res.Groups {
		if g.Suppressed {
			continue
		}
		gr := &GroupReference{Dimensions: map[string]*DimensionReference{}, Indicators: map[string]*IndicatorReference{}}
		for _, d := range q.Dimensions {
			rv, ok := ref.Dimensions[d.ID]
			if st := g.Dimensions[d.ID]; ok && rv.N > 0 && published(st) {
				delta, ci, change := compareMeans(d.Direction, st.Mean, st.SD, st.N, rv.Mean, rv.SD, rv.N)
				if d.Signal() {
					change = signalChange(ci)
				}
				gr.Dimensions[d.ID] = &DimensionReference{ReferenceMean: round(rv.Mean, 1), Delta: delta, CI95: ci, Change: change}
			}
		}
		for _, ind := range q.Indicators {
			rv, ok := ref.Indicators[ind.ID]
			if st := g.Indicators[ind.ID]; ok && st != nil && !st.Suppressed {
				gr.Indicators[ind.ID] = &IndicatorReference{ReferenceMean: round(rv.Mean, 2), Delta: shownDelta(st.Mean, rv.Mean, 2)}
			}
		}
		c.Groups[g.ID] = gr
	}
	return c, nil
}

// signalChange reads a signal's rounded interval: above the reference is
// a more marked signal, below a less marked one.
func signalChange(ci [2]float64) Change {
	switch {
	case ci[0] > 0:
		return MoreMarked
	case ci[1] < 0:
		return LessMarked
	}
	return Stable
}

// Fits says why ref cannot be compared with questionnaire q, or nil: the
// reference must come from the same questionnaire and version, and name
// only its measures.
func (ref *Reference) Fits(q *questionnaires.Questionnaire) error {
	switch {
	case ref == nil:
		return vigie.Errorf(vigie.EINVALID, "aucune valeur de référence")
	case ref.Questionnaire != q.ID:
		return vigie.Errorf(vigie.EINVALID, "la référence porte sur le questionnaire « %s », pas sur « %s » : on ne compare pas deux instruments différents", ref.Questionnaire, q.ID)
	case ref.Version != q.Version:
		return vigie.Errorf(vigie.EINVALID, "la référence porte sur la version %d du questionnaire « %s », la campagne sur la version %d : "+
			"les scores ne mesurent peut-être pas la même chose", ref.Version, q.ID, q.Version)
	}
	return nil
}

// SortedGroupIDs returns the ids of c's groups in the order of res, so
// that a table of comparisons reads like the table of results.
func (c *ReferenceComparison) SortedGroupIDs(res *Result) []string {
	return inResultOrder(slices.Collect(maps.Keys(c.Groups)), res)
}
