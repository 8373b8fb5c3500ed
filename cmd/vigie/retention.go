package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/vigie-sante/vigie/store"
)

// retentionInterval is how often the server looks for campaigns whose
// retention has run out: retention is counted in days.
const retentionInterval = 24 * time.Hour

// retentionActor is the audit log's actor for archiving done by the
// server itself.
const retentionActor = "vigie (durée de conservation)"

// archiveDue archives the campaigns whose retention has run out at now
// and logs their ids (nothing else: the log is not the place for titles
// or figures). A failure is logged and retried at the next pass.
func archiveDue(ctx context.Context, st *store.Store, logger *slog.Logger, now time.Time) []string {
	ids, err := st.ArchiveDue(ctx, now)
	for _, id := range ids {
		if err := st.Audit(ctx, retentionActor, "campaign.archive", id, "durée de conservation écoulée"); err != nil {
			logger.Error("journal d'audit de l'archivage", "campaign", id, "err", err)
		}
	}
	if len(ids) > 0 {
		logger.Info("campagnes archivées : durée de conservation écoulée", "ids", ids)
	}
	if err != nil {
		logger.Error("archivage des campagnes échues", "err", err)
	}
	return ids
}

// archiveDueEvery runs archiveDue at once, then every interval, until
// ctx is done.
func archiveDueEvery(ctx context.Context, st *store.Store, logger *slog.Logger, interval time.Duration) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		archiveDue(ctx, st, logger, time.Now())
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
