package store

import (
	"context"

	"github.com/vigie-sante/vigie"
)

// NextWaveSpec returns the description of the next wave of campaign c:
// its units (with headcounts), segments (with translations),
// questionnaires, texts, contacts and settings, without its end date, and
// with c as the previous wave when c is closed (only a closed wave can be
// compared with). The title says it is a new wave, for the consultant to
// adjust.
func NextWaveSpec(c *vigie.Campaign) *vigie.CampaignSpec {
	sp := c.Spec()
	sp.Title = nextWaveTitle(c.Title)
	sp.EndDate, sp.Previous, sp.UnitMap = "", "", nil
	if c.State == vigie.StateClosed {
		sp.Previous = c.ID
	}
	return sp
}

// nextWaveTitle is the title proposed for the wave after one titled t.
func nextWaveTitle(t string) string {
	const suffix = " (vague suivante)"
	if len(t)+len(suffix) > 200 { // vigie's title limit, in bytes here: a margin
		return t
	}
	return t + suffix
}

// NextWave creates, as a draft, the next wave of campaign id
// (NextWaveSpec): nothing to retype but what changed since.
func (s *Store) NextWave(ctx context.Context, id string) (*vigie.Campaign, error) {
	c, err := s.Campaign(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.CreateCampaign(ctx, NextWaveSpec(c))
}
