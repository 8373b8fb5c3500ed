package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/vigie-sante/vigie"
)

// privateMode is the permission of every file holding answers or codes:
// the database, its journal (SQLite gives it the database's mode) and
// backups. Set with Chmod, so that no umask can widen (or narrow) it.
const privateMode fs.FileMode = 0o600

// prepareFile creates the database file with privateMode when it is
// missing, tightens it when an older version left it readable by others,
// and tells whether the file is in WAL mode (written by a version of Vigie
// that kept a WAL, whose pages need compacting once).
func prepareFile(path string) (wasWAL bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, privateMode)
	if err == nil {
		// SQLite takes an empty file for a new database.
		err = errors.Join(f.Chmod(privateMode), f.Close())
		if err != nil {
			return false, fmt.Errorf("store: create %s: %w", path, err)
		}
		return false, nil
	}
	if !errors.Is(err, fs.ErrExist) {
		return false, fmt.Errorf("store: create %s: %w", path, err)
	}
	f, err = os.Open(path)
	if err != nil {
		return false, fmt.Errorf("store: open %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return false, fmt.Errorf("store: open %s: %w", path, err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(path, privateMode); err != nil {
			return false, fmt.Errorf("store: restrict permissions of %s: %w", path, err)
		}
	}
	// A new database is created only where no file exists: an empty file
	// is a backup cut short or a copy gone wrong, and SQLite would take it
	// for a new, empty installation without a word.
	if info.Size() == 0 {
		return false, vigie.Errorf(vigie.EINVALID, "Le fichier %s est vide : ce n'est pas une base Vigie. Vigie ne crée une base neuve que là où aucun fichier n'existe. S'il s'agit d'une sauvegarde restaurée, elle est incomplète : restaurez-en une autre ; s'il s'agit d'une première installation interrompue, supprimez ce fichier vide.", path)
	}
	// Bytes 18 and 19 of the header are the file format versions: 2 for
	// WAL, 1 for a rollback journal.
	var hdr [20]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil || !bytes.HasPrefix(hdr[:], sqliteHeader) {
		return false, vigie.Errorf(vigie.EINVALID, "Le fichier %s n'est pas une base SQLite (son en-tête est inconnu) : ce n'est pas une base Vigie, ou elle est abîmée. Vérifiez le chemin donné à --db, ou restaurez une sauvegarde.", path)
	}
	return hdr[18] == 2, nil
}

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// createTemp creates an empty private file beside path, under a hidden
// name of its own (".name.tmp-123456"), and returns its name.
func createTemp(path string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", err
	}
	err = errors.Join(f.Chmod(privateMode), f.Close())
	if err != nil {
		return "", errors.Join(err, os.Remove(f.Name()))
	}
	return f.Name(), nil
}

// syncFile flushes a file's content to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// syncDir flushes a folder's entries to disk, so that a new name in it
// survives a power cut.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("store: sync %s: %w", dir, err)
	}
	return errors.Join(f.Sync(), f.Close())
}
