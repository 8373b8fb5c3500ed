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
	HiddenNone      = ""          // shown, or why is not known (archived before it was recorded)
	HiddenNoAnswer  = "no_answer" // nobody of the unit answered
	HiddenBelowK    = "below_k"   // fewer than k respondents
	HiddenSecondary = "secondary" // k or more, hidden so that a smaller group cannot be worked out by subtraction
)

// CampaignParticipation is a campaign's participation as pages show it.
type CampaignParticipation struct {
	Units []scoring.UnitParticipation
	// Hidden says, row by row, why a unit is hidden (one of the Hidden
	// constants). A row's reason depends only on whether its own count
	// reaches k, which the results publish too (scoring.ReasonSecondary):
	// pages then say « moins de k » only when it is true.
	Hidden []string
	// Respondents is everyone who answered when at least k did; nil
	// under k (nothing is said about fewer than k people).
	Respondents *int
	// None is true when nobody answered at all (said as such, like a unit).
	None bool
}

// ParticipationHidden is Participation with why each hidden unit is
// hidden and the campaign's total, read in the same pass; an archived
// campaign answers from its frozen outputs.
func (s *Store) ParticipationHidden(ctx context.Context, c *vigie.Campaign) (*CampaignParticipation, error) {
	frozen, err := s.archivedOutputs(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if frozen != nil {
		return &CampaignParticipation{Units: frozen.Participation, Hidden: frozen.Hidden, Respondents: frozen.Respondents}, nil
	}
	qs, err := s.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	cs, err := s.scoreCampaign(ctx, c, qs)
	if err != nil {
		return nil, err
	}
	rows := cs.participation()
	return &CampaignParticipation{Units: rows, Hidden: cs.hiddenReasons(rows), Respondents: cs.respondents(), None: len(cs.unitCounts) == 0}, nil
}

// hiddenReasons says why each hidden row of rows is hidden.
func (cs *campaignScores) hiddenReasons(rows []scoring.UnitParticipation) []string {
	k := cs.campaign.MinGroupSize
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
	return why
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
