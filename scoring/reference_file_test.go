package scoring_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
)

const goodReferenceCSV = "questionnaire;version;measure;mean;sd;n;source;year\n" +
	"test;2;effort;48,5;18;1200;Norme test;2024\n" +
	"test;2;ratio;0,9;0,3;1200;Norme test;2024\n"

func TestParseReference(t *testing.T) {
	q := effortReward()
	t.Run("CSVSemicolonDecimalComma", func(t *testing.T) {
		ref, err := scoring.ParseReference("norme.csv", []byte(goodReferenceCSV), q)
		if err != nil {
			t.Fatal(err)
		}
		if v := ref.Dimensions["effort"]; v.Mean != 48.5 || v.SD != 18 || v.N != 1200 {
			t.Fatalf("effort = %+v, want 48.5, 18, 1200", v)
		}
		if v := ref.Indicators["ratio"]; v.Mean != 0.9 || v.SD != 0.3 {
			t.Fatalf("ratio = %+v, want 0.9, 0.3", v)
		}
		if ref.Source != "Norme test (2024)" || ref.Questionnaire != "test" || ref.Version != 2 || ref.Organisations != 0 {
			t.Fatalf("reference = %+v, want source « Norme test (2024) », test v2, no organisations", ref)
		}
	})
	t.Run("CSVCommaFrenchHeaders", func(t *testing.T) {
		data := "\ufeffQuestionnaire,Version,Mesure,Moyenne,Écart-type,N,Source,Année\r\ntest,2,effort,48.5,18,1200,Norme,\r\n"
		ref, err := scoring.ParseReference("norme.csv", []byte(data), q)
		if err != nil {
			t.Fatal(err)
		}
		if v := ref.Dimensions["effort"]; v.Mean != 48.5 || ref.Source != "Norme" {
			t.Fatalf("reference = %+v, want effort 48.5, source Norme", ref)
		}
	})
	t.Run("YAMLWithDefaults", func(t *testing.T) {
		data := "questionnaire: test\nversion: 2\nsource: Norme test\nyear: 2024\nvalues:\n  - {measure: effort, mean: 48.5, sd: 18, n: 1200}\n  - measure: recompense\n    mean: 61\n    sd: 15\n    n: 1200\n"
		ref, err := scoring.ParseReference("norme.yaml", []byte(data), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(ref.Dimensions) != 2 || ref.Dimensions["recompense"].Mean != 61 || ref.Source != "Norme test (2024)" {
			t.Fatalf("reference = %+v, want effort and recompense from Norme test (2024)", ref)
		}
	})
	for _, tc := range []struct {
		name, file, data, want string
	}{
		{"UnknownQuestionnaire", "r.csv", "questionnaire;version;measure;mean;sd;n;source\ncopsoq;2;effort;48;18;100;X\n", "ligne 2 : questionnaire « copsoq » inconnu ici"},
		{"OtherVersion", "r.csv", "questionnaire;version;measure;mean;sd;n;source\ntest;1;effort;48;18;100;X\n", "ligne 2 : version 1 du questionnaire « test »"},
		{"UnknownMeasure", "r.csv", "questionnaire;version;measure;mean;sd;n;source\ntest;2;effort;48;18;100;X\ntest;2;stress;48;18;100;X\n", "ligne 3 : mesure « stress » inconnue"},
		{"MeanAbove100", "r.csv", "questionnaire;version;measure;mean;sd;n;source\ntest;2;effort;148;18;100;X\n", "ligne 2 : moyenne 148 hors de l'échelle 0–100"},
		{"SDZero", "r.csv", "questionnaire;version;measure;mean;sd;n;source\ntest;2;effort;48;0;100;X\n", "ligne 2 : écart-type 0 : il doit être strictement positif"},
		{"NOne", "r.csv", "questionnaire;version;measure;mean;sd;n;source\ntest;2;effort;48;18;1;X\n", "ligne 2 : effectif n = 1"},
		{"NotANumber", "r.csv", "questionnaire;version;measure;mean;sd;n;source\ntest;2;effort;beaucoup;18;100;X\n", "ligne 2 : moyenne « beaucoup » : attendu un nombre"},
		{"Duplicate", "r.csv", "questionnaire;version;measure;mean;sd;n;source\ntest;2;effort;48;18;100;X\ntest;2;effort;49;18;100;X\n", "ligne 3 : mesure « effort » déjà donnée ligne 2"},
		{"EmptySource", "r.csv", "questionnaire;version;measure;mean;sd;n;source\ntest;2;effort;48;18;100;\n", "ligne 2 : « source » est vide"},
		{"MissingColumn", "r.csv", "questionnaire;version;measure;mean;n;source\n", "ligne 1 : colonne « sd » manquante"},
		{"UnknownColumn", "r.csv", "questionnaire;version;measure;moy;sd;n;source\n", "ligne 1 : colonne « moy » inconnue"},
		{"NoRows", "r.csv", "questionnaire;version;measure;mean;sd;n;source\n", "aucune valeur de référence"},
		{"BadYear", "r.csv", "questionnaire;version;measure;mean;sd;n;source;year\ntest;2;effort;48;18;100;X;hier\n", "ligne 2 : année « hier »"},
		{"YAMLLine", "r.yaml", "questionnaire: test\nversion: 2\nsource: X\nvalues:\n  - {measure: effort, mean: 48, sd: -1, n: 100}\n", "ligne 5 : écart-type -1"},
		{"YAMLUnknownKey", "r.yaml", "- {measure: effort, moyenne: 48, ecart: 3}\n", "ligne 1 : clé « ecart » inconnue"},
		{"OtherFormat", "r.xlsx", "", "format inconnu"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ref, err := scoring.ParseReference(tc.file, []byte(tc.data), q)
			if err == nil || vigie.ErrorCode(err) != vigie.EINVALID {
				t.Fatalf("ParseReference = %+v, %v; want an EINVALID error", ref, err)
			}
			if msg := vigie.ErrorMessage(err); !strings.Contains(msg, tc.want) || !strings.HasPrefix(msg, tc.file+" : ") {
				t.Fatalf("error = %q, want it to name the file and say %q", msg, tc.want)
			}
		})
	}
	t.Run("EveryProblemListed", func(t *testing.T) {
		data := "questionnaire;version;measure;mean;sd;n;source\ntest;2;effort;148;18;100;X\ntest;2;recompense;48;0;100;X\n"
		_, err := scoring.ParseReference("r.csv", []byte(data), q)
		if msg := vigie.ErrorMessage(err); !strings.Contains(msg, "ligne 2 :") || !strings.Contains(msg, "ligne 3 :") {
			t.Fatalf("error = %q, want both lines", msg)
		}
	})
}

