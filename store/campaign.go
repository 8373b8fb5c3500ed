package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// CreateCampaign validates spec (defaults applied), checks that its
// questionnaires exist and stores a new draft campaign with a random id and
// an unguessable slug.
func (s *Store) CreateCampaign(ctx context.Context, spec *vigie.CampaignSpec) (*vigie.Campaign, error) {
	c, err := s.campaignFromSpec(ctx, spec)
	if err != nil {
		return nil, err
	}
	c.ID, c.Slug, c.State = newCampaignID(), newSlug(), vigie.StateDraft
	err = s.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO campaigns (id, slug, title, organisation, conducted_by, purpose, min_group_size,
				comment_min_group_size, priority_share, languages, access, state, code_key, created_at, paper_double_entry,
				retention_days, controller, dpo_contact, legal_basis)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)`,
			c.ID, c.Slug, c.Title, c.Organisation, textJSON(c.ConductedBy), textJSON(c.Purpose), c.MinGroupSize,
			c.CommentMinGroupSize, c.PriorityShare, mustJSON(c.Languages), c.Access, newKey(), time.Now().UTC().Format(time.RFC3339), c.PaperDoubleEntry,
			c.RetentionDays, c.Controller, c.DPOContact, c.LegalBasis)
		if err != nil {
			return fmt.Errorf("store: create campaign: %w", err)
		}
		if err := saveWaveLink(ctx, tx, c); err != nil {
			return err
		}
		if err := includeNewCampaign(ctx, tx, c.ID); err != nil {
			return err
		}
		return insertCampaignParts(ctx, tx, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// UpdateCampaign replaces the settings of a draft campaign with spec. Once
// a campaign is open its settings are locked: ECONFLICT.
func (s *Store) UpdateCampaign(ctx context.Context, id string, spec *vigie.CampaignSpec) (*vigie.Campaign, error) {
	c, err := s.campaignFromSpec(ctx, spec)
	if err != nil {
		return nil, err
	}
	err = s.update(ctx, func(tx *sql.Tx) error {
		old, _, err := loadCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.State != vigie.StateDraft {
			return vigie.Errorf(vigie.ECONFLICT, "La campagne a été ouverte : ses réglages sont verrouillés.")
		}
		c.ID, c.Slug, c.State = old.ID, old.Slug, old.State
		if err := checkCodeUnits(ctx, tx, c); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE campaigns SET title = ?, organisation = ?, conducted_by = ?, purpose = ?, min_group_size = ?,
				comment_min_group_size = ?, priority_share = ?, languages = ?, access = ?, paper_double_entry = ?,
				retention_days = ?, controller = ?, dpo_contact = ?, legal_basis = ?
			WHERE id = ?`,
			c.Title, c.Organisation, textJSON(c.ConductedBy), textJSON(c.Purpose), c.MinGroupSize,
			c.CommentMinGroupSize, c.PriorityShare, mustJSON(c.Languages), c.Access, c.PaperDoubleEntry,
			c.RetentionDays, c.Controller, c.DPOContact, c.LegalBasis, id)
		if err != nil {
			return fmt.Errorf("store: update campaign %s: %w", id, err)
		}
		if err := saveWaveLink(ctx, tx, c); err != nil {
			return err
		}
		for _, table := range []string{"campaign_units", "campaign_segments", "campaign_questionnaires"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE campaign_id = ?`, id); err != nil {
				return fmt.Errorf("store: update campaign %s: %w", id, err)
			}
		}
		return insertCampaignParts(ctx, tx, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// checkCodeUnits refuses to drop a unit that codes already fix: those codes
// are printed and handed out, and would put answers in a unit that no
// longer exists.
func checkCodeUnits(ctx context.Context, tx *sql.Tx, c *vigie.Campaign) error {
	var missing string
	err := eachRow(ctx, tx, `SELECT DISTINCT unit FROM codes WHERE campaign_id = ? AND unit != '' ORDER BY unit`, []any{c.ID},
		func(rows *sql.Rows) error {
			var unit string
			if err := rows.Scan(&unit); err != nil {
				return err
			}
			if missing == "" && !c.HasUnit(strings.Split(unit, "/")) {
				missing = unit
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("store: update campaign %s: code units: %w", c.ID, err)
	}
	if missing != "" {
		return vigie.Errorf(vigie.ECONFLICT, "Des codes ont été créés pour l'unité « %s » : elle ne peut pas être retirée.", missing)
	}
	return nil
}

// campaignFromSpec validates a copy of spec and checks its questionnaires.
func (s *Store) campaignFromSpec(ctx context.Context, spec *vigie.CampaignSpec) (*vigie.Campaign, error) {
	sp := *spec
	sp.SetDefaults()
	if err := sp.Validate(); err != nil {
		return nil, err
	}
	for _, id := range sp.Questionnaires {
		if _, err := s.Questionnaire(ctx, id); vigie.ErrorCode(err) == vigie.ENOTFOUND {
			return nil, vigie.Errorf(vigie.EINVALID, "questionnaires : « %s » n'est ni un questionnaire fourni avec Vigie ni un questionnaire importé.", id)
		} else if err != nil {
			return nil, err
		}
	}
	seg := make([]vigie.Segment, len(sp.Segments))
	for i, g := range sp.Segments {
		seg[i] = vigie.Segment{ID: g.ID, Label: g.Label, Categories: g.Categories, CategoryLabels: g.CategoryLabels}
	}
	return &vigie.Campaign{
		Title:               strings.TrimSpace(sp.Title),
		Organisation:        strings.TrimSpace(sp.Organisation),
		ConductedBy:         trimText(sp.ConductedBy),
		Purpose:             trimText(sp.Purpose),
		Questionnaires:      sp.Questionnaires,
		Units:               sp.UnitTree(),
		Segments:            seg,
		MinGroupSize:        sp.MinGroupSize,
		CommentMinGroupSize: sp.CommentMinGroupSize,
		EndDate:             strings.TrimSpace(sp.EndDate),
		PriorityShare:       sp.PriorityShare,
		Languages:           sp.Languages,
		Access:              sp.Access,
		PaperDoubleEntry:    sp.PaperDoubleEntry,
		Previous:            sp.Previous,
		UnitMap:             trimText(sp.UnitMap),
		RetentionDays:       sp.RetentionDays,
		Controller:          strings.TrimSpace(sp.Controller),
		DPOContact:          strings.TrimSpace(sp.DPOContact),
		LegalBasis:          strings.TrimSpace(sp.LegalBasis),
	}, nil
}

// trimText trims each language of a text and drops the empty ones; nil
// when nothing is left, so that "not said" has one form.
func trimText(m map[string]string) map[string]string {
	var out map[string]string
	for lang, v := range m {
		if v = strings.TrimSpace(v); v != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[lang] = v
		}
	}
	return out
}

// textJSON encodes a language map for its column: '{}' when absent.
func textJSON(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	return mustJSON(m)
}

// insertCampaignParts stores the units, segments, questionnaires and end
// date of c.
func insertCampaignParts(ctx context.Context, tx *sql.Tx, c *vigie.Campaign) error {
	if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET end_date = ? WHERE id = ?`, c.EndDate, c.ID); err != nil {
		return fmt.Errorf("store: campaign %s: end date: %w", c.ID, err)
	}
	for i, u := range c.Units {
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_units (campaign_id, path, position, headcount) VALUES (?, ?, ?, ?)`,
			c.ID, strings.Join(u.Path, "/"), i, u.Headcount); err != nil {
			return fmt.Errorf("store: campaign %s: insert unit: %w", c.ID, err)
		}
	}
	for i, g := range c.Segments {
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_segments (campaign_id, id, position, label, categories) VALUES (?, ?, ?, ?, ?)`,
			c.ID, g.ID, i, mustJSON(g.Label), mustJSON(encodeCategories(&g))); err != nil {
			return fmt.Errorf("store: campaign %s: insert segment: %w", c.ID, err)
		}
	}
	for i, q := range c.Questionnaires {
		if _, err := tx.ExecContext(ctx, `INSERT INTO campaign_questionnaires (campaign_id, questionnaire_id, position) VALUES (?, ?, ?)`,
			c.ID, q, i); err != nil {
			return fmt.Errorf("store: campaign %s: insert questionnaire: %w", c.ID, err)
		}
	}
	return nil
}

