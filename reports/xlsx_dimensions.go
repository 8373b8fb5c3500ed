package reports

import (
	"strings"

	"github.com/vigie-sante/vigie/scoring"
)

// dimensions writes the Dimensions sheet: one row per questionnaire, group
// and dimension, one value per cell, so that it feeds a pivot table as it
// is. A suppressed group or measure keeps its row, to show that it exists,
// with "masqué" as its status and no figure at all.
func (b *xlsxBook) dimensions() error {
	cols := []column{
		{b.t("questionnaire"), 24, b.text},
		{b.t("word.group"), 30, b.text},
		{b.t("kind"), 10, b.text},
		{b.t("label"), 24, b.text},
		{b.t("parent"), 20, b.text},
		{b.t("segment"), 14, b.text},
		{b.t("word.dimension"), 30, b.text},
		{b.t("status"), 10, b.text},
		{b.t("n"), 8, b.integer},
		{b.t("word.mean"), 10, b.decimal1},
		{b.t("sd"), 11, b.decimal1},
		{b.t("ci_low"), 11, b.decimal1},
		{b.t("ci_high"), 11, b.decimal1},
		{b.t("level"), 14, b.text},
		{b.shareHeader("share_fav"), 11, b.percent},
		{b.shareHeader("share_int"), 11, b.percent},
		{b.shareHeader("share_unf"), 11, b.percent},
	}
	cols = append(cols, codeColumns(b, "dimension_id")...)
	n := 0
	for _, s := range b.r.Sections {
		n += len(s.Result.Groups) * len(s.Questionnaire.Dimensions)
	}
	return b.table(SheetDimensions, cols, n, nil, func(emit func(...any) error) error {
		for _, s := range b.r.Sections {
			q := s.Questionnaire
			for _, g := range s.Result.Groups {
				for _, d := range q.Dimensions {
					head := []any{b.questionnaireTitle(q), b.groupName(g), b.kind(g.Kind), b.groupLabel(g), xlsxUnitID(g.Parent), b.r.SegmentLabel(g.Segment), b.dimensionTitle(q, d)}
					codes := []any{q.ID, g.ID, d.ID}
					ds := g.Dimensions[d.ID]
					if g.Suppressed || ds == nil || ds.Suppressed {
						if err := emit(withCodes(len(cols), append(head, b.t("masked")), codes)...); err != nil {
							return err
						}
						continue
					}
					err := emit(withCodes(len(cols), append(head, b.t("published"), ds.N, roundMean(ds.Mean), roundMean(ds.SD), roundMean(ds.CI95[0]), roundMean(ds.CI95[1]), b.level(d, ds.Level),
						roundShare(ds.Shares[scoring.Favourable]), roundShare(ds.Shares[scoring.Intermediate]), roundShare(ds.Shares[scoring.Unfavourable])), codes)...)
					if err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// codeColumns are the last columns of a table sheet: the codes of its
// questionnaire, group and measure (the measure's header key given), for
// whoever joins the workbook with other files. Labels come first.
func codeColumns(b *xlsxBook, measure string) []column {
	return []column{
		{b.t("questionnaire_id"), 16, b.text},
		{b.t("group_id"), 24, b.text},
		{b.t(measure), 16, b.text},
	}
}

// withCodes places codes in the last len(codes) of n cells, after values.
func withCodes(n int, values, codes []any) []any {
	row := make([]any, n)
	copy(row, values)
	copy(row[n-len(codes):], codes)
	return row
}

// groupLabel is the group's own label, "Ensemble" translated.
func (b *xlsxBook) groupLabel(g *scoring.Group) string {
	if g.Kind == scoring.KindAll {
		return b.t("word.all")
	}
	return g.Label
}

// xlsxUnitID shows a parent group id ("unit:A/B") as the unit's path.
func xlsxUnitID(id string) string {
	if path, ok := strings.CutPrefix(id, "unit:"); ok {
		return unitDisplay(strings.Split(path, "/"))
	}
	return id
}

// shareHeader heads a share column, naming the signal level too when the
// workbook has defensive strategies: their rows share the columns.
func (b *xlsxBook) shareHeader(key string) string {
	if b.hasSignals() {
		return b.t(key + "_signal")
	}
	return b.t(key)
}
