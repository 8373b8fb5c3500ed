package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// Lengths of an action's texts, in characters: enough for a paragraph,
// not for a document pasted by mistake.
const (
	maxActionLine = 200  // title, owner, budget
	maxActionText = 4000 // description, follow-up
)

var errActionNotFound = vigie.Errorf(vigie.ENOTFOUND, "Cette action n'existe pas.")

// newActionID returns "a_" and 10 random characters.
func newActionID() string { return "a_" + randomString(idAlphabet, 10) }

// Actions returns the action plan of a closed campaign in creation order.
// Actions follow results: before the closing, ECONFLICT (ResultsAvailable).
func (s *Store) Actions(ctx context.Context, campaignID string) ([]vigie.Action, error) {
	var out []vigie.Action
	err := s.view(ctx, func(tx *sql.Tx) error {
		if _, err := closedCampaign(ctx, tx, campaignID); err != nil {
			return err
		}
		var err error
		out, err = actions(ctx, tx, campaignID)
		return err
	})
	return out, err
}

// Action returns one action of a closed campaign; ENOTFOUND when the
// campaign has no such action.
func (s *Store) Action(ctx context.Context, campaignID, id string) (*vigie.Action, error) {
	var a *vigie.Action
	err := s.view(ctx, func(tx *sql.Tx) error {
		if _, err := closedCampaign(ctx, tx, campaignID); err != nil {
			return err
		}
		var err error
		a, err = action(ctx, tx, campaignID, id)
		return err
	})
	return a, err
}

// CreateAction validates a (see checkAction) and adds it to the plan of
// a closed campaign, with a new id and the status "planned" when it has
// none. It returns the action as stored.
func (s *Store) CreateAction(ctx context.Context, campaignID string, a vigie.Action) (*vigie.Action, error) {
	var out *vigie.Action
	err := s.update(ctx, func(tx *sql.Tx) error {
		c, err := closedCampaign(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		qs, err := s.campaignQuestionnaires(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		a.ID, a.CampaignID = newActionID(), campaignID
		if a.Status == "" {
			a.Status = vigie.ActionPlanned
		}
		if err := checkAction(c, qs, &a); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO actions (campaign_id, id, title, description, unit, dimensions,
				risk_family, owner, due, budget, status, follow_up, position)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
				(SELECT coalesce(max(position), 0) + 1 FROM actions WHERE campaign_id = ?))`,
			campaignID, a.ID, a.Title, a.Description, a.Unit, mustJSON(a.Dimensions), a.RiskFamily,
			a.Owner, a.Due, a.Budget, a.Status, a.FollowUp, campaignID); err != nil {
			return fmt.Errorf("store: create action in %s: %w", campaignID, err)
		}
		out = &a
		return nil
	})
	return out, err
}

// UpdateAction applies a patch to an action and validates the result as
// CreateAction does. The read and the write share one transaction, so two
// patches of different fields both apply.
func (s *Store) UpdateAction(ctx context.Context, campaignID, id string, p vigie.ActionPatch) (*vigie.Action, error) {
	var out *vigie.Action
	err := s.update(ctx, func(tx *sql.Tx) error {
		c, err := closedCampaign(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		cur, err := action(ctx, tx, campaignID, id)
		if err != nil {
			return err
		}
		qs, err := s.campaignQuestionnaires(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		a := p.Apply(*cur)
		// A change of dimensions without a family takes the new first
		// dimension's family, as at creation.
		if p.Dimensions != nil && p.RiskFamily == nil {
			a.RiskFamily = ""
		}
		if err := checkAction(c, qs, &a); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE actions SET title = ?, description = ?, unit = ?, dimensions = ?,
				risk_family = ?, owner = ?, due = ?, budget = ?, status = ?, follow_up = ?
			WHERE campaign_id = ? AND id = ?`,
			a.Title, a.Description, a.Unit, mustJSON(a.Dimensions), a.RiskFamily, a.Owner, a.Due, a.Budget,
			a.Status, a.FollowUp, campaignID, id); err != nil {
			return fmt.Errorf("store: update action %s of %s: %w", id, campaignID, err)
		}
		out = &a
		return nil
	})
	return out, err
}

