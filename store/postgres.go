package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/vigie-sante/vigie"
)

// PostgreSQL, for several instances sharing one database: what only it
// needs. See dialect.go.

// pgPoolSize bounds the connections of one instance. Submissions take one
// (their batches are written by one goroutine), reads take the rest.
const pgPoolSize = 16

// pgLockMigrate and pgLockCompact are the advisory locks that keep two
// instances from migrating, or compacting, at the same time.
const (
	pgLockMigrate = 0x76696701 // "vig" 1
	pgLockCompact = 0x76696702
)

// openPostgres opens the PostgreSQL database at dsn.
func openPostgres(dsn string, fsys fs.FS, delay time.Duration) (*Store, error) {
	redacted := RedactURL(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, vigie.Errorf(vigie.EINVALID, "Adresse de base PostgreSQL invalide (%s) : %v", redacted, strings.ReplaceAll(err.Error(), dsn, redacted))
	}
	db := sql.OpenDB(rebindConnector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(pgPoolSize)
	db.SetMaxIdleConns(pgPoolSize)
	db.SetConnMaxIdleTime(5 * time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", redacted, err)
	}
	if err := migrateLocked(ctx, db, fsys); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: migrate %s: %w", redacted, err)
	}
	s := newStore(enginePostgres, db, db, redacted, delay)
	// waitOldReads sees the transactions of other roles (a pg_dump, a
	// DBA's session) only with pg_read_all_stats; without it, CLUSTER may
	// keep old versions of rows for one of them unnoticed.
	err = db.QueryRowContext(ctx, `SELECT pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER')
		OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)`).Scan(&s.seesAllReads)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open %s: role: %w", redacted, err)
	}
	// A crash may have left a write uncompacted (compact_crash.go).
	s.markCompactionAtStart()
	return s, nil
}

// migrateLocked migrates under an advisory lock, so that two instances
// started together do not both apply the same migration.
func migrateLocked(ctx context.Context, db *sql.DB, fsys fs.FS) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(?)`, pgLockMigrate); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(?)`, pgLockMigrate)
	return migrate(ctx, conn, fsys)
}

// pgCompacted are the tables whose rows say something about the order of
// submissions, and the column each compaction writes back unchanged.
//
// In PostgreSQL a row is a tuple appended to the table's heap, stamped
// with the id of the transaction that wrote it (xmin); an UPDATE or a
// DELETE leaves the old tuple in place, stamped with the id of the
// transaction that replaced it (xmax), until a vacuum. So, until
// compaction: a response's place in the heap and its xmin give the order
// of submissions; and the code spent with it (a new tuple of codes, the
// old one dead) and the draft or paper entry deleted with it carry the
// same transaction id: a link between a code and its answers.
var pgCompacted = []struct{ table, touch string }{
	{"responses", "week = week"},
	{"codes", "used = used"},
	{"drafts", "data = data"},
	{"paper_entries", "disputed = disputed"},
}

// pgOldReadWait bounds how long a compaction waits for reads that began
// before its first step (see compactPostgres).
const pgOldReadWait = 5 * time.Second

// compactPostgres erases what the tables of pgCompacted say about order,
// in two steps:
//
//  1. one transaction writes every row again, unchanged: every live tuple
//     now carries that transaction's id, the same for all;
//  2. CLUSTER copies each table, in primary-key order (random response
//     ids, code hashes), into new files without the dead tuples, and
//     drops the old files; indexes are rebuilt too.
//
// CLUSTER must keep a dead tuple that a transaction begun before step 1
// may still read: the compaction waits up to pgOldReadWait for such
// reads to end, and otherwise reports it did not finish (errCompactAgain),
// so that the compactor runs it again.
//
// Several instances share the database, and each compacts after its own
// writes. When wrote is not zero (the last write of this instance, by its
// clock), the compaction is skipped if another began after it (by the
// database's clock, with pgClockSkew of margin): that one's first step
// waited for this instance's writes to commit and rewrote them.
func (s *Store) compactPostgres(ctx context.Context, wrote time.Time) error {
	return s.withCompactLock(ctx, func(conn *sql.Conn) error {
		if !wrote.IsZero() {
			covered, err := compactedSince(ctx, conn, wrote.Add(pgClockSkew))
			if err != nil {
				return err
			}
			if covered {
				s.compactor.skipped.Add(1)
				return nil
			}
		}
		return s.compactOn(ctx, conn)
	})
}

// pgClockSkew bounds the difference between the clocks of the instances
// and of the database server (NTP keeps them within milliseconds).
const pgClockSkew = time.Second

// compactedSince tells whether a compaction began after t.
func compactedSince(ctx context.Context, conn *sql.Conn, t time.Time) (bool, error) {
	var at string
	err := conn.QueryRowContext(ctx, `SELECT started_at FROM compactions WHERE id = 1`).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("last compaction: %w", err)
	}
	started, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return false, fmt.Errorf("last compaction %q: %w", at, err)
	}
	return started.After(t), nil
}

// withCompactLock runs fn on one connection holding the compaction's
// advisory lock: one compaction or erasure at a time, whichever instance
// runs it.
func (s *Store) withCompactLock(ctx context.Context, fn func(conn *sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(?)`, pgLockCompact); err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(?)`, pgLockCompact)
	return fn(conn)
}

