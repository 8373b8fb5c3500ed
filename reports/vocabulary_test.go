package reports_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// allBuiltin is every built-in instrument, as a campaign covering the six
// families would use them.
var allBuiltin = []string{"sens-du-travail", "reconnaissance", "strategies-defensives", "numerique-travail-reel", "exigences-et-insecurite"}

// signalsOnly is strategies-defensives without its one dimension read as
// levels (souffrance-ethique, the last): every dimension a signal.
func signalsOnly(tb testing.TB) *questionnaires.Questionnaire {
	tb.Helper()
	q, _ := questionnaires.BuiltinByID("strategies-defensives")
	src, _, ok := strings.Cut(string(q.Source), "\n  - id: souffrance-ethique")
	if !ok {
		tb.Fatal("souffrance-ethique is no longer the last dimension")
	}
	sq, err := questionnaires.Parse("signals.yaml", []byte(src+"\n"))
	if err != nil {
		tb.Fatal(err)
	}
	return sq
}

// signalTitles are the titles of the built-in dimensions read as signals.
func signalTitles(lang string) []string {
	var out []string
	for _, q := range questionnaires.Builtin() {
		for _, d := range q.Dimensions {
			if d.Signal() {
				out = append(out, d.Title.In(lang, q.Language))
			}
		}
	}
	return out
}

// levelWords are the words of the levels scale and of what goes well:
// never on a line that names a defensive strategy.
var levelWords = map[string]*regexp.Regexp{
	"fr": regexp.MustCompile(`(?i)favorable|va bien`),
	"en": regexp.MustCompile(`(?i)favourable|goes well`),
}

// checkSignalLines fails for every line of text that names a defensive
// strategy next to a word of the levels scale.
func checkSignalLines(t *testing.T, what, lang, text string) {
	t.Helper()
	titles := signalTitles(lang)
	if len(titles) != 6 {
		t.Fatalf("%d built-in signal dimensions, want the 6 defensive strategies", len(titles))
	}
	for _, line := range strings.Split(normalise(text), "\n") {
		for _, title := range titles {
			if strings.Contains(line, title) && levelWords[lang].MatchString(line) {
				t.Errorf("%s: %q reads as a level: %q", what, title, strings.TrimSpace(line))
			}
		}
	}
}

// The defensive strategies read as signals in the report, the guide and
// "L'essentiel", never as favourable or unfavourable (issue 20).
func TestDefensiveVocabularyPDF(t *testing.T) {
	requirePoppler(t)
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			r := pdfSyntheticReport(t, allBuiltin, lang, dossier.AudienceConsultant)
			r.DUERP = syntheticDUERP(r)
			text := strings.Join(pdfPages(t, renderPDF(t, r)), "\n")
			checkSignalLines(t, "report", lang, text)
			for _, unit := range []string{"", "Direction de l'enfance/Service accueil familial", "Direction de l'autonomie/Service APA"} {
				var buf bytes.Buffer
				if err := reports.Guide(&buf, r, unit); err != nil {
					t.Fatalf("Guide(%q): %v", unit, err)
				}
				guide := normalise(strings.Join(pdfPages(t, buf.Bytes()), "\n"))
				checkSignalLines(t, "guide "+unit, lang, guide)
				// What goes well lists no defensive strategy, even on a
				// wrapped line.
				heading := map[string]string{"fr": "Ce qui va bien", "en": "What goes well"}[lang]
				if i := strings.LastIndex(guide, heading); i >= 0 {
					well := guide[i:]
					for _, end := range []string{"Signaux faibles", "Weak signals", "Les propositions", "The team's proposals"} {
						well, _, _ = strings.Cut(well, end)
					}
					for _, title := range signalTitles(lang) {
						if strings.Contains(strings.Join(strings.Fields(well), " "), title) {
							t.Errorf("guide %q lists %q under %q", unit, title, heading)
						}
					}
				}
				// The weak signals' paragraph, wrapped or not, has no word
				// of the levels scale.
				weak := map[string]string{"fr": "Signaux faibles", "en": "Weak signals"}[lang]
				if i := strings.LastIndex(guide, weak); i >= 0 {
					para, _, _ := strings.Cut(guide[i:], map[string]string{"fr": "Les propositions", "en": "The team's proposals"}[lang])
					if levelWords[lang].MatchString(para) {
						t.Errorf("guide %q: the weak signals read as levels: %q", unit, para)
					}
				}
			}
		})
	}
}

