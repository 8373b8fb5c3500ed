package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// TestBackup copies a database while answers keep arriving: the copy opens
// as a store and holds the responses committed before it started.
func TestBackup(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	if storetest.Postgres() {
		dest := filepath.Join(t.TempDir(), "copie.db")
		err := s.Backup(ctx, dest)
		wantCode(t, err, vigie.EINVALID)
		if !strings.Contains(err.Error(), "pg_dump") {
			t.Fatalf("Backup on PostgreSQL: %v, want an error naming pg_dump", err)
		}
		if _, err := os.Stat(dest); !os.IsNotExist(err) {
			t.Fatalf("Backup on PostgreSQL left %s (%v)", dest, err)
		}
		return
	}
	c := MustOpenCampaign(t, s, nil)
	codes := MustGenerateCodes(t, s, c.ID, 60)
	for _, code := range codes[:30] {
		if err := s.SubmitResponse(ctx, c.ID, code, validResponse(), now); err != nil {
			t.Fatal(err)
		}
	}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, code := range codes[30:] {
			if err := s.SubmitResponse(ctx, c.ID, code, validResponse(), now); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	dest := filepath.Join(t.TempDir(), "copie.db")
	err := s.Backup(ctx, dest)
	wg.Wait()
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}

	b, err := store.Open(dest)
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	defer b.Close()
	n, err := b.ResponseCount(ctx, c.ID)
	if err != nil || n < 30 || n > 60 {
		t.Fatalf("backup holds %d responses (%v), want between 30 and 60", n, err)
	}
	got, err := b.Campaign(ctx, c.ID)
	if err != nil || got.State != vigie.StateOpen {
		t.Fatalf("backup campaign = %+v, %v", got, err)
	}

	t.Run("ErrExists", func(t *testing.T) {
		wantCode(t, s.Backup(ctx, dest), vigie.ECONFLICT)
	})
}
