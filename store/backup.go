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
// INTO: one read transaction, answers keep arriving meanwhile), readable
// by its owner only. It refuses to overwrite an existing file. The copy is
// compacted: like the database at rest, it keeps no order of submission.
// On PostgreSQL it refuses (EINVALID): pg_dump makes the backup.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if s.engine == enginePostgres {
		// A consistent copy of a shared server is pg_dump's job (the
		// command line prints the command), not one instance's.
		return vigie.Errorf(vigie.EINVALID, "Sur PostgreSQL, la sauvegarde se fait avec pg_dump, pas par Vigie : aucun fichier %s n'a été créé.", dest)
	}
	// Creating the file first (VACUUM INTO accepts an empty one) sets its
	// mode whatever the umask, and O_EXCL refuses an existing file without
	// a window between checking and writing.
	if err := createPrivate(dest); errors.Is(err, fs.ErrExist) {
		return vigie.Errorf(vigie.ECONFLICT, "Le fichier %s existe déjà : choisissez un autre nom.", dest)
	} else if err != nil {
		return fmt.Errorf("store: backup to %s: %w", dest, err)
	}
	if err := s.vacuumInto(ctx, dest); err != nil {
		return errors.Join(err, os.Remove(dest))
	}
	return nil
}

// vacuumInto copies the database into the empty file dest.
func (s *Store) vacuumInto(ctx context.Context, dest string) error {
	// The read pool is query_only, which SQLite extends to VACUUM INTO, and
	// the writer must stay free for answers: use a connection of its own.
	db, err := sql.Open("sqlite3", s.path+"?_busy_timeout="+busyTimeout)
	if err != nil {
		return fmt.Errorf("store: backup to %s: %w", dest, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		return fmt.Errorf("store: backup to %s: %w", dest, err)
	}
	return nil
}
