package instrument_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires/instrument"
)

// TestFromLSS imports the LimeSurvey sample: its two arrays become two
// dimensions on one shared scale, the long text the comment, and what
// has no place in Vigie is listed.
func TestFromLSS(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "charge-et-soutien.lss"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := instrument.FromLSS(f, "charge-et-soutien.lss")
	if err != nil {
		t.Fatal(err)
	}
	q := res.Questionnaire
	if q.ID != "charge-de-travail-et-soutien" || q.Language != "fr" || q.Title["en"] != "Workload and support" {
		t.Errorf("questionnaire = %s (%s) %v", q.ID, q.Language, q.Title)
	}
	if !strings.HasPrefix(q.Intro["fr"], "Ce questionnaire est anonyme. Répondez") {
		t.Errorf("intro = %q (HTML and entities removed)", q.Intro["fr"])
	}
	if q.Comment["en"] != "Would you like to add anything?" {
		t.Errorf("comment = %v", q.Comment)
	}
	var dims []string
	for _, d := range q.Dimensions {
		dims = append(dims, d.ID+":"+d.Title["fr"]+":"+d.Description["en"])
	}
	if want := []string{"charge:Charge de travail:The amount of work and time pressure.", "soutien:Soutien:Help received from colleagues and managers."}; !slices.Equal(dims, want) {
		t.Errorf("dimensions = %q, want %q", dims, want)
	}
	if len(q.Scales) != 1 || q.Scales[0].Min != 1 || q.Scales[0].Max != 4 || q.Scales[0].Label(4, "en", "fr") != "Strongly agree" {
		t.Errorf("scales = %+v, want one 1-4 scale shared by both arrays", q.Scales)
	}
	if it := q.Item("soutien-sq003"); it == nil || it.Text["fr"] != "On me dit quand j'ai bien travaillé." {
		t.Errorf("item soutien-sq003 = %+v (codes shared by two arrays are prefixed with the dimension)", it)
	}
	warnings := strings.Join(res.Warnings, "\n")
	for _, want := range []string{
		"question ANCIENNETE : non importée (type L, liste)",
		"sous-question SQ003 de SOUTIEN : condition d'affichage ignorée (ANCIENNETE.NAOK == \"AO02\")",
		"question SOUTIEN : ordre aléatoire des sous-questions ignoré",
		"question SOUTIEN : réponse obligatoire ignorée",
		"direction higher_is_worse et cutoffs [37.5, 62.5]",
		"aucun ne l'est (reverse)",
	} {
		if !strings.Contains(warnings, want) {
			t.Errorf("warnings lack %q:\n%s", want, warnings)
		}
	}
	if !strings.Contains(warnings, "ligne 335, question ANCIENNETE") {
		t.Errorf("warnings do not give the line of the question:\n%s", warnings)
	}
}

