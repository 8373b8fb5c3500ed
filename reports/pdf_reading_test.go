package reports_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// What a committee reads in the PDF beyond the figures: the method's
// limits, the defensive strategies as signals, dates in words, why
// something is hidden or missing. Most checks read the page streams
// (pageStreams), so they run without poppler; layout checks need it.

// streamHas reports whether the PDF's pages hold s as one piece of text.
func streamHas(streams []byte, s string) bool { return bytes.Contains(streams, utf16be(s)) }

func TestPDFMethodStatesLimits(t *testing.T) {
	ids := []string{"reconnaissance", "strategies-defensives"}
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"fr", []string{"Portée et limites",
			"ce ne sont pas des versions validées de questionnaires publiés",
			"sont une convention de lecture, pas des normes cliniques",
			"Ces scores ne peuvent pas être comparés aux normes publiées",
			"Les stratégies défensives sont des signaux collectifs, pas une mesure de qui que ce soit"}},
		{"en", []string{"Scope and limits",
			"they are not validated versions of published questionnaires",
			"are a reading convention, not clinical norms",
			"These scores cannot be compared with the published norms",
			"Defensive strategies are collective signals, not a measure of anyone"}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			streams := pageStreams(t, renderPDF(t, pdfSyntheticReport(t, ids, tt.lang, dossier.AudienceCommittee)))
			for _, w := range tt.want {
				// The method's sentences wrap: look for a piece that stays on a line.
				if !streamHasWrapped(streams, w) {
					t.Errorf("method lacks %q", w)
				}
			}
		})
	}
}

// streamHasWrapped reports whether every word of s appears, in order, in
// the page streams: a paragraph may be broken over several lines.
func streamHasWrapped(streams []byte, s string) bool {
	rest := streams
	for _, w := range strings.Fields(reports.FrenchTypography(s)) {
		w = strings.Trim(w, "«»“”\u00a0")
		if w == "" {
			continue
		}
		i := bytes.Index(rest, utf16be(w))
		if i < 0 {
			return false
		}
		rest = rest[i:]
	}
	return true
}

// The defensive strategies are signals to discuss: their levels have
// their own names and colours, never the red of « défavorable ». The
// questionnaire's one work situation (souffrance-ethique) is left out
// here, so that nothing may read as levels (vocabulary_test.go checks the
// whole questionnaire line by line).
func TestPDFDefensiveStrategiesAreSignals(t *testing.T) {
	r := pdfSyntheticReport(t, []string{"strategies-defensives"}, "fr", dossier.AudienceCommittee)
	r.Sections[0] = pdfSyntheticSection(t, signalsOnly(t), r.MinGroupSize, 1)
	pdf := renderPDF(t, r)
	streams := pageStreams(t, pdf)
	for _, w := range []string{"○ signal faible", "◐ à discuter", "● marqué", "élevé = signal marqué"} {
		if !streamHas(streams, w) {
			t.Errorf("defensive strategies lack %q", w)
		}
	}
	for _, w := range []string{"● défavorable", "zone défavorable", "élevé = défavorable", "dimensions défavorables"} {
		if streamHas(streams, w) {
			t.Errorf("defensive strategies read %q", w)
		}
	}
	// fpdf writes a fill colour as "r g b rg": the red of unfavourable
	// (183, 28, 28) must not be used anywhere.
	if red := []byte("0.718 0.110 0.110 rg"); bytes.Contains(streams, red) {
		t.Errorf("the defensive strategies report uses the unfavourable red")
	}
	other := pageStreams(t, renderPDF(t, pdfSyntheticReport(t, []string{"reconnaissance"}, "fr", dossier.AudienceCommittee)))
	if !bytes.Contains(other, []byte("0.718 0.110 0.110 rg")) || !streamHas(other, "● défavorable") {
		t.Errorf("other questionnaires lost their unfavourable level")
	}
}

