package store

import (
	"context"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// Result scores a campaign's responses to one of its questionnaires (the
// copy frozen at opening) under the campaign's k, units and segments. Only
// responses with at least one answer to that questionnaire count.
func (s *Store) Result(ctx context.Context, campaignID, questionnaireID string) (*scoring.Result, error) {
	c, err := s.Campaign(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	qs, err := s.CampaignQuestionnaires(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	var q *questionnaires.Questionnaire
	for _, x := range qs {
		if x.ID == questionnaireID {
			q = x
		}
	}
	if q == nil {
		return nil, vigie.Errorf(vigie.ENOTFOUND, "Le questionnaire « %s » ne fait pas partie de cette campagne.", questionnaireID)
	}
	sc, err := scoring.New(q, ScoringOptions(c))
	if err != nil {
		return nil, err
	}
	err = s.EachResponse(ctx, campaignID, func(r *vigie.Response) error {
		answers := r.Answers[questionnaireID]
		if len(answers) == 0 {
			return nil
		}
		resp, err := scoring.NewRespondent(q, r.Unit, r.Segments, answers)
		if err != nil {
			return err
		}
		return sc.Add(resp)
	})
	if err != nil {
		return nil, err
	}
	return sc.Result(), nil
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
