package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie"
)

// Submissions are written in batches ("group commit"): one goroutine takes
// every submission waiting and commits them together, so that with many
// employees answering at once the cost of a commit, the single writer's
// bottleneck on SQLite, is shared instead of paid by each. A refused
// submission (a used code, a closed campaign) changes nothing and never
// undoes another's: no statement of the batch fails for one submission's
// sake, the refusals are found by statements that simply match no row.
// Each submission costs one statement (spending its code); the drafts of
// the spent codes and the responses are written by one statement each for
// the whole batch. On PostgreSQL, where every statement is a message to
// the server, that is what keeps two instances above 1,500 submissions a
// second (docs/performance.md).

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
// SHARE (lockCampaigns), so a closing waits for the batch. Deadlocks are
// avoided rather than waited for (PostgreSQL detects one only after
// deadlock_timeout, a second by default, during which both batches
// stall): the batch spends its codes in the order of their hashes, so that
// two batches wanting the same codes (one code sent to two instances at
// once) lock them in the same order. Should one happen anyway, the whole
// batch runs again.
func (s *Store) writeBatch(batch []*submission) {
	defer s.markDirty()
	slices.SortStableFunc(batch, func(a, b *submission) int { return bytes.Compare(a.hash, b.hash) })
	errs := make([]error, len(batch))
	ctx := context.Background()
	err := s.retry(ctx, func() error {
		return s.updateOnce(ctx, nil, func(tx *sql.Tx) error {
			for i, sub := range batch {
				errs[i] = sub.ctx.Err()
			}
			// Statements run without the callers' contexts: a cancellation
			// interrupting SQLite mid-statement would roll back the whole
			// batch, other people's answers included.
			return s.writeSubmissions(ctx, tx, batch, errs)
		})
	})
	for i, sub := range batch {
		if errs[i] == nil {
			errs[i] = err // nil when the commit succeeded
		}
		sub.done <- errs[i]
	}
}

// writeSubmissions writes, in tx, the submissions of batch whose entry in
// errs is nil, and records in errs why any other is refused. An error it
// returns is a failure of the database: the transaction must not commit.
func (s *Store) writeSubmissions(ctx context.Context, tx *sql.Tx, batch []*submission, errs []error) error {
	open, err := s.lockCampaigns(ctx, tx, batch)
	if err != nil {
		return err
	}
	for i, sub := range batch {
		if errs[i] == nil && !open[sub.rc.campaign.ID] {
			errs[i] = errNotOpen
		}
	}
	if err := spendCodes(ctx, tx, batch, errs); err != nil {
		return err
	}
	if err := deleteDrafts(ctx, tx, batch, errs); err != nil {
		return err
	}
	return insertResponses(ctx, tx, batch, errs)
}

// lockCampaigns reads whether each campaign of the batch is open. On
// PostgreSQL it also locks their rows FOR SHARE until the commit, so that
// closing (an UPDATE of the row) waits for answers already being written,
// as SQLite's single writer makes it wait.
func (s *Store) lockCampaigns(ctx context.Context, tx *sql.Tx, batch []*submission) (map[string]bool, error) {
	open := map[string]bool{}
	for _, sub := range batch {
		id := sub.rc.campaign.ID
		if _, seen := open[id]; seen {
			continue
		}
		var state string
		err := tx.QueryRowContext(ctx, `SELECT state FROM campaigns WHERE id = ?`+s.forShare(), id).Scan(&state)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("store: submit to %s: read campaign: %w", id, err)
		}
		open[id] = state == string(vigie.StateOpen)
	}
	return open, nil
}

// deleteDrafts deletes the drafts of the codes the batch spends, one
// statement per campaign.
func deleteDrafts(ctx context.Context, tx *sql.Tx, batch []*submission, errs []error) error {
	hashes := map[string][]any{} // campaign id -> hashes
	for i, sub := range batch {
		if errs[i] == nil && sub.hash != nil {
			id := sub.rc.campaign.ID
			hashes[id] = append(hashes[id], sub.hash)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(hashes)) {
		list := hashes[id]
		query := `DELETE FROM drafts WHERE campaign_id = ? AND code_hash IN (?` + strings.Repeat(", ?", len(list)-1) + `)`
		if _, err := tx.ExecContext(ctx, query, append([]any{id}, list...)...); err != nil {
			return fmt.Errorf("store: submit to %s: delete drafts: %w", id, err)
		}
	}
	return nil
}

// insertResponses inserts the batch's accepted responses in one
// statement, in the order of their random ids.
func insertResponses(ctx context.Context, tx *sql.Tx, batch []*submission, errs []error) error {
	var accepted []*vigie.Response
	for i, sub := range batch {
		if errs[i] == nil {
			accepted = append(accepted, sub.r)
		}
	}
	if len(accepted) == 0 {
		return nil
	}
	slices.SortFunc(accepted, func(a, b *vigie.Response) int { return strings.Compare(a.ID, b.ID) })
	args := make([]any, 0, 7*len(accepted))
	for _, r := range accepted {
		args = append(args, r.ID, r.CampaignID, strings.Join(r.Unit, "/"), mustJSON(r.Segments), mustJSON(r.Answers), mustJSON(r.Comments), r.Week)
	}
	query := `INSERT INTO responses (id, campaign_id, unit, segments, answers, comments, week) VALUES (?, ?, ?, ?, ?, ?, ?)` +
		strings.Repeat(`, (?, ?, ?, ?, ?, ?, ?)`, len(accepted)-1)
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("store: submit: insert %d responses: %w", len(accepted), err)
	}
	return nil
}
