package reports_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

// pdfBenchReport scores 100,000 made-up respondents in 40 services under 8
// directions, with two segments, on one questionnaire of 80 items (16
// dimensions of 5), with the real scoring engine.
func pdfBenchReport(tb testing.TB) *dossier.Report {
	tb.Helper()
	scale := &questionnaires.Scale{ID: "accord", Min: 1, Max: 5, Labels: map[string][]string{
		"fr": {"Pas du tout d'accord", "Pas d'accord", "Ni l'un ni l'autre", "D'accord", "Tout à fait d'accord"}}}
	q := &questionnaires.Questionnaire{ID: "bench", Version: 1, Language: "fr",
		Title: questionnaires.Text{"fr": "Questionnaire de charge (80 questions)"}, Scales: []*questionnaires.Scale{scale}}
	for d := range 16 {
		dim := &questionnaires.Dimension{ID: fmt.Sprintf("d%d", d),
			Title:     questionnaires.Text{"fr": fmt.Sprintf("Dimension n° %d du travail réel", d+1)},
			Direction: questionnaires.HigherIsWorse, Cutoffs: questionnaires.Cutoffs{Low: 33, High: 66}, MinAnswered: 0.5}
		if d%2 == 1 {
			dim.Direction = questionnaires.HigherIsBetter
		}
		for i := range 5 {
			dim.Items = append(dim.Items, &questionnaires.Item{ID: fmt.Sprintf("d%di%d", d, i), Scale: scale, Reverse: i == 4,
				Text: questionnaires.Text{"fr": fmt.Sprintf("Question %d de la dimension %d, formulée simplement.", i+1, d+1)}})
		}
		q.Dimensions = append(q.Dimensions, dim)
	}
	q.Indicators = []*questionnaires.Indicator{{ID: "r1", Kind: questionnaires.KindRatio, Numerator: "d0", Denominator: "d1",
		Threshold: 1, Title: questionnaires.Text{"fr": "Ratio effort/récompense"}}}
	q.Finish()

	opts := scoring.Options{Segments: []scoring.Segment{
		{ID: "metier", Categories: []string{"Assistant social", "Éducateur", "Secrétaire", "Cadre"}},
		{ID: "anciennete", Categories: []string{"< 2 ans", "2-10 ans", "> 10 ans"}},
	}}
	for d := range 8 {
		for s := range 5 {
			opts.Units = append(opts.Units, []string{fmt.Sprintf("Direction %d", d+1), fmt.Sprintf("Service %d.%d", d+1, s+1)})
		}
	}
	sc, err := scoring.New(q, opts)
	if err != nil {
		tb.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	answers := make([]int, len(q.Items()))
	counts, heads := map[string]int{}, map[string]int{}
	for i := range 100_000 {
		unit := opts.Units[i%len(opts.Units)]
		bias := (i % len(opts.Units)) % 3
		for j := range answers {
			answers[j] = min(5, 1+rng.IntN(4)+bias/2)
			if rng.IntN(25) == 0 {
				answers[j] = scoring.Missing
			}
		}
		segs := map[string]string{
			"metier":     opts.Segments[0].Categories[rng.IntN(4)],
			"anciennete": opts.Segments[1].Categories[rng.IntN(3)],
		}
		if err := sc.Add(scoring.Respondent{Unit: unit, Segments: segs, Answers: answers}); err != nil {
			tb.Fatal(err)
		}
		counts[strings.Join(unit, "/")]++
	}
	for key, n := range counts {
		heads[key] = n * 3 / 2
	}
	return &dossier.Report{
		Organisation: "Organisation de test", Campaign: "Banc d'essai 100 000 répondants",
		GeneratedAt: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Audience: dossier.AudienceConsultant,
		MinGroupSize: 5, CommentMinGroupSize: 10, IncludeItemAnnex: true,
		Participation: scoringtest.Participation(opts, counts, heads),
		Sections:      []dossier.Section{{Questionnaire: q, Result: sc.Result()}},
	}
}

// BenchmarkPDF100k renders the consultant's PDF (every section, item
// annex included) of 100,000 respondents in 40 units answering 80 items.
// Target: under 5 s and 500 MB peak (docs/performance.md).
func BenchmarkPDF100k(b *testing.B) {
	r := pdfBenchReport(b)
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := reports.PDF(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "KiB/pdf")
}
