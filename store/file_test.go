package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// withUmask runs the rest of the test under umask mask (process wide: the
// tests using it do not run in parallel).
func withUmask(t *testing.T, mask int) {
	t.Helper()
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

// wantMode fails unless path has permissions want.
func wantMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s: mode %v, want %v", filepath.Base(path), got, want)
	}
}

// TestFilesPrivate checks that the database, its journal and backups are
// readable by their owner only, whatever the umask: they hold answers and
// code hashes with their key.
func TestFilesPrivate(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("SQLite file: the modes of the database file, its journal and backups; PostgreSQL's files are the server's")
	}
	withUmask(t, 0)
	ctx := context.Background()

	t.Run("NewDatabase", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "vigie.db")
		s, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		MustOpenCampaign(t, s, nil) // a few writes, so the journal exists
		wantMode(t, path, 0o600)
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			wantMode(t, filepath.Join(dir, e.Name()), 0o600)
		}
		if len(entries) < 2 {
			t.Errorf("%d files beside the database, want its journal too (it is kept, empty)", len(entries))
		}

		backup := filepath.Join(t.TempDir(), "copie.db")
		if err := s.Backup(ctx, backup); err != nil {
			t.Fatalf("Backup: %v", err)
		}
		wantMode(t, backup, 0o600)
	})

	t.Run("ExistingDatabaseTightened", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "vigie.db")
		s, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		if s, err = store.Open(path); err != nil {
			t.Fatal(err)
		}
		s.Close()
		wantMode(t, path, 0o600)
	})
}

// TestOpenLeavesWAL checks that a database left in WAL mode by an earlier
// version, with committed pages still in its WAL (a crash), is opened
// without losing them and leaves no WAL behind.
func TestOpenLeavesWAL(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("SQLite file: a WAL left by an older Vigie beside the file")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "vigie.db")
	s, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	// The old version: WAL mode, a write, then a crash (the files copied
	// while open).
	old, err := sql.Open("sqlite3", path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	old.SetMaxOpenConns(1)
	if _, err := old.Exec(`PRAGMA wal_autocheckpoint = 0; INSERT INTO users (id, email, role, password_hash) VALUES ('u1', 'a@example.org', 'viewer', 'x')`); err != nil {
		t.Fatal(err)
	}
	crashed := filepath.Join(t.TempDir(), "vigie.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if suffix == "-wal" && len(b) == 0 {
			t.Fatal("the old version's WAL is empty: the test shows nothing")
		}
		if err := os.WriteFile(crashed+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	s, err = store.Open(crashed)
	if err != nil {
		t.Fatalf("Open after the old version's crash: %v", err)
	}
	defer s.Close()
	if _, err := s.UserByEmail(context.Background(), "a@example.org"); err != nil {
		t.Fatalf("the write kept in the WAL was lost: %v", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if info, err := os.Stat(crashed + suffix); err == nil && info.Size() > 0 {
			t.Errorf("%s holds %d bytes after Open, want it gone", suffix, info.Size())
		}
	}
}
