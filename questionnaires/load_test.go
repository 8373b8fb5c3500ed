package questionnaires_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// base is a small valid file; each error case edits it in one place, so the
// expected line numbers below refer to these lines.
const base = `id: essai
version: 1
language: fr
title: {fr: "Essai", en: "Trial"}
intro: {fr: "Intro"}
comment: {fr: "Commentaire ?"}
scales:
  accord:
    min: 1
    max: 3
    labels:
      fr: [non, "un peu", oui]
      en: ["no", "a little", "yes"]
dimensions:
  - id: effort
    title: {fr: "Effort"}
    description: {fr: "Ce que le travail demande."}
    direction: higher_is_worse
    min_answered: 0.5
    cutoffs: [25, 75]
    items:
      - id: eff1
        text: {fr: "J'ai trop de travail."}
        scale: accord
      - id: eff2
        text: {fr: "J'ai le temps."}
        scale: accord
        reverse: true
  - id: recompense
    title: {fr: "Récompense"}
    description: {fr: "Ce que le travail rapporte."}
    direction: higher_is_better
    cutoffs: [30, 70]
    items:
      - id: rec1
        text: {fr: "On me respecte."}
        scale: accord
indicators:
  - id: ratio
    title: {fr: "Ratio"}
    kind: ratio
    numerator: effort
    denominator: recompense
    threshold: 1
`

// edit returns base with old replaced by new, failing when old is not
// exactly once in base (a typo in a case would otherwise test nothing).
func edit(tb testing.TB, old, new string) string {
	tb.Helper()
	if n := strings.Count(base, old); n != 1 {
		tb.Fatalf("%q occurs %d times in base, want 1", old, n)
	}
	return strings.Replace(base, old, new, 1)
}

// mustLoadError parses data and returns its problems, failing when the file
// is accepted or the error is not a *LoadError.
func mustLoadError(tb testing.TB, data string) []questionnaires.Problem {
	tb.Helper()
	q, err := questionnaires.Parse("essai.yaml", []byte(data))
	if err == nil {
		tb.Fatalf("Parse accepted an invalid file (questionnaire %q)", q.ID)
	}
	var le *questionnaires.LoadError
	if !errors.As(err, &le) {
		tb.Fatalf("error is %T (%v), want *LoadError", err, err)
	}
	if len(le.Problems) == 0 {
		tb.Fatal("LoadError without problems")
	}
	return le.Problems
}

