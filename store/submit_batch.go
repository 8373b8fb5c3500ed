package store

import (
	"context"
	"database/sql"
	"fmt"
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
func (s *Store) writeBatch(batch []*submission) {
	errs := make([]error, len(batch))
	err := s.update(context.Background(), func(tx *sql.Tx) error {
		for i, sub := range batch {
			if err := sub.ctx.Err(); err != nil {
				errs[i] = err
				continue
			}
			if _, err := tx.Exec(`SAVEPOINT submission`); err != nil {
				return fmt.Errorf("store: savepoint: %w", err)
			}
			// Statements run without the caller's context: a cancellation
			// interrupting SQLite mid-statement would roll back the whole
			// batch, other people's answers included.
			errs[i] = writeSubmission(context.Background(), tx, sub)
			if errs[i] != nil {
				if _, err := tx.Exec(`ROLLBACK TO submission`); err != nil {
					return fmt.Errorf("store: rollback to savepoint: %w", err)
				}
			}
			if _, err := tx.Exec(`RELEASE submission`); err != nil {
				return fmt.Errorf("store: release savepoint: %w", err)
			}
		}
		return nil
	})
	for i, sub := range batch {
		if errs[i] == nil {
			errs[i] = err // nil when the commit succeeded
		}
		sub.done <- errs[i]
	}
}

// writeSubmission spends the code (if any) and inserts the response.
func writeSubmission(ctx context.Context, tx *sql.Tx, sub *submission) error {
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
