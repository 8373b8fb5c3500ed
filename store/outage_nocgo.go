//go:build !cgo

package store

// sqliteOutage: without cgo there is no SQLite driver, hence no SQLite
// error (a build for PostgreSQL only).
func sqliteOutage(error) (outage error, ok bool) { return nil, false }
