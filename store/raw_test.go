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

// tableColumns returns the column names of table in the order SQLite keeps
// them, to check a table holds nothing that could identify a respondent.
func tableColumns(tb testing.TB, path, table string) []string {
	tb.Helper()
	rows, err := rawDB(tb, path).Query(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		tb.Fatal(err)
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
