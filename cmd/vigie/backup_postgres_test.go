package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBackupPostgres: on PostgreSQL, vigie backup writes nothing, prints
// the pg_dump and pg_restore commands without the password, and exits 1.
// It connects to nothing, so it needs no server.
func TestBackupPostgres(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "vigie.dump")
	const db = "postgres://vigie:s3cret@db.example.org:5432/vigie?sslmode=require"
	const bare = "'postgres://vigie@db.example.org:5432/vigie?sslmode=require'"

	t.Run("Out", func(t *testing.T) {
		code, stdout, stderr := runVigie(t, "backup", "--db", db, "--out", out)
		if code != 1 {
			t.Errorf("exit %d, want 1 (no backup was written)", code)
		}
		all := stdout + stderr
		for _, want := range []string{
			"pg_dump --format=custom --file=" + out + " " + bare,
			"pg_restore --no-owner --single-transaction --dbname=" + bare + " " + out,
			"PGPASSWORD", "~/.pgpass", "PITR", "aucune sauvegarde n'a été écrite", "code de sortie 1",
		} {
			if !strings.Contains(all, want) {
				t.Errorf("output lacks %q:\n%s", want, all)
			}
		}
		if strings.Contains(all, "s3cret") {
			t.Errorf("output shows the password:\n%s", all)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("backup wrote %s", out)
		}
	})
	t.Run("DefaultName", func(t *testing.T) {
		t.Setenv("VIGIE_DB", db)
		code, stdout, stderr := runVigie(t, "backup")
		want := "--file=vigie-" + time.Now().Format("2006-01-02") + ".dump"
		if code != 1 || !strings.Contains(stdout+stderr, want) {
			t.Errorf("exit %d, output lacks %q:\n%s%s", code, want, stdout, stderr)
		}
	})
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"vigie-2026-12-01.dump": "vigie-2026-12-01.dump",
		"mon fichier.dump":      "'mon fichier.dump'",
		"l'équipe.dump":         `'l'\''équipe.dump'`,
		"postgres://u@h/db?x=1": "'postgres://u@h/db?x=1'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
