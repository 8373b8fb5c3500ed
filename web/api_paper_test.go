package web_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestAPIPaper(t *testing.T) {
	as := MustNewAdminServer(t)
	_, tok := as.token(t, as.Consultant)
	path := "/api/v1/campaigns/" + as.Campaign.ID + "/paper.pdf"
	for _, q := range []string{"", "?count=0", "?count=501", "?count=deux"} {
		p := as.api(t, tok, http.MethodGet, path+q, "")
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "count")
	}
	_, viewerTok := as.token(t, as.Viewer)
	wantStatus(t, as.api(t, viewerTok, http.MethodGet, path+"?count=1", ""), http.StatusForbidden)

	p := as.api(t, tok, http.MethodGet, path+"?count=3", "")
	wantStatus(t, p, http.StatusOK)
	if !strings.HasPrefix(p.Body, "%PDF-") || p.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("paper.pdf is not a PDF: %q", p.Header.Get("Content-Type"))
	}
	as.wantAudit(t, consultantEmail+" paper.generate")
	// The campaign page's button: a GET form, with the session.
	b := as.signedIn(t, consultantEmail)
	wantContains(t, b.get("/admin/campaigns/"+as.Campaign.ID), `action="/api/v1/campaigns/`+as.Campaign.ID+`/paper.pdf"`)
	wantStatus(t, b.get(path+"?count=1"), http.StatusOK)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found")
	}
	file := filepath.Join(t.TempDir(), "paper.pdf")
	if err := os.WriteFile(file, []byte(p.Body), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Je dois souvent me dépêcher.", "On se parle mal.", "Direction A", "Service 2", "Assistant social", "Je préfère ne pas répondre"} {
		if !strings.Contains(text, want) {
			t.Errorf("paper lacks %q", want)
		}
	}
	// Each sheet number is an access code: it opens the online form once.
	i := strings.Index(text, "Feuille n° ")
	if i < 0 {
		t.Fatalf("no sheet number in %.200s", text)
	}
	sheet := text[i+len("Feuille n° ") : i+len("Feuille n° ")+14]
	wantStatus(t, as.browser(t).postJSON(responsesPath(as.testServer), validBody(sheet)), http.StatusCreated)
}
