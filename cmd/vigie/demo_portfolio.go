package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/vigie-sante/vigie/store"
)

// The consultant of the demo serves other client organisations: seven
// fictitious ones closed the same barometer during the year, so that the
// portfolio reference (docs/scoring.md section 7) has a frozen version
// and the 2026 barometer is compared with it. Each is small (one team of
// about fifteen respondents, no segment published) to keep the demo's
// start fast, and leans its own way: the shifts below move its overall
// means, so that the organisations spread as real ones do.

// demoPortfolioOrganisation is one fictitious client of the portfolio.
type demoPortfolioOrganisation struct {
	name        string
	respondents int
	shift       map[string]float64 // dimension id -> points added to the mean score
}

// demoPortfolioOrganisations are the seven clients besides the demo
// organisation.
var demoPortfolioOrganisations = []demoPortfolioOrganisation{
	{"Centre communal d'action sociale de Douai", 16, map[string]float64{"effort": 6, "recompense": -4}},
	{"Mutualité agricole de l'Artois", 14, map[string]float64{"effort": -5, "autonomie": 6}},
	{"Clinique des Dunes", 18, map[string]float64{"effort": 12, "recompense": -8, "retrait": 6}},
	{"Communauté de communes des Flandres", 13, map[string]float64{"relations": 5, "sens": 4}},
	{"Association Horizons Emploi", 15, map[string]float64{"recompense": 5, "effort": -3}},
	{"Office public de l'habitat du Hainaut", 17, map[string]float64{"autonomie": -6, "effort": 4}},
	{"Centre hospitalier de Cambrai", 15, map[string]float64{"effort": 9, "suractivite": 8}},
}

// demoPortfolioTitle is the title of each fictitious client's barometer.
const demoPortfolioTitle = "Baromètre qualité de vie au travail"

// seedDemoPortfolio turns the portfolio on and closes the barometers of
// the seven clients over the year before now; freezeDemoPortfolio
// freezes the first version once the demo organisation's barometer is
// closed too.
func seedDemoPortfolio(ctx context.Context, st *store.Store, actor string, now time.Time) error {
	if err := st.SetPortfolioSettings(ctx, store.PortfolioSettings{Enabled: true, MinOrganisations: store.MinPortfolioOrganisations}); err != nil {
		return fmt.Errorf("démo : portefeuille : %w", err)
	}
	// The seven are answered at once: the store writes concurrent
	// submissions in shared commits, which keeps the demo's start fast
	// (docs/performance.md).
	week := 7 * 24 * time.Hour
	errs := make([]error, len(demoPortfolioOrganisations))
	var wg sync.WaitGroup
	for i, o := range demoPortfolioOrganisations {
		spec := demoClosedSpec()
		spec.Title = demoPortfolioTitle + " " + o.name
		spec.Organisation = o.name
		spec.ConductedBy = demoConductedBy("", "")
		spec.Purpose = nil
		team := demoTeam{direction: "Siège", name: "Ensemble des services", headcount: o.respondents + 4, respondents: o.respondents, shift: o.shift}
		spec.Units = demoUnits([]demoTeam{team})
		opened := now.Add(-time.Duration(40-4*i) * week)
		wg.Go(func() {
			_, errs[i] = demoCampaign(ctx, st, spec, actor, opened, opened.Add(2*week), now, demoSeed+100+uint64(i), []demoTeam{team}, 0)
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// freezeDemoPortfolio freezes the portfolio's first version on the day of
// now, from the seven clients and the demo organisation.
func freezeDemoPortfolio(ctx context.Context, st *store.Store, actor string, now time.Time) error {
	v, err := st.FreezePortfolio(ctx, now)
	if err != nil {
		return fmt.Errorf("démo : version du portefeuille : %w", err)
	}
	return st.Audit(ctx, actor, "portfolio.freeze", v.Label, fmt.Sprintf("%d organisations", v.Organisations))
}
