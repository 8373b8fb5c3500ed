package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/vigie-sante/vigie/scoring"
)

// OpenWithMigrations opens path applying the migrations of fsys instead of
// the embedded ones, so tests can build a database at an older schema.
func OpenWithMigrations(path string, fsys fs.FS) (*Store, error) { return openWith(path, fsys) }

// Migrations are the embedded migrations.
var Migrations = migrations

// OpenWithCompactDelay opens path like Open, compacting after delay of
// idle writer instead of the default, so tests need not wait.
func OpenWithCompactDelay(path string, delay time.Duration) (*Store, error) {
	return openWithDelay(path, nil, delay) // nil: the engine's own migrations
}

// SkippedCompactions returns how many compactions s left to another
// instance's (PostgreSQL).
func SkippedCompactions(s *Store) int64 { return s.compactor.skipped.Load() }

// Compactions returns how many compactions s has done.
func Compactions(s *Store) int64 { return s.compactor.runs.Load() }

// Compacted tells whether s has compacted everything written so far and
// is not compacting now: the state a copy of the files at rest shows.
func Compacted(s *Store) bool { return !s.compactor.busy.Load() && !s.compactor.dirty.Load() }

// Compact compacts s now, as it does once writes pause.
func Compact(ctx context.Context, s *Store) error {
	s.compactor.dirty.Store(true) // not markDirty: nothing was written

	return s.compact(ctx)
}

// OpenRawPostgres opens the PostgreSQL database at url as the store's own
// connections do, so that tests query it with "?" placeholders, outside
// the store, to inspect what it really wrote; readOnly makes every
// transaction of the connections read-only.
func OpenRawPostgres(url string, readOnly bool) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: parse %s: %w", RedactURL(url), err)
	}
	if readOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	return sql.OpenDB(rebindConnector{stdlib.GetConnector(*cfg)}), nil
}

// StopBackupAt makes the next backups panic after the named step
// ("copied", "synced", "checked", "linked"), leaving the files as a kill
// there would; the returned function restores normal backups.
func StopBackupAt(step string) (restore func()) {
	backupStep = func(at string) {
		if at == step {
			panic("backup stopped after " + step)
		}
	}
	return func() { backupStep = func(string) {} }
}

// CloseAsCrash closes s as a crash would leave it: the submissions
// already accepted are written, but the last compaction does not run.
func CloseAsCrash(s *Store) error {
	s.stopWriter()
	s.compactor.once.Do(func() { close(s.compactor.stop) })
	<-s.compactor.done
	if s.read == s.db {
		return s.db.Close()
	}
	return errors.Join(s.read.Close(), s.db.Close())
}

// FailRewrites makes every rewrite of s (compaction, an erasure's VACUUM)
// fail with err until the returned function is called.
func FailRewrites(s *Store, err error) (restore func()) {
	s.compactor.fault.Store(&err)
	return func() { s.compactor.fault.Store(nil) }
}

// SetFreeSpace makes the store see avail bytes free in every folder, each
// on a file system of its own, until the returned function is called.
func SetFreeSpace(avail uint64) (restore func()) {
	ids := map[string]uint64{}
	freeSpace = func(dir string) (uint64, uint64, error) {
		if _, ok := ids[dir]; !ok {
			ids[dir] = uint64(len(ids) + 1)
		}
		return avail, ids[dir], nil
	}
	return func() { freeSpace = statFreeSpace }
}

// ChangeCounter reads SQLite's file change counter of path.
func ChangeCounter(path string) (uint32, error) { return changeCounter(path) }

// Fresh is what a closed campaign publishes computed now from its
// responses, as every read did before issue 22.
type Fresh struct {
	Results       map[string]*scoring.Result // by questionnaire id
	Participation *CampaignParticipation
	Outputs       string // the JSON that the closing stores
}

// FreshOutputs computes what the closed campaign id publishes from its
// responses, storing nothing.
func FreshOutputs(ctx context.Context, s *Store, id string) (*Fresh, error) {
	cs, err := s.campaignScores(ctx, id)
	if err != nil {
		return nil, err
	}
	f := &Fresh{Results: map[string]*scoring.Result{}}
	for _, q := range cs.questionnaires {
		if f.Results[q.ID], err = cs.result(q.ID); err != nil {
			return nil, err
		}
	}
	rows := cs.participation()
	f.Participation = &CampaignParticipation{Units: rows, Hidden: hiddenReasons(rows), Respondents: cs.respondents()}
	raw, err := json.Marshal(cs.outputs())
	f.Outputs = string(raw)
	return f, err
}

// StoredOutputs returns the outputs stored for campaign id, as stored, and
// the rules they were computed under ("" and 0 when none are).
func StoredOutputs(ctx context.Context, s *Store, id string) (string, int, error) {
	var raw string
	var rules int
	err := s.read.QueryRowContext(ctx, `SELECT outputs, rules FROM campaign_outputs WHERE campaign_id = ?`, id).Scan(&raw, &rules)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	return raw, rules, err
}

// ScoreOutputs scores the closed campaign id and stores its outputs, as
// after its closing, even when they are stored already.
func ScoreOutputs(ctx context.Context, s *Store, id string) error {
	_, err := s.scoreOutputs(ctx, id)
	return err
}

// Scored returns how many times s scored a closed campaign for its
// outputs.
func Scored(s *Store) int64 { return s.scored.Load() }

// WaitBackground waits for the background work of s started so far (the
// scoring after a closing, the scorings again at start) to end.
func WaitBackground(s *Store) { s.bg.wg.Wait() }

// NextEntries exposes the portfolio's differencing rule to its property
// test (portfolio_rule_test.go).
func NextEntries(history, candidates map[string][]string, min int) map[string][]string {
	return nextEntries(history, candidates, min)
}

// PortfolioMembers returns what entered each portfolio version: version
// -> "questionnaire@qversion/measure" -> campaign ids, for the attacker.
func (s *Store) PortfolioMembers(ctx context.Context) (map[int]map[string][]string, error) {
	out := map[int]map[string][]string{}
	err := eachRow(ctx, s.read, `SELECT version, questionnaire, qversion, measure, contributor FROM portfolio_members ORDER BY contributor`, nil, func(rows *sql.Rows) error {
		var v, qv int
		var q, m, id string
		if err := rows.Scan(&v, &q, &qv, &m, &id); err != nil {
			return err
		}
		if out[v] == nil {
			out[v] = map[string][]string{}
		}
		key := fmt.Sprintf("%s@%d/%s", q, qv, m)
		out[v][key] = append(out[v][key], id)
		return nil
	})
	return out, err
}
