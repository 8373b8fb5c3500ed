package main

import (
	"context"
	"fmt"
	"io"

	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

// runPaper writes printable questionnaires, one per new access code (the
// sheet number), to a file readable by its owner only: like the codes,
// the sheet numbers are shown this once.
func runPaper(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("paper", "usage : vigie paper --campaign ID --count N --out FICHIER.pdf [--db vigie.db]", stderr)
	campaign := cmd.String("campaign", "", "identifiant de la campagne")
	count := cmd.Int("count", 0, fmt.Sprintf("nombre de questionnaires (1 à %d)", reports.MaxPaperSheets))
	out := cmd.String("out", "", "fichier PDF à écrire")
	if _, err := cmd.parse(args, 0); err != nil {
		return err
	}
	if *campaign == "" || *count == 0 || *out == "" {
		return cmd.usageError()
	}
	if *count < 1 || *count > reports.MaxPaperSheets {
		return usagef("--count : entre 1 et %d questionnaires à la fois", reports.MaxPaperSheets)
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		c, err := s.Campaign(ctx, *campaign)
		if err != nil {
			return userError(err)
		}
		qs, err := s.CampaignQuestionnaires(ctx, c.ID)
		if err != nil {
			return userError(err)
		}
		sheets, err := s.GenerateCodes(ctx, c.ID, *count, nil)
		if err != nil {
			return userError(err)
		}
		if err := s.Audit(ctx, cliActor, "paper.generate", c.ID, fmt.Sprintf("%d questionnaires papier", len(sheets))); err != nil {
			return err
		}
		p := &reports.Paper{Campaign: c, Questionnaires: qs, Sheets: sheets}
		size, err := writeAtomic(*out, func(w io.Writer) error { return reports.PaperPDF(w, p) }, nil)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d questionnaires papier écrits : %s (%s).\n", len(sheets), *out, formatSize(size))
		return nil
	})
}
