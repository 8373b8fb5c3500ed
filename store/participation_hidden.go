package store

import (
	"context"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
)

// Why a unit's participation is hidden, as pages say it (docs/scoring.md):
// the same distinction the results and reports make with scoring's
// reasons. A unit nobody answered in is below k like one of 1 to k-1: a
// word of its own would flip when its first member answers.
const (
	HiddenNone      = ""          // shown, or why is not known (archived before it was recorded)
	HiddenBelowK    = "below_k"   // fewer than k respondents, none included
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
	// under k, none included (nothing is said about fewer than k people).
	Respondents *int
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
	return &CampaignParticipation{Units: rows, Hidden: hiddenReasons(rows), Respondents: cs.respondents()}, nil
}

// hiddenReasons says why each hidden row of rows is hidden, in the words
// of this package, from the reason scoring gave the row (the one rule for
// every output).
func hiddenReasons(rows []scoring.UnitParticipation) []string {
	why := make([]string, len(rows))
	for i, r := range rows {
		if r.Respondents != nil {
			continue
		}
		if r.Reason == scoring.ReasonSecondary {
			why[i] = HiddenSecondary
		} else {
			why[i] = HiddenBelowK
		}
	}
	return why
}
