package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

// runGuide writes the discussion guide of one group of a closed campaign
// (everyone, or a published unit) as a PDF: what a consultant prints
// before a team session.
func runGuide(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("guide", stderr)
	campaign := fs.String("campaign", "", "identifiant de la campagne (close)")
	unit := fs.String("unit", "", "unité, par exemple « Direction A/Service 2 » (par défaut : l'ensemble des répondants)")
	lang := fs.String("lang", "fr", "langue du guide : fr ou en")
	out := fs.String("out", "", "fichier PDF à écrire")
	db := dbFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("argument inattendu « %s »", fs.Arg(0))
	case *campaign == "":
		return usagef("--campaign ID est obligatoire")
	case *out == "":
		return usagef("--out est obligatoire : le fichier PDF à écrire")
	case !strings.EqualFold(filepath.Ext(*out), ".pdf"):
		return usagef("le guide est un PDF : nommez le fichier .pdf, pas « %s »", *out)
	case *lang != "fr" && *lang != "en":
		return usagef("--lang « %s » inconnue : fr ou en", *lang)
	}
	path := strings.TrimSpace(*unit)

	s, err := openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	camp, err := s.Campaign(ctx, *campaign)
	if err != nil {
		return userError(err)
	}
	if path != "" && !camp.HasUnit(strings.Split(path, "/")) {
		return fmt.Errorf("l'unité « %s » n'existe pas dans cette campagne", vigie.Reveal(path))
	}
	progress := newProgress(stderr)
	progress.step("Calcul des résultats de la campagne…")
	r, err := s.Report(ctx, camp.ID, store.ReportOptions{
		Audience: dossier.AudienceCommittee, Lang: *lang, Version: Version, Now: time.Now(),
	})
	progress.clear()
	if err != nil {
		return userError(err)
	}
	group := path
	if group == "" {
		group = "ensemble"
	}
	audit := func() error { return s.Audit(ctx, cliActor, "guide.export", camp.ID, group+", "+*lang) }
	size, err := writeAtomic(*out, func(w io.Writer) error { return userError(reports.Guide(w, r, path)) }, audit)
	if err != nil {
		return err
	}
	progress.done(fmt.Sprintf("Guide écrit : %s (%s)", *out, formatSize(size)))
	return nil
}
