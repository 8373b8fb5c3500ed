package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
)

// TokenPrefix starts every API token, so a leaked one is easy to recognise
// (and to search for in a repository).
const TokenPrefix = "vigie_"

// MaxTokenLabelLength bounds a token's label, in characters.
const MaxTokenLabelLength = 100

var errBadToken = vigie.Errorf(vigie.EUNAUTHORIZED, "Jeton d'API inconnu ou révoqué.")

// hashToken is how a token is stored and looked up. A plain SHA-256 is
// enough: the secret has 256 random bits, nothing to brute-force.
func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// CreateToken creates an API token for an account and returns its id and
// its secret, which only the caller ever sees: the store keeps a SHA-256 of
// it, the label and the day of creation.
func (s *Store) CreateToken(ctx context.Context, userID, label string) (id, token string, err error) {
	label = strings.TrimSpace(label)
	if n := utf8.RuneCountInString(label); n > MaxTokenLabelLength || !utf8.ValidString(label) {
		return "", "", vigie.Errorf(vigie.EINVALID, "Le libellé du jeton ne peut pas dépasser %d caractères.", MaxTokenLabelLength)
	}
	secret := make([]byte, 32)
	rand.Read(secret)
	token = TokenPrefix + base64.RawURLEncoding.EncodeToString(secret)
	id = "t_" + randomString(idAlphabet, 10)
	err = s.update(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE id = ?`, userID).Scan(&n); err != nil {
			return fmt.Errorf("store: create token for %s: %w", userID, err)
		}
		if n == 0 {
			return errUserNotFound
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO tokens (id, hash, user_id, label, created_on) VALUES (?, ?, ?, ?, ?)`,
			id, hashToken(token), userID, label, clock().UTC().Format(time.DateOnly))
		if err != nil {
			return fmt.Errorf("store: create token for %s: %w", userID, err)
		}
		return nil
	})
	if err != nil {
		return "", "", err
	}
	return id, token, nil
}

// TokenUser returns the account of a valid API token; EUNAUTHORIZED when
// the token is unknown or revoked, or its account disabled.
func (s *Store) TokenUser(ctx context.Context, token string) (*vigie.User, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return nil, errBadToken
	}
	u, err := scanUser(s.read.QueryRowContext(ctx, `
		SELECT u.id, u.email, u.role, u.session_generation, u.disabled FROM tokens t JOIN users u ON u.id = t.user_id
		WHERE t.hash = ? AND t.revoked = 0 AND u.disabled = 0`, hashToken(token)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errBadToken
	} else if err != nil {
		return nil, fmt.Errorf("store: token user: %w", err)
	}
	return u, nil
}

// RevokeToken makes a token unusable for good; ENOTFOUND when no token has
// this id. Revoking twice is harmless.
func (s *Store) RevokeToken(ctx context.Context, id string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE tokens SET revoked = 1 WHERE id = ?`, id)
		if err != nil {
			return fmt.Errorf("store: revoke token %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return vigie.Errorf(vigie.ENOTFOUND, "Aucun jeton n'a l'identifiant %s.", id)
		}
		return nil
	})
}

// Token returns the description of one token; ENOTFOUND when none.
func (s *Store) Token(ctx context.Context, id string) (*vigie.Token, error) {
	t := &vigie.Token{}
	err := s.read.QueryRowContext(ctx, `SELECT id, user_id, label, created_on, revoked FROM tokens WHERE id = ?`, id).
		Scan(&t.ID, &t.UserID, &t.Label, &t.CreatedOn, &t.Revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, vigie.Errorf(vigie.ENOTFOUND, "Aucun jeton n'a l'identifiant %s.", id)
	} else if err != nil {
		return nil, fmt.Errorf("store: token %s: %w", id, err)
	}
	return t, nil
}

// Tokens describes the tokens of an account, revoked ones included, the
// newest first.
func (s *Store) Tokens(ctx context.Context, userID string) ([]*vigie.Token, error) {
	var out []*vigie.Token
	err := eachRow(ctx, s.read, `
		SELECT id, user_id, label, created_on, revoked FROM tokens
		WHERE user_id = ? ORDER BY created_on DESC, id`, []any{userID}, func(rows *sql.Rows) error {
		t := &vigie.Token{}
		err := rows.Scan(&t.ID, &t.UserID, &t.Label, &t.CreatedOn, &t.Revoked)
		out = append(out, t)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: tokens of %s: %w", userID, err)
	}
	return out, nil
}
