package questionnaires_test

import (
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
)

// withDiscussion inserts lines after the cutoffs of dimension effort (line
// 20 of base), so the first inserted line is line 21.
func withDiscussion(tb testing.TB, lines string) string {
	tb.Helper()
	return edit(tb, "    cutoffs: [25, 75]\n", "    cutoffs: [25, 75]\n"+lines)
}

const threeFR = "    discussion:\n      fr: [\"Qu'est-ce qui est dur ?\", \"Qu'est-ce qui ne se voit pas ?\", \"Qu'est-ce qui aiderait ?\"]\n"

func TestParseRiskFamilyAndDiscussion(t *testing.T) {
	data := withDiscussion(t, "    risk_family: intensite-temps\n"+threeFR+
		"      en: [\"What is hard?\", \"What is invisible?\", \"What would help?\", \"What do you already do?\"]\n")
	q, err := questionnaires.Parse("essai.yaml", []byte(data))
	if err != nil {
		t.Fatalf("Parse rejected a valid file:\n%v", err)
	}
	d := q.Dimension("effort")
	if d.RiskFamily != questionnaires.IntensiteTemps {
		t.Errorf("RiskFamily = %q, want %q", d.RiskFamily, questionnaires.IntensiteTemps)
	}
	if got := d.Discussion.In("en", "fr"); len(got) != 4 || got[3] != "What do you already do?" {
		t.Errorf("Discussion en = %q, want 4 questions in file order", got)
	}
	if got := d.Discussion.In("de", "fr"); len(got) != 3 {
		t.Errorf("Discussion.In(de) = %q, want the 3 French questions", got)
	}
	if r := q.Dimension("recompense"); r.RiskFamily != "" || r.Discussion != nil {
		t.Errorf("recompense has family %q and discussion %v, want neither (both optional)", r.RiskFamily, r.Discussion)
	}
}

func TestParseSignal(t *testing.T) {
	data := withDiscussion(t, "    reading: signal\n    signal_for: intensite-temps\n")
	q, err := questionnaires.Parse("essai.yaml", []byte(data))
	if err != nil {
		t.Fatalf("Parse rejected a valid file:\n%v", err)
	}
	if d := q.Dimension("effort"); !d.Signal() || d.SignalFor != questionnaires.IntensiteTemps || d.RiskFamily != "" {
		t.Errorf("effort: signal %v, signal_for %q, family %q; want a signal for intensite-temps", d.Signal(), d.SignalFor, d.RiskFamily)
	}
	if r := q.Dimension("recompense"); r.Signal() || r.Reading != questionnaires.ReadingLevels || r.SignalFor != "" {
		t.Errorf("recompense: reading %q, signal_for %q; want the default reading and no signal", r.Reading, r.SignalFor)
	}
}

func TestParseDiscussionErrors(t *testing.T) {
	six := `["a", "b", "c", "d", "e", "f"]`
	seven := `["a", "b", "c", "d", "e", "f", "g"]`
	tests := []struct {
		name string
		data string
		line int
		msg  string
	}{
		{"UnknownFamily", withDiscussion(t, "    risk_family: charge\n"), 21, "dimension effort : famille de risques inconnue « charge » (familles possibles : intensite-temps, exigences-emotionnelles"},
		{"FamilyNotScalar", withDiscussion(t, "    risk_family: [autonomie]\n"), 21, "« risk_family » doit être une valeur simple"},
		{"TwoQuestions", withDiscussion(t, "    discussion:\n      fr: [\"a\", \"b\"]\n"), 22, "dimension effort : discussion : 2 questions en « fr », il en faut de 3 à 6"},
		{"SevenQuestions", withDiscussion(t, "    discussion:\n      fr: "+seven+"\n"), 22, "7 questions en « fr »"},
		{"TooFewOtherLanguage", withDiscussion(t, threeFR+"      en: [\"a\"]\n"), 23, "1 question en « en »"},
		{"MissingDefaultLanguage", withDiscussion(t, "    discussion:\n      en: [\"a\", \"b\", \"c\"]\n"), 22, "discussion : questions manquantes dans la langue par défaut « fr »"},
		{"EmptyQuestion", withDiscussion(t, "    discussion:\n      fr: [\"a\", \" \", \"c\"]\n"), 22, "question vide en « fr »"},
		{"QuestionNotText", withDiscussion(t, "    discussion:\n      fr: [\"a\", [b], \"c\"]\n"), 22, "une question en « fr » doit être une chaîne"},
		{"NotAList", withDiscussion(t, "    discussion:\n      fr: \"a\"\n"), 22, "discussion fr : une liste est attendue"},
		{"NotATable", withDiscussion(t, "    discussion: [\"a\", \"b\", \"c\"]\n"), 21, "discussion : une table « clé: valeur » est attendue"},
		{"BadLanguage", withDiscussion(t, threeFR+"      English: "+six+"\n"), 23, "code de langue invalide « English »"},
		{"UnknownSignalFamily", withDiscussion(t, "    signal_for: stress\n"), 21, "dimension effort : signal_for : famille de risques inconnue « stress »"},
		{"FamilyAndSignal", withDiscussion(t, "    risk_family: autonomie\n    signal_for: autonomie\n"), 15, "« risk_family » et « signal_for » ensemble"},
		{"SignalWithFamily", withDiscussion(t, "    reading: signal\n    risk_family: autonomie\n"), 15, "remplacez « risk_family » par « signal_for »"},
		{"UnknownReading", withDiscussion(t, "    reading: alerte\n"), 21, "« reading » vaut « alerte », attendu levels ou signal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := mustLoadError(t, tt.data)
			for _, p := range problems {
				if p.File == "essai.yaml" && p.Line == tt.line && strings.Contains(p.Message, tt.msg) {
					return
				}
			}
			t.Errorf("no problem at essai.yaml:%d containing %q; got:\n%v", tt.line, tt.msg, &questionnaires.LoadError{Problems: problems})
		})
	}
	t.Run("SixIsEnough", func(t *testing.T) {
		if _, err := questionnaires.Parse("essai.yaml", []byte(withDiscussion(t, "    discussion:\n      fr: "+six+"\n"))); err != nil {
			t.Fatalf("6 questions rejected:\n%v", err)
		}
	})
}

// TestBuiltinDiscussion holds the built-in instruments to what the format
// leaves optional: every dimension carries discussion questions in every
// language of the questionnaire, so the guides never meet a gap (their
// families: riskfamily_test.go).
func TestBuiltinDiscussion(t *testing.T) {
	for _, q := range questionnaires.Builtin() {
		for _, d := range q.Dimensions {
			for _, lang := range q.Languages() {
				qs := d.Discussion[lang]
				if len(qs) < questionnaires.MinDiscussion {
					t.Errorf("%s/%s: %d discussion questions in %s, want %d to %d", q.ID, d.ID, len(qs), lang, questionnaires.MinDiscussion, questionnaires.MaxDiscussion)
				}
				if lang == "en" && len(d.Discussion["fr"]) != len(qs) {
					t.Errorf("%s/%s: %d questions in fr, %d in en, want the same questions", q.ID, d.ID, len(d.Discussion["fr"]), len(qs))
				}
				for _, s := range qs {
					if !strings.HasSuffix(s, "?") {
						t.Errorf("%s/%s: %q is not a question", q.ID, d.ID, s)
					}
					if lang == "fr" && strings.Contains(s, " ?") {
						t.Errorf("%s/%s: %q has an ordinary space before « ? », want U+00A0", q.ID, d.ID, s)
					}
				}
			}
		}
	}
}
