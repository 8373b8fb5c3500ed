package reports_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
)

// TestGuideWithBuiltinInstruments renders the guide of everyone for a
// campaign with the five built-in instruments, the largest guide Vigie
// writes: it must stay within four pages.
func TestGuideWithBuiltinInstruments(t *testing.T) {
	requirePoppler(t)
	for _, lang := range []string{"fr", "en"} {
		r := pdfSyntheticReport(t, allBuiltin, lang, dossier.AudienceCommittee)
		var buf bytes.Buffer
		if err := reports.Guide(&buf, r, ""); err != nil {
			t.Fatalf("Guide: %v", err)
		}
		if dir := os.Getenv("VIGIE_GUIDE_OUT"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "guide-builtin-"+lang+".pdf"), buf.Bytes(), 0o600)
			_ = os.WriteFile(filepath.Join(dir, "report-builtin-"+lang+".pdf"), renderPDF(t, r), 0o600)
		}
		if n := len(pdfPages(t, buf.Bytes())); n < 2 || n > 4 {
			t.Errorf("%s: guide of everyone has %d pages, want 2 to 4", lang, n)
		}
	}
}
