package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/scoring/scoringtest"
	"github.com/vigie-sante/vigie/store"
)

// This file feeds the attacker (scoring/scoringtest) the whole store, end
// to end: random closed campaigns (several built-in questionnaires, a
// unit tree with direct members of parent units, people with no unit, two
// segments, sparse answerers, an item a whole unit skips, comments) are
// stored through the store's API, and everything the store publishes of
// them is read back: the result of every questionnaire, participation,
// the published comments and the report's input. The attacker holds all
// of it and plays on what really leaves the store every attack it plays
// on the pure engine (scoring/attack_test.go); this file adds one: the
// report shows exactly the figures the pages and the API show.
//
// The test knows who answered what, to tell a finding from a coincidence.

// genCampaign is a generated campaign and its people.
type genCampaign struct {
	spec   *vigie.CampaignSpec
	k      int
	qs     []*questionnaires.Questionnaire
	people []scoringtest.Person
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
		p := scoringtest.Person{Segments: map[string]string{}, Answers: map[string][]int{}}
		if rng.IntN(10) > 0 {
			p.Unit = units[pickIndex(rng, weights)]
		}
		for _, seg := range spec.Segments {
			if rng.IntN(8) > 0 {
				p.Segments[seg.ID] = seg.Categories[rng.IntN(len(seg.Categories))]
			}
		}
		for i, q := range c.qs {
			if rng.Float64() >= answerQ[i] {
				continue
			}
			a := make([]int, len(q.Items()))
			for j, it := range q.Items() {
				a[j] = scoring.Missing
				if rng.Float64() >= skip {
					a[j] = it.Scale.Min + rng.IntN(it.Scale.Max-it.Scale.Min+1)
				}
			}
			if slices.ContainsFunc(a, func(v int) bool { return v != scoring.Missing }) {
				p.Answers[q.ID] = a
			}
		}
		c.people = append(c.people, p)
	}
	// At times a whole unit skips one item, but one person.
	if rng.IntN(2) == 0 {
		u := units[rng.IntN(len(units))]
		q := c.qs[rng.IntN(len(c.qs))]
		item := rng.IntN(len(q.Items()))
		keep := rng.IntN(2) == 0
		for _, p := range c.people {
			if a, ok := p.Answers[q.ID]; ok && isUnder(p.Unit, u) {
				if keep {
					keep = false
					continue
				}
				a[item] = scoring.Missing
				if !slices.ContainsFunc(a, func(v int) bool { return v != scoring.Missing }) {
					delete(p.Answers, q.ID)
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
	id            string // the campaign's
	results       []*scoring.Result
	participation []scoring.UnitParticipation
	comments      []vigie.Comment
	report        *dossier.Report
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
		r := &vigie.Response{Unit: p.Unit, Segments: p.Segments, Answers: map[string]map[string]int{}, Comments: map[string]string{}}
		for _, q := range c.qs {
			if a := p.ItemAnswers(q); a != nil {
				r.Answers[q.ID] = a
				r.Comments[q.ID] = "Commentaire sur " + q.ID
			}
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
	pub := storePublished{id: camp.ID}
	for _, q := range c.qs {
		res, err := s.Result(ctx, camp.ID, q.ID)
		if err != nil {
			t.Fatalf("Result %s: %v", q.ID, err)
		}
		pub.results = append(pub.results, res)
	}
	if pub.participation, err = s.Participation(ctx, camp, now); err != nil {
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
	pub.report, err = s.Report(ctx, camp.ID, store.ReportOptions{Audience: dossier.AudienceCommittee})
	if err != nil {
		t.Fatalf("Report: %v", err)
	}
	return pub
}

// --- the attack ---

// publication is what the store published of c, as the attacker holds it:
// every output, and the number of participants the campaign page shows.
func (c *genCampaign) publication(pub storePublished) scoringtest.Publication {
	out := scoringtest.Publication{K: c.k, Questionnaires: c.qs, Results: pub.results, Participation: pub.participation}
	if out.Participation == nil {
		// Without units there are no rows, but the campaign page still
		// shows the number of participants.
		out.Participation = []scoring.UnitParticipation{}
	}
	if len(c.people) >= c.k {
		out.Participants = len(c.people)
	}
	for _, cm := range pub.comments {
		out.CommentUnits = append(out.CommentUnits, cm.Unit)
	}
	return out
}

// attackPublished returns what the attacker learnt that it must not.
func attackPublished(c *genCampaign, pub storePublished) []string {
	return append(reportMatches(pub), scoringtest.Attack(c.people, c.publication(pub)).All()...)
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

// TestStoreAttackerCatchesUnlinkedOutputs checks that the attacker is not
// idle: on the outputs each computed alone, as before issue 9 (every
// questionnaire's result and participation under their own rules, with no
// campaign pattern), it finds groups one output hides and another shows,
// and subtractions across outputs that isolate people.
func TestStoreAttackerCatchesUnlinkedOutputs(t *testing.T) {
	var hidden, across int
	for seed := range 30 {
		c := generateStoreCampaign(rand.New(rand.NewPCG(uint64(seed), 0xa77ac)))
		r := scoringtest.Attack(c.people, c.publication(publishAlone(t, c)))
		hidden += len(r.Hidden)
		across += len(r.Across)
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
		counts[strings.Join(p.Unit, "/")]++
	}
	pub := storePublished{participation: scoringtest.Participation(opts, counts, nil)}
	for _, q := range c.qs {
		var rs []scoring.Respondent
		for _, p := range c.people {
			if a, ok := p.Answers[q.ID]; ok {
				rs = append(rs, scoring.Respondent{Unit: p.Unit, Segments: p.Segments, Answers: a})
			}
		}
		res, err := scoringtest.Score(q, opts, rs)
		if err != nil {
			t.Fatal(err)
		}
		pub.results = append(pub.results, res)
	}
	return pub
}
