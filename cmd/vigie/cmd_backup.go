package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/vigie-sante/vigie/store"
)

// runBackup writes a consistent copy of a SQLite database, even while the
// server is using it. On PostgreSQL it writes nothing and says how to back
// up with pg_dump (cmd_backup_postgres.go).
func runBackup(args []string, stdout, stderr io.Writer) error {
	cmd := newStoreCommand("backup", "usage : vigie backup [--db vigie.db] --out FICHIER", stderr)
	out := cmd.String("out", "", "fichier de la copie (ne doit pas exister)")
	if _, err := cmd.parse(args, 0); err != nil {
		return err
	}
	path := dbPath(*cmd.db)
	if store.IsPostgresURL(path) {
		return postgresBackupAdvice(stderr, path, *out, time.Now())
	}
	if *out == "" {
		return cmd.usageError()
	}
	// Opening a missing file would create an empty database and copy it.
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("base de données %s introuvable : %w", path, err)
	}
	return cmd.withStore(func(ctx context.Context, s *store.Store) error {
		if err := s.Backup(ctx, *out); err != nil {
			return userError(err)
		}
		fmt.Fprintf(stdout, "Copie de %s écrite dans %s.\n", path, *out)
		return nil
	})
}
