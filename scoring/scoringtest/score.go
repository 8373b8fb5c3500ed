package scoringtest

import (
	"fmt"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// The functions of this file are the per-output decisions scoring no
// longer exports (issue 23): each decides suppression for one output
// alone, so a new output calling one would reopen the cross-output leak
// CampaignPattern closes. Tests use them to build one output, or to check
// that the campaign-wide decision withholds at least what each output's
// own would.

// Score is scoring.New, Add for each respondent, and Result: one
// questionnaire's result alone.
func Score(q *questionnaires.Questionnaire, opts scoring.Options, rs []scoring.Respondent) (*scoring.Result, error) {
	s, err := scoring.New(q, opts)
	if err != nil {
		return nil, err
	}
	for i, r := range rs {
		if err := s.Add(r); err != nil {
			return nil, fmt.Errorf("scoring: respondent %d: %w", i+1, err)
		}
	}
	return s.Result(), nil
}

// Participation is participation alone: scoring.ParticipationWithin with
// no pattern.
func Participation(opts scoring.Options, counts map[string]int, headcounts map[string]int) []scoring.UnitParticipation {
	return scoring.ParticipationWithin(nil, opts, counts, headcounts)
}

// PublishedUnits is the comment groups alone: Pattern.PublishedUnits on
// the pattern that withholds nothing.
func PublishedUnits(units [][]string, counts map[string]int, k int) map[string]bool {
	var p *scoring.Pattern
	return p.PublishedUnits(units, counts, k)
}
