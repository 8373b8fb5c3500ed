package scoring

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// Change is how a dimension moved between two waves, read with its
// direction: a rise of a higher_is_worse dimension is Worse.
type Change string

// The three changes. Stable means the 95 % interval of the difference
// contains (or touches) zero: the data do not tell a rise from a fall.
const (
	Stable Change = "stable"
	Better Change = "better"
	Worse  Change = "worse"
)

// Trends compares a result with the previous wave's. Both results are
// already anonymised, each under its own wave's rules, and a trend is
// computed only from figures both published: nothing about a group or a
// measure that either wave withheld can be read from it.
type Trends struct {
	Previous PreviousWave           `json:"previous"`
	Groups   map[string]*GroupTrend `json:"groups"` // keyed by today's group id
	// NonComparable names the measures that changed between the two
	// versions of the questionnaire, with the reason in French: they have
	// no trend, and the reader must be told why.
	NonComparable map[string]string `json:"non_comparable,omitempty"`
}

// PreviousWave is what a trend says about the previous wave as a whole.
type PreviousWave struct {
	Respondents int `json:"respondents"`
}

// GroupTrend holds the trends of the measures of one group published in
// both waves.
type GroupTrend struct {
	Dimensions map[string]*DimensionTrend `json:"dimensions"`
	Indicators map[string]*IndicatorTrend `json:"indicators"`
}

// DimensionTrend is the change of a dimension's mean between two waves,
// on the 0-100 scale, rounded to 0.1 point like every displayed mean.
type DimensionTrend struct {
	PreviousMean float64    `json:"previous_mean"`
	Delta        float64    `json:"delta"`
	CI95         [2]float64 `json:"ci95"`
	Change       Change     `json:"change"`
}

// IndicatorTrend is the change of an indicator's mean, rounded to 0.01.
// No interval: the ratio of two means has no simple one, and a delta alone
// makes no claim.
type IndicatorTrend struct {
	PreviousMean float64 `json:"previous_mean"`
	Delta        float64 `json:"delta"`
}

// DimensionChange computes the trend of a dimension from the published
// figures of both waves: delta = m2 − m1 and its 95 % interval
// delta ± 1.96·sqrt(s1²/n1 + s2²/n2) (Welch, two independent samples:
// different people answer each wave). The interval is rounded to 0.1
// first and the change is read on the rounded interval, so that the word
// always agrees with the figures shown: an interval shown as [0,0 ; 5,4]
// touches zero, and is stable. Delta is the difference of the two means
// as every output shows them, rounded to 0.1 (75,8 → 76,2 is +0,4, even
// when the exact difference, 76,17 − 75,84, rounds to 0,3): a reader who
// subtracts the figures shown finds the difference shown (issue 20). The
// interval is computed from the exact means.
func DimensionChange(dir questionnaires.Direction, prev, cur *DimensionStats) *DimensionTrend {
	delta, ci, change := compareMeans(dir, cur.Mean, cur.SD, cur.N, prev.Mean, prev.SD, prev.N)
	return &DimensionTrend{PreviousMean: round(prev.Mean, 1), Delta: delta, CI95: ci, Change: change}
}

// compareMeans is the one reading of a difference of means shared by the
// trends and the reference comparison: the 95 % interval of m − mRef,
// delta ± 1.96·sqrt(s²/n + sRef²/nRef), computed from the exact means and
// rounded to 0.1, the change read on the rounded interval so that the word
// agrees with the figures shown (a bound shown as 0,0 touches zero:
// stable), and the delta shown as the difference of the two means as every
// output shows them (DimensionChange says why).
func compareMeans(dir questionnaires.Direction, m, s float64, n int, mRef, sRef float64, nRef int) (float64, [2]float64, Change) {
	delta := m - mRef
	half := 1.96 * math.Sqrt(sRef*sRef/float64(nRef)+s*s/float64(n))
	ci := [2]float64{round(delta-half, 1), round(delta+half, 1)}
	rise, fall := ci[0] > 0, ci[1] < 0
	change := Stable
	switch {
	case rise && dir == questionnaires.HigherIsBetter, fall && dir == questionnaires.HigherIsWorse:
		change = Better
	case rise, fall:
		change = Worse
	}
	return shownDelta(m, mRef, 1), ci, change
}

// shownDelta is the difference m − mRef that every output shows: the
// difference of the two means as they are shown, rounded to decimals, so
// that a reader who subtracts the figures shown finds it (75,8 → 76,2 is
// +0,4). Trends and references, dimensions and indicators, all use it.
func shownDelta(m, mRef float64, decimals int) float64 {
	return round(round(m, decimals)-round(mRef, decimals), decimals)
}

