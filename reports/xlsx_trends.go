package reports

// trends writes the Évolution sheet when a section has trends: one row per
// group and measure compared, with the figures of both waves, and one row
// per measure that could not be compared, with the reason.
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
		{b.t("group"), 24, b.text},
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
					if err := emit(append(head, d.ID, dt.PreviousMean, ds.Mean, dt.Delta, dt.CI95[0], dt.CI95[1], trendWords(b.lang, dt))...); err != nil {
						return err
					}
				}
				for _, ind := range q.Indicators {
					it := tr.Groups[id].Indicators[ind.ID]
					is := indStats(g, ind.ID)
					if it == nil || is == nil {
						continue
					}
					if err := emit(append(head, ind.ID, it.PreviousMean, is.Mean, it.Delta)...); err != nil {
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
