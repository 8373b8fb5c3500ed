package scoring

// Reference holds the reference values one questionnaire version is
// compared with: either a portfolio reference (the mean of the overall
// means of at least five organisations' closed campaigns, computed by the
// store from figures each organisation already published) or values
// imported from a file (the norms of a licensed instrument).
//
// A reference is an input of the comparison, never an output of this
// campaign's answers: comparing with it publishes nothing the campaign
// did not already publish (CompareReference uses only published figures).
type Reference struct {
	Questionnaire string // questionnaire id
	Version       int    // questionnaire version the values were computed on
	// Source names the reference for a reader, in French: "portefeuille
	// de 7 organisations, version 2026-1 du 1er décembre 2026" or the
	// imported file's source and year.
	Source string
	// Organisations is how many organisations a portfolio reference
	// comes from; 0 for an imported reference.
	Organisations int
	Dimensions    map[string]ReferenceValue // keyed by dimension id
	Indicators    map[string]ReferenceValue // keyed by indicator id
}

// ReferenceValue is one measure's reference. For a portfolio reference,
// Mean is the mean of the organisations' overall means, SD their standard
// deviation across organisations, N the number of organisations (the n of
// the interval), Respondents the respondents behind them, and Q1, Median,
// Q3 the spread across organisations. For an imported one, Mean, SD and N
// come from the file and the quartiles are zero.
type ReferenceValue struct {
	Mean        float64
	SD          float64
	N           int
	Respondents int
	Q1          float64
	Median      float64
	Q3          float64
}
