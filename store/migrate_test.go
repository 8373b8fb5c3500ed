package store_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vigie-sante/vigie/store"
)

func TestOpenExistingIsNoop(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "vigie.db")
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
	if err := rawDB(t, path).QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != v1 {
		t.Fatalf("schema_migrations has %d rows (%v), want %d", n, err, v1)
	}
}

func TestMigrationUpgrade(t *testing.T) {
	ctx := context.Background()
	initial, err := fs.ReadFile(store.Migrations, "0001_initial.sql")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "vigie.db")
	v1 := fstest.MapFS{"0001_initial.sql": {Data: initial}}
	s, err := store.OpenWithMigrations(path, v1)
	if err != nil {
		t.Fatalf("open at migration 1: %v", err)
	}
	c := MustCreateCampaign(t, s, nil)
	s.Close()

	t.Run("FailedMigrationLeavesVersion", func(t *testing.T) {
		bad := fstest.MapFS{"0001_initial.sql": {Data: initial}, "0002_bad.sql": {Data: []byte("CREATE TABLE ok_part (x); THIS IS NOT SQL;")}}
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

	v2 := fstest.MapFS{
		"0001_initial.sql": {Data: initial},
		"0002_more.sql":    {Data: []byte("CREATE TABLE added_later (x INTEGER); ALTER TABLE campaigns ADD COLUMN note TEXT NOT NULL DEFAULT '';")},
	}
	s, err = store.OpenWithMigrations(path, v2)
	if err != nil {
		t.Fatalf("upgrade to migration 2: %v", err)
	}
	if v, _ := s.SchemaVersion(ctx); v != 2 {
		t.Fatalf("schema version = %d, want 2", v)
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
