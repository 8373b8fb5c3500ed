package store

import (
	"bytes"
	"context"
	"crypto/cipher"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/vigie-sante/vigie"
)

// MaxDraftSize bounds the data of one draft.
const MaxDraftSize = 256 << 10

// DraftKeySize is the length of the key that seals a draft. The key is
// drawn by the browser's side of the server (web) and kept only in the
// employee's cookie: the store never sees it outside one call.
const DraftKeySize = chacha20poly1305.KeySize

// ErrDraftErased is returned by Draft when the code has a draft that the
// given key cannot open (it was written in another browser): the draft has
// been erased, and the person starts again.
var ErrDraftErased = errors.New("store: draft sealed with another key, erased")

// draftVersion is the first byte of a sealed draft, so that another
// format can follow without guessing.
const draftVersion = 1

// SaveDraft keeps the unfinished answers of the person holding code, so they
// can come back later. The draft is sealed with key (XChaCha20-Poly1305, a
// fresh random nonce each save, the campaign and the code's hash as
// associated data) and stored under the code's hash, without any date, and
// only while the code is valid and unused in an open campaign. The
// database holds the ciphertext only: whoever holds the code but not the
// key (the consultant, another browser) cannot read it.
func (s *Store) SaveDraft(ctx context.Context, campaignID, code string, key, data []byte) error {
	if len(data) > MaxDraftSize {
		return vigie.Errorf(vigie.ETOOLARGE, "Les réponses en cours dépassent la taille permise (%d Kio).", MaxDraftSize>>10)
	}
	aead, err := draftCipher(key)
	if err != nil {
		return fmt.Errorf("store: save draft for %s: %w", campaignID, err)
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		_, hash, err := checkCode(ctx, tx, campaignID, code)
		if err != nil {
			return err
		}
		sealed := make([]byte, 1+aead.NonceSize(), 1+aead.NonceSize()+len(data)+aead.Overhead())
		sealed[0] = draftVersion
		if _, err := rand.Read(sealed[1:]); err != nil {
			return fmt.Errorf("store: save draft for %s: nonce: %w", campaignID, err)
		}
		sealed = aead.Seal(sealed, sealed[1:], data, draftAD(campaignID, hash))
		_, err = tx.ExecContext(ctx, `
			INSERT INTO drafts (campaign_id, code_hash, data) VALUES (?, ?, ?)
			ON CONFLICT (campaign_id, code_hash) DO UPDATE SET data = excluded.data`,
			campaignID, hash, sealed)
		if err != nil {
			return fmt.Errorf("store: save draft for %s: %w", campaignID, err)
		}
		return nil
	})
}

// Draft returns the draft saved with code, opened with key, or nil when
// there is none. The code must be valid and unused in an open campaign.
// When a draft exists but key (possibly nil) cannot open it, the draft is
// erased and Draft returns ErrDraftErased: a draft is readable only in the
// browser that wrote it, and one nobody here can read is better gone.
func (s *Store) Draft(ctx context.Context, campaignID, code string, key []byte) ([]byte, error) {
	hash, sealed, err := s.sealedDraft(ctx, campaignID, code)
	if err != nil || sealed == nil {
		return nil, err
	}
	if data, ok := openDraft(key, campaignID, hash, sealed); ok {
		return data, nil
	}
	// Only the blob read above is erased: a draft the rightful browser
	// saved meanwhile stays.
	err = s.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE campaign_id = ? AND code_hash = ? AND data = ?`, campaignID, hash, sealed)
		if err != nil {
			return fmt.Errorf("store: erase unreadable draft for %s: %w", campaignID, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return nil, ErrDraftErased
}

// openDraft opens a sealed draft, reporting whether key could.
func openDraft(key []byte, campaignID string, hash, sealed []byte) ([]byte, bool) {
	aead, err := draftCipher(key)
	if err != nil || len(sealed) < 1+aead.NonceSize() || sealed[0] != draftVersion {
		return nil, false
	}
	nonce, ct := sealed[1:1+aead.NonceSize()], sealed[1+aead.NonceSize():]
	data, err := aead.Open(nil, nonce, ct, draftAD(campaignID, hash))
	if err != nil {
		return nil, false
	}
	return data, true
}

// draftCipher is the AEAD of a draft key. XChaCha20's 24-byte nonces can
// be drawn at random for every save without counting them.
func draftCipher(key []byte) (cipher.AEAD, error) {
	if len(key) != DraftKeySize {
		return nil, errors.New("draft key missing or of the wrong size")
	}
	return chacha20poly1305.NewX(key)
}

// draftAD binds a sealed draft to its campaign and code: a blob copied
// under another code or campaign does not open.
func draftAD(campaignID string, hash []byte) []byte {
	return bytes.Join([][]byte{[]byte("vigie draft v1"), []byte(campaignID), hash}, []byte{0})
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

// DraftElsewhere reports whether code has a draft that key (possibly nil)
// cannot open: one written in another browser, which Draft would erase.
// It erases nothing, so that the person can be asked first. The code must
// be valid and unused in an open campaign, as for Draft.
func (s *Store) DraftElsewhere(ctx context.Context, campaignID, code string, key []byte) (bool, error) {
	hash, sealed, err := s.sealedDraft(ctx, campaignID, code)
	if err != nil || sealed == nil {
		return false, err
	}
	_, ok := openDraft(key, campaignID, hash, sealed)
	return !ok, nil
}

// sealedDraft checks code (valid, unused, open campaign) and returns its
// hash and its sealed draft, nil when it has none.
func (s *Store) sealedDraft(ctx context.Context, campaignID, code string) (hash, sealed []byte, err error) {
	err = s.view(ctx, func(tx *sql.Tx) error {
		var err error
		if _, hash, err = checkCode(ctx, tx, campaignID, code); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT data FROM drafts WHERE campaign_id = ? AND code_hash = ?`, campaignID, hash).Scan(&sealed)
		if errors.Is(err, sql.ErrNoRows) {
			sealed = nil
			return nil
		} else if err != nil {
			return fmt.Errorf("store: draft for %s: %w", campaignID, err)
		}
		return nil
	})
	return hash, sealed, err
}
