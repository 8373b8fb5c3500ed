package instrument_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/questionnaires/instrument"
)

// sameQuestionnaire compares two questionnaires but for their source.
func sameQuestionnaire(t *testing.T, got, want *questionnaires.Questionnaire) {
	t.Helper()
	g, w := *got, *want
	g.Source, w.Source = nil, nil
	if !reflect.DeepEqual(&g, &w) {
		t.Errorf("questionnaire %s differs after the round trip", want.ID)
		for i := range min(len(g.Dimensions), len(w.Dimensions)) {
			if !reflect.DeepEqual(g.Dimensions[i], w.Dimensions[i]) {
				t.Errorf("dimension %d: got %+v\nwant %+v", i, *g.Dimensions[i], *w.Dimensions[i])
			}
		}
	}
}

// TestTemplateRoundTrip writes every built-in instrument in the template
// and reads it back: the questionnaire is the same.
func TestTemplateRoundTrip(t *testing.T) {
	for _, q := range questionnaires.Builtin() {
		t.Run(q.ID, func(t *testing.T) {
			data, err := instrument.Template(q)
			if err != nil {
				t.Fatal(err)
			}
			res, err := instrument.FromXLSX(bytes.NewReader(data), q.ID+".xlsx")
			if err != nil {
				t.Fatalf("import: %v", err)
			}
			if len(res.Warnings) > 0 {
				t.Errorf("warnings: %v", res.Warnings)
			}
			sameQuestionnaire(t, res.Questionnaire, q)
			if !strings.HasPrefix(string(res.YAML), "# Questionnaire importé du classeur "+q.ID+".xlsx") {
				t.Errorf("YAML starts %.100q", res.YAML)
			}
		})
	}
}

