package reports_test

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
)

// requirePoppler skips (loudly) when pdftotext is missing on a developer's
// machine, and fails in CI, where .ci/run installs poppler-utils.
func requirePoppler(tb testing.TB) {
	tb.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				tb.Fatalf("%s is missing in CI: .ci/run must install poppler-utils", tool)
			}
			tb.Skipf("SKIPPED: %s not found; install poppler-utils (apt-get install poppler-utils) to check the PDF's text", tool)
		}
	}
}

// renderPDF renders r and returns the PDF bytes.
func renderPDF(tb testing.TB, r *dossier.Report) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := reports.PDF(&buf, r); err != nil {
		tb.Fatalf("PDF: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		tb.Fatalf("output does not start with %%PDF-")
	}
	return buf.Bytes()
}

// pdfPages extracts the text of each page (pdftotext, -layout keeps the
// rows of tables on one line).
func pdfPages(tb testing.TB, pdf []byte) []string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-layout", path, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	info, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		tb.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		tb.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	if n, _ := strconv.Atoi(string(m[1])); n != len(pages) {
		tb.Fatalf("pdftotext gave %d pages, pdfinfo %d", len(pages), n)
	}
	return pages
}

// normalise turns the no-break spaces into plain spaces, for assertions
// that are about words rather than typography.
func normalise(s string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
}

func TestPDFSectionTitles(t *testing.T) {
	requirePoppler(t)
	tests := []struct {
		lang    string
		want    []string
		notWant []string
	}{
		{"fr", []string{"Sommaire", "Synthèse", "Participation", "Méthode", "Instruments et sources théoriques",
			"Calcul des scores", "Règles d'anonymat", "Reconnaissance et efforts", "Moyennes par dimension",
			"Répartition des niveaux", "Carte des unités", "Comparaisons par segment", "Indicateurs",
			"Commentaires", "Annexe : réponses par question", "Annexe : fiabilité des dimensions", "Glossaire",
			"CONFIDENTIEL"},
			[]string{"Summary", "Contents", "Glossary"}},
		{"en", []string{"Contents", "Summary", "Participation", "Method", "Instruments and theoretical sources",
			"Scoring", "Anonymity rules", "Recognition and effort", "Means by dimension",
			"Distribution of levels", "Map of units", "Comparisons by segment", "Indicators", "Comments",
			"Annex: answers by question", "Annex: reliability of the dimensions", "Glossary", "CONFIDENTIAL",
			"Results shown only for groups of at least k = 5 people"},
			[]string{"Synthèse", "Sommaire", "Méthode", "Glossaire", "Résultats affichés"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			text := normalise(strings.Join(pdfPages(t, renderPDF(t, pdfReport(t, tt.lang, dossier.AudienceConsultant, 5))), "\n"))
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			// A text missing from the i18n tables would show as its key.
			if key := regexp.MustCompile(`\b[a-z]+_[a-z_]+\b`).FindString(text); key != "" {
				t.Errorf("text shows the untranslated key %q", key)
			}
			for _, w := range tt.notWant {
				if strings.Contains(text, w) {
					t.Errorf("text has %q, from the other language", w)
				}
			}
		})
	}
}

func TestPDFAccentsRenderExactly(t *testing.T) {
	requirePoppler(t)
	text := strings.Join(pdfPages(t, renderPDF(t, pdfReport(t, "fr", dossier.AudienceConsultant, 5))), "\n")
	for _, w := range []string{"Synthèse", "Cohérence éthique", "Reconnaissance reçue", "cœur du métier",
		"Tout à fait d'accord", "Baromètre qualité de vie", "Montbéliard", "Pôle logistique",
		"Infirmier·ère", "Période d'enquête", "« transmissions »", "Œuvre"} {
		if !strings.Contains(normalise(text), w) {
			t.Errorf("text lacks %q", w)
		}
	}
}

