package store

import (
	"math"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/scoring"
)

// The differencing rule of the portfolio (docs/scoring.md section 7).
//
// Every frozen version publishes, for each measure of a questionnaire
// version, figures computed from a set of contributions: one closed
// campaign's published overall figure for that measure (one campaign per
// organisation). A contributor's history is the set of (version, measure)
// pairs it entered, over every measure of the questionnaire version;
// contributors with the same history form a cell. Every figure a version
// publishes of a measure (mean, SD, quartiles, number of organisations,
// respondents) is a symmetric function of the contributions it holds, and
// a version holds whole cells: exchanging every figure of two
// contributors of one cell changes nothing published, in any version, of
// any measure. So whatever an attacker computes from every version, and
// from its own figures, says nothing that tells two members of a cell
// apart. The rule: every cell holds at least min + 1 contributors (min
// organisations besides a reader's own, which it knows), or none.
//
// A new version must keep the rule. nextEntries chooses what enters it
// among the candidates (the campaigns available now, each with the
// measures it published) cell by cell: the new version splits each old
// cell into those it keeps and those it leaves, and takes new
// contributors as one new cell. A part that stays enters with the
// measures all its members published. A split with a part of 1 to min
// contributors is refused: the cell is left out whole, its members
// waiting for the next version (or, if they left the portfolio, the cell
// stays out). A measure with fewer than min + 1 contributors is left out
// of the new version. Leaving a cell out, or a measure, never splits a
// cell: the old cells stay as they were.

// nextEntries returns what enters the next version of one questionnaire
// version: for each contributor, the measures it enters (none: absent).
// history gives, for each contributor that entered a version, the
// (version, measure) pairs it entered ("3:d:effort"); candidates the
// measures each available contributor published now.
func nextEntries(history map[string][]string, candidates map[string][]string, min int) map[string][]string {
	type cell struct {
		in       []string
		out      int
		measures []string // those every member of in published
	}
	cells := map[string]*cell{}
	at := func(key string) *cell {
		c := cells[key]
		if c == nil {
			c = &cell{}
			cells[key] = c
		}
		return c
	}
	for id, ms := range candidates {
		c := at(historyKey(history[id]))
		if c.in == nil {
			c.measures = slices.Clone(ms)
		} else {
			c.measures = slices.DeleteFunc(c.measures, func(m string) bool { return !slices.Contains(ms, m) })
		}
		c.in = append(c.in, id)
	}
	for id, h := range history {
		if _, ok := candidates[id]; !ok && len(h) > 0 {
			at(historyKey(h)).out++
		}
	}
	small := func(n int) bool { return n >= 1 && n <= min }
	entries := map[string][]string{}
	count := map[string]int{} // contributors by measure
	for _, c := range cells {
		if len(c.measures) == 0 || small(len(c.in)) || (len(c.in) > 0 && small(c.out)) {
			continue // a new cell under min+1, or a split leaving a small part
		}
		for _, id := range c.in {
			entries[id] = c.measures
		}
		for _, m := range c.measures {
			count[m] += len(c.in)
		}
	}
	for id, ms := range entries {
		ms = slices.DeleteFunc(slices.Clone(ms), func(m string) bool { return count[m] < min+1 })
		if len(ms) == 0 {
			delete(entries, id)
		} else {
			slices.Sort(ms)
			entries[id] = ms
		}
	}
	return entries
}

// historyKey writes a history as a map key: "" for none.
func historyKey(entered []string) string {
	s := slices.Clone(entered)
	slices.Sort(s)
	return strings.Join(s, "|")
}

// contribution is one organisation's published overall figure for one
// measure: the mean of its "all" group and the respondents behind it.
type contribution struct {
	Campaign     string
	Organisation string // normalised (normaliseOrganisation)
	Mean         float64
	N            int
}

// referenceValue is the portfolio's figure of one measure from its
// contributions: the mean of their means, their SD (n - 1), the quartiles
// of their means (linear interpolation between order statistics, as a
// spreadsheet's QUARTILE.INC), how many organisations and the
// respondents behind them.
func referenceValue(list []contribution) scoring.ReferenceValue {
	means := make([]float64, len(list))
	v := scoring.ReferenceValue{N: len(list)}
	sum := 0.0
	for i, c := range list {
		means[i] = c.Mean
		sum += c.Mean
		v.Respondents += c.N
	}
	if len(list) == 0 {
		return v
	}
	v.Mean = sum / float64(len(list))
	if len(list) > 1 {
		ss := 0.0
		for _, m := range means {
			ss += (m - v.Mean) * (m - v.Mean)
		}
		v.SD = math.Sqrt(ss / float64(len(list)-1))
	}
	slices.Sort(means)
	v.Q1, v.Median, v.Q3 = quantile(means, 0.25), quantile(means, 0.5), quantile(means, 0.75)
	return v
}

// quantile is the p-quantile of sorted values, interpolating linearly
// between order statistics (type 7).
func quantile(sorted []float64, p float64) float64 {
	pos := p * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}
