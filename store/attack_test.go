package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// This file is an attacker of the whole store, end to end: random closed
// campaigns (several built-in questionnaires, a unit tree with direct
// members of parent units, people with no unit, two segments, sparse
// answerers, an item a whole unit skips, comments) are stored in SQLite
// through the store's API, and everything the store publishes of them is
// read back: the result of every questionnaire, participation, the
// published comments and the report's input. Holding all of it, the
// attacker checks what scoring/attack_test.go checks on the pure engine,
// here on what really leaves the store:
//
//   - the same groups hidden everywhere: no output publishes a group
//     another output hides while someone is in it, comment groups
//     included;
//   - subtraction per partition, per output and per measure, and across
//     outputs (a whole from one, members from another): what is left is
//     0 or at least k, or else not the true size of what it hides;
//   - a dimension and its items published together, and a dimension's
//     mean no more than its item counts say;
//   - the report shows exactly the figures the pages and the API show.
//
// The test knows who answered what, to tell a finding from a coincidence.

// genPerson is one generated respondent.
type genPerson struct {
	unit     []string                  // nil: no unit
	segments map[string]string         // missing: not given
	answers  map[string]map[string]int // questionnaire id -> item id -> value
}

// genCampaign is a generated campaign and its people.
type genCampaign struct {
	spec   *vigie.CampaignSpec
	k      int
	qs     []*questionnaires.Questionnaire
	people []genPerson
}

// TestStoreAttackerFindsNothing runs the attacker on a few dozen seeds. A
// failure names the seed; -run 'TestStoreAttackerFindsNothing/seed-N'
// replays one.
func TestStoreAttackerFindsNothing(t *testing.T) {
	seeds := 24
	if testing.Short() {
		seeds = 6
	}
	for seed := range seeds {
		t.Run("seed-"+strconv.Itoa(seed), func(t *testing.T) {
			c := generateStoreCampaign(rand.New(rand.NewPCG(uint64(seed), 0xa77ac)))
			pub := storeAndPublish(t, c)
			if findings := attackPublished(c, pub); len(findings) > 0 {
				t.Fatalf("the attacker found:\n%s", strings.Join(findings, "\n"))
			}
		})
	}
}

