package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/vigie-sante/vigie"
)

// Backup writes a consistent copy of the live database to dest (VACUUM
// INTO: one read transaction, answers keep arriving meanwhile). It refuses
// to overwrite an existing file.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return vigie.Errorf(vigie.ECONFLICT, "Le fichier %s existe déjà : choisissez un autre nom.", dest)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("store: backup to %s: %w", dest, err)
	}
	// The read pool is query_only, which SQLite extends to VACUUM INTO, and
	// the writer must stay free for answers: use a connection of its own.
	db, err := sql.Open("sqlite3", s.path+"?_busy_timeout=5000")
	if err != nil {
		return fmt.Errorf("store: backup to %s: %w", dest, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		return fmt.Errorf("store: backup to %s: %w", dest, err)
	}
	return nil
}
