package store_test

import (
	"context"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// BenchmarkSubmitResponse measures complete submissions (60 answers, code
// checked and spent, draft deleted) from parallel goroutines, without HTTP.
func BenchmarkSubmitResponse(b *testing.B) {
	ctx := context.Background()
	s := MustOpenStore(b)
	c := MustOpenCampaign(b, s, nil)
	qs, err := s.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		b.Fatal(err)
	}
	answers := sixtyAnswers(qs)
	codes := make([]string, 0, b.N)
	for len(codes) < b.N {
		codes = append(codes, MustGenerateCodes(b, s, c.ID, min(b.N-len(codes), 10000))...)
	}
	var next atomic.Int64
	b.SetParallelism(benchParallelism)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			r := &vigie.Response{
				Unit:     []string{"Direction A", "Service 1"},
				Segments: map[string]string{"metier": "Encadrement"},
				Answers:  answers,
			}
			if err := s.SubmitResponse(ctx, c.ID, codes[i], r, now); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// sixtyAnswers answers the first 60 items of qs.
func sixtyAnswers(qs []*questionnaires.Questionnaire) map[string]map[string]int {
	out := map[string]map[string]int{}
	n := 0
	for _, q := range qs {
		out[q.ID] = map[string]int{}
		for _, it := range q.Items() {
			if n == 60 {
				return out
			}
			out[q.ID][it.ID] = it.Scale.Min
			n++
		}
	}
	return out
}

// benchParallelism times GOMAXPROCS is the number of submitting goroutines
// (25 x 2 cores = 50 clients, as in the HTTP target).
var benchParallelism = 25

// BenchmarkCompact measures the compaction that follows a pause in
// writes (VACUUM) on a database of 100,000 responses of 60 answers: how
// long writers and readers wait for it. It also times the longest reads
// (Result, EachResponse), which commits wait for.
func BenchmarkCompact(b *testing.B) {
	const responses = 100_000
	ctx := context.Background()
	path := storetest.DB(b)
	s, err := store.OpenWithCompactDelay(path, time.Hour) // compact on demand only
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	spec := testSpec()
	spec.Access = vigie.AccessLink
	c := MustOpenCampaign(b, s, spec)
	qs, err := s.CampaignQuestionnaires(ctx, c.ID)
	if err != nil {
		b.Fatal(err)
	}
	answers := sixtyAnswers(qs)
	mustSubmitAll(b, s, c.ID, responses, func(int) *vigie.Response {
		return &vigie.Response{
			Unit:     []string{"Direction A", "Service 1"},
			Segments: map[string]string{"metier": "Encadrement"},
			Answers:  answers,
			Comments: map[string]string{"reconnaissance": "Trop de dossiers, pas assez de temps."},
		}
	})
	b.ResetTimer()
	for b.Loop() {
		if err := store.Compact(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(databaseSize(b, s))/(1<<20), "MiB")

	// The longest read transactions, which a commit waits for (rollback
	// journal): they must stay well under the 5 s busy timeout.
	b.StopTimer()
	if err := s.CloseCampaign(ctx, c.ID, now); err != nil {
		b.Fatal(err)
	}
	// Meanwhile, answers keep coming to another campaign: the slowest one
	// tells how long a commit waited for the reader.
	other := MustOpenCampaign(b, s, spec)
	stop := make(chan struct{})
	var slowest atomic.Int64
	var writers sync.WaitGroup
	for range 10 {
		writers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				r := &vigie.Response{Unit: []string{"Direction A", "Service 1"}, Answers: answers}
				t0 := time.Now()
				if err := s.SubmitResponse(ctx, other.ID, "", r, now); err != nil {
					b.Error(err)
					return
				}
				if d := int64(time.Since(t0)); d > slowest.Load() {
					slowest.Store(d) // racy max, close enough for a benchmark
				}
			}
		})
	}
	start := time.Now()
	if _, err := s.Result(ctx, c.ID, qs[0].ID); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(start).Seconds(), "result-s")
	close(stop)
	writers.Wait()
	b.ReportMetric(float64(slowest.Load())/1e6, "slowest-submit-ms")
	start = time.Now()
	if err := s.EachResponse(ctx, c.ID, func(*vigie.Response) error { return nil }); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(time.Since(start).Seconds(), "each-s")
}

// databaseSize is the size in bytes of the store's database: its file, or
// what PostgreSQL reports for the database.
func databaseSize(tb testing.TB, s *store.Store) int64 {
	tb.Helper()
	if storetest.Postgres() {
		var n int64
		if err := rawDB(tb, s.Path()).QueryRow(`SELECT pg_database_size(current_database())`).Scan(&n); err != nil {
			tb.Fatal(err)
		}
		return n
	}
	info, err := os.Stat(s.Path())
	if err != nil {
		tb.Fatal(err)
	}
	return info.Size()
}

// mustSubmitAll submits n responses to campaign id from 50 goroutines (the
// store commits them in batches), response(i) making the i-th.
func mustSubmitAll(tb testing.TB, s *store.Store, id string, n int, response func(i int) *vigie.Response) {
	tb.Helper()
	ctx := context.Background()
	var wg sync.WaitGroup
	var next atomic.Int64
	for range 50 {
		wg.Go(func() {
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				if err := s.SubmitResponse(ctx, id, "", response(int(i)), now); err != nil {
					tb.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if tb.Failed() {
		tb.FailNow()
	}
}
