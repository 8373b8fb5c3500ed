package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var sampleLSS = filepath.Join("..", "..", "questionnaires", "instrument", "testdata", "charge-et-soutien.lss")

func TestQuestionnairesImport(t *testing.T) {
	dir := t.TempDir()
	t.Run("LimeSurvey", func(t *testing.T) {
		out := filepath.Join(dir, "charge.yaml")
		code, _, errOut := runVigie(t, "questionnaires", "import", sampleLSS, "--out", out)
		if code != 0 {
			t.Fatalf("exit %d, stderr %s", code, errOut)
		}
		for _, want := range []string{"attention : ligne 335, question ANCIENNETE : non importée", out + " écrit : questionnaire charge-de-travail-et-soutien, 2 dimensions, 6 items"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errOut)
			}
		}
		if code, out, _ := runVigie(t, "questionnaires", "validate", out); code != 0 || !strings.Contains(out, "valide (6 items)") {
			t.Errorf("the file written does not validate: exit %d, %s", code, out)
		}
	})
	t.Run("TemplateRoundTrip", func(t *testing.T) {
		book := filepath.Join(dir, "reconnaissance.xlsx")
		if code, _, errOut := runVigie(t, "questionnaires", "template", "--out", book, "--from", "reconnaissance"); code != 0 {
			t.Fatalf("template: exit %d, stderr %s", code, errOut)
		}
		code, out, errOut := runVigie(t, "questionnaires", "import", book)
		if code != 0 || !strings.Contains(out, "\nid: reconnaissance\n") || !strings.Contains(out, "ratio-effort-recompense") {
			t.Fatalf("import to stdout: exit %d, stderr %s, stdout %.300s", code, errOut, out)
		}
	})
	t.Run("Problems", func(t *testing.T) {
		book := filepath.Join(dir, "vide.xlsx")
		if code, _, errOut := runVigie(t, "questionnaires", "template", "--out", book); code != 0 {
			t.Fatalf("template: exit %d, stderr %s", code, errOut)
		}
		code, out, _ := runVigie(t, "questionnaires", "import", book, "--out", filepath.Join(dir, "vide.yaml"))
		if code != 1 || !strings.Contains(out, book+": feuille « Questionnaire »") {
			t.Errorf("exit %d, stdout %s; want 1 and the problems at their sheet", code, out)
		}
		if _, err := os.Stat(filepath.Join(dir, "vide.yaml")); err == nil {
			t.Error("a YAML file was written despite the problems")
		}
	})
	t.Run("UnknownFormat", func(t *testing.T) {
		path := writeTestFile(t, dir, "q.txt", "bonjour\n")
		if code, out, _ := runVigie(t, "questionnaires", "import", path); code != 1 || !strings.Contains(out, "format inconnu") {
			t.Errorf("exit %d, stdout %s", code, out)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		for _, args := range [][]string{{"import"}, {"template"}, {"template", "--out", "x.xlsx", "extra"}} {
			if code, _, _ := runVigie(t, append([]string{"questionnaires"}, args...)...); code != 2 {
				t.Errorf("%v: exit %d, want 2", args, code)
			}
		}
	})
}
