package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/vigie-sante/vigie/store"
)

// runPortfolio manages the portfolio reference (docs/scoring.md section 7,
// docs/guide-consultant.md): its settings, the campaigns that feed it, and
// its frozen versions.
func runPortfolio(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("sous-commande attendue : status, on, off, minimum N, include ID, exclude ID, freeze")
	}
	switch args[0] {
	case "status":
		return portfolioStatus(args[1:], stdout, stderr)
	case "on", "off":
		return portfolioSwitch(args[0], args[1:], stdout, stderr)
	case "minimum":
		return portfolioMinimum(args[1:], stdout, stderr)
	case "include", "exclude":
		return portfolioInclude(args[0], args[1:], stdout, stderr)
	case "freeze":
		return portfolioFreeze(args[1:], stdout, stderr, time.Now())
	}
	return usagef("sous-commande inconnue « %s » (status, on, off, minimum, include, exclude, freeze)", args[0])
}

// portfolioSettings changes the settings with change, records it in the
// audit log and says what they are now.
func portfolioSettings(cmd *storeCommand, stdout io.Writer, action, detail string, change func(*store.PortfolioSettings)) error {
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		p, err := s.PortfolioSettings(ctx)
		if err != nil {
			return err
		}
		change(p)
		if err := s.SetPortfolioSettings(ctx, *p); err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, action, "", detail); err != nil {
			return err
		}
		fmt.Fprintln(stdout, portfolioState(p))
		return nil
	})
}

// portfolioState says the settings in a sentence.
func portfolioState(p *store.PortfolioSettings) string {
	state := "désactivé"
	if p.Enabled {
		state = "activé"
	}
	return fmt.Sprintf("Portefeuille %s ; une référence repose sur au moins %d organisations en plus de celle qui la lit (%d en tout).", state, p.MinOrganisations, p.MinOrganisations+1)
}

// portfolioSwitch turns the portfolio on or off.
func portfolioSwitch(which string, args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("portfolio "+which, "usage : vigie portfolio "+which+" [--db vigie.db]", stderr)
	if _, err := cmd.parse(args, 0); err != nil {
		return err
	}
	return portfolioSettings(cmd, stdout, "portfolio."+which, "", func(p *store.PortfolioSettings) { p.Enabled = which == "on" })
}

// portfolioMinimum sets how many organisations besides a reader's own
// every reference rests on.
func portfolioMinimum(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("portfolio minimum", "usage : vigie portfolio minimum N [--db vigie.db] (N : au moins 5)", stderr)
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(rest[0])
	if err != nil {
		return usagef("« %s » n'est pas un nombre d'organisations (au moins %d)", rest[0], store.MinPortfolioOrganisations)
	}
	return portfolioSettings(cmd, stdout, "portfolio.minimum", rest[0], func(p *store.PortfolioSettings) { p.MinOrganisations = n })
}

// portfolioInclude includes a campaign in the portfolio or leaves it out.
func portfolioInclude(which string, args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("portfolio "+which, "usage : vigie portfolio "+which+" ID [--db vigie.db]", stderr)
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		if err := s.SetCampaignInPortfolio(ctx, rest[0], which == "include"); err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, "portfolio."+which, rest[0], ""); err != nil {
			return err
		}
		if which == "include" {
			fmt.Fprintf(stdout, "La campagne %s alimente le portefeuille (quand il est activé).\n", rest[0])
		} else {
			fmt.Fprintf(stdout, "La campagne %s est exclue du portefeuille : les versions déjà figées ne changent pas ; la prochaine l'écartera dès qu'elle le pourra sans l'isoler.\n", rest[0])
		}
		return nil
	})
}

// portfolioStatus prints the settings, what freezing now would publish
// and the frozen versions.
func portfolioStatus(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("portfolio status", "usage : vigie portfolio status [--db vigie.db]", stderr)
	if _, err := cmd.parse(args, 0); err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		p, err := s.PortfolioSettings(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, portfolioState(p))
		plan, err := s.PlanPortfolio(ctx, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Organisations dont une campagne close est incluse : %d (nouvelles depuis la dernière version : %d).\n", plan.Candidates, plan.NewOrganisations)
		fmt.Fprintf(stdout, "Figer maintenant : %s %s\n", yesNo(plan.Due), plan.Why)
		if plan.Due {
			fmt.Fprintf(stdout, "La version %s réunirait %d organisations et %d mesures.\n", plan.Version.Label, plan.Version.Organisations, plan.Version.Measures())
		}
		versions, err := s.PortfolioVersions(ctx)
		if err != nil {
			return err
		}
		if len(versions) == 0 {
			fmt.Fprintln(stdout, "Aucune version figée.")
			return nil
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "VERSION\tFIGÉE LE\tORGANISATIONS\tMESURES")
		for _, v := range versions {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\n", v.Label, v.FrozenOn, v.Organisations, v.Measures())
		}
		return tw.Flush()
	})
}

// yesNo is « oui. » or « non. ».
func yesNo(b bool) string {
	if b {
		return "oui."
	}
	return "non."
}

// portfolioFreeze freezes a new version on the day of now.
func portfolioFreeze(args []string, stdout, stderr io.Writer, now time.Time) error {
	cmd := newStoreCommand("portfolio freeze", "usage : vigie portfolio freeze [--db vigie.db]", stderr)
	if _, err := cmd.parse(args, 0); err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		v, err := s.FreezePortfolio(ctx, now)
		if err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, "portfolio.freeze", v.Label, fmt.Sprintf("%d organisations", v.Organisations)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Version %s figée : %d organisations, %d mesures.\n", v.Label, v.Organisations, v.Measures())
		return nil
	})
}
