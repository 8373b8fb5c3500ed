package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFilesWrittenPrivate checks that every file the binary writes (the
// database and its journal, backups, reports, scores) is readable by its
// owner only, even under a permissive umask: they describe named teams.
func TestFilesWrittenPrivate(t *testing.T) {
	old := syscall.Umask(0) // process wide: this test does not run in parallel
	t.Cleanup(func() { syscall.Umask(old) })

	dir := t.TempDir()
	db := filepath.Join(dir, "vigie.db")
	mustCreateCampaign(t, db)
	questionnaire := mustQuestionnaireFile(t)
	responses := writeTestFile(t, t.TempDir(), "reponses.csv", reportCSV())
	backup := filepath.Join(dir, "copie.db")
	report := filepath.Join(dir, "rapport.xlsx")
	score := filepath.Join(dir, "scores.json")
	for _, args := range [][]string{
		{"backup", "--db", db, "--out", backup},
		{"report", "--questionnaire", questionnaire, "--responses", responses, "--organisation", "Clinique", "--out", report},
		{"score", "--questionnaire", questionnaire, "--responses", responses, "--out", score},
	} {
		if code, _, errOut := runVigie(t, args...); code != 0 {
			t.Fatalf("%s: exit %d, stderr %s", args[0], code, errOut)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 5 {
		t.Fatalf("%d files written, want the database, its journal, the backup, the report and the scores", len(entries))
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != 0o600 {
			t.Errorf("%s: mode %v, want -rw-------", e.Name(), got)
		}
	}
}
