package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/vigie-sante/vigie/store"
)

// runCodes generates access codes and prints them one per line. They are
// shown this once: the database keeps only their hashes.
func runCodes(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("codes", "usage : vigie codes --campaign ID --count N [--unit CHEMIN] [--db vigie.db]", stderr)
	campaign := cmd.String("campaign", "", "identifiant de la campagne")
	count := cmd.Int("count", 0, "nombre de codes à créer (1 à 10000)")
	unit := cmd.String("unit", "", "unité fixée par ces codes, « Direction A/Service 1 » (facultatif)")
	if _, err := cmd.parse(args, 0); err != nil {
		return err
	}
	if *campaign == "" || *count == 0 {
		return cmd.usageError()
	}
	var path []string
	if u := strings.TrimSpace(*unit); u != "" {
		for _, name := range strings.Split(u, "/") {
			path = append(path, strings.TrimSpace(name))
		}
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		codes, err := s.GenerateCodes(ctx, *campaign, *count, path)
		if err != nil {
			return userError(err)
		}
		w := bufio.NewWriter(stdout)
		for _, c := range codes {
			fmt.Fprintln(w, c)
		}
		if err := w.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%d codes créés. Ils ne seront plus jamais affichés : conservez-les.\n", len(codes))
		return nil
	})
}
