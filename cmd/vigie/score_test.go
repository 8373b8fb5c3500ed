package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the expected outputs in docs/examples")

// testQuestionnaireYAML has items a1-a3 (dimension a) and b1-b2 (dimension
// b), all on a 1-5 scale.
const testQuestionnaireYAML = `id: essai
version: 2
language: fr
title: {fr: "Essai"}
scales:
  accord:
    min: 1
    max: 5
    labels: {fr: ["1", "2", "3", "4", "5"]}
dimensions:
  - id: a
    title: {fr: "A"}
    description: {fr: "A"}
    direction: higher_is_worse
    cutoffs: [25, 75]
    items:
      - {id: a1, text: {fr: "a1"}, scale: accord}
      - {id: a2, text: {fr: "a2"}, scale: accord}
      - {id: a3, text: {fr: "a3"}, scale: accord, reverse: true}
  - id: b
    title: {fr: "B"}
    description: {fr: "B"}
    direction: higher_is_better
    cutoffs: [25, 75]
    items:
      - {id: b1, text: {fr: "b1"}, scale: accord}
      - {id: b2, text: {fr: "b2"}, scale: accord}
`

// writeTestFile writes content to name in dir and returns its path.
func writeTestFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// mustQuestionnaireFile writes the test questionnaire and returns its path.
func mustQuestionnaireFile(tb testing.TB) string {
	tb.Helper()
	return writeTestFile(tb, tb.TempDir(), "essai.yaml", testQuestionnaireYAML)
}

// runCommand runs vigie with args and returns its exit code and outputs.
func runCommand(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// sampleCSV is the reference sample: six respondents in two units, one
// row without any answer, a metier segment. Variants of it in other
// encodings must give the very same result.
const sampleCSV = `unit,segment.metier,a1,a2,a3,b1,b2
Direction A/Service 1,Infirmier,1,2,3,4,5
Direction A/Service 1,Infirmier,2,NA,3,,5
Direction A/Service 1,Aide-soignant,5,5,5,1,1
Direction A/Service 2,Aide-soignant,3,3,3,3,3
Direction A/Service 2,,4,4,2,2,na
Direction A/Service 2,Infirmier,1,1,1,1,1
Direction A/Service 2,Infirmier,,,,NA,
`

func TestScoreReadsCSVVariants(t *testing.T) {
	qfile := mustQuestionnaireFile(t)
	dir := t.TempDir()
	code, want, stderr := runCommand("score", "--questionnaire", qfile, "--responses", writeTestFile(t, dir, "ref.csv", sampleCSV), "--min-group-size", "3")
	if code != 0 {
		t.Fatalf("reference: exit code %d, stderr %q", code, stderr)
	}
	var res struct {
		Questionnaire struct{ ID string }
		Respondents   int
		Groups        []struct {
			ID    string
			Items map[string]struct {
				N      int
				Counts map[string]int
			}
		}
	}
	if err := json.Unmarshal([]byte(want), &res); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, want)
	}
	if res.Questionnaire.ID != "essai" || res.Respondents != 6 {
		t.Fatalf("questionnaire %q, respondents %d; want essai, 6 (the row without answers is ignored)", res.Questionnaire.ID, res.Respondents)
	}
	groups := map[string]int{}
	for i, g := range res.Groups {
		groups[g.ID] = i
	}
	for _, id := range []string{"all", "unit:Direction A", "unit:Direction A/Service 1", "unit:Direction A/Service 2", "segment:metier=Infirmier"} {
		if _, ok := groups[id]; !ok {
			t.Errorf("no group %q in %v", id, groups)
		}
	}
	all := res.Groups[groups["all"]]
	if a2, b2 := all.Items["a2"], all.Items["b2"]; a2.N != 5 || b2.N != 5 || a2.Counts["5"] != 1 {
		t.Errorf("a2 n = %d (counts %v), b2 n = %d; want 5, 5 (NA and blanks are missing)", a2.N, a2.Counts, b2.N)
	}

	semicolon := strings.NewReplacer(",", ";").Replace(sampleCSV)
	variants := map[string]string{
		"Semicolon":      semicolon,
		"BOM":            "\ufeff" + sampleCSV,
		"BOMSemicolon":   "\ufeff" + semicolon,
		"CRLF":           strings.ReplaceAll(sampleCSV, "\n", "\r\n"),
		"QuotedFields":   strings.Replace(strings.ReplaceAll(sampleCSV, "Infirmier", `"Infirmier"`), "unit,", `"unit",`, 1),
		"BlankLines":     "\n\n" + strings.Replace(sampleCSV, "\n", "\n\n", 3),
		"NoFinalNewline": strings.TrimSuffix(sampleCSV, "\n"),
		"SpacesAndZeros": strings.Replace(sampleCSV, ",1,2,3,4,5", ", 1 ,2.0,3, 4,5.00", 1),
	}
	for name, content := range variants {
		t.Run(name, func(t *testing.T) {
			code, got, stderr := runCommand("score", "--questionnaire", qfile, "--responses", writeTestFile(t, t.TempDir(), "r.csv", content), "--min-group-size", "3")
			if code != 0 {
				t.Fatalf("exit code %d, stderr %q", code, stderr)
			}
			if got != want {
				t.Errorf("result differs from the reference file:\n%s\nwant:\n%s", got, want)
			}
		})
	}

	t.Run("SeparatorInsideQuotes", func(t *testing.T) {
		content := strings.Replace(semicolon, "Aide-soignant", `"Aide; soignant, ""AS"""`, 2)
		code, got, stderr := runCommand("score", "--questionnaire", qfile, "--responses", writeTestFile(t, t.TempDir(), "r.csv", content), "--min-group-size", "3")
		if code != 0 {
			t.Fatalf("exit code %d, stderr %q", code, stderr)
		}
		if !strings.Contains(got, `"segment:metier=Aide; soignant, \"AS\""`) {
			t.Errorf("quoted category not read whole:\n%s", got)
		}
	})
}

