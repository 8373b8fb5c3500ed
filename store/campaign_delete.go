package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
)

// errDeleteConfirm refuses to delete a campaign past draft without its
// title typed back: it holds answers or results someone may still need.
var errDeleteConfirm = vigie.Errorf(vigie.EINVALID, "Cette campagne a été ouverte : pour la supprimer avec ses réponses et ses résultats, recopiez exactement son titre dans la confirmation.")

// errDeletedAgain refuses to delete a tombstone: all that is left of it
// are the DUERP versions, which nobody may delete.
var errDeletedAgain = vigie.Errorf(vigie.ECONFLICT, "Cette campagne a déjà été supprimée. Il n'en reste que ses versions figées du document unique (DUERP), que la loi impose de conserver 40 ans : elles ne peuvent pas être supprimées.")

// DeleteCampaign erases a campaign and everything that belongs to it
// (settings, codes, drafts, responses, comments, frozen outputs, actions,
// grants), then compacts the file so nothing of it remains. As with
// ArchiveCampaign, the room for that rewrite is checked first
// (EUNAVAILABLE when short, nothing deleted), and a rewrite that fails
// after the commit leaves the deletion done and the rewrite pending
// (Compaction). A draft holds
// no answer and is deleted outright; any other campaign only when
// confirmTitle is its title (spaces around it ignored), else EINVALID.
//
// Frozen DUERP versions are the exception: the law keeps them 40 years
// and they reference their campaign. When there are some, the campaign's
// row stays as a tombstone dated now, holding only its id, slug, title
// and organisation (to say whose document the versions are); every page
// and list then treats it as gone, except the versions (DUERPVersions,
// DUERPVersion). Deleting a tombstone again is refused (ECONFLICT). The
// audit log keeps its entries: recording the deletion is the caller's job,
// with the campaign as it was, which DeleteCampaign returns (DeletedAt set
// when a tombstone stays).
func (s *Store) DeleteCampaign(ctx context.Context, id, confirmTitle string, now time.Time) (*vigie.Campaign, error) {
	if err := s.checkRewriteSpace("supprimer cette campagne"); err != nil {
		return nil, err
	}
	var c *vigie.Campaign
	err := s.update(ctx, func(tx *sql.Tx) (err error) {
		c, _, err = loadCampaign(ctx, tx, id)
		if err == errCampaignDeleted {
			return errDeletedAgain
		} else if err != nil {
			return err
		}
		if c.State != vigie.StateDraft && strings.TrimSpace(confirmTitle) != c.Title {
			return errDeleteConfirm
		}
		var versions int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM duerp_versions WHERE campaign_id = ?`, id).Scan(&versions); err != nil {
			return fmt.Errorf("store: delete campaign %s: %w", id, err)
		}
		if err := eraseRawData(ctx, tx, id); err != nil {
			return err
		}
		// The campaign's own logo (logos has no campaign_id column: its
		// scope is the installation's or a campaign's).
		if _, err := tx.ExecContext(ctx, `DELETE FROM logos WHERE scope = ?`, id); err != nil {
			return fmt.Errorf("store: delete campaign %s: erase its logo: %w", id, err)
		}
		if versions > 0 {
			c.DeletedAt = now.UTC().Format(time.DateOnly)
			return s.tombstone(ctx, tx, id, c.DeletedAt)
		}
		// The rest goes by ON DELETE CASCADE (units, segments,
		// questionnaires, grants, comments_prepared, campaign_archives,
		// actions, measures).
		if _, err := tx.ExecContext(ctx, `DELETE FROM campaigns WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: delete campaign %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.forget(id)
	s.compactNow(ctx)
	return c, nil
}

// tombstone erases what the cascade would have erased had the campaign's
// row gone, and empties the row down to what names the DUERP versions.
// The tables are found in the schema (every table with a campaign_id
// column but the versions) rather than listed here, so that a table added
// later is erased too instead of surviving a deletion unnoticed.
func (s *Store) tombstone(ctx context.Context, tx *sql.Tx, id, day string) error {
	var tables []string
	err := eachRow(ctx, tx, s.tablesWithCampaignSQL(), nil, func(rows *sql.Rows) error {
		var t string
		err := rows.Scan(&t)
		tables = append(tables, t)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: delete campaign %s: list its tables: %w", id, err)
	}
	if len(tables) == 0 {
		return errors.New("store: delete campaign " + id + ": no table has a campaign_id column")
	}
	for _, t := range tables {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE campaign_id = ?`, id); err != nil {
			return fmt.Errorf("store: delete campaign %s: erase %s: %w", id, t, err)
		}
	}
	// A later wave loses its link, as ON DELETE SET NULL would do.
	if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET previous_id = NULL WHERE previous_id = ?`, id); err != nil {
		return fmt.Errorf("store: delete campaign %s: unlink later waves: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE campaigns SET deleted_at = ?, code_key = ?, conducted_by = '{}', purpose = '{}',
			controller = '', dpo_contact = '', legal_basis = '', previous_id = NULL, unit_map = '{}', end_date = ''
		WHERE id = ?`, day, []byte{}, id); err != nil {
		return fmt.Errorf("store: delete campaign %s: keep its tombstone: %w", id, err)
	}
	return nil
}
