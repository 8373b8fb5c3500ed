package reports

import (
	"slices"

	"github.com/vigie-sante/vigie/questionnaires"
)

// scores writes the consultant's Scores sheet: one row per anonymised
// respondent (Section.Rows) with the questionnaire, unit, segment
// categories and dimension scores. It is by far the largest sheet, hence
// streamed. The rows are written as given: k-anonymity is the job of
// scoring.AnonymiseRows, upstream.
func (b *xlsxBook) scores() error {
	var segments []string
	n := 0
	for _, s := range b.r.Sections {
		n += len(s.Rows)
		for _, row := range s.Rows {
			for id := range row.Segments {
				if !slices.Contains(segments, id) {
					segments = append(segments, id)
				}
			}
		}
	}
	slices.Sort(segments)
	type dimCol struct {
		q *questionnaires.Questionnaire
		d *questionnaires.Dimension
	}
	var dims []dimCol
	cols := []column{
		{b.t("questionnaire"), 18, b.text},
		{b.t("unit"), 36, b.text},
	}
	for _, id := range segments {
		cols = append(cols, column{id, 16, b.text})
	}
	for _, s := range b.r.Sections {
		for _, d := range s.Questionnaire.Dimensions {
			dims = append(dims, dimCol{s.Questionnaire, d})
			cols = append(cols, column{b.dimensionHeader(s.Questionnaire, d), 14, b.decimal1})
		}
	}
	return b.table(SheetScores, cols, n, nil, func(emit func(...any) error) error {
		cells := make([]any, len(cols))
		for _, s := range b.r.Sections {
			for _, row := range s.Rows {
				clear(cells)
				cells[0], cells[1] = s.Questionnaire.ID, unitDisplay(row.Unit)
				for i, id := range segments {
					if c, ok := row.Segments[id]; ok {
						cells[2+i] = c
					}
				}
				for i, dc := range dims {
					if dc.q != s.Questionnaire {
						continue
					}
					if v := row.Scores[dc.d.ID]; v != nil {
						cells[2+len(segments)+i] = *v
					}
				}
				if err := emit(cells...); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
