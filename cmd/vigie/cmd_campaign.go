package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/campaignfile"
	"github.com/vigie-sante/vigie/store"
)

// runCampaign creates, opens, closes and lists campaigns.
func runCampaign(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("sous-commande attendue : create --file campagne.yaml, open ID, close ID, archive ID, delete ID, list")
	}
	switch args[0] {
	case "create":
		return campaignCreate(args[1:], stdout, stderr)
	case "open", "close":
		return campaignOpenClose(args[0], args[1:], stdout, stderr)
	case "archive":
		return campaignArchive(args[1:], stdout, stderr)
	case "delete":
		return campaignDelete(args[1:], stdout, stderr)
	case "list":
		return campaignList(args[1:], stdout, stderr)
	}
	return usagef("sous-commande inconnue « %s » (create, open, close, archive, delete, list)", args[0])
}

// campaignCreate prints the new campaign's id on line 1 and the respondent
// URL path on line 2, so scripts can read them.
func campaignCreate(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("campaign create", "usage : vigie campaign create --file campagne.yaml [--db vigie.db]", stderr)
	file := cmd.String("file", "", "description de la campagne (YAML ou JSON, voir docs/examples/campagne.yaml)")
	if _, err := cmd.parse(args, 0); err != nil {
		return err
	}
	if *file == "" {
		return cmd.usageError()
	}
	data, err := os.ReadFile(*file)
	if err != nil {
		return err
	}
	spec, err := campaignfile.Parse(*file, data)
	if err != nil {
		return userError(err)
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		c, err := s.CreateCampaign(ctx, spec)
		if err != nil {
			return userError(err)
		}
		fmt.Fprintln(stdout, c.ID)
		fmt.Fprintln(stdout, "/r/"+c.Slug)
		fmt.Fprintf(stderr, "Campagne « %s » créée en brouillon. Pour l'ouvrir : vigie campaign open %s\n", c.Title, c.ID)
		return nil
	})
}

// campaignOpenClose opens or closes one campaign.
func campaignOpenClose(action string, args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("campaign "+action, "usage : vigie campaign "+action+" ID [--db vigie.db]", stderr)
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		id, now := rest[0], time.Now()
		if action == "open" {
			if err := s.OpenCampaign(ctx, id, now); err != nil {
				return userError(err)
			}
			c, err := s.Campaign(ctx, id)
			if err != nil {
				return userError(err)
			}
			fmt.Fprintf(stdout, "Campagne %s ouverte. Adresse des répondants : /r/%s\n", id, c.Slug)
			return nil
		}
		if err := s.CloseCampaign(ctx, id, now); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "Campagne %s close ; les brouillons ont été effacés.\n", id)
		return nil
	})
}

// campaignList prints one line per campaign.
func campaignList(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("campaign list", "usage : vigie campaign list [--db vigie.db]", stderr)
	if _, err := cmd.parse(args, 0); err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		list, err := s.Campaigns(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tÉTAT\tACCÈS\tRÉPONSES\tTITRE\tORGANISATION\tADRESSE")
		for _, c := range list {
			n, err := s.ResponseCount(ctx, c.ID)
			if err != nil {
				return err
			}
			state := stateLabel(c.State)
			if c.Archived() {
				state = "archivée"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t/r/%s\n", c.ID, state, c.Access, n, c.Title, c.Organisation, c.Slug)
		}
		return tw.Flush()
	})
}

func stateLabel(s vigie.CampaignState) string {
	switch s {
	case vigie.StateDraft:
		return "brouillon"
	case vigie.StateOpen:
		return "ouverte"
	case vigie.StateClosed:
		return "close"
	}
	return string(s)
}
