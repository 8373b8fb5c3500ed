package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func TestPaperCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vigie.db")
	id, _ := mustCreateCampaign(t, db)
	out := filepath.Join(dir, "papier.pdf")
	if code, _, errOut := runVigie(t, "paper", "--campaign", id, "--count", "0", "--out", out, "--db", db); code != 2 {
		t.Fatalf("--count 0: exit %d, want 2 (usage); stderr %s", code, errOut)
	}
	if code, _, errOut := runVigie(t, "paper", "--campaign", id, "--count", "501", "--out", out, "--db", db); code != 2 {
		t.Fatalf("--count 501: exit %d, want 2 (usage); stderr %s", code, errOut)
	}
	if code, stdout, errOut := runVigie(t, "paper", "--campaign", id, "--count", "2", "--out", out, "--db", db); code != 0 {
		t.Fatalf("paper: exit %d, stdout %s, stderr %s", code, stdout, errOut)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, want -rw-------", out, info.Mode().Perm())
	}
	data, _ := os.ReadFile(out)
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("%s is not a PDF", out)
	}
}

// TestEntryAccount checks that `vigie user add --role saisie` and `vigie
// user grant` give a data-entry account its campaign.
func TestEntryAccount(t *testing.T) {
	db := filepath.Join(t.TempDir(), "vigie.db")
	id, _ := mustCreateCampaign(t, db)
	withStdin(t, "un mot de passe solide\n")
	if code, out, errOut := runVigie(t, "user", "add", "saisie@example.fr", "--role", "saisie", "--db", db); code != 0 {
		t.Fatalf("user add saisie: exit %d, %s%s", code, out, errOut)
	}
	if code, out, errOut := runVigie(t, "user", "grant", "saisie@example.fr", "--campaign", id, "--db", db); code != 0 {
		t.Fatalf("user grant saisie: exit %d, %s%s", code, out, errOut)
	}
	code, out, errOut := runVigie(t, "user", "list", "--db", db)
	if code != 0 || !regexp.MustCompile(`saisie@example.fr\s+saisie\s+actif\s+`+id).MatchString(out) {
		t.Fatalf("user list: exit %d, %s%s", code, out, errOut)
	}
}
