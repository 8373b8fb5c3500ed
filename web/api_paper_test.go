package web_test

import (
	"context"
	"net/http"
	"net/url"
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
		p := as.api(t, tok, http.MethodPost, path+q, "")
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "count")
	}
	_, viewerTok := as.token(t, as.Viewer)
	wantStatus(t, as.api(t, viewerTok, http.MethodPost, path+"?count=1", ""), http.StatusForbidden)
	// A GET, which a reload repeats, creates nothing.
	if p := as.api(t, tok, http.MethodGet, path+"?count=1", ""); p.Status == http.StatusOK {
		t.Errorf("GET paper.pdf answered %d: a GET must not create sheets", p.Status)
	}

	p := as.api(t, tok, http.MethodPost, path+"?count=3", "")
	wantStatus(t, p, http.StatusOK)
	if !strings.HasPrefix(p.Body, "%PDF-") || p.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("paper.pdf is not a PDF: %q", p.Header.Get("Content-Type"))
	}
	as.wantAudit(t, consultantEmail+" paper.generate")
	if cd := p.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="questionnaires-papier-barometre-2027-2027-02-02.pdf"`) {
		t.Errorf("Content-Disposition = %q, want the title and the day", cd)
	}
	// The campaign page's form: a POST with a confirmation box.
	b := as.signedIn(t, consultantEmail)
	admin := "/admin/campaigns/" + as.Campaign.ID + "/paper"
	wantContains(t, b.get("/admin/campaigns/"+as.Campaign.ID), `action="`+admin+`"`, `id="paper-confirm" name="confirm" value="1" required`)
	before, _, _ := as.Store.CodeCounts(context.Background(), as.Campaign.ID)
	unconfirmed := b.post(admin, url.Values{"count": {"2"}})
	wantStatus(t, unconfirmed, http.StatusBadRequest)
	wantContains(t, unconfirmed, "Rien n&#39;a été créé : cochez la case de confirmation")
	if after, _, _ := as.Store.CodeCounts(context.Background(), as.Campaign.ID); after != before {
		t.Errorf("an unconfirmed paper form created %d codes", after-before)
	}
	if p := b.post(admin, url.Values{"count": {"2"}, "confirm": {"1"}}); p.Status != http.StatusOK || !strings.HasPrefix(p.Body, "%PDF-") {
		t.Errorf("confirmed paper form: %d, %.20q", p.Status, p.Body)
	}
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
