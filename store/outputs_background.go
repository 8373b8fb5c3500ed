package store

import (
	"context"
	"database/sql"
	"sync"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
)

// background is the work the store does on its own (the scoring of
// closed campaigns, outputs.go): it ends when the store closes, before
// the connections do.
type background struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// goBackground runs fn in a goroutine of the store's background, with a
// context cancelled when the store closes; false, without running it,
// when the store is closing. The caller holds s.mu.
func (s *Store) goBackground(fn func(ctx context.Context)) bool {
	if s.bg.ctx.Err() != nil {
		return false
	}
	s.bg.wg.Go(func() { fn(s.bg.ctx) })
	return true
}

// stopBackground cancels the background work and waits for it to end.
func (s *Store) stopBackground() {
	s.mu.Lock()
	s.bg.cancel()
	s.mu.Unlock()
	s.bg.wg.Wait()
}

// freezeLater computes and stores the outputs of the campaign id, just
// closed, in the background; a failure is logged, and the next read
// computes them.
func (s *Store) freezeLater(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.goBackground(func(ctx context.Context) {
		_, err := s.freeze(ctx, id)
		s.logFreezeError(ctx, id, err)
	})
}

// logFreezeError logs why the outputs of campaign id were not stored,
// unless the store is closing (the next start stores them) or the
// campaign was deleted or archived meanwhile (nothing left to store).
func (s *Store) logFreezeError(ctx context.Context, id string, err error) {
	if err == nil || ctx.Err() != nil {
		return
	}
	switch vigie.ErrorCode(err) {
	case vigie.ENOTFOUND, vigie.ECONFLICT:
		return
	}
	s.log().Error("store: the figures of a closed campaign were not stored; its next read computes them", "campaign", id, "err", err)
}

// refreezeStale computes again, one campaign at a time, the outputs of
// the closed campaigns (not archived) stored under older rules than
// scoring.RulesVersion, or not stored at all. Each is logged with its
// campaign and the versions, never a figure. Open runs it in the
// background.
func (s *Store) refreezeStale(ctx context.Context) {
	type stale struct {
		id    string
		rules int // 0: none stored
	}
	var list []stale
	err := eachRow(ctx, s.read, `SELECT c.id, coalesce(o.rules, 0) FROM campaigns c
		LEFT JOIN campaign_outputs o ON o.campaign_id = c.id
		WHERE c.state = 'closed' AND c.archived_at = '' AND c.deleted_at = '' AND coalesce(o.rules, 0) < ?
		ORDER BY c.id`, []any{scoring.RulesVersion}, func(rows *sql.Rows) error {
		var st stale
		err := rows.Scan(&st.id, &st.rules)
		list = append(list, st)
		return err
	})
	if err != nil {
		if ctx.Err() == nil {
			s.log().Error("store: the closed campaigns whose figures are due could not be listed; their next reads compute them", "err", err)
		}
		return
	}
	for _, st := range list {
		if st.rules == 0 {
			s.log().Info("store: computing the figures of a closed campaign, never stored", "campaign", st.id, "rules", scoring.RulesVersion)
		} else {
			s.log().Info("store: computing the figures of a closed campaign again under new anonymity rules", "campaign", st.id, "old_rules", st.rules, "rules", scoring.RulesVersion)
		}
		_, err := s.freeze(ctx, st.id)
		if ctx.Err() != nil {
			return
		}
		s.logFreezeError(ctx, st.id, err)
	}
}
