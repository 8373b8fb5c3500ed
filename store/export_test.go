package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
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
