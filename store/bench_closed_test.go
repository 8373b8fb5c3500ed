package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// largeSpec is the large campaign of issue 22: two questionnaires, 40
// services under 8 directions, two segments (4 and 3 categories).
func largeSpec() *vigie.CampaignSpec {
	spec := testSpec()
	storetest.LargeCampaign(spec)
	return spec
}

// BenchmarkClosedCampaign100k measures what pages, the API and reports
// read of a closed campaign of 100,000 responses (largeSpec): the result
// of one questionnaire, every result (priorities, guides), participation,
// the published comments and the report's input; then the scoring that
// the closing leaves to the background (Freeze). The campaign is filled
// and closed once, outside the timings; the time of the closing and of
// its first result (which waits for that scoring) are logged.
func BenchmarkClosedCampaign100k(b *testing.B) {
	const responses = 100_000
	ctx := context.Background()
	s, err := store.OpenWithCompactDelay(storetest.DB(b), time.Hour) // no compaction in the timings
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	spec := largeSpec()
	c := MustOpenCampaign(b, s, spec)
	qs, err := s.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		b.Fatal(err)
	}
	mustSubmitAll(b, s, c.ID, responses, func(i int) *vigie.Response { return storetest.LargeResponse(c, qs, i) })
	start := time.Now()
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		b.Fatal(err)
	}
	closed := time.Since(start)
	if _, err := s.Result(ctx, c.ID, qs[0].ID); err != nil {
		b.Fatal(err)
	}
	b.Logf("CloseCampaign: %v; from the closing to its first result: %v", closed, time.Since(start))
	if c, err = s.Campaign(ctx, c.ID); err != nil {
		b.Fatal(err)
	}
	run := func(name string, read func() error) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := read(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	run("Result", func() error {
		_, err := s.Result(ctx, c.ID, qs[1].ID)
		return err
	})
	run("CampaignResults", func() error {
		_, err := s.CampaignResults(ctx, c.ID)
		return err
	})
	run("Participation", func() error {
		_, err := s.ParticipationHidden(ctx, c, now)
		return err
	})
	run("PublishedComments", func() error {
		_, err := s.PublishedComments(ctx, c.ID, "")
		return err
	})
	run("Report", func() error {
		_, err := s.Report(ctx, c.ID, store.ReportOptions{Audience: dossier.AudienceConsultant})
		return err
	})
	// What the closing leaves to the background: scoring every response
	// and storing the figures.
	run("Freeze", func() error { return store.ScoreOutputs(ctx, s, c.ID) })
	stored, _, err := store.StoredOutputs(ctx, s, c.ID)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("stored outputs: %d bytes of JSON", len(stored))
}