// DeleteAction removes an action from the plan. Versions of the DUERP
// frozen before keep it: they hold their own copy.
func (s *Store) DeleteAction(ctx context.Context, campaignID, id string) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		if _, err := closedCampaign(ctx, tx, campaignID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM actions WHERE campaign_id = ? AND id = ?`, campaignID, id)
		if err != nil {
			return fmt.Errorf("store: delete action %s of %s: %w", id, campaignID, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: delete action %s of %s: %w", id, campaignID, err)
		} else if n == 0 {
			return errActionNotFound
		}
		return nil
	})
}

// closedCampaign loads a campaign whose results, and so whose action
// plan and DUERP, exist: ResultsAvailable's rule.
func closedCampaign(ctx context.Context, db queryer, id string) (*vigie.Campaign, error) {
	c, _, err := loadCampaign(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := ResultsAvailable(c); err != nil {
		return nil, err
	}
	return c, nil
}

const actionColumns = `id, campaign_id, title, description, unit, dimensions, risk_family, owner, due, budget, status, follow_up`

func scanAction(rows interface{ Scan(...any) error }) (vigie.Action, error) {
	var a vigie.Action
	var dims string
	if err := rows.Scan(&a.ID, &a.CampaignID, &a.Title, &a.Description, &a.Unit, &dims, &a.RiskFamily,
		&a.Owner, &a.Due, &a.Budget, &a.Status, &a.FollowUp); err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(dims), &a.Dimensions); err != nil {
		return a, fmt.Errorf("dimensions: %w", err)
	}
	return a, nil
}

// actions reads the plan of a campaign in creation order.
func actions(ctx context.Context, db queryer, campaignID string) ([]vigie.Action, error) {
	var out []vigie.Action
	err := eachRow(ctx, db, `SELECT `+actionColumns+` FROM actions WHERE campaign_id = ? ORDER BY position`,
		[]any{campaignID}, func(rows *sql.Rows) error {
			a, err := scanAction(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store: actions of %s: %w", campaignID, err)
	}
	return out, nil
}

// action reads one action.
func action(ctx context.Context, db queryer, campaignID, id string) (*vigie.Action, error) {
	a, err := scanAction(db.QueryRowContext(ctx, `SELECT `+actionColumns+` FROM actions WHERE campaign_id = ? AND id = ?`,
		campaignID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errActionNotFound
	} else if err != nil {
		return nil, fmt.Errorf("store: action %s of %s: %w", id, campaignID, err)
	}
	return &a, nil
}

// checkAction trims and validates every field of a against its campaign,
// naming the field (its JSON name) in each message, and fills the risk
// family from the first dimension when a has none.
func checkAction(c *vigie.Campaign, qs []*questionnaires.Questionnaire, a *vigie.Action) error {
	for _, f := range []struct {
		name string
		v    *string
		max  int
	}{
		{"title", &a.Title, maxActionLine},
		{"description", &a.Description, maxActionText},
		{"owner", &a.Owner, maxActionLine},
		{"budget", &a.Budget, maxActionLine},
		{"follow_up", &a.FollowUp, maxActionText},
	} {
		*f.v = strings.TrimSpace(*f.v)
		if err := vigie.CheckText(f.name+" : le texte", *f.v); err != nil {
			return err
		}
		if n := utf8.RuneCountInString(*f.v); n > f.max {
			return vigie.Errorf(vigie.EINVALID, "%s : %s caractères au plus (%s reçus).", f.name, vigie.Grouped(f.max), vigie.Grouped(n))
		}
	}
	if a.Title == "" {
		return vigie.Errorf(vigie.EINVALID, "title : donnez un titre à l'action.")
	}
	a.Unit = strings.TrimSpace(a.Unit)
	if a.Unit != "" && !slices.ContainsFunc(c.Units, func(u vigie.Unit) bool { return strings.Join(u.Path, "/") == a.Unit }) {
		return vigie.Errorf(vigie.EINVALID, "unit : « %s » n'est pas une unité de la campagne (laissez vide pour tout le monde).", a.Unit)
	}
	families := dimensionFamilies(qs)
	seen := map[string]bool{}
	a.Dimensions = slices.Clone(a.Dimensions) // the caller's slice stays as it was
	for i, d := range a.Dimensions {
		d = strings.TrimSpace(d)
		a.Dimensions[i] = d
		if _, ok := families[d]; !ok {
			return vigie.Errorf(vigie.EINVALID, "dimensions : « %s » n'est pas une dimension des questionnaires de la campagne (questionnaire/dimension).", d)
		}
		if seen[d] {
			return vigie.Errorf(vigie.EINVALID, "dimensions : « %s » est indiquée deux fois.", d)
		}
		seen[d] = true
	}
	if a.Dimensions == nil {
		a.Dimensions = []string{}
	}
	a.RiskFamily = strings.TrimSpace(a.RiskFamily)
	switch {
	case a.RiskFamily == "" && len(a.Dimensions) > 0:
		a.RiskFamily = string(families[a.Dimensions[0]])
	case a.RiskFamily != "" && !questionnaires.RiskFamily(a.RiskFamily).Valid():
		return vigie.Errorf(vigie.EINVALID, "risk_family : famille de risques inconnue « %s » (%s).", a.RiskFamily, familyList())
	}
	a.Due = strings.TrimSpace(a.Due)
	if a.Due != "" {
		if _, err := time.Parse(time.DateOnly, a.Due); err != nil {
			return vigie.Errorf(vigie.EINVALID, "due : « %s » n'est pas une date AAAA-MM-JJ (par exemple 2027-03-31).", a.Due)
		}
	}
	if !a.Status.Valid() {
		return vigie.Errorf(vigie.EINVALID, "status : statut inconnu « %s » (planned, in_progress, done ou abandoned).", a.Status)
	}
	return nil
}

// dimensionFamilies maps every "questionnaire/dimension" id of qs to the
// family of its DUERP row: the one it measures, or the one it is a signal
// for (an action on a defensive strategy goes with that family's row).
func dimensionFamilies(qs []*questionnaires.Questionnaire) map[string]questionnaires.RiskFamily {
	out := map[string]questionnaires.RiskFamily{}
	for _, q := range qs {
		for _, d := range q.Dimensions {
			out[q.ID+"/"+d.ID] = cmp.Or(d.RiskFamily, d.SignalFor)
		}
	}
	return out
}

// familyList names the six families for an error message.
func familyList() string {
	ids := make([]string, len(questionnaires.RiskFamilies))
	for i, f := range questionnaires.RiskFamilies {
		ids[i] = string(f)
	}
	return strings.Join(ids, ", ")
}
