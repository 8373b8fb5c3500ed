package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// Store is Vigie's database: one SQLite file, one writer connection (SQLite
// allows one writer at a time; queuing in Go beats busy-waiting in SQLite)
// and a small pool of read-only connections.
type Store struct {
	db   *sql.DB // the single writer
	read *sql.DB // read-only pool
	path string

	mu      sync.Mutex
	parsed  map[string]*parsedSource    // questionnaire sources already parsed, by hash
	running map[string]*runningCampaign // campaigns past draft, whose settings no longer change

	submits    chan *submission // to the goroutine that writes responses
	writerDone chan struct{}
	closeMu    sync.RWMutex
	closed     bool

	compactor compactor // rewrites the file once writes pause (compact.go)
	logger    *slog.Logger
}

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

// Open opens the database at path, creating it when missing, and applies
// the migrations it lacks.
func Open(path string) (*Store, error) {
	return openWith(path, migrations)
}

// openWith opens path and applies the migrations found in fsys (tests use
// it to build a database at an older schema).
func openWith(path string, fsys fs.FS) (*Store, error) {
	return openWithDelay(path, fsys, compactDelay)
}

// openWithDelay is openWith compacting after delay of idle writer (tests
// shorten it).
func openWithDelay(path string, fsys fs.FS, delay time.Duration) (*Store, error) {
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
	s := &Store{db: db, read: read, path: path, parsed: map[string]*parsedSource{}, running: map[string]*runningCampaign{}, logger: slog.Default()}
	s.compactor.delay = delay
	s.startWriter()
	s.startCompactor()
	if wasWAL {
		// The main file was written under a WAL, without compaction: its
		// pages may still show the order of past submissions.
		s.markDirty()
	}
	return s, nil
}

// SetLogger sets where the store reports failures of its background work
// (compaction); slog.Default() until then.
func (s *Store) SetLogger(l *slog.Logger) {
	s.mu.Lock()
	s.logger = l
	s.mu.Unlock()
}

// Close writes the submissions already accepted, compacts the file if
// anything was written since the last compaction, then closes every
// connection. Call it after the HTTP server has shut down, so no accepted
// answer is lost.
func (s *Store) Close() error {
	s.stopWriter()
	err := s.stopCompactor()
	return errors.Join(err, s.read.Close(), s.db.Close())
}

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// queryer is what read helpers need: the read pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// update runs fn in one write transaction (BEGIN IMMEDIATE, from the DSN)
// and commits when fn returns nil. Every write schedules a compaction: the
// insertion order of cells is visible in the pages until then.
func (s *Store) update(ctx context.Context, fn func(tx *sql.Tx) error) error {
	// Deferred, so it runs after the commit: a compaction that slipped in
	// between a mark and its commit would leave the commit uncompacted.
	defer s.markDirty()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// view runs fn in one read transaction on the read pool, so every query of
// fn sees the same snapshot.
func (s *Store) view(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("store: begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}