func TestParseBaseIsValid(t *testing.T) {
	if _, err := questionnaires.Parse("essai.yaml", []byte(base)); err != nil {
		t.Fatalf("base file rejected:\n%v", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		line int
		msg  string
	}{
		// YAML itself.
		{"SyntaxError", edit(t, "    max: 3\n", "    max: [3\n"), 9, "erreur de syntaxe YAML"},
		{"EmptyFile", "", 0, "fichier vide"},
		{"TwoDocuments", base + "---\nid: autre\n", 45, "un seul document"},
		{"NotATable", "- a\n- b\n", 1, "une table"},

		// Unknown keys at every level.
		{"UnknownTopKey", edit(t, "language: fr\n", "language: fr\ncolour: red\n"), 4, "clé inconnue « colour »"},
		{"UnknownScaleKey", edit(t, "    max: 3\n", "    max: 3\n    step: 1\n"), 11, "échelle accord : clé inconnue « step »"},
		{"UnknownDimensionKey", edit(t, "    direction: higher_is_worse\n", "    direction: higher_is_worse\n    poids: 2\n"), 19, "dimension effort : clé inconnue « poids »"},
		{"UnknownItemKey", edit(t, "        reverse: true\n", "        reverse: true\n        note: x\n"), 29, "item eff2 : clé inconnue « note »"},
		{"UnknownIndicatorKey", edit(t, "    threshold: 1\n", "    threshold: 1\n    unit: x\n"), 45, "indicateur ratio : clé inconnue « unit »"},
		{"RepeatedKey", edit(t, "version: 1\n", "version: 1\nversion: 2\n"), 3, "clé « version » en double"},

		// Missing required fields.
		{"MissingID", edit(t, "id: essai\n", ""), 1, "champ obligatoire « id » manquant"},
		{"MissingVersion", edit(t, "version: 1\n", ""), 1, "champ obligatoire « version » manquant"},
		{"MissingLanguage", edit(t, "language: fr\n", ""), 1, "champ obligatoire « language » manquant"},
		{"MissingTitle", edit(t, "title: {fr: \"Essai\", en: \"Trial\"}\n", ""), 1, "champ obligatoire « title » manquant"},
		{"MissingScales", edit(t, "scales:\n  accord:\n    min: 1\n    max: 3\n    labels:\n      fr: [non, \"un peu\", oui]\n      en: [\"no\", \"a little\", \"yes\"]\n", ""), 1, "champ obligatoire « scales » manquant"},
		{"MissingDimensions", edit(t, "dimensions:\n", "dimensions_:\n"), 1, "champ obligatoire « dimensions » manquant"},
		{"MissingScaleMin", edit(t, "    min: 1\n", ""), 8, "échelle accord : champ obligatoire « min » manquant"},
		{"MissingLabels", edit(t, "    labels:\n      fr: [non, \"un peu\", oui]\n      en: [\"no\", \"a little\", \"yes\"]\n", ""), 8, "champ obligatoire « labels » manquant"},
		{"MissingDimensionTitle", edit(t, "    title: {fr: \"Effort\"}\n", ""), 15, "dimension effort : champ obligatoire « title » manquant"},
		{"MissingDescription", edit(t, "    description: {fr: \"Ce que le travail rapporte.\"}\n", ""), 29, "dimension recompense : champ obligatoire « description » manquant"},
		{"MissingDirection", edit(t, "    direction: higher_is_better\n", ""), 29, "dimension recompense : champ obligatoire « direction » manquant"},
		{"MissingCutoffs", edit(t, "    cutoffs: [30, 70]\n", ""), 29, "dimension recompense : champ obligatoire « cutoffs » manquant"},
		{"MissingItems", edit(t, "    items:\n      - id: rec1\n        text: {fr: \"On me respecte.\"}\n        scale: accord\n", ""), 29, "dimension recompense : champ obligatoire « items » manquant"},
		{"MissingItemText", edit(t, "        text: {fr: \"On me respecte.\"}\n", ""), 35, "item rec1 : champ obligatoire « text » manquant"},
		{"MissingItemScale", edit(t, "respecte.\"}\n        scale: accord\n", "respecte.\"}\n"), 35, "item rec1 : champ obligatoire « scale » manquant"},
		{"MissingItemID", edit(t, "      - id: rec1\n        text", "      - text"), 35, "item n°1 : champ obligatoire « id » manquant"},
		{"MissingIndicatorKind", edit(t, "    kind: ratio\n", ""), 39, "indicateur ratio : champ obligatoire « kind » manquant"},
		{"MissingNumerator", edit(t, "    numerator: effort\n", ""), 39, "champ obligatoire « numerator » manquant"},
		{"EmptyRequiredValue", edit(t, "    direction: higher_is_better\n", "    direction:\n"), 32, "champ obligatoire « direction » vide"},

		// Identifiers.
		{"BadQuestionnaireID", edit(t, "id: essai", "id: Essai"), 1, "identifiant de questionnaire invalide « Essai »"},
		{"BadScaleID", edit(t, "  accord:\n", "  accord_2:\n"), 8, "identifiant d'échelle invalide « accord_2 »"},
		{"BadDimensionID", edit(t, "- id: effort", "- id: effort physique"), 15, "identifiant de dimension invalide « effort physique »"},
		{"BadItemID", edit(t, "- id: eff1", "- id: Eff1"), 22, "identifiant d'item invalide « Eff1 »"},
		{"BadIndicatorID", edit(t, "- id: ratio", "- id: ratio/1"), 39, "identifiant d'indicateur invalide « ratio/1 »"},
		{"AccentedID", edit(t, "- id: recompense", "- id: récompense"), 29, "identifiant de dimension invalide"},
		{"BadLanguage", edit(t, "language: fr", "language: Français"), 3, "code de langue invalide « Français »"},

		// Version.
		{"VersionZero", edit(t, "version: 1", "version: 0"), 2, "« version » doit être un entier positif"},
		{"VersionNegative", edit(t, "version: 1", "version: -3"), 2, "« version » doit être un entier positif"},
		{"VersionFloat", edit(t, "version: 1", "version: 1.5"), 2, "« version » doit être un nombre entier"},
		{"VersionString", edit(t, "version: 1", "version: \"1\""), 2, "« version » doit être un nombre entier"},

		// Duplicate ids.
		{"DuplicateItem", edit(t, "- id: rec1", "- id: eff1"), 35, "item eff1 : identifiant d'item en double (déjà à la ligne 22)"},
		{"DuplicateDimension", edit(t, "- id: recompense", "- id: effort"), 29, "dimension effort : identifiant de dimension en double (déjà à la ligne 15)"},
		{"DuplicateScale", edit(t, "dimensions:\n", "  accord:\n    min: 1\n    max: 2\n    labels: {fr: [a, b]}\ndimensions:\n"), 14, "clé « accord » en double"},
		{"DuplicateIndicator", base + "  - id: ratio\n    title: {fr: R}\n    kind: ratio\n    numerator: recompense\n    denominator: effort\n    threshold: 2\n", 45, "identifiant d'indicateur en double (déjà à la ligne 39)"},

		// Default-language texts.
		{"TitleWithoutDefault", edit(t, "title: {fr: \"Essai\", en: \"Trial\"}", "title: {en: \"Trial\"}"), 4, "title : texte manquant dans la langue par défaut « fr »"},
		{"IntroWithoutDefault", edit(t, "intro: {fr: \"Intro\"}", "intro: {en: \"Intro\"}"), 5, "intro : texte manquant"},
		{"CommentWithoutDefault", edit(t, "comment: {fr: \"Commentaire ?\"}", "comment: {en: \"Comment?\"}"), 6, "comment : texte manquant"},
		{"DimensionTitleWithoutDefault", edit(t, "title: {fr: \"Effort\"}", "title: {en: \"Effort\"}"), 16, "dimension effort : title : texte manquant"},
		{"DescriptionWithoutDefault", edit(t, "description: {fr: \"Ce que le travail demande.\"}", "description: {}"), 17, "dimension effort : description : texte manquant"},
		{"ItemTextWithoutDefault", edit(t, "text: {fr: \"J'ai le temps.\"}", "text: {en: \"I have time.\"}"), 26, "item eff2 : text : texte manquant"},
		{"ItemTextEmpty", edit(t, "text: {fr: \"J'ai le temps.\"}", "text: {fr: \"  \"}"), 26, "item eff2 : text : texte vide en « fr »"},
		{"IndicatorTitleWithoutDefault", edit(t, "title: {fr: \"Ratio\"}", "title: {en: \"Ratio\"}"), 40, "indicateur ratio : title : texte manquant"},
		{"LabelsWithoutDefault", edit(t, "      fr: [non, \"un peu\", oui]\n", ""), 12, "libellés manquants dans la langue par défaut « fr »"},
		{"EmptyLabel", edit(t, "[non, \"un peu\", oui]", "[non, \"\", oui]"), 12, "chaque libellé doit être un texte non vide"},

		// Scales.
		{"TooFewLabels", edit(t, "fr: [non, \"un peu\", oui]", "fr: [non, oui]"), 12, "labels en « fr » : 2 libellés pour 3 valeurs"},
		{"TooManyLabelsOtherLanguage", edit(t, "\"a little\", \"yes\"]", "\"a little\", \"yes\", \"very\"]"), 13, "labels en « en » : 4 libellés pour 3 valeurs"},
		{"MinEqualsMax", edit(t, "    min: 1\n", "    min: 3\n"), 10, "« min » (3) doit être inférieur à « max » (3)"},
		{"MinAboveMax", edit(t, "    min: 1\n", "    min: 4\n"), 10, "« min » (4) doit être inférieur à « max » (3)"},
		{"ScaleHuge", edit(t, "    min: 1\n    max: 3\n", "    min: -9223372036854775808\n    max: 9223372036854775807\n"), 10, "doivent être compris entre -1000 et 1000"},
		{"ScaleTooManyValues", edit(t, "    max: 3\n", "    max: 200\n"), 10, "trop de valeurs (200), 101 au plus"},
		{"ScaleMinString", edit(t, "    min: 1\n", "    min: un\n"), 9, "« min » doit être un nombre entier, pas « un »"},
		{"NoScales", edit(t, "scales:\n  accord:\n    min: 1\n    max: 3\n    labels:\n      fr: [non, \"un peu\", oui]\n      en: [\"no\", \"a little\", \"yes\"]\n", "scales: {}\n"), 7, "aucune échelle"},

		// Dimensions.
		{"BadDirection", edit(t, "direction: higher_is_worse", "direction: higher"), 18, "« direction » vaut « higher »"},
		{"MinAnsweredZero", edit(t, "min_answered: 0.5", "min_answered: 0"), 19, "« min_answered » doit être supérieur à 0 et au plus 1"},
		{"MinAnsweredAboveOne", edit(t, "min_answered: 0.5", "min_answered: 1.01"), 19, "« min_answered » doit être supérieur à 0 et au plus 1"},
		{"MinAnsweredString", edit(t, "min_answered: 0.5", "min_answered: moitié"), 19, "« min_answered » doit être un nombre"},
		{"MinAnsweredNaN", edit(t, "min_answered: 0.5", "min_answered: .nan"), 19, "« min_answered » doit être un nombre"},
		{"CutoffsOne", edit(t, "cutoffs: [25, 75]", "cutoffs: [25]"), 20, "exactement deux nombres"},
		{"CutoffsThree", edit(t, "cutoffs: [25, 75]", "cutoffs: [25, 50, 75]"), 20, "exactement deux nombres"},
		{"CutoffsReversed", edit(t, "cutoffs: [25, 75]", "cutoffs: [75, 25]"), 20, "0 <= bas < haut <= 100"},
		{"CutoffsEqual", edit(t, "cutoffs: [25, 75]", "cutoffs: [50, 50]"), 20, "0 <= bas < haut <= 100"},
		{"CutoffsNegative", edit(t, "cutoffs: [25, 75]", "cutoffs: [-1, 75]"), 20, "0 <= bas < haut <= 100"},
		{"CutoffsAbove100", edit(t, "cutoffs: [25, 75]", "cutoffs: [25, 100.5]"), 20, "0 <= bas < haut <= 100"},
		{"CutoffsString", edit(t, "cutoffs: [25, 75]", "cutoffs: [25, haut]"), 20, "« cutoffs » doit être un nombre, pas « haut »"},
		{"CutoffsNotList", edit(t, "cutoffs: [25, 75]", "cutoffs: 25"), 20, "cutoffs : une liste est attendue"},
		{"UnknownScale", edit(t, "J'ai trop de travail.\"}\n        scale: accord", "J'ai trop de travail.\"}\n        scale: acord"), 24, "dimension effort : l'item eff1 utilise une échelle inconnue « acord »"},
		{"NoItems", edit(t, "    items:\n      - id: rec1\n        text: {fr: \"On me respecte.\"}\n        scale: accord\n", "    items: []\n"), 34, "dimension recompense : aucun item"},
		{"NoDimensions", edit(t, "dimensions:\n  - id: effort", "dimensions: []\nold:\n  - id: effort"), 14, "aucune dimension"},
		{"ReverseNotBool", edit(t, "reverse: true", "reverse: oui"), 28, "« reverse » doit valoir true ou false, pas « oui »"},
		{"DimensionsNotList", edit(t, "indicators:\n", "indicators: []\nx:\n"), 39, "clé inconnue « x »"},

		// Indicators.
		{"KindNotRatio", edit(t, "kind: ratio", "kind: difference"), 41, "« kind » vaut « difference », seul « ratio » existe"},
		{"UnknownNumerator", edit(t, "numerator: effort", "numerator: efort"), 42, "« numerator » désigne une dimension inconnue « efort »"},
		{"UnknownDenominator", edit(t, "denominator: recompense", "denominator: reward"), 43, "« denominator » désigne une dimension inconnue « reward »"},
		{"NumeratorIsDenominator", edit(t, "denominator: recompense", "denominator: effort"), 43, "même dimension « effort »"},
		{"ThresholdMissing", edit(t, "    threshold: 1\n", ""), 39, "champ obligatoire « threshold » manquant"},
		{"ThresholdZero", edit(t, "threshold: 1", "threshold: 0"), 44, "« threshold » doit être un nombre strictement positif"},
		{"ThresholdNegative", edit(t, "threshold: 1", "threshold: -0.5"), 44, "strictement positif"},
		{"ThresholdString", edit(t, "threshold: 1", "threshold: un"), 44, "« threshold » doit être un nombre, pas « un »"},
		{"IndicatorsNotList", edit(t, "indicators:\n  - id: ratio", "indicators: ratio\nold:\n  - id: ratio"), 38, "indicators : une liste est attendue"},

		// Wrong types elsewhere.
		{"TitleString", edit(t, "title: {fr: \"Essai\", en: \"Trial\"}", "title: Essai"), 4, "title : une table « clé: valeur » est attendue"},
		{"TextList", edit(t, "text: {fr: \"On me respecte.\"}", "text: {fr: [a, b]}"), 36, "le texte en « fr » doit être une chaîne"},
		{"ScaleNotTable", edit(t, "  accord:\n    min: 1\n    max: 3\n    labels:\n      fr: [non, \"un peu\", oui]\n      en: [\"no\", \"a little\", \"yes\"]\n", "  accord: [1, 3]\n"), 8, "échelle accord : une table"},
		{"LabelsNotList", edit(t, "fr: [non, \"un peu\", oui]", "fr: non"), 12, "labels en « fr » : une liste est attendue"},
		{"ItemNotTable", edit(t, "      - id: rec1\n        text: {fr: \"On me respecte.\"}\n        scale: accord\n", "      - rec1\n"), 35, "item n°1 : une table"},
		{"IDNotScalar", edit(t, "id: essai", "id: [essai]"), 1, "« id » doit être une valeur simple"},
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
}

func TestParseReportsEveryProblem(t *testing.T) {
	data := base
	for _, r := range [][2]string{
		{"version: 1", "version: 0"},                                    // line 2
		{"fr: [non, \"un peu\", oui]", "fr: [non, oui]"},                // line 12
		{"direction: higher_is_worse", "direction: higher"},             // line 18
		{"scale: accord\n        reverse", "scale: x\n        reverse"}, // line 27
		{"threshold: 1", "threshold: 0"},                                // line 44
	} {
		data = strings.Replace(data, r[0], r[1], 1)
	}
	problems := mustLoadError(t, data)
	var lines []int
	for _, p := range problems {
		lines = append(lines, p.Line)
	}
	want := []int{2, 12, 18, 27, 44}
	if len(lines) != len(want) {
		t.Fatalf("problem lines = %v, want %v:\n%v", lines, want, &questionnaires.LoadError{Problems: problems})
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Fatalf("problem lines = %v, want %v (in line order)", lines, want)
		}
	}
}

func TestLoadErrorFormat(t *testing.T) {
	err := &questionnaires.LoadError{Problems: []questionnaires.Problem{
		{File: "reconnaissance.yaml", Line: 42, Message: "dimension effort : l'item eff3 utilise une échelle inconnue « acord »"},
		{File: "reconnaissance.yaml", Line: 0, Message: "fichier vide"},
	}}
	want := "reconnaissance.yaml:42: dimension effort : l'item eff3 utilise une échelle inconnue « acord »\nreconnaissance.yaml: fichier vide"
	if got := err.Error(); got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
	var wrapped error = fmt.Errorf("upload: %w", err)
	if code, msg := vigie.ErrorCode(wrapped), vigie.ErrorMessage(wrapped); code != vigie.EINVALID || msg != want {
		t.Fatalf("ErrorCode, ErrorMessage = %q, %q; want %q and the problems", code, msg, vigie.EINVALID)
	}
}

func TestParseValidFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "valide.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := questionnaires.Parse("valide.yaml", data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if q.ID != "charge-et-soutien" || q.Version != 1 || q.Language != "fr" {
		t.Errorf("id, version, language = %q, %d, %q", q.ID, q.Version, q.Language)
	}
	if got := strings.Join(q.Languages(), ","); got != "fr,en" {
		t.Errorf("Languages() = %s, want fr,en", got)
	}
	if q.Title["en"] != "Workload and support" || q.Intro["fr"] == "" || q.Comment["en"] != "Would you like to add anything?" {
		t.Errorf("texts = %v / %v / %v", q.Title, q.Intro, q.Comment)
	}
	if string(q.Source) != string(data) {
		t.Error("Source differs from the file")
	}
	if len(q.Scales) != 1 || q.Scales[0].ID != "accord" || q.Scales[0].Min != 1 || q.Scales[0].Max != 4 {
		t.Fatalf("scales = %+v", q.Scales)
	}
	if got := q.Scales[0].Label(4, "en", "fr"); got != "Strongly agree" {
		t.Errorf("label 4 en = %q", got)
	}
	if len(q.Dimensions) != 2 {
		t.Fatalf("%d dimensions, want 2", len(q.Dimensions))
	}
	charge, soutien := q.Dimensions[0], q.Dimensions[1]
	if charge.ID != "charge" || charge.Direction != questionnaires.HigherIsWorse || charge.MinAnswered != 0.5 ||
		charge.Cutoffs != (questionnaires.Cutoffs{Low: 40, High: 70}) {
		t.Errorf("charge = %+v (want default min_answered 0.5, cutoffs 40/70)", charge)
	}
	if soutien.Direction != questionnaires.HigherIsBetter || soutien.MinAnswered != 0.6 || soutien.Cutoffs.Low != 35 {
		t.Errorf("soutien = %+v", soutien)
	}
	wantItems := []struct {
		id      string
		dim     string
		reverse bool
	}{
		{"charge1", "charge", false}, {"charge2", "charge", true}, {"charge3", "charge", false},
		{"soutien1", "soutien", false}, {"soutien2", "soutien", false}, {"soutien3", "soutien", true},
	}
	items := q.Items()
	if len(items) != len(wantItems) {
		t.Fatalf("%d items, want %d", len(items), len(wantItems))
	}
	for i, w := range wantItems {
		it := items[i]
		if it.ID != w.id || it.Dimension != w.dim || it.Reverse != w.reverse || it.Index != i || it.Scale != q.Scales[0] {
			t.Errorf("item %d = %+v, want %+v at index %d on scale accord", i, it, w, i)
		}
	}
	if q.Item("soutien3") != items[5] || q.Dimension("soutien") != soutien {
		t.Error("Item/Dimension lookups do not return the loaded objects")
	}
	want := questionnaires.Indicator{ID: "ratio-charge-soutien", Title: q.Indicators[0].Title, Kind: questionnaires.KindRatio,
		Numerator: "charge", Denominator: "soutien", Threshold: 1}
	if len(q.Indicators) != 1 || q.Indicators[0].ID != want.ID || q.Indicators[0].Numerator != "charge" ||
		q.Indicators[0].Denominator != "soutien" || q.Indicators[0].Threshold != 1 || q.Indicators[0].Kind != want.Kind {
		t.Errorf("indicators = %+v, want %+v", q.Indicators, want)
	}
	// 6 items * 8 s + 60 s for the free-text question = 108 s -> 2 min.
	if got := q.EstimatedMinutes(); got != 2 {
		t.Errorf("EstimatedMinutes() = %d, want 2", got)
	}
}

