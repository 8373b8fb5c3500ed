package store_test

import (
	"bytes"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/vigie-sante/vigie/store"
)

// rawDB opens the database at path (a SQLite file or, on the PostgreSQL
// pass, the URL s.Path() gives) directly, read-only, to inspect what the
// store really wrote. Queries keep SQLite's "?" placeholders on both.
func rawDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	return openRaw(tb, path, true)
}

// rawWriteDB is rawDB for a test that writes behind the store's back (to
// check that the schema itself refuses what the store never does).
func rawWriteDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	return openRaw(tb, path, false)
}

func openRaw(tb testing.TB, path string, readOnly bool) *sql.DB {
	tb.Helper()
	var db *sql.DB
	var err error
	switch {
	case store.IsPostgresURL(path):
		db, err = store.OpenRawPostgres(path, readOnly)
	case readOnly:
		db, err = sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	default:
		db, err = sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000&_foreign_keys=on")
	}
	if err != nil {
		tb.Fatalf("open %s: %v", store.RedactURL(path), err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// tableColumns returns the column names of table in the order the engine
// keeps them, to check a table holds nothing that could identify a
// respondent.
func tableColumns(tb testing.TB, path, table string) []string {
	tb.Helper()
	query := `SELECT name FROM pragma_table_info(?) ORDER BY cid`
	if store.IsPostgresURL(path) {
		query = `SELECT column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`
	}
	rows, err := rawDB(tb, path).Query(query, table)
	if err != nil {
		tb.Fatalf("columns of %s: %v", table, err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			tb.Fatal(err)
		}
		cols = append(cols, name)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return cols
}

// dbFiles reads the files at rest of s's database, by name, as a copy of
// the disk would show them, for the tests that search them for what must
// not be there: on SQLite the database file and whatever journal SQLite
// keeps beside it; on PostgreSQL every file of the database's directory
// (base/<oid>: tables, TOAST, indexes, free space and visibility maps),
// after a checkpoint so that what the store wrote is on disk and not only
// in shared buffers. PostgreSQL's WAL (pg_wal) is left out: it holds each
// transaction until it is recycled, a documented exception
// (the documentation says so). s may be closed.
func dbFiles(tb testing.TB, s *store.Store) map[string][]byte {
	tb.Helper()
	if !store.IsPostgresURL(s.Path()) {
		out := map[string][]byte{}
		for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
			b, err := os.ReadFile(s.Path() + suffix)
			if os.IsNotExist(err) {
				continue
			} else if err != nil {
				tb.Fatal(err)
			}
			out[filepath.Base(s.Path()+suffix)] = b
		}
		return out
	}
	db := rawWriteDB(tb, s.Path())
	if _, err := db.Exec(`CHECKPOINT`); err != nil {
		tb.Skipf("the test cannot flush PostgreSQL's buffers to read its files: %v", err)
	}
	var dataDir string
	var oid int64
	err := db.QueryRow(`SELECT current_setting('data_directory'), oid FROM pg_database WHERE datname = current_database()`).Scan(&dataDir, &oid)
	if err != nil {
		tb.Skipf("the test cannot locate the database's files: %v", err)
	}
	dir := filepath.Join(dataDir, "base", strconv.FormatInt(oid, 10))
	// Files are named after their relation's filenode: name them after
	// the relation too, so that a failure says which table kept the bytes.
	relations := map[string]string{}
	rows, err := db.Query(`SELECT pg_relation_filenode(oid)::text, relname FROM pg_class WHERE pg_relation_filenode(oid) IS NOT NULL`)
	if err != nil {
		tb.Fatalf("list the relations' files: %v", err)
	}
	for rows.Next() {
		var node, rel string
		if err := rows.Scan(&node, &rel); err != nil {
			tb.Fatal(err)
		}
		relations[node] = rel
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		name := "base/" + strconv.FormatInt(oid, 10) + "/" + d.Name()
		// Forks and segments: 1234_fsm, 1234_vm, 1234.1.
		if rel, ok := relations[strings.FieldsFunc(d.Name(), func(r rune) bool { return r == '_' || r == '.' })[0]]; ok {
			name += " (" + rel + ")"
		}
		out[name] = b
		return nil
	})
	if err != nil {
		tb.Skipf("the test cannot read the database's files (the cluster belongs to its own user): %v", err)
	}
	return out
}

// filesHold reports whether one of files holds b, and names it.
func filesHold(files map[string][]byte, b []byte) (string, bool) {
	for name, data := range files {
		if bytes.Contains(data, b) {
			return name, true
		}
	}
	return "", false
}
