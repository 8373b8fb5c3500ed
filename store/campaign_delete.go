package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie"
)

// errDeleteConfirm refuses to delete a campaign past draft without its
// title typed back: it holds answers or results someone may still need.
var errDeleteConfirm = vigie.Errorf(vigie.EINVALID, "Cette campagne a été ouverte : pour la supprimer avec ses réponses et ses résultats, recopiez exactement son titre dans la confirmation.")

// DeleteCampaign erases a campaign and everything that belongs to it
// (settings, codes, drafts, responses, comments, frozen outputs, grants),
// then compacts the file so nothing of it remains. A draft holds no answer
// and is deleted outright; any other campaign only when confirmTitle is its
// title (spaces around it ignored), else EINVALID. The audit log keeps its
// entries: recording the deletion is the caller's job.
func (s *Store) DeleteCampaign(ctx context.Context, id, confirmTitle string) error {
	err := s.update(ctx, func(tx *sql.Tx) error {
		c, _, err := loadCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.State != vigie.StateDraft && strings.TrimSpace(confirmTitle) != c.Title {
			return errDeleteConfirm
		}
		if err := eraseRawData(ctx, tx, id); err != nil {
			return err
		}
		// The rest goes by ON DELETE CASCADE (units, segments,
		// questionnaires, grants, comments_prepared, campaign_archives).
		if _, err := tx.ExecContext(ctx, `DELETE FROM campaigns WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: delete campaign %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.forget(id)
	return s.compactNow(ctx)
}
