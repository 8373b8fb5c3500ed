package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// SQLite, the default engine: what only it needs. See dialect.go.

// readPoolSize bounds the read connections; the server has 2 cores.
const readPoolSize = 4

// busyTimeout is how long, in milliseconds, a connection waits for the
// file. With a rollback journal a commit waits until no connection is
// reading, and readers wait for that commit: the longest read sets the
// bound. Results and participation read a campaign's responses in one
// read transaction (scores.go), about 4 s at 100,000 responses on the
// project machine (BenchmarkCompact), and compaction holds the file about
// 0.8 s there. Waiting is better than failing an employee's submission.
const busyTimeout = "30000"

// stmtCacheSize is how many prepared statements each connection keeps:
// preparing SQL again for every submission costs as much as running it.
const stmtCacheSize = "64"

// openSQLite opens the SQLite file at path.
func openSQLite(path string, fsys fs.FS, delay time.Duration) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("store: chemin de base de données invalide %q", path)
	}
	wasWAL, err := prepareFile(path)
	if err != nil {
		return nil, err
	}
	// Pragmas go in the DSN: a PRAGMA sent with Exec would reach only one
	// pooled connection. A rollback journal, not a WAL: a WAL keeps every
	// committed page as a frame until a checkpoint, and the frames of
	// earlier cycles linger after it, so a copy of vigie.db-wal replays the
	// submissions one commit at a time (which code was spent with which
	// response). TRUNCATE empties the journal at every commit, and
	// secure_delete zeroes what a transaction frees in the main file.
	// synchronous=FULL: NORMAL is not crash-safe with a rollback journal.
	w := url.Values{}
	w.Set("_journal_mode", "TRUNCATE")
	w.Set("_synchronous", "FULL")
	w.Set("_busy_timeout", busyTimeout)
	w.Set("_txlock", "immediate")
	w.Set("_foreign_keys", "on")
	w.Set("_secure_delete", "on")
	w.Set("_stmt_cache_size", stmtCacheSize)
	db, err := sql.Open("sqlite3", path+"?"+w.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := migrate(context.Background(), db, fsys); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: migrate %s: %w", path, err)
	}

	r := url.Values{}
	r.Set("_busy_timeout", busyTimeout)
	r.Set("_foreign_keys", "on")
	r.Set("_query_only", "on")
	r.Set("_stmt_cache_size", stmtCacheSize)
	read, err := sql.Open("sqlite3", path+"?"+r.Encode())
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s for reading: %w", path, err)
	}
	read.SetMaxOpenConns(readPoolSize)
	read.SetMaxIdleConns(readPoolSize)
	if err := read.Ping(); err != nil {
		db.Close()
		read.Close()
		return nil, fmt.Errorf("store: open %s for reading: %w", path, err)
	}
	s := newStore(engineSQLite, db, read, path, delay)
	if wasWAL {
		// The main file was written under a WAL, without compaction: its
		// pages may still show the order of past submissions.
		s.markDirty()
	} else {
		// A crash may have left a write uncompacted (compact_crash.go).
		s.markCompactionAtStart()
	}
	return s, nil
}
