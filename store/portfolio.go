package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// The portfolio reference (issue 25): an installation serving several
// client organisations compares each questionnaire version with the
// figures its other organisations published, through frozen versions
// that keep the differencing rule (portfolio_rule.go, docs/scoring.md
// section 7). This file holds the settings, which campaigns feed it and
// the reading of versions; portfolio_freeze.go freezes a new one.

// MinPortfolioOrganisations is the lowest minimum an installation may
// set: every reference rests on at least this many organisations besides
// a reader's own.
const MinPortfolioOrganisations = 5

// PortfolioSettings are the installation's portfolio settings.
type PortfolioSettings struct {
	// Enabled is whether campaigns feed references and references are
	// shown; off on a new installation until the consultant turns it on.
	Enabled bool
	// MinOrganisations is how many organisations besides a reader's own
	// every reference, and every difference between two versions, rests
	// on (at least MinPortfolioOrganisations): a reference needs
	// MinOrganisations + 1 organisations.
	MinOrganisations int
}

// PortfolioSettings returns the installation's portfolio settings.
func (s *Store) PortfolioSettings(ctx context.Context) (*PortfolioSettings, error) {
	return portfolioSettings(ctx, s.read)
}

func portfolioSettings(ctx context.Context, db queryer) (*PortfolioSettings, error) {
	p := &PortfolioSettings{MinOrganisations: MinPortfolioOrganisations}
	var on int
	err := db.QueryRowContext(ctx, `SELECT enabled, min_organisations FROM portfolio_settings WHERE id = 1`).Scan(&on, &p.MinOrganisations)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: portfolio settings: %w", err)
	}
	p.Enabled = on == 1
	return p, nil
}

// SetPortfolioSettings replaces the portfolio settings; EINVALID when the
// minimum is below MinPortfolioOrganisations.
func (s *Store) SetPortfolioSettings(ctx context.Context, p PortfolioSettings) error {
	if p.MinOrganisations < MinPortfolioOrganisations {
		return vigie.Errorf(vigie.EINVALID, "Le nombre minimal d'organisations du portefeuille ne peut pas être inférieur à %d (demandé : %d) : en dessous, une organisation pourrait retrouver les chiffres d'une autre.", MinPortfolioOrganisations, p.MinOrganisations)
	}
	return s.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO portfolio_settings (id, enabled, min_organisations) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, min_organisations = excluded.min_organisations`,
			boolInt(p.Enabled), p.MinOrganisations)
		if err != nil {
			return fmt.Errorf("store: portfolio settings: %w", err)
		}
		return nil
	})
}

// boolInt is 1 for true, 0 for false: the columns are integers on both
// engines.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// includeNewCampaign records whether the campaign id, just created, feeds
// the portfolio: it does when the portfolio is on.
func includeNewCampaign(ctx context.Context, tx *sql.Tx, id string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO campaign_portfolio (campaign_id, included)
		SELECT ?, enabled FROM portfolio_settings WHERE id = 1`, id)
	if err != nil {
		return fmt.Errorf("store: portfolio of campaign %s: %w", id, err)
	}
	return nil
}

// CampaignInPortfolio reports whether the campaign id feeds the portfolio
// (when the portfolio is on): its consultant's choice, or the default of
// its creation (included when the portfolio was on).
func (s *Store) CampaignInPortfolio(ctx context.Context, id string) (bool, error) {
	if _, err := s.Campaign(ctx, id); err != nil {
		return false, err
	}
	var in int
	err := s.read.QueryRowContext(ctx, `SELECT included FROM campaign_portfolio WHERE campaign_id = ?`, id).Scan(&in)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("store: portfolio of campaign %s: %w", id, err)
	}
	return in == 1, nil
}

// FeedsPortfolio reports whether the campaign id's results feed an
// anonymous reference: the portfolio is on and the campaign included.
// The information notice says so.
func (s *Store) FeedsPortfolio(ctx context.Context, id string) (bool, error) {
	p, err := s.PortfolioSettings(ctx)
	if err != nil || !p.Enabled {
		return false, err
	}
	return s.CampaignInPortfolio(ctx, id)
}

