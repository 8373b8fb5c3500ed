package questionnaires_test

import (
	"os"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
)

// builtinClasses is the reviewed classification of every built-in
// dimension (docs/instruments.md, "Familles de risques", gives the reason
// for each line): the family whose exposure it measures, or the family it
// is a signal to discuss for, and whether it reads as a signal (a
// defensive strategy). A dimension added, moved or reclassified fails
// here until this table, and the reason in the docs, follow.
var builtinClasses = map[string]struct {
	family, signalFor questionnaires.RiskFamily
	signal            bool
}{
	"sens-du-travail/utilite-sociale":  {family: questionnaires.ConflitsValeurs},
	"sens-du-travail/rectitude-morale": {family: questionnaires.ConflitsValeurs},
	"sens-du-travail/autonomie":        {family: questionnaires.Autonomie},
	"sens-du-travail/apprentissage":    {family: questionnaires.Autonomie},
	"sens-du-travail/relations":        {family: questionnaires.RapportsSociaux},
	"sens-du-travail/sens-global":      {signalFor: questionnaires.ConflitsValeurs},

	"reconnaissance/effort":                        {family: questionnaires.IntensiteTemps},
	"reconnaissance/recompense":                    {family: questionnaires.RapportsSociaux},
	"reconnaissance/reconnaissance-personne":       {family: questionnaires.RapportsSociaux},
	"reconnaissance/reconnaissance-pratique":       {family: questionnaires.RapportsSociaux},
	"reconnaissance/reconnaissance-investissement": {family: questionnaires.RapportsSociaux},
	"reconnaissance/reconnaissance-resultats":      {family: questionnaires.RapportsSociaux},

	"strategies-defensives/rationalisation":    {signalFor: questionnaires.ConflitsValeurs, signal: true},
	"strategies-defensives/deni":               {signalFor: questionnaires.ExigencesEmotionnelles, signal: true},
	"strategies-defensives/mefiance":           {signalFor: questionnaires.RapportsSociaux, signal: true},
	"strategies-defensives/retrait":            {signalFor: questionnaires.RapportsSociaux, signal: true},
	"strategies-defensives/suractivite":        {signalFor: questionnaires.IntensiteTemps, signal: true},
	"strategies-defensives/cynisme":            {signalFor: questionnaires.ConflitsValeurs, signal: true},
	"strategies-defensives/souffrance-ethique": {family: questionnaires.ConflitsValeurs},

	"numerique-travail-reel/charge-saisie":            {family: questionnaires.IntensiteTemps},
	"numerique-travail-reel/fidelite-activite":        {signalFor: questionnaires.RapportsSociaux},
	"numerique-travail-reel/pilotage-par-les-donnees": {signalFor: questionnaires.RapportsSociaux},
	"numerique-travail-reel/temps-collectif":          {family: questionnaires.RapportsSociaux},
	"numerique-travail-reel/qualite-empechee":         {family: questionnaires.ConflitsValeurs},
	"numerique-travail-reel/marges-adaptation":        {family: questionnaires.Autonomie},

	"exigences-et-insecurite/exigences-emotionnelles": {family: questionnaires.ExigencesEmotionnelles},
	"exigences-et-insecurite/insecurite":              {family: questionnaires.Insecurite},
}

func TestBuiltinRiskFamilies(t *testing.T) {
	seen := map[string]bool{}
	measured := map[questionnaires.RiskFamily]bool{}
	for _, q := range questionnaires.Builtin() {
		for _, d := range q.Dimensions {
			key := q.ID + "/" + d.ID
			seen[key] = true
			want, ok := builtinClasses[key]
			if !ok {
				t.Errorf("%s: not in builtinClasses; classify it here and give the reason in docs/instruments.md", key)
				continue
			}
			if d.RiskFamily != want.family || d.SignalFor != want.signalFor || d.Signal() != want.signal {
				t.Errorf("%s: risk_family %q, signal_for %q, signal %v; want %q, %q, %v",
					key, d.RiskFamily, d.SignalFor, d.Signal(), want.family, want.signalFor, want.signal)
			}
			if d.RiskFamily == "" && !d.SignalFor.Valid() {
				t.Errorf("%s: neither an exposure nor a signal of a family: the DUERP would not show it", key)
			}
			measured[d.RiskFamily] = true
		}
	}
	for key := range builtinClasses {
		if !seen[key] {
			t.Errorf("builtinClasses lists %s, which no built-in questionnaire has", key)
		}
	}
	// With exigences-et-insecurite, a campaign can cover all six families.
	for _, f := range questionnaires.RiskFamilies {
		if !measured[f] {
			t.Errorf("no built-in dimension measures an exposure of %s", f)
		}
	}
}

