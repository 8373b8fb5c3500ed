package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/vigie-sante/vigie"
)

// Backup writes a consistent copy of the live database to dest (VACUUM
// INTO: one read transaction, answers keep arriving meanwhile), readable
// by its owner only. It refuses to overwrite an existing file. The copy is
// compacted: like the database at rest, it keeps no order of submission.
// On PostgreSQL it refuses (EINVALID): pg_dump makes the backup.
//
// The copy is written under a temporary name beside dest, synced to disk,
// checked (quick_check), then given its name: a backup killed at any
// moment leaves no file under dest, never a partial or empty one that a
// restore would take for a database.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if s.engine == enginePostgres {
		// A consistent copy of a shared server is pg_dump's job (the
		// command line prints the command), not one instance's.
		return vigie.Errorf(vigie.EINVALID, "Sur PostgreSQL, la sauvegarde se fait avec pg_dump, pas par Vigie : aucun fichier %s n'a été créé.", dest)
	}
	if _, err := os.Lstat(dest); err == nil {
		return errBackupExists(dest)
	}
	tmp, err := createTemp(dest)
	if err != nil {
		return fmt.Errorf("store: backup to %s: %w", dest, err)
	}
	if err := s.writeBackup(ctx, tmp, dest); err != nil {
		return errors.Join(err, os.Remove(tmp))
	}
	return nil
}

// writeBackup fills the empty file tmp, checks it and links it to dest.
func (s *Store) writeBackup(ctx context.Context, tmp, dest string) error {
	if err := s.vacuumInto(ctx, tmp); err != nil {
		return err
	}
	backupStep("copied")
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("store: backup to %s: %w", dest, err)
	}
	backupStep("synced")
	if err := quickCheck(ctx, tmp); err != nil {
		return fmt.Errorf("store: backup to %s: the copy fails its check: %w", dest, err)
	}
	backupStep("checked")
	// A link, not a rename: it fails if dest appeared meanwhile instead
	// of replacing it. The temporary name then goes.
	if err := os.Link(tmp, dest); errors.Is(err, fs.ErrExist) {
		return errBackupExists(dest)
	} else if err != nil {
		return fmt.Errorf("store: backup to %s: %w", dest, err)
	}
	backupStep("linked")
	if err := os.Remove(tmp); err != nil {
		return fmt.Errorf("store: backup to %s: remove %s: %w", dest, tmp, err)
	}
	return syncDir(filepath.Dir(dest))
}

// backupStep is called after each step of a backup; tests stop the backup
// there, as a kill would, to check what is left under the backup's name.
var backupStep = func(step string) {}

func errBackupExists(dest string) error {
	return vigie.Errorf(vigie.ECONFLICT, "Le fichier %s existe déjà : choisissez un autre nom.", dest)
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

// quickCheck runs SQLite's quick_check on the database file path, read
// only, and returns an error unless it answers ok.
func quickCheck(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var verdict string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&verdict); err != nil {
		return err
	}
	if verdict != "ok" {
		return fmt.Errorf("quick_check: %s", verdict)
	}
	return nil
}
