package reports

import "github.com/xuri/excelize/v2"

// trends writes the Évolution sheet when a section has trends: one row per
// group and measure compared, with the figures of both waves (headed by
// their years or titles, WaveNames), and one row per measure that could
// not be compared, with the reason. Every figure of a row is rounded the
// same way, as the PDF's trend tables print it: a dimension's means,
// change and interval to 0.1 point (shown so), an indicator's to 0.01.
// The change is the difference of the two means as shown
// (scoring.DimensionChange), so that 75.8 → 76.2 reads 0.4; the interval
// is computed from the exact means.
func (b *xlsxBook) trends() error {
	n := 0
	for _, s := range b.r.Sections {
		if s.Trends == nil {
			continue
		}
		n += len(s.Trends.NonComparable)
		for _, g := range s.Trends.Groups {
			n += len(g.Dimensions) + len(g.Indicators)
		}
	}
	if n == 0 && !b.hasTrends() {
		return nil
	}
	t := func(key string) string { return trendText(b.lang, key) }
	prev, cur := WaveNames(b.lang, b.r.PreviousTitle, b.r.Campaign)
	cols := []column{
		{b.t("questionnaire"), 24, b.text},
		{b.t("word.group"), 30, b.text},
		{b.t("kind"), 10, b.text},
		{t("measure"), 28, b.text},
		{prev, 11, b.decimal2},
		{cur, 11, b.decimal2},
		{t("word.difference"), 11, b.decimal2},
		{b.t("ci_low"), 11, b.decimal1},
		{b.t("ci_high"), 11, b.decimal1},
		{t("col_change"), 44, b.wrapped},
		{b.t("questionnaire_id"), 16, b.text},
		{b.t("group_id"), 24, b.text},
		{t("measure_id"), 16, b.text},
	}
	return b.table(SheetTrends, cols, n, nil, func(emit func(...any) error) error {
		for _, s := range b.r.Sections {
			tr := s.Trends
			if tr == nil {
				continue
			}
			q := s.Questionnaire
			for _, id := range tr.SortedGroupIDs(s.Result) {
				g := groupOf(s.Result, id)
				head := []any{b.questionnaireTitle(q), b.groupName(g), b.kind(g.Kind)}
				for _, d := range q.Dimensions {
					dt := tr.Groups[id].Dimensions[d.ID]
					ds := dimStats(g, d.ID)
					if dt == nil || ds == nil {
						continue
					}
					if err := emit(append(head, b.dimensionTitle(q, d), b.score(dt.PreviousMean), b.score(ds.Mean), b.score(dt.Delta),
						b.score(dt.CI95[0]), b.score(dt.CI95[1]), TrendWords(b.lang, dt, d.Signal()), q.ID, g.ID, d.ID)...); err != nil {
						return err
					}
				}
				for _, ind := range q.Indicators {
					it := tr.Groups[id].Indicators[ind.ID]
					is := indStats(g, ind.ID)
					if it == nil || is == nil {
						continue
					}
					if err := emit(append(head, ind.Title.In(b.lang, q.Language), roundRatio(it.PreviousMean), roundRatio(is.Mean), roundRatio(it.Delta),
						nil, nil, nil, q.ID, g.ID, ind.ID)...); err != nil {
						return err
					}
				}
			}
			for _, d := range q.Dimensions {
				if why := tr.NonComparable[d.ID]; why != "" {
					if err := emit(b.questionnaireTitle(q), "", "", b.dimensionTitle(q, d), nil, nil, nil, nil, nil, why, q.ID, nil, d.ID); err != nil {
						return err
					}
				}
			}
			for _, ind := range q.Indicators {
				if why := tr.NonComparable[ind.ID]; why != "" {
					if err := emit(b.questionnaireTitle(q), "", "", ind.Title.In(b.lang, q.Language), nil, nil, nil, nil, nil, why, q.ID, nil, ind.ID); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

// hasTrends reports whether a section compares with a previous wave, even
// when nothing could be compared: the sheet then says so by its headers.
func (b *xlsxBook) hasTrends() bool {
	for _, s := range b.r.Sections {
		if s.Trends != nil {
			return true
		}
	}
	return false
}

// score is a 0-100 figure of the Évolution sheet: rounded to 0.1 point
// and shown with one decimal, in columns whose format (0.00) is the
// indicators'.
func (b *xlsxBook) score(x float64) excelize.Cell {
	return excelize.Cell{StyleID: b.decimal1, Value: roundMean(x)}
}
