package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runVigie runs the command line and returns its exit code and outputs.
func runVigie(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestQuestionnairesList(t *testing.T) {
	code, out, errOut := runVigie(t, "questionnaires", "list")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	for _, want := range []string{"ID", "reconnaissance", "sens-du-travail", "strategies-defensives", "numerique-travail-reel", "fr,en", " min"} {
		if !strings.Contains(out, want) {
			t.Errorf("list output lacks %q:\n%s", want, out)
		}
	}
}

func TestQuestionnairesShow(t *testing.T) {
	example := filepath.Join("..", "..", "docs", "examples", "questionnaire-exemple.yaml")
	t.Run("FileInEnglish", func(t *testing.T) {
		code, out, errOut := runVigie(t, "questionnaires", "show", example, "--lang", "en")
		if code != 0 {
			t.Fatalf("exit %d, stderr %s", code, errOut)
		}
		for _, want := range []string{"Workload and support (charge-et-soutien, version 1)", "Dimension charge : Workload",
			"charge2 (R) [accord] I have enough time", "40 / 70", "1=Strongly disagree", "ratio-charge-soutien", "seuil 1"} {
			if !strings.Contains(out, want) {
				t.Errorf("show output lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("BuiltinInFrench", func(t *testing.T) {
		code, out, errOut := runVigie(t, "questionnaires", "show", "--lang", "fr", "reconnaissance")
		if code != 0 || !strings.Contains(out, "(reconnaissance, version") {
			t.Fatalf("exit %d, stdout %s, stderr %s", code, out, errOut)
		}
	})
	t.Run("Unknown", func(t *testing.T) {
		code, _, errOut := runVigie(t, "questionnaires", "show", "inexistant")
		if code != 1 || !strings.Contains(errOut, "questionnaire « inexistant » introuvable") {
			t.Fatalf("exit %d, stderr %s; want 1 and a message naming the questionnaire", code, errOut)
		}
	})
	t.Run("NoArgument", func(t *testing.T) {
		if code, _, _ := runVigie(t, "questionnaires", "show"); code != 2 {
			t.Fatalf("exit %d, want 2 (usage)", code)
		}
	})
}

func TestQuestionnairesValidate(t *testing.T) {
	example := filepath.Join("..", "..", "docs", "examples", "questionnaire-exemple.yaml")
	t.Run("Valid", func(t *testing.T) {
		code, out, errOut := runVigie(t, "questionnaires", "validate", example)
		if code != 0 {
			t.Fatalf("exit %d, stderr %s", code, errOut)
		}
		if want := example + " : valide (6 items)\n"; out != want {
			t.Fatalf("stdout = %q, want %q", out, want)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), "faux.yaml")
		data := "id: Faux\nversion: 0\nlanguage: fr\ntitle: {fr: Faux}\nscales: {}\ndimensions: []\n"
		if err := os.WriteFile(bad, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, _ := runVigie(t, "questionnaires", "validate", example, bad, filepath.Join(t.TempDir(), "absent.yaml"))
		if code != 1 {
			t.Fatalf("exit %d, want 1", code)
		}
		for _, want := range []string{" : valide (6 items)", bad + ":1: questionnaire : identifiant de questionnaire invalide",
			bad + ":2: questionnaire : « version » doit être un entier positif", bad + ":5: scales : aucune échelle",
			bad + ":6: dimensions : aucune dimension", "absent.yaml introuvable"} {
			if !strings.Contains(out, want) {
				t.Errorf("validate output lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("NoFile", func(t *testing.T) {
		if code, _, _ := runVigie(t, "questionnaires", "validate"); code != 2 {
			t.Fatalf("exit %d, want 2 (usage)", code)
		}
	})
	t.Run("UnknownSubcommand", func(t *testing.T) {
		if code, _, _ := runVigie(t, "questionnaires", "delete"); code != 2 {
			t.Fatalf("exit %d, want 2 (usage)", code)
		}
	})
}
