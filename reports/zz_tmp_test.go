package reports_test

import (
	"os"
	"testing"

	"github.com/vigie-sante/vigie/reports"
)

func TestZZTmpWrite(t *testing.T) {
	os.WriteFile("/tmp/x/fr.pdf", renderPDF(t, pdfReport(t, "fr", reports.AudienceConsultant, 5)), 0o644)
	os.WriteFile("/tmp/x/en.pdf", renderPDF(t, pdfReport(t, "en", reports.AudienceCommittee, 5)), 0o644)
}
