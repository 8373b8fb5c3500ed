package scoring_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

// benchData is 100,000 respondents answering 80 items (16 dimensions of 5
// items, one in five reversed) in 40 services under 8 directions, with two
// segments; about 5% of answers are missing.
func benchData() (*questionnaires.Questionnaire, scoring.Options, []scoring.Respondent) {
	sc := accord()
	var dims []*questionnaires.Dimension
	for d := range 16 {
		var items []*questionnaires.Item
		for i := range 5 {
			items = append(items, item(fmt.Sprintf("d%di%d", d, i), sc, i == 4))
		}
		dir := questionnaires.HigherIsWorse
		if d%2 == 1 {
			dir = questionnaires.HigherIsBetter
		}
		dims = append(dims, dim(fmt.Sprintf("d%d", d), dir, 25, 75, items...))
	}
	q := newQuestionnaire(dims,
		&questionnaires.Indicator{ID: "r1", Kind: questionnaires.KindRatio, Numerator: "d0", Denominator: "d1", Threshold: 1},
		&questionnaires.Indicator{ID: "r2", Kind: questionnaires.KindRatio, Numerator: "d2", Denominator: "d3", Threshold: 1})

	var units [][]string
	for d := range 8 {
		for s := range 5 {
			units = append(units, []string{fmt.Sprintf("Direction %d", d), fmt.Sprintf("Service %d", s)})
		}
	}
	opts := scoring.Options{
		Units: units,
		Segments: []scoring.Segment{
			{ID: "metier", Categories: []string{"Assistant social", "Éducateur", "Secrétaire", "Cadre"}},
			{ID: "anciennete", Categories: []string{"< 2 ans", "2-10 ans", "> 10 ans"}},
		},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	segMaps := make([]map[string]string, 0, 12)
	for _, m := range opts.Segments[0].Categories {
		for _, a := range opts.Segments[1].Categories {
			segMaps = append(segMaps, map[string]string{"metier": m, "anciennete": a})
		}
	}
	rs := make([]scoring.Respondent, 100_000)
	for i := range rs {
		answers := make([]int, len(q.Items()))
		for j := range answers {
			answers[j] = 1 + rng.IntN(5)
			if rng.IntN(20) == 0 {
				answers[j] = scoring.Missing
			}
		}
		rs[i] = scoring.Respondent{Unit: units[rng.IntN(len(units))], Segments: segMaps[rng.IntN(len(segMaps))], Answers: answers}
	}
	return q, opts, rs
}

func BenchmarkScore100k(b *testing.B) {
	q, opts, rs := benchData()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := scoringtest.Score(q, opts, rs); err != nil {
			b.Fatal(err)
		}
	}
}

// campaign20k is the large campaign of the anonymity work: 20,000
// respondents in 60 services under 10 directions, three segments of 8
// categories each, answering the 80 items of benchData's questionnaire,
// every combination of categories equally likely: many small cells,
// the hardest case for rule 4.
func campaign20k() (*questionnaires.Questionnaire, scoring.Options, []scoring.Respondent) {
	q, _, _ := benchData()
	var units [][]string
	for d := range 10 {
		for s := range 6 {
			units = append(units, []string{fmt.Sprintf("Direction %d", d), fmt.Sprintf("Service %d", s)})
		}
	}
	opts := scoring.Options{Units: units}
	for s := range 3 {
		seg := scoring.Segment{ID: fmt.Sprintf("s%d", s)}
		for c := range 8 {
			seg.Categories = append(seg.Categories, fmt.Sprintf("c%d", c))
		}
		opts.Segments = append(opts.Segments, seg)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	rs := make([]scoring.Respondent, 20_000)
	for i := range rs {
		answers := make([]int, len(q.Items()))
		for j := range answers {
			answers[j] = 1 + rng.IntN(5)
		}
		segs := map[string]string{}
		for _, seg := range opts.Segments {
			segs[seg.ID] = seg.Categories[rng.IntN(len(seg.Categories))]
		}
		rs[i] = scoring.Respondent{Unit: units[rng.IntN(len(units))], Segments: segs, Answers: answers}
	}
	return q, opts, rs
}

// BenchmarkCampaign20k scores campaign20k as a campaign does: the
// respondents are added, the campaign pattern decided (participation and
// the questionnaire), then the result computed within it.
func BenchmarkCampaign20k(b *testing.B) {
	q, opts, rs := campaign20k()
	counts := map[string]int{}
	for _, r := range rs {
		counts[strings.Join(r.Unit, "/")]++
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s, err := scoring.New(q, opts)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rs {
			if err := s.Add(r); err != nil {
				b.Fatal(err)
			}
		}
		s.ResultWithin(scoring.CampaignPattern(opts, counts, s))
	}
}

// BenchmarkCampaign20kLegacy is BenchmarkCampaign20k under the linear rule
// 4 of the previous releases, for docs/performance.md's before/after.
func BenchmarkCampaign20kLegacy(b *testing.B) {
	defer scoring.UseLegacyOverlapRule()()
	BenchmarkCampaign20k(b)
}
