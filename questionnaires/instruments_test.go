package questionnaires_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
)

// These tests hold the built-in instruments to what issue 2 section 3
// asks of them; builtin_test.go checks that they load.

// itemID is the shape of a built-in item id: a short prefix naming the
// dimension, then a number (eff1).
var itemID = regexp.MustCompile(`^([a-z]{2,4})([0-9]+)$`)

// builtinCutoffs is the cut-off convention shared by every built-in
// dimension (docs/instruments.md): the low band holds mean answers at least
// halfway from the neutral point towards "disagree" (raw mean <= 2.5 on a
// 1-5 scale), the high band those at least halfway towards "agree".
var builtinCutoffs = questionnaires.Cutoffs{Low: 37.5, High: 62.5}

// builtinDimensions lists, for each instrument Vigie ships, its dimensions
// in file order with their direction.
var builtinDimensions = map[string][]struct {
	id        string
	direction questionnaires.Direction
}{
	"sens-du-travail": {
		{"utilite-sociale", questionnaires.HigherIsBetter},
		{"rectitude-morale", questionnaires.HigherIsBetter},
		{"autonomie", questionnaires.HigherIsBetter},
		{"apprentissage", questionnaires.HigherIsBetter},
		{"relations", questionnaires.HigherIsBetter},
		{"sens-global", questionnaires.HigherIsBetter},
	},
	"reconnaissance": {
		{"effort", questionnaires.HigherIsWorse},
		{"recompense", questionnaires.HigherIsBetter},
		{"reconnaissance-personne", questionnaires.HigherIsBetter},
		{"reconnaissance-pratique", questionnaires.HigherIsBetter},
		{"reconnaissance-investissement", questionnaires.HigherIsBetter},
		{"reconnaissance-resultats", questionnaires.HigherIsBetter},
	},
	"strategies-defensives": {
		{"rationalisation", questionnaires.HigherIsWorse},
		{"deni", questionnaires.HigherIsWorse},
		{"mefiance", questionnaires.HigherIsWorse},
		{"retrait", questionnaires.HigherIsWorse},
		{"suractivite", questionnaires.HigherIsWorse},
		{"cynisme", questionnaires.HigherIsWorse},
		{"souffrance-ethique", questionnaires.HigherIsWorse},
	},
	"numerique-travail-reel": {
		{"charge-saisie", questionnaires.HigherIsWorse},
		{"fidelite-activite", questionnaires.HigherIsBetter},
		{"pilotage-par-les-donnees", questionnaires.HigherIsWorse},
		{"temps-collectif", questionnaires.HigherIsBetter},
		{"qualite-empechee", questionnaires.HigherIsWorse},
		{"marges-adaptation", questionnaires.HigherIsBetter},
	},
	"exigences-et-insecurite": {
		{"exigences-emotionnelles", questionnaires.HigherIsWorse},
		{"insecurite", questionnaires.HigherIsWorse},
	},
}

// mustParseBuiltinFile parses the file of a built-in instrument from the
// package directory, so a broken file fails with the loader's message
// rather than as a panic in Builtin.
func mustParseBuiltinFile(tb testing.TB, id string) *questionnaires.Questionnaire {
	tb.Helper()
	name := id + ".yaml"
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Fatalf("read %s: %v", name, err)
	}
	q, err := questionnaires.Parse(name, data)
	if err != nil {
		tb.Fatalf("Parse(%s):\n%v", name, err)
	}
	return q
}

// checkBilingual fails when text lacks a non-empty French or English version.
func checkBilingual(t *testing.T, what string, text questionnaires.Text) {
	t.Helper()
	for _, lang := range []string{"fr", "en"} {
		if strings.TrimSpace(text[lang]) == "" {
			t.Errorf("%s: no %q text", what, lang)
		}
	}
}

