package web

import (
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// resultsReference is what the results page says about the reference its
// figures are compared with.
type resultsReference struct {
	Name     string   // « Norme COPSOQ (2024), valeurs importées par l'intervenant »
	Others   []string // other references that exist but are not shown
	Problems []string // why a reference could not be compared
	Rows     []referenceRow
	// View is true when the heat map shows the differences from the
	// reference instead of the scores (?vue=reference).
	View bool
}

// referenceRow is one dimension of the whole population against the
// reference.
type referenceRow struct {
	Dimension string
	Value     string // the organisation's mean
	Reference string
	Delta     string
	Change    string // stable, better, worse, more_marked, less_marked
	Short     string // « moins favorable »
	Interval  string // « de +1,0 à +4,9 », the 95 % interval
	Words     string
}

// refMark is a cell's difference from the reference in the heat map's
// « vs référence » view.
type refMark struct {
	Delta  string
	Change string // stable, better, worse, more_marked, less_marked
	Short  string // « proche », « moins favorable », « signal plus marqué »
	Words  string
}

// addReference puts the comparison with the reference into p: the table
// of the whole population, and each published cell's difference for the
// heat map's « vs référence » view.
func addReference(p *resultsPage, q *questionnaires.Questionnaire, res *scoring.Result, ch *referenceChoice, view bool) {
	if ch.Comparison == nil && len(ch.Problems) == 0 {
		return
	}
	p.Reference = &resultsReference{Others: ch.Others, Problems: ch.Problems}
	c := ch.Comparison
	if c == nil {
		return
	}
	p.Reference.View = view
	p.Reference.Name = referenceName(c)
	if view {
		for _, rows := range [][]heatRow{p.Heat, p.Segments} {
			for i := range rows {
				for j := range rows[i].Cells {
					rows[i].Cells[j].RefView = true
				}
			}
		}
	}
	eachGroupRow(p, res, func(_ int, g *scoring.Group, row *heatRow) {
		gr := c.Groups[g.ID]
		if gr == nil {
			return
		}
		for j, d := range q.Dimensions {
			rc := gr.Dimensions[d.ID]
			if rc == nil || j >= len(row.Cells) {
				continue
			}
			words := referenceWords(rc)
			row.Cells[j].Ref = &refMark{Delta: signed(rc.Delta, 1), Change: string(rc.Change), Short: referenceShort[rc.Change], Words: words}
			if g.Kind == scoring.KindAll {
				p.Reference.Rows = append(p.Reference.Rows, referenceRow{
					Dimension: d.Title.In("fr", q.Language), Value: decimal(g.Dimensions[d.ID].Mean, 1),
					Reference: decimal(rc.ReferenceMean, 1), Delta: signed(rc.Delta, 1), Change: string(rc.Change), Words: words,
					Short: referenceShort[rc.Change], Interval: "de " + signed(rc.CI95[0], 1) + " à " + signed(rc.CI95[1], 1),
				})
			}
		}
	})
}

// referenceShort are the verdicts of the heat map's cells.
var referenceShort = map[scoring.Change]string{
	scoring.Stable: "proche", scoring.Better: "plus favorable", scoring.Worse: "moins favorable",
	scoring.MoreMarked: "signal plus marqué", scoring.LessMarked: "signal moins marqué",
}

// referenceName names a reference for the reader.
func referenceName(c *scoring.ReferenceComparison) string {
	if c.Organisations != nil {
		return c.Source
	}
	return c.Source + ", valeurs importées par l’intervenant"
}

// referenceWords says a dimension's difference from the reference in
// plain French, read as a trend is: « au-dessus de la référence, de +1,0
// à +4,9 points : moins favorable ». A defensive strategy reads as a
// signal, more or less marked, never better or worse.
func referenceWords(rc *scoring.DimensionReference) string {
	lo, hi := signed(rc.CI95[0], 1), signed(rc.CI95[1], 1)
	if rc.Change == scoring.Stable {
		return "proche de la référence (écart de " + lo + " à " + hi + " points)"
	}
	words := "en dessous de la référence, de " + lo + " à " + hi + " points : "
	if rc.CI95[0] > 0 {
		words = "au-dessus de la référence, de " + lo + " à " + hi + " points : "
	}
	switch rc.Change {
	case scoring.Better:
		words += "plus favorable"
	case scoring.Worse:
		words += "moins favorable"
	case scoring.MoreMarked:
		words += "signal plus marqué"
	case scoring.LessMarked:
		words += "signal moins marqué"
	}
	return words
}
