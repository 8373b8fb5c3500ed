package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// TestClosedOutputsEqualFreshComputation closes random campaigns
// (attack_test.go's generator) and checks that the figures stored after
// the closing, and everything read through them, are those a scoring of
// the responses gives now.
func TestClosedOutputsEqualFreshComputation(t *testing.T) {
	seeds := 16
	if testing.Short() {
		seeds = 6
	}
	for seed := range seeds {
		t.Run("seed-"+strconv.Itoa(seed), func(t *testing.T) {
			ctx := context.Background()
			s := MustOpenStore(t)
			c := generateStoreCampaign(rand.New(rand.NewPCG(uint64(seed), 0xf0e2)))
			pub := storeAndPublishIn(t, s, c)
			id := pub.id
			stored, rules, err := store.StoredOutputs(ctx, s, id)
			if err != nil {
				t.Fatalf("StoredOutputs: %v", err)
			}
			if rules != scoring.RulesVersion {
				t.Errorf("outputs stored under rules %d, want %d", rules, scoring.RulesVersion)
			}
			fresh, err := store.FreshOutputs(ctx, s, id)
			if err != nil {
				t.Fatalf("FreshOutputs: %v", err)
			}
			if stored != fresh.Outputs {
				t.Errorf("stored outputs differ from a fresh computation:\nstored: %.800s\nfresh:  %.800s", stored, fresh.Outputs)
			}
			checkPublishedFresh(t, s, id, pub, fresh)
		})
	}
}