// compactOn is compactPostgres on conn, which holds the lock.
func (s *Store) compactOn(ctx context.Context, conn *sql.Conn) error {
	if !s.seesAllReads {
		s.warnOnce.Do(func() {
			s.log().Warn("store: the PostgreSQL role cannot see other roles' transactions (GRANT pg_read_all_stats TO it): a compaction may keep old row versions for a pg_dump or another session without knowing it (docs/deploiement.md § 9)")
		})
	}
	var started time.Time
	var xid int64 // step 1's transaction
	err := s.retry(ctx, func() error {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		names := make([]string, len(pgCompacted))
		for i, t := range pgCompacted {
			names[i] = t.table
		}
		// Writers wait (readers do not) rather than deadlock with the
		// rewrite of every row.
		if _, err := tx.ExecContext(ctx, `LOCK TABLE `+strings.Join(names, ", ")+` IN EXCLUSIVE MODE`); err != nil {
			return err
		}
		// Every write committed before now is rewritten below: record it
		// for the other instances.
		var locked time.Time
		if err := tx.QueryRowContext(ctx, `SELECT clock_timestamp()`).Scan(&locked); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO compactions (id, started_at) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at`, locked.UTC().Format(time.RFC3339Nano)); err != nil {
			return fmt.Errorf("record compaction: %w", err)
		}
		for _, t := range pgCompacted {
			if _, err := tx.ExecContext(ctx, `UPDATE `+t.table+` SET `+t.touch); err != nil {
				return fmt.Errorf("rewrite %s: %w", t.table, err)
			}
		}
		if err := tx.QueryRowContext(ctx, `SELECT clock_timestamp(), txid_current()`).Scan(&started, &xid); err != nil {
			return err
		}
		return tx.Commit()
	})
	if err != nil {
		return err
	}
	old, err := waitOldReads(ctx, conn, started, xid)
	if err != nil {
		return err
	}
	for _, t := range pgCompacted {
		if _, err := conn.ExecContext(ctx, `CLUSTER `+t.table+` USING `+t.table+`_pkey`); err != nil {
			return fmt.Errorf("cluster %s: %w", t.table, err)
		}
	}
	if old {
		return errCompactAgain
	}
	return nil
}

// errCompactAgain says a compaction ran but may have kept old versions of
// rows for a read that was still open.
var errCompactAgain = errors.New("store: compaction waited for an old read; it will run again")

// waitOldReads waits up to pgOldReadWait until the old versions of rows
// step 1 left (and the rows deleted before it) may be removed, and tells
// whether they still may not. Two things keep them: a session of this
// database with a transaction begun before t (step 1's end), whose
// snapshot may still see them; and any transaction of the whole server
// (another database included) still running since before step 1's
// transaction xid, because every snapshot taken meanwhile, CLUSTER's own
// included, counts it as running and keeps what it might see. The second
// was found by the tests, where other packages' tests keep transactions
// open in their databases of the same server: on a shared PostgreSQL
// server, a long transaction anywhere delays the rewrite.
func waitOldReads(ctx context.Context, conn *sql.Conn, t time.Time, xid int64) (bool, error) {
	deadline := time.Now().Add(pgOldReadWait)
	for {
		var clear bool
		err := conn.QueryRowContext(ctx, `
			SELECT txid_snapshot_xmin(txid_current_snapshot()) > ? AND NOT EXISTS (
				SELECT 1 FROM pg_stat_activity
				WHERE datname = current_database() AND pid != pg_backend_pid()
					AND backend_xmin IS NOT NULL AND xact_start < ?)`, xid, t).Scan(&clear)
		if err != nil {
			return false, fmt.Errorf("store: compact: old reads: %w", err)
		}
		if clear {
			return false, nil
		}
		if time.Now().After(deadline) {
			return true, nil
		}
		select {
		case <-ctx.Done():
			return true, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// erasePostgres compacts, then rewrites every table of the schema that
// the compaction does not, under one hold of the lock. A DELETE leaves the deleted tuples' bytes in the table's
// files until a rewrite (a plain VACUUM only marks their space free), so
// after an erasure (archive, deletion) the comments, units, actions and
// the rest would stay readable in a copy of the files: VACUUM FULL copies
// each table's live rows into new files, and its TOAST and indexes too,
// and the old files are truncated at once. VACUUM cannot run inside a
// transaction: one table at a time, under the compaction's lock.
func (s *Store) erasePostgres(ctx context.Context) error {
	return s.withCompactLock(ctx, func(conn *sql.Conn) error {
		err := s.compactOn(ctx, conn)
		if err != nil && !errors.Is(err, errCompactAgain) {
			return err
		}
		if eraseErr := eraseOn(ctx, conn); eraseErr != nil {
			return eraseErr
		}
		// The old read compactOn waited for may keep dead tuples in the
		// other tables too: errCompactAgain still says so.
		return err
	})
}

// eraseOn is erasePostgres on conn, which holds the lock.
func eraseOn(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
		ORDER BY table_name`)
	if err != nil {
		return fmt.Errorf("list tables: %w", err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return fmt.Errorf("list tables: %w", err)
		}
		compacted := false
		for _, t := range pgCompacted {
			compacted = compacted || t.table == name
		}
		if !compacted {
			tables = append(tables, name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list tables: %w", err)
	}
	for _, t := range tables {
		if _, err := conn.ExecContext(ctx, `VACUUM FULL `+pgx.Identifier{t}.Sanitize()); err != nil {
			return fmt.Errorf("vacuum full %s: %w", t, err)
		}
	}
	return nil
}