func TestPDFPeriodInWords(t *testing.T) {
	for _, tt := range []struct {
		name, lang, opened, closed, period string
		want                               []string
	}{
		{"Range", "fr", "2026-W41", "2026-W44", "", []string{"du 5 octobre au 1er novembre 2026",
			"Pour l'anonymat, seules la semaine d'ouverture et celle de clôture"}},
		{"OneWeek", "fr", "2026-W41", "2026-W41", "", []string{"semaine du 5 octobre 2026"}},
		{"AcrossYears", "fr", "2026-W53", "2027-W02", "", []string{"du 28 décembre 2026 au 17 janvier 2027"}},
		{"English", "en", "2026-W41", "2026-W44", "", []string{"5 October to 1 November 2026",
			"For anonymity, only the weeks of opening and closing are kept"}},
		{"LegacyPeriod", "fr", "", "", "2026-W41 – 2026-W44", []string{"du 5 octobre au 1er novembre 2026"}},
		{"FreeText", "fr", "", "", "printemps 2027", []string{"printemps 2027"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := pdfReport(t, tt.lang, dossier.AudienceCommittee, 5)
			r.OpenedWeek, r.ClosedWeek, r.Period = tt.opened, tt.closed, tt.period
			streams := pageStreams(t, renderPDF(t, r))
			for _, w := range tt.want {
				if !streamHas(streams, reports.FrenchTypography(w)) && !streamHasWrapped(streams, w) {
					t.Errorf("cover lacks %q", w)
				}
			}
			if bytes.Contains(streams, utf16be("-W4")) || bytes.Contains(streams, utf16be("W53")) {
				t.Errorf("the report shows an ISO week")
			}
		})
	}
}

func TestPDFReportDateFirstOfMonth(t *testing.T) {
	r := pdfReport(t, "fr", dossier.AudienceCommittee, 5)
	r.GeneratedAt = r.GeneratedAt.AddDate(0, 0, 1-r.GeneratedAt.Day()) // 1 February 2027
	if streams := pageStreams(t, renderPDF(t, r)); !streamHas(streams, "1er février 2027") {
		t.Errorf("report date is not « 1er février 2027 »")
	}
}

func TestPDFVersionShownOnlyWhenReal(t *testing.T) {
	for _, tt := range []struct{ version, want, notWant string }{
		{"dev", "", "Vigie dev"},
		{"", "", "Produit avec Vigie"},
		{"1.4.0", "Produit avec Vigie 1.4.0", ""},
	} {
		r := pdfReport(t, "fr", dossier.AudienceCommittee, 5)
		r.Version = tt.version
		pdf := renderPDF(t, r)
		streams := pageStreams(t, pdf)
		if tt.want != "" && !streamHas(streams, tt.want) {
			t.Errorf("version %q: cover lacks %q", tt.version, tt.want)
		}
		if tt.notWant != "" && (streamHas(streams, tt.notWant) || bytes.Contains(pdf, []byte("Vigie dev"))) {
			t.Errorf("version %q: report shows %q", tt.version, tt.notWant)
		}
	}
}

// The running header never cuts « Confidentiel »: long names give way.
func TestPDFHeaderKeepsConfidentialWhole(t *testing.T) {
	r := pdfReport(t, "fr", dossier.AudienceCommittee, 5)
	r.Organisation = "Conseil départemental de la Haute-Saône, direction de la solidarité et de l'autonomie"
	r.Campaign = "Enquête sur le sens du travail et la reconnaissance dans les services sociaux territoriaux 2027"
	streams := pageStreams(t, renderPDF(t, r))
	if !streamHas(streams, "Confidentiel") {
		t.Errorf("the running header cut « Confidentiel »")
	}
	if streamHas(streams, "Con…") {
		t.Errorf("the running header shows « Con… »")
	}
}

// The reading of an alpha follows the value as printed: 0,70 is
// acceptable even when the value is 0.698.
func TestPDFReliabilityReadingFollowsRoundedValue(t *testing.T) {
	requirePoppler(t)
	r := pdfReport(t, "fr", dossier.AudienceCommittee, 5)
	a, b := 0.698, 0.7996
	rel := r.Sections[0].Result.Reliability
	rel["effort"] = scoring.Reliability{Alpha: &a, N: 139}
	rel["recompense"] = scoring.Reliability{Alpha: &b, N: 140}
	text := normalise(strings.Join(pdfPages(t, renderPDF(t, r)), "\n"))
	for _, w := range []struct{ value, reading string }{{"0,70", "cohérence acceptable"}, {"0,80", "bonne cohérence"}} {
		found := false
		for _, line := range strings.Split(text, "\n") {
			if strings.Contains(line, " "+w.value+" ") && strings.Contains(line, w.reading) {
				found = true
			}
		}
		if !found {
			t.Errorf("no reliability row reads %s as %q", w.value, w.reading)
		}
	}
}

