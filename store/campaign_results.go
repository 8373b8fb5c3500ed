package store

import (
	"context"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
)

// CampaignResults is every published figure of a closed campaign, from one
// scoring pass: what pages need when they show more than one questionnaire
// (priorities, the list of discussion guides).
type CampaignResults struct {
	Campaign *vigie.Campaign
	Scored   []scoring.Scored // one per questionnaire, in the campaign's order
}

// CampaignResults returns the published result of each questionnaire of a
// closed campaign (ECONFLICT before the closing, as Result): one scoring
// pass, or the outputs frozen when it was archived.
func (s *Store) CampaignResults(ctx context.Context, campaignID string) (*CampaignResults, error) {
	pr, err := s.publishedResults(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	out := &CampaignResults{Campaign: pr.campaign}
	for _, q := range pr.questionnaires {
		res, err := pr.result(q.ID)
		if err != nil {
			return nil, err
		}
		out.Scored = append(out.Scored, scoring.Scored{Questionnaire: q, Result: res})
	}
	return out, nil
}

// Priorities are the campaign's priorities at its priority_share.
func (r *CampaignResults) Priorities() []scoring.Priority {
	return scoring.Priorities(r.Campaign.PriorityShare, r.Scored...)
}

// Result returns the result of one questionnaire, ENOTFOUND when the
// campaign does not have it.
func (r *CampaignResults) Result(questionnaireID string) (scoring.Scored, error) {
	for _, s := range r.Scored {
		if s.Questionnaire.ID == questionnaireID {
			return s, nil
		}
	}
	return scoring.Scored{}, vigie.Errorf(vigie.ENOTFOUND, "Le questionnaire « %s » ne fait pas partie de cette campagne.", questionnaireID)
}

// PublishedUnits lists the campaign's units published in at least one
// questionnaire's result (paths joined by "/"), in the campaign's order:
// the units a discussion guide may be written for, besides everyone.
func (r *CampaignResults) PublishedUnits() []string {
	var out []string
	for _, u := range r.Campaign.Units {
		path := strings.Join(u.Path, "/")
		if scoring.Published(scoring.UnitGroupID(path), r.Scored...) {
			out = append(out, path)
		}
	}
	return out
}
