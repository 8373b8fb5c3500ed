package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// campaignScores is a campaign's figures from one pass over its responses:
// a scorer per questionnaire, the respondents per unit, and the one group
// pattern every output of the campaign starts from (scoring.CampaignPattern):
// participation, the result of each questionnaire and the comment groups
// hide the same groups, so that no output's whole minus another output's
// members isolates anyone.
type campaignScores struct {
	campaign       *vigie.Campaign
	questionnaires []*questionnaires.Questionnaire
	scorers        []*scoring.Scorer
	unitCounts     map[string]int // respondents per unit path joined by "/", "" for none
	// commentCounts are, per questionnaire id, the people per unit (keyed
	// as unitCounts) who may have written its comments: those who answered
	// at least one of its items or left a comment on it. Its comment
	// groups are decided on them (commentGroups).
	commentCounts map[string]map[string]int
	pattern       *scoring.Pattern
}

// scoreCampaign reads every response of c once, in short reads
// (EachResponse): a read held across the whole campaign would hold every
// submission back. A response counts in a questionnaire's result when it
// answered at least one of its items.
func (s *Store) scoreCampaign(ctx context.Context, c *vigie.Campaign, qs []*questionnaires.Questionnaire) (*campaignScores, error) {
	cs := &campaignScores{campaign: c, questionnaires: qs, unitCounts: map[string]int{}, commentCounts: map[string]map[string]int{}}
	opts := ScoringOptions(c)
	for _, q := range qs {
		sc, err := scoring.New(q, opts)
		if err != nil {
			return nil, err
		}
		cs.scorers = append(cs.scorers, sc)
	}
	for _, q := range qs {
		cs.commentCounts[q.ID] = map[string]int{}
	}
	err := s.EachResponse(ctx, c.ID, func(r *vigie.Response) error {
		unit := strings.Join(r.Unit, "/")
		cs.unitCounts[unit]++
		for i, q := range qs {
			answers := r.Answers[q.ID]
			if len(answers) > 0 || strings.TrimSpace(r.Comments[q.ID]) != "" {
				cs.commentCounts[q.ID][unit]++
			}
			if len(answers) == 0 {
				continue
			}
			resp, err := scoring.NewRespondent(q, r.Unit, r.Segments, answers)
			if err != nil {
				return err
			}
			if err := cs.scorers[i].Add(resp); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: score campaign %s: %w", c.ID, err)
	}
	cs.pattern = scoring.CampaignPattern(opts, cs.unitCounts, cs.scorers...)
	return cs, nil
}

// result returns the result of one questionnaire within the campaign's
// pattern; ENOTFOUND when the campaign does not have it.
func (cs *campaignScores) result(questionnaireID string) (*scoring.Result, error) {
	for i, q := range cs.questionnaires {
		if q.ID == questionnaireID {
			return cs.scorers[i].ResultWithin(cs.pattern), nil
		}
	}
	return nil, vigie.Errorf(vigie.ENOTFOUND, "Le questionnaire « %s » ne fait pas partie de cette campagne.", questionnaireID)
}

// participation returns the participation per unit within the campaign's
// pattern, against the units' headcounts.
func (cs *campaignScores) participation() []scoring.UnitParticipation {
	return scoring.ParticipationWithin(cs.pattern, ScoringOptions(cs.campaign), cs.unitCounts, headcounts(cs.campaign))
}

// respondents returns how many people took part in the campaign, nil under
// k (respondentsFrom).
func (cs *campaignScores) respondents() *int {
	n := 0
	for _, v := range cs.unitCounts {
		n += v
	}
	return respondentsFrom(cs.campaign, n)
}

// commentGroups returns, per questionnaire, the units its comments may
// be shown with at threshold, within the campaign's pattern (see
// commentGroups): decided on the people who may have written them, not on
// everyone who took part.
func (cs *campaignScores) commentGroups(threshold int) commentGroups {
	units := ScoringOptions(cs.campaign).Units
	out := commentGroups{}
	for qid, counts := range cs.commentCounts {
		out[qid] = cs.pattern.PublishedUnits(units, counts, threshold)
	}
	return out
}

// campaignScores loads a campaign and its questionnaires (one short read)
// and scores it.
func (s *Store) campaignScores(ctx context.Context, campaignID string) (*campaignScores, error) {
	var c *vigie.Campaign
	var qs []*questionnaires.Questionnaire
	err := s.view(ctx, func(tx *sql.Tx) (err error) {
		if c, _, err = loadCampaign(ctx, tx, campaignID); err != nil {
			return err
		}
		qs, err = s.campaignQuestionnaires(ctx, tx, campaignID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.scoreCampaign(ctx, c, qs)
}

// publishedResults are the results a closed campaign publishes: computed
// once after its closing (closedOutputs), or, once it is archived, the
// copies frozen then. What reads published figures only (the DUERP) reads
// them through it, so that it works the same before and after archiving.
type publishedResults struct {
	campaign       *vigie.Campaign
	questionnaires []*questionnaires.Questionnaire
	result         func(questionnaireID string) (*scoring.Result, error)
}

// publishedResults returns the published results of a closed campaign
// (ECONFLICT before, see ResultsAvailable).
func (s *Store) publishedResults(ctx context.Context, campaignID string) (*publishedResults, error) {
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
	qs, err := s.CampaignQuestionnaires(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	return &publishedResults{campaign: c, questionnaires: qs, result: f.result}, nil
}

// questionnaire returns the campaign's questionnaire qid, nil when it does
// not have it.
func (pr *publishedResults) questionnaire(qid string) *questionnaires.Questionnaire {
	for _, q := range pr.questionnaires {
		if q.ID == qid {
			return q
		}
	}
	return nil
}
