package reports

// participation writes the Participation sheet: one row per unit with its
// respondents, headcount and participation rate. A hidden unit has no
// figure, only the reason its results give (« masqué (moins de 5
// réponses) » or « masqué pour protéger un autre groupe »), as in the PDF.
func (b *xlsxBook) participation() error {
	cols := []column{
		{b.t("word.unit"), 40, b.text},
		{b.t("depth"), 12, b.integer},
		{b.t("word.respondents"), 14, b.integer},
		{b.t("word.headcount"), 12, b.integer},
		{b.t("rate"), 14, b.percent},
	}
	ps := b.r.Participation
	return b.table(SheetParticipation, cols, len(ps), nil, func(emit func(...any) error) error {
		for _, p := range ps {
			var respondents, headcount any
			if p.Respondents != nil {
				respondents = *p.Respondents
			} else {
				respondents = maskedText(b.lang, unitReason(b.r, p.Path), b.r.MinGroupSize)
			}
			if p.Headcount > 0 {
				headcount = p.Headcount
			}
			var rate any
			if p.Rate != nil {
				rate = roundShare(*p.Rate)
			}
			if err := emit(unitDisplay(p.Path), len(p.Path), respondents, headcount, rate); err != nil {
				return err
			}
		}
		return nil
	})
}
