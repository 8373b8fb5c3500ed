package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// migrations are the numbered schema changes, applied in order: NNNN_name.sql.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

var migrations, _ = fs.Sub(migrationFiles, "migrations/sqlite")

// pgMigrations are the same changes written for PostgreSQL.
var pgMigrations, _ = fs.Sub(migrationFiles, "migrations/postgres")

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// readMigrations lists the migrations of fsys in version order.
func readMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names {
		num, _, ok := strings.Cut(path.Base(name), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and '_'", name)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(data)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a number", out[i-1].name, out[i].name)
		}
	}
	return out, nil
}

// migrate applies the migrations of fsys that db lacks, each in its own
// transaction together with its row in schema_migrations, so a failure
// leaves the file at the previous version. "Lacks" means not recorded, not
// "numbered above the highest recorded": branches developed side by side
// take numbers with gaps (0011_actions.sql while 0006-0010 are free), and
// a migration merged later with a lower number must still run on a
// database that already has the higher one.
func migrate(ctx context.Context, db migrationDB, fsys fs.FS) error {
	list, err := readMigrations(fsys)
	if err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER NOT NULL PRIMARY KEY,
		name    TEXT    NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var current int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if n := len(list); n > 0 && current > list[n-1].version {
		return fmt.Errorf("la base est au schéma %d, plus récent que cette version de Vigie (%d) : mettez Vigie à jour", current, list[n-1].version)
	}
	applied := map[int]bool{}
	if err := eachRow(ctx, db, `SELECT version FROM schema_migrations`, nil, func(rows *sql.Rows) error {
		var v int
		if err := rows.Scan(&v); err != nil {
			return err
		}
		applied[v] = true
		return nil
	}); err != nil {
		return fmt.Errorf("read schema versions: %w", err)
	}
	for _, m := range list {
		if applied[m.version] {
			continue
		}
		if err := apply(ctx, db, m); err != nil {
			return err
		}
	}
	return nil
}

// migrationDB is what migrate needs: a pool, or one connection holding a
// lock (PostgreSQL).
type migrationDB interface {
	queryer
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

func apply(ctx context.Context, db migrationDB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, m.name); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	return nil
}

// SchemaVersion returns the number of the last migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}
