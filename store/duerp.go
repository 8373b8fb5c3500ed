package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
)

// maxMeasures is the length of a row's "mesures existantes", in characters.
const maxMeasures = 4000

var errDUERPVersionNotFound = vigie.Errorf(vigie.ENOTFOUND, "Cette version du DUERP n'existe pas.")

// DUERP builds the psychosocial-risk rows of a closed campaign's document
// unique as of day now (reports.NewDUERP): published results only, the
// stored measures of each row, the action plan. ECONFLICT before the
// closing, as results.
func (s *Store) DUERP(ctx context.Context, campaignID string, now time.Time) (*reports.DUERP, error) {
	cs, err := s.publishedResults(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	var d *reports.DUERP
	err = s.view(ctx, func(tx *sql.Tx) error {
		d, err = cs.duerp(ctx, tx, now)
		return err
	})
	return d, err
}

// duerp builds the DUERP from the campaign's scores and the plan and
// measures read through db.
func (cs *publishedResults) duerp(ctx context.Context, db queryer, now time.Time) (*reports.DUERP, error) {
	c := cs.campaign
	in := reports.DUERPInput{Organisation: c.Organisation, Campaign: c.Title, Date: now.Format(time.DateOnly)}
	for _, u := range c.Units {
		in.Units = append(in.Units, strings.Join(u.Path, "/"))
	}
	for _, q := range cs.questionnaires {
		res, err := cs.result(q.ID)
		if err != nil {
			return nil, err
		}
		in.MinGroupSize = res.MinGroupSize
		in.Sections = append(in.Sections, reports.Section{Questionnaire: q, Result: res})
	}
	plan, err := actions(ctx, db, c.ID)
	if err != nil {
		return nil, err
	}
	for _, a := range plan {
		in.Actions = append(in.Actions, duerpAction(a))
	}
	if in.Measures, err = measures(ctx, db, c.ID); err != nil {
		return nil, err
	}
	return reports.NewDUERP(in), nil
}

// duerpAction is an action as the DUERP lists it, its status in words.
func duerpAction(a vigie.Action) reports.DUERPAction {
	return reports.DUERPAction{Title: a.Title, Description: a.Description, Unit: a.Unit, RiskFamily: a.RiskFamily,
		Dimensions: a.Dimensions, Owner: a.Owner, Due: a.Due, Budget: a.Budget, Status: a.Status.Label(), FollowUp: a.FollowUp}
}

// measures reads the "mesures existantes" of a campaign's rows.
func measures(ctx context.Context, db queryer, campaignID string) (map[reports.DUERPKey]string, error) {
	out := map[reports.DUERPKey]string{}
	err := eachRow(ctx, db, `SELECT unit, risk_family, measures FROM duerp_measures WHERE campaign_id = ?`,
		[]any{campaignID}, func(rows *sql.Rows) error {
			var k reports.DUERPKey
			var m string
			if err := rows.Scan(&k.Unit, &k.RiskFamily, &m); err != nil {
				return err
			}
			out[k] = m
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store: duerp measures of %s: %w", campaignID, err)
	}
	return out, nil
}

// SetDUERPMeasures stores the "mesures existantes" of one DUERP row
// (unit "" for everyone, family "" for the dimensions no questionnaire
// classifies); empty measures clear them. A unit that is not the
// campaign's, or not published, or a family unknown or without dimension
// in the campaign is EINVALID naming the field: the row does not exist.
func (s *Store) SetDUERPMeasures(ctx context.Context, campaignID, unit, family, text string) error {
	unit, family, text = strings.TrimSpace(unit), strings.TrimSpace(family), strings.TrimSpace(text)
	if family != "" && !questionnaires.RiskFamily(family).Valid() {
		return vigie.Errorf(vigie.EINVALID, "risk_family : famille de risques inconnue « %s » (%s).", family, familyList())
	}
	if err := vigie.CheckText("measures : le texte", text); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(text); n > maxMeasures {
		return vigie.Errorf(vigie.EINVALID, "measures : %s caractères au plus (%s reçus).", vigie.Grouped(maxMeasures), vigie.Grouped(n))
	}
	cs, err := s.publishedResults(ctx, campaignID)
	if err != nil {
		return err
	}
	if unit != "" && !hasUnit(cs.campaign, unit) {
		return vigie.Errorf(vigie.EINVALID, "unit : « %s » n'est pas une unité de la campagne (laissez vide pour l'ensemble).", unit)
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		d, err := cs.duerp(ctx, tx, time.Time{})
		if err != nil {
			return err
		}
		key := reports.DUERPKey{Unit: unit, RiskFamily: family}
		if !d.HasRow(key) {
			if !d.HasRow(reports.DUERPKey{Unit: "", RiskFamily: family}) {
				return vigie.Errorf(vigie.EINVALID, "risk_family : aucune dimension des questionnaires de la campagne ne relève de la famille « %s ».", reports.FamilyLabel(family))
			}
			return vigie.Errorf(vigie.EINVALID, "unit : l'unité « %s » n'a pas de ligne au DUERP : ses résultats ne sont pas publiés (moins de %d répondants, ou masqués pour qu'on ne puisse pas les déduire).", unit, d.MinGroupSize)
		}
		if text == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM duerp_measures WHERE campaign_id = ? AND unit = ? AND risk_family = ?`, campaignID, unit, family)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO duerp_measures (campaign_id, unit, risk_family, measures) VALUES (?, ?, ?, ?)
				ON CONFLICT (campaign_id, unit, risk_family) DO UPDATE SET measures = excluded.measures`, campaignID, unit, family, text)
		}
		if err != nil {
			return fmt.Errorf("store: duerp measures of %s: %w", campaignID, err)
		}
		return nil
	})
}

