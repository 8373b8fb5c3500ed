package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/vigie-sante/vigie"
)

// MaxDraftSize bounds the data of one draft.
const MaxDraftSize = 256 << 10

// SaveDraft keeps the unfinished answers of the person holding code, so they
// can come back later. The draft is stored under the code's hash, without
// any date, and only while the code is valid and unused in an open campaign.
func (s *Store) SaveDraft(ctx context.Context, campaignID, code string, data []byte) error {
	if len(data) > MaxDraftSize {
		return vigie.Errorf(vigie.ETOOLARGE, "Les réponses en cours dépassent la taille permise (%d Kio).", MaxDraftSize>>10)
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		_, hash, err := checkCode(ctx, tx, campaignID, code)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO drafts (campaign_id, code_hash, data) VALUES (?, ?, ?)
			ON CONFLICT (campaign_id, code_hash) DO UPDATE SET data = excluded.data`,
			campaignID, hash, data)
		if err != nil {
			return fmt.Errorf("store: save draft for %s: %w", campaignID, err)
		}
		return nil
	})
}

// Draft returns the draft saved with code, or nil when there is none. The
// code must be valid and unused in an open campaign.
func (s *Store) Draft(ctx context.Context, campaignID, code string) ([]byte, error) {
	var data []byte
	err := s.view(ctx, func(tx *sql.Tx) error {
		_, hash, err := checkCode(ctx, tx, campaignID, code)
		if err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT data FROM drafts WHERE campaign_id = ? AND code_hash = ?`, campaignID, hash).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			data = nil
			return nil
		} else if err != nil {
			return fmt.Errorf("store: draft for %s: %w", campaignID, err)
		}
		return nil
	})
	return data, err
}

// DraftCount returns how many drafts a campaign holds (for tests and the
// consultant's dashboard; it says nothing about whose they are).
func (s *Store) DraftCount(ctx context.Context, campaignID string) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM drafts WHERE campaign_id = ?`, campaignID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: draft count for %s: %w", campaignID, err)
	}
	return n, nil
}
