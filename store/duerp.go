package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
)

// maxMeasures is the length of a row's "mesures existantes", in characters.
const maxMeasures = 4000

var errDUERPVersionNotFound = vigie.Errorf(vigie.ENOTFOUND, "Cette version du DUERP n'existe pas.")

// DUERP builds the psychosocial-risk rows of a closed campaign's document
// unique as of day now (dossier.NewDUERP): published results only, the
// stored measures of each row, the action plan. ECONFLICT before the
// closing, as results.
func (s *Store) DUERP(ctx context.Context, campaignID string, now time.Time) (*dossier.DUERP, error) {
	cs, err := s.publishedResults(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	var d *dossier.DUERP
	err = s.view(ctx, func(tx *sql.Tx) error {
		d, err = cs.duerp(ctx, tx, now)
		return err
	})
	return d, err
}

// duerp builds the DUERP from the campaign's scores and the plan and
// measures read through db.
func (cs *publishedResults) duerp(ctx context.Context, db queryer, now time.Time) (*dossier.DUERP, error) {
	c := cs.campaign
	in := dossier.DUERPInput{Organisation: c.Organisation, Campaign: c.Title, Date: now.Format(time.DateOnly)}
	for _, u := range c.Units {
		in.Units = append(in.Units, strings.Join(u.Path, "/"))
	}
	for _, q := range cs.questionnaires {
		res, err := cs.result(q.ID)
		if err != nil {
			return nil, err
		}
		in.MinGroupSize = res.MinGroupSize
		in.Sections = append(in.Sections, dossier.Section{Questionnaire: q, Result: res})
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
	return dossier.NewDUERP(in), nil
}

// duerpAction is an action as the DUERP lists it, its status in words.
func duerpAction(a vigie.Action) dossier.DUERPAction {
	return dossier.DUERPAction{Title: a.Title, Description: a.Description, Unit: a.Unit, RiskFamily: a.RiskFamily,
		Dimensions: a.Dimensions, Owner: a.Owner, Due: a.Due, Budget: a.Budget, Status: a.Status.Label(), FollowUp: a.FollowUp}
}

// measures reads the "mesures existantes" of a campaign's rows.
func measures(ctx context.Context, db queryer, campaignID string) (map[dossier.DUERPKey]string, error) {
	out := map[dossier.DUERPKey]string{}
	err := eachRow(ctx, db, `SELECT unit, risk_family, measures FROM duerp_measures WHERE campaign_id = ?`,
		[]any{campaignID}, func(rows *sql.Rows) error {
			var k dossier.DUERPKey
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
// classifies); empty measures clear them. Every published unit has a row
// for each of the six families, measured or not. A unit that is not the
// campaign's, or not published, a family unknown, or "" when no dimension
// is unclassified is EINVALID naming the field: the row does not exist.
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
		key := dossier.DUERPKey{Unit: unit, RiskFamily: family}
		if !d.HasRow(key) {
			if !d.HasRow(dossier.DUERPKey{Unit: "", RiskFamily: family}) {
				return vigie.Errorf(vigie.EINVALID, "risk_family : la campagne n'a pas de ligne « %s » : toutes les dimensions de ses questionnaires ont une famille ou un signal.", dossier.FamilyLabel(family))
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

// RenderDUERP turns a DUERP into the workbook a frozen version keeps
// (reports.DUERPXLSX): the store renders nothing itself.
type RenderDUERP func(d *dossier.DUERP) ([]byte, error)

// freezeAttempts bounds the retries of FreezeDUERP when another freeze of
// the same campaign takes the number it rendered.
const freezeAttempts = 3

// FreezeDUERP freezes today's DUERP of a closed campaign (rows, measures,
// actions) into the next numbered version, dated now, and returns it.
// The version keeps its content (JSON) and the workbook it was handed out
// as (render's bytes): GET of the version gives that file back, byte for
// byte, whatever changes afterwards.
//
// The DUERP is read and rendered outside any write transaction (a workbook
// takes time, and SQLite has one writer); the write then checks that its
// number is still the next one, so two freezes never share a number: when
// another freeze took it meanwhile, the DUERP is read and rendered again.
func (s *Store) FreezeDUERP(ctx context.Context, campaignID, by string, now time.Time, render RenderDUERP) (*vigie.DUERPVersion, error) {
	cs, err := s.publishedResults(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	for range freezeAttempts {
		v, err := s.freezeOnce(ctx, cs, by, now, render)
		if !errors.Is(err, errVersionTaken) {
			return v, err
		}
	}
	return nil, vigie.Errorf(vigie.ECONFLICT, "D'autres versions du DUERP sont figées en ce moment même : réessayez dans un instant.")
}

var errVersionTaken = errors.New("store: duerp version number taken meanwhile")

// freezeOnce reads the next number and the DUERP, renders it, and inserts
// the version if the number is still free (errVersionTaken otherwise).
func (s *Store) freezeOnce(ctx context.Context, cs *publishedResults, by string, now time.Time, render RenderDUERP) (*vigie.DUERPVersion, error) {
	id := cs.campaign.ID
	v := &vigie.DUERPVersion{CampaignID: id, FrozenOn: now.Format(time.DateOnly), FrozenBy: by}
	var d, prev *dossier.DUERP
	err := s.view(ctx, func(tx *sql.Tx) error {
		number, err := nextDUERPVersion(ctx, tx, id)
		if err != nil {
			return err
		}
		v.Number = number
		if d, err = cs.duerp(ctx, tx, now); err != nil {
			return err
		}
		prev, err = frozenDUERP(ctx, tx, id, number-1)
		return err
	})
	if err != nil {
		return nil, err
	}
	if prev != nil && len(dossier.DUERPChanges(prev, d)) == 0 {
		return nil, vigie.Errorf(vigie.ECONFLICT, "Rien n'a changé depuis la version %d du %s : une nouvelle version serait identique. Modifiez les mesures existantes ou le plan d'action avant de figer.",
			prev.Version, vigie.DayWords("fr", prev.Date))
	}
	d.Version = v.Number
	content, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("store: duerp version of %s: %w", id, err)
	}
	file, err := render(d)
	if err != nil {
		return nil, fmt.Errorf("store: render duerp version of %s: %w", id, err)
	}
	err = s.update(ctx, func(tx *sql.Tx) error {
		// Checked again inside the write: the campaign may have been
		// deleted since its results were read, and a tombstone takes no
		// new version.
		if _, err := closedCampaign(ctx, tx, id); err != nil {
			return err
		}
		if next, err := nextDUERPVersion(ctx, tx, id); err != nil {
			return err
		} else if next != v.Number {
			return errVersionTaken
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO duerp_versions (campaign_id, number, frozen_on, frozen_by, content, xlsx)
			VALUES (?, ?, ?, ?, ?, ?)`, id, v.Number, v.FrozenOn, by, string(content), file); err != nil {
			return fmt.Errorf("store: freeze duerp of %s: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// frozenDUERP reads the content of a frozen version; nil when the
// campaign has no version number (0 before the first).
func frozenDUERP(ctx context.Context, db queryer, campaignID string, number int) (*dossier.DUERP, error) {
	if number < 1 {
		return nil, nil
	}
	var content string
	err := db.QueryRowContext(ctx, `SELECT content FROM duerp_versions WHERE campaign_id = ? AND number = ?`, campaignID, number).Scan(&content)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: duerp version %d of %s: %w", number, campaignID, err)
	}
	d := &dossier.DUERP{}
	if err := json.Unmarshal([]byte(content), d); err != nil {
		return nil, fmt.Errorf("store: duerp version %d of %s: %w", number, campaignID, err)
	}
	return d, nil
}

// nextDUERPVersion returns the number the next frozen version takes.
func nextDUERPVersion(ctx context.Context, db queryer, campaignID string) (int, error) {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) + 1 FROM duerp_versions WHERE campaign_id = ?`,
		campaignID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: duerp version number of %s: %w", campaignID, err)
	}
	return n, nil
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
func (s *Store) DUERPVersion(ctx context.Context, campaignID string, number int) (*vigie.DUERPVersion, *dossier.DUERP, []byte, error) {
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
	d := &dossier.DUERP{}
	if err := json.Unmarshal([]byte(content), d); err != nil {
		return nil, nil, nil, fmt.Errorf("store: duerp version %d of %s: %w", number, campaignID, err)
	}
	return v, d, file, nil
}
