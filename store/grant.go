package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/vigie-sante/vigie"
)

// GrantCampaign lets a viewer read a campaign's participation, results and
// reports, or a data-entry account type in its paper sheets. Granting
// twice is harmless. Consultants already read every campaign, so granting
// one to them is EINVALID.
func (s *Store) GrantCampaign(ctx context.Context, userID, campaignID string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		var role vigie.Role
		err := tx.QueryRowContext(ctx, `SELECT role FROM users WHERE id = ?`, userID).Scan(&role)
		if errors.Is(err, sql.ErrNoRows) {
			return errUserNotFound
		} else if err != nil {
			return fmt.Errorf("store: grant %s to %s: %w", campaignID, userID, err)
		}
		if role != vigie.RoleViewer && role != vigie.RoleEntry {
			return vigie.Errorf(vigie.EINVALID, "Un consultant voit déjà toutes les campagnes : seul un compte lecteur (rôle viewer) ou de saisie reçoit un accès par campagne.")
		}
		if _, _, err := loadCampaignState(ctx, tx, campaignID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO grants (user_id, campaign_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, userID, campaignID); err != nil {
			return fmt.Errorf("store: grant %s to %s: %w", campaignID, userID, err)
		}
		return nil
	})
}

// RevokeGrant takes a campaign away from a viewer; ENOTFOUND when the
// viewer did not have it.
func (s *Store) RevokeGrant(ctx context.Context, userID, campaignID string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM grants WHERE user_id = ? AND campaign_id = ?`, userID, campaignID)
		if err != nil {
			return fmt.Errorf("store: revoke %s from %s: %w", campaignID, userID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return vigie.Errorf(vigie.ENOTFOUND, "Ce compte n'a pas accès à cette campagne.")
		}
		return nil
	})
}

// GrantedCampaigns returns the ids of the campaigns granted to a user, sorted.
func (s *Store) GrantedCampaigns(ctx context.Context, userID string) ([]string, error) {
	var out []string
	err := eachRow(ctx, s.read, `SELECT campaign_id FROM grants WHERE user_id = ? ORDER BY campaign_id`,
		[]any{userID}, func(rows *sql.Rows) error {
			var id string
			err := rows.Scan(&id)
			out = append(out, id)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: campaigns of %s: %w", userID, err)
	}
	return out, nil
}

// CampaignViewers returns the viewers granted a campaign, by address.
func (s *Store) CampaignViewers(ctx context.Context, campaignID string) ([]*vigie.User, error) {
	var out []*vigie.User
	err := eachRow(ctx, s.read, `
		SELECT u.id, u.email, u.role, u.session_generation, u.disabled FROM grants g JOIN users u ON u.id = g.user_id
		WHERE g.campaign_id = ? ORDER BY u.email`,
		[]any{campaignID}, func(rows *sql.Rows) error {
			u, err := scanUser(rows)
			if err == nil {
				out = append(out, u)
			}
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("store: viewers of %s: %w", campaignID, err)
	}
	return out, nil
}

// CanRead reports whether user may read a campaign: consultants read every
// campaign, viewers those granted to them, nobody else anything. It does
// not check that the campaign exists.
func (s *Store) CanRead(ctx context.Context, user *vigie.User, campaignID string) (bool, error) {
	switch {
	case user == nil:
		return false, nil
	case user.Role == vigie.RoleConsultant:
		return true, nil
	case user.Role != vigie.RoleViewer:
		return false, nil
	}
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM grants WHERE user_id = ? AND campaign_id = ?`, user.ID, campaignID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: can %s read %s: %w", user.ID, campaignID, err)
	}
	return n > 0, nil
}

// CanEnter reports whether user may type in a campaign's paper sheets:
// consultants for every campaign, data-entry accounts for those granted
// to them, nobody else (viewers read results, they do not enter sheets).
func (s *Store) CanEnter(ctx context.Context, user *vigie.User, campaignID string) (bool, error) {
	switch {
	case user == nil:
		return false, nil
	case user.Role == vigie.RoleConsultant:
		return true, nil
	case user.Role != vigie.RoleEntry:
		return false, nil
	}
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM grants WHERE user_id = ? AND campaign_id = ?`, user.ID, campaignID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: can %s enter %s: %w", user.ID, campaignID, err)
	}
	return n > 0, nil
}
