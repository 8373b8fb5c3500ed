package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vigie-sante/vigie/store"
)

// campaignArchive freezes a closed campaign's results and erases its raw
// data (store.ArchiveCampaign), then logs it in the audit log.
func campaignArchive(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("campaign archive", "usage : vigie campaign archive ID [--db vigie.db]", stderr)
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		id := rest[0]
		if err := s.ArchiveCampaign(ctx, id, time.Now()); err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, "campaign.archive", id, ""); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Campagne %s archivée : ses résultats sont conservés ; %s ont été effacés.\n", id, strings.Join(store.Erased, ", "))
		warnRewritePending(s, stderr)
		return nil
	})
}

// campaignDelete erases a campaign and everything in it. A draft goes
// outright; any other campaign needs --confirm with its exact title, so
// that a mistyped id cannot erase a survey.
func campaignDelete(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("campaign delete", `usage : vigie campaign delete ID [--confirm "TITRE"] [--db vigie.db]`, stderr)
	confirm := cmd.String("confirm", "", "le titre exact de la campagne, requis sauf pour un brouillon")
	rest, err := cmd.parse(args, 1)
	if err != nil {
		return err
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		id := rest[0]
		c, err := s.DeleteCampaign(ctx, id, *confirm, time.Now())
		if err != nil {
			return userError(err)
		}
		defer warnRewritePending(s, stderr)
		detail := string(c.State)
		if c.Deleted() {
			detail += ", versions du DUERP conservées"
		}
		if err := s.Audit(ctx, cliActor, "campaign.delete", id, detail); err != nil {
			return err
		}
		if c.Deleted() {
			fmt.Fprintf(stdout, "Campagne %s supprimée, avec tout ce qu'elle contenait, sauf ses versions figées du DUERP : la loi impose de les conserver 40 ans. Elles restent téléchargeables (GET /api/v1/campaigns/%s/duerp/versions).\n", id, id)
			return nil
		}
		fmt.Fprintf(stdout, "Campagne %s supprimée, avec tout ce qu'elle contenait.\n", id)
		return nil
	})
}

// warnRewritePending says when the rewrite of the file that follows an
// erasure has failed: the erasure stands, and the rewrite is tried again
// when the command closes the database, then at the next start of Vigie.
func warnRewritePending(s *store.Store, stderr io.Writer) {
	if s.Compaction().ErasurePending {
		fmt.Fprintln(stderr, "Attention : l'effacement est fait, mais la réécriture du fichier de la base, qui en retire les octets effacés, est en attente (elle a échoué : espace disque ?). Elle sera retentée à la fin de cette commande, puis au prochain démarrage de Vigie.")
	}
}
