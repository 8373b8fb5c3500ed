package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// maxSeries bounds the walk up a chain of previous waves: a series of
// yearly surveys never comes near it, and a bound keeps a mistake in the
// data from looping.
const maxSeries = 50

// saveWaveLink records c's previous wave and unit renames, after checking
// that the previous campaign exists and is closed: only a closed wave has
// figures to compare with, and they no longer change.
func saveWaveLink(ctx context.Context, tx *sql.Tx, c *vigie.Campaign) error {
	var previous any
	if c.Previous != "" {
		if c.Previous == c.ID {
			return vigie.Errorf(vigie.EINVALID, "previous : une campagne ne peut pas être sa propre vague précédente.")
		}
		var state string
		err := tx.QueryRowContext(ctx, `SELECT state FROM campaigns WHERE id = ? AND deleted_at = ''`, c.Previous).Scan(&state)
		if errors.Is(err, sql.ErrNoRows) {
			return vigie.Errorf(vigie.EINVALID, "previous : la campagne « %s » n'existe pas.", vigie.Reveal(c.Previous))
		} else if err != nil {
			return fmt.Errorf("store: campaign %s: previous %s: %w", c.ID, c.Previous, err)
		}
		if vigie.CampaignState(state) != vigie.StateClosed {
			return vigie.Errorf(vigie.EINVALID, "previous : la campagne « %s » n'est pas close ; seule une vague close peut servir de comparaison.", c.Previous)
		}
		previous = c.Previous
		// A rename onto a unit the previous wave already had would merge
		// two groups: refused now, not when results are read.
		prev, _, err := loadCampaign(ctx, tx, c.Previous)
		if err != nil {
			return err
		}
		paths := make([]string, len(prev.Units))
		for i, u := range prev.Units {
			paths[i] = strings.Join(u.Path, "/")
		}
		if err := scoring.CheckRenames(paths, c.UnitMap); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET previous_id = ?, unit_map = ? WHERE id = ?`,
		previous, textJSON(c.UnitMap), c.ID); err != nil {
		return fmt.Errorf("store: campaign %s: save previous wave: %w", c.ID, err)
	}
	return nil
}

// loadWaveLink reads c's previous wave and unit renames.
func loadWaveLink(ctx context.Context, db queryer, c *vigie.Campaign) error {
	var previous sql.NullString
	var unitMap string
	err := db.QueryRowContext(ctx, `SELECT previous_id, unit_map FROM campaigns WHERE id = ?`, c.ID).Scan(&previous, &unitMap)
	if err != nil {
		return fmt.Errorf("store: campaign %s: previous wave: %w", c.ID, err)
	}
	c.Previous = previous.String
	if c.UnitMap, err = loadText(unitMap); err != nil {
		return fmt.Errorf("store: campaign %s: unit_map: %w", c.ID, err)
	}
	return nil
}

// Trends compares res, the result of questionnaire qid in campaign c, with
// the previous wave's, each computed by Result under its own campaign's
// rules; nil when c has no previous wave or that wave did not use qid.
func (s *Store) Trends(ctx context.Context, c *vigie.Campaign, qid string, res *scoring.Result) (*scoring.Trends, error) {
	prev, err := s.previousWave(ctx, c)
	if prev == nil || err != nil {
		return nil, err
	}
	return s.trendsSince(ctx, prev, c, qid, res)
}

// previousWave returns the published results of c's previous wave (one
// scoring pass, or its frozen outputs once archived), nil when c has none
// or it was deleted.
func (s *Store) previousWave(ctx context.Context, c *vigie.Campaign) (*publishedResults, error) {
	if c.Previous == "" {
		return nil, nil
	}
	prev, err := s.publishedResults(ctx, c.Previous)
	if vigie.ErrorCode(err) == vigie.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: previous wave %s of %s: %w", c.Previous, c.ID, err)
	}
	return prev, nil
}

// trendsSince compares the result res of questionnaire qid of campaign c
// with the same questionnaire in prev; nil when prev does not have it.
func (s *Store) trendsSince(ctx context.Context, prev *publishedResults, c *vigie.Campaign, qid string, res *scoring.Result) (*scoring.Trends, error) {
	prevQ := prev.questionnaire(qid)
	if prevQ == nil {
		return nil, nil
	}
	curQ, err := campaignQuestionnaire(ctx, s, c.ID, qid)
	if err != nil {
		return nil, err
	}
	if curQ == nil {
		return nil, vigie.Errorf(vigie.ENOTFOUND, "Ce questionnaire ne fait pas partie de la campagne.")
	}
	prevRes, err := prev.result(qid)
	if err != nil {
		return nil, fmt.Errorf("store: trends of %s: previous wave %s: %w", c.ID, prev.campaign.ID, err)
	}
	return scoring.CompareWaves(prevQ, curQ, prevRes, res, c.UnitMap)
}

// campaignQuestionnaire is the questionnaire qid as campaign id froze it;
// nil when the campaign does not use it.
func campaignQuestionnaire(ctx context.Context, s *Store, id, qid string) (*questionnaires.Questionnaire, error) {
	qs, err := s.CampaignQuestionnaires(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		if q.ID == qid {
			return q, nil
		}
	}
	return nil, nil
}

// Wave is one campaign of a series, with the published mean of each
// dimension for everyone, by questionnaire.
type Wave struct {
	Campaign *vigie.Campaign
	// Means holds, per questionnaire, the `all` mean of each dimension
	// published by this wave; empty while the wave is not closed, and
	// without a dimension its rules withheld.
	Means map[string]map[string]float64
	// Respondents per questionnaire, when published.
	Respondents map[string]int
	// Units holds, per questionnaire, the published means of each
	// top-level unit (by name, under this wave's names): dimension -> mean.
	Units map[string]map[string]map[string]float64
	// Questionnaires are the questionnaires as this wave froze them, to
	// tell whether a dimension stayed comparable from wave to wave.
	Questionnaires map[string]*questionnaires.Questionnaire
}

// Series returns the waves of the series campaign id ends, oldest first:
// id itself and the chain of its previous waves. Only published figures
// appear, each wave's under its own rules.
func (s *Store) Series(ctx context.Context, id string) ([]*Wave, error) {
	var chain []*vigie.Campaign
	seen := map[string]bool{}
	for next := id; next != "" && !seen[next] && len(chain) < maxSeries; {
		c, err := s.Campaign(ctx, next)
		if vigie.ErrorCode(err) == vigie.ENOTFOUND && len(chain) > 0 {
			break // a previous wave deleted meanwhile ends the series
		} else if err != nil {
			return nil, err
		}
		seen[next] = true
		chain = append(chain, c)
		next = c.Previous
	}
	waves := make([]*Wave, len(chain))
	for i, c := range chain {
		w := &Wave{Campaign: c, Means: map[string]map[string]float64{}, Respondents: map[string]int{},
			Units: map[string]map[string]map[string]float64{}, Questionnaires: map[string]*questionnaires.Questionnaire{}}
		waves[len(chain)-1-i] = w
		if ResultsAvailable(c) != nil {
			continue
		}
		// One scoring pass per wave (or its frozen outputs), not one per
		// questionnaire.
		pr, err := s.publishedResults(ctx, c.ID)
		if err != nil {
			return nil, fmt.Errorf("store: series of %s: wave %s: %w", id, c.ID, err)
		}
		for _, q := range pr.questionnaires {
			w.Questionnaires[q.ID] = q
		}
		for _, qid := range c.Questionnaires {
			res, err := pr.result(qid)
			if err != nil {
				return nil, fmt.Errorf("store: series of %s: wave %s: %w", id, c.ID, err)
			}
			w.Units[qid] = map[string]map[string]float64{}
			for _, g := range res.Groups {
				top := g.Kind == scoring.KindUnit && g.Parent == ""
				if g.Suppressed || (g.ID != "all" && !top) {
					continue
				}
				means := map[string]float64{}
				for dim, d := range g.Dimensions {
					if !d.Suppressed {
						means[dim] = d.Mean
					}
				}
				if top {
					w.Units[qid][strings.TrimPrefix(g.ID, "unit:")] = means
					continue
				}
				w.Respondents[qid] = g.Respondents
				w.Means[qid] = means
			}
			if w.Means[qid] == nil {
				w.Means[qid] = map[string]float64{}
			}
		}
	}
	return waves, nil
}

// reportTrends adds to each section of r its trends since c's previous
// wave, and names that wave for the report's heading.
func (s *Store) reportTrends(ctx context.Context, c *vigie.Campaign, r *dossier.Report) error {
	prev, err := s.previousWave(ctx, c)
	if prev == nil || err != nil {
		return err
	}
	r.PreviousTitle = prev.campaign.Title
	for i := range r.Sections {
		sec := &r.Sections[i]
		if sec.Trends, err = s.trendsSince(ctx, prev, c, sec.Questionnaire.ID, sec.Result); err != nil {
			return err
		}
	}
	return nil
}