func TestScoreReadsXLSX(t *testing.T) {
	qfile := mustQuestionnaireFile(t)
	dir := t.TempDir()
	_, want, _ := runCommand("score", "--questionnaire", qfile, "--responses", writeTestFile(t, dir, "ref.csv", sampleCSV), "--min-group-size", "3")

	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, line := range strings.Split(strings.TrimSpace(sampleCSV), "\n") {
		var row []any
		for _, cell := range strings.Split(line, ",") {
			var v any = cell
			if len(cell) == 1 && cell[0] >= '0' && cell[0] <= '9' {
				v = float64(cell[0] - '0') // numbers, as Excel stores them
			}
			row = append(row, v)
		}
		cellName, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cellName, &row); err != nil {
			t.Fatal(err)
		}
	}
	// A second sheet is not read.
	f.NewSheet("Notes")
	f.SetCellValue("Notes", "A1", "a1")
	f.SetCellValue("Notes", "A2", "9")
	path := filepath.Join(dir, "reponses.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	code, got, stderr := runCommand("score", "--questionnaire", qfile, "--responses", path, "--min-group-size", "3")
	if code != 0 {
		t.Fatalf("exit code %d, stderr %q", code, stderr)
	}
	if got != want {
		t.Errorf("xlsx result differs from the csv one:\n%s\nwant:\n%s", got, want)
	}

	t.Run("EmptyWorkbook", func(t *testing.T) {
		empty := excelize.NewFile()
		defer empty.Close()
		path := filepath.Join(dir, "vide.xlsx")
		if err := empty.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		code, out, stderr := runCommand("score", "--questionnaire", qfile, "--responses", path)
		if code != 1 || out != "" || !strings.Contains(stderr, "vide.xlsx : le fichier est vide") {
			t.Errorf("exit code %d, stdout %q, stderr %q; want 1 and an empty file", code, out, stderr)
		}
	})
	t.Run("ValueErrorNamesTheRow", func(t *testing.T) {
		f.SetCellValue(sheet, "D4", 7)   // row 4, column a2
		f.SetCellValue(sheet, "A9", "x") // a row with no answer: ignored
		bad := filepath.Join(dir, "bad.xlsx")
		if err := f.SaveAs(bad); err != nil {
			t.Fatal(err)
		}
		code, out, stderr := runCommand("score", "--questionnaire", qfile, "--responses", bad)
		if code != 1 || out != "" || !strings.Contains(stderr, "ligne 4, colonne a2 : « 7 » n'est pas une valeur de l'échelle 1–5") {
			t.Errorf("exit code %d, stdout %q, stderr %q; want 1, nothing, the bad cell", code, out, stderr)
		}
	})
}

