package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/vigie-sante/vigie"
)

// clock gives the time of audit entries and the day of new tokens; tests
// replace it.
var clock = time.Now

// Audit log page sizes.
const (
	DefaultAuditLimit = 100
	MaxAuditLimit     = 1000
)

// Audit records that actor (an account's e-mail, or "cli") did action to
// target (usually a campaign id), at the current second in UTC. It is for
// back-office actions only: never pass respondent data, access codes,
// addresses or anything typed by a respondent.
func (s *Store) Audit(ctx context.Context, actor, action, target, detail string) error {
	at := clock().UTC().Truncate(time.Second).Format(time.RFC3339)
	return s.update(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)`,
			at, actor, action, target, detail); err != nil {
			return fmt.Errorf("store: audit %s %s: %w", actor, action, err)
		}
		return nil
	})
}

// AuditLog returns the latest audit entries, newest first: at most limit
// (DefaultAuditLimit when limit <= 0, never more than MaxAuditLimit), all
// of them or only those whose target is campaignID when it is not "".
func (s *Store) AuditLog(ctx context.Context, limit int, campaignID string) ([]vigie.AuditEntry, error) {
	if limit <= 0 {
		limit = DefaultAuditLimit
	}
	limit = min(limit, MaxAuditLimit)
	query, args := `SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?`, []any{limit}
	if campaignID != "" {
		query, args = `SELECT id, at, actor, action, target, detail FROM audit_log WHERE target = ? ORDER BY id DESC LIMIT ?`, []any{campaignID, limit}
	}
	var out []vigie.AuditEntry
	err := eachRow(ctx, s.read, query, args, func(rows *sql.Rows) error {
		var e vigie.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Target, &e.Detail); err != nil {
			return err
		}
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			return err
		}
		e.At = t
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	return out, nil
}