func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // not -0, which JSON would print as -0
	}
	return r
}

// Comparability lists the dimensions and indicators of cur that cannot be
// compared with prev, with the reason in French. A dimension is comparable
// when the questionnaire is the same (same id) and its items are the same
// (ids, scales, reverse flags): a changed item changes what the score
// measures. Wording is not compared: a typo fixed does not break a series.
func Comparability(prev, cur *questionnaires.Questionnaire) map[string]string {
	reasons := map[string]string{}
	if prev.ID != cur.ID {
		for _, d := range cur.Dimensions {
			reasons[d.ID] = fmt.Sprintf("la vague précédente a répondu à un autre questionnaire (%s)", prev.ID)
		}
		for _, ind := range cur.Indicators {
			reasons[ind.ID] = fmt.Sprintf("la vague précédente a répondu à un autre questionnaire (%s)", prev.ID)
		}
		return reasons
	}
	for _, d := range cur.Dimensions {
		if why := dimensionDiff(prev.Dimension(d.ID), d); why != "" {
			reasons[d.ID] = why
		}
	}
	for _, ind := range cur.Indicators {
		var old *questionnaires.Indicator
		for _, o := range prev.Indicators {
			if o.ID == ind.ID {
				old = o
			}
		}
		switch {
		case old == nil:
			reasons[ind.ID] = "indicateur absent de la vague précédente"
		case old.Kind != ind.Kind || old.Numerator != ind.Numerator || old.Denominator != ind.Denominator:
			reasons[ind.ID] = "l'indicateur n'est plus calculé de la même façon"
		case reasons[ind.Numerator] != "" || reasons[ind.Denominator] != "":
			reasons[ind.ID] = "une des dimensions dont il est calculé n'est pas comparable"
		}
	}
	return reasons
}

// dimensionDiff says why two versions of a dimension differ, or "".
func dimensionDiff(old, d *questionnaires.Dimension) string {
	if old == nil {
		return "dimension absente de la vague précédente"
	}
	if old.Direction != d.Direction {
		return "le sens de la dimension a changé"
	}
	before := map[string]*questionnaires.Item{}
	for _, it := range old.Items {
		before[it.ID] = it
	}
	for _, it := range d.Items {
		o := before[it.ID]
		switch {
		case o == nil:
			return fmt.Sprintf("la question %s a été ajoutée", it.ID)
		case !sameScale(o.Scale, it.Scale):
			return fmt.Sprintf("la question %s a changé d'échelle", it.ID)
		case o.Reverse != it.Reverse:
			return fmt.Sprintf("la question %s a changé de sens (inversion)", it.ID)
		}
		delete(before, it.ID)
	}
	if len(before) > 0 {
		ids := slices.Sorted(maps.Keys(before))
		return fmt.Sprintf("la question %s a été retirée", ids[0])
	}
	return ""
}

// sameScale compares what answers mean: bounds and labels, not the id.
func sameScale(a, b *questionnaires.Scale) bool {
	if a.Min != b.Min || a.Max != b.Max {
		return false
	}
	return maps.EqualFunc(a.Labels, b.Labels, slices.Equal)
}

// CheckUnitMap refuses a unit_map that sends several old paths to one new
// path: the merged group would be compared with none of its parts, and a
// merge computed from published parts is not what the rules published.
func CheckUnitMap(unitMap map[string]string) error {
	byNew := map[string][]string{}
	for old, cur := range unitMap {
		if strings.TrimSpace(old) == "" || strings.TrimSpace(cur) == "" {
			return vigie.Errorf(vigie.EINVALID, "unit_map : un chemin de service vide (« %s » → « %s »)", old, cur)
		}
		byNew[cur] = append(byNew[cur], old)
	}
	for _, cur := range slices.Sorted(maps.Keys(byNew)) {
		if olds := byNew[cur]; len(olds) > 1 {
			slices.Sort(olds)
			return vigie.Errorf(vigie.EINVALID, "unit_map : plusieurs services (« %s ») deviennent « %s » ; une fusion ne se compare pas : "+
				"les groupes d'avant ne sont pas ceux d'aujourd'hui. Renommez au plus un ancien service vers chaque nouveau.",
				strings.Join(olds, " », « "), cur)
		}
	}
	return nil
}