// TestParseOptionalParts checks the defaults when intro, comment,
// indicators, min_answered and reverse are left out.
func TestParseOptionalParts(t *testing.T) {
	data := base
	for _, old := range []string{"intro: {fr: \"Intro\"}\n", "comment: {fr: \"Commentaire ?\"}\n", "    min_answered: 0.5\n", "        reverse: true\n"} {
		data = strings.Replace(data, old, "", 1)
	}
	data = data[:strings.Index(data, "indicators:")]
	q, err := questionnaires.Parse("essai.yaml", []byte(data))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if q.Intro != nil || q.Comment != nil || q.Indicators != nil {
		t.Errorf("intro, comment, indicators = %v, %v, %v; want all empty", q.Intro, q.Comment, q.Indicators)
	}
	if q.Dimensions[0].MinAnswered != questionnaires.DefaultMinAnswered || q.Item("eff2").Reverse {
		t.Errorf("min_answered = %v, reverse = %v; want 0.5 and false", q.Dimensions[0].MinAnswered, q.Item("eff2").Reverse)
	}
	// 3 items * 8 s = 24 s -> 1 min.
	if got := q.EstimatedMinutes(); got != 1 {
		t.Errorf("EstimatedMinutes() = %d, want 1", got)
	}
}

func TestParseAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString(edit(t, "    items:\n      - id: rec1", "    items: &its\n      - id: rec1"))
	b.WriteString("extra: [")
	for i := range 2000 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("*its")
	}
	b.WriteString("]\n")
	mustLoadError(t, b.String())
}