func FuzzParseReference(f *testing.F) {
	q := effortReward()
	f.Add("r.csv", []byte(goodReferenceCSV))
	f.Add("r.csv", []byte("questionnaire,version,measure,mean,sd,n,source\ntest,2,effort,\"48,5\",18,1200,X\n"))
	f.Add("r.yaml", []byte("questionnaire: test\nversion: 2\nsource: X\nvalues:\n  - {measure: effort, mean: 48, sd: 1, n: 100}\n"))
	f.Add("r.yaml", []byte("- &a {measure: effort}\n- *a\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		ref, err := scoring.ParseReference(name, data, q)
		if err != nil {
			if vigie.ErrorCode(err) != vigie.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		// What is accepted can be compared: every value is in range.
		for id, v := range ref.Dimensions {
			if q.Dimension(id) == nil || v.Mean < 0 || v.Mean > 100 || v.SD <= 0 || v.N < 2 {
				t.Fatalf("accepted dimension %s = %+v", id, v)
			}
		}
		for id, v := range ref.Indicators {
			if v.Mean < 0 || v.SD <= 0 || v.N < 2 {
				t.Fatalf("accepted indicator %s = %+v", id, v)
			}
		}
		if ref.Source == "" || ref.Questionnaire != q.ID || ref.Version != q.Version {
			t.Fatalf("accepted reference without source or of another questionnaire: %+v", ref)
		}
	})
}
