package reports

import "github.com/xuri/excelize/v2"

// trends writes the Évolution sheet when a section has trends: one row per
// group and measure compared, with the figures of both waves, and one row
// per measure that could not be compared, with the reason. Every figure of
// a row is rounded the same way, as the PDF's trend tables print it: a
// dimension's means, change and interval to 0.1 point (shown so), an
// indicator's to 0.01. The change is the exact change rounded, as the
// results publish it: it may differ by 0.1 from the difference of the two
// rounded means.
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
	cols := []column{
		{b.t("questionnaire"), 18, b.text},
		{b.t("word.group"), 24, b.text},
		{b.t("kind"), 10, b.text},
		{b.t("label"), 28, b.text},
		{t("measure_id"), 16, b.text},
		{t("col_previous"), 11, b.decimal2},
		{t("col_current"), 11, b.decimal2},
		{t("col_delta"), 11, b.decimal2},
		{b.t("ci_low"), 11, b.decimal1},
		{b.t("ci_high"), 11, b.decimal1},
		{t("col_change"), 40, b.text},
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
				head := []any{q.ID, g.ID, b.kind(g.Kind), b.groupName(g)}
				for _, d := range q.Dimensions {
					dt := tr.Groups[id].Dimensions[d.ID]
					ds := dimStats(g, d.ID)
					if dt == nil || ds == nil {
						continue
					}
					if err := emit(append(head, d.ID, b.score(dt.PreviousMean), b.score(ds.Mean), b.score(dt.Delta),
						b.score(dt.CI95[0]), b.score(dt.CI95[1]), trendWords(b.lang, dt))...); err != nil {
						return err
					}
				}
				for _, ind := range q.Indicators {
					it := tr.Groups[id].Indicators[ind.ID]
					is := indStats(g, ind.ID)
					if it == nil || is == nil {
						continue
					}
					if err := emit(append(head, ind.ID, roundRatio(it.PreviousMean), roundRatio(is.Mean), roundRatio(it.Delta))...); err != nil {
						return err
					}
				}
			}
			for _, d := range q.Dimensions {
				if why := tr.NonComparable[d.ID]; why != "" {
					if err := emit(q.ID, "", "", "", d.ID, nil, nil, nil, nil, nil, why); err != nil {
						return err
					}
				}
			}
			for _, ind := range q.Indicators {
				if why := tr.NonComparable[ind.ID]; why != "" {
					if err := emit(q.ID, "", "", "", ind.ID, nil, nil, nil, nil, nil, why); err != nil {
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
