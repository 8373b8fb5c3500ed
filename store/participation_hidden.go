package store

import (
	"context"
	"strings"
	"time"

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
	// Day is, while the campaign is open, the calendar day in Paris
	// ("2027-02-02") on which these figures were counted: they change at
	// most once a day (participation_snapshot.go). "" for the final
	// figures of a closed campaign.
	Day string
}

// ParticipationHidden is Participation with why each hidden unit is
// hidden and the campaign's total, read in the same pass. While the
// campaign is open, the figures are those of the day's snapshot (see
// participationSnapshot), counted at the first read of now's day; once it
// is closed, the final ones, computed once after the closing
// (closedOutputs); an archived campaign answers from its frozen outputs.
func (s *Store) ParticipationHidden(ctx context.Context, c *vigie.Campaign, now time.Time) (*CampaignParticipation, error) {
	frozen, err := s.archivedOutputs(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if frozen != nil {
		return &CampaignParticipation{Units: frozen.Participation, Hidden: frozen.Hidden, Respondents: frozen.Respondents}, nil
	}
	counts, day, open, err := s.participationSnapshot(ctx, c.ID, now)
	if err != nil {
		return nil, err
	}
	if open {
		return snapshotParticipation(c, counts, day), nil
	}
	if c.State == vigie.StateDraft {
		// Nobody has answered: nothing to store, nothing slow.
		return s.draftParticipation(ctx, c)
	}
	out, err := s.closedOutputs(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	f := out.clone()
	return &CampaignParticipation{Units: f.Participation, Hidden: f.Hidden, Respondents: f.Respondents}, nil
}

// draftParticipation is the participation of a campaign not opened yet:
// its units, none with a respondent.
func (s *Store) draftParticipation(ctx context.Context, c *vigie.Campaign) (*CampaignParticipation, error) {
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

// snapshotParticipation is the participation an open campaign publishes
// from the day's counts. Its group pattern is made from those counts
// alone: no result is published before the closing, so there is nothing
// else to agree with, and a pattern drawn from each questionnaire's
// respondents would move with every submission (the latest respondent
// skipping a questionnaire could hide or show a unit).
func snapshotParticipation(c *vigie.Campaign, counts map[string]int, day string) *CampaignParticipation {
	opts := ScoringOptions(c)
	pattern := scoring.CampaignPattern(opts, counts)
	rows := scoring.ParticipationWithin(pattern, opts, counts, headcounts(c))
	total := 0
	for _, n := range counts {
		total += n
	}
	return &CampaignParticipation{Units: rows, Hidden: hiddenReasons(rows), Respondents: respondentsFrom(c, total), Day: day}
}

// headcounts are the known headcounts of c's units, by path joined by "/".
func headcounts(c *vigie.Campaign) map[string]int {
	out := map[string]int{}
	for _, u := range c.Units {
		if u.Headcount > 0 {
			out[strings.Join(u.Path, "/")] = u.Headcount
		}
	}
	return out
}

// respondentsFrom is a campaign's number of respondents as published: nil
// under k (the whole is the root of the participation partition, so the
// rules that publish each unit's count already keep it from isolating
// anyone).
func respondentsFrom(c *vigie.Campaign, n int) *int {
	if n < max(c.MinGroupSize, scoring.MinimumMinGroupSize) {
		return nil
	}
	return &n
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