// generateStoreCampaign draws a small campaign.
func generateStoreCampaign(rng *rand.Rand) *genCampaign {
	k := 3 + rng.IntN(3)
	spec := &vigie.CampaignSpec{
		Title:               "Attaque",
		Organisation:        "Essai",
		MinGroupSize:        k,
		CommentMinGroupSize: k + 2*rng.IntN(2),
		Languages:           []string{"fr"},
		Access:              vigie.AccessLink,
	}
	// Two or three built-in questionnaires.
	ids := []string{"reconnaissance", "sens-du-travail", "strategies-defensives", "numerique-travail-reel"}
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	spec.Questionnaires = ids[:2+rng.IntN(2)]
	c := &genCampaign{spec: spec, k: k}
	for _, id := range spec.Questionnaires {
		q, _ := questionnaires.BuiltinByID(id)
		c.qs = append(c.qs, q)
	}

	// Units: 1 to 4 top units with 0 to 2 sub-units; any of them (a parent
	// too: direct members) can be a person's unit.
	var units [][]string
	for top := range 1 + rng.IntN(4) {
		name := fmt.Sprintf("U%d", top)
		units = append(units, []string{name})
		subs := rng.IntN(3)
		for sub := range subs {
			units = append(units, []string{name, fmt.Sprintf("s%d", sub)})
		}
		if subs == 0 {
			spec.Units = append(spec.Units, vigie.UnitSpec{Path: []string{name}, Headcount: rng.IntN(20)})
		}
	}
	for _, u := range units {
		if len(u) == 2 {
			spec.Units = append(spec.Units, vigie.UnitSpec{Path: u, Headcount: rng.IntN(12)})
		}
	}
	// Two segments of 2 or 3 categories.
	for s := range 2 {
		seg := vigie.Segment{ID: fmt.Sprintf("seg%d", s), Label: map[string]string{"fr": fmt.Sprintf("Segment %d", s)}}
		for cat := range 2 + rng.IntN(2) {
			seg.Categories = append(seg.Categories, fmt.Sprintf("c%d", cat))
		}
		spec.Segments = append(spec.Segments, seg)
	}

	// People: 6 to 40, units weighted at random (some stay empty), at
	// times no unit or no category; each questionnaire answered by most,
	// items skipped at a rate drawn per campaign.
	weights := make([]float64, len(units))
	for i := range weights {
		weights[i] = rng.Float64() * rng.Float64()
	}
	skip := []float64{0, 0.05, 0.2, 0.4}[rng.IntN(4)]
	answerQ := make([]float64, len(c.qs))
	for i := range answerQ {
		answerQ[i] = []float64{1, 0.9, 0.6}[rng.IntN(3)]
	}
	for range 6 + rng.IntN(35) {
		p := genPerson{segments: map[string]string{}, answers: map[string]map[string]int{}}
		if rng.IntN(10) > 0 {
			p.unit = units[pickIndex(rng, weights)]
		}
		for _, seg := range spec.Segments {
			if rng.IntN(8) > 0 {
				p.segments[seg.ID] = seg.Categories[rng.IntN(len(seg.Categories))]
			}
		}
		for i, q := range c.qs {
			if rng.Float64() >= answerQ[i] {
				continue
			}
			a := map[string]int{}
			for _, it := range q.Items() {
				if rng.Float64() >= skip {
					a[it.ID] = it.Scale.Min + rng.IntN(it.Scale.Max-it.Scale.Min+1)
				}
			}
			if len(a) > 0 {
				p.answers[q.ID] = a
			}
		}
		c.people = append(c.people, p)
	}
	// At times a whole unit skips one item, but one person.
	if rng.IntN(2) == 0 {
		u := units[rng.IntN(len(units))]
		q := c.qs[rng.IntN(len(c.qs))]
		item := q.Items()[rng.IntN(len(q.Items()))].ID
		keep := rng.IntN(2) == 0
		for _, p := range c.people {
			if a := p.answers[q.ID]; a != nil && isUnder(p.unit, u) {
				if keep {
					keep = false
					continue
				}
				delete(a, item)
				if len(a) == 0 {
					delete(p.answers, q.ID)
				}
			}
		}
	}
	return c
}

func pickIndex(rng *rand.Rand, w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	r := rng.Float64() * total
	for i, x := range w {
		if r < x {
			return i
		}
		r -= x
	}
	return len(w) - 1
}

func isUnder(path, prefix []string) bool {
	return len(path) >= len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}

// storePublished is everything the store publishes of a closed campaign.
type storePublished struct {
	results       []*scoring.Result
	participation []scoring.UnitParticipation
	comments      []vigie.Comment
	report        *reports.Report
}

// storeAndPublish stores the campaign and its responses, closes it,
// publishes comments, and reads every output back.
func storeAndPublish(t *testing.T, c *genCampaign) storePublished {
	t.Helper()
	return storeAndPublishIn(t, MustOpenStore(t), c)
}

