package reports_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
)

// TestPaperPDFText checks with pdftotext that every item of every built-in
// questionnaire, the choices and the sheet numbers are printed.
func TestPaperPDFText(t *testing.T) {
	qs := questionnaires.Builtin()
	c := &vigie.Campaign{
		ID: "c1", Title: "Baromètre 2027", Organisation: "Aide à domicile du Val",
		MinGroupSize: 5, CommentMinGroupSize: 10,
		Units:    []vigie.Unit{{Path: []string{"Secteur Nord"}}, {Path: []string{"Secteur Nord", "Équipe de nuit"}}},
		Segments: []vigie.Segment{{ID: "age", Label: map[string]string{"fr": "Votre âge"}, Categories: []string{"Moins de 30 ans", "30 ans et plus"}}},
	}
	for _, q := range qs {
		c.Questionnaires = append(c.Questionnaires, q.ID)
	}
	sheets := []string{"K7QM-3XPA-HW9D", "AB2C-DE3F-GH4J"}
	var buf bytes.Buffer
	if err := reports.PaperPDF(&buf, &reports.Paper{Campaign: c, Questionnaires: qs, Sheets: sheets}); err != nil {
		t.Fatalf("PaperPDF: %v", err)
	}
	if err := reports.PaperPDF(&buf, &reports.Paper{Campaign: c}); err == nil {
		t.Errorf("no sheets: want an error")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found")
	}
	file := filepath.Join(t.TempDir(), "paper.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	text := norm(string(out))
	for _, q := range qs {
		for _, it := range q.Items() {
			want := norm(it.Text.In("fr", q.Language))
			if n := strings.Count(text, want); n != len(sheets) {
				t.Errorf("item %s/%s printed %d times, want %d: %q", q.ID, it.ID, n, len(sheets), want)
			}
		}
	}
	for _, want := range []string{"Équipe de nuit", "Moins de 30 ans", reports.NoAnswer, "au moins 5 personnes", "enveloppe", "Votre anonymat"} {
		if !strings.Contains(text, want) {
			t.Errorf("paper lacks %q", want)
		}
	}
	// Every page (the last split is after the final form feed) carries
	// exactly one sheet number.
	for i, p := range pages[:len(pages)-1] {
		n := 0
		for _, s := range sheets {
			n += strings.Count(p, "Feuille n° "+s)
		}
		if n != 1 {
			t.Errorf("page %d carries %d sheet numbers, want 1", i+1, n)
		}
	}
	if (len(pages)-1)%2 != 0 {
		t.Errorf("%d pages: each sheet should fill whole leaves (even count)", len(pages)-1)
	}
}

// norm joins the words of s with single spaces and undoes the French
// typography the PDF applies (narrow no-break spaces), so texts compare
// whatever the line breaks.
func norm(s string) string {
	s = strings.NewReplacer("\u202f", " ", "\u00a0", " ", "\u2019", "'").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// TestPaperEndDateAndNoWaste: the sheet says when to hand it back, the
// advice on comments is printed once per sheet, and no page is left
// mostly empty before a questionnaire (each starts where room remains).
func TestPaperEndDateAndNoWaste(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found")
	}
	qs := questionnaires.Builtin()
	c := &vigie.Campaign{ID: "c1", Title: "Baromètre 2027", Organisation: "Aide à domicile du Val", MinGroupSize: 5, CommentMinGroupSize: 10,
		EndDate: "2027-03-01"}
	for _, q := range qs {
		c.Questionnaires = append(c.Questionnaires, q.ID)
	}
	var buf bytes.Buffer
	if err := reports.PaperPDF(&buf, &reports.Paper{Campaign: c, Questionnaires: qs, Sheets: []string{"K7QM-3XPA-HW9D"}}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "paper.pdf")
	os.WriteFile(file, buf.Bytes(), 0o600)
	out, err := exec.Command("pdftotext", "-raw", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := norm(string(out))
	for _, want := range []string{"Rendez ce questionnaire au plus tard le 1er mars 2027.", "au plus tard le 1er mars 2027."} {
		if !strings.Contains(text, want) {
			t.Errorf("paper lacks %q", want)
		}
	}
	comments := 0
	for _, q := range qs {
		if q.Comment.In("fr", q.Language) != "" {
			comments++
		}
	}
	if n := strings.Count(text, "Facultatif. N'y écrivez ni nom"); comments > 1 && n != 1 {
		t.Errorf("comment advice printed %d times on one sheet (%d comment boxes), want once", n, comments)
	}
	// The welcome page is followed by the first questionnaire on the same
	// page when it has room: page 1 carries a questionnaire title.
	first := strings.Split(string(out), "\f")[0]
	if !strings.Contains(norm(first), norm(qs[0].Title.In("fr", qs[0].Language))) {
		t.Errorf("page 1 does not start the first questionnaire:\n%s", first)
	}
}
