package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Compaction. SQLite writes a new cell at the top of its page's free
// area, so the offsets of the cells in a page of responses or codes give
// the order in which they were inserted or updated, and freed space and
// page numbers keep more of that history. Once writes pause for
// compactDelay, the store rewrites the whole file with VACUUM: every
// table is copied in key order (random ids, code hashes) into fresh pages,
// and the result depends on what the database holds, not on the order it
// was written in. Drafts deleted meanwhile are gone too (secure_delete had
// already zeroed them). The cost (a full copy of the file, writers and
// readers waiting for it) is measured in docs/performance.md; under a
// trickle of writes, compactShare bounds it.
//
// Why not cheaper: rewriting only the responses table would still leave
// the codes' and drafts' pages, the freelist and the order of page
// allocation; SQLite has no way to rewrite one page in key order. VACUUM
// is the one operation whose result does not depend on history.

// compactDelay is how long the store waits after the last write before it
// compacts: long enough for a burst of submissions to finish, short
// enough that a copy of the files taken soon after a submission does not
// show its place in the order.
const compactDelay = time.Second

// compactShare bounds the writer's time spent compacting under a trickle
// of writes: after a compaction that took d, the next waits at least
// (compactShare-1)×d, so compaction takes at most 1/compactShare of the
// time (about 0.8 s per 100,000 responses, see docs/performance.md).
const compactShare = 10

// maxCompactRetry bounds the wait before retrying a failed compaction.
const maxCompactRetry = time.Minute

// compactor is the state of the goroutine that compacts the database.
type compactor struct {
	delay time.Duration
	dirty atomic.Bool   // written since the last compaction began
	kick  chan struct{} // a write happened (buffered, one pending kick)
	stop  chan struct{}
	once  sync.Once // Close may be called twice
	done  chan struct{}
	busy  atomic.Bool  // a compaction is running
	runs  atomic.Int64 // compactions done, for tests
	// lastWrite is when this instance last wrote (Unix ns, this
	// machine's clock), and skipped counts the compactions left to
	// another instance's (PostgreSQL, see compactPostgres).
	lastWrite atomic.Int64
	skipped   atomic.Int64

	// erasures counts the erasures committed (archive, deletion), erased
	// how many of them a finished rewrite has covered: an erasure's data
	// leaves the files only with the rewrite that follows it, and until
	// then the next compaction erases too (compactNow, compact).
	erasures atomic.Int64
	erased   atomic.Int64

	// failures counts the rewrites failed in a row, err is the last one's
	// error (Compaction).
	mu       sync.Mutex
	failures int
	err      error

	fault atomic.Pointer[error] // tests: every rewrite fails with it
}

// markDirty records a write and restarts the idle timer.
func (s *Store) markDirty() {
	s.compactor.lastWrite.Store(time.Now().UnixNano())
	s.compactor.dirty.Store(true)
	select {
	case s.compactor.kick <- struct{}{}:
	default:
	}
}

// startCompactor starts the goroutine that compacts the database once
// writes have paused for compactor.delay.
func (s *Store) startCompactor() {
	c := &s.compactor
	if c.delay == 0 {
		c.delay = compactDelay
	}
	c.kick = make(chan struct{}, 1)
	c.stop = make(chan struct{})
	c.done = make(chan struct{})
	go func() {
		defer close(c.done)
		timer := time.NewTimer(c.delay)
		timer.Stop()
		retry := c.delay
		var notBefore time.Time
		for {
			select {
			case <-c.stop:
				timer.Stop()
				return
			case <-c.kick:
				timer.Reset(c.delay)
			case <-timer.C:
				if wait := time.Until(notBefore); wait > 0 {
					timer.Reset(wait)
					continue
				}
				start := time.Now()
				err := s.compact(context.Background())
				if err != nil {
					// A long read held the file past the busy timeout
					// (SQLite), the disk is full (Compaction reports the
					// failures: the campaign page and /healthz show them),
					// or a read kept old rows alive (PostgreSQL,
					// errCompactAgain, expected under reads: not worth a
					// warning): try again later, backing off.
					level := slog.LevelWarn
					if errors.Is(err, errCompactAgain) {
						level = slog.LevelInfo
					}
					s.log().Log(context.Background(), level, "store: compaction failed, will retry", "err", err, "retry", retry)
					timer.Reset(retry)
					retry = min(2*retry, maxCompactRetry)
					continue
				}
				retry = c.delay
				notBefore = time.Now().Add((compactShare - 1) * time.Since(start))
			}
		}
	}()
}

// stopCompactor stops the goroutine and compacts one last time if
// anything was written since, so a clean shutdown leaves a clean file.
func (s *Store) stopCompactor() error {
	s.compactor.once.Do(func() { close(s.compactor.stop) })
	<-s.compactor.done
	return s.compact(context.Background())
}

// compact rewrites the database with VACUUM when it was written since the
// last compaction. It runs on the writer connection, so submissions wait
// in the queue meanwhile instead of failing on a locked file.
func (s *Store) compact(ctx context.Context) error {
	s.compactor.busy.Store(true)
	defer s.compactor.busy.Store(false)
	if !s.compactor.dirty.Swap(false) {
		return nil
	}
	if err := s.rewriteCounted(ctx, s.erasePending()); err != nil {
		s.compactor.dirty.Store(true)
		return fmt.Errorf("store: compact %s: %w", s.path, err)
	}
	s.compactor.runs.Add(1)
	return nil
}

// rewriteCounted runs rewrite and keeps the account Compaction reports:
// the erasures it covered, the failures in a row. errCompactAgain
// (PostgreSQL: done, but an old read may have kept rows) is no failure,
// yet covers no erasure: the next compaction erases again.
func (s *Store) rewriteCounted(ctx context.Context, erase bool) error {
	c := &s.compactor
	// Every erasure counted now has committed: the rewrite below covers it.
	covered := c.erasures.Load()
	err := s.rewrite(ctx, erase)
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case err == nil:
		c.failures, c.err = 0, nil
		// Never lower it (c.mu held): a later erasure's rewrite may
		// have ended first.
		if erase && covered > c.erased.Load() {
			c.erased.Store(covered)
		}
	case errors.Is(err, errCompactAgain):
		c.failures, c.err = 0, nil
	default:
		c.failures++
		c.err = err
	}
	return err
}

// erasePending tells whether an erasure committed has not been covered
// by a finished rewrite yet.
func (s *Store) erasePending() bool {
	return s.compactor.erased.Load() < s.compactor.erasures.Load()
}

// CompactionStatus is what the store tells about the rewrite of its
// files: pending after an erasure, failing when the disk is full.
type CompactionStatus struct {
	// ErasurePending: an archive or a deletion has committed (its data
	// is gone from every query) but the rewrite that removes its bytes
	// from the files has not finished yet; the compactor retries it.
	ErasurePending bool
	// Failures counts the rewrites failed in a row, 0 once one succeeds;
	// Err is the last one's error (for the log, never for a page: see
	// Outage to tell a full disk).
	Failures int
	Err      error
}

// Compaction returns the state of the rewrites of the files.
func (s *Store) Compaction() CompactionStatus {
	c := &s.compactor
	c.mu.Lock()
	defer c.mu.Unlock()
	return CompactionStatus{ErasurePending: s.erasePending(), Failures: c.failures, Err: c.err}
}
