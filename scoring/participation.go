package scoring

// UnitParticipation is the participation of one unit: Respondents is nil when
// the anonymity rules suppress it ("moins de k").
type UnitParticipation struct {
	Path        []string
	Respondents *int
	Headcount   int      // 0 when unknown
	Rate        *float64 // Respondents/Headcount, nil when either is unknown or suppressed
}

// ScoreRow is one respondent's dimension scores for the consultant's Scores
// sheet, after k-anonymisation: Unit may be coarsened up the tree and
// segment categories masked.
type ScoreRow struct {
	Unit     []string
	Segments map[string]string
	Scores   map[string]*float64 // dimension id -> score, nil when not computed
}