// storeAndPublishIn is storeAndPublish in the store s.
func storeAndPublishIn(t *testing.T, s *store.Store, c *genCampaign) storePublished {
	t.Helper()
	ctx := context.Background()
	camp := MustOpenCampaign(t, s, c.spec)
	// All at once: the store commits them in a few batches, not one
	// synchronous commit each.
	var wg sync.WaitGroup
	for _, p := range c.people {
		r := &vigie.Response{Unit: p.unit, Segments: p.segments, Answers: p.answers, Comments: map[string]string{}}
		for qid := range p.answers {
			r.Comments[qid] = "Commentaire sur " + qid
		}
		wg.Go(func() {
			if err := s.SubmitResponse(ctx, camp.ID, "", r, now); err != nil {
				t.Errorf("SubmitResponse: %v", err)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	if err := s.CloseCampaign(ctx, camp.ID, now); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	camp, err := s.Campaign(ctx, camp.ID)
	if err != nil {
		t.Fatalf("Campaign: %v", err)
	}
	var pub storePublished
	for _, q := range c.qs {
		res, err := s.Result(ctx, camp.ID, q.ID)
		if err != nil {
			t.Fatalf("Result %s: %v", q.ID, err)
		}
		pub.results = append(pub.results, res)
	}
	if pub.participation, err = s.Participation(ctx, camp); err != nil {
		t.Fatalf("Participation: %v", err)
	}
	list, err := s.CommentsForModeration(ctx, camp.ID, 0)
	if err != nil {
		t.Fatalf("CommentsForModeration: %v", err)
	}
	// One comment published per group it is shown with: what the attack
	// reads of comments is their groups, and each decision is a write.
	groups := map[string]bool{}
	for _, cm := range list {
		g := strings.Join(cm.Unit, "/")
		if groups[g] {
			continue
		}
		groups[g] = true
		if err := s.ModerateComment(ctx, camp.ID, cm.ID, store.ModeratePublish, ""); err != nil {
			t.Fatalf("ModerateComment: %v", err)
		}
	}
	if pub.comments, err = s.PublishedComments(ctx, camp.ID, ""); err != nil {
		t.Fatalf("PublishedComments: %v", err)
	}
	pub.report, err = s.Report(ctx, camp.ID, store.ReportOptions{Audience: reports.AudienceCommittee})
	if err != nil {
		t.Fatalf("Report: %v", err)
	}
	return pub
}

// --- the attack ---

// storeMeasure is one published count of an output's groups, with whom it
// counts (the truth).
type storeMeasure struct {
	output string
	name   string
	ids    []string          // group ids, in the output's order
	parent map[string]string // group id -> whole ("all/seg" for a segment's categories)
	shown  map[string]int    // published count by group id
	counts func(p genPerson) bool
}

// attackPublished returns what the attacker learnt that it must not.
func attackPublished(c *genCampaign, pub storePublished) []string {
	var findings []string
	findings = append(findings, reportMatches(pub)...)
	ms := storeMeasures(c, pub)
	for _, m := range ms {
		findings = append(findings, subtractWithin(c, m)...)
	}
	findings = append(findings, subtractAcross(c, ms)...)
	findings = append(findings, hiddenEverywhere(c, pub)...)
	findings = append(findings, dimensionsAndItems(c, pub)...)
	return findings
}

// reportMatches: the report's input is exactly what Result and
// Participation publish: one set of figures, whatever the output.
func reportMatches(pub storePublished) []string {
	var findings []string
	if !reflect.DeepEqual(pub.report.Participation, pub.participation) {
		findings = append(findings, fmt.Sprintf("report participation %+v differs from Participation %+v", pub.report.Participation, pub.participation))
	}
	for i, sec := range pub.report.Sections {
		got, _ := json.Marshal(sec.Result)
		want, _ := json.Marshal(pub.results[i])
		if string(got) != string(want) {
			findings = append(findings, fmt.Sprintf("report section %s: result differs from Result", sec.Questionnaire.ID))
		}
	}
	return findings
}

// storeMeasures lists every published count: participation by unit (with
// the number of respondents, which the campaign page shows), and for each
// questionnaire its respondents and the n of every dimension and item.
func storeMeasures(c *genCampaign, pub storePublished) []storeMeasure {
	part := storeMeasure{output: "participation", name: "respondents", ids: []string{"all"},
		parent: map[string]string{}, shown: map[string]int{}, counts: func(genPerson) bool { return true }}
	if len(c.people) >= c.k {
		part.shown["all"] = len(c.people)
	}
	for _, row := range pub.participation {
		id := "unit:" + strings.Join(row.Path, "/")
		part.ids = append(part.ids, id)
		part.parent[id] = "all"
		if len(row.Path) > 1 {
			part.parent[id] = "unit:" + strings.Join(row.Path[:len(row.Path)-1], "/")
		}
		if row.Respondents != nil {
			part.shown[id] = *row.Respondents
		}
	}
	out := []storeMeasure{part}

	for qi, res := range pub.results {
		q := c.qs[qi]
		base := storeMeasure{output: q.ID, parent: map[string]string{}}
		for _, g := range res.Groups {
			base.ids = append(base.ids, g.ID)
			switch {
			case g.Kind == scoring.KindUnit && g.Parent != "":
				base.parent[g.ID] = g.Parent
			case g.Kind == scoring.KindUnit:
				base.parent[g.ID] = "all"
			case g.Kind == scoring.KindSegment:
				base.parent[g.ID] = "all/" + g.Segment
			}
		}
		add := func(name string, counts func(p genPerson) bool, shown func(g *scoring.Group) (int, bool)) {
			m := base
			m.name, m.counts, m.shown = name, counts, map[string]int{}
			for _, g := range res.Groups {
				if g.Suppressed {
					continue
				}
				if n, ok := shown(g); ok {
					m.shown[g.ID] = n
				}
			}
			out = append(out, m)
		}
		add("respondents", func(p genPerson) bool { return p.answers[q.ID] != nil },
			func(g *scoring.Group) (int, bool) { return g.Respondents, true })
		for _, d := range q.Dimensions {
			add(d.ID, func(p genPerson) bool { return isScored(p, q, d) },
				func(g *scoring.Group) (int, bool) { s := g.Dimensions[d.ID]; return s.N, !s.Suppressed })
			for _, it := range d.Items {
				add(it.ID, func(p genPerson) bool { return isScored(p, q, d) && hasAnswer(p, q, it) },
					func(g *scoring.Group) (int, bool) { s := g.Items[it.ID]; return s.N, !s.Suppressed })
			}
		}
	}
	return out
}

func hasAnswer(p genPerson, q *questionnaires.Questionnaire, it *questionnaires.Item) bool {
	_, ok := p.answers[q.ID][it.ID]
	return ok
}

// isScored reports whether p has a score on d: enough items answered.
func isScored(p genPerson, q *questionnaires.Questionnaire, d *questionnaires.Dimension) bool {
	n := 0
	for _, it := range d.Items {
		if hasAnswer(p, q, it) {
			n++
		}
	}
	return n > 0 && n >= int(math.Ceil(d.MinAnswered*float64(len(d.Items))-1e-9))
}

// belongs reports whether p is in the group id.
func belongs(p genPerson, id string) bool {
	switch {
	case id == "all":
		return true
	case strings.HasPrefix(id, "unit:"):
		path := p.unit
		if len(path) == 0 {
			path = []string{scoring.NotSpecified}
		}
		return isUnder(path, strings.Split(strings.TrimPrefix(id, "unit:"), "/"))
	case strings.HasPrefix(id, "segment:"):
		seg, cat, _ := strings.Cut(strings.TrimPrefix(id, "segment:"), "=")
		got := p.segments[seg]
		if got == "" {
			got = scoring.NotSpecified
		}
		return got == cat
	}
	panic("unknown group " + id)
}

// countIn is the number of people m counts in the group id.
func countIn(c *genCampaign, counts func(genPerson) bool, id string) int {
	n := 0
	for _, p := range c.people {
		if counts(p) && belongs(p, id) {
			n++
		}
	}
	return n
}

// wholes returns each whole of m with its members.
func wholes(m storeMeasure) map[string][]string {
	out := map[string][]string{}
	for _, id := range m.ids {
		if w, ok := m.parent[id]; ok {
			out[w] = append(out[w], id)
		}
	}
	return out
}

// subtractWithin: within one output and one measure, a published whole
// minus its published members is 0 or at least k; and every published
// count is the truth.
func subtractWithin(c *genCampaign, m storeMeasure) []string {
	var findings []string
	for w, members := range wholes(m) {
		wholeID, _, _ := strings.Cut(w, "/")
		left, ok := m.shown[wholeID]
		if !ok {
			continue
		}
		for _, id := range members {
			left -= m.shown[id]
		}
		if left > 0 && left < c.k {
			findings = append(findings, fmt.Sprintf("%s %s: %s minus its published members %v leaves %d", m.output, m.name, w, members, left))
		}
	}
	for id, n := range m.shown {
		if want := countIn(c, m.counts, id); n != want {
			findings = append(findings, fmt.Sprintf("%s %s: %s shows %d, truth %d", m.output, m.name, id, n, want))
		}
	}
	return findings
}

// subtractAcross: the respondents of two outputs are nearly the same
// people; a whole from one minus the members another publishes, when it
// leaves 1 to k−1, must not be the true number of people (of either
// output) in the members the other hides and outside every member.
func subtractAcross(c *genCampaign, ms []storeMeasure) []string {
	var counts []storeMeasure
	for _, m := range ms {
		if m.name == "respondents" {
			counts = append(counts, m)
		}
	}
	var findings []string
	for _, a := range counts {
		for _, b := range counts {
			if a.output == b.output {
				continue
			}
			for w, members := range wholes(b) {
				wholeID, _, _ := strings.Cut(w, "/")
				left, ok := a.shown[wholeID]
				if !ok {
					continue
				}
				var subtracted []string
				for _, id := range members {
					if n, ok := b.shown[id]; ok {
						left -= n
						subtracted = append(subtracted, id)
					}
				}
				if left < 1 || left >= c.k {
					continue
				}
				for _, o := range []storeMeasure{a, b} {
					hidden := 0
					for _, p := range c.people {
						if o.counts(p) && belongs(p, wholeID) && !slices.ContainsFunc(subtracted, func(id string) bool { return belongs(p, id) }) {
							hidden++
						}
					}
					if hidden == left {
						findings = append(findings, fmt.Sprintf("%s's %s minus %s's %v leaves %d: the true number of %s's respondents hidden there",
							a.output, w, b.output, subtracted, left, o.output))
					}
				}
			}
		}
	}
	return findings
}

// hiddenEverywhere: a group hidden by one output (with someone in it) is
// published by no other, comment groups included. A questionnaire
// answered by fewer than k publishes nothing at all and is left out.
func hiddenEverywhere(c *genCampaign, pub storePublished) []string {
	var findings []string
	shownIn := map[string][]string{}
	hiddenIn := map[string][]string{}
	visit := func(output, id string, shown bool, n int) {
		switch {
		case shown:
			shownIn[id] = append(shownIn[id], output)
		case n > 0:
			hiddenIn[id] = append(hiddenIn[id], output)
		}
	}
	for _, row := range pub.participation {
		id := "unit:" + strings.Join(row.Path, "/")
		visit("participation", id, row.Respondents != nil, countIn(c, func(genPerson) bool { return true }, id))
	}
	for qi, res := range pub.results {
		q := c.qs[qi]
		if res.Groups[0].Suppressed {
			for _, g := range res.Groups {
				if !g.Suppressed {
					findings = append(findings, fmt.Sprintf("%s: everyone withheld but %s shown", q.ID, g.ID))
				}
			}
			continue
		}
		for _, g := range res.Groups {
			visit(q.ID, g.ID, !g.Suppressed, countIn(c, func(p genPerson) bool { return p.answers[q.ID] != nil }, g.ID))
		}
	}
	seen := map[string]bool{}
	for _, cm := range pub.comments {
		if len(cm.Unit) == 0 {
			continue
		}
		id := "unit:" + strings.Join(cm.Unit, "/")
		if !seen[id] {
			seen[id] = true
			visit("comments", id, true, 0)
		}
	}
	for id, hidden := range hiddenIn {
		if shown := shownIn[id]; len(shown) > 0 {
			findings = append(findings, fmt.Sprintf("%s hidden in %v but shown in %v", id, hidden, shown))
		}
	}
	return findings
}

// dimensionsAndItems: in every published group, a dimension and its items
// are published together (an item no one scored answered may be withheld
// alone: its count of 0 says nothing), and the dimension's mean is the
// mean of the answers its item counts give, so that neither says more
// than the other (attacks 1 and 5 of issue 9).
func dimensionsAndItems(c *genCampaign, pub storePublished) []string {
	var findings []string
	for qi, res := range pub.results {
		q := c.qs[qi]
		for _, g := range res.Groups {
			if g.Suppressed {
				continue
			}
			for _, d := range q.Dimensions {
				ds := g.Dimensions[d.ID]
				sum, n := 0.0, 0
				for _, it := range d.Items {
					is := g.Items[it.ID]
					if ds.Suppressed != is.Suppressed {
						answered := countIn(c, func(p genPerson) bool { return isScored(p, q, d) && hasAnswer(p, q, it) }, g.ID)
						if !is.Suppressed || answered > 0 {
							findings = append(findings, fmt.Sprintf("%s %s: dimension %s suppressed = %v but item %s suppressed = %v",
								q.ID, g.ID, d.ID, ds.Suppressed, it.ID, is.Suppressed))
						}
					}
					if is.Suppressed {
						continue
					}
					for v := it.Scale.Min; v <= it.Scale.Max; v++ {
						r := v
						if it.Reverse {
							r = it.Scale.Min + it.Scale.Max - v
						}
						count := is.Counts[strconv.Itoa(v)]
						sum += float64(count) * 100 * float64(r-it.Scale.Min) / float64(it.Scale.Max-it.Scale.Min)
						n += count
					}
				}
				if !ds.Suppressed && math.Abs(ds.Mean-sum/float64(n)) > 1e-9 {
					findings = append(findings, fmt.Sprintf("%s %s %s: mean %v, but the item counts give %v: it says more than they do",
						q.ID, g.ID, d.ID, ds.Mean, sum/float64(n)))
				}
			}
		}
	}
	return findings
}

// TestStoreAttackerCatchesUnlinkedOutputs checks that the attacker is not
// idle: on the outputs each computed alone, as before issue 9 (every
// questionnaire's result and participation under their own rules, with no
// campaign pattern), it finds groups one output hides and another shows,
// and subtractions across outputs that isolate people.
func TestStoreAttackerCatchesUnlinkedOutputs(t *testing.T) {
	var hidden, across int
	for seed := range 30 {
		c := generateStoreCampaign(rand.New(rand.NewPCG(uint64(seed), 0xa77ac)))
		pub := publishAlone(t, c)
		hidden += len(hiddenEverywhere(c, pub))
		across += len(subtractAcross(c, storeMeasures(c, pub)))
	}
	if hidden == 0 || across == 0 {
		t.Fatalf("on outputs computed alone the attacker found %d groups hidden in one output and shown in another, %d isolating subtractions across outputs; want some of each", hidden, across)
	}
	t.Logf("on outputs computed alone: %d groups hidden in one output and shown in another, %d isolating subtractions across outputs", hidden, across)
}

// publishAlone computes each output of c under its own rules only.
func publishAlone(t *testing.T, c *genCampaign) storePublished {
	t.Helper()
	opts := scoring.Options{MinGroupSize: c.k}
	for _, u := range c.spec.UnitTree() {
		opts.Units = append(opts.Units, u.Path)
	}
	for _, g := range c.spec.Segments {
		opts.Segments = append(opts.Segments, scoring.Segment{ID: g.ID, Categories: g.Categories})
	}
	counts := map[string]int{}
	for _, p := range c.people {
		counts[strings.Join(p.unit, "/")]++
	}
	pub := storePublished{participation: scoring.Participation(opts, counts, nil)}
	for _, q := range c.qs {
		var rs []scoring.Respondent
		for _, p := range c.people {
			if p.answers[q.ID] == nil {
				continue
			}
			r, err := scoring.NewRespondent(q, p.unit, p.segments, p.answers[q.ID])
			if err != nil {
				t.Fatal(err)
			}
			rs = append(rs, r)
		}
		res, err := scoring.Score(q, opts, rs)
		if err != nil {
			t.Fatal(err)
		}
		pub.results = append(pub.results, res)
	}
	return pub
}