// CheckRenames refuses unitMap when it would bring two of the previous
// wave's unit paths (names joined by "/") to one path, as CompareWaves
// would; a campaign checks it when it is linked to its previous wave, so
// that the merge is refused then rather than when results are read.
func CheckRenames(paths []string, unitMap map[string]string) error {
	if err := CheckUnitMap(unitMap); err != nil {
		return err
	}
	from := map[string]string{}
	for _, p := range paths {
		to := mapUnit(p, unitMap)
		if other, ok := from[to]; ok && other != p {
			return mergeError(other, p, to)
		}
		from[to] = p
	}
	return nil
}

func mergeError(a, b, to string) error {
	a, b = min(a, b), max(a, b)
	return vigie.Errorf(vigie.EINVALID, "unit_map : les services « %s » et « %s » de la vague précédente deviennent tous deux « %s » ; "+
		"une fusion ne se compare pas. Renommez au plus un ancien service vers chaque nouveau.", a, b, to)
}

// RenameUnit is the path a previous wave's unit path (names joined by "/")
// has today under unitMap: the longest renamed prefix wins, so renaming
// "Direction A" renames its sub-units too.
func RenameUnit(path string, unitMap map[string]string) string { return mapUnit(path, unitMap) }

func mapUnit(path string, unitMap map[string]string) string {
	best := ""
	for old := range unitMap {
		if (path == old || strings.HasPrefix(path, old+"/")) && len(old) > len(best) {
			best = old
		}
	}
	if best == "" {
		return path
	}
	return unitMap[best] + path[len(best):]
}

// CompareWaves computes the trends of cur against prev, the previous
// wave's result, with each wave's questionnaire and the unit renames. A
// group is compared when it is published in both waves (after renaming),
// a measure when it is published in both and comparable.
func CompareWaves(prevQ, curQ *questionnaires.Questionnaire, prev, cur *Result, unitMap map[string]string) (*Trends, error) {
	if err := CheckUnitMap(unitMap); err != nil {
		return nil, err
	}
	t := &Trends{Previous: PreviousWave{Respondents: prev.Respondents}, Groups: map[string]*GroupTrend{}}
	if reasons := Comparability(prevQ, curQ); len(reasons) > 0 {
		t.NonComparable = reasons
	}
	before := map[string]*Group{}
	from := map[string]string{} // today's id -> the previous id it came from
	for _, g := range prev.Groups {
		id := g.ID
		if g.Kind == KindUnit {
			id = "unit:" + mapUnit(strings.TrimPrefix(g.ID, "unit:"), unitMap)
		}
		if other, ok := from[id]; ok {
			return nil, mergeError(strings.TrimPrefix(other, "unit:"), strings.TrimPrefix(g.ID, "unit:"), strings.TrimPrefix(id, "unit:"))
		}
		from[id] = g.ID
		before[id] = g
	}
	for _, g := range cur.Groups {
		p := before[g.ID]
		if g.Suppressed || p == nil || p.Suppressed {
			continue
		}
		gt := &GroupTrend{Dimensions: map[string]*DimensionTrend{}, Indicators: map[string]*IndicatorTrend{}}
		for _, d := range curQ.Dimensions {
			if t.NonComparable[d.ID] != "" {
				continue
			}
			a, b := p.Dimensions[d.ID], g.Dimensions[d.ID]
			if published(a) && published(b) {
				gt.Dimensions[d.ID] = DimensionChange(d.Direction, a, b)
			}
		}
		for _, ind := range curQ.Indicators {
			if t.NonComparable[ind.ID] != "" {
				continue
			}
			a, b := p.Indicators[ind.ID], g.Indicators[ind.ID]
			if a != nil && b != nil && !a.Suppressed && !b.Suppressed {
				gt.Indicators[ind.ID] = &IndicatorTrend{PreviousMean: round(a.Mean, 2), Delta: shownDelta(b.Mean, a.Mean, 2)}
			}
		}
		t.Groups[g.ID] = gt
	}
	return t, nil
}

func published(d *DimensionStats) bool { return d != nil && !d.Suppressed }

// SortedGroupIDs returns the ids of t's groups in the order of res, today's
// result, so that a table of trends reads like the table of results.
func (t *Trends) SortedGroupIDs(res *Result) []string {
	return inResultOrder(slices.Collect(maps.Keys(t.Groups)), res)
}

// inResultOrder sorts group ids in the order of res's groups.
func inResultOrder(ids []string, res *Result) []string {
	pos := map[string]int{}
	for i, g := range res.Groups {
		pos[g.ID] = i
	}
	slices.SortFunc(ids, func(a, b string) int { return cmp.Compare(pos[a], pos[b]) })
	return ids
}
