package reports_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
)

// TestPreviews regenerates the sample report of docs/examples and PNG
// previews of a few of its pages, so that a reader sees the report without
// running anything:
//
//	VIGIE_PREVIEWS=1 go test ./reports -run TestPreviews
//
// It needs pdftoppm and pdftotext (poppler-utils) and is skipped unless
// VIGIE_PREVIEWS is set, since it writes into the source tree.
func TestPreviews(t *testing.T) {
	if os.Getenv("VIGIE_PREVIEWS") == "" {
		t.Skip("set VIGIE_PREVIEWS=1 to regenerate docs/examples/rapport-exemple.pdf and its previews")
	}
	requirePoppler(t)
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm not found: install poppler-utils")
	}
	r := pdfSyntheticReport(t, allBuiltin, "fr", dossier.AudienceConsultant)
	r.DUERP = syntheticDUERP(r)
	r.ConductedBy = "Cabinet Dyadesens, consultants en santé au travail, à la demande du CSE"
	r.Logo = testLogo(t)
	pdf := renderPDF(t, r)
	dir := filepath.Join("..", "docs", "examples")
	out := filepath.Join(dir, "rapport-exemple.pdf")
	if err := os.WriteFile(out, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	previews := filepath.Join(dir, "previews")
	if err := os.MkdirAll(previews, 0o755); err != nil {
		t.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(previews, "rapport-*.png"))
	for _, f := range old {
		os.Remove(f)
	}

	// The pages worth a look: the first page (after the contents) that
	// carries each of these headings.
	pages := pdfPages(t, pdf)
	shots := []struct{ name, heading string }{
		{"couverture", ""},
		{"essentiel", "L'essentiel"},
		{"sommaire", "Sommaire"},
		{"synthese", "Synthèse"},
		{"methode", "Règles d'anonymat"},
		{"moyennes", "Moyennes par dimension"},
		{"carte-des-unites", "Carte des unités"},
		{"indicateurs", "Indicateurs"},
		{"strategies-defensives", "Ces résultats sont des signaux collectifs"},
		{"duerp", "Document unique (DUERP)"},
		{"annexe-items", "Annexe : réponses par question"},
	}
	// Headings are looked for after the table of contents, which names
	// them all ("L'essentiel" comes before it) and may run over two pages:
	// it ends with its "Glossaire" line, and the body may start on the
	// same page.
	tocStart, tocEnd := -1, -1
	glossary := regexp.MustCompile(`(?m)^\s*Glossaire\s+\d+\s*$`)
	body := make([]string, len(pages))
	for pi, p := range pages {
		p = normalise(p)
		switch {
		case tocStart < 0 && strings.Contains(p, "Sommaire"):
			tocStart = pi
		case tocStart < 0 || tocEnd >= 0:
			body[pi] = p // before the contents ("L'essentiel"), or after them
			continue
		}
		if loc := glossary.FindStringIndex(p); loc != nil {
			tocEnd, body[pi] = pi, p[loc[1]:]
		}
	}
	done := map[int]bool{}
	for _, s := range shots {
		page := 1
		if s.heading == "Sommaire" {
			page = 0
			for pi, p := range pages {
				if strings.Contains(normalise(p), "Sommaire") {
					page = pi + 1
					break
				}
			}
		} else if s.heading != "" {
			page = 0
			for pi, p := range body {
				if strings.Contains(p, s.heading) {
					page = pi + 1
					break
				}
			}
		}
		if page == 0 {
			t.Errorf("no page with %q", s.heading)
			continue
		}
		if done[page] {
			continue
		}
		done[page] = true
		root := filepath.Join(previews, fmt.Sprintf("rapport-%02d-%s", len(done), s.name))
		cmd := exec.Command("pdftoppm", "-png", "-r", "70", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), "-singlefile", out, root)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm page %d: %v\n%s", page, err, b)
		}
		t.Logf("%s.png: page %d", root, page)
	}

	// The stand-alone DUERP PDF of the same report, and its first unit.
	var duerp bytes.Buffer
	if err := reports.DUERPPDF(&duerp, r.DUERP); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(dir, "duerp-exemple.pdf")
	if err := os.WriteFile(out, duerp.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(previews, "duerp-01-unite")
	if b, err := exec.Command("pdftoppm", "-png", "-r", "70", "-f", "2", "-l", "2", "-singlefile", out, root).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm duerp: %v\n%s", err, b)
	}

	// The data-protection documents of the same campaign.
	p := awkwardProcessing()
	p.Organisation, p.Controller, p.Purpose, p.LegalBasis = "Conseil départemental (exemple)", "Conseil départemental (exemple)", "", "intérêt légitime de l'employeur (article 6.1.f du RGPD) : évaluer les risques psychosociaux pour les prévenir"
	p.DPOContact, p.ConductedBy, p.Logo = "dpo@departement.example", r.ConductedBy, r.Logo
	n := &reports.Notice{Lang: "fr", Title: r.Campaign, Organisation: p.Organisation, Controller: p.Controller, ConductedBy: p.ConductedBy,
		LegalBasis: p.LegalBasis, DPOContact: p.DPOContact, MinGroupSize: 5, CommentMinGroupSize: 10, RetentionDays: 365, Codes: true,
		URL: "https://enquete.example/r/sens-2027", NoticeURL: "https://enquete.example/r/sens-2027/notice?lang=fr", Logo: r.Logo}
	for name, render := range map[string]func(io.Writer) error{
		"notice-exemple.pdf":   func(w io.Writer) error { return reports.NoticePDF(w, n) },
		"aipd-exemple.pdf":     func(w io.Writer) error { return reports.AIPDPDF(w, p) },
		"registre-exemple.pdf": func(w io.Writer) error { return reports.RecordPDF(w, p) },
	} {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The committee's short report, from the same results.
	short := pdfSyntheticReport(t, allBuiltin, "fr", dossier.AudienceCommittee)
	short.ConductedBy, short.Logo, short.Short = r.ConductedBy, r.Logo, true
	shortOut := filepath.Join(dir, "rapport-comite-court-exemple.pdf")
	if err := os.WriteFile(shortOut, renderPDF(t, short), 0o644); err != nil {
		t.Fatal(err)
	}
}
