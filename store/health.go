package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Ping checks that the database answers a query that reads one of its
// tables, on the connections pages read with: the readiness probe
// (/readyz). The caller bounds it with ctx's deadline.
func (s *Store) Ping(ctx context.Context) error {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		return fmt.Errorf("store: ping %s: %w", s.path, err)
	}
	return nil
}

// UnsafeSettings returns the PostgreSQL settings with which a commit the
// server acknowledged can be lost in a crash ("fsync=off",
// "synchronous_commit=off", "full_page_writes=off"): an employee told
// that the answers were recorded would be wrong. None on SQLite, whose
// settings the store fixes itself (synchronous=FULL, sqlite.go).
func (s *Store) UnsafeSettings(ctx context.Context) ([]string, error) {
	if s.engine != enginePostgres {
		return nil, nil
	}
	var unsafe []string
	err := eachRow(ctx, s.db, `SELECT name, setting FROM pg_settings
		WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name`, nil,
		func(rows *sql.Rows) error {
			var name, setting string
			if err := rows.Scan(&name, &setting); err != nil {
				return err
			}
			if setting == "off" {
				unsafe = append(unsafe, name+"=off")
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("store: durability settings of %s: %w", s.path, err)
	}
	return unsafe, nil
}
