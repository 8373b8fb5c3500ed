package main

import (
	"context"
	"fmt"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// demoArchivedTitle is last year's barometer, shown archived.
const demoArchivedTitle = "Baromètre qualité de vie au travail 2025"

// demoArchived adds last year's barometer: two questionnaires, half the
// respondents of this year's, closed fifty-seven weeks before now, so its
// retention (365 days) has run out and it is archived as the server would
// have done: its results, heat maps and participation remain, its
// responses and codes are gone.
func demoArchived(ctx context.Context, st *store.Store, consultant string, viewer *vigie.User, now time.Time) (*vigie.Campaign, error) {
	spec := demoClosedSpec()
	spec.Title, spec.Questionnaires = demoArchivedTitle, spec.Questionnaires[:2]
	teams := demoTeams()
	for i := range teams {
		teams[i].respondents /= 2
	}
	week := 7 * 24 * time.Hour
	c, err := demoCampaign(ctx, st, spec, consultant, now.Add(-60*week), now.Add(-57*week), now, demoSeed-1, teams)
	if err != nil {
		return nil, err
	}
	if err := st.GrantCampaign(ctx, viewer.ID, c.ID); err != nil {
		return nil, fmt.Errorf("démo : accès du comité à « %s » : %w", spec.Title, err)
	}
	if err := st.ArchiveCampaign(ctx, c.ID, now); err != nil {
		return nil, fmt.Errorf("démo : archivage de « %s » : %w", spec.Title, err)
	}
	if err := st.Audit(ctx, retentionActor, "campaign.archive", c.ID, "durée de conservation écoulée"); err != nil {
		return nil, err
	}
	return st.Campaign(ctx, c.ID)
}
