package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// The store runs on SQLite (the default: one file, one binary) or on
// PostgreSQL (several instances sharing one database). Everything that
// differs between the two is decided here or in the two files named after
// the engines (sqlite.go, postgres.go); the rest of the package is written
// once, in SQL both accept:
//
//   - placeholders: queries use SQLite's "?" and "?N"; PostgreSQL
//     connections rewrite them to "$N" (dialect_rebind.go);
//   - types: each migration exists twice (migrations/sqlite and
//     migrations/postgres) with the same tables, columns, keys and checks;
//     TEXT is text COLLATE "C" (byte order, as SQLite sorts), BLOB is
//     bytea, REAL is double precision; schema_test.go compares them;
//   - upserts: "INSERT ... ON CONFLICT" in both, never SQLite's
//     "INSERT OR ...";
//   - random ids: drawn in Go (random.go), never by the database;
//   - transactions: SQLite has one writer, so every write transaction is
//     serialisable by construction; PostgreSQL runs them SERIALIZABLE and
//     retries them on a serialisation failure (update), except the batches
//     of submissions, which run READ COMMITTED and lock their campaign's
//     row (forShare) so that a closing waits for them (submit_batch.go);
//   - compaction (the rewrite that erases the order of submissions) and
//     backup: VACUUM and VACUUM INTO, or UPDATE + CLUSTER and pg_dump;
//     after an erasure (archive, deletion) PostgreSQL also rewrites every
//     other table (VACUUM FULL), where SQLite's VACUUM already did; what
//     says at start that a crash left a write uncompacted (compact_crash.go)
//     and whether the disk has room for an erasure's rewrite (space.go,
//     SQLite only);
//   - the drivers' errors that mean an outage: a full disk, a database
//     out of reach (outage.go).

// engine names a database engine.
type engine int

const (
	engineSQLite engine = iota
	enginePostgres
)

func (e engine) String() string {
	if e == enginePostgres {
		return "postgres"
	}
	return "sqlite"
}

// IsPostgresURL reports whether db names a PostgreSQL database
// ("postgres://..." or "postgresql://...") rather than a SQLite file.
func IsPostgresURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// RedactURL returns a PostgreSQL URL without its password, fit for logs
// and messages; anything else is returned as is.
func RedactURL(db string) string {
	if !IsPostgresURL(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Engine returns "sqlite" or "postgres".
func (s *Store) Engine() string { return s.engine.String() }

// migrationsOf returns the migrations written for e.
func migrationsOf(e engine) fs.FS {
	if e == enginePostgres {
		return pgMigrations
	}
	return migrations
}

// forShare is appended to the query by which a submission reads its
// campaign's state: on PostgreSQL it holds the row until the batch
// commits, so that closing (an UPDATE of the row) waits for answers
// already being written, as SQLite's single writer makes it wait.
func (s *Store) forShare() string {
	if s.engine == enginePostgres {
		return " FOR SHARE"
	}
	return ""
}

// writeOptions are the options of update's transactions: serialisable on
// PostgreSQL (SQLite's are, having one writer).
func (s *Store) writeOptions() *sql.TxOptions {
	if s.engine == enginePostgres {
		return &sql.TxOptions{Isolation: sql.LevelSerializable}
	}
	return nil
}

// readOptions are the options of view's transactions: one snapshot for
// every query (SQLite's read transactions have one by nature).
func (s *Store) readOptions() *sql.TxOptions {
	if s.engine == enginePostgres {
		return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	return &sql.TxOptions{ReadOnly: true}
}

// retryable reports whether err is a PostgreSQL serialisation failure or
// deadlock: the transaction did nothing and may simply run again.
func retryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40001" || pgErr.Code == "40P01")
}

// rewrite compacts the database (compact.go): VACUUM on SQLite, the
// rewrite of compactPostgres on PostgreSQL. erase is set after deleting
// data that must leave the files (archive, deletion): SQLite's VACUUM
// rewrites every table anyway (and secure_delete already zeroed the
// freed bytes); PostgreSQL then also rewrites every other table
// (erasePostgres), under the same lock.
func (s *Store) rewrite(ctx context.Context, erase bool) error {
	if fault := s.compactor.fault.Load(); fault != nil {
		return *fault
	}
	if s.engine == enginePostgres && erase {
		return s.erasePostgres(ctx)
	}
	if s.engine == enginePostgres {
		return s.compactPostgres(ctx, time.Unix(0, s.compactor.lastWrite.Load()))
	}
	return s.vacuum(ctx)
}

// rewriteDeleted makes the drafts and paper entries a write has just
// deleted unreadable in the files at once. SQLite's secure_delete has
// already overwritten them; PostgreSQL keeps dead tuples in the heap until
// a rewrite, so the compaction runs now rather than after the idle delay.
// A failure is logged and left to the compactor: the write itself is done.
func (s *Store) rewriteDeleted(ctx context.Context) {
	if s.engine != enginePostgres {
		return
	}
	if err := s.compactPostgres(ctx, time.Time{}); err != nil {
		s.markDirty()
		if !errors.Is(err, errCompactAgain) {
			s.log().Warn("store: rewrite after deletion failed, the compactor will retry", "err", err)
		}
	}
}

// tablesWithCampaignSQL lists the tables with a campaign_id column, but
// the frozen DUERP versions (campaign_delete.go).
func (s *Store) tablesWithCampaignSQL() string {
	if s.engine == enginePostgres {
		return `SELECT table_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND column_name = 'campaign_id' AND table_name != 'duerp_versions'
			ORDER BY table_name`
	}
	return `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND p.name = 'campaign_id' AND m.name != 'duerp_versions'
		ORDER BY m.name`
}
