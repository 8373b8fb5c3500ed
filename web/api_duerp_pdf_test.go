package web_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The stand-alone DUERP PDF is served next to the workbook, under the same
// access rules (the campaign's readers), and has per published unit the six
// families, « non évaluée par cette enquête » where the survey measures
// none of a family, the measures and the planned actions (issue 20).
func TestAPIDUERPPDF(t *testing.T) {
	as := closedSmallUnitServer(t)
	_, token := as.token(t, as.Consultant)
	_, outsider := as.token(t, as.Outsider)
	wantStatus(t, as.api(t, token, http.MethodPost, actionsPath(as, ""), `{"title": "Charte des réunions", "unit": "Direction B", "due": "2027-06-30"}`), http.StatusCreated)
	wantStatus(t, as.api(t, token, http.MethodPut, duerpPath(as, "/measures"),
		`{"unit": "Direction B", "risk_family": "insecurite", "measures": "Information sur la réorganisation"}`), http.StatusOK)
	if p := as.api(t, outsider, http.MethodGet, duerpPath(as, ".pdf"), ""); p.Status == http.StatusOK {
		t.Fatalf("a reader without the campaign got its DUERP: %d", p.Status)
	}

	_, viewer := as.token(t, as.Viewer)
	p := as.api(t, viewer, http.MethodGet, duerpPath(as, ".pdf"), "")
	wantStatus(t, p, http.StatusOK)
	if !strings.HasPrefix(p.Body, "%PDF-") || p.Header.Get("Content-Type") != "application/pdf" ||
		!strings.Contains(p.Header.Get("Content-Disposition"), `filename="duerp-`) {
		t.Fatalf("not a PDF download: %q, %q", p.Header.Get("Content-Type"), p.Header.Get("Content-Disposition"))
	}
	as.wantAudit(t, viewerEmail+" duerp.export")
	b := as.signedIn(t, consultantEmail)
	wantContains(t, b.get("/admin/campaigns/"+as.Campaign.ID+"/duerp"), `href="/admin/campaigns/`+as.Campaign.ID+`/duerp.pdf"`)
	if page := b.get("/admin/campaigns/" + as.Campaign.ID + "/duerp.pdf"); page.Status != http.StatusOK || page.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("page download: %d %s", page.Status, page.Header.Get("Content-Type"))
	}

	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found")
	}
	file := filepath.Join(t.TempDir(), "duerp.pdf")
	if err := os.WriteFile(file, []byte(p.Body), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(string(out))), " ")
	for _, want := range []string{"Unité de travail : Ensemble", "Unité de travail : Direction A", "Unité de travail : Direction B",
		"Exigences émotionnelles", "Conflits de valeurs", "Information sur la réorganisation", "Charte des réunions", "30/06/2027"} {
		if !strings.Contains(text, want) {
			t.Errorf("DUERP PDF lacks %q:\n%s", want, text)
		}
	}
	// 3 published units × 6 families, none measured by the test questionnaires.
	if n := strings.Count(text, "non évaluée par cette enquête"); n < 18 {
		t.Errorf("« non évaluée par cette enquête » %d times, want 18 (and the method's mention)", n)
	}
}
