package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/store"
)

// While answers still come in, the results of a unit read before and
// after one submission differ by exactly that person's answers: results
// and reports wait for the closing. Participation stays live.
func TestResultsOnlyOnceClosed(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := MustOpenCampaign(t, s, commentSpec()) // k = 3
	for range 6 {
		submitComment(t, s, c.ID, "Direction B", nil)
	}
	qid := c.Questionnaires[0]
	report := func() (*dossier.Report, error) {
		return s.Report(ctx, c.ID, store.ReportOptions{Audience: dossier.AudienceConsultant})
	}

	t.Run("ErrOpen", func(t *testing.T) {
		_, err := s.Result(ctx, c.ID, qid)
		wantCode(t, err, vigie.ECONFLICT)
		if msg := vigie.ErrorMessage(err); !strings.Contains(msg, "clôture") {
			t.Fatalf("Result message = %q, want it to say results come at closing", msg)
		}
		_, err = report()
		wantCode(t, err, vigie.ECONFLICT)
		for _, a := range []dossier.Audience{dossier.AudienceCommittee, dossier.AudienceConsultant} {
			_, err = s.Report(ctx, c.ID, store.ReportOptions{Audience: a})
			wantCode(t, err, vigie.ECONFLICT)
		}
		if err := store.ResultsAvailable(c); vigie.ErrorCode(err) != vigie.ECONFLICT {
			t.Fatalf("ResultsAvailable(open) = %v, want ECONFLICT", err)
		}
	})

	t.Run("ParticipationStaysLive", func(t *testing.T) {
		counts, err := s.UnitCounts(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if counts["Direction B"] != 6 {
			t.Fatalf("unit counts of the open campaign = %v, want Direction B: 6", counts)
		}
	})

	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		t.Fatal(err)
	}
	closed, err := s.Campaign(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("FiguresOnceClosed", func(t *testing.T) {
		if err := store.ResultsAvailable(closed); err != nil {
			t.Fatalf("ResultsAvailable(closed) = %v, want nil", err)
		}
		res, err := s.Result(ctx, c.ID, qid)
		if err != nil {
			t.Fatalf("Result: %v", err)
		}
		if res.Respondents != 6 {
			t.Fatalf("Result: %d respondents, want 6", res.Respondents)
		}
		r, err := report()
		if err != nil {
			t.Fatalf("Report: %v", err)
		}
		if len(r.Sections) == 0 || r.Sections[0].Result == nil || r.Sections[0].Result.Respondents != 6 {
			t.Fatalf("report of the closed campaign: %d sections; want one with the 6 respondents' result", len(r.Sections))
		}
	})
}

func TestResultsOfDraftCampaign(t *testing.T) {
	s := MustOpenStore(t)
	c := MustCreateCampaign(t, s, nil)
	_, err := s.Result(context.Background(), c.ID, c.Questionnaires[0])
	wantCode(t, err, vigie.ECONFLICT)
}
