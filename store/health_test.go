package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// TestUnsafeSettings: on PostgreSQL, the settings that can lose an
// acknowledged commit are named (the test cluster runs with fsync off on
// purpose); SQLite has none, the store setting synchronous=FULL itself.
func TestUnsafeSettings(t *testing.T) {
	ctx := context.Background()
	db := storetest.DB(t)
	s, err := store.Open(db)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	got, err := s.UnsafeSettings(ctx)
	if err != nil {
		t.Fatalf("UnsafeSettings: %v", err)
	}
	var want []string
	if storetest.Postgres() {
		raw, err := store.OpenRawPostgres(db, true)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		for _, name := range []string{"fsync", "full_page_writes", "synchronous_commit"} {
			var setting string
			if err := raw.QueryRow(`SELECT setting FROM pg_settings WHERE name = ?`, name).Scan(&setting); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if setting == "off" {
				want = append(want, name+"=off")
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("UnsafeSettings = %q, want %q", got, want)
	}
}

// TestPing: the readiness query answers while the store is open, and
// fails once it is closed.
func TestPing(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(storetest.DB(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping on an open store: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Ping(ctx); err == nil {
		t.Fatal("Ping on a closed store: nil, want an error")
	}
}
