package web

import (
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// trendMark is a change since the previous wave in a results cell: an
// arrow, the difference and the previous wave's value, with the interval
// in words for whoever wants it (title and screen readers).
type trendMark struct {
	Arrow    string // ▲, ▼ or =
	Delta    string // "+2,9"
	Wave     string // the previous wave's short name: « 2025 »
	Previous string // its value, rounded as the cell's score is: "73"
	// Change is stable, better, worse, or signal for a defensive strategy
	// that moved: only better and worse are coloured (green, red), a
	// signal is never judged better or worse.
	Change string
	Words  string // « +2,9 points (de +0,4 à +5,4) : en hausse, dégradation »
}

// resultsTrends is what the results page says about the previous wave.
type resultsTrends struct {
	PreviousTitle string
	NonComparable []string // « Dimension : raison »
}

// addTrends puts each group's trends into the cells of the heat maps and
// indicators of p, which buildResultsPage laid out from res.
func addTrends(p *resultsPage, q *questionnaires.Questionnaire, res *scoring.Result, t *scoring.Trends, previousTitle, currentTitle string) {
	p.Trends = &resultsTrends{PreviousTitle: previousTitle}
	wave, _ := reports.WaveNames("fr", previousTitle, currentTitle)
	if len([]rune(wave)) > 12 {
		wave = "avant" // a long title does not fit under a score
	}
	for _, d := range q.Dimensions {
		if why := t.NonComparable[d.ID]; why != "" {
			p.Trends.NonComparable = append(p.Trends.NonComparable, d.Title.In("fr", q.Language)+" : "+why)
		}
	}
	for _, ind := range q.Indicators {
		if why := t.NonComparable[ind.ID]; why != "" {
			p.Trends.NonComparable = append(p.Trends.NonComparable, ind.Title.In("fr", q.Language)+" : "+why)
		}
	}
	eachGroupRow(p, res, func(i int, g *scoring.Group, row *heatRow) {
		gt := t.Groups[g.ID]
		if gt == nil {
			return
		}
		for j, d := range q.Dimensions {
			if dt := gt.Dimensions[d.ID]; dt != nil && j < len(row.Cells) {
				row.Cells[j].Trend = dimensionMark(dt, d.Signal(), wave)
			}
		}
		if len(q.Indicators) > 0 && i < len(p.IndicatorRows) {
			for j, ind := range q.Indicators {
				if it := gt.Indicators[ind.ID]; it != nil {
					p.IndicatorRows[i].Cells[j].Trend = &trendMark{Arrow: arrow(it.Delta), Delta: signed(it.Delta, 2), Change: string(scoring.Stable),
						Wave: wave, Previous: decimal(it.PreviousMean, 2), Words: "écart avec la vague précédente : " + signed(it.Delta, 2)}
				}
			}
		}
	})
}

// dimensionMark is the mark of a dimension's change, in the words of the
// PDF and the workbook (reports.TrendWords); a defensive strategy's
// change is a signal more or less marked, never coloured as better or
// worse.
func dimensionMark(t *scoring.DimensionTrend, signal bool, wave string) *trendMark {
	change := string(t.Change)
	if signal && t.Change != scoring.Stable {
		change = "signal"
	}
	return &trendMark{Arrow: arrow(t.Delta), Delta: signed(t.Delta, 1), Wave: wave, Previous: decimal(t.PreviousMean, 0),
		Change: change, Words: reports.TrendWords("fr", t, signal)}
}

func arrow(delta float64) string {
	switch {
	case delta > 0:
		return "▲"
	case delta < 0:
		return "▼"
	}
	return "="
}

// signed writes x with its sign and a French decimal comma: "+2,9",
// "−0,4" (a true minus sign), "0,0".
func signed(x float64, d int) string {
	s := decimal(x, d)
	switch {
	case s[0] == '-':
		return "−" + s[1:]
	case x == 0 || decimal(0, d) == s:
		return s
	}
	return "+" + s
}