// The one dimension of strategies-defensives read as levels is said so in
// its part, and the legends show both scales.
func TestMixedQuestionnaireSaysWhichReadsHow(t *testing.T) {
	requirePoppler(t)
	r := pdfSyntheticReport(t, []string{"strategies-defensives"}, "fr", dossier.AudienceCommittee)
	text := strings.Join(strings.Fields(normalise(strings.Join(pdfPages(t, renderPDF(t, r)), "\n"))), " ")
	for _, want := range []string{"« Souffrance éthique » décrit une situation de travail", "Stratégies défensives : ○ signal faible",
		"Dimensions : ○ favorable", "élevé = signal marqué"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// LevelName is where the web pages take the words from.
func TestLevelName(t *testing.T) {
	q, _ := questionnaires.BuiltinByID("strategies-defensives")
	for _, tc := range []struct {
		dim, lang string
		level     scoring.Level
		want      string
	}{
		{"cynisme", "fr", scoring.Unfavourable, "marqué"},
		{"cynisme", "fr", scoring.Favourable, "signal faible"},
		{"cynisme", "en", scoring.Intermediate, "to discuss"},
		{"souffrance-ethique", "fr", scoring.Unfavourable, "défavorable"},
		{"souffrance-ethique", "fr", "", ""},
	} {
		if got := reports.LevelName(tc.lang, q.Dimension(tc.dim), tc.level); got != tc.want {
			t.Errorf("LevelName(%s, %s, %s) = %q, want %q", tc.lang, tc.dim, tc.level, got, tc.want)
		}
	}
}

// The AIPD, the report's method and the notice say the same about what
// the built-in questionnaires are; the borrowed threshold of the ratio is
// labelled where it is shown.
func TestValidationStatementEverywhere(t *testing.T) {
	requirePoppler(t)
	const statement = "ce ne sont pas des versions validées de questionnaires publiés"
	squash := func(s string) string {
		return strings.Join(strings.Fields(strings.ReplaceAll(normalise(s), "’", "'")), " ")
	}
	r := pdfSyntheticReport(t, allBuiltin, "fr", dossier.AudienceCommittee)
	report := squash(strings.Join(pdfPages(t, renderPDF(t, r)), "\n"))
	var aipd bytes.Buffer
	p := &reports.Processing{Campaign: "Baromètre", Organisation: "Service social", Controller: "Service social",
		LegalBasis: "intérêt légitime", State: "close", MinGroupSize: 5, CommentMinGroupSize: 10, RetentionDays: 365, Codes: true}
	if err := reports.AIPDPDF(&aipd, p); err != nil {
		t.Fatal(err)
	}
	n := &reports.Notice{Controller: "Service social", LegalBasis: "intérêt légitime", MinGroupSize: 5, CommentMinGroupSize: 10, RetentionDays: 365}
	var notice strings.Builder
	for _, s := range n.Sections() {
		notice.WriteString(strings.Join(s.Paragraphs, "\n") + "\n")
	}
	for what, text := range map[string]string{
		"report": report, "aipd": squash(strings.Join(pdfPages(t, aipd.Bytes()), "\n")), "notice": squash(notice.String()),
	} {
		if !strings.Contains(text, statement) {
			t.Errorf("%s lacks %q", what, statement)
		}
		if strings.Contains(text, "questionnaires validés") {
			t.Errorf("%s still says « questionnaires validés »", what)
		}
	}
	for _, want := range []string{"Seuil emprunté : la valeur 1 est le seuil du modèle de Siegrist",
		"Le seuil de 1 est emprunté à un questionnaire publié", "seuil emprunté au modèle de Siegrist"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

// syntheticDUERP is the DUERP of a synthetic report, as the store would
// build it.
func syntheticDUERP(r *dossier.Report) *dossier.DUERP {
	var units []string
	for _, u := range pdfSyntheticUnits {
		units = append(units, strings.Join(u.path, "/"))
	}
	return dossier.NewDUERP(dossier.DUERPInput{Organisation: r.Organisation, Campaign: r.Campaign, Date: "2027-02-22",
		MinGroupSize: r.MinGroupSize, Units: units, Sections: r.Sections})
}
