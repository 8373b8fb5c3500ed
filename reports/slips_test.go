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

func TestURLLines(t *testing.T) {
	short := func(n int) func(string) bool { return func(s string) bool { return len(s) <= n } }
	for _, tc := range []struct {
		url  string
		fits func(string) bool
		want []string
	}{
		{"https://a.example/r/slug", short(100), []string{"https://a.example/r/slug"}},
		{"https://vigie.cabinet-exemple.fr/r/barometre-qvt-2027-xk3", short(32),
			[]string{"https://", "vigie.cabinet-exemple.fr/r/", "barometre-qvt-2027-xk3"}},
		// A piece longer than a line stays whole.
		{"https://h/r/un-tres-long-identifiant-de-campagne", short(10), []string{"https://h/", "r/", "un-tres-long-identifiant-de-campagne"}},
	} {
		got := reports.URLLines(tc.url, tc.fits)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("URLLines(%q) = %q, want %q", tc.url, got, tc.want)
		}
		if strings.Join(got, "") != tc.url {
			t.Errorf("URLLines(%q) loses characters: %q", tc.url, got)
		}
	}
}

// TestSlipsUnitLanguageAndLongAddress: a unit-bound slip names its unit,
// an English slip is in English, and a long address is printed whole,
// its last token never cut.
func TestSlipsUnitLanguageAndLongAddress(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found")
	}
	long := "https://vigie.cabinet-conseil-sante-travail.example.org/r/barometre-qualite-de-vie-2027-xk3p"
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"fr", []string{"Unité : Direction A / Service 2", "Répondez à l'adresse :", "Votre code :"}},
		{"en", []string{"Unit: Direction A / Service 2", "Answer at:", "Your code:", "Nothing links the code to your answers"}},
	} {
		var buf bytes.Buffer
		err := reports.SlipsPDF(&buf, &reports.Slips{Campaign: "Baromètre", Organisation: "Service social", URL: long,
			Codes: []string{"K7QM-3XPA-HW9D"}, MinGroupSize: 5, Unit: "Direction A / Service 2", Lang: tc.lang})
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "slips.pdf")
		os.WriteFile(file, buf.Bytes(), 0o600)
		out, err := exec.Command("pdftotext", "-raw", file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := string(out)
		flat := strings.Join(strings.Fields(text), " ")
		for _, w := range tc.want {
			if !strings.Contains(flat, w) {
				t.Errorf("%s slip lacks %q:\n%s", tc.lang, w, text)
			}
		}
		if !strings.Contains(text, "barometre-qualite-de-vie-2027-xk3p") {
			t.Errorf("%s slip cuts the campaign's token:\n%s", tc.lang, text)
		}
		if strings.ReplaceAll(strings.Join(strings.Fields(text), ""), "\n", "") == "" || !strings.Contains(strings.Join(strings.Fields(text), ""), long) {
			t.Errorf("%s slip does not print the whole address:\n%s", tc.lang, text)
		}
	}
}
