package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/reports"
)

// Two waves of the test questionnaire: unit A (6 people) answers much
// higher on dimension a (higher_is_worse) the second time; unit B has 3
// people in the first wave (below k, and A is withheld with it) and 5 in
// the second.
const (
	wave1CSV = `unit,a1,a2,a3,b1,b2
A,2,2,4,4,4
A,2,3,4,4,4
A,3,2,4,4,3
A,2,2,3,4,4
A,2,2,4,5,4
A,3,3,4,4,4
B,3,3,3,3,3
B,3,3,3,3,3
B,3,3,3,3,3
`
	wave2CSV = `unit,a1,a2,a3,b1,b2
A,4,4,2,4,4
A,4,5,2,4,4
A,5,4,1,4,3
A,4,4,2,4,4
A,4,4,2,5,4
A,5,5,2,4,4
B,3,3,3,3,3
B,3,3,3,3,3
B,3,3,3,3,3
B,3,3,3,3,3
B,3,3,3,3,3
`
)

type scoreTrends struct {
	Trends *struct {
		Previous struct{ Respondents int }
		Groups   map[string]struct {
			Dimensions map[string]struct {
				PreviousMean float64 `json:"previous_mean"`
				Delta        float64
				CI95         [2]float64
				Change       string
			}
		}
		NonComparable map[string]string `json:"non_comparable"`
	}
}

func TestScorePrevious(t *testing.T) {
	dir := t.TempDir()
	q := mustQuestionnaireFile(t)
	w1 := writeTestFile(t, dir, "vague1.csv", wave1CSV)
	w2 := writeTestFile(t, dir, "vague2.csv", wave2CSV)
	score := func(t *testing.T, args ...string) scoreTrends {
		t.Helper()
		code, out, errOut := runCommand(append([]string{"score", "--questionnaire", q, "--responses", w2}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var got scoreTrends
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("output: %v\n%s", err, out)
		}
		return got
	}

	t.Run("AbsentWithoutPrevious", func(t *testing.T) {
		if got := score(t); got.Trends != nil {
			t.Fatalf("trends = %+v, want none without --previous", got.Trends)
		}
	})
	t.Run("OnlyGroupsPublishedInBoth", func(t *testing.T) {
		got := score(t, "--previous", w1).Trends
		if got == nil || got.Previous.Respondents != 9 {
			t.Fatalf("trends = %+v, want previous respondents 9", got)
		}
		if len(got.Groups) != 1 {
			t.Fatalf("groups = %v, want all only (A and B withheld in the first wave)", got.Groups)
		}
		a := got.Groups["all"].Dimensions["a"]
		if a.Change != "worse" || a.CI95[0] <= 0 {
			t.Errorf("all/a = %+v, want a clear rise, worse", a)
		}
	})
	t.Run("ChangedItemIsNotComparable", func(t *testing.T) {
		old := writeTestFile(t, dir, "ancien.yaml", strings.Replace(testQuestionnaireYAML, "{id: a3, text: {fr: \"a3\"}, scale: accord, reverse: true}", "{id: a3, text: {fr: \"a3\"}, scale: accord}", 1))
		got := score(t, "--previous", w1, "--previous-questionnaire", old).Trends
		if got.NonComparable["a"] != "la question a3 a changé de sens (inversion)" {
			t.Errorf("non_comparable = %v", got.NonComparable)
		}
		if _, ok := got.Groups["all"].Dimensions["a"]; ok {
			t.Error("dimension a has a trend, yet its item a3 changed")
		}
		if _, ok := got.Groups["all"].Dimensions["b"]; !ok {
			t.Error("dimension b has no trend, yet it did not change")
		}
	})
	t.Run("UnitMap", func(t *testing.T) {
		// Renaming B, withheld in the first wave, changes nothing; renaming
		// A onto B merges two units: refused.
		if got := score(t, "--previous", w1, "--unit-map", "B=>C").Trends; len(got.Groups) != 1 {
			t.Errorf("groups = %v, want all only", got.Groups)
		}
		code, _, errOut := runCommand("score", "--questionnaire", q, "--responses", w2, "--previous", w1, "--unit-map", "A=>B")
		if code != 1 || !strings.Contains(errOut, "une fusion ne se compare pas") {
			t.Fatalf("exit %d, stderr %q; want the merge refused", code, errOut)
		}
	})
	t.Run("PreviousQuestionnaireAlone", func(t *testing.T) {
		code, _, errOut := runCommand("score", "--questionnaire", q, "--responses", w2, "--previous-questionnaire", q)
		if code != 2 || !strings.Contains(errOut, "--previous-questionnaire ne sert qu'avec --previous") {
			t.Fatalf("exit %d, stderr %q; want a usage error", code, errOut)
		}
	})
}

func TestReportPrevious(t *testing.T) {
	dir := t.TempDir()
	q := mustQuestionnaireFile(t)
	w1 := writeTestFile(t, dir, "barometre-2025.csv", wave1CSV)
	w2 := writeTestFile(t, dir, "barometre-2026.csv", wave2CSV)
	report := func(t *testing.T, name string) string {
		t.Helper()
		out := filepath.Join(t.TempDir(), name)
		code, _, errOut := runCommand("report", "--questionnaire", q, "--responses", w2, "--previous", w1, "--out", out)
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
		for _, want := range []string{"Évolution depuis barometre-2025", "(de +17,0 à +41,9) : en hausse, dégradation", "(de −15,4 à +9,4) : stable"} {
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
		if !slices.Contains(f.GetSheetList(), reports.SheetTrends) {
			t.Fatalf("sheets = %v, want %s", f.GetSheetList(), reports.SheetTrends)
		}
		rows, err := f.GetRows(reports.SheetTrends)
		if err != nil || len(rows) != 3 {
			t.Fatalf("%s rows = %v (%v), want a header and all × {a, b}", reports.SheetTrends, rows, err)
		}
		// A dimension's figures are shown with one decimal, as the PDF
		// prints them, and the delta is the difference of the two means
		// shown (38.0 → 67.4: 29.4), the codes last.
		if r := rows[1]; r[1] != "Ensemble" || r[3] != "A" || r[4] != "38.0" || r[5] != "67.4" || r[6] != "29.4" || r[len(r)-2] != "all" || r[len(r)-1] != "a" {
			t.Errorf("first row = %v, want Ensemble, A, 38.0 → 67.4, delta 29.4, codes all and a", rows[1])
		}
	})
}
