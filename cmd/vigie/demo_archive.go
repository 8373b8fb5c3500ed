package main

import (
	"context"
	"fmt"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// demoArchivedTitle is last year's barometer, shown archived: the
// previous wave of this year's (demo_previous.go).
const demoArchivedTitle = demoPreviousTitle

// demoArchive archives last year's barometer, closed fifty-seven weeks
// before now, as the server would have done once its retention (365 days)
// ran out: its results, heat maps and participation remain, and serve as
// this year's previous wave; its responses and codes are gone.
func demoArchive(ctx context.Context, st *store.Store, c *vigie.Campaign, viewer *vigie.User, now time.Time) (*vigie.Campaign, error) {
	if err := st.GrantCampaign(ctx, viewer.ID, c.ID); err != nil {
		return nil, fmt.Errorf("démo : accès du comité à « %s » : %w", c.Title, err)
	}
	if err := st.ArchiveCampaign(ctx, c.ID, now); err != nil {
		return nil, fmt.Errorf("démo : archivage de « %s » : %w", c.Title, err)
	}
	if err := st.Audit(ctx, retentionActor, "campaign.archive", c.ID, "durée de conservation écoulée"); err != nil {
		return nil, err
	}
	return st.Campaign(ctx, c.ID)
}
