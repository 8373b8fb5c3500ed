package reports_test

import (
	"os"
	"testing"

	"github.com/vigie-sante/vigie/reports"
)

func TestZZTmpWrite(t *testing.T) {
	ids := []string{"sens-du-travail", "reconnaissance", "strategies-defensives", "numerique-travail-reel"}
	os.WriteFile("/tmp/x/en.pdf", renderPDF(t, pdfSyntheticReport(t, ids, "en", reports.AudienceCommittee)), 0o644)
}
