package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/vigie-sante/vigie/store"
)

// closeDueEvery is how often `vigie serve` looks for campaigns past their
// end date: a campaign closes within a minute of midnight.
const closeDueEvery = time.Minute

// serverActor is the audit log's name for what the server does by itself.
const serverActor = "serveur"

// closeDueLoop closes the campaigns past their end date now, then every
// closeDueEvery until ctx is done.
func closeDueLoop(ctx context.Context, st *store.Store, logger *slog.Logger, now func() time.Time) {
	t := time.NewTicker(closeDueEvery)
	defer t.Stop()
	for {
		closeDue(ctx, st, logger, now())
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// closeDue closes the campaigns whose end date is over at now, logging and
// auditing each by its id only (a title may name the client). A failure is
// logged and tried again at the next tick.
func closeDue(ctx context.Context, st *store.Store, logger *slog.Logger, now time.Time) {
	closed, err := st.CloseDue(ctx, now)
	for _, id := range closed {
		logger.Info("campagne close à sa date de fin", "campaign", id)
		if err := st.Audit(ctx, serverActor, "campaign.close.auto", id, ""); err != nil {
			logger.Error("audit", "action", "campaign.close.auto", "error", err.Error())
		}
	}
	if err != nil && ctx.Err() == nil {
		logger.Error("clôture des campagnes échues", "error", err.Error())
	}
}
