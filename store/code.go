package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/vigie-sante/vigie"
)

// CodeAlphabet is the 32 characters of access codes: digits and capitals
// without 0, O, 1 and I, which read alike.
const CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// codeLength is 12 characters of 5 bits: 60 bits, far beyond guessing.
const codeLength = 12

// MaxCodesPerBatch bounds one GenerateCodes call.
const MaxCodesPerBatch = 10000

// ErrCodeUsed is returned when a code has already served. It is exported
// so that web can count it against the client like an unknown code (a
// code's holder must not be able to poll, unhindered, whether it served).
var ErrCodeUsed = vigie.Errorf(vigie.ECONFLICT, "Ce code a déjà servi.")

// Messages shown to an employee about their code.
var (
	errCodeInvalid = vigie.Errorf(vigie.EFORBIDDEN, "Ce code n'est pas valable pour cette enquête.")
	errNotOpen     = vigie.Errorf(vigie.ECONFLICT, "Cette enquête n'est pas ouverte.")
	errNoCodes     = vigie.Errorf(vigie.EINVALID, "Cette enquête est en accès par lien : elle n'utilise pas de codes.")
)

// NormaliseCode returns code as it is hashed: upper case, without spaces or
// dashes, so "k7qm 3xpa-hw9d" pasted from a mail matches "K7QM-3XPA-HW9D".
func NormaliseCode(code string) string {
	var b strings.Builder
	for _, r := range code {
		if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) {
			continue
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// formatCode writes 12 characters as three groups of four.
func formatCode(raw string) string {
	return raw[0:4] + "-" + raw[4:8] + "-" + raw[8:12]
}

// hashCode is the keyed hash under which a code is stored: without the
// campaign's key, the table reveals nothing about the codes.
func hashCode(key []byte, code string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(NormaliseCode(code)))
	return m.Sum(nil)
}

// GenerateCodes creates n single-use access codes for a campaign in codes
// mode that is not closed, optionally fixing the unit of whoever uses them,
// and returns them formatted "K7QM-3XPA-HW9D". They are shown this once:
// only their hash is stored.
func (s *Store) GenerateCodes(ctx context.Context, campaignID string, n int, unit []string) ([]string, error) {
	if n < 1 || n > MaxCodesPerBatch {
		return nil, vigie.Errorf(vigie.EINVALID, "Le nombre de codes doit être compris entre 1 et %d.", MaxCodesPerBatch)
	}
	var codes []string
	err := s.update(ctx, func(tx *sql.Tx) (err error) {
		codes, err = generateCodes(ctx, tx, campaignID, n, unit)
		return err
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// generateCodes is GenerateCodes inside tx.
func generateCodes(ctx context.Context, tx *sql.Tx, campaignID string, n int, unit []string) ([]string, error) {
	c, key, err := loadCampaign(ctx, tx, campaignID)
	if err != nil {
		return nil, err
	}
	if c.Access != vigie.AccessCodes {
		return nil, errNoCodes
	}
	if c.State == vigie.StateClosed {
		return nil, vigie.Errorf(vigie.ECONFLICT, "La campagne est close : elle n'accepte plus de codes.")
	}
	if len(unit) > 0 && !c.HasUnit(unit) {
		return nil, vigie.Errorf(vigie.EINVALID, "L'unité « %s » n'existe pas dans cette campagne.", strings.Join(unit, "/"))
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO codes (campaign_id, hash, unit) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return nil, fmt.Errorf("store: generate codes for %s: %w", campaignID, err)
	}
	defer stmt.Close()
	unitPath := strings.Join(unit, "/")
	codes := make([]string, 0, n)
	for len(codes) < n {
		code := formatCode(randomString(CodeAlphabet, codeLength))
		res, err := stmt.ExecContext(ctx, campaignID, hashCode(key, code), unitPath)
		if err != nil {
			return nil, fmt.Errorf("store: generate codes for %s: %w", campaignID, err)
		}
		// A collision (about 2^-60 per pair) is skipped, never shared.
		if k, _ := res.RowsAffected(); k == 1 {
			codes = append(codes, code)
		}
	}
	return codes, nil
}

// CheckCode tells whether code lets someone answer the open campaign and
// returns the unit it fixes (nil when none): EFORBIDDEN when the code is
// unknown, ECONFLICT when it has served (ErrCodeUsed, with the unit all
// the same, so that web can answer as it would for an unused code) or the
// campaign is not open.
func (s *Store) CheckCode(ctx context.Context, campaignID, code string) (unit []string, err error) {
	err = s.view(ctx, func(tx *sql.Tx) error {
		unit, _, err = checkCode(ctx, tx, campaignID, code)
		return err
	})
	return unit, err
}

// checkCode is the rule every use of a code goes through: campaign open and
// in codes mode, code known and unused. It reads the campaign's state afresh
// and returns the code's unit and hash.
func checkCode(ctx context.Context, db queryer, campaignID, code string) ([]string, []byte, error) {
	c, key, err := loadCampaignState(ctx, db, campaignID)
	if err != nil {
		return nil, nil, err
	}
	if c.State != vigie.StateOpen {
		return nil, nil, errNotOpen
	}
	if c.Access != vigie.AccessCodes {
		return nil, nil, errNoCodes
	}
	if len(NormaliseCode(code)) != codeLength {
		return nil, nil, errCodeInvalid
	}
	hash := hashCode(key, code)
	var unit string
	var used bool
	err = db.QueryRowContext(ctx, `SELECT unit, used FROM codes WHERE campaign_id = ? AND hash = ?`, c.ID, hash).Scan(&unit, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errCodeInvalid
	} else if err != nil {
		return nil, nil, fmt.Errorf("store: check code for %s: %w", c.ID, err)
	}
	var path []string
	if unit != "" {
		path = strings.Split(unit, "/")
	}
	if used {
		return path, nil, ErrCodeUsed
	}
	return path, hash, nil
}

// CodeCounts returns how many codes a campaign has and how many have served.
func (s *Store) CodeCounts(ctx context.Context, campaignID string) (total, used int, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(used), 0) FROM codes WHERE campaign_id = ?`, campaignID).Scan(&total, &used)
	if err != nil {
		return 0, 0, fmt.Errorf("store: code counts for %s: %w", campaignID, err)
	}
	return total, used, nil
}
