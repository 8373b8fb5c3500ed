package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/vigie-sante/vigie"
)

// Archiving. Once a campaign is closed, its raw data (responses, access
// codes, drafts, the comments as written and those never published) serve
// only to compute outputs that no longer change. ArchiveCampaign freezes
// those outputs, erases the raw data in one transaction and rewrites the
// file at once (VACUUM), so that none of it remains in the database files:
// secure_delete zeroes the freed cells, the rollback journal is truncated
// at the commit, and the rewrite leaves no free page behind.

// Erased lists, in the words of the campaign page, what archiving erases.
var Erased = []string{
	"les réponses individuelles",
	"les empreintes des codes d'accès et la clé qui les calculait",
	"les brouillons",
	"le texte original des commentaires et les commentaires non publiés",
}

var (
	errArchiveNotClosed = vigie.Errorf(vigie.ECONFLICT, "Seule une campagne close peut être archivée : ses résultats doivent être définitifs avant qu'on efface les réponses.")
	errAlreadyArchived  = vigie.Errorf(vigie.ECONFLICT, "La campagne est déjà archivée : ses réponses individuelles ont été effacées.")
	errArchived         = vigie.Errorf(vigie.ECONFLICT, "La campagne est archivée : ses réponses individuelles et les commentaires non publiés ont été effacés, il n'y a plus rien à modérer.")
	errArchiveRace      = vigie.Errorf(vigie.ECONFLICT, "Des commentaires ont été modérés pendant l'archivage : rien n'a été effacé, archivez de nouveau.")
)

// archiveAttempts bounds how often ArchiveCampaign computes the outputs
// again when moderation changed them meanwhile.
const archiveAttempts = 3

// ArchiveCampaign freezes the published outputs of a closed campaign
// (results of each questionnaire, participation, published comments as
// moderated), erases its raw data and compacts the file before returning.
// now gives the archiving day shown on the campaign page. ECONFLICT when
// the campaign is not closed or already archived; EUNAVAILABLE, before
// anything is erased, when the disk lacks the room for the rewrite
// (checkRewriteSpace). Once the erasure has committed it returns nil even
// if the rewrite fails: Compaction then says it is pending, and the
// compactor retries it.
func (s *Store) ArchiveCampaign(ctx context.Context, id string, now time.Time) error {
	c, err := s.Campaign(ctx, id)
	if err != nil {
		return err
	}
	if err := checkArchivable(c); err != nil {
		return err
	}
	if err := s.checkRewriteSpace("archiver cette campagne"); err != nil {
		return err
	}
	for range archiveAttempts - 1 {
		if err = s.archive(ctx, c, now); err != errArchiveRace {
			return err
		}
	}
	return s.archive(ctx, c, now)
}

// archive freezes the outputs of c (outside any transaction: scoring a
// large campaign takes seconds, and submissions to other campaigns must
// not wait for it), then erases the raw data in one transaction, provided
// no moderation decision changed the published comments in between
// (errArchiveRace otherwise, nothing erased); then compacts (compactNow).
func (s *Store) archive(ctx context.Context, c *vigie.Campaign, now time.Time) error {
	id := c.ID
	// Comments of a campaign never moderated are copied first, so that
	// the digest below already counts them.
	if err := s.PrepareModeration(ctx, id); err != nil {
		return err
	}
	var before string
	err := s.view(ctx, func(tx *sql.Tx) (err error) {
		before, err = moderationState(ctx, tx, id)
		return err
	})
	if err != nil {
		return err
	}
	out, _, err := s.liveOutputs(ctx, c)
	if err != nil {
		return fmt.Errorf("store: archive campaign %s: %w", id, err)
	}
	frozen, err := json.Marshal(out)
	if err != nil {
		return fmt.Errorf("store: archive campaign %s: encode outputs: %w", id, err)
	}
	err = s.update(ctx, func(tx *sql.Tx) error {
		// Checked again inside the write: another archiving may have won.
		c, _, err := loadCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkArchivable(c); err != nil {
			return err
		}
		if after, err := moderationState(ctx, tx, id); err != nil {
			return err
		} else if after != before {
			return errArchiveRace
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_archives (campaign_id, outputs) VALUES (?, ?)`, id, string(frozen)); err != nil {
			return fmt.Errorf("store: archive campaign %s: %w", id, err)
		}
		if err := eraseRawData(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET archived_at = ?, code_key = ? WHERE id = ?`,
			now.UTC().Format(time.DateOnly), []byte{}, id); err != nil {
			return fmt.Errorf("store: archive campaign %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.forget(id)
	s.compactNow(ctx)
	return nil
}

// moderationState is a digest of a campaign's comments and their
// moderation: equal digests mean the published comments are the same.
func moderationState(ctx context.Context, db queryer, id string) (string, error) {
	h := sha256.New()
	err := eachRow(ctx, db, `SELECT id, status, moderated_text FROM comments WHERE campaign_id = ? ORDER BY id`, []any{id},
		func(rows *sql.Rows) error {
			var cid, status, moderated string
			if err := rows.Scan(&cid, &status, &moderated); err != nil {
				return err
			}
			fmt.Fprintf(h, "%q %q %q\n", cid, status, moderated)
			return nil
		})
	if err != nil {
		return "", fmt.Errorf("store: moderation state of %s: %w", id, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// checkArchivable refuses a campaign that is not closed or already archived.
func checkArchivable(c *vigie.Campaign) error {
	if c.Archived() {
		return errAlreadyArchived
	}
	if c.State != vigie.StateClosed {
		return errArchiveNotClosed
	}
	return nil
}

// eraseRawData deletes everything a campaign's respondents left: drafts
// before the codes they refer to, then codes, responses and comments
// (published ones live on in the frozen outputs, as moderated).
func eraseRawData(ctx context.Context, tx *sql.Tx, id string) error {
	for _, table := range []string{"drafts", "codes", "responses", "comments"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE campaign_id = ?`, id); err != nil {
			return fmt.Errorf("store: erase %s of campaign %s: %w", table, id, err)
		}
	}
	return nil
}

// forget drops what the store caches about a campaign.
func (s *Store) forget(id string) {
	s.mu.Lock()
	delete(s.running, id)
	s.mu.Unlock()
}

// compactNow rewrites the file at once rather than after the idle delay:
// after an erasure the deleted data must not wait in free pages. It runs
// VACUUM even when the background compactor has just taken the dirty
// mark: that compaction may still be running, and the writer connection
// runs this one after it. The erasure has committed: a failure here
// undoes nothing and is not the caller's; Compaction reports it, and the
// compactor retries. The rewrite goes on if the caller's context ends (a
// client that gave up): the erased bytes must leave the file anyway.
func (s *Store) compactNow(ctx context.Context) {
	s.compactor.erasures.Add(1)
	s.compactor.dirty.Store(false)
	err := s.rewriteCounted(context.WithoutCancel(ctx), true)
	switch {
	case err == nil:
		s.compactor.runs.Add(1)
	case errors.Is(err, errCompactAgain):
		// Done, but an old read may have kept rows: again later, erasing.
		s.compactor.runs.Add(1)
		s.markDirty()
	default:
		s.markDirty()
		s.log().Warn("store: the rewrite after an erasure failed; the erasure stands, the compactor will retry", "file", s.path, "err", err)
	}
}
