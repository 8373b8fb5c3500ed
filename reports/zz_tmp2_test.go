package reports_test

import (
	"fmt"
	"testing"

	"github.com/vigie-sante/vigie/reports"
)

func TestZZDump(t *testing.T) {
	r := pdfSyntheticReport(t, []string{"reconnaissance"}, "fr", reports.AudienceConsultant)
	for _, g := range r.Sections[0].Result.Groups {
		fmt.Println(g.ID, g.Suppressed, g.Reason, g.Respondents)
	}
	for _, p := range r.Participation {
		fmt.Println(p.Path, p.Respondents != nil, p.Headcount)
	}
}
