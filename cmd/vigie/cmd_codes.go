package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
)

// runCodes generates access codes and prints them one per line. They are
// shown this once: the database keeps only their hashes.
func runCodes(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("codes", stderr)
	campaign := fs.String("campaign", "", "identifiant de la campagne")
	count := fs.Int("count", 0, "nombre de codes à créer (1 à 10000)")
	unit := fs.String("unit", "", "unité fixée par ces codes, « Direction A/Service 1 » (facultatif)")
	db := dbFlag(fs)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *campaign == "" || *count == 0 || len(rest) > 0 {
		return usagef("usage : vigie codes --campaign ID --count N [--unit CHEMIN] [--db vigie.db]")
	}
	var path []string
	if u := strings.TrimSpace(*unit); u != "" {
		for _, name := range strings.Split(u, "/") {
			path = append(path, strings.TrimSpace(name))
		}
	}
	s, err := openStore(*db)
	if err != nil {
		return err
	}
	defer s.Close()
	codes, err := s.GenerateCodes(context.Background(), *campaign, *count, path)
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
}
