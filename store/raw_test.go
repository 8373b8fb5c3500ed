package store_test

import (
	"database/sql"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// rawDB opens the database file directly, read-only, to inspect what the
// store really wrote.
func rawDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite3", path+"?_query_only=on&_busy_timeout=5000")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
