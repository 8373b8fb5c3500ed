package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie"
)

// Submissions are written in batches ("group commit"): one goroutine takes
// every submission waiting, applies each inside its own SAVEPOINT (so one
// refused code never undoes another's answers) and commits them together.
// With many employees answering at once, the cost of a commit, the single
// writer's bottleneck, is shared instead of paid by each.

// maxBatch bounds the submissions of one transaction.
const maxBatch = 64

// submission is one response waiting to be written.
type submission struct {
	ctx  context.Context
	rc   *runningCampaign
	code string
	hash []byte // nil in link mode
	r    *vigie.Response
	done chan error
}

// startWriter starts the goroutine that writes submissions.
func (s *Store) startWriter() {
	s.submits = make(chan *submission, maxBatch)
	s.writerDone = make(chan struct{})
	go func() {
		defer close(s.writerDone)
		for first := range s.submits {
			batch := []*submission{first}
		fill:
			for len(batch) < maxBatch {
				select {
				case sub, ok := <-s.submits:
					if !ok {
						break fill
					}
					batch = append(batch, sub)
				default:
					break fill
				}
			}
			s.writeBatch(batch)
		}
	}()
}

// stopWriter writes what is queued and stops the writer goroutine.
func (s *Store) stopWriter() {
	s.closeMu.Lock()
	if !s.closed {
		s.closed = true
		close(s.submits)
	}
	s.closeMu.Unlock()
	<-s.writerDone
}

// enqueue hands sub to the writer and waits for the outcome. It waits even
// if ctx ends meanwhile: once queued, the answer may be stored, and the
// caller must know whether it was.
func (s *Store) enqueue(sub *submission) error {
	s.closeMu.RLock()
	if s.closed {
		s.closeMu.RUnlock()
		return fmt.Errorf("store: submit to %s: store closed", sub.rc.campaign.ID)
	}
	s.submits <- sub
	s.closeMu.RUnlock()
	return <-sub.done
}

// writeBatch writes a batch in one transaction and reports to each
// submission: its own refusal, or the outcome of the commit.
//
// On PostgreSQL the batch runs READ COMMITTED, not SERIALIZABLE like other
// writes: batches of two instances spending codes side by side would
// fail each other's serialisation checks all the time. What they need
// holds anyway: a code's row is locked by the UPDATE that spends it, and
// the second spender finds it used; the campaign's row is locked FOR
// SHARE (forShare), so a closing waits for the batch. A submission that
// meets a deadlock is rolled back to its savepoint (which releases its
// locks) and tried again. Deadlocks are avoided rather than waited for
// (PostgreSQL detects one only after deadlock_timeout, a second by
// default, during which both batches stall): the batch spends its codes
// in the order of their hashes, so that two batches wanting the same
// codes (one code sent to two instances at once) lock them in the same
// order.
func (s *Store) writeBatch(batch []*submission) {
	defer s.markDirty()
	slices.SortStableFunc(batch, func(a, b *submission) int { return bytes.Compare(a.hash, b.hash) })
	errs := make([]error, len(batch))
	ctx := context.Background()
	err := s.retry(ctx, func() error {
		return s.updateOnce(ctx, nil, func(tx *sql.Tx) error {
			for i, sub := range batch {
				errs[i] = sub.ctx.Err()
				if errs[i] != nil {
					continue
				}
				errs[i] = s.retry(ctx, func() error { return s.writeSaved(tx, sub) })
				if retryable(errs[i]) {
					// The whole transaction is at fault (not one code):
					// run the batch again.
					return errs[i]
				}
			}
			return nil
		})
	})
	for i, sub := range batch {
		if errs[i] == nil {
			errs[i] = err // nil when the commit succeeded
		}
		sub.done <- errs[i]
	}
}

// writeSaved writes one submission inside a savepoint of the batch's
// transaction, rolled back to when the submission fails.
func (s *Store) writeSaved(tx *sql.Tx, sub *submission) error {
	if _, err := tx.Exec(`SAVEPOINT submission`); err != nil {
		return fmt.Errorf("store: savepoint: %w", err)
	}
	// Statements run without the caller's context: a cancellation
	// interrupting SQLite mid-statement would roll back the whole batch,
	// other people's answers included.
	err := s.writeSubmission(context.Background(), tx, sub)
	if err != nil {
		if _, rerr := tx.Exec(`ROLLBACK TO submission`); rerr != nil {
			return fmt.Errorf("store: rollback to savepoint: %w (after %w)", rerr, err)
		}
	}
	if _, rerr := tx.Exec(`RELEASE submission`); rerr != nil {
		return fmt.Errorf("store: release savepoint: %w", rerr)
	}
	return err
}

// writeSubmission spends the code (if any) and inserts the response.
func (s *Store) writeSubmission(ctx context.Context, tx *sql.Tx, sub *submission) error {
	r, id := sub.r, sub.rc.campaign.ID
	var state string
	err := tx.QueryRowContext(ctx, `SELECT state FROM campaigns WHERE id = ?`+s.forShare(), id).Scan(&state)
	if err == sql.ErrNoRows || (err == nil && state != string(vigie.StateOpen)) {
		return errNotOpen
	} else if err != nil {
		return fmt.Errorf("store: submit to %s: read campaign: %w", id, err)
	}
	if sub.hash != nil {
		if err := spendCode(ctx, tx, sub.rc, sub.code, sub.hash, r); err != nil {
			return err
		}
	}
	// The campaign may have closed since it was read: insert only while open.
	res, err := tx.ExecContext(ctx, `
		INSERT INTO responses (id, campaign_id, unit, segments, answers, comments, week)
		SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM campaigns WHERE id = ? AND state = 'open')`,
		r.ID, id, strings.Join(r.Unit, "/"), mustJSON(r.Segments), mustJSON(r.Answers), mustJSON(r.Comments), r.Week, id)
	if err != nil {
		return fmt.Errorf("store: submit to %s: insert response: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errNotOpen
	}
	return nil
}
