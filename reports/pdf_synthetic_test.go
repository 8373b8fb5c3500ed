package reports_test

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
)

// pdfSyntheticUnit is a unit of the synthetic organisation: its size, its
// headcount and how much worse than average its answers lean.
type pdfSyntheticUnit struct {
	path      []string
	n         int
	headcount int
	bias      float64
}

// The synthetic organisation: a department council's social services, with
// one unit and one category too small to be shown.
var pdfSyntheticUnits = []pdfSyntheticUnit{
	{[]string{"Direction de l'enfance", "Service accueil familial"}, 38, 45, 0.2},
	{[]string{"Direction de l'enfance", "Service placement"}, 27, 52, 0.8},
	{[]string{"Direction de l'enfance", "Veille de nuit"}, 3, 6, 0.9},
	{[]string{"Direction de l'autonomie", "Service APA"}, 31, 40, -0.6},
	{[]string{"Direction de l'autonomie", "Service handicap"}, 22, 30, 0.1},
	{[]string{"Mission qualité"}, 7, 9, -0.2},
}

var pdfSyntheticJobs = []struct {
	name  string
	share float64
}{{"Travailleur social", 0.58}, {"Éducateur·rice", 0.27}, {"Secrétaire", 0.13}, {"Apprenti", 0.02}}

