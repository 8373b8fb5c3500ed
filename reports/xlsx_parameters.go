package reports

import (
	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/questionnaires"
)

// parameters writes the Paramètres sheet in long form, one parameter per
// row (name, questionnaire, dimension, value), so that it stays a single
// filterable table: the report's settings, then each questionnaire's
// version and each dimension's direction, cut-offs and number of items.
func (b *xlsxBook) parameters() error {
	type param struct {
		key, q, d string
		v         any
	}
	r := b.r
	ps := []param{
		{key: "k", v: r.MinGroupSize},
		{key: "comment_k", v: r.CommentMinGroupSize},
		{key: "audience", v: b.t(string(r.Audience))},
		{key: "word.language", v: b.lang},
		{key: "generated", v: excelize.Cell{StyleID: b.dateTime, Value: r.GeneratedAt.UTC()}},
	}
	if v := versionShown(r.Version); v != "" {
		ps = append(ps, param{key: "version", v: v})
	}
	if period, fromWeeks := periodText(r, b.lang); period != "" {
		ps = append(ps, param{key: "period", v: period})
		if fromWeeks {
			ps = append(ps, param{key: "period_note", v: tr(b.lang, "period_note")})
		}
	}
	// The limits of the method, where a reader of the workbook alone
	// meets them: same words as the PDF's method.
	limits := []string{"limits_instruments", "limits_cutoffs", "limits_norms"}
	if b.hasSignals() {
		limits = append(limits, "limits_defensive")
	}
	for _, key := range limits {
		ps = append(ps, param{key: "word.limits", v: tr(b.lang, key)})
	}
	for _, s := range r.Sections {
		for _, ind := range s.Questionnaire.Indicators {
			if note := ThresholdNote(b.lang, s.Questionnaire.ID, ind.ID); note != "" {
				ps = append(ps, param{key: "word.limits", v: note})
			}
		}
	}
	for _, s := range r.Sections {
		q := s.Questionnaire
		ps = append(ps, param{"qversion", q.ID, "", q.Version})
		for _, d := range q.Dimensions {
			dir := "dir_worse"
			if d.Direction == questionnaires.HigherIsBetter {
				dir = "dir_better"
			}
			ps = append(ps,
				param{"word.direction", q.ID, d.ID, tr(b.lang, schemeOf(d).key(dir))},
				param{"word.cut_low", q.ID, d.ID, d.Cutoffs.Low},
				param{"word.cut_high", q.ID, d.ID, d.Cutoffs.High},
				param{"items", q.ID, d.ID, len(d.Items)},
			)
		}
	}
	cols := []column{
		{b.t("parameter"), 28, b.text},
		{b.t("questionnaire"), 22, b.text},
		{b.t("dimension_id"), 22, b.text},
		{b.t("value"), 100, b.wrapped},
	}
	return b.table(SheetParameters, cols, len(ps), nil, func(emit func(...any) error) error {
		for _, p := range ps {
			if err := emit(b.t(p.key), p.q, p.d, p.v); err != nil {
				return err
			}
		}
		return nil
	})
}