// hasUnit reports whether path (joined by "/") is a unit of c.
func hasUnit(c *vigie.Campaign, path string) bool {
	for _, u := range c.Units {
		if strings.Join(u.Path, "/") == path {
			return true
		}
	}
	return false
}

// FreezeDUERP freezes today's DUERP of a closed campaign (rows, measures,
// actions) into the next numbered version, dated now, and returns it.
// The version keeps its content (JSON) and the workbook it was handed out
// as (bytes): GET of the version gives that file back, byte for byte,
// whatever changes afterwards. The number, the reading of the plan and the
// insert share one write transaction, so two freezes never share a number.
func (s *Store) FreezeDUERP(ctx context.Context, campaignID, by string, now time.Time) (*vigie.DUERPVersion, error) {
	cs, err := s.publishedResults(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	v := &vigie.DUERPVersion{CampaignID: campaignID, FrozenOn: now.Format(time.DateOnly), FrozenBy: by}
	err = s.update(ctx, func(tx *sql.Tx) error {
		// Checked again inside the write: the campaign may have been
		// deleted since its results were read, and a tombstone takes no
		// new version.
		if _, err := closedCampaign(ctx, tx, campaignID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) + 1 FROM duerp_versions WHERE campaign_id = ?`,
			campaignID).Scan(&v.Number); err != nil {
			return fmt.Errorf("store: duerp version number of %s: %w", campaignID, err)
		}
		d, err := cs.duerp(ctx, tx, now)
		if err != nil {
			return err
		}
		d.Version = v.Number
		content, err := json.Marshal(d)
		if err != nil {
			return fmt.Errorf("store: duerp version of %s: %w", campaignID, err)
		}
		var file bytes.Buffer
		if err := reports.DUERPXLSX(&file, d); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO duerp_versions (campaign_id, number, frozen_on, frozen_by, content, xlsx)
			VALUES (?, ?, ?, ?, ?, ?)`, campaignID, v.Number, v.FrozenOn, by, string(content), file.Bytes()); err != nil {
			return fmt.Errorf("store: freeze duerp of %s: %w", campaignID, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// versionsReadable checks that a campaign's DUERP versions may be read:
// those of a closed campaign, and those of a deleted one (a tombstone),
// which outlive it because the law keeps them 40 years.
func versionsReadable(ctx context.Context, db queryer, id string) error {
	_, err := closedCampaign(ctx, db, id)
	if err == errCampaignDeleted {
		return nil
	}
	return err
}

// DUERPVersions lists the frozen versions of a campaign, oldest first,
// including those of a deleted campaign.
func (s *Store) DUERPVersions(ctx context.Context, campaignID string) ([]vigie.DUERPVersion, error) {
	out := []vigie.DUERPVersion{}
	err := s.view(ctx, func(tx *sql.Tx) error {
		if err := versionsReadable(ctx, tx, campaignID); err != nil {
			return err
		}
		return eachRow(ctx, tx, `SELECT number, frozen_on, frozen_by FROM duerp_versions WHERE campaign_id = ? ORDER BY number`,
			[]any{campaignID}, func(rows *sql.Rows) error {
				v := vigie.DUERPVersion{CampaignID: campaignID}
				if err := rows.Scan(&v.Number, &v.FrozenOn, &v.FrozenBy); err != nil {
					return fmt.Errorf("store: duerp versions of %s: %w", campaignID, err)
				}
				out = append(out, v)
				return nil
			})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DUERPVersion returns a frozen version: its description, its content and
// the workbook exactly as it was handed out when frozen, also when its
// campaign has been deleted.
func (s *Store) DUERPVersion(ctx context.Context, campaignID string, number int) (*vigie.DUERPVersion, *reports.DUERP, []byte, error) {
	v := &vigie.DUERPVersion{CampaignID: campaignID, Number: number}
	var content string
	var file []byte
	err := s.view(ctx, func(tx *sql.Tx) error {
		if err := versionsReadable(ctx, tx, campaignID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT frozen_on, frozen_by, content, xlsx FROM duerp_versions
			WHERE campaign_id = ? AND number = ?`, campaignID, number).Scan(&v.FrozenOn, &v.FrozenBy, &content, &file)
		if errors.Is(err, sql.ErrNoRows) {
			return errDUERPVersionNotFound
		} else if err != nil {
			return fmt.Errorf("store: duerp version %d of %s: %w", number, campaignID, err)
		}
		return nil
	})
	if err != nil {
		return nil, nil, nil, err
	}
	d := &reports.DUERP{}
	if err := json.Unmarshal([]byte(content), d); err != nil {
		return nil, nil, nil, fmt.Errorf("store: duerp version %d of %s: %w", number, campaignID, err)
	}
	return v, d, file, nil
}
