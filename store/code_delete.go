package store

import (
	"context"
	"database/sql"
	"fmt"
)

// DeleteUnusedCode deletes a code that has not served, such as the code of
// an invitation that could not be sent: nobody holds it, so it must not
// linger as a valid code. A code already used is kept (its used flag is
// what refuses a second response); an unknown code is ignored.
func (s *Store) DeleteUnusedCode(ctx context.Context, campaignID, code string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		_, key, err := loadCampaignState(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM codes WHERE campaign_id = ? AND hash = ? AND used = 0`, campaignID, hashCode(key, code)); err != nil {
			return fmt.Errorf("store: delete code of %s: %w", campaignID, err)
		}
		return nil
	})
}
