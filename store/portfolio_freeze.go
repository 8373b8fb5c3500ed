package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
)

// Freezing a portfolio version. The consultant freezes (back office or
// `vigie portfolio freeze`), never a background job: a version is a
// publication, and a person decides it, seeing first what it would hold
// (PlanPortfolio). A version may be frozen when none exists, when a year
// has passed since the last, or when at least MinOrganisations + 1
// organisations have closed a campaign since (enough to make a new cell).
// Whatever the cadence, what enters keeps the differencing rule
// (nextEntries).

// questionnaireKey names a questionnaire version.
type questionnaireKey struct {
	ID      string
	Version int
}

// PortfolioPlan is what freezing now would store, and whether it may.
type PortfolioPlan struct {
	// Version is the version freezing now would store: number, label,
	// day and references; its References are empty when no measure has
	// enough organisations.
	Version *PortfolioVersion
	// Due is whether a version may be frozen now; Why says why or why
	// not, in French.
	Due bool
	Why string
	// Changed is whether the version would differ from the last one.
	Changed bool
	// NewOrganisations counts the organisations whose closed campaign
	// entered no version yet; Candidates the organisations with a closed,
	// included campaign.
	NewOrganisations int
	Candidates       int

	entries map[questionnaireKey]map[string][]string // contributor -> measures entered
}

// PlanPortfolio returns what freezing a version on the day of now would
// store, without storing anything.
func (s *Store) PlanPortfolio(ctx context.Context, now time.Time) (*PortfolioPlan, error) {
	settings, err := s.PortfolioSettings(ctx)
	if err != nil {
		return nil, err
	}
	cands, orgOf, err := s.portfolioCandidates(ctx)
	if err != nil {
		return nil, err
	}
	history, last, err := portfolioHistory(ctx, s.read)
	if err != nil {
		return nil, err
	}
	versions, err := s.PortfolioVersions(ctx)
	if err != nil {
		return nil, err
	}
	day := now.UTC().Format(time.DateOnly)
	plan := &PortfolioPlan{entries: map[questionnaireKey]map[string][]string{}}
	v := &PortfolioVersion{Number: 1, FrozenOn: day}
	rank := 1
	for _, old := range versions {
		v.Number = old.Number + 1
		if old.FrozenOn[:4] == day[:4] {
			rank++
		}
	}
	v.Label = fmt.Sprintf("%s-%d", day[:4], rank)

	everEntered := map[string]bool{}
	for _, h := range history {
		for id := range h {
			everEntered[id] = true
		}
	}
	orgs, newOrgs := map[string]bool{}, map[string]bool{}
	for _, byContributor := range cands {
		for id := range byContributor {
			orgs[orgOf[id]] = true
			if !everEntered[id] {
				newOrgs[orgOf[id]] = true
			}
		}
	}
	plan.Candidates, plan.NewOrganisations = len(orgs), len(newOrgs)

	entered := map[string]bool{}
	for _, q := range slices.SortedFunc(maps.Keys(cands), compareQuestionnaireKeys) {
		measures := map[string][]string{}
		for id, byMeasure := range cands[q] {
			measures[id] = slices.Sorted(maps.Keys(byMeasure))
		}
		entries := nextEntries(history[q], measures, settings.MinOrganisations)
		if len(entries) == 0 {
			continue
		}
		plan.entries[q] = entries
		ref := &scoring.Reference{Questionnaire: q.ID, Version: q.Version, Organisations: len(entries),
			Dimensions: map[string]scoring.ReferenceValue{}, Indicators: map[string]scoring.ReferenceValue{}}
		byMeasure := map[string][]contribution{}
		for id, ms := range entries {
			entered[orgOf[id]] = true
			for _, m := range ms {
				byMeasure[m] = append(byMeasure[m], cands[q][id][m])
			}
		}
		for m, list := range byMeasure {
			kind, id, _ := strings.Cut(m, ":")
			if kind == "d" {
				ref.Dimensions[id] = referenceValue(list)
			} else {
				ref.Indicators[id] = referenceValue(list)
			}
		}
		ref.Source = portfolioSource(ref.Organisations, v.Label, v.FrozenOn)
		v.References = append(v.References, ref)
	}
	v.Organisations = len(entered)
	plan.Version = v
	plan.Changed = !sameEntries(plan.entries, last)

	switch {
	case len(versions) == 0:
		plan.Due, plan.Why = true, "Aucune version n'est encore figée."
	case daysBetween(versions[len(versions)-1].FrozenOn, day) >= 365:
		plan.Due, plan.Why = true, fmt.Sprintf("La dernière version (%s) a été figée il y a plus d'un an.", versions[len(versions)-1].Label)
	case plan.NewOrganisations >= settings.MinOrganisations+1:
		plan.Due, plan.Why = true, fmt.Sprintf("%d organisations ont clos une campagne depuis la dernière version (il en faut %d).", plan.NewOrganisations, settings.MinOrganisations+1)
	default:
		lastDay, _ := time.Parse(time.DateOnly, versions[len(versions)-1].FrozenOn)
		plan.Why = fmt.Sprintf("La dernière version (%s) date de moins d'un an et %d organisations seulement ont clos une campagne depuis (il en faut %d) : prochaine version possible le %s, ou plus tôt quand %d organisations nouvelles auront clos une campagne.",
			versions[len(versions)-1].Label, plan.NewOrganisations, settings.MinOrganisations+1, frenchDay(lastDay.AddDate(0, 0, 365).Format(time.DateOnly)), settings.MinOrganisations+1)
	}
	return plan, nil
}

