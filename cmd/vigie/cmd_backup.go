package main

import (
	"context"
	"fmt"
	"io"
	"os"
)

// runBackup writes a consistent copy of a database, even while the server
// is using it.
func runBackup(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("backup", stderr)
	db := dbFlag(fs)
	out := fs.String("out", "", "fichier de la copie (ne doit pas exister)")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(rest) > 0 {
		return usagef("usage : vigie backup [--db vigie.db] --out FICHIER")
	}
	path := dbPath(*db)
	// Opening a missing file would create an empty database and copy it.
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("base de données %s introuvable : %w", path, err)
	}
	s, err := openStore(path)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(context.Background(), *out); err != nil {
		return userError(err)
	}
	fmt.Fprintf(stdout, "Copie de %s écrite dans %s.\n", path, *out)
	return nil
}
