package reports

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
)

// items writes the Items sheet: one row per questionnaire, group and item
// with the number of answers and the count of each scale value, one column
// per value from the lowest to the highest of all scales. The committee
// variant has it only when the consultant asked for the item annex.
func (b *xlsxBook) items() error {
	if b.r.Audience != dossier.AudienceConsultant && !b.r.IncludeItemAnnex {
		return nil
	}
	lo, hi, n := 0, -1, 0
	for _, s := range b.r.Sections {
		for _, sc := range s.Questionnaire.Scales {
			if hi < lo {
				lo, hi = sc.Min, sc.Max
			}
			lo, hi = min(lo, sc.Min), max(hi, sc.Max)
		}
		n += len(s.Result.Groups) * len(s.Questionnaire.Items())
	}
	cols := []column{
		{b.t("questionnaire"), 20, b.text},
		{b.t("word.group"), 28, b.text},
		{b.t("kind"), 10, b.text},
		{b.t("label"), 24, b.text},
		{b.t("word.dimension"), 24, b.text},
		{b.t("item_text"), 60, b.text},
		{b.t("reversed"), 9, b.text},
		{b.t("scale"), 60, b.text},
		{b.t("status"), 10, b.text},
		{b.t("answers"), 10, b.integer},
	}
	const counts = 10 // the value columns start after these
	for v := lo; v <= hi; v++ {
		cols = append(cols, column{strconv.Itoa(v), 7, b.integer})
	}
	cols = append(cols, codeColumns(b, "dimension_id")...)
	cols = append(cols, column{b.t("item_id"), 10, b.text})
	return b.table(SheetItems, cols, n, nil, func(emit func(...any) error) error {
		row := make([]any, len(cols))
		for _, s := range b.r.Sections {
			q := s.Questionnaire
			for _, g := range s.Result.Groups {
				for _, it := range q.Items() {
					clear(row)
					reversed := b.t("no")
					if it.Reverse {
						reversed = b.t("yes")
					}
					row[0], row[1], row[2], row[3] = b.questionnaireTitle(q), b.groupName(g), b.kind(g.Kind), b.groupLabel(g)
					row[4] = b.dimensionTitle(q, q.Dimension(it.Dimension))
					row[5], row[6], row[7] = it.Text.In(b.lang, q.Language), reversed, b.scaleLabels(q, it.Scale)
					copy(row[len(row)-4:], []any{q.ID, g.ID, it.Dimension, it.ID})
					st := g.Items[it.ID]
					switch {
					case g.Suppressed, st == nil, st.Suppressed:
						row[8] = b.t("masked")
					default:
						row[8], row[9] = b.t("published"), st.N
						for v := lo; v <= hi; v++ {
							if c, ok := st.Counts[strconv.Itoa(v)]; ok {
								row[counts+v-lo] = c
							}
						}
					}
					if err := emit(row...); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// scaleLabels writes a scale as "1 = Pas du tout d'accord ; … ; 5 = Tout
// à fait d'accord", so that the value columns can be read: scales differ
// from item to item.
func (b *xlsxBook) scaleLabels(q *questionnaires.Questionnaire, sc *questionnaires.Scale) string {
	if sc == nil {
		return ""
	}
	parts := make([]string, 0, sc.Max-sc.Min+1)
	for v := sc.Min; v <= sc.Max; v++ {
		parts = append(parts, fmt.Sprintf("%d = %s", v, sc.Label(v, b.lang, q.Language)))
	}
	return strings.Join(parts, tr(b.lang, "list_sep"))
}

// reliability writes the Fiabilité sheet: Cronbach's alpha of each
// dimension over all respondents, "—" when too few answered every item.
func (b *xlsxBook) reliability() error {
	cols := []column{
		{b.t("questionnaire"), 24, b.text},
		{b.t("word.dimension"), 36, b.text},
		{b.t("alpha"), 12, b.decimal2},
		{b.t("alpha_n"), 14, b.integer},
		{b.t("word.reading"), 36, b.text},
		{b.t("questionnaire_id"), 16, b.text},
		{b.t("dimension_id"), 16, b.text},
	}
	n := 0
	for _, s := range b.r.Sections {
		n += len(s.Questionnaire.Dimensions)
	}
	return b.table(SheetReliability, cols, n, nil, func(emit func(...any) error) error {
		for _, s := range b.r.Sections {
			q := s.Questionnaire
			for _, d := range q.Dimensions {
				rel, ok := s.Result.Reliability[d.ID]
				var alpha, count any = "—", nil
				reading := tr(b.lang, "alpha_none")
				if ok {
					count = rel.N
					if rel.Alpha != nil {
						alpha = roundRatio(*rel.Alpha)
						reading = tr(b.lang, alphaReading(*rel.Alpha))
					}
				}
				if err := emit(b.questionnaireTitle(q), b.dimensionTitle(q, d), alpha, count, reading, q.ID, d.ID); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// indicators writes the Indicateurs sheet: one row per questionnaire,
// group and indicator, suppressed ones without figures (not even the
// threshold, so that a masked row never holds a number).
func (b *xlsxBook) indicators() error {
	cols := []column{
		{b.t("questionnaire"), 24, b.text},
		{b.t("word.group"), 30, b.text},
		{b.t("kind"), 10, b.text},
		{b.t("label"), 24, b.text},
		{b.t("indicator"), 30, b.text},
		{b.t("status"), 10, b.text},
		{b.threshold(), 9, 0},
		{b.t("n"), 8, b.integer},
		{b.t("word.mean"), 10, b.decimal2},
		{b.t("share_above"), 12, b.percent},
	}
	cols = append(cols, codeColumns(b, "indicator_id")...)
	n := 0
	for _, s := range b.r.Sections {
		n += len(s.Result.Groups) * len(s.Questionnaire.Indicators)
	}
	return b.table(SheetIndicators, cols, n, nil, func(emit func(...any) error) error {
		for _, s := range b.r.Sections {
			q := s.Questionnaire
			for _, g := range s.Result.Groups {
				for _, ind := range q.Indicators {
					head := []any{b.questionnaireTitle(q), b.groupName(g), b.kind(g.Kind), b.groupLabel(g), ind.Title.In(b.lang, q.Language)}
					codes := []any{q.ID, g.ID, ind.ID}
					st := g.Indicators[ind.ID]
					var err error
					if g.Suppressed || st == nil || st.Suppressed {
						err = emit(withCodes(len(cols), append(head, b.t("masked")), codes)...)
					} else {
						err = emit(withCodes(len(cols), append(head, b.t("published"), ind.Threshold, st.N, roundRatio(st.Mean), roundShare(st.ShareAbove)), codes)...)
					}
					if err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// threshold heads the threshold column, pointing to the note of a
// threshold borrowed from a published instrument when there is one.
func (b *xlsxBook) threshold() string {
	for _, s := range b.r.Sections {
		for _, ind := range s.Questionnaire.Indicators {
			if ThresholdNote(b.lang, s.Questionnaire.ID, ind.ID) != "" {
				return b.t("threshold") + " " + b.t("threshold_borrowed")
			}
		}
	}
	return b.t("threshold")
}
