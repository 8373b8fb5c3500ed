package store

import (
	"context"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
)

// Why a unit's participation is hidden, as pages say it (docs/scoring.md):
// the same distinction the results and reports make with scoring's
// reasons.
const (
	HiddenNone      = ""          // shown
	HiddenNoAnswer  = "no_answer" // nobody of the unit answered
	HiddenBelowK    = "below_k"   // fewer than k respondents
	HiddenSecondary = "secondary" // k or more, hidden so that a smaller group cannot be worked out by subtraction
)

// ParticipationHidden is Participation with, for each row, why it is
// hidden (one of the Hidden constants, in the order of the rows), read in
// the same pass. A row's reason depends only on whether its own count
// reaches k, which the results publish too (scoring.ReasonSecondary):
// pages may then say « moins de k » only when it is true, and flag a low
// rate from k and the headcount alone.
func (s *Store) ParticipationHidden(ctx context.Context, c *vigie.Campaign) ([]scoring.UnitParticipation, []string, error) {
	qs, err := s.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	cs, err := s.scoreCampaign(ctx, c, qs)
	if err != nil {
		return nil, nil, err
	}
	rows := cs.participation()
	k := c.MinGroupSize
	if k == 0 {
		k = scoring.DefaultMinGroupSize
	}
	k = max(k, scoring.MinimumMinGroupSize)
	why := make([]string, len(rows))
	for i, r := range rows {
		if r.Respondents != nil {
			continue
		}
		switch n := cs.countUnder(r.Path); {
		case n == 0:
			why[i] = HiddenNoAnswer
		case n < k:
			why[i] = HiddenBelowK
		default:
			why[i] = HiddenSecondary
		}
	}
	return rows, why, nil
}

// countUnder is the number of respondents of a unit and its descendants;
// the "(non renseigné)" row counts those who gave no unit.
func (cs *campaignScores) countUnder(path []string) int {
	if len(path) == 1 && path[0] == scoring.NotSpecified {
		return cs.unitCounts[""]
	}
	key := strings.Join(path, "/")
	n := 0
	for u, c := range cs.unitCounts {
		if u == key || strings.HasPrefix(u, key+"/") {
			n += c
		}
	}
	return n
}
