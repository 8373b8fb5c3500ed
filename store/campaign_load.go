package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie"
)

var errCampaignNotFound = vigie.Errorf(vigie.ENOTFOUND, "Cette campagne n'existe pas.")

// errCampaignDeleted answers for a tombstone (see DeleteCampaign): the
// campaign is gone for every purpose but its frozen DUERP versions.
var errCampaignDeleted = vigie.Errorf(vigie.ENOTFOUND, "Cette campagne a été supprimée.")

// loadCampaign reads a campaign and the key of its access codes. A
// tombstone is not a campaign any more: ENOTFOUND, so that every page,
// route and job that loads campaigns through here treats it as gone.
func loadCampaign(ctx context.Context, db queryer, id string) (*vigie.Campaign, []byte, error) {
	c := &vigie.Campaign{ID: id}
	var langs, conductedBy, purpose, deletedAt string
	var key []byte
	err := db.QueryRowContext(ctx, `
		SELECT slug, title, organisation, conducted_by, purpose, min_group_size, comment_min_group_size,
			priority_share, languages, access, state, opened_week, closed_week, code_key, paper_double_entry,
			retention_days, archived_at, controller, dpo_contact, legal_basis, end_date, deleted_at
		FROM campaigns WHERE id = ?`, id).Scan(
		&c.Slug, &c.Title, &c.Organisation, &conductedBy, &purpose, &c.MinGroupSize, &c.CommentMinGroupSize,
		&c.PriorityShare, &langs, &c.Access, &c.State, &c.OpenedWeek, &c.ClosedWeek, &key, &c.PaperDoubleEntry,
		&c.RetentionDays, &c.ArchivedAt, &c.Controller, &c.DPOContact, &c.LegalBasis, &c.EndDate, &deletedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errCampaignNotFound
	} else if err != nil {
		return nil, nil, fmt.Errorf("store: campaign %s: %w", id, err)
	}
	if deletedAt != "" {
		return nil, nil, errCampaignDeleted
	}
	if err := json.Unmarshal([]byte(langs), &c.Languages); err != nil {
		return nil, nil, fmt.Errorf("store: campaign %s: languages: %w", id, err)
	}
	if c.ConductedBy, err = loadText(conductedBy); err != nil {
		return nil, nil, fmt.Errorf("store: campaign %s: conducted_by: %w", id, err)
	}
	if c.Purpose, err = loadText(purpose); err != nil {
		return nil, nil, fmt.Errorf("store: campaign %s: purpose: %w", id, err)
	}

	err = eachRow(ctx, db, `SELECT path, headcount FROM campaign_units WHERE campaign_id = ? ORDER BY position`, []any{id},
		func(rows *sql.Rows) error {
			var path string
			var u vigie.Unit
			if err := rows.Scan(&path, &u.Headcount); err != nil {
				return err
			}
			u.Path = strings.Split(path, "/")
			c.Units = append(c.Units, u)
			return nil
		})
	if err != nil {
		return nil, nil, fmt.Errorf("store: campaign %s units: %w", id, err)
	}

	err = eachRow(ctx, db, `SELECT id, label, categories FROM campaign_segments WHERE campaign_id = ? ORDER BY position`, []any{id},
		func(rows *sql.Rows) error {
			var g vigie.Segment
			var label, cats string
			if err := rows.Scan(&g.ID, &label, &cats); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(label), &g.Label); err != nil {
				return err
			}
			if err := decodeCategories([]byte(cats), &g); err != nil {
				return err
			}
			c.Segments = append(c.Segments, g)
			return nil
		})
	if err != nil {
		return nil, nil, fmt.Errorf("store: campaign %s segments: %w", id, err)
	}

	err = eachRow(ctx, db, `SELECT questionnaire_id FROM campaign_questionnaires WHERE campaign_id = ? ORDER BY position`, []any{id},
		func(rows *sql.Rows) error {
			var q string
			if err := rows.Scan(&q); err != nil {
				return err
			}
			c.Questionnaires = append(c.Questionnaires, q)
			return nil
		})
	if err != nil {
		return nil, nil, fmt.Errorf("store: campaign %s questionnaires: %w", id, err)
	}
	if err := loadWaveLink(ctx, db, c); err != nil {
		return nil, nil, err
	}
	return c, key, nil
}

// loadText decodes a language-map column; nil when empty ('{}').
func loadText(col string) (map[string]string, error) {
	var m map[string]string
	if col == "" {
		return nil, nil
	}
	if err := json.Unmarshal([]byte(col), &m); err != nil {
		return nil, err
	}
	if len(m) == 0 {
		return nil, nil
	}
	return m, nil
}

// eachRow runs query and calls fn for each row.
func eachRow(ctx context.Context, db queryer, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// mustJSON encodes values that cannot fail to encode (strings, maps of strings).
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("store: encode JSON: " + err.Error())
	}
	return string(b)
}