// exampleQuestionnaire is docs/examples/questionnaire-exemple.yaml, the
// small instrument of the samples.
func exampleQuestionnaire(t *testing.T) *questionnaires.Questionnaire {
	t.Helper()
	q, err := questionnaires.Load(filepath.Join("..", "..", "docs", "examples", "questionnaire-exemple.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// TestSampleWorkbook reads testdata/charge-et-soutien.xlsx, the template
// filled with the documentation's example: it is that questionnaire.
// VIGIE_TESTDATA=1 writes the sample again from the template.
func TestSampleWorkbook(t *testing.T) {
	q := exampleQuestionnaire(t)
	path := filepath.Join("testdata", "charge-et-soutien.xlsx")
	if os.Getenv("VIGIE_TESTDATA") == "1" {
		data, err := instrument.Template(q)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := instrument.FromXLSX(f, "charge-et-soutien.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	sameQuestionnaire(t, res.Questionnaire, q)
}

// TestEmptyTemplate: the empty template has its sheets, headings and
// drop-down lists, and reading it back says what is missing.
func TestEmptyTemplate(t *testing.T) {
	data, err := instrument.Template(nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Instructions", "Questionnaire", "Échelles", "Dimensions", "Items", "Indicateurs"}; !reflect.DeepEqual(got, want) {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	dvs, err := f.GetDataValidations("Items")
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	for ref, want := range map[string]string{"E2:E2000": "'Échelles'!$A$2:$A$2000", "F2:F2000": `"oui,non"`, "A2:A2000": "'Dimensions'!$A$2:$A$2000"} {
		if !strings.Contains(lists[ref], want) {
			t.Errorf("Items %s list = %q, want %q", ref, lists[ref], want)
		}
	}
	_, err = instrument.FromXLSX(bytes.NewReader(data), "vide.xlsx")
	if err == nil || !strings.Contains(err.Error(), "« id »") && !strings.Contains(err.Error(), "id") {
		t.Errorf("empty template read back: %v", err)
	}
}

// edit writes the example in the template, applies change and imports
// the result.
func edit(t *testing.T, change func(f *excelize.File)) (*instrument.Result, error) {
	t.Helper()
	data, err := instrument.Template(exampleQuestionnaire(t))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	change(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return instrument.FromXLSX(&buf, "exemple.xlsx")
}

// TestXLSXProblems: each mistake is reported at its sheet, row and column.
func TestXLSXProblems(t *testing.T) {
	set := func(sheet, ref, v string) func(*excelize.File) {
		return func(f *excelize.File) {
			if err := f.SetCellStr(sheet, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tt := range []struct {
		name   string
		change func(*excelize.File)
		want   []string
	}{
		{"UnknownScale", set("Items", "E3", "acord"),
			[]string{"feuille « Items », ligne 3, colonne E (Échelle) : échelle « acord » absente de la feuille Échelles"}},
		{"UnknownDimension", set("Items", "A4", "charges"),
			[]string{"feuille « Items », ligne 4, colonne A (Dimension) : dimension « charges » absente de la feuille Dimensions"}},
		{"BadItemID", set("Items", "B2", "Charge 1"),
			[]string{"feuille « Items », ligne 2, colonne B (Item) : ", "identifiant d'item invalide « Charge 1 »"}},
		{"DuplicateItemID", set("Items", "B3", "charge1"),
			[]string{"feuille « Items », ligne 3, colonne B (Item) : ", "en double"}},
		{"Reversed", set("Items", "F2", "peut-être"),
			[]string{"feuille « Items », ligne 2, colonne F (Inversé) : « oui » ou « non » attendu, pas « peut-être »"}},
		{"MissingText", set("Items", "C5", ""),
			[]string{"feuille « Items », ligne 5", "fr"}},
		{"Direction", set("Dimensions", "F3", "haut"),
			[]string{"feuille « Dimensions », ligne 3, colonne F (Sens) : « haut » n'est pas une valeur possible (« élevé = défavorable » ou « élevé = favorable »)"}},
		{"Cutoffs", set("Dimensions", "G2", "80"),
			[]string{"feuille « Dimensions », ligne 2, colonne G (Seuil bas) : ", "cutoffs"}},
		{"Family", set("Dimensions", "J2", "stress"),
			[]string{"feuille « Dimensions », ligne 2, colonne J (Famille de risques) : ", "famille de risques inconnue « stress »"}},
		{"ScaleGap", set("Échelles", "B4", "7"),
			[]string{"feuille « Échelles », ligne 5, colonne B (Valeur) : échelle accord : il manque la valeur 3"}},
		{"ScaleValue", set("Échelles", "B2", "un"),
			[]string{"feuille « Échelles », ligne 2, colonne B (Valeur) : valeur entière attendue, pas « un »"}},
		{"Heading", set("Items", "C1", "Question"),
			[]string{"feuille « Items », ligne 1, colonne C : titre de colonne « Texte (français) » attendu, trouvé « Question »"}},
		{"Language", set("Questionnaire", "B4", "de"),
			[]string{"feuille « Questionnaire », ligne 4, colonne B (Valeur (français)) : langue « de »"}},
		{"Version", set("Questionnaire", "B3", "un"),
			[]string{"feuille « Questionnaire », ligne 3, colonne B (Valeur (français)) : ", "version"}},
		{"MissingTitle", set("Questionnaire", "B5", ""),
			[]string{"feuille « Questionnaire », ligne 5, colonne B (Valeur (français)) : questionnaire : title : texte vide en « fr »"}},
		{"UnknownField", set("Questionnaire", "A8", "auteur"),
			[]string{"feuille « Questionnaire », ligne 8, colonne A (Champ) : champ inconnu « auteur »"}},
		{"MissingSheet", func(f *excelize.File) {
			if err := f.DeleteSheet("Échelles"); err != nil {
				t.Fatal(err)
			}
		}, []string{"feuille « Échelles » : le classeur n'a pas de feuille « Échelles »"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := edit(t, tt.change)
			if err == nil {
				t.Fatal("imported, want an error")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error lacks %q:\n%v", want, err)
				}
			}
		})
	}
	t.Run("FormulaLikeTextKept", func(t *testing.T) {
		res, err := edit(t, set("Items", "C2", "=1+1 n'est pas une formule"))
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Questionnaire.Item("charge1").Text["fr"]; got != "=1+1 n'est pas une formule" {
			t.Errorf("text = %q", got)
		}
	})
	t.Run("NotAWorkbook", func(t *testing.T) {
		_, err := instrument.FromXLSX(strings.NewReader("id;version\n"), "x.csv")
		if err == nil || !strings.Contains(err.Error(), "pas un classeur .xlsx") {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("TooLarge", func(t *testing.T) {
		_, err := instrument.FromXLSX(io.LimitReader(zeros{}, instrument.MaxXLSX+1), "x.xlsx")
		if err == nil || !strings.Contains(err.Error(), "trop volumineux") {
			t.Errorf("error = %v", err)
		}
	})
}

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
