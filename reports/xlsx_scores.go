package reports

import (
	"slices"
	"strings"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// scores writes the consultant's Scores sheet: one row per anonymised
// respondent (Section.Rows) with the questionnaire, unit, segment
// categories and dimension scores. It is by far the largest sheet, hence
// streamed. The rows should come from scoring.AnonymiseRows; if a
// section's rows do not meet k (a caller that forgot), they are anonymised
// here, because this sheet is the one place where a respondent's own
// scores leave Vigie.
func (b *xlsxBook) scores() error {
	sections := make([][]scoring.ScoreRow, len(b.r.Sections))
	for i, s := range b.r.Sections {
		sections[i] = s.Rows
		if !kAnonymous(s.Rows, b.r.MinGroupSize) {
			sections[i] = scoring.AnonymiseRows(s.Rows, b.r.MinGroupSize)
		}
	}
	var segments []string
	n := 0
	for _, rows := range sections {
		n += len(rows)
		for _, row := range rows {
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
		cols = append(cols, column{b.r.segmentLabel(id), 16, b.text})
	}
	for _, s := range b.r.Sections {
		for _, d := range s.Questionnaire.Dimensions {
			dims = append(dims, dimCol{s.Questionnaire, d})
			cols = append(cols, column{b.dimensionHeader(s.Questionnaire, d), 14, b.decimal1})
		}
	}
	return b.table(SheetScores, cols, n, nil, func(emit func(...any) error) error {
		cells := make([]any, len(cols))
		for si, s := range b.r.Sections {
			for _, row := range sections[si] {
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

// kAnonymous reports whether every combination of unit and segment
// categories in rows (as the sheet shows them) occurs at least k times,
// with k read as scoring.AnonymiseRows reads it.
func kAnonymous(rows []scoring.ScoreRow, k int) bool {
	switch {
	case k <= 0:
		k = scoring.DefaultMinGroupSize
	case k < scoring.MinimumMinGroupSize:
		k = scoring.MinimumMinGroupSize
	}
	count := map[string]int{}
	var key strings.Builder
	var ids []string
	for _, row := range rows {
		key.Reset()
		key.WriteString(unitDisplay(row.Unit))
		ids = ids[:0]
		for id, c := range row.Segments {
			if c != "" {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		for _, id := range ids {
			key.WriteString("\x00" + id + "\x01" + row.Segments[id])
		}
		count[key.String()]++
	}
	for _, n := range count {
		if n < k {
			return false
		}
	}
	return true
}
