package store_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

func TestMigrationPeople(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("SQLite file: an upgrade from a SQLite database at 0001")
	}
	ctx := context.Background()
	initial, err := fs.ReadFile(store.Migrations, "0001_initial.sql")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "vigie.db")
	s, err := store.OpenWithMigrations(path, fstest.MapFS{"0001_initial.sql": {Data: initial}})
	if err != nil {
		t.Fatalf("open at migration 1: %v", err)
	}
	s.Close()
	// Written in plain SQL: today's store code expects the latest schema.
	campaignID := seedOldCampaign(t, path)

	s, err = store.Open(path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(ctx); v < 2 {
		t.Fatalf("schema version = %d, want at least 2", v)
	}
	if n, err := s.ResponseCount(ctx, campaignID); err != nil || n != 1 {
		t.Fatalf("responses after upgrade = %d, %v; want 1", n, err)
	}
	u := MustCreateUser(t, s, "cse@example.fr", vigie.RoleViewer)
	if err := s.GrantCampaign(ctx, u.ID, campaignID); err != nil {
		t.Fatalf("grant on an upgraded database: %v", err)
	}
	for _, table := range []string{"users", "grants", "tokens", "sessions", "audit_log", "comments", "comments_prepared"} {
		var n int
		if err := rawDB(t, path).QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s missing after upgrade (%v)", table, err)
		}
	}
}
