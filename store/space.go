package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vigie-sante/vigie"
)

// Room for the rewrite. SQLite's VACUUM copies the database into a
// temporary database in SQLite's temporary folder, then copies it back
// over the file through the rollback journal, beside the file, which
// holds every page it overwrites: it needs about the file's size free in
// each of the two places, twice that when both are on one file system.
// After an erasure that rewrite is what takes the erased bytes out of
// the file, so an archive or a deletion without the room is refused
// before anything is erased, saying what is needed and what is there,
// rather than erasing and leaving the bytes in free pages while the disk
// stays short.
//
// On PostgreSQL the disk is the database server's, which Vigie cannot
// measure: there, a rewrite that fails is reported (Compaction) and
// retried.

// freeSpace returns the bytes an unprivileged process may still write on
// the file system of dir, and an id of that file system; a variable so
// that tests can make a disk look full.
var freeSpace = statFreeSpace

// errNoStatfs says the platform cannot tell the free space: the check is
// skipped there.
var errNoStatfs = errors.New("store: free space unknown on this system")

// fileSystem is one file system the rewrite writes to.
type fileSystem struct {
	id          uint64
	dirs        []string
	need, avail uint64
}

// checkRewriteSpace refuses (EUNAVAILABLE) to start an erasure, described
// by action ("archiver cette campagne"), when the database's folder or
// SQLite's temporary folder lacks the room its rewrite will need.
func (s *Store) checkRewriteSpace(action string) error {
	if s.engine != engineSQLite {
		return nil
	}
	info, err := os.Stat(s.path)
	if err != nil {
		return fmt.Errorf("store: size of %s: %w", s.path, err)
	}
	size := uint64(info.Size())
	var systems []*fileSystem
	for _, dir := range []string{filepath.Dir(s.path), sqliteTempDir()} {
		if dir == "" {
			continue
		}
		avail, id, err := freeSpace(dir)
		if errors.Is(err, errNoStatfs) {
			return nil
		} else if err != nil {
			return fmt.Errorf("store: free space in %s: %w", dir, err)
		}
		var fs *fileSystem
		for _, f := range systems {
			if f.id == id {
				fs = f
			}
		}
		if fs == nil {
			fs = &fileSystem{id: id, avail: avail}
			systems = append(systems, fs)
		}
		fs.dirs = append(fs.dirs, dir)
		fs.need += size
	}
	var short []string
	for _, fs := range systems {
		if fs.avail < fs.need {
			short = append(short, fmt.Sprintf("%s libres sur le disque de %s (disponibles : %s)",
				formatSize(fs.need), strings.Join(fs.dirs, " et "), formatSize(fs.avail)))
		}
	}
	if len(short) == 0 {
		return nil
	}
	return vigie.Errorf(vigie.EUNAVAILABLE, "Espace disque insuffisant pour %s : après l'effacement, Vigie réécrit le fichier de la base (%s) pour qu'il ne garde aucune trace des données effacées, et cette réécriture demande %s. Rien n'a été effacé : libérez de la place sur le serveur, puis recommencez.",
		action, formatSize(size), strings.Join(short, ", et "))
}

// formatSize writes a size the French way: 850 o, 12,4 ko, 300 Mo, 1,2 Go.
func formatSize(n uint64) string {
	units := []string{"o", "ko", "Mo", "Go", "To"}
	f, u := float64(n), 0
	for f >= 1000 && u < len(units)-1 {
		f /= 1000
		u++
	}
	digits := strconv.FormatFloat(f, 'f', 1, 64)
	if u == 0 || f >= 100 {
		digits = strconv.FormatFloat(f, 'f', 0, 64)
	}
	digits = strings.Replace(strings.TrimSuffix(digits, ".0"), ".", ",", 1)
	return digits + "\u00a0" + units[u]
}