// Campaign returns the campaign with the given id; ENOTFOUND when none.
func (s *Store) Campaign(ctx context.Context, id string) (*vigie.Campaign, error) {
	var c *vigie.Campaign
	err := s.view(ctx, func(tx *sql.Tx) (err error) {
		c, _, err = loadCampaign(ctx, tx, id)
		return err
	})
	return c, err
}

// CampaignBySlug returns the campaign whose respondent URL is /r/<slug>;
// ENOTFOUND when none.
func (s *Store) CampaignBySlug(ctx context.Context, slug string) (*vigie.Campaign, error) {
	var c *vigie.Campaign
	err := s.view(ctx, func(tx *sql.Tx) error {
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM campaigns WHERE slug = ?`, slug).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return errCampaignNotFound
		} else if err != nil {
			return fmt.Errorf("store: campaign by slug: %w", err)
		}
		c, _, err = loadCampaign(ctx, tx, id)
		return err
	})
	return c, err
}

// Campaigns returns every campaign, the most recently created first;
// deleted ones (tombstones) are not campaigns any more and are left out.
func (s *Store) Campaigns(ctx context.Context) ([]*vigie.Campaign, error) {
	var out []*vigie.Campaign
	err := s.view(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM campaigns WHERE deleted_at = '' ORDER BY created_at DESC, id`)
		if err != nil {
			return fmt.Errorf("store: list campaigns: %w", err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("store: list campaigns: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: list campaigns: %w", err)
		}
		for _, id := range ids {
			c, _, err := loadCampaign(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// OpenCampaign opens a draft campaign to answers. It freezes the current
// source of each questionnaire into the campaign, so later uploads never
// change a running survey, and records the ISO week of now.
func (s *Store) OpenCampaign(ctx context.Context, id string, now time.Time) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		c, _, err := loadCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		switch c.State {
		case vigie.StateOpen:
			return vigie.Errorf(vigie.ECONFLICT, "La campagne est déjà ouverte.")
		case vigie.StateClosed:
			return vigie.Errorf(vigie.ECONFLICT, "La campagne est close : elle ne peut pas être rouverte.")
		}
		for _, qid := range c.Questionnaires {
			q, err := s.questionnaire(ctx, tx, qid)
			if vigie.ErrorCode(err) == vigie.ENOTFOUND {
				return vigie.Errorf(vigie.ECONFLICT, "Le questionnaire « %s » de la campagne n'existe plus.", qid)
			} else if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE campaign_questionnaires SET version = ?, source = ? WHERE campaign_id = ? AND questionnaire_id = ?`,
				q.Version, q.Source, id, qid); err != nil {
				return fmt.Errorf("store: open campaign %s: freeze %s: %w", id, qid, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET state = 'open', opened_week = ? WHERE id = ?`, Week(now), id); err != nil {
			return fmt.Errorf("store: open campaign %s: %w", id, err)
		}
		return nil
	})
}

// CloseCampaign ends an open campaign: no more answers, and every draft,
// paper sheet awaiting its second entry, participation snapshot and
// invitation mark (with its key) is deleted (overwritten on disk:
// secure_delete is on; rewritten at once on PostgreSQL). Its figures are
// then computed once, in the background (outputs.go): reads made
// meanwhile wait for that computation.
func (s *Store) CloseCampaign(ctx context.Context, id string, now time.Time) error {
	err := s.update(ctx, func(tx *sql.Tx) error {
		c, _, err := loadCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		switch c.State {
		case vigie.StateDraft:
			return vigie.Errorf(vigie.ECONFLICT, "La campagne n'a pas été ouverte.")
		case vigie.StateClosed:
			return vigie.Errorf(vigie.ECONFLICT, "La campagne est déjà close.")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE campaign_id = ?`, id); err != nil {
			return fmt.Errorf("store: close campaign %s: delete drafts: %w", id, err)
		}
		// A paper sheet entered once links its code to answers: it goes
		// too, never to be recorded (store/paper.go).
		if _, err := tx.ExecContext(ctx, `DELETE FROM paper_entries WHERE campaign_id = ?`, id); err != nil {
			return fmt.Errorf("store: close campaign %s: delete paper entries: %w", id, err)
		}
		// The day's participation snapshot goes too: from now on the final
		// figures are published (participation_snapshot.go).
		if _, err := tx.ExecContext(ctx, `DELETE FROM participation_snapshots WHERE campaign_id = ?`, id); err != nil {
			return fmt.Errorf("store: close campaign %s: delete participation snapshot: %w", id, err)
		}
		// No code is sent after closing: the marks that kept an address
		// from a second code have served (invitation.go).
		if err := eraseInvitations(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET state = 'closed', closed_week = ? WHERE id = ?`, Week(now), id); err != nil {
			return fmt.Errorf("store: close campaign %s: %w", id, err)
		}
		s.mu.Lock()
		delete(s.running, id) // the next submission reads the closed state
		s.mu.Unlock()
		return nil
	})
	if err != nil {
		return err // nothing deleted: no rewrite (seconds on a large database)
	}
	s.rewriteDeleted(ctx)
	s.freezeLater(id)
	return nil
}

// CampaignQuestionnaires returns the questionnaires of a campaign in
// answering order: the copies frozen at opening once it is open or closed,
// the current versions while it is a draft.
func (s *Store) CampaignQuestionnaires(ctx context.Context, id string) ([]*questionnaires.Questionnaire, error) {
	var out []*questionnaires.Questionnaire
	err := s.view(ctx, func(tx *sql.Tx) (err error) {
		out, err = s.campaignQuestionnaires(ctx, tx, id)
		return err
	})
	return out, err
}

func (s *Store) campaignQuestionnaires(ctx context.Context, tx *sql.Tx, id string) ([]*questionnaires.Questionnaire, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT questionnaire_id, source FROM campaign_questionnaires
		WHERE campaign_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("store: campaign %s questionnaires: %w", id, err)
	}
	type row struct {
		id  string
		src []byte
	}
	var list []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.src); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: campaign %s questionnaires: %w", id, err)
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: campaign %s questionnaires: %w", id, err)
	}
	if len(list) == 0 {
		if _, _, err := loadCampaign(ctx, tx, id); err != nil {
			return nil, err
		}
	}
	out := make([]*questionnaires.Questionnaire, 0, len(list))
	for _, r := range list {
		var q *questionnaires.Questionnaire
		if r.src != nil {
			q, err = s.parse(r.id, r.src)
		} else {
			q, err = s.questionnaire(ctx, tx, r.id)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}
