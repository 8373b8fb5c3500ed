package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/web"
)

// processCPU returns the user and system CPU time used by the process.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchYAML returns a questionnaire of 6 dimensions × 10 items on a 1–5
// scale: 60 answers per submission, the size of a long real instrument.
func benchYAML() string {
	var b strings.Builder
	b.WriteString(`id: bench-60
version: 1
language: fr
title: {fr: "Banc d'essai"}
comment: {fr: "Un commentaire ?"}
scales:
  s5: {min: 1, max: 5, labels: {fr: ["1", "2", "3", "4", "5"]}}
dimensions:
`)
	for d := range 6 {
		fmt.Fprintf(&b, "  - id: d%d\n    title: {fr: \"Dimension %d\"}\n    description: {fr: \"D%d\"}\n    direction: higher_is_worse\n    cutoffs: [40, 70]\n    items:\n", d, d, d)
		for i := range 10 {
			fmt.Fprintf(&b, "      - {id: d%di%d, text: {fr: \"Item %d.%d\"}, scale: s5}\n", d, i, d, i)
		}
	}
	return b.String()
}

// benchBody is a complete submission: 60 answers, unit, segment, comment.
func benchBody(code string, seed int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"code":%q,"unit":"Direction A/Service 1","segments":{"metier":"Encadrement"},"answers":{"bench-60":{`, code)
	for d := range 6 {
		for i := range 10 {
			if d+i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"d%di%d":%d`, d, i, 1+(seed+d*10+i)%5)
		}
	}
	b.WriteString(`}},"comments":{"bench-60":"Trop de dossiers, pas assez de temps."}}`)
	return b.Bytes()
}

// benchBodyTwo is benchBody answering charge-et-soutien's 6 items too:
// a two-questionnaire submission, as issue 22 measures.
func benchBodyTwo(code string, seed int) []byte {
	body := benchBody(code, seed)
	i := bytes.Index(body, []byte(`},"comments"`))
	var extra bytes.Buffer
	extra.WriteString(`,"charge-et-soutien":{`)
	for j, id := range []string{"charge1", "charge2", "charge3", "soutien1", "soutien2", "soutien3"} {
		if j > 0 {
			extra.WriteByte(',')
		}
		fmt.Fprintf(&extra, `%q:%d`, id, 1+(seed+j)%4) // the accord scale of chargeYAML is 1–4
	}
	extra.WriteString(`}`)
	return slices.Concat(body[:i], extra.Bytes(), body[i:])
}

// BenchmarkSubmitHTTP measures complete JSON submissions (60 answers each)
// over loopback HTTP with 50 concurrent clients, from request to stored
// response, and reports throughput and latency percentiles.
func BenchmarkSubmitHTTP(b *testing.B) {
	ts := MustNewServer(b, benchOptions()...)
	srv := httptest.NewServer(ts.Handler)
	defer srv.Close()
	benchSubmit(b, ts, benchBody, srv.URL)
}

// BenchmarkSubmitHTTPTwoQuestionnaires is BenchmarkSubmitHTTP with
// submissions answering two questionnaires (66 answers).
func BenchmarkSubmitHTTPTwoQuestionnaires(b *testing.B) {
	ts := MustNewServer(b, benchOptionsTwo()...)
	srv := httptest.NewServer(ts.Handler)
	defer srv.Close()
	benchSubmit(b, ts, benchBodyTwo, srv.URL)
}

// BenchmarkSubmitHTTPTwoInstances is BenchmarkSubmitHTTP against two
// instances on one PostgreSQL database, the requests shared between them
// in turn as by a load balancer.
func BenchmarkSubmitHTTPTwoInstances(b *testing.B) {
	requirePostgres(b)
	a, c := twoInstances(b, benchOptions()...)
	srvA, srvC := httptest.NewServer(a.Handler), httptest.NewServer(c.Handler)
	defer srvA.Close()
	defer srvC.Close()
	benchSubmit(b, a.testServer, benchBody, srvA.URL, srvC.URL)
}

// BenchmarkSubmitHTTPTwoInstancesTwoQuestionnaires is the two instances
// with two-questionnaire submissions.
func BenchmarkSubmitHTTPTwoInstancesTwoQuestionnaires(b *testing.B) {
	requirePostgres(b)
	a, c := twoInstances(b, benchOptionsTwo()...)
	srvA, srvC := httptest.NewServer(a.Handler), httptest.NewServer(c.Handler)
	defer srvA.Close()
	defer srvC.Close()
	benchSubmit(b, a.testServer, benchBodyTwo, srvA.URL, srvC.URL)
}

// benchOptions build the benchmarks' server: one questionnaire of 60
// items, no logs.
func benchOptions() []option {
	return []option{
		withQuestionnaire(benchYAML()),
		withSpec(func(s *vigie.CampaignSpec) { s.Questionnaires = []string{"bench-60"} }),
		withConfig(func(c *web.Config) { c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil)) }),
	}
}

// benchOptionsTwo is benchOptions with charge-et-soutien as a second
// questionnaire.
func benchOptionsTwo() []option {
	return append(benchOptions(), withSpec(func(s *vigie.CampaignSpec) {
		s.Questionnaires = []string{"bench-60", "charge-et-soutien"}
	}))
}

// benchSubmit posts b.N submissions to ts's campaign from 50 concurrent
// clients, request i going to bases[i%len(bases)], and reports the
// throughput, latency percentiles and CPU time per submission.
func benchSubmit(b *testing.B, ts *testServer, body func(code string, seed int) []byte, bases ...string) {
	const clients = 50
	var codes []string
	for len(codes) < b.N {
		n := min(b.N-len(codes), store.MaxCodesPerBatch)
		more, err := ts.Store.GenerateCodes(context.Background(), ts.Campaign.ID, n, nil)
		if err != nil {
			b.Fatal(err)
		}
		codes = append(codes, more...)
	}
	bodies := make([][]byte, b.N)
	for i := range bodies {
		bodies[i] = body(codes[i], i)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	path := responsesPath(ts)

	latencies := make([]time.Duration, b.N)
	next := make(chan int, b.N)
	for i := range b.N {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	var failed sync.Once
	b.ResetTimer()
	cpu0 := processCPU()
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for i := range next {
				t0 := time.Now()
				res, err := client.Post(bases[i%len(bases)]+path, "application/json", bytes.NewReader(bodies[i]))
				if err != nil {
					failed.Do(func() { b.Error(err) })
					continue
				}
				answer, _ := io.ReadAll(res.Body)
				res.Body.Close()
				latencies[i] = time.Since(t0)
				if res.StatusCode != http.StatusCreated {
					failed.Do(func() { b.Errorf("status %d, want 201: %s", res.StatusCode, answer) })
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := processCPU() - cpu0
	b.StopTimer()

	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[min(len(latencies)-1, int(p*float64(len(latencies))))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	// CPU time of the whole process (server and clients) per submission:
	// unlike req/s, it does not depend on what else the machine runs, and
	// 2 cores / cpu-µs/op bounds the throughput of an idle 2-core machine.
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/op")
	if got := ts.responseCount(b); got != b.N {
		b.Fatalf("%d responses stored, want %d", got, b.N)
	}
}
