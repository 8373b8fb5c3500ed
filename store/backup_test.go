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

// TestBackupKilled stops a backup after each of its steps, as a kill
// would: the backup's name holds nothing until the copy is whole, synced
// and checked, then a database that opens; never a partial or empty file
// (a kill during VACUUM INTO writes only the temporary name).
func TestBackupKilled(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("pg_dump makes PostgreSQL's backups")
	}
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, nil)
	for _, code := range MustGenerateCodes(t, s, c.ID, 10) {
		if err := s.SubmitResponse(ctx, c.ID, code, validResponse(), now); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []string{"copied", "synced", "checked", "linked"} {
		t.Run(step, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "copie.db")
			func() {
				defer store.StopBackupAt(step)()
				defer func() { _ = recover() }()
				_ = s.Backup(ctx, dest)
				t.Fatal("the backup was not stopped")
			}()
			info, err := os.Stat(dest)
			if step != "linked" {
				if !os.IsNotExist(err) {
					t.Fatalf("stopped after %s, %s exists (%v): the name must come last", step, dest, err)
				}
				return
			}
			if err != nil || info.Size() == 0 {
				t.Fatalf("stopped after %s: %s is %v (%v), want absent or a whole copy", step, dest, info, err)
			}
			b, err := store.Open(dest)
			if err != nil {
				t.Fatalf("stopped after %s: the copy does not open: %v", step, err)
			}
			defer b.Close()
			if n, err := b.ResponseCount(ctx, c.ID); err != nil || n != 10 {
				t.Fatalf("stopped after %s: the copy holds %d responses (%v), want 10", step, n, err)
			}
		})
	}
}

// TestOpenRefusesEmptyOrForeignFile: a new database is created only where
// no file exists; an empty file (a backup cut short) or a file that is not
// SQLite is refused with a message that says what it is.
func TestOpenRefusesEmptyOrForeignFile(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("about SQLite files")
	}
	for _, tc := range []struct {
		name, content, want string
	}{
		{"Empty", "", "est vide"},
		{"Foreign", "id;unite\n1;Accueil\n", "n'est pas une base SQLite"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "vigie.db")
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := store.Open(path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%s file) succeeded, want a refusal", tc.name)
			}
			wantCode(t, err, vigie.EINVALID)
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Open: %v, want it to say %q", err, tc.want)
			}
			if b, _ := os.ReadFile(path); string(b) != tc.content {
				t.Fatalf("Open changed the refused file: %q", b)
			}
		})
	}
}