func TestScoreInputErrors(t *testing.T) {
	qfile := mustQuestionnaireFile(t)
	dir := t.TempDir()
	csvFile := func(name, content string) string { return writeTestFile(t, dir, name, content) }
	good := csvFile("good.csv", sampleCSV)
	manyErrors := "a1\n" + strings.Repeat("9\n", 25)
	tests := []struct {
		name string
		args []string
		code int
		want []string // in stderr
	}{
		{"UnknownQuestionnaire", []string{"--questionnaire", "inconnu", "--responses", good}, 1,
			[]string{"questionnaire « inconnu » introuvable"}},
		{"InvalidQuestionnaireFile", []string{"--questionnaire", csvFile("q.yaml", "id: x\nversion: 1\n"), "--responses", good}, 1,
			[]string{"q.yaml"}},
		{"MissingFile", []string{"--responses", filepath.Join(dir, "absent.csv")}, 1,
			[]string{"absent.csv : fichier introuvable"}},
		{"MissingXLSX", []string{"--responses", filepath.Join(dir, "absent.xlsx")}, 1,
			[]string{"absent.xlsx : fichier introuvable"}},
		{"NotAWorkbook", []string{"--responses", csvFile("faux.xlsx", "unit,a1\n")}, 1,
			[]string{"faux.xlsx : classeur illisible"}},
		{"UnsupportedExtension", []string{"--responses", csvFile("r.ods", "x")}, 1,
			[]string{"r.ods : format non pris en charge (« .ods »)"}},
		{"NoExtension", []string{"--responses", csvFile("reponses", "a1\n1\n")}, 1,
			[]string{"reponses : format non pris en charge (fichier sans extension)"}},
		{"EmptyFile", []string{"--responses", csvFile("vide.csv", "")}, 1,
			[]string{"vide.csv : le fichier est vide"}},
		{"OnlyBOMAndBlankLines", []string{"--responses", csvFile("bom.csv", "\ufeff\n \n")}, 1,
			[]string{"le fichier est vide"}},
		{"HeaderOnly", []string{"--responses", csvFile("entete.csv", "unit;a1;a2\n")}, 1,
			[]string{"aucune ligne ne contient de réponse"}},
		{"NoAnsweredRow", []string{"--responses", csvFile("na.csv", "unit;a1\nA;NA\nB;\n")}, 1,
			[]string{"aucune ligne ne contient de réponse"}},
		{"NoItemColumn", []string{"--responses", csvFile("sans-items.csv", "unit;segment.metier;q1\nA;x;1\n")}, 1,
			[]string{"en-tête", "aucune colonne ne porte l'identifiant d'une question du questionnaire essai"}},
		{"DuplicateColumn", []string{"--responses", csvFile("double.csv", "unit;a1;a2;a1\nA;1;2;3\n")}, 1,
			[]string{"colonne « a1 » en double (colonnes n° 2 et 4)"}},
		{"RaggedRow", []string{"--responses", csvFile("irreguliere.csv", "unit;a1;a2\nA;1;2\nB;1\nC;1;2;3\n")}, 1,
			[]string{"ligne 3 : 2 colonnes au lieu de 3 comme l'en-tête", "ligne 4 : 4 colonnes au lieu de 3"}},
		{"RaggedRowAfterBlankLines", []string{"--responses", csvFile("blancs.csv", "\n\nunit;a1\n\nA;1;2\n")}, 1,
			[]string{"ligne 5 : 3 colonnes au lieu de 2"}},
		{"ValueOutOfScale", []string{"--responses", csvFile("hors.csv", "unit;a1;a2\nA;1;2\nA;6;2\n")}, 1,
			[]string{"hors.csv : 1\u00a0erreur, aucun résultat n'a été calculé", "ligne 3, colonne a1 : « 6 » n'est pas une valeur de l'échelle 1–5"}},
		{"ZeroOutOfScale", []string{"--responses", csvFile("zero.csv", "a1\n0\n")}, 1,
			[]string{"ligne 2, colonne a1 : « 0 »"}},
		{"NegativeValue", []string{"--responses", csvFile("neg.csv", "a1\n-2\n")}, 1,
			[]string{"ligne 2, colonne a1 : « -2 »"}},
		{"NonInteger", []string{"--responses", csvFile("texte.csv", "a1;a2\nd'accord;2\n")}, 1,
			[]string{"ligne 2, colonne a1 : « d'accord » n'est pas une valeur de l'échelle 1–5"}},
		{"Decimal", []string{"--responses", csvFile("decimal.csv", "a1;a2\n3,5;2\n")}, 1,
			[]string{"ligne 2, colonne a1 : « 3,5 »"}},
		{"EveryBadCellOfARow", []string{"--responses", csvFile("deux.csv", "a1;a2\n8;x\n")}, 1,
			[]string{"2\u00a0erreurs", "colonne a1 : « 8 »", "colonne a2 : « x »"}},
		{"ManyErrors", []string{"--responses", csvFile("beaucoup.csv", manyErrors)}, 1,
			[]string{"25\u00a0erreurs", "ligne 21, colonne a1", "… et 5 autres erreurs"}},
		{"BadQuotes", []string{"--responses", csvFile("guillemets.csv", "unit;a1\n\"A\"B;1\n")}, 1,
			[]string{"ligne 2 : guillemet mal placé"}},
		{"UnclosedQuote", []string{"--responses", csvFile("ouvert.csv", "unit;a1\nA;1\n\"B;2\nC;3\n")}, 1,
			[]string{"ligne 3 : guillemet mal placé"}},
		{"UnclosedQuoteInHeader", []string{"--responses", csvFile("entete-ouvert.csv", "\n\"unit;a1\nA;1\n")}, 1,
			[]string{"ligne 2 : guillemet mal placé"}},
		{"ErrorsBeforeBadQuotes", []string{"--responses", csvFile("puis.csv", "a1\n9\n\"x\"y\n")}, 1,
			[]string{"2\u00a0erreurs", "ligne 2, colonne a1 : « 9 »", "ligne 3 : guillemet mal placé"}},
		{"NotUTF8", []string{"--responses", csvFile("latin1.csv", "unit;a1\nDirection g\xe9n\xe9rale;1\n")}, 1,
			[]string{"ligne 2 : le texte n'est pas en UTF-8"}},
		{"KBelow3", []string{"--responses", good, "--min-group-size", "2"}, 2,
			[]string{"--min-group-size vaut 2 : il doit valoir au moins 3"}},
		{"KNotANumber", []string{"--responses", good, "--min-group-size", "cinq"}, 2,
			[]string{"invalid value"}},
		{"UnknownFlag", []string{"--responses", good, "--seuil", "5"}, 2,
			[]string{"flag provided but not defined: -seuil"}},
		{"UnexpectedArgument", []string{"--responses", good, "reponses2.csv"}, 2,
			[]string{"argument inattendu « reponses2.csv »"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"score"}, tt.args...)
			if !strings.Contains(strings.Join(tt.args, " "), "--questionnaire") {
				args = append(args, "--questionnaire", qfile)
			}
			code, stdout, stderr := runCommand(args...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			for _, want := range tt.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr = %q, want it to contain %q", stderr, want)
				}
			}
		})
	}

	t.Run("MissingRequiredFlags", func(t *testing.T) {
		for _, args := range [][]string{{"score"}, {"score", "--questionnaire", qfile}, {"score", "--responses", good}} {
			code, stdout, stderr := runCommand(args...)
			if code != 2 || stdout != "" || !strings.Contains(stderr, "--questionnaire et --responses sont obligatoires") {
				t.Errorf("%q: exit code %d, stdout %q, stderr %q; want 2 and the required flags", args, code, stdout, stderr)
			}
		}
	})

	t.Run("ManyErrorsListsTwenty", func(t *testing.T) {
		_, _, stderr := runCommand("score", "--questionnaire", qfile, "--responses", filepath.Join(dir, "beaucoup.csv"))
		if n := strings.Count(stderr, "n'est pas une valeur"); n != maxReportedErrors {
			t.Errorf("%d errors listed, want %d:\n%s", n, maxReportedErrors, stderr)
		}
	})
}