func TestBuiltinInstruments(t *testing.T) {
	if got, want := len(questionnaires.Builtin()), len(builtinDimensions); got != want {
		t.Errorf("Builtin() returned %d questionnaires, want %d", got, want)
	}
	for id, wantDims := range builtinDimensions {
		t.Run(id, func(t *testing.T) {
			q := mustParseBuiltinFile(t, id)
			if q.ID != id {
				t.Fatalf("id = %q, want %q", q.ID, id)
			}

			t.Run("FrenchWithEnglishTranslation", func(t *testing.T) {
				if q.Language != "fr" {
					t.Errorf("language = %q, want fr", q.Language)
				}
				checkBilingual(t, "title", q.Title)
				checkBilingual(t, "intro", q.Intro)
				checkBilingual(t, "comment", q.Comment)
				for _, s := range q.Scales {
					for _, lang := range []string{"fr", "en"} {
						if n := len(s.Labels[lang]); n != s.Max-s.Min+1 {
							t.Errorf("scale %s: %d %s labels, want %d", s.ID, n, lang, s.Max-s.Min+1)
						}
					}
				}
				for _, d := range q.Dimensions {
					checkBilingual(t, "dimension "+d.ID+" title", d.Title)
					checkBilingual(t, "dimension "+d.ID+" description", d.Description)
				}
				for _, it := range q.Items() {
					checkBilingual(t, "item "+it.ID, it.Text)
				}
			})

			t.Run("Dimensions", func(t *testing.T) {
				if len(q.Dimensions) != len(wantDims) {
					t.Fatalf("%d dimensions, want %d", len(q.Dimensions), len(wantDims))
				}
				for i, want := range wantDims {
					d := q.Dimensions[i]
					if d.ID != want.id {
						t.Errorf("dimension %d: id = %q, want %q", i, d.ID, want.id)
					}
					if d.Direction != want.direction {
						t.Errorf("dimension %s: direction = %q, want %q", d.ID, d.Direction, want.direction)
					}
					if d.Cutoffs != builtinCutoffs {
						t.Errorf("dimension %s: cutoffs = %v, want the shared convention %v", d.ID, d.Cutoffs, builtinCutoffs)
					}
					if n := len(d.Items); n < 3 || n > 6 {
						t.Errorf("dimension %s: %d items, want 3 to 6", d.ID, n)
					}
					prefix := ""
					for _, it := range d.Items {
						m := itemID.FindStringSubmatch(it.ID)
						if m == nil {
							t.Errorf("item %s: id should be a short prefix followed by a number", it.ID)
							continue
						}
						if prefix == "" {
							prefix = m[1]
						}
						if m[1] != prefix {
							t.Errorf("item %s: prefix %q, want the dimension's prefix %q", it.ID, m[1], prefix)
						}
					}
				}
			})

			t.Run("ReverseKeyedItems", func(t *testing.T) {
				withReverse := 0
				for _, d := range q.Dimensions {
					for _, it := range d.Items {
						if it.Reverse {
							withReverse++
							break
						}
					}
				}
				if 2*withReverse < len(q.Dimensions) {
					t.Errorf("%d of %d dimensions have a reverse-keyed item, want at least half", withReverse, len(q.Dimensions))
				}
			})

			t.Run("UnderTenMinutes", func(t *testing.T) {
				if m := q.EstimatedMinutes(); m >= 10 {
					t.Errorf("EstimatedMinutes() = %d, want < 10", m)
				}
				if s := 8 * len(q.Items()); s >= 600 {
					t.Errorf("%d items take %d s at 8 s each, want < 600 s", len(q.Items()), s)
				}
			})

			// The intro tells employees how many statements there are and
			// how long answering takes; it must follow when items change.
			t.Run("IntroMatchesLength", func(t *testing.T) {
				n, m := len(q.Items()), q.EstimatedMinutes()
				for _, want := range []struct{ lang, text string }{
					{"fr", fmt.Sprintf("%d phrases", n)},
					{"fr", fmt.Sprintf("%d minutes", m)},
					{"en", fmt.Sprintf("%d statements", n)},
					{"en", fmt.Sprintf("%d minutes", m)},
				} {
					if !strings.Contains(q.Intro[want.lang], want.text) {
						t.Errorf("%s intro does not say %q", want.lang, want.text)
					}
				}
			})
		})
	}
}

// The ratio divides mean raw values, so it equals Siegrist's e/(r*c) only
// when effort and reward share one scale; a different scale on either side
// would silently change its meaning.
func TestReconnaissanceEffortRewardRatio(t *testing.T) {
	q := mustParseBuiltinFile(t, "reconnaissance")
	var ratio *questionnaires.Indicator
	for _, ind := range q.Indicators {
		if ind.ID == "ratio-effort-recompense" {
			ratio = ind
		}
	}
	if ratio == nil {
		t.Fatal("no indicator ratio-effort-recompense")
	}
	if ratio.Kind != questionnaires.KindRatio || ratio.Numerator != "effort" || ratio.Denominator != "recompense" || ratio.Threshold != 1 {
		t.Errorf("indicator = %+v, want ratio effort/recompense with threshold 1", *ratio)
	}
	checkBilingual(t, "indicator title", ratio.Title)
	var scale *questionnaires.Scale
	for _, id := range []string{ratio.Numerator, ratio.Denominator} {
		d := q.Dimension(id)
		if d == nil {
			t.Fatalf("no dimension %s", id)
		}
		for _, it := range d.Items {
			if scale == nil {
				scale = it.Scale
			}
			if it.Scale.ID != scale.ID || it.Scale.Min != scale.Min || it.Scale.Max != scale.Max {
				t.Errorf("item %s uses scale %s (%d-%d), want every effort and reward item on %s (%d-%d)",
					it.ID, it.Scale.ID, it.Scale.Min, it.Scale.Max, scale.ID, scale.Min, scale.Max)
			}
		}
	}
}

// Defensive strategies are read collectively: the intro must say so in
// both languages, since employees may fear being judged.
func TestStrategiesDefensivesIntroNoDiagnosis(t *testing.T) {
	q := mustParseBuiltinFile(t, "strategies-defensives")
	for lang, want := range map[string]string{"fr": "jamais un diagnostic", "en": "never a diagnosis"} {
		if !strings.Contains(q.Intro[lang], want) {
			t.Errorf("%s intro does not contain %q", lang, want)
		}
	}
}

// docs/instruments.md describes every built-in dimension and indicator; a
// dimension added without its description fails here.
func TestBuiltinDocumented(t *testing.T) {
	data, err := os.ReadFile("../docs/instruments.md")
	if err != nil {
		t.Fatalf("read docs/instruments.md: %v", err)
	}
	doc := string(data)
	for id := range builtinDimensions {
		q := mustParseBuiltinFile(t, id)
		ids := []string{q.ID}
		for _, d := range q.Dimensions {
			ids = append(ids, d.ID)
		}
		for _, ind := range q.Indicators {
			ids = append(ids, ind.ID)
		}
		for _, want := range ids {
			if !strings.Contains(doc, "`"+want+"`") {
				t.Errorf("docs/instruments.md does not mention `%s`", want)
			}
		}
	}
}
