package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

// referenceCSV is an imported reference for the test questionnaire
// (essai, version 2): dimension a only.
const referenceCSV = "questionnaire;version;measure;mean;sd;n;source;year\nessai;2;a;40;20;1000;Norme essai;2025\n"

func TestScoreReference(t *testing.T) {
	dir := t.TempDir()
	q := mustQuestionnaireFile(t)
	w2 := writeTestFile(t, dir, "vague2.csv", wave2CSV)
	t.Run("Compared", func(t *testing.T) {
		ref := writeTestFile(t, dir, "norme.csv", referenceCSV)
		code, out, errOut := runCommand("score", "--questionnaire", q, "--responses", w2, "--reference", ref)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got struct {
			Reference *struct {
				Source        string
				Organisations *int
				Groups        map[string]struct {
					Dimensions map[string]struct {
						ReferenceMean float64 `json:"reference_mean"`
						Delta         float64
						CI95          [2]float64
						Change        string
					}
				}
			}
			Groups []struct {
				ID         string
				Dimensions map[string]struct{ Mean float64 }
			}
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("output: %v\n%s", err, out)
		}
		r := got.Reference
		if r == nil || r.Source != "Norme essai (2025)" || r.Organisations != nil {
			t.Fatalf("reference = %+v, want source « Norme essai (2025) », organisations null", r)
		}
		a := r.Groups["all"].Dimensions["a"]
		if a.ReferenceMean != 40 || a.Change != "worse" || a.CI95[0] <= 0 {
			t.Fatalf("all/a = %+v, want reference 40, worse (a is higher_is_worse and the group is far above)", a)
		}
		if _, ok := r.Groups["all"].Dimensions["b"]; ok {
			t.Fatal("b compared without a reference value")
		}
		if !strings.Contains(out, `"organisations": null`) {
			t.Fatal("organisations not written as null for an imported reference")
		}
	})
	t.Run("AbsentWithoutFlag", func(t *testing.T) {
		_, out, _ := runCommand("score", "--questionnaire", q, "--responses", w2)
		if strings.Contains(out, `"reference"`) {
			t.Fatal("reference in the output without --reference")
		}
	})
	for _, tc := range []struct{ name, data, want string }{
		{"OtherVersion", strings.Replace(referenceCSV, "essai;2", "essai;1", 1), "ligne 2 : version 1 du questionnaire « essai »"},
		{"BadMean", strings.Replace(referenceCSV, ";40;", ";140;", 1), "ligne 2 : moyenne 140 hors de l'échelle 0–100"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ref := writeTestFile(t, dir, "bad.csv", tc.data)
			code, out, errOut := runCommand("score", "--questionnaire", q, "--responses", w2, "--reference", ref)
			if code != 1 || out != "" || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 1, nothing, %q", code, out, errOut, tc.want)
			}
		})
	}
}