// pdfSyntheticSection scores made-up answers to q with the real scoring
// engine: deterministic, units leaning differently, 3 % of items skipped.
func pdfSyntheticSection(tb testing.TB, q *questionnaires.Questionnaire, k int, seed uint64) dossier.Section {
	tb.Helper()
	opts := scoring.Options{MinGroupSize: k, Segments: []scoring.Segment{{ID: "metier", Label: "Métier"}}}
	for _, u := range pdfSyntheticUnits {
		opts.Units = append(opts.Units, u.path)
	}
	s, err := scoring.New(q, opts)
	if err != nil {
		tb.Fatalf("scoring.New: %v", err)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	items := q.Items()
	// Each dimension leans its own way, so that the example shows all levels.
	offsets := map[string]float64{}
	for i, d := range q.Dimensions {
		offsets[d.ID] = 1.1 * math.Sin(1.7*float64(i)+float64(seed))
	}
	answers := make([]int, len(items))
	for _, u := range pdfSyntheticUnits {
		for range u.n {
			job, x := pdfSyntheticJobs[0].name, rng.Float64()
			for _, j := range pdfSyntheticJobs {
				if x < j.share {
					job = j.name
					break
				}
				x -= j.share
			}
			// strain > 0 leans towards the unfavourable end of every dimension.
			strain := u.bias + rng.NormFloat64()*0.5
			for i, it := range items {
				if rng.IntN(33) == 0 {
					answers[i] = scoring.Missing
					continue
				}
				lean := strain + offsets[it.Dimension]
				if q.Dimension(it.Dimension).Direction == questionnaires.HigherIsBetter {
					lean = -lean
				}
				if it.Reverse {
					lean = -lean
				}
				mid := float64(it.Scale.Min+it.Scale.Max) / 2
				v := int(math.Round(mid + lean + rng.NormFloat64()*0.9))
				answers[i] = min(max(v, it.Scale.Min), it.Scale.Max)
			}
			r := scoring.Respondent{Unit: u.path, Segments: map[string]string{"metier": job}, Answers: answers}
			if err := s.Add(r); err != nil {
				tb.Fatalf("Add: %v", err)
			}
		}
	}
	return dossier.Section{Questionnaire: q, Result: s.Result()}
}

// pdfSyntheticReport builds a report on the built-in instruments ids.
func pdfSyntheticReport(tb testing.TB, ids []string, lang string, audience dossier.Audience) *dossier.Report {
	tb.Helper()
	const k = 5
	r := &dossier.Report{
		Organisation:        "Conseil départemental (exemple)",
		Campaign:            "Enquête sens et reconnaissance au travail 2027",
		Period:              "2027-W03 – 2027-W07",
		GeneratedAt:         time.Date(2027, 2, 22, 9, 0, 0, 0, time.UTC),
		Audience:            audience,
		Lang:                lang,
		MinGroupSize:        k,
		CommentMinGroupSize: 10,
		IncludeItemAnnex:    audience == dossier.AudienceConsultant,
		Version:             "exemple",
	}
	counts, heads := map[string]int{}, map[string]int{}
	for _, u := range pdfSyntheticUnits {
		key := strings.Join(u.path, "/")
		counts[key], heads[key] = u.n, u.headcount
	}
	opts := scoring.Options{MinGroupSize: k}
	for _, u := range pdfSyntheticUnits {
		opts.Units = append(opts.Units, u.path)
	}
	r.Participation = scoringtest.Participation(opts, counts, heads)
	for i, id := range ids {
		q, ok := questionnaires.BuiltinByID(id)
		if !ok {
			tb.Fatalf("no built-in questionnaire %q", id)
		}
		r.Sections = append(r.Sections, pdfSyntheticSection(tb, q, k, uint64(i+1)))
	}
	if audience == dossier.AudienceConsultant && len(r.Sections) > 0 {
		r.Sections[0].Comments = []dossier.Comment{
			{Group: "Direction de l'enfance", Text: "On passe plus de temps à renseigner le logiciel qu'avec les familles."},
			{Group: "Direction de l'enfance", Text: "Les réunions d'équipe ont disparu : on ne parle plus des situations difficiles."},
			{Group: "Direction de l'autonomie", Text: "Bonne ambiance, mais « faire du chiffre » n'est pas notre métier !"},
		}
	}
	return r
}

// The report renders the real built-in instruments scored by the real
// engine, and hides what the engine suppressed.
func TestPDFWithBuiltinInstruments(t *testing.T) {
	requirePoppler(t)
	ids := []string{"sens-du-travail", "reconnaissance", "strategies-defensives", "numerique-travail-reel"}
	r := pdfSyntheticReport(t, ids, "fr", dossier.AudienceConsultant)
	pages := pdfPages(t, renderPDF(t, r))
	text := normalise(strings.Join(pages, "\n"))
	for _, s := range r.Sections {
		if title := s.Questionnaire.Title.In("fr", "fr"); !strings.Contains(text, title) {
			t.Errorf("text lacks the questionnaire title %q", title)
		}
	}
	for _, w := range []string{"Siegrist", "Dejours", "Morin", "ne posent aucun diagnostic", "Ratio"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q", w)
		}
	}
	published := map[string]bool{}
	var hidden []string
	for _, s := range r.Sections {
		for _, g := range s.Result.Groups {
			if g.Suppressed {
				hidden = append(hidden, g.Label)
			} else {
				published[g.Label] = true
			}
		}
	}
	if len(hidden) == 0 {
		t.Fatal("the synthetic data should make the engine suppress some groups")
	}
	// A segment whose every category is withheld is said so in one
	// sentence, instead of a table of grey rows.
	shownCategories := map[string]bool{}
	for _, s := range r.Sections {
		for _, g := range s.Result.Groups {
			if g.Kind == scoring.KindSegment {
				shownCategories[g.Segment] = shownCategories[g.Segment] || !g.Suppressed
			}
		}
	}
	withheld := slices.Contains(slices.Collect(maps.Values(shownCategories)), false)
	if said := strings.Contains(text, "Aucune catégorie de ce segment n'est publiée"); said != withheld {
		t.Errorf("a segment is entirely withheld: %v; the report says so: %v", withheld, said)
	}
	for _, name := range hidden {
		if published[name] {
			continue // shown in another questionnaire: its line may carry figures there
		}
		for pi, p := range pages {
			for _, line := range strings.Split(p, "\n") {
				if figureNextTo(line, name) {
					t.Errorf("page %d: suppressed group %q next to a figure: %q", pi+1, name, strings.TrimSpace(line))
				}
			}
		}
	}
}