// SetCampaignInPortfolio includes the campaign id in the portfolio, or
// leaves it out. Leaving out a campaign that entered a frozen version
// changes no version: the next one leaves it out when it can do so
// without isolating it (docs/scoring.md section 7).
func (s *Store) SetCampaignInPortfolio(ctx context.Context, id string, in bool) error {
	return s.update(ctx, func(tx *sql.Tx) error {
		c, _, err := loadCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.Deleted() {
			return errCampaignNotFound
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO campaign_portfolio (campaign_id, included) VALUES (?, ?)
			ON CONFLICT (campaign_id) DO UPDATE SET included = excluded.included`, id, boolInt(in))
		if err != nil {
			return fmt.Errorf("store: portfolio of campaign %s: %w", id, err)
		}
		return nil
	})
}

// PortfolioVersion is one frozen version of the portfolio reference.
type PortfolioVersion struct {
	Number        int
	Label         string // "2026-1": the year of freezing, then its rank in the year
	FrozenOn      string // YYYY-MM-DD
	Organisations int    // organisations behind at least one measure
	// References are the version's references, one by questionnaire
	// version, Source set; only measures of at least MinOrganisations+1
	// organisations are in.
	References []*scoring.Reference
}

// Measures counts the measures the version publishes.
func (v *PortfolioVersion) Measures() int {
	n := 0
	for _, r := range v.References {
		n += len(r.Dimensions) + len(r.Indicators)
	}
	return n
}

// PortfolioVersions returns every frozen version, the oldest first.
func (s *Store) PortfolioVersions(ctx context.Context) ([]*PortfolioVersion, error) {
	var out []*PortfolioVersion
	err := eachRow(ctx, s.read, `SELECT number, label, frozen_on, organisations, figures FROM portfolio_versions ORDER BY number`, nil, func(rows *sql.Rows) error {
		v := &PortfolioVersion{}
		var raw string
		if err := rows.Scan(&v.Number, &v.Label, &v.FrozenOn, &v.Organisations, &raw); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(raw), &v.References); err != nil {
			return fmt.Errorf("version %s: %w", v.Label, err)
		}
		for _, r := range v.References {
			r.Source = portfolioSource(r.Organisations, v.Label, v.FrozenOn)
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: portfolio versions: %w", err)
	}
	return out, nil
}

// PortfolioReference returns the portfolio reference of a questionnaire
// version from the latest frozen version that holds it; nil (no error)
// when the portfolio is off or no version holds it. It is the provider
// the comparison with a reference reads (docs/scoring.md section 7).
func (s *Store) PortfolioReference(ctx context.Context, questionnaire string, version int) (*scoring.Reference, error) {
	p, err := s.PortfolioSettings(ctx)
	if err != nil || !p.Enabled {
		return nil, err
	}
	versions, err := s.PortfolioVersions(ctx)
	if err != nil {
		return nil, err
	}
	for i := len(versions) - 1; i >= 0; i-- {
		for _, r := range versions[i].References {
			if r.Questionnaire == questionnaire && r.Version == version {
				return r, nil
			}
		}
	}
	return nil, nil
}

// portfolioSource names a portfolio reference for a reader, in French:
// « portefeuille de 7 organisations, version 2026-1 du 1er décembre 2026 ».
func portfolioSource(organisations int, label, day string) string {
	return fmt.Sprintf("portefeuille de %d organisations, version %s du %s", organisations, label, frenchDay(day))
}

// frenchMonths are the months' names, January first.
var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// frenchDay writes a YYYY-MM-DD day in words: « 1er décembre 2026 ».
func frenchDay(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	d := fmt.Sprint(t.Day())
	if t.Day() == 1 {
		d = "1er"
	}
	return d + " " + frenchMonths[t.Month()-1] + " " + fmt.Sprint(t.Year())
}

// normaliseOrganisation is how two campaigns are found to be of one
// organisation: their organisation fields equal once spaces are collapsed
// and case folded (« Mairie de  Lens » and « mairie de lens »).
func normaliseOrganisation(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// PortfolioReferences is the portfolio as a source of reference values
// for the results (web.Config.References): the reference of the
// questionnaire version a campaign froze, from the latest frozen version
// that holds it; nil when there is none or the portfolio is off.
type PortfolioReferences struct{ Store *Store }

// Reference returns the portfolio reference for questionnaire q of
// campaign c (PortfolioReference).
func (p PortfolioReferences) Reference(ctx context.Context, _ *vigie.Campaign, q *questionnaires.Questionnaire) (*scoring.Reference, error) {
	return p.Store.PortfolioReference(ctx, q.ID, q.Version)
}
