package main

import (
	"encoding/json"
	"strings"
	"testing"
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
