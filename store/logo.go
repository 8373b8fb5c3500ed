package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/vigie-sante/vigie"
)

// installationLogo is the scope of the installation's logo; a campaign's
// has the campaign's id.
const installationLogo = "*"

// logoScope is the row of campaignID's logo, the installation's for "".
func logoScope(campaignID string) string {
	if campaignID == "" {
		return installationLogo
	}
	return campaignID
}

// SetLogo keeps a checked logo (vigie.CheckLogo) for a campaign, or for
// the installation when campaignID is "", in place of the one before.
func (s *Store) SetLogo(ctx context.Context, campaignID string, l *vigie.Logo) error {
	if l == nil || len(l.Data) == 0 {
		return vigie.Errorf(vigie.EINVALID, "Aucun logo à enregistrer : choisissez une image PNG ou JPEG.")
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		if campaignID != "" {
			if _, _, err := loadCampaignState(ctx, tx, campaignID); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO logos (scope, format, width, height, data) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (scope) DO UPDATE SET format = excluded.format, width = excluded.width,
			height = excluded.height, data = excluded.data`,
			logoScope(campaignID), l.Format, l.Width, l.Height, l.Data)
		if err != nil {
			return fmt.Errorf("store: set logo of %q: %w", logoScope(campaignID), err)
		}
		return nil
	})
}

// DeleteLogo removes a campaign's logo (the installation's for ""): the
// documents then carry the installation's, or none. Removing a logo that
// is not there is harmless.
func (s *Store) DeleteLogo(ctx context.Context, campaignID string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM logos WHERE scope = ?`, logoScope(campaignID)); err != nil {
			return fmt.Errorf("store: delete logo of %q: %w", logoScope(campaignID), err)
		}
		return nil
	})
}

// Logos returns a campaign's own logo and the installation's, each nil
// when there is none (campaignID "" asks for the installation's only).
func (s *Store) Logos(ctx context.Context, campaignID string) (own, installation *vigie.Logo, err error) {
	if installation, err = s.logo(ctx, installationLogo); err != nil || campaignID == "" {
		return nil, installation, err
	}
	own, err = s.logo(ctx, campaignID)
	return own, installation, err
}

// DocumentLogo is the logo a campaign's documents carry: its own, else
// the installation's, else nil.
func (s *Store) DocumentLogo(ctx context.Context, campaignID string) (*vigie.Logo, error) {
	own, installation, err := s.Logos(ctx, campaignID)
	if own != nil {
		return own, err
	}
	return installation, err
}

func (s *Store) logo(ctx context.Context, scope string) (*vigie.Logo, error) {
	l := &vigie.Logo{}
	err := s.read.QueryRowContext(ctx, `SELECT format, width, height, data FROM logos WHERE scope = ?`, scope).
		Scan(&l.Format, &l.Width, &l.Height, &l.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: logo of %q: %w", scope, err)
	}
	return l, nil
}