func TestPDFFooterRestatesKOnEveryPage(t *testing.T) {
	requirePoppler(t)
	tests := []struct {
		lang, footer string
		k            int
	}{
		{"fr", "Résultats affichés uniquement pour les groupes d'au moins k = 5 personnes", 5},
		{"fr", "Résultats affichés uniquement pour les groupes d'au moins k = 8 personnes", 8},
		{"en", "Results shown only for groups of at least k = 5 people", 5},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"-k"+strconv.Itoa(tt.k), func(t *testing.T) {
			pages := pdfPages(t, renderPDF(t, pdfReport(t, tt.lang, dossier.AudienceConsultant, tt.k)))
			if len(pages) < 5 {
				t.Fatalf("%d pages, want at least 5", len(pages))
			}
			for i, p := range pages {
				if !strings.Contains(normalise(p), tt.footer) {
					t.Errorf("page %d lacks the footer %q", i+1, tt.footer)
				}
				if want := "Page " + strconv.Itoa(i+1); !strings.Contains(p, want) {
					t.Errorf("page %d lacks its number %q", i+1, want)
				}
			}
		})
	}
}

func TestPDFCommitteeVariantOmitsItemAnnex(t *testing.T) {
	requirePoppler(t)
	const annex, item = "Annexe : réponses par question", "Mon travail est de plus en plus exigeant."
	consultant := normalise(strings.Join(pdfPages(t, renderPDF(t, pdfReport(t, "fr", dossier.AudienceConsultant, 5))), "\n"))
	committee := normalise(strings.Join(pdfPages(t, renderPDF(t, pdfReport(t, "fr", dossier.AudienceCommittee, 5))), "\n"))
	if !strings.Contains(consultant, annex) || !strings.Contains(consultant, item) {
		t.Errorf("consultant report lacks the item annex")
	}
	if strings.Contains(committee, annex) || strings.Contains(committee, item) {
		t.Errorf("committee report without item annex still shows it")
	}
	for _, w := range []string{"Annexe : fiabilité des dimensions", "Glossaire", "Carte des unités",
		"Instances (CSE, CSSCT, médecin du travail)"} {
		if !strings.Contains(committee, w) {
			t.Errorf("committee report lacks %q", w)
		}
	}
	// The caller passes no comments here: the section says so rather
	// than vanishing, so that a committee does not wonder where they went.
	if !strings.Contains(committee, "Aucun commentaire n'a été publié pour ce questionnaire.") {
		t.Errorf("committee report without comments does not say that none is published")
	}
}

// A suppressed group may be named ("masqué"), but no figure may stand on
// its line: not its count, not a mean, not a rate.
func TestPDFSuppressedGroupsNeverShowFigures(t *testing.T) {
	requirePoppler(t)
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			pages := pdfPages(t, renderPDF(t, pdfReport(t, lang, dossier.AudienceConsultant, 5)))
			seen := map[string]int{}
			for pi, p := range pages {
				for _, line := range strings.Split(p, "\n") {
					for _, name := range pdfSecretNames {
						if !strings.Contains(line, name) {
							continue
						}
						seen[name]++
						if figureNextTo(line, name) {
							t.Errorf("page %d: suppressed group %q next to a figure: %q", pi+1, name, strings.TrimSpace(line))
						}
						if !strings.Contains(line, "masqué") && !strings.Contains(line, "hidden") {
							t.Errorf("page %d: suppressed group %q not marked as hidden: %q", pi+1, name, strings.TrimSpace(line))
						}
					}
				}
			}
			for _, name := range pdfSecretNames {
				if seen[name] == 0 {
					t.Errorf("suppressed group %q never listed (it should appear, masked)", name)
				}
			}
		})
	}
}

