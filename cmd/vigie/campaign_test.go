package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var exampleCampaign = filepath.Join("..", "..", "docs", "examples", "campagne.yaml")

// mustCreateCampaign runs `vigie campaign create` on the example and returns
// the campaign id and respondent path it prints.
func mustCreateCampaign(t *testing.T, db string) (id, path string) {
	t.Helper()
	code, out, errOut := runVigie(t, "campaign", "create", "--file", exampleCampaign, "--db", db)
	if code != 0 {
		t.Fatalf("campaign create: exit %d, stderr %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !regexp.MustCompile(`^c_[a-z0-9]{10}$`).MatchString(lines[0]) || !regexp.MustCompile(`^/r/[a-z0-9]{16}$`).MatchString(lines[1]) {
		t.Fatalf("campaign create printed %q, want the id then /r/<slug>", out)
	}
	return lines[0], lines[1]
}

func TestCampaignCommands(t *testing.T) {
	db := testDB(t)
	id, path := mustCreateCampaign(t, db)

	code, out, errOut := runVigie(t, "campaign", "list", "--db", db)
	if code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "brouillon") || !strings.Contains(out, path) {
		t.Fatalf("campaign list: exit %d\n%s%s", code, out, errOut)
	}

	// Codes before opening, one per line, for a unit too.
	code, out, errOut = runVigie(t, "codes", "--campaign", id, "--count", "5", "--db", db)
	codes := strings.Fields(out)
	if code != 0 || len(codes) != 5 || !regexp.MustCompile(`^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$`).MatchString(codes[0]) {
		t.Fatalf("codes: exit %d, out %q, stderr %s", code, out, errOut)
	}
	if code, out, errOut = runVigie(t, "codes", "--campaign", id, "--count", "2", "--unit", "Direction A/Service 2", "--db", db); code != 0 || len(strings.Fields(out)) != 2 {
		t.Fatalf("codes --unit: exit %d, out %q, stderr %s", code, out, errOut)
	}

	// Flags may come after the id; VIGIE_DB names the database too.
	if code, out, errOut = runVigie(t, "campaign", "open", id, "--db", db); code != 0 || !strings.Contains(out, "ouverte") {
		t.Fatalf("campaign open: exit %d, %s%s", code, out, errOut)
	}
	t.Setenv("VIGIE_DB", db)
	code, _, errOut = runVigie(t, "campaign", "open", id)
	if code != 1 || !strings.Contains(errOut, "déjà ouverte") {
		t.Fatalf("second open: exit %d, stderr %q; want 1 and a plain message", code, errOut)
	}
	if code, out, errOut = runVigie(t, "campaign", "close", id); code != 0 || !strings.Contains(out, "close") {
		t.Fatalf("campaign close: exit %d, %s%s", code, out, errOut)
	}
	code, _, errOut = runVigie(t, "codes", "--campaign", id, "--count", "1")
	if code != 1 || !strings.Contains(errOut, "close") {
		t.Fatalf("codes on a closed campaign: exit %d, stderr %q", code, errOut)
	}
}

func TestCampaignCommandErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vigie.db")
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("title: T\norganisation: O\nquestionnaires: [reconnaissance]\nunits:\n  - path: [\"A/B\"]\nmin_group_size: 2\n"), 0o600)
	unknownQ := filepath.Join(dir, "unknown.yaml")
	os.WriteFile(unknownQ, []byte("title: T\norganisation: O\nquestionnaires: [inconnu]\n"), 0o600)

	for _, tt := range []struct {
		name string
		args []string
		exit int
		want string
	}{
		{"NoSubcommand", []string{"campaign"}, 2, "sous-commande"},
		{"UnknownSubcommand", []string{"campaign", "remove"}, 2, "inconnue"},
		{"DeleteWithoutID", []string{"campaign", "delete", "--db", db}, 2, "usage"},
		{"ArchiveUnknown", []string{"campaign", "archive", "c_inconnue", "--db", db}, 1, "n'existe pas"},
		{"CreateWithoutFile", []string{"campaign", "create", "--db", db}, 2, "--file"},
		{"CreateMissingFile", []string{"campaign", "create", "--file", filepath.Join(dir, "absent.yaml"), "--db", db}, 1, "absent.yaml"},
		{"CreateInvalid", []string{"campaign", "create", "--file", bad, "--db", db}, 1, "bad.yaml:5: unités : le nom « A/B » ne peut pas contenir « / »\n" + bad + ":6: min_group_size"},
		{"CreateUnknownQuestionnaire", []string{"campaign", "create", "--file", unknownQ, "--db", db}, 1, "« inconnu »"},
		{"OpenWithoutID", []string{"campaign", "open", "--db", db}, 2, "usage"},
		{"OpenUnknown", []string{"campaign", "open", "c_inconnue", "--db", db}, 1, "n'existe pas"},
		{"CodesWithoutCount", []string{"codes", "--campaign", "c_x", "--db", db}, 2, "--count"},
		{"CodesTooMany", []string{"codes", "--campaign", "c_x", "--count", "10001", "--db", db}, 1, "entre 1 et 10000"},
		{"CodesUnknownCampaign", []string{"codes", "--campaign", "c_x", "--count", "3", "--db", db}, 1, "n'existe pas"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runVigie(t, tt.args...)
			if code != tt.exit || !strings.Contains(errOut, strings.ReplaceAll(tt.want, "bad.yaml:5", bad+":5")) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, tt.exit, tt.want)
			}
			if tt.exit != 0 && out != "" {
				t.Fatalf("stdout %q on failure, want nothing", out)
			}
		})
	}
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vigie.db")
	id, _ := mustCreateCampaign(t, db)
	out := filepath.Join(dir, "copie.db")
	if code, _, errOut := runVigie(t, "backup", "--db", db, "--out", out); code != 0 {
		t.Fatalf("backup: exit %d, stderr %s", code, errOut)
	}
	// The copy is a working database holding the campaign.
	code, list, errOut := runVigie(t, "campaign", "list", "--db", out)
	if code != 0 || !strings.Contains(list, id) {
		t.Fatalf("list on the backup: exit %d\n%s%s", code, list, errOut)
	}
	if code, _, errOut := runVigie(t, "backup", "--db", db, "--out", out); code != 1 || !strings.Contains(errOut, "existe déjà") {
		t.Fatalf("backup over an existing file: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := runVigie(t, "backup", "--db", db); code != 2 {
		t.Fatalf("backup without --out: exit %d, want 2", code)
	}
	if code, _, errOut := runVigie(t, "backup", "--db", filepath.Join(dir, "absente.db"), "--out", filepath.Join(dir, "x.db")); code != 1 || !strings.Contains(errOut, "introuvable") {
		t.Fatalf("backup of a missing database: exit %d, stderr %q", code, errOut)
	}
}
