package reports

// SheetReference is the sheet of the comparison with a reference, only
// when a section has one.
const SheetReference = "Référence"

// reference writes the Référence sheet: one row per published group and
// measure compared, with the group's figure, the reference's, the
// difference and, for a dimension, its interval and reading, rounded as
// the PDF prints them (0.1 point for a dimension, 0.01 for an indicator).
// The first row of each section names the reference.
func (b *xlsxBook) reference() error {
	n, has := 0, false
	for _, s := range b.r.Sections {
		if s.Reference == nil {
			continue
		}
		has = true
		n++
		for _, g := range s.Reference.Groups {
			n += len(g.Dimensions) + len(g.Indicators)
		}
	}
	if !has {
		return nil
	}
	t := func(key string) string { return refText(b.lang, key) }
	cols := []column{
		{b.t("questionnaire"), 18, b.text},
		{b.t("word.group"), 24, b.text},
		{b.t("kind"), 10, b.text},
		{b.t("label"), 28, b.text},
		{trendText(b.lang, "measure_id"), 16, b.text},
		{t("word.mean"), 11, b.decimal2},
		{t("col_reference"), 11, b.decimal2},
		{t("word.difference"), 11, b.decimal2},
		{b.t("ci_low"), 11, b.decimal1},
		{b.t("ci_high"), 11, b.decimal1},
		{t("word.reading"), 48, b.text},
	}
	return b.table(SheetReference, cols, n, nil, func(emit func(...any) error) error {
		for _, s := range b.r.Sections {
			c, q := s.Reference, s.Questionnaire
			if c == nil {
				continue
			}
			if err := emit(q.ID, "", "", "", "", nil, nil, nil, nil, nil, referenceName(b.lang, c)); err != nil {
				return err
			}
			for _, id := range c.SortedGroupIDs(s.Result) {
				g := groupOf(s.Result, id)
				head := []any{q.ID, g.ID, b.kind(g.Kind), b.groupName(g)}
				for _, d := range q.Dimensions {
					rc, ds := c.Groups[id].Dimensions[d.ID], dimStats(g, d.ID)
					if rc == nil || ds == nil {
						continue
					}
					if err := emit(append(head, d.ID, b.score(ds.Mean), b.score(rc.ReferenceMean), b.score(rc.Delta),
						b.score(rc.CI95[0]), b.score(rc.CI95[1]), referenceWords(b.lang, rc))...); err != nil {
						return err
					}
				}
				for _, ind := range q.Indicators {
					rc, is := c.Groups[id].Indicators[ind.ID], indStats(g, ind.ID)
					if rc == nil || is == nil {
						continue
					}
					if err := emit(append(head, ind.ID, roundRatio(is.Mean), roundRatio(rc.ReferenceMean), roundRatio(rc.Delta))...); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}