// A defensive strategy is never an exposure: in the built-in files, no
// dimension of strategies-defensives but souffrance-ethique (a work
// situation, not a defence) and no tool dimension of
// numerique-travail-reel but those that measure an exposure directly has a
// risk_family.
func TestDefensiveStrategiesAreSignals(t *testing.T) {
	q, _ := questionnaires.BuiltinByID("strategies-defensives")
	for _, d := range q.Dimensions {
		if d.ID == "souffrance-ethique" {
			if d.Signal() || d.RiskFamily != questionnaires.ConflitsValeurs {
				t.Errorf("souffrance-ethique: signal %v, family %q; want an exposure of conflits-valeurs", d.Signal(), d.RiskFamily)
			}
			continue
		}
		if !d.Signal() || d.RiskFamily != "" || !d.SignalFor.Valid() {
			t.Errorf("%s: signal %v, risk_family %q, signal_for %q; want a signal for a family, no exposure", d.ID, d.Signal(), d.RiskFamily, d.SignalFor)
		}
	}
}

func TestRiskFamilyAssessedBy(t *testing.T) {
	for _, f := range questionnaires.RiskFamilies {
		for _, lang := range []string{"fr", "en"} {
			if s := f.AssessedBy(lang); !strings.HasPrefix(s, map[string]string{"fr": "des questions sur ", "en": "questions on "}[lang]) {
				t.Errorf("%s.AssessedBy(%s) = %q, want what questions would assess it", f, lang, s)
			}
		}
	}
	if got := questionnaires.Insecurite.AssessedBy("fr"); !strings.Contains(got, "crainte de perdre son emploi") {
		t.Errorf("insecurite: %q", got)
	}
}

// A campaign frozen with version 1 of strategies-defensives (defences as
// exposures) is read with the shipped classification; a consultant's own
// later version keeps its own.
func TestEarlierBuiltinVersionReclassified(t *testing.T) {
	data, err := os.ReadFile("strategies-defensives.yaml")
	if err != nil {
		t.Fatal(err)
	}
	v1 := strings.Replace(string(data), "version: 2\n", "version: 1\n", 1)
	v1 = strings.ReplaceAll(v1, "    reading: signal\n", "")
	v1 = strings.ReplaceAll(v1, "    signal_for: ", "    risk_family: ")
	if strings.Count(v1, "risk_family: exigences-emotionnelles") != 1 {
		t.Fatal("could not rebuild version 1")
	}
	q, err := questionnaires.Parse("strategies-defensives.yaml", []byte(v1))
	if err != nil {
		t.Fatal(err)
	}
	if d := q.Dimension("deni"); d.RiskFamily != "" || d.SignalFor != questionnaires.ExigencesEmotionnelles || !d.Signal() {
		t.Errorf("deni of version 1: family %q, signal_for %q, signal %v; want the shipped signal for exigences-emotionnelles", d.RiskFamily, d.SignalFor, d.Signal())
	}
	if string(q.Source) != v1 {
		t.Error("the source of the frozen copy changed")
	}
	v3 := strings.Replace(v1, "version: 1\n", "version: 3\n", 1)
	q, err = questionnaires.Parse("strategies-defensives.yaml", []byte(v3))
	if err != nil {
		t.Fatal(err)
	}
	if d := q.Dimension("deni"); d.RiskFamily != questionnaires.ExigencesEmotionnelles || d.Signal() {
		t.Errorf("deni of a later own version: family %q, signal %v; want the file's own", d.RiskFamily, d.Signal())
	}
}