func TestPDFCommentsSayWhyNone(t *testing.T) {
	for _, tt := range []struct {
		name              string
		pending, withheld bool
		offline           bool
		want              []string
	}{
		{"None", false, false, false, []string{"Aucun commentaire n'a été publié pour ce questionnaire."}},
		{"Pending", true, false, false, []string{"Aucun commentaire n'est encore publié", "attendent la relecture du consultant"}},
		{"Withheld", false, true, false, []string{"Aucun commentaire n'a été publié pour ce questionnaire.",
			"Des commentaires viennent de groupes de moins de 10 répondants"}},
		{"Offline", false, false, true, []string{"Ce rapport est établi à partir d'un fichier de réponses"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := pdfReport(t, "fr", dossier.AudienceCommittee, 5)
			r.Sections[0].CommentsPending, r.Sections[0].CommentsWithheld, r.Offline = tt.pending, tt.withheld, tt.offline
			streams := pageStreams(t, renderPDF(t, r))
			if !streamHas(streams, "Commentaires") {
				t.Errorf("no comments heading")
			}
			for _, w := range tt.want {
				if !streamHasWrapped(streams, w) {
					t.Errorf("comments section lacks %q", w)
				}
			}
		})
	}
}

// An offline report knows no headcount: it claims nothing about rates.
func TestPDFOfflineMakesNoHeadcountClaim(t *testing.T) {
	r := pdfReport(t, "fr", dossier.AudienceCommittee, 5)
	r.Offline, r.SegmentLabels = true, nil
	for i := range r.Participation {
		r.Participation[i].Headcount, r.Participation[i].Rate = 0, nil
	}
	streams := pageStreams(t, renderPDF(t, r))
	for _, w := range []string{"les effectifs des unités ne sont pas connus", "aucun taux de participation n'est calculé",
		"Segment : Metier"} {
		if !streamHasWrapped(streams, w) {
			t.Errorf("offline report lacks %q", w)
		}
	}
	for _, w := range []string{"dont l'effectif est connu", "Effectif", "Taux"} {
		if streamHas(streams, w) {
			t.Errorf("offline report claims %q", w)
		}
	}
}

// A hidden unit gives its own reason in the participation table: below k
// only when it is itself below k.
func TestPDFParticipationHiddenReasons(t *testing.T) {
	requirePoppler(t)
	text := normalise(strings.Join(pdfPages(t, renderPDF(t, pdfReport(t, "fr", dossier.AudienceCommittee, 5))), "\n"))
	rows := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		for _, name := range []string{"Equipe Secrete", "Direction Cachee", "Atelier Discret"} {
			if strings.Contains(line, name) && strings.Contains(line, "masqué") && rows[name] == "" {
				rows[name] = line // the first is the participation table's
			}
		}
	}
	for name, want := range map[string]string{
		"Equipe Secrete":   "masqué (moins de 5 réponses)",
		"Atelier Discret":  "masqué (moins de 5 réponses)",
		"Direction Cachee": "masqué pour protéger un autre groupe",
	} {
		if !strings.Contains(rows[name], want) {
			t.Errorf("%s reads %q, want %q", name, rows[name], want)
		}
	}
}

// No page but the cover holds only a few lines: a part starts under the
// end of the previous one, a legend goes with its table.
func TestPDFNoNearlyEmptyPages(t *testing.T) {
	requirePoppler(t)
	ids := []string{"sens-du-travail", "reconnaissance", "strategies-defensives", "numerique-travail-reel"}
	for _, lang := range []string{"fr", "en"} {
		for _, audience := range []dossier.Audience{dossier.AudienceConsultant, dossier.AudienceCommittee} {
			t.Run(lang+"-"+string(audience), func(t *testing.T) {
				pages := pdfPages(t, renderPDF(t, pdfSyntheticReport(t, ids, lang, audience)))
				for i, p := range pages[1:] {
					lines := 0
					for _, l := range strings.Split(p, "\n") {
						if strings.TrimSpace(l) != "" {
							lines++
						}
					}
					// Header and footer are 2 lines; a page with only a
					// legend or three rows has fewer than 12.
					if lines < 12 {
						t.Errorf("page %d has %d lines:\n%s", i+2, lines, p)
					}
				}
			})
		}
	}
}

// The English report is titled in English in its metadata too.
func TestPDFDocumentTitleFollowsLanguage(t *testing.T) {
	requirePoppler(t)
	for lang, want := range map[string]string{"fr": "Rapport de résultats : Baromètre qualité de vie au travail 2027",
		"en": "Results report: Baromètre qualité de vie au travail 2027"} {
		path := filepath.Join(t.TempDir(), "r.pdf")
		if err := os.WriteFile(path, renderPDF(t, pdfReport(t, lang, dossier.AudienceCommittee, 5)), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdfinfo", path).Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		title := ""
		for _, line := range strings.Split(normalise(string(out)), "\n") {
			if v, ok := strings.CutPrefix(line, "Title:"); ok {
				title = strings.TrimSpace(v)
			}
		}
		if title != want {
			t.Errorf("%s title = %q, want %q", lang, title, want)
		}
	}
}
