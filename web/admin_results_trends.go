package web

import (
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// trendMark is a change since the previous wave in a results cell: an
// arrow and the difference, with the interval in words for whoever wants
// it (title and screen readers).
type trendMark struct {
	Arrow  string // ▲, ▼ or =
	Delta  string // "+2,9"
	Change string // stable, better, worse: only the last two are coloured
	Words  string // « en hausse, de +0,4 à +5,4 points : dégradation »
}

// resultsTrends is what the results page says about the previous wave.
type resultsTrends struct {
	PreviousTitle string
	NonComparable []string // « Dimension : raison »
}

// addTrends puts each group's trends into the cells of the heat maps and
// indicators of p, which buildResultsPage laid out from res.
func addTrends(p *resultsPage, q *questionnaires.Questionnaire, res *scoring.Result, t *scoring.Trends, previousTitle string) {
	p.Trends = &resultsTrends{PreviousTitle: previousTitle}
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
				row.Cells[j].Trend = dimensionMark(dt)
			}
		}
		if len(q.Indicators) > 0 && i < len(p.IndicatorRows) {
			for j, ind := range q.Indicators {
				if it := gt.Indicators[ind.ID]; it != nil {
					p.IndicatorRows[i].Cells[j].Trend = &trendMark{Arrow: arrow(it.Delta), Delta: signed(it.Delta, 2), Change: string(scoring.Stable),
						Words: "écart avec la vague précédente : " + signed(it.Delta, 2)}
				}
			}
		}
	})
}

func dimensionMark(t *scoring.DimensionTrend) *trendMark {
	lo, hi := signed(t.CI95[0], 1), signed(t.CI95[1], 1)
	words := "stable (de " + lo + " à " + hi + " points)"
	switch {
	case t.Change == scoring.Stable:
	case t.CI95[0] > 0:
		words = "en hausse, de " + lo + " à " + hi + " points : "
	default:
		words = "en baisse, de " + lo + " à " + hi + " points : "
	}
	switch t.Change {
	case scoring.Better:
		words += "amélioration"
	case scoring.Worse:
		words += "dégradation"
	}
	return &trendMark{Arrow: arrow(t.Delta), Delta: signed(t.Delta, 1), Change: string(t.Change), Words: words}
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
