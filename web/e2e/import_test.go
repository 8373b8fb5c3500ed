package e2e_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// sampleDir holds the samples of the questionnaire importers.
var sampleDir = filepath.Join("..", "..", "questionnaires", "instrument", "testdata")

// TestQuestionnaireImportPage imports a questionnaire in the back office:
// a workbook with mistakes lists each at its sheet, row and column; a
// LimeSurvey file is previewed as respondents will see it, its YAML
// downloaded and the questionnaire added. Both pages are audited at 390
// and 1280 px.
func TestQuestionnaireImportPage(t *testing.T) {
	s := newSite(t)
	ctx := newTab(t)
	s.login(t, ctx, consultantEmail)
	s.open(t, ctx, "/admin/questionnaires")
	const form = `form[action="/admin/questionnaires/import"]`

	f, err := excelize.OpenFile(filepath.Join(sampleDir, "charge-et-soutien.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("Items", "E3", "acord")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	bad := writeFile(t, "mon-instrument.xlsx", buf.String())
	do(t, ctx, "pick a workbook with a mistake", chromedp.SetUploadFiles(chromedp.CSS(form+` input[type=file]`), []string{bad}))
	clickAndLoad(t, ctx, form+` button[type=submit]`)
	errs := eval[string](t, ctx, `(document.getElementById("import-problems") || {}).innerText || ""`)
	if !strings.Contains(errs, "feuille « Items », ligne 3, colonne E (Échelle) : échelle « acord » absente") {
		t.Errorf("import problems = %q, want the mistake at its sheet, row and column", errs)
	}
	auditWidths(t, ctx, "questionnaire import with problems")

	lss, err := filepath.Abs(filepath.Join(sampleDir, "charge-et-soutien.lss"))
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "pick the LimeSurvey file", chromedp.SetUploadFiles(chromedp.CSS(form+` input[type=file]`), []string{lss}))
	clickAndLoad(t, ctx, form+` button[type=submit]`)
	wantText(t, ctx, "Écran 2\u00a0: Soutien")
	wantText(t, ctx, "Je peux compter sur mes collègues quand c'est difficile.")
	wantText(t, ctx, "question ANCIENNETE : non importée")
	auditWidths(t, ctx, "questionnaire import preview")
	screenshot(t, ctx, "questionnaire-import-phone.png", phoneWidth)
	screenshot(t, ctx, "questionnaire-import-desktop.png", desktopWidth)

	yaml := download(t, ctx, t.TempDir(), chromedp.Click(chromedp.CSS(`form[action="/admin/questionnaires/yaml"] button`)))
	if !strings.Contains(string(yaml), "\nid: charge-de-travail-et-soutien\n") {
		t.Errorf("downloaded YAML = %.200q", yaml)
	}
	clickAndLoad(t, ctx, `form[action="/admin/questionnaires"] button`)
	wantText(t, ctx, "« charge-de-travail-et-soutien » a été enregistré")
	if _, err := s.Store.Questionnaire(context.Background(), "charge-de-travail-et-soutien"); err != nil {
		t.Errorf("questionnaire not added: %v", err)
	}
}
