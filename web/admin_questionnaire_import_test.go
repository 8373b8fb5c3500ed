package web_test

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// importSample reads a sample of questionnaires/instrument/testdata.
func importSample(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "questionnaires", "instrument", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var hiddenSource = regexp.MustCompile(`name="source" value="([^"]*)"`)

func TestQuestionnaireImport(t *testing.T) {
	as := MustNewAdminServer(t)
	b := as.signedIn(t, consultantEmail)

	t.Run("Template", func(t *testing.T) {
		p := b.get("/admin/questionnaires")
		wantContains(t, p, `href="/admin/questionnaire-template.xlsx"`, `action="/admin/questionnaires/import"`, `accept=".xlsx,.lss,`)
		p = b.get("/admin/questionnaire-template.xlsx")
		wantStatus(t, p, http.StatusOK)
		if cd := p.Header.Get("Content-Disposition"); !strings.Contains(cd, "modele-questionnaire-vigie.xlsx") {
			t.Errorf("Content-Disposition = %q", cd)
		}
		f, err := excelize.OpenReader(strings.NewReader(p.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if sheets := f.GetSheetList(); len(sheets) != 6 || sheets[4] != "Items" {
			t.Errorf("sheets = %v", sheets)
		}
		wantContains(t, b.get("/admin/questionnaires/reconnaissance"), `href="/admin/questionnaire-template.xlsx?from=reconnaissance"`)
		p = b.get("/admin/questionnaire-template.xlsx?from=reconnaissance")
		wantStatus(t, p, http.StatusOK)
		if cd := p.Header.Get("Content-Disposition"); !strings.Contains(cd, "modele-reconnaissance.xlsx") {
			t.Errorf("Content-Disposition = %q", cd)
		}
		g, err := excelize.OpenReader(strings.NewReader(p.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		if v, _ := g.GetCellValue("Items", "B2"); v != "eff1" {
			t.Errorf("first item of the filled template = %q, want eff1", v)
		}
		wantStatus(t, b.get("/admin/questionnaire-template.xlsx?from=absent"), http.StatusNotFound)
	})

	var yaml string
	t.Run("LimeSurveyPreview", func(t *testing.T) {
		body, ctype := multipartBody(t, nil, map[string][2]string{"file": {"charge-et-soutien.lss", importSample(t, "charge-et-soutien.lss")}})
		p := b.do(http.MethodPost, "/admin/questionnaires/import", body, ctype)
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Import de « charge-et-soutien.lss »", "<h1>Charge de travail et soutien</h1>",
			"Écran 1&nbsp;: Charge de travail", "Je dois souvent me dépêcher pour finir mon travail.", "Plutôt pas d&#39;accord",
			"Je préfère ne pas répondre", "disabled", "Voulez-vous ajouter quelque chose ?",
			"À vérifier avant de l’utiliser (6)", "ligne 335, question ANCIENNETE : non importée")
		m := hiddenSource.FindStringSubmatch(p.Body)
		if m == nil {
			t.Fatalf("no questionnaire file in the page:\n%s", p.Body)
		}
		yaml = html.UnescapeString(m[1])
		if !strings.Contains(yaml, "id: charge-de-travail-et-soutien\n") {
			t.Fatalf("hidden source = %.200q", yaml)
		}
		if _, err := as.Store.Questionnaire(context.Background(), "charge-de-travail-et-soutien"); err == nil {
			t.Error("the preview saved the questionnaire")
		}
	})

	t.Run("Download", func(t *testing.T) {
		p := b.post("/admin/questionnaires/yaml", url.Values{"source": {strings.ReplaceAll(yaml, "\n", "\r\n")}})
		wantStatus(t, p, http.StatusOK)
		if cd := p.Header.Get("Content-Disposition"); cd != `attachment; filename="charge-de-travail-et-soutien.yaml"` {
			t.Errorf("Content-Disposition = %q", cd)
		}
		if p.Body != yaml {
			t.Errorf("downloaded file differs from the preview's (line ends normalised)")
		}
		p = b.post("/admin/questionnaires/yaml", url.Values{"source": {"id: x\n"}})
		wantStatus(t, p, http.StatusBadRequest)
	})

	t.Run("Add", func(t *testing.T) {
		wantRedirect(t, b.post("/admin/questionnaires", url.Values{"source": {yaml}}), "/admin/questionnaires?saved=charge-de-travail-et-soutien")
		q, err := as.Store.Questionnaire(context.Background(), "charge-de-travail-et-soutien")
		if err != nil || len(q.Items()) != 6 {
			t.Fatalf("questionnaire saved: %v, %v", q, err)
		}
	})

	t.Run("Problems", func(t *testing.T) {
		f, err := excelize.OpenReader(strings.NewReader(importSample(t, "charge-et-soutien.xlsx")))
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellStr("Items", "E3", "acord")
		f.SetCellStr("Dimensions", "F2", "haut")
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		body, ctype := multipartBody(t, nil, map[string][2]string{"file": {"mon-instrument.xlsx", buf.String()}})
		p := b.do(http.MethodPost, "/admin/questionnaires/import", body, ctype)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "« mon-instrument.xlsx » n’a pas pu être importé",
			"feuille « Items », ligne 3, colonne E (Échelle) : échelle « acord » absente de la feuille Échelles",
			"feuille « Dimensions », ligne 2, colonne F (Sens) : « haut » n&#39;est pas une valeur possible")
	})

	t.Run("NoFile", func(t *testing.T) {
		body, ctype := multipartBody(t, url.Values{"x": {"1"}}, nil)
		p := b.do(http.MethodPost, "/admin/questionnaires/import", body, ctype)
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Choisissez un classeur .xlsx")
	})

	t.Run("TooLarge", func(t *testing.T) {
		body, ctype := multipartBody(t, nil, map[string][2]string{"file": {"gros.lss", strings.Repeat("x", 7<<20)}})
		p := b.do(http.MethodPost, "/admin/questionnaires/import", body, ctype)
		wantStatus(t, p, http.StatusRequestEntityTooLarge)
	})

	t.Run("ViewerRefused", func(t *testing.T) {
		v := as.signedIn(t, viewerEmail)
		body, ctype := multipartBody(t, nil, map[string][2]string{"file": {"charge-et-soutien.lss", importSample(t, "charge-et-soutien.lss")}})
		if p := v.do(http.MethodPost, "/admin/questionnaires/import", body, ctype); p.Status != http.StatusForbidden {
			t.Errorf("viewer import: status %d, want 403", p.Status)
		}
	})
}