func TestReportReference(t *testing.T) {
	dir := t.TempDir()
	q := mustQuestionnaireFile(t)
	w2 := writeTestFile(t, dir, "barometre-2026.csv", wave2CSV)
	ref := writeTestFile(t, dir, "norme.yaml", "questionnaire: essai\nversion: 2\nsource: Norme essai\nyear: 2025\nvalues:\n  - {measure: a, mean: 40, sd: 20, n: 1000}\n  - {measure: b, mean: 60.04, sd: 20, n: 1000}\n")
	report := func(t *testing.T, name string) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), name)
		code, _, errOut := runCommand("report", "--questionnaire", q, "--responses", w2, "--reference", ref, "--out", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return out
	}
	t.Run("PDF", func(t *testing.T) {
		text := mustPDF(t, report(t, "rapport.pdf"))
		if text == "" {
			t.Skip("pdftotext not installed: text not checked")
		}
		text = strings.Join(strings.Fields(text), " ")
		for _, want := range []string{"Comparaison avec une référence", "Référence : Norme essai (2025), valeurs importées par l'intervenant.",
			"au-dessus, de +", "points : moins favorable",
			// L'essentiel's one line.
			"Comparé à la référence « Norme essai (2025) », l'ensemble est au-dessus sur 1 dimension, en dessous sur 0 dimension et proche sur 1 dimension"} {
			if !strings.Contains(text, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
	})
	t.Run("XLSX", func(t *testing.T) {
		f, err := excelize.OpenFile(report(t, "rapport.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(reports.SheetReference)
		if err != nil || len(rows) < 4 {
			t.Fatalf("%s rows = %v (%v), want a header, the source and rows per group", reports.SheetReference, rows, err)
		}
		if !strings.Contains(rows[1][10], "Norme essai (2025)") {
			t.Errorf("second row = %v, want the reference named", rows[1])
		}
		// The reference mean 60.04 is shown rounded as the PDF prints it.
		var sawB bool
		for _, r := range rows[2:] {
			if len(r) > 6 && r[1] == "all" && r[4] == "b" {
				sawB = true
				if r[6] != "60.0" {
					t.Errorf("all/b reference = %q, want 60.0", r[6])
				}
			}
		}
		if !sawB {
			t.Errorf("no row for all/b in %v", rows)
		}
	})
	t.Run("FileOfAnotherQuestionnaire", func(t *testing.T) {
		other := writeTestFile(t, dir, "autre.csv", strings.ReplaceAll(referenceCSV, "essai;", "copsoq;"))
		code, _, errOut := runCommand("report", "--questionnaire", q, "--responses", w2, "--reference", other, "--out", filepath.Join(t.TempDir(), "r.pdf"))
		if code != 1 || !strings.Contains(errOut, "questionnaire « copsoq » inconnu ici") {
			t.Fatalf("exit %d, stderr %q; want 1 and the line's reason", code, errOut)
		}
	})
}

// TestReportCampaignReference: a campaign's report compares with the file
// attached to its questionnaire in the back office, and --reference comes
// before it.
func TestReportCampaignReference(t *testing.T) {
	db := filepath.Join(t.TempDir(), "vigie.db")
	id := mustReportCampaign(t, db)
	s := openTestStore(t, db)
	attached := "questionnaire;version;measure;mean;sd;n;source;year\nreconnaissance;1;effort;50;15;900;Norme jointe;2024\n"
	if err := s.SaveReferenceFile(context.Background(), &store.ReferenceFile{Questionnaire: "reconnaissance", Version: 1, Filename: "jointe.csv", Content: []byte(attached)}); err != nil {
		t.Fatal(err)
	}
	sheetSource := func(t *testing.T, extra ...string) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "r.xlsx")
		if code, _, errOut := runVigie(t, append([]string{"report", "--campaign", id, "--db", db, "--out", out}, extra...)...); code != 0 {
			t.Fatalf("report: %s", errOut)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(reports.SheetReference)
		if err != nil || len(rows) < 2 || len(rows[1]) < 11 {
			t.Fatalf("%s = %v (%v)", reports.SheetReference, rows, err)
		}
		return rows[1][10]
	}
	if got := sheetSource(t); !strings.Contains(got, "Norme jointe (2024)") {
		t.Errorf("attached reference: source %q, want Norme jointe (2024)", got)
	}
	file := writeTestFile(t, t.TempDir(), "autre.csv", strings.ReplaceAll(attached, "Norme jointe", "Norme du fichier"))
	if got := sheetSource(t, "--reference", file); !strings.Contains(got, "Norme du fichier (2024)") {
		t.Errorf("--reference: source %q, want the file's, before the attached one", got)
	}
}

// TestScoreReferenceExample: `vigie score --reference` on the documented
// example files gives exactly the documented comparison. After an
// intended change, regenerate it with:
//
//	go test ./cmd/vigie -run TestScoreReferenceExample -update
func TestScoreReferenceExample(t *testing.T) {
	const (
		responses = "../../docs/examples/reponses-reconnaissance.csv"
		reference = "../../docs/examples/reference-reconnaissance.csv"
		expected  = "../../docs/examples/comparaison-reference.json"
	)
	code, out, stderr := runCommand("score", "--questionnaire", "reconnaissance", "--responses", responses, "--reference", reference)
	if code != 0 {
		t.Fatalf("exit code %d, stderr %q", code, stderr)
	}
	var got struct {
		Reference json.RawMessage `json:"reference"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, got.Reference, "", "  "); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	if *update {
		if err := os.WriteFile(expected, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(expected)
	if err != nil {
		t.Fatal(err)
	}
	if buf.String() != string(want) {
		t.Errorf("the reference of vigie score --reference differs from %s (run with -update if the change is intended):\n%s", expected, buf.String())
	}
}