// checkPublishedFresh checks that what the store published of campaign
// id (pub, and the reads made now) is the fresh computation.
func checkPublishedFresh(t *testing.T, s *store.Store, id string, pub storePublished, fresh *store.Fresh) {
	t.Helper()
	ctx := context.Background()
	for _, res := range pub.results {
		qid := res.Questionnaire.ID
		if got, want := mustJSON(t, res), mustJSON(t, fresh.Results[qid]); got != want {
			t.Errorf("Result %s = %.600s\nwant (fresh) %.600s", qid, got, want)
		}
	}
	camp, err := s.Campaign(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := s.ParticipationHidden(ctx, camp, now)
	if err != nil {
		t.Fatalf("ParticipationHidden: %v", err)
	}
	if got, want := mustJSON(t, cp), mustJSON(t, fresh.Participation); got != want {
		t.Errorf("ParticipationHidden = %s\nwant (fresh) %s", got, want)
	}
	all, err := s.CampaignResults(ctx, id)
	if err != nil {
		t.Fatalf("CampaignResults: %v", err)
	}
	for _, sc := range all.Scored {
		if got, want := mustJSON(t, sc.Result), mustJSON(t, fresh.Results[sc.Questionnaire.ID]); got != want {
			t.Errorf("CampaignResults %s differs from a fresh computation", sc.Questionnaire.ID)
		}
	}
	for _, sec := range pub.report.Sections {
		if got, want := mustJSON(t, sec.Result), mustJSON(t, fresh.Results[sec.Questionnaire.ID]); got != want {
			t.Errorf("report section %s differs from a fresh computation", sec.Questionnaire.ID)
		}
	}
	if got, want := mustJSON(t, pub.report.Participation), mustJSON(t, fresh.Participation.Units); got != want {
		t.Errorf("report participation = %s\nwant (fresh) %s", got, want)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestClosedCampaignReadsNoResponse erases a closed campaign's responses
// behind the store's back once its figures are stored: every output still
// reads the same, so none reads the responses any more.
func TestClosedCampaignReadsNoResponse(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := generateStoreCampaign(rand.New(rand.NewPCG(7, 0xf0e2)))
	before := storeAndPublishIn(t, s, c)
	id := before.id
	fresh, err := store.FreshOutputs(ctx, s, id)
	if err != nil {
		t.Fatal(err)
	}
	res, err := rawWriteDB(t, s.Path()).Exec(`DELETE FROM responses WHERE campaign_id = ?`, id)
	if err != nil {
		t.Fatalf("delete the responses: %v", err)
	}
	if n, _ := res.RowsAffected(); n != int64(len(c.people)) {
		t.Fatalf("deleted %d responses, want %d", n, len(c.people))
	}
	// Not vacuous: scored now, the campaign has no respondent left.
	if empty, err := store.FreshOutputs(ctx, s, id); err != nil {
		t.Fatal(err)
	} else if empty.Outputs == fresh.Outputs {
		t.Fatal("a fresh computation without responses gives the same figures: the test proves nothing")
	}
	camp, err := s.Campaign(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var after storePublished
	for _, q := range c.qs {
		r, err := s.Result(ctx, id, q.ID)
		if err != nil {
			t.Fatalf("Result %s: %v", q.ID, err)
		}
		after.results = append(after.results, r)
	}
	if after.participation, err = s.Participation(ctx, camp, now); err != nil {
		t.Fatalf("Participation: %v", err)
	}
	if after.comments, err = s.PublishedComments(ctx, id, ""); err != nil {
		t.Fatalf("PublishedComments: %v", err)
	}
	if after.report, err = s.Report(ctx, id, store.ReportOptions{Audience: dossier.AudienceCommittee}); err != nil {
		t.Fatalf("Report: %v", err)
	}
	if _, err := s.CommentsForModeration(ctx, id, 0); err != nil {
		t.Fatalf("CommentsForModeration: %v", err)
	}
	if _, err := s.DUERP(ctx, id, now); err != nil {
		t.Fatalf("DUERP: %v", err)
	}
	if got, want := mustJSON(t, after.results), mustJSON(t, before.results); got != want {
		t.Errorf("results after erasing the responses = %.600s\nwant %.600s", got, want)
	}
	if !reflect.DeepEqual(after.participation, before.participation) {
		t.Errorf("participation after erasing the responses = %+v, want %+v", after.participation, before.participation)
	}
	if got, want := commentUnits(after.comments), commentUnits(before.comments); !slices.Equal(got, want) {
		t.Errorf("published comments' groups after erasing the responses = %v, want %v", got, want)
	}
	if got, want := mustJSON(t, after.report.Sections), mustJSON(t, before.report.Sections); got != want {
		t.Errorf("report sections differ after erasing the responses")
	}
}

// commentUnits are the groups of comments, sorted.
func commentUnits(list []vigie.Comment) []string {
	var out []string
	for _, c := range list {
		out = append(out, strings.Join(c.Unit, "/"))
	}
	slices.Sort(out)
	return out
}

// TestClosedCampaignScoredOnce reads a campaign's figures from many
// goroutines as it closes: the closing's background scoring and every
// read share one scoring.
func TestClosedCampaignScoredOnce(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := generateStoreCampaign(rand.New(rand.NewPCG(3, 0xf0e2)))
	camp := MustOpenCampaign(t, s, c.spec)
	for _, p := range c.people {
		r := &vigie.Response{Unit: p.Unit, Segments: p.Segments, Answers: map[string]map[string]int{}}
		for _, q := range c.qs {
			if a := p.ItemAnswers(q); a != nil {
				r.Answers[q.ID] = a
			}
		}
		if err := s.SubmitResponse(ctx, camp.ID, "", r, now); err != nil {
			t.Fatalf("SubmitResponse: %v", err)
		}
	}
	if err := s.CloseCampaign(ctx, camp.ID, now); err != nil {
		t.Fatalf("CloseCampaign: %v", err)
	}
	camp, err := s.Campaign(ctx, camp.ID)
	if err != nil {
		t.Fatal(err)
	}
	reads := []func() error{
		func() error { _, err := s.Result(ctx, camp.ID, c.qs[0].ID); return err },
		func() error { _, err := s.CampaignResults(ctx, camp.ID); return err },
		func() error { _, err := s.ParticipationHidden(ctx, camp, now); return err },
		func() error { _, err := s.PublishedComments(ctx, camp.ID, ""); return err },
	}
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() {
			if err := reads[i%len(reads)](); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	store.WaitBackground(s)
	if n := store.Scored(s); n != 1 {
		t.Errorf("the campaign was scored %d times, want once", n)
	}
}

// TestNewRulesRescoreAtOpen opens a database whose stored figures are
// older than the rules: the store scores them again in the background at
// start, logging each campaign with both versions and no figure, and
// leaves the archived campaigns' frozen figures alone.
func TestNewRulesRescoreAtOpen(t *testing.T) {
	ctx := context.Background()
	db := storetest.DB(t)
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(11, 0xf0e2))
	stale := storeAndPublishIn(t, s, generateStoreCampaign(rng)).id
	never := storeAndPublishIn(t, s, generateStoreCampaign(rng)).id
	archived := storeAndPublishIn(t, s, generateStoreCampaign(rng)).id
	if err := s.ArchiveCampaign(ctx, archived, now); err != nil {
		t.Fatalf("ArchiveCampaign: %v", err)
	}
	want, _, err := store.StoredOutputs(ctx, s, stale)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// The figures of an older binary: other rules, another number.
	old := scoring.RulesVersion - 1
	const marker = 987654
	raw := rawWriteDB(t, db)
	for _, id := range []string{stale, archived} {
		if _, err := raw.Exec(`UPDATE campaign_outputs SET rules = ?, outputs = ? WHERE campaign_id = ?`,
			old, `{"results":{},"participation":[],"respondents":`+strconv.Itoa(marker)+`}`, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`DELETE FROM campaign_outputs WHERE campaign_id = ?`, never); err != nil {
		t.Fatal(err)
	}

	var logs bytes.Buffer
	defaultLogger := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	s, err = store.Open(db)
	slog.SetDefault(defaultLogger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	store.WaitBackground(s)

	for _, id := range []string{stale, never} {
		got, rules, err := store.StoredOutputs(ctx, s, id)
		if err != nil {
			t.Fatal(err)
		}
		if rules != scoring.RulesVersion {
			t.Errorf("campaign %s: outputs under rules %d after start, want %d", id, rules, scoring.RulesVersion)
		}
		if id == stale && got != want {
			t.Errorf("campaign %s: outputs after start = %.300s\nwant %.300s", id, got, want)
		}
	}
	if n := store.Scored(s); n != 2 {
		t.Errorf("%d campaigns scored at start, want 2", n)
	}
	if _, rules, err := store.StoredOutputs(ctx, s, archived); err != nil || rules != old {
		t.Errorf("archived campaign: rules = %d (%v), want %d: its responses are erased, nothing to score", rules, err, old)
	}

	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	var sawStale, sawNever bool
	for _, line := range lines {
		switch {
		case strings.Contains(line, "campaign="+stale):
			sawStale = strings.Contains(line, "old_rules="+strconv.Itoa(old)) && strings.Contains(line, "rules="+strconv.Itoa(scoring.RulesVersion))
		case strings.Contains(line, "campaign="+never):
			sawNever = strings.Contains(line, "rules="+strconv.Itoa(scoring.RulesVersion))
		case strings.Contains(line, archived):
			t.Errorf("archived campaign logged: %s", line)
		}
		if strings.Contains(line, strconv.Itoa(marker)) || strings.Contains(line, "respondents") {
			t.Errorf("a log line carries figures: %s", line)
		}
	}
	if !sawStale || !sawNever {
		t.Errorf("want a line per campaign scored again, with its old and new rules; logged:\n%s", logs.String())
	}
}

// TestClosedReadsAreCopies changes what reads return: later reads, served
// from the same stored figures, are not affected.
func TestClosedReadsAreCopies(t *testing.T) {
	ctx := context.Background()
	s := MustOpenStore(t)
	c := generateStoreCampaign(rand.New(rand.NewPCG(5, 0xf0e2)))
	pub := storeAndPublishIn(t, s, c)
	camp, err := s.Campaign(ctx, pub.id)
	if err != nil {
		t.Fatal(err)
	}
	read := func() (string, string) {
		res, err := s.Result(ctx, pub.id, c.qs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		cp, err := s.ParticipationHidden(ctx, camp, now)
		if err != nil {
			t.Fatal(err)
		}
		return mustJSON(t, res), mustJSON(t, cp)
	}
	wantRes, wantPart := read()
	res, err := s.Result(ctx, pub.id, c.qs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range res.Groups {
		g.Label = "changed"
		for _, d := range g.Dimensions {
			d.Mean, d.Shares = -1, nil
		}
		for _, it := range g.Items {
			for k := range it.Counts {
				it.Counts[k] = -1
			}
		}
	}
	for k, r := range res.Reliability {
		if r.Alpha != nil {
			*r.Alpha = -1
		}
		res.Reliability[k] = r
	}
	cp, err := s.ParticipationHidden(ctx, camp, now)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cp.Units {
		if len(cp.Units[i].Path) > 0 {
			cp.Units[i].Path[0] = "changed"
		}
		if cp.Units[i].Respondents != nil {
			*cp.Units[i].Respondents = -1
		}
	}
	if cp.Respondents != nil {
		*cp.Respondents = -1
	}
	if gotRes, gotPart := read(); gotRes != wantRes || gotPart != wantPart {
		t.Errorf("a change to what a read returned reached the next read:\nresult %.300s\nwant   %.300s\nparticipation %.300s\nwant          %.300s", gotRes, wantRes, gotPart, wantPart)
	}
}
