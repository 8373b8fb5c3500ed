package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

func TestPriorityShareStored(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	spec := testSpec()
	spec.PriorityShare = 0.3
	c := MustCreateCampaign(t, s, spec)
	got, err := s.Campaign(ctx, c.ID)
	if err != nil || got.PriorityShare != 0.3 {
		t.Fatalf("priority_share = %v (%v), want 0.3", got.PriorityShare, err)
	}
	spec.PriorityShare = 0 // left out: the default
	if _, err := s.UpdateCampaign(ctx, c.ID, spec); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Campaign(ctx, c.ID); got.PriorityShare != vigie.DefaultPriorityShare {
		t.Fatalf("priority_share after update = %v, want the default %v", got.PriorityShare, vigie.DefaultPriorityShare)
	}
}

// TestMigrationPriorityShare upgrades a database from before 0010: its
// campaigns take the default share.
func TestMigrationPriorityShare(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("SQLite file: an upgrade from a SQLite database before 0010")
	}
	path := filepath.Join(t.TempDir(), "vigie.db")
	s, err := store.OpenWithMigrations(path, migrationsUpTo(t, 9))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	id := seedOldCampaign(t, path)
	s, err = store.Open(path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	c, err := s.Campaign(context.Background(), id)
	if err != nil || c.PriorityShare != 0.5 {
		t.Fatalf("priority_share after upgrade = %v (%v), want 0.5", c.PriorityShare, err)
	}
}