func TestScoreWarnings(t *testing.T) {
	qfile := mustQuestionnaireFile(t)
	content := "horodatage;unit;a1;commentaire;;b1\n2026-11-02;A;1;rien;;2\n"
	path := writeTestFile(t, t.TempDir(), "r.csv", content)
	code, stdout, stderr := runCommand("score", "--questionnaire", qfile, "--responses", path, "--min-group-size", "3")
	if code != 0 || !json.Valid([]byte(stdout)) {
		t.Fatalf("exit code %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	for _, want := range []string{
		"r.csv : attention : colonne « horodatage » ignorée",
		"colonne « commentaire » ignorée",
		"colonne n° 5 sans en-tête ignorée",
		"3\u00a0questions du questionnaire absentes du fichier, comptées sans réponse : a2, a3, b2",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr = %q, want it to contain %q", stderr, want)
		}
	}
}

func TestScoreOut(t *testing.T) {
	qfile := mustQuestionnaireFile(t)
	dir := t.TempDir()
	good := writeTestFile(t, dir, "good.csv", sampleCSV)
	bad := writeTestFile(t, dir, "bad.csv", sampleCSV+"A,x,9,1,1,1,1\n")
	_, want, _ := runCommand("score", "--questionnaire", qfile, "--responses", good, "--min-group-size", "3")
	out := filepath.Join(dir, "resultat.json")

	code, stdout, stderr := runCommand("score", "--questionnaire", qfile, "--responses", good, "--min-group-size", "3", "--out", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit code %d, stdout %q, stderr %q; want 0 and nothing on stdout", code, stdout, stderr)
	}
	if got, err := os.ReadFile(out); err != nil || string(got) != want {
		t.Fatalf("--out file = %q (%v), want the stdout result", got, err)
	}

	t.Run("NotWrittenOnError", func(t *testing.T) {
		fresh := filepath.Join(dir, "nouveau.json")
		if code, _, _ := runCommand("score", "--questionnaire", qfile, "--responses", bad, "--out", fresh); code != 1 {
			t.Fatalf("exit code %d, want 1", code)
		}
		if _, err := os.Stat(fresh); !os.IsNotExist(err) {
			t.Errorf("--out file exists after a failed run (%v)", err)
		}
	})
	t.Run("PreviousResultKeptOnError", func(t *testing.T) {
		if code, _, _ := runCommand("score", "--questionnaire", qfile, "--responses", bad, "--out", out); code != 1 {
			t.Fatalf("exit code %d, want 1", code)
		}
		if got, _ := os.ReadFile(out); string(got) != want {
			t.Errorf("--out file changed by a failed run: %q", got)
		}
	})
	t.Run("NoTemporaryFileLeft", func(t *testing.T) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("temporary file %s left behind", e.Name())
			}
		}
	})
	t.Run("UnwritableFolder", func(t *testing.T) {
		code, _, stderr := runCommand("score", "--questionnaire", qfile, "--responses", good, "--out", filepath.Join(dir, "absent", "r.json"))
		if code != 1 || !strings.Contains(stderr, "écriture de") {
			t.Errorf("exit code %d, stderr %q; want 1 and a write error", code, stderr)
		}
	})
}

