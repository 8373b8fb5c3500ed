package store_test

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

func TestOpenExistingIsNoop(t *testing.T) {
	ctx := context.Background()
	path := storetest.DB(t)
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := MustCreateCampaign(t, s, nil)
	v1, err := s.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = store.Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	v2, _ := s.SchemaVersion(ctx)
	if v1 != v2 || v1 < 1 {
		t.Fatalf("schema version %d then %d, want the same positive version", v1, v2)
	}
	if _, err := s.Campaign(ctx, c.ID); err != nil {
		t.Fatalf("campaign lost on reopen: %v", err)
	}
	var n int
	// Numbers may leave gaps (branches reserve ranges): one row per file.
	want := len(migrationsUpTo(t, 9998))
	if err := rawDB(t, path).QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != want {
		t.Fatalf("schema_migrations has %d rows (%v), want %d", n, err, want)
	}
}

// TestMigrationUpgrade adds a made-up migration after the real ones
// (store code reads the latest schema, so the data is written at it).
func TestMigrationUpgrade(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("SQLite file: made-up migrations written in SQLite's SQL")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "vigie.db")
	v1 := migrationsUpTo(t, 9998) // every real migration
	last := 0                     // the highest number: numbers may leave gaps
	for name := range v1 {
		num, _, _ := strings.Cut(name, "_")
		if v, err := strconv.Atoi(num); err == nil && v > last {
			last = v
		}
	}
	next := func(name, sql string) fstest.MapFS {
		m := maps.Clone(v1)
		m[fmt.Sprintf("%04d_%s.sql", last+1, name)] = &fstest.MapFile{Data: []byte(sql)}
		return m
	}
	s, err := store.OpenWithMigrations(path, v1)
	if err != nil {
		t.Fatalf("open at migration %d: %v", last, err)
	}
	c := MustCreateCampaign(t, s, nil)
	s.Close()

	t.Run("FailedMigrationLeavesVersion", func(t *testing.T) {
		bad := next("bad", "CREATE TABLE ok_part (x); THIS IS NOT SQL;")
		if s, err := store.OpenWithMigrations(path, bad); err == nil {
			s.Close()
			t.Fatal("open with a broken migration succeeded")
		}
		var n int
		rawDB(t, path).QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'ok_part'`).Scan(&n)
		if n != 0 {
			t.Fatal("a failed migration left part of its changes")
		}
	})

	v2 := next("more", "CREATE TABLE added_later (x INTEGER); ALTER TABLE campaigns ADD COLUMN note TEXT NOT NULL DEFAULT '';")
	s, err = store.OpenWithMigrations(path, v2)
	if err != nil {
		t.Fatalf("upgrade to migration %d: %v", last+1, err)
	}
	if v, _ := s.SchemaVersion(ctx); v != last+1 {
		t.Fatalf("schema version = %d, want %d", v, last+1)
	}
	if got, err := s.Campaign(ctx, c.ID); err != nil || got.Title != c.Title {
		t.Fatalf("campaign after upgrade = %+v, %v", got, err)
	}
	s.Close()

	t.Run("RefuseNewerSchema", func(t *testing.T) {
		if s, err := store.OpenWithMigrations(path, v1); err == nil || !strings.Contains(err.Error(), "plus récent") {
			if s != nil {
				s.Close()
			}
			t.Fatalf("opening a newer database: err = %v, want a refusal", err)
		}
	})
}

// TestMigrationWithLowerNumberMergedLater opens a database that has every
// real migration, then adds one numbered below the highest (a branch
// merged after another that took a higher number): it still runs.
func TestMigrationWithLowerNumberMergedLater(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("SQLite file: made-up migrations written in SQLite's SQL")
	}
	path := filepath.Join(t.TempDir(), "vigie.db")
	all := migrationsUpTo(t, 9998)
	s, err := store.OpenWithMigrations(path, all)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	more := maps.Clone(all)
	more["0009_merged_later.sql"] = &fstest.MapFile{Data: []byte(`CREATE TABLE merged_later (x INTEGER);`)}
	s, err = store.OpenWithMigrations(path, more)
	if err != nil {
		t.Fatalf("open with a lower-numbered migration: %v", err)
	}
	s.Close()
	var n int
	if err := rawDB(t, path).QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'merged_later'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("migration 0010 did not run after 0011 (%d tables, %v)", n, err)
	}
}
