package reports

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// Colours of the Carte scale, as in the PDF's traffic lights.
const (
	mapGreen  = "63BE7B"
	mapYellow = "FFEB84"
	mapRed    = "F8696B"
)

// heatMap writes the Carte sheet: one row per group (all, units, segment
// categories), one column per dimension, the mean in each cell under a
// three-colour scale. The scale runs over the fixed 0-100 range, with its
// middle between the dimension's cut-offs, and goes from green to red
// along the dimension's direction, so that red always means unfavourable
// and colours compare across units. A suppressed group or measure shows
// "—", which the scale ignores.
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
		{b.t("group"), 24, b.text},
		{b.t("kind"), 10, b.text},
		{b.t("label"), 32, b.text},
	}
	for _, dc := range dims {
		cols = append(cols, column{b.dimensionHeader(dc.q, dc.d), 14, b.decimal1})
	}
	before := func(lastRow int) error {
		if lastRow < 2 {
			return nil
		}
		for i, dc := range dims {
			name, _ := excelize.ColumnNumberToName(len(cols) - len(dims) + i + 1)
			low, high := mapGreen, mapRed
			if dc.d.Direction == questionnaires.HigherIsBetter {
				low, high = mapRed, mapGreen
			}
			mid := 50.0
			if c := dc.d.Cutoffs; c.High > c.Low {
				mid = (c.Low + c.High) / 2
			}
			err := b.f.SetConditionalFormat(SheetMap, fmt.Sprintf("%s2:%s%d", name, name, lastRow), []excelize.ConditionalFormatOptions{{
				Type:     "3_color_scale",
				Criteria: "=",
				MinType:  "num", MinValue: "0", MinColor: low,
				MidType: "num", MidValue: strconv.FormatFloat(mid, 'f', -1, 64), MidColor: mapYellow,
				MaxType: "num", MaxValue: "100", MaxColor: high,
			}})
			if err != nil {
				return fmt.Errorf("colour scale: %w", err)
			}
		}
		return nil
	}
	return b.table(SheetMap, cols, len(groups), before, func(emit func(...any) error) error {
		row := make([]any, len(cols))
		for _, g := range groups {
			row[0], row[1], row[2] = g.ID, b.kind(g.Kind), b.groupName(g)
			for i, dc := range dims {
				var v any
				if sg := byID[dc.s][g.ID]; sg != nil {
					v = "—"
					if ds := sg.Dimensions[dc.d.ID]; !sg.Suppressed && ds != nil && !ds.Suppressed {
						v = ds.Mean
					}
				}
				row[3+i] = v
			}
			if err := emit(row...); err != nil {
				return err
			}
		}
		return nil
	})
}

func (b *xlsxBook) firstGroup(byID []map[string]*scoring.Group, id string) (*scoring.Group, bool) {
	for _, m := range byID {
		if g, ok := m[id]; ok {
			return g, true
		}
	}
	return nil, false
}

// dimensionHeader names a dimension column; the questionnaire is named too
// when the workbook has several.
func (b *xlsxBook) dimensionHeader(q *questionnaires.Questionnaire, d *questionnaires.Dimension) string {
	if len(b.r.Sections) > 1 {
		return q.ID + " : " + b.dimensionTitle(q, d)
	}
	return b.dimensionTitle(q, d)
}