// FreezePortfolio freezes a new version of the portfolio on the day of
// now and returns it. ECONFLICT when the portfolio is off, when no
// version is due (PortfolioPlan.Why), when no measure has enough
// organisations, when it would repeat the last version, or when another
// version was frozen meanwhile.
func (s *Store) FreezePortfolio(ctx context.Context, now time.Time) (*PortfolioVersion, error) {
	settings, err := s.PortfolioSettings(ctx)
	if err != nil {
		return nil, err
	}
	if !settings.Enabled {
		return nil, vigie.Errorf(vigie.ECONFLICT, "Le portefeuille est désactivé : activez-le avant de figer une version.")
	}
	plan, err := s.PlanPortfolio(ctx, now)
	if err != nil {
		return nil, err
	}
	v := plan.Version
	switch {
	case !plan.Due:
		return nil, vigie.Errorf(vigie.ECONFLICT, "Pas de nouvelle version maintenant. %s", plan.Why)
	case len(v.References) == 0:
		return nil, vigie.Errorf(vigie.ECONFLICT, "Aucune mesure ne réunit %d organisations (le minimum, %d, plus la vôtre) : rien à figer. Organisations dont une campagne close est incluse : %d.", settings.MinOrganisations+1, settings.MinOrganisations, plan.Candidates)
	case !plan.Changed:
		return nil, vigie.Errorf(vigie.ECONFLICT, "La nouvelle version serait identique à la dernière : rien à figer.")
	}
	refs := make([]*scoring.Reference, len(v.References))
	for i, r := range v.References {
		c := *r
		c.Source = "" // said at each read, from the label and the day
		refs[i] = &c
	}
	raw, err := json.Marshal(refs)
	if err != nil {
		return nil, fmt.Errorf("store: freeze portfolio: %w", err)
	}
	err = s.update(ctx, func(tx *sql.Tx) error {
		var latest int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) FROM portfolio_versions`).Scan(&latest); err != nil {
			return fmt.Errorf("store: freeze portfolio: %w", err)
		}
		if latest != v.Number-1 {
			return vigie.Errorf(vigie.ECONFLICT, "Une autre version du portefeuille vient d'être figée : rechargez la page.")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO portfolio_versions (number, label, frozen_on, organisations, figures) VALUES (?, ?, ?, ?, ?)`,
			v.Number, v.Label, v.FrozenOn, v.Organisations, string(raw)); err != nil {
			return fmt.Errorf("store: freeze portfolio version %s: %w", v.Label, err)
		}
		for q, entries := range plan.entries {
			for id, ms := range entries {
				for _, m := range ms {
					if _, err := tx.ExecContext(ctx, `INSERT INTO portfolio_members (version, questionnaire, qversion, measure, contributor) VALUES (?, ?, ?, ?, ?)`,
						v.Number, q.ID, q.Version, m, id); err != nil {
						return fmt.Errorf("store: freeze portfolio version %s: %w", v.Label, err)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// portfolioCandidates returns, by questionnaire version, the published
// overall figures of each closed campaign included in the portfolio,
// keyed by campaign then measure ("d:effort", "i:desequilibre"), keeping
// for each organisation its latest closed campaign with that
// questionnaire version; and the normalised organisation of each.
func (s *Store) portfolioCandidates(ctx context.Context) (map[questionnaireKey]map[string]map[string]contribution, map[string]string, error) {
	type row struct{ id, org, week, created string }
	var rows []row
	err := eachRow(ctx, s.read, `SELECT c.id, c.organisation, c.closed_week, c.created_at FROM campaigns c
		JOIN campaign_portfolio p ON p.campaign_id = c.id
		WHERE p.included = 1 AND c.state = 'closed' AND c.deleted_at = ''`, nil, func(r *sql.Rows) error {
		var x row
		err := r.Scan(&x.id, &x.org, &x.week, &x.created)
		rows = append(rows, x)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: portfolio campaigns: %w", err)
	}
	// The latest wave first, so that the first seen of an organisation is
	// the one kept.
	slices.SortFunc(rows, func(a, b row) int {
		return strings.Compare(b.week+b.created+b.id, a.week+a.created+a.id)
	})
	out := map[questionnaireKey]map[string]map[string]contribution{}
	orgOf := map[string]string{}
	seen := map[questionnaireKey]map[string]bool{} // organisations already counted
	for _, r := range rows {
		c, err := s.Campaign(ctx, r.id)
		if err != nil {
			return nil, nil, err
		}
		figs, err := s.closedFigures(ctx, c)
		if err != nil {
			return nil, nil, fmt.Errorf("store: portfolio figures of %s: %w", r.id, err)
		}
		org := normaliseOrganisation(r.org)
		for _, res := range figs.Results {
			q := questionnaireKey{res.Questionnaire.ID, res.Questionnaire.Version}
			if seen[q] == nil {
				seen[q] = map[string]bool{}
			}
			if seen[q][org] {
				continue
			}
			seen[q][org] = true
			ms := overallContributions(res, r.id, org)
			if len(ms) == 0 {
				continue
			}
			if out[q] == nil {
				out[q] = map[string]map[string]contribution{}
			}
			out[q][r.id] = ms
			orgOf[r.id] = org
		}
	}
	return out, orgOf, nil
}

// overallContributions are the measures a result published in its overall
// group, keyed "d:<dimension>" or "i:<indicator>"; none when that group
// is withheld.
func overallContributions(r *frozenResult, campaign, org string) map[string]contribution {
	out := map[string]contribution{}
	for _, g := range r.Groups {
		if g.Kind != scoring.KindAll || g.Suppressed {
			continue
		}
		for id, d := range g.Dimensions {
			if !d.Suppressed && d.N > 0 {
				out["d:"+id] = contribution{Campaign: campaign, Organisation: org, Mean: d.Mean, N: d.N}
			}
		}
		for id, d := range g.Indicators {
			if !d.Suppressed && d.N > 0 {
				out["i:"+id] = contribution{Campaign: campaign, Organisation: org, Mean: d.Mean, N: d.N}
			}
		}
	}
	return out
}

// portfolioHistory returns, by questionnaire version, what each
// contributor entered ("3:d:effort"), and what entered the last version.
func portfolioHistory(ctx context.Context, db queryer) (map[questionnaireKey]map[string][]string, map[questionnaireKey]map[string][]string, error) {
	history := map[questionnaireKey]map[string][]string{}
	last := map[questionnaireKey]map[string][]string{}
	var latest int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(number), 0) FROM portfolio_versions`).Scan(&latest); err != nil {
		return nil, nil, fmt.Errorf("store: portfolio history: %w", err)
	}
	err := eachRow(ctx, db, `SELECT version, questionnaire, qversion, measure, contributor FROM portfolio_members
		ORDER BY version, questionnaire, qversion, contributor, measure`, nil, func(rows *sql.Rows) error {
		var v int
		var q questionnaireKey
		var m, id string
		if err := rows.Scan(&v, &q.ID, &q.Version, &m, &id); err != nil {
			return err
		}
		if history[q] == nil {
			history[q] = map[string][]string{}
		}
		history[q][id] = append(history[q][id], fmt.Sprintf("%d:%s", v, m))
		if v == latest {
			if last[q] == nil {
				last[q] = map[string][]string{}
			}
			last[q][id] = append(last[q][id], m)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("store: portfolio history: %w", err)
	}
	return history, last, nil
}

// sameEntries reports whether two versions' entries are the same.
func sameEntries(a, b map[questionnaireKey]map[string][]string) bool {
	return maps.EqualFunc(a, b, func(x, y map[string][]string) bool {
		return maps.EqualFunc(x, y, func(m, n []string) bool {
			return slices.Equal(slices.Sorted(slices.Values(m)), slices.Sorted(slices.Values(n)))
		})
	})
}

// compareQuestionnaireKeys orders questionnaire versions by id, then version.
func compareQuestionnaireKeys(a, b questionnaireKey) int {
	if c := strings.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return a.Version - b.Version
}

// daysBetween counts the days from one YYYY-MM-DD day to another.
func daysBetween(from, to string) int {
	a, err1 := time.Parse(time.DateOnly, from)
	b, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(b.Sub(a).Hours() / 24)
}