func TestPDFTableOfContentsListsPages(t *testing.T) {
	requirePoppler(t)
	pages := pdfPages(t, renderPDF(t, pdfReport(t, "fr", dossier.AudienceConsultant, 5)))
	// "L'essentiel" comes right after the cover, before the contents.
	if !strings.Contains(normalise(pages[1]), "L'essentiel") {
		t.Errorf("page 2 is not \"L'essentiel\":\n%s", pages[1])
	}
	toc := normalise(pages[2])
	if !strings.Contains(toc, "Sommaire") {
		t.Fatalf("page 3 is not the table of contents:\n%s", toc)
	}
	for _, title := range []string{"Synthèse", "Participation", "Méthode", "Reconnaissance et efforts",
		"Carte des unités", "Annexe : fiabilité des dimensions", "Glossaire"} {
		re := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(title) + `\s*\.*\s+(\d+)\s*$`)
		m := re.FindStringSubmatch(toc)
		if m == nil {
			t.Errorf("contents lack %q with a page number:\n%s", title, toc)
			continue
		}
		n, _ := strconv.Atoi(m[1])
		if n < 4 || n > len(pages) {
			t.Errorf("contents give page %d for %q; the document has %d pages", n, title, len(pages))
			continue
		}
		if !strings.Contains(normalise(pages[n-1]), title) {
			t.Errorf("contents give page %d for %q, which is not on it", n, title)
		}
	}
}

func TestPDFEdgeCases(t *testing.T) {
	requirePoppler(t)
	tests := []struct {
		name string
		edit func(r *dossier.Report)
		want []string
	}{
		{"NoSectionsNoParticipation", func(r *dossier.Report) {
			r.Sections, r.Participation, r.Period, r.Organisation = nil, nil, "", ""
		}, []string{"Synthèse", "Glossaire"}},
		{"WholePopulationUnderK", func(r *dossier.Report) {
			res := r.Sections[0].Result
			for _, g := range res.Groups {
				*g = scoring.Group{ID: g.ID, Kind: g.Kind, Label: g.Label, Segment: g.Segment, Parent: g.Parent,
					Suppressed: true, Reason: scoring.ReasonBelowThreshold}
			}
			r.Sections[0].Comments, r.Participation = nil, nil
		}, []string{"L'ensemble des répondants compte moins de k personnes", "Carte des unités"}},
		{"DefaultLanguageAndK", func(r *dossier.Report) { r.Lang, r.MinGroupSize = "", 0 },
			[]string{"Synthèse", "Résultats affichés uniquement pour les groupes d'au moins k = 5 personnes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := pdfReport(t, "fr", dossier.AudienceConsultant, 5)
			tt.edit(r)
			pages := pdfPages(t, renderPDF(t, r))
			text := normalise(strings.Join(pages, "\n"))
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			for i, p := range pages {
				if !strings.Contains(normalise(p), "d'au moins k = 5 personnes") {
					t.Errorf("page %d lacks the footer", i+1)
				}
			}
			if tt.name == "WholePopulationUnderK" {
				if strings.Contains(text, "0,81") {
					t.Error("reliability shown although the whole population is under k")
				}
				for _, name := range append(pdfSecretNames, "Direction des soins", "Pôle logistique") {
					for _, line := range strings.Split(text, "\n") {
						if figureNextTo(line, name) {
							t.Errorf("suppressed group %q next to a figure: %q", name, strings.TrimSpace(line))
						}
					}
				}
			}
		})
	}
	if err := reports.PDF(io.Discard, nil); err == nil {
		t.Error("PDF(nil) gave no error")
	}
}

// The same report gives the same bytes, so that the committed example only
// changes when the layout does.
func TestPDFIsDeterministic(t *testing.T) {
	a := renderPDF(t, pdfReport(t, "fr", dossier.AudienceConsultant, 5))
	b := renderPDF(t, pdfReport(t, "fr", dossier.AudienceConsultant, 5))
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same report differ")
	}
}

// suppressionNote is the mark of a withheld group, whose only digit is k.
var suppressionNote = regexp.MustCompile(`\((moins de|fewer than) \d+ (réponses|responses)\)`)

// figureNextTo reports whether a line of a PDF page names a group (as a
// whole word: "Apprenti" is not in "Apprentissage") and shows a figure,
// the k of "masqué (moins de 5 réponses)" aside.
func figureNextTo(line, name string) bool {
	named := regexp.MustCompile(`(^|[^\pL])` + regexp.QuoteMeta(name) + `($|[^\pL])`)
	if !named.MatchString(line) {
		return false
	}
	return strings.IndexFunc(suppressionNote.ReplaceAllString(line, ""), unicode.IsDigit) >= 0
}
