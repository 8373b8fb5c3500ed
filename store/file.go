package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
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
	// Bytes 18 and 19 of the header are the file format versions: 2 for
	// WAL, 1 for a rollback journal.
	var hdr [20]byte
	if _, err := io.ReadFull(f, hdr[:]); err != nil {
		return false, nil // empty or not a database: SQLite will say
	}
	return bytes.HasPrefix(hdr[:], []byte("SQLite format 3\x00")) && hdr[18] == 2, nil
}

// createPrivate creates path, which must not exist, empty and with
// privateMode, for a file that SQLite or the caller then fills.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, privateMode)
	if err != nil {
		return err
	}
	return errors.Join(f.Chmod(privateMode), f.Close())
}
