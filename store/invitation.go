package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie"
)

// Invitations by e-mail. Each address invited to a campaign leaves a mark
// (migrations/*/0023_invitations.sql): a keyed hash of the address under
// a key of the campaign, so that inviting it again is refused, across
// sendings, restarts and instances, while no address is stored. The code
// and its mark are written in one transaction, before the mail is sent:
// a crash during the sending leaves the address counted as invited (its
// mail may have left), never able to receive a second code. The marks and
// the key are erased at closing (CloseCampaign).

// ErrAlreadyInvited is returned by Invite for an address already invited
// to the campaign: no code was created.
var ErrAlreadyInvited = vigie.Errorf(vigie.ECONFLICT, "Cette adresse a déjà reçu un code pour cette campagne : aucun second code n'est envoyé.")

// NormaliseAddress returns an e-mail address as its mark is computed:
// without the spaces around it, lower-cased, so that « Alice@Client.fr »
// and « alice@client.fr » are one person.
func NormaliseAddress(address string) string {
	return strings.ToLower(strings.TrimSpace(address))
}

// hashAddress is the keyed hash under which an invited address is marked.
func hashAddress(key []byte, address string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(NormaliseAddress(address)))
	return m.Sum(nil)
}

// Invite marks address as invited to a campaign in codes mode that is not
// closed, and creates a new code for it (fixing its unit when given), in
// one transaction. ErrAlreadyInvited when the address was marked before.
func (s *Store) Invite(ctx context.Context, campaignID, address string, unit []string) (string, error) {
	var code string
	err := s.update(ctx, func(tx *sql.Tx) error {
		codes, err := generateCodes(ctx, tx, campaignID, 1, unit) // checks the campaign
		if err != nil {
			return err
		}
		key, err := invitationKey(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO invitations (campaign_id, hash) VALUES (?, ?) ON CONFLICT DO NOTHING`,
			campaignID, hashAddress(key, address))
		if err != nil {
			return fmt.Errorf("store: invite to %s: %w", campaignID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrAlreadyInvited // the code goes with the rollback
		}
		code = codes[0]
		return nil
	})
	return code, err
}

// invitationKey returns the campaign's invitation key, drawn on first use.
func invitationKey(ctx context.Context, tx *sql.Tx, campaignID string) ([]byte, error) {
	if _, err := tx.ExecContext(ctx, `INSERT INTO invitation_keys (campaign_id, hmac_key) VALUES (?, ?) ON CONFLICT DO NOTHING`,
		campaignID, newKey()); err != nil {
		return nil, fmt.Errorf("store: invitation key of %s: %w", campaignID, err)
	}
	var key []byte
	if err := tx.QueryRowContext(ctx, `SELECT hmac_key FROM invitation_keys WHERE campaign_id = ?`, campaignID).Scan(&key); err != nil {
		return nil, fmt.Errorf("store: invitation key of %s: %w", campaignID, err)
	}
	return key, nil
}

// Uninvite undoes Invite when the mail certainly did not leave: the code,
// if unused, and the address's mark are deleted together, so that nobody
// holds a valid code without knowing it and the address can be invited
// again. After closing, only the code is left to delete.
func (s *Store) Uninvite(ctx context.Context, campaignID, address, code string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		_, codeKey, err := loadCampaignState(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM codes WHERE campaign_id = ? AND hash = ? AND used = 0`, campaignID, hashCode(codeKey, code)); err != nil {
			return fmt.Errorf("store: uninvite from %s: %w", campaignID, err)
		}
		var key []byte
		err = tx.QueryRowContext(ctx, `SELECT hmac_key FROM invitation_keys WHERE campaign_id = ?`, campaignID).Scan(&key)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // erased at closing
		} else if err != nil {
			return fmt.Errorf("store: uninvite from %s: %w", campaignID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM invitations WHERE campaign_id = ? AND hash = ?`, campaignID, hashAddress(key, address)); err != nil {
			return fmt.Errorf("store: uninvite from %s: %w", campaignID, err)
		}
		return nil
	})
}

// InvitedCount returns how many addresses are marked as invited to a
// campaign (0 once it is closed).
func (s *Store) InvitedCount(ctx context.Context, campaignID string) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM invitations WHERE campaign_id = ?`, campaignID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: invitations of %s: %w", campaignID, err)
	}
	return n, nil
}

// eraseInvitations deletes a campaign's invitation marks and their key.
func eraseInvitations(ctx context.Context, tx *sql.Tx, campaignID string) error {
	for _, table := range []string{"invitations", "invitation_keys"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE campaign_id = ?`, campaignID); err != nil {
			return fmt.Errorf("store: erase %s of campaign %s: %w", table, campaignID, err)
		}
	}
	return nil
}
