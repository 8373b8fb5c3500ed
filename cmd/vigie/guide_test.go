package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// In mustReportCampaign's campaign (k = 5), Direction A/Service 1 (12) and
// Direction B/Insertion (10) are published; Siège (2) is not.
func TestGuideCampaign(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vigie.db")
	id := mustReportCampaign(t, db)

	guide := func(t *testing.T, extra ...string) string {
		t.Helper()
		out := t.TempDir()
		path := filepath.Join(out, "guide.pdf")
		code, stdout, errOut := runVigie(t, append([]string{"guide", "--campaign", id, "--db", db, "--out", path}, extra...)...)
		if code != 0 || stdout != "" || errOut != "" {
			t.Fatalf("guide %v: exit %d, stdout %q, stderr %q; want 0 and silence", extra, code, stdout, errOut)
		}
		onlyFiles(t, out, "guide.pdf")
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("guide file mode = %v (%v), want 0600", fi.Mode().Perm(), err)
		}
		return path
	}

	t.Run("Unit", func(t *testing.T) {
		text := mustPDF(t, guide(t, "--unit", "Direction A/Service 1"))
		if text == "" {
			t.Skip("pdftotext not installed: text not checked")
		}
		for _, want := range []string{"Guide d'échange sur le travail", "Direction A/Service 1",
			"On parle du travail, pas des personnes", "Les propositions de l'équipe"} {
			if !strings.Contains(text, want) {
				t.Errorf("guide text lacks %q", want)
			}
		}
		for _, other := range []string{"Siège", "Insertion"} {
			if strings.Contains(text, other) {
				t.Errorf("guide of Direction A/Service 1 names %q", other)
			}
		}
	})
	t.Run("EveryoneInEnglish", func(t *testing.T) {
		text := mustPDF(t, guide(t, "--lang", "en"))
		if text != "" && !strings.Contains(text, "Guide for a discussion about work") {
			t.Errorf("English guide text lacks its title")
		}
	})
	t.Run("Audited", func(t *testing.T) {
		log, err := openTestStore(t, db).AuditLog(context.Background(), 20, id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range log {
			if e.Action == "guide.export" && e.Actor == cliActor {
				got = append(got, e.Detail)
			}
		}
		slices.Sort(got)
		if want := []string{"Direction A/Service 1, fr", "ensemble, en"}; !slices.Equal(got, want) {
			t.Errorf("audited guides = %q, want %q", got, want)
		}
	})

	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"BelowK", []string{"--unit", "Siège"}, 1, "ce groupe compte moins de 5 répondants"},
		{"UnknownUnit", []string{"--unit", "Direction Z"}, 1, "l'unité « Direction Z » n'existe pas dans cette campagne"},
		{"BadLanguage", []string{"--lang", "de"}, 2, "--lang « de » inconnue"},
		{"NotPDF", []string{"--out", "guide.docx"}, 2, "nommez le fichier .pdf"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"guide", "--campaign", id, "--db", db, "--out", filepath.Join(out, "guide.pdf")}, tt.args...)
			code, _, errOut := runVigie(t, args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errOut, tt.code, tt.msg)
			}
			onlyFiles(t, out)
		})
	}
	t.Run("MissingOut", func(t *testing.T) {
		if code, _, errOut := runVigie(t, "guide", "--campaign", id, "--db", db); code != 2 || !strings.Contains(errOut, "--out est obligatoire") {
			t.Fatalf("exit %d, stderr %q; want 2 and --out required", code, errOut)
		}
	})
}

func TestGuideOpenCampaign(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "vigie.db")
	id, _ := mustCreateCampaign(t, db)
	if code, _, errOut := runVigie(t, "campaign", "open", id, "--db", db); code != 0 {
		t.Fatalf("campaign open: %s", errOut)
	}
	code, _, errOut := runVigie(t, "guide", "--campaign", id, "--db", db, "--out", filepath.Join(dir, "g.pdf"))
	if code != 1 || !strings.Contains(errOut, "clôture") {
		t.Fatalf("exit %d, stderr %q; want 1 and the closing rule", code, errOut)
	}
}
