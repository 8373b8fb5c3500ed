package store_test

import (
	"context"
	"testing"

	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

// While answers still come in, two downloads of the consultant's workbook
// a few minutes apart differ by the rows of whoever answered meanwhile:
// the Scores sheet would hand over that person's scores. Its rows wait
// for the closing, like the comments.
func TestReportScoreRowsOnlyOnceClosed(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, commentSpec()) // k = 3
	for range 6 {
		submitComment(t, s, c.ID, "Direction B", nil)
	}
	rows := func() int {
		t.Helper()
		r, err := s.Report(ctx, c.ID, store.ReportOptions{Audience: reports.AudienceConsultant})
		if err != nil {
			t.Fatalf("Report: %v", err)
		}
		n := 0
		for _, sec := range r.Sections {
			n += len(sec.Rows)
		}
		return n
	}
	if n := rows(); n != 0 {
		t.Fatalf("interim report of an open campaign has %d Scores rows, want none", n)
	}
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatal(err)
	}
	if n := rows(); n == 0 {
		t.Fatal("report of the closed campaign has no Scores rows, want the respondents'")
	}
}
