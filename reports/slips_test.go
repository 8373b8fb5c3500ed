package reports_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/reports"
)

func TestSlipsPDF(t *testing.T) {
	codes := []string{"K7QM-3XPA-HW9D", "AB2C-DE3F-GH4J", "ZZ99-8765-WXYZ", "MN7P-QR8S-TU9V", "2345-6789-ABCD", "EFGH-JKLM-NPQR", "STUV-WXYZ-2345", "6789-ABCD-EFGH", "JKLM-NPQR-STUV"}
	var buf bytes.Buffer
	err := reports.SlipsPDF(&buf, &reports.Slips{
		Campaign: "Baromètre « qualité de vie » 2027", Organisation: "Service social régional",
		URL: "https://vigie.example.org/r/abc", Codes: codes, MinGroupSize: 7, EndDate: "1er\u00a0novembre\u00a02026",
	})
	if err != nil {
		t.Fatalf("SlipsPDF: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF")
	}
	if err := reports.SlipsPDF(&buf, &reports.Slips{}); err == nil {
		t.Errorf("no codes: want an error")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found")
	}
	file := filepath.Join(t.TempDir(), "slips.pdf")
	os.WriteFile(file, buf.Bytes(), 0o600)
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, c := range codes {
		if strings.Count(text, c) != 1 {
			t.Errorf("code %s printed %d times", c, strings.Count(text, c))
		}
	}
	for _, want := range []string{"Baromètre « qualité de vie » 2027", "au moins 7 personnes", "Rien ne relie le code à vos réponses", "Jusqu'au 1er novembre 2026 inclus"} {
		if !strings.Contains(text, want) {
			t.Errorf("slips lack %q", want)
		}
	}
	pages, _ := exec.Command("pdfinfo", file).Output()
	if !regexp.MustCompile(`Pages:\s+2\n`).Match(pages) {
		t.Errorf("9 slips should take 2 pages:\n%s", pages)
	}
}