// lss wraps tables in a LimeSurvey document.
func lss(tables string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<document>
 <LimeSurveyDocType>Survey</LimeSurveyDocType>
 <languages><language>fr</language></languages>
` + tables + `
</document>`
}

// lss3 is a LimeSurvey 3 export: texts in the rows of questions and
// answers, one row per language.
const lss3 = `<questions><rows>
  <row><qid>1</qid><parent_qid>0</parent_qid><gid>1</gid><type>F</type><title>Q1</title><question>Autonomie</question><language>fr</language><question_order>1</question_order></row>
  <row><qid>1</qid><parent_qid>0</parent_qid><gid>1</gid><type>F</type><title>Q1</title><question>Autonomy</question><language>en</language><question_order>1</question_order></row>
 </rows></questions>
 <subquestions><rows>
  <row><qid>2</qid><parent_qid>1</parent_qid><type>T</type><title>a1</title><question>Je choisis ma façon de faire.</question><language>fr</language><question_order>1</question_order><scale_id>0</scale_id></row>
  <row><qid>2</qid><parent_qid>1</parent_qid><type>T</type><title>a1</title><question>I choose how I work.</question><language>en</language><question_order>1</question_order><scale_id>0</scale_id></row>
 </rows></subquestions>
 <answers><rows>
  <row><qid>1</qid><code>N</code><answer>Non</answer><sortorder>1</sortorder><assessment_value>0</assessment_value><language>fr</language><scale_id>0</scale_id></row>
  <row><qid>1</qid><code>O</code><answer>Oui</answer><sortorder>2</sortorder><assessment_value>1</assessment_value><language>fr</language><scale_id>0</scale_id></row>
  <row><qid>1</qid><code>N</code><answer>No</answer><sortorder>1</sortorder><assessment_value>0</assessment_value><language>en</language><scale_id>0</scale_id></row>
  <row><qid>1</qid><code>O</code><answer>Yes</answer><sortorder>2</sortorder><assessment_value>1</assessment_value><language>en</language><scale_id>0</scale_id></row>
 </rows></answers>
 <surveys><rows><row><sid>123</sid><language>fr</language><additional_languages>en</additional_languages></row></rows></surveys>
 <surveys_languagesettings><rows><row><surveyls_language>fr</surveyls_language><surveyls_title>Marges de manœuvre</surveyls_title></row></rows></surveys_languagesettings>`

func TestFromLSSVersions(t *testing.T) {
	res, err := instrument.FromLSS(strings.NewReader(lss(lss3)), "v3.lss")
	if err != nil {
		t.Fatal(err)
	}
	q := res.Questionnaire
	s := q.Scales[0]
	if q.ID != "marges-de-manoeuvre" || q.Item("a1").Text["en"] != "I choose how I work." || s.Min != 0 || s.Max != 1 || s.Label(1, "en", "fr") != "Yes" {
		t.Errorf("questionnaire %s, item %+v, scale %+v", q.ID, q.Item("a1"), s)
	}
	t.Run("DualScale", func(t *testing.T) {
		doc := strings.Replace(lss3, "<type>F</type>", "<type>1</type>", 2)
		res, err := instrument.FromLSS(strings.NewReader(lss(doc)), "d.lss")
		if err != nil {
			t.Fatal(err)
		}
		if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "question Q1 : tableau à double échelle : seule la première échelle est importée") {
			t.Errorf("warnings = %s", w)
		}
	})
	t.Run("Array5", func(t *testing.T) {
		doc := strings.Replace(lss3, "<type>F</type>", "<type>A</type>", 2)
		res, err := instrument.FromLSS(strings.NewReader(lss(doc)), "a.lss")
		if err != nil {
			t.Fatal(err)
		}
		if s := res.Questionnaire.Scales[0]; s.Min != 1 || s.Max != 5 || s.Label(3, "fr", "fr") != "3" {
			t.Errorf("scale = %+v, want 1 to 5", s)
		}
	})
}

// TestFromLSSRefused: what is not a survey structure is refused with the
// reason and, where there is one, the line.
func TestFromLSSRefused(t *testing.T) {
	for _, tt := range []struct{ name, doc, want string }{
		{"NotXML", "id: q\n", "pas un fichier de structure LimeSurvey (.lss)"},
		{"Broken", lss("<questions><rows><row><qid>1</qid>\n</rows></questions>"), "ligne 6 : XML illisible"},
		{"Root", `<survey><x/></survey>`, "l'élément racine est <survey>, <document> attendu"},
		{"QuestionExport", strings.Replace(lss(""), ">Survey<", ">Question<", 1), "export de type « Question »"},
		{"NoDocType", "<document></document>", "<LimeSurveyDocType> manque"},
		{"NoArray", lss(`<questions><rows><row><qid>1</qid><parent_qid>0</parent_qid><type>S</type><title>NOM</title></row></rows></questions>`),
			"aucune question tableau"},
		{"Entity", `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><document><LimeSurveyDocType>&a;</LimeSurveyDocType></document>`,
			"XML illisible"},
		{"Nested", lss(`<questions><rows><row><qid><x><y/></x></qid></row></rows></questions>`), "ligne 5 : élément <x> inattendu dans une ligne de la table questions"},
		{"TooLarge", lss("<!--" + strings.Repeat("x", instrument.MaxLSS) + "-->"), "fichier trop volumineux"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := instrument.FromLSS(strings.NewReader(tt.doc), "x.lss")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}
