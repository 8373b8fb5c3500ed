package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
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
			if err := s.lockCampaigns(ctx, tx, batch); err != nil {
				return err
			}
			saved := false // a savepoint is open
			for i, sub := range batch {
				errs[i] = sub.ctx.Err()
				if errs[i] != nil {
					continue
				}
				errs[i] = s.retry(ctx, func() error {
					err := s.writeSaved(tx, sub, saved)
					saved = saved || !isSavepointError(err)
					return err
				})
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

// lockCampaigns locks the rows of the batch's campaigns FOR SHARE on
// PostgreSQL, once per campaign rather than once per submission: a
// closing then waits for the batch. Whether each campaign is open is
// checked by each submission's own statements. SQLite's single writer
// needs nothing.
func (s *Store) lockCampaigns(ctx context.Context, tx *sql.Tx, batch []*submission) error {
	if s.forShare() == "" {
		return nil
	}
	seen := map[string]bool{}
	for _, sub := range batch {
		id := sub.rc.campaign.ID
		if seen[id] {
			continue
		}
		seen[id] = true
		if _, err := tx.ExecContext(ctx, `SELECT 1 FROM campaigns WHERE id = ?`+s.forShare(), id); err != nil {
			return fmt.Errorf("store: submit to %s: lock campaign: %w", id, err)
		}
	}
	return nil
}

// writeSaved writes one submission inside a savepoint of the batch's
// transaction, rolled back to when the submission fails. The savepoint
// stays open after it: the next submission releases it and opens its own
// in one round trip (saved tells there is one to release), and the
// commit releases the last. A round trip less per submission matters on
// PostgreSQL, where each is a message to the server.
func (s *Store) writeSaved(tx *sql.Tx, sub *submission, saved bool) error {
	open := `SAVEPOINT submission`
	if saved {
		open = `RELEASE submission; SAVEPOINT submission`
	}
	if _, err := tx.Exec(open); err != nil {
		return savepointError{fmt.Errorf("store: savepoint: %w", err)}
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
	return err
}

// savepointError is a failure to open a submission's savepoint: none is
// open after it.
type savepointError struct{ error }

func (e savepointError) Unwrap() error { return e.error }

func isSavepointError(err error) bool {
	var se savepointError
	return errors.As(err, &se)
}

// writeSubmission spends the code (if any) and inserts the response.
func (s *Store) writeSubmission(ctx context.Context, tx *sql.Tx, sub *submission) error {
	r, id := sub.r, sub.rc.campaign.ID
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
