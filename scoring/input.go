package scoring

import "math"

// Missing marks an unanswered item in Respondent.Answers ("Je préfère ne pas
// répondre", an empty cell, NA).
const Missing = math.MinInt32

// Respondent is one person's answers to one questionnaire, with the unit and
// segment categories they chose. It carries nothing that identifies them.
type Respondent struct {
	Unit     []string          // unit path from the top ("Direction A", "Service 2"); empty: not specified
	Segments map[string]string // segment id -> category; missing or "": not specified
	Answers  []int             // aligned with Questionnaire.Items(); Missing where unanswered
}

// Segment is a declared segment (a short closed list of categories).
type Segment struct {
	ID         string
	Label      string
	Categories []string
}

// Options set the anonymity threshold and the groups known in advance.
type Options struct {
	// MinGroupSize is k: groups and measures under k respondents are
	// suppressed. 0 means the default, 5; values under 3 are refused.
	MinGroupSize int
	// Units are unit paths known in advance (a campaign's unit tree), in
	// display order; units met only in the answers are added after them.
	Units [][]string
	// Segments are segments known in advance, in display order; segments
	// and categories met only in the answers are added after them.
	Segments []Segment
}

// DefaultMinGroupSize is k when none is given.
const DefaultMinGroupSize = 5

// MinimumMinGroupSize is the smallest k Vigie accepts.
const MinimumMinGroupSize = 3
