package store

import (
	"context"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
)

// Result returns the published result of one of a campaign's
// questionnaires: its responses with at least one answer to that
// questionnaire scored under the campaign's k, units and segments, within
// the group pattern shared by all the campaign's outputs (see
// campaignScores). A campaign that is not closed yet is ECONFLICT (see
// ResultsAvailable). A closed campaign's figures are computed once, after
// the closing, and read from then on (closedOutputs); an archived
// campaign answers the result frozen at archiving.
func (s *Store) Result(ctx context.Context, campaignID, questionnaireID string) (*scoring.Result, error) {
	c, err := s.Campaign(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	if err := ResultsAvailable(c); err != nil {
		return nil, err
	}
	f, err := s.closedFigures(ctx, c)
	if err != nil {
		return nil, err
	}
	return f.result(questionnaireID)
}

// The refusals of ResultsAvailable.
var (
	// errResultsBeforeClosing refuses the figures of an open campaign.
	errResultsBeforeClosing = vigie.Errorf(vigie.ECONFLICT, "Les résultats seront disponibles à la clôture de l'enquête : tant qu'elle est ouverte, comparer deux consultations permettrait de retrouver les réponses d'une personne.")
	// errResultsOfDraft refuses the figures of a campaign not yet opened.
	errResultsOfDraft = vigie.Errorf(vigie.ECONFLICT, "Les résultats seront disponibles à la clôture de l'enquête : elle n'est pas encore ouverte, personne n'a répondu.")
)

// ResultsAvailable is the one rule that says when a campaign's figures
// (results and reports) may be computed: once it is closed, never before;
// it returns nil then, else an ECONFLICT whose message says why. Result
// and Report apply it; pages call it to show that message instead of
// links that would fail.
// While answers still come in, the results of a unit read before and
// after one submission differ by exactly that person's answers (item
// counts, means): differencing would undo every suppression rule.
// Participation counts stay live: they say that someone in a unit
// answered, never what.
func ResultsAvailable(c *vigie.Campaign) error {
	switch c.State {
	case vigie.StateClosed:
		return nil
	case vigie.StateDraft:
		return errResultsOfDraft
	default:
		return errResultsBeforeClosing
	}
}

// ScoringOptions returns the anonymity settings and known groups of a
// campaign, as the scoring engine takes them.
func ScoringOptions(c *vigie.Campaign) scoring.Options {
	opts := scoring.Options{MinGroupSize: c.MinGroupSize}
	for _, u := range c.Units {
		opts.Units = append(opts.Units, u.Path)
	}
	for _, g := range c.Segments {
		opts.Segments = append(opts.Segments, scoring.Segment{ID: g.ID, Label: g.Label["fr"], Categories: g.Categories})
	}
	return opts
}
