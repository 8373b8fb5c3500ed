package reports

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// heatMap writes the Carte sheet: one row per group (all, units, segment
// categories) with its n, one column per dimension. Each mean is a number
// drawn as the PDF's heat map draws it: the level's fill and its symbol
// (○ ◐ ●, in the number format, so that the cell stays a number), the
// defensive strategies in their own colours. A hidden group or measure
// says why in its cell, with no figure: « moins de k réponses » when the
// group or measure itself is below k, « masqué pour protéger un autre
// groupe » for a secondary suppression.
func (b *xlsxBook) heatMap() error {
	type dimCol struct {
		q *questionnaires.Questionnaire
		d *questionnaires.Dimension
		s int // section
	}
	var dims []dimCol
	for si, s := range b.r.Sections {
		for _, d := range s.Questionnaire.Dimensions {
			dims = append(dims, dimCol{s.Questionnaire, d, si})
		}
	}
	// Rows: every group of every section, in order of first appearance.
	var groups []*scoring.Group
	byID := make([]map[string]*scoring.Group, len(b.r.Sections))
	for si, s := range b.r.Sections {
		byID[si] = map[string]*scoring.Group{}
		for _, g := range s.Result.Groups {
			if _, seen := b.firstGroup(byID, g.ID); !seen {
				groups = append(groups, g)
			}
			byID[si][g.ID] = g
		}
	}

	cols := []column{
		{b.t("word.group"), 30, b.wrappedText},
		{b.t("kind"), 9, b.text},
		{b.t("n"), 6, b.integer},
		{b.t("status"), 18, b.wrappedText},
	}
	const first = 4 // dimension columns start after these
	// Narrow columns under upright titles: the map of a campaign of five
	// questionnaires (34 dimensions) still prints one page wide, readable.
	for _, dc := range dims {
		cols = append(cols, column{b.dimensionHeader(dc.q, dc.d), 8, b.narrowScore})
	}
	cols = append(cols, column{b.t("group_id"), 24, b.text})
	return b.table(SheetMap, cols, len(groups), nil, func(emit func(...any) error) error {
		row := make([]any, len(cols))
		for _, g := range groups {
			clear(row)
			row[0], row[1], row[len(row)-1] = b.groupName(g), b.kind(g.Kind), g.ID
			// n and the status are those of the first section that has
			// the group (a group has the same people in every section
			// when everyone answered every questionnaire).
			if fg, _ := b.firstGroup(byID, g.ID); fg.Suppressed {
				row[3] = b.maskedCell(maskedText(b.lang, fg.Reason, b.r.MinGroupSize))
			} else {
				row[2], row[3] = fg.Respondents, b.t("published")
			}
			for i, dc := range dims {
				sg := byID[dc.s][g.ID]
				if sg == nil {
					continue
				}
				row[first+i] = b.mapCell(schemeOf(dc.d), sg, dc.d.ID)
			}
			if err := emit(row...); err != nil {
				return err
			}
		}
		return nil
	})
}

// mapCell is the Carte cell of dimension id in g: the mean in its level's
// style, or why it is hidden.
func (b *xlsxBook) mapCell(sc scheme, g *scoring.Group, id string) any {
	if g.Suppressed {
		return b.maskedCell(b.cellReason(g.Reason))
	}
	ds := g.Dimensions[id]
	if ds == nil || ds.Suppressed {
		reason := scoring.ReasonBelowThreshold
		if ds != nil {
			reason = ds.Reason
		}
		return b.maskedCell(b.cellReason(reason))
	}
	return excelize.Cell{StyleID: b.levelStyles[levelStyleKey{sc.signals, ds.Level}], Value: roundMean(ds.Mean)}
}

// cellReason is the workbook text of a hidden cell: « moins de 5
// réponses » (nobody there included, as in every output) or « masqué pour
// protéger un autre groupe ».
func (b *xlsxBook) cellReason(reason string) string {
	if reason == scoring.ReasonSecondary {
		return b.t("word.masked_secondary")
	}
	return fmt.Sprintf(b.t("cell_below_k"), reportK(b.r.MinGroupSize))
}

// maskedCell is a grey text cell saying why there is no figure.
func (b *xlsxBook) maskedCell(s string) excelize.Cell {
	return excelize.Cell{StyleID: b.masked, Value: s}
}

// levelStyleKey names the style of a level in a scheme.
type levelStyleKey struct {
	signals bool
	level   scoring.Level
}

// newLevelStyles makes the six level styles of the Carte sheet (two
// schemes, three levels): the PDF's fills, white text on the darkest, and
// the level's symbol after the mean.
func (b *xlsxBook) newLevelStyles() error {
	b.levelStyles = map[levelStyleKey]int{}
	for _, signals := range []bool{false, true} {
		sc := scheme{signals: signals}
		for _, l := range scoring.Levels {
			format := `0.0" ` + levelSymbol(l) + `"`
			ink := sc.ink(l)
			id, err := b.f.NewStyle(&excelize.Style{
				Fill:         excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{sc.hex(l)}},
				Font:         &excelize.Font{Bold: true, Color: fmt.Sprintf("%02X%02X%02X", ink.R, ink.G, ink.B)},
				Alignment:    &excelize.Alignment{Horizontal: "center"},
				Border:       []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "right", Color: "FFFFFF", Style: 1}},
				CustomNumFmt: &format,
			})
			if err != nil {
				return fmt.Errorf("reports: xlsx level style: %w", err)
			}
			b.levelStyles[levelStyleKey{signals, l}] = id
		}
	}
	id, err := b.f.NewStyle(&excelize.Style{
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"ECECEC"}},
		Font:      &excelize.Font{Italic: true, Color: "555555"},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true},
		NumFmt:    49,
	})
	if err != nil {
		return fmt.Errorf("reports: xlsx masked style: %w", err)
	}
	b.masked = id
	return nil
}

func (b *xlsxBook) firstGroup(byID []map[string]*scoring.Group, id string) (*scoring.Group, bool) {
	for _, m := range byID {
		if g, ok := m[id]; ok {
			return g, true
		}
	}
	return nil, false
}

// dimensionHeader names a dimension column by its title; the
// questionnaire's title is added only when another questionnaire of the
// workbook has a dimension of the same title, and its code when the two
// questionnaires have the same title too.
func (b *xlsxBook) dimensionHeader(q *questionnaires.Questionnaire, d *questionnaires.Dimension) string {
	title := b.dimensionTitle(q, d)
	for _, s := range b.r.Sections {
		if s.Questionnaire == q {
			continue
		}
		for _, other := range s.Questionnaire.Dimensions {
			if b.dimensionTitle(s.Questionnaire, other) != title {
				continue
			}
			if b.questionnaireTitle(s.Questionnaire) == b.questionnaireTitle(q) {
				return q.ID + colon(b.lang) + title
			}
			return b.questionnaireTitle(q) + colon(b.lang) + title
		}
	}
	return title
}
