package web_test

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store/storetest"
)

// closedResponses is the size of the closed campaign of issue 22.
const closedResponses = 100_000

// closedSpec makes MustNewServer's campaign the large one of issue 22:
// two questionnaires (bench-60, 60 items, and charge-et-soutien), 40
// services under 8 directions, two segments (4 and 3 categories), open by
// link so that no codes are needed to fill it.
func closedSpec(s *vigie.CampaignSpec) {
	s.Questionnaires = []string{"bench-60", "charge-et-soutien"}
	storetest.LargeCampaign(s)
}

// BenchmarkClosedCampaign100kHTTP measures, through the handler, what a
// consultant reads of a closed campaign of 100,000 responses: the results
// page (with its heat map) and API, participation (the campaign page and
// the API) and the two reports. The campaign is filled through the store
// by 50 goroutines and closed once, outside the timings; one read of each
// route, before the timer starts, waits for the background scoring that
// the closing starts. Each sub-benchmark reports the median request time.
func BenchmarkClosedCampaign100kHTTP(b *testing.B) {
	as := MustNewAdminServer(b, append(benchOptions(), withSpec(closedSpec))...)
	ctx := context.Background()
	qs, err := as.Store.CampaignQuestionnaires(ctx, as.Campaign.ID)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	var wg sync.WaitGroup
	var next atomic.Int64
	for range 50 {
		wg.Go(func() {
			for i := next.Add(1); i <= closedResponses; i = next.Add(1) {
				if err := as.Store.SubmitResponse(ctx, as.Campaign.ID, "", storetest.LargeResponse(as.Campaign, qs, int(i)), now); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
	filled := time.Since(start)
	as.closeCampaign(b)
	closed := time.Now()
	_, token := as.token(b, as.Consultant)
	browser := as.signedIn(b, consultantEmail)
	id := as.Campaign.ID
	routes := []struct {
		name, path string
		api        bool
	}{
		{"ResultsPage", "/admin/campaigns/" + id + "/results/" + qs[0].ID, false},
		{"ResultsAPI", "/api/v1/campaigns/" + id + "/results?questionnaire=" + qs[0].ID, true},
		{"ParticipationPage", "/admin/campaigns/" + id, false},
		{"ParticipationAPI", "/api/v1/campaigns/" + id + "/participation", true},
		{"ReportPDF", "/api/v1/campaigns/" + id + "/report.pdf", true},
		{"ReportXLSX", "/api/v1/campaigns/" + id + "/report.xlsx", true},
	}
	get := func(b *testing.B, path string, api bool) {
		var p *page
		if api {
			p = as.api(b, token, http.MethodGet, path, "")
		} else {
			p = browser.get(path)
		}
		if p.Status != http.StatusOK {
			b.Fatalf("GET %s: status %d, want 200: %.300s", path, p.Status, p.Body)
		}
	}
	for _, r := range routes {
		get(b, r.path, r.api)
	}
	b.Logf("filled %d responses through the store in %v; from the closing to every route read once: %v", closedResponses, filled, time.Since(closed))
	// Let the compaction that follows the last write run now, not in a
	// timing.
	time.Sleep(3 * time.Second)
	for _, r := range routes {
		b.Run(r.name, func(b *testing.B) {
			var times []time.Duration
			for b.Loop() {
				t0 := time.Now()
				get(b, r.path, r.api)
				times = append(times, time.Since(t0))
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
		})
	}
}