// TestScoreExample checks that the example documented in docs/examples
// gives exactly the documented result. After an intended change of the
// output, regenerate it with:
//
//	go test ./cmd/vigie -run TestScoreExample -update
func TestScoreExample(t *testing.T) {
	const (
		responses = "../../docs/examples/reponses-reconnaissance.csv"
		expected  = "../../docs/examples/resultat-reconnaissance.json"
	)
	code, got, stderr := runCommand("score", "--questionnaire", "reconnaissance", "--responses", responses)
	if code != 0 {
		t.Fatalf("exit code %d, stderr %q", code, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr = %q, want no warning on the example", stderr)
	}
	if *update {
		if err := os.WriteFile(expected, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(expected)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("vigie score on %s differs from %s (run with -update if the change is intended):\n%s", responses, expected, got)
	}
}

func FuzzResponseCSV(f *testing.F) {
	f.Add([]byte(sampleCSV))
	f.Add([]byte("\ufeffunit;a1\n\"A;B\";1\r\n"))
	f.Add([]byte("a1\n\"x\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := newCSVRows(bytes.NewReader(data))
		if err != nil {
			return
		}
		defer rows.Close()
		prev := 1
		for i := 0; i < 1000; i++ {
			line, record, err := rows.Next()
			var re *rowError
			if errors.As(err, &re) {
				continue // a ragged row: reading goes on
			} else if err != nil {
				return // the end, or an error that stops reading
			}
			if line <= prev {
				t.Fatalf("line %d after line %d", line, prev)
			}
			prev = line
			if len(record) != len(rows.Header) {
				t.Fatalf("record of %d fields for a header of %d", len(record), len(rows.Header))
			}
		}
	})
}
