package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Store is Vigie's database. On SQLite: one file, one writer connection
// (SQLite allows one writer at a time; queuing in Go beats busy-waiting in
// SQLite) and a small pool of read-only connections. On PostgreSQL: one
// pool for both (see dialect.go for what else differs).
type Store struct {
	engine engine
	db     *sql.DB // SQLite: the single writer; PostgreSQL: the pool
	read   *sql.DB // SQLite: the read-only pool; PostgreSQL: db
	path   string  // SQLite: the file; PostgreSQL: the URL without password

	mu      sync.Mutex
	parsed  map[string]*parsedSource    // questionnaire sources already parsed, by hash
	running map[string]*runningCampaign // campaigns past draft, whose settings no longer change

	submits    chan *submission // to the goroutine that writes responses
	writerDone chan struct{}
	closeMu    sync.RWMutex
	closed     bool

	// seesAllReads: the PostgreSQL role sees every session's transactions
	// (compactPostgres); warnOnce says so once when it does not.
	seesAllReads bool
	warnOnce     sync.Once

	// freezing are the scorings of closed campaigns under way, by
	// campaign id (outputs.go); bg runs them.
	freezing    map[string]*freezing
	outputCache outputsCache // the outputs read last, decoded
	bg          background
	scored      atomic.Int64 // closed campaigns scored for their outputs (tests count them)

	compactor  compactor    // rewrites the file once writes pause (compact.go)
	loginSweep atomic.Int64 // Unix ms of this instance's last sweep of the sign-in limits (login_limit.go)
	logger     *slog.Logger
}

// Open opens the database db, creating it when missing, and applies the
// migrations it lacks: a PostgreSQL database when db is a "postgres://"
// or "postgresql://" URL, else the SQLite file at path db.
func Open(db string) (*Store, error) {
	return openWithDelay(db, nil, compactDelay)
}

// openWith opens db and applies the migrations found in fsys (tests use
// it to build a database at an older schema).
func openWith(db string, fsys fs.FS) (*Store, error) {
	return openWithDelay(db, fsys, compactDelay)
}

// openWithDelay is openWith compacting after delay of idle writer (tests
// shorten it); fsys nil means the engine's own migrations.
func openWithDelay(db string, fsys fs.FS, delay time.Duration) (*Store, error) {
	e := engineSQLite
	if IsPostgresURL(db) {
		e = enginePostgres
	}
	own := fsys == nil
	if own {
		fsys = migrationsOf(e)
	}
	var s *Store
	var err error
	if e == enginePostgres {
		s, err = openPostgres(db, fsys, delay)
	} else {
		s, err = openSQLite(db, fsys, delay)
	}
	if err != nil {
		return nil, err
	}
	if own {
		// Closed campaigns whose figures were stored under older
		// anonymity rules, or never, have them computed now (outputs.go).
		// A test's database at an older schema has no table for them.
		s.mu.Lock()
		s.goBackground(s.refreezeStale)
		s.mu.Unlock()
	}
	return s, nil
}

// newStore finishes opening: the caches, the writer of submissions and
// the compactor.
func newStore(e engine, db, read *sql.DB, path string, delay time.Duration) *Store {
	s := &Store{engine: e, db: db, read: read, path: path, parsed: map[string]*parsedSource{}, running: map[string]*runningCampaign{},
		freezing: map[string]*freezing{}, logger: slog.Default()}
	s.bg.ctx, s.bg.cancel = context.WithCancel(context.Background())
	s.compactor.delay = delay
	s.startWriter()
	s.startCompactor()
	return s
}

// SetLogger sets where the store reports its background work (compaction,
// the scoring of closed campaigns); slog.Default() until then.
func (s *Store) SetLogger(l *slog.Logger) {
	s.mu.Lock()
	s.logger = l
	s.mu.Unlock()
}

// log returns the logger SetLogger set.
func (s *Store) log() *slog.Logger {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logger
}

// Close stops the background scoring of closed campaigns (the next start
// resumes it), writes the submissions already accepted, compacts the file
// if anything was written since the last compaction, then closes every
// connection. Call it after the HTTP server has shut down, so no accepted
// answer is lost.
func (s *Store) Close() error {
	s.stopBackground()
	s.stopWriter()
	err := s.stopCompactor()
	if s.read == s.db {
		return errors.Join(err, s.db.Close())
	}
	return errors.Join(err, s.read.Close(), s.db.Close())
}

// Path returns the file the store was opened on (a PostgreSQL URL without
// its password).
func (s *Store) Path() string { return s.path }

// queryer is what read helpers need: the read pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// update runs fn in one write transaction (BEGIN IMMEDIATE, from the DSN)
// and commits when fn returns nil. Every write schedules a compaction: the
// insertion order of cells is visible in the pages until then.
//
// On PostgreSQL the transaction is SERIALIZABLE, and runs again (fn
// included) when the server reports a serialisation failure: fn must
// therefore only set variables it also sets on every run, never append
// to what it found before.
func (s *Store) update(ctx context.Context, fn func(tx *sql.Tx) error) error {
	// Deferred, so it runs after the commit: a compaction that slipped in
	// between a mark and its commit would leave the commit uncompacted.
	defer s.markDirty()
	return s.retry(ctx, func() error { return s.updateOnce(ctx, s.writeOptions(), fn) })
}

// updateUncompacted is update for writes that say nothing about answers,
// codes or drafts (the sign-in counters): they schedule no compaction,
// which on PostgreSQL rewrites the tables of answers and codes, and which
// a flood of sign-in attempts would otherwise keep running.
func (s *Store) updateUncompacted(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.retry(ctx, func() error { return s.updateOnce(ctx, s.writeOptions(), fn) })
}

// updateOnce runs fn in one transaction with opts.
func (s *Store) updateOnce(ctx context.Context, opts *sql.TxOptions, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, opts)
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

// maxRetries bounds how often a transaction runs again after a
// serialisation failure or a deadlock (PostgreSQL only).
const maxRetries = 8

// retry runs run until it succeeds, fails otherwise than retryable, or
// has failed maxRetries times, waiting a little longer each time.
func (s *Store) retry(ctx context.Context, run func() error) error {
	for attempt := 1; ; attempt++ {
		err := run()
		if err == nil || !retryable(err) || attempt == maxRetries {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt*attempt) * time.Millisecond):
		}
	}
}

// view runs fn in one read transaction on the read pool, so every query of
// fn sees the same snapshot.
func (s *Store) view(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.read.BeginTx(ctx, s.readOptions())
	if err != nil {
		return fmt.Errorf("store: begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}
