package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
	"github.com/vigie-sante/vigie/store"
)

// demoNow is the demo's clock in tests: a Friday in 2026.
var demoNow = time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)

// sharedDemo is one demo database set up for the tests that only read it
// (setting it up submits about 340 responses).
var sharedDemo struct {
	once sync.Once
	dir  string
	st   *store.Store
	info *demoInfo
	err  error
}

// TestMain runs the package's tests, then those of bothEngines again on
// PostgreSQL (engine_test.go), and removes the shared demo database.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		code = runPostgresPass(m)
	}
	if sharedDemo.st != nil {
		sharedDemo.st.Close()
	}
	if sharedDemo.dir != "" {
		os.RemoveAll(sharedDemo.dir)
	}
	os.Exit(code)
}

// mustDemo returns the shared demo database and what setupDemo returned.
func mustDemo(t *testing.T) (*store.Store, *demoInfo) {
	t.Helper()
	sharedDemo.once.Do(func() {
		// The folder outlives the test that created it: TestMain removes it.
		dir, err := os.MkdirTemp("", "vigie-demo-test-")
		if err != nil {
			sharedDemo.err = err
			return
		}
		sharedDemo.dir = dir
		st, err := store.Open(filepath.Join(dir, demoDBName))
		if err != nil {
			sharedDemo.err = err
			return
		}
		sharedDemo.st = st
		sharedDemo.info, sharedDemo.err = setupDemo(context.Background(), st, demoNow)
	})
	if sharedDemo.err != nil {
		t.Fatalf("setupDemo: %v", sharedDemo.err)
	}
	return sharedDemo.st, sharedDemo.info
}

// demoGroup returns the group with the given id of a result, or fails.
func demoGroup(t *testing.T, r *scoring.Result, id string) *scoring.Group {
	t.Helper()
	for _, g := range r.Groups {
		if g.ID == id {
			return g
		}
	}
	t.Fatalf("result of %s has no group %q", r.Questionnaire.ID, id)
	return nil
}

func mustResult(t *testing.T, st *store.Store, campaignID, qid string) *scoring.Result {
	t.Helper()
	r, err := st.Result(context.Background(), campaignID, qid)
	if err != nil {
		t.Fatalf("Result(%s): %v", qid, err)
	}
	return r
}

func TestDemoClosedCampaign(t *testing.T) {
	st, info := mustDemo(t)
	ctx := context.Background()
	c := info.Closed
	if c.Title != demoClosedTitle || c.State != vigie.StateClosed {
		t.Fatalf("closed campaign = %q in state %s, want %q closed", c.Title, c.State, demoClosedTitle)
	}
	if len(c.Questionnaires) != 5 {
		t.Errorf("questionnaires = %v, want the 5 built-in ones", c.Questionnaires)
	}
	for _, camp := range []*vigie.Campaign{c, info.Open} {
		if camp.ConductedBy["fr"] == "" || camp.ConductedBy["en"] == "" || camp.Purpose["fr"] == "" || camp.Purpose["en"] == "" {
			t.Errorf("%s: conducted_by = %q, purpose = %q; want both in French and English", camp.Title, camp.ConductedBy, camp.Purpose)
		}
	}
	if c.OpenedWeek != store.Week(demoNow.AddDate(0, 0, -56)) || c.ClosedWeek != store.Week(demoNow.AddDate(0, 0, -35)) {
		t.Errorf("weeks = %s to %s, want 8 to 5 weeks before %s", c.OpenedWeek, c.ClosedWeek, store.Week(demoNow))
	}
	headcount := 0
	for _, u := range c.Units {
		headcount += u.Headcount
	}
	if len(c.Units) != 15 || headcount < 350 || headcount > 450 {
		t.Errorf("units = %d with %d agents, want 3 directions + 12 teams and about 400 agents", len(c.Units), headcount)
	}
	n, err := st.ResponseCount(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n < 280 || n > 340 {
		t.Errorf("responses = %d, want about 300", n)
	}
	total, used, err := st.CodeCounts(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if total != headcount+demoPaperSheets || used != n {
		t.Errorf("codes = %d (%d used), want one per agent (%d) plus %d paper sheets, and one used per response (%d)", total, used, headcount, demoPaperSheets, n)
	}
	if n, _ := st.PendingPaperCount(ctx, c.ID); n != 0 {
		t.Errorf("%d paper sheets await a second entry, want 0", n)
	}
	for _, qid := range c.Questionnaires {
		if r := mustResult(t, st, c.ID, qid); r.Respondents < n*9/10 {
			t.Errorf("%s: %d respondents, want nearly all %d", qid, r.Respondents, n)
		}
	}
	// Every response was submitted in one of the three weeks after opening.
	weeks := map[string]int{}
	err = st.EachResponse(ctx, c.ID, func(r *vigie.Response) error { weeks[r.Week]++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(weeks) != 3 || weeks[c.OpenedWeek] < n/3 {
		t.Errorf("weeks of submission = %v, want 3 weeks, most in the opening week %s", weeks, c.OpenedWeek)
	}
}

func TestDemoPlantedPatterns(t *testing.T) {
	st, info := mustDemo(t)
	id := info.Closed.ID

	t.Run("LensEffortRewardImbalance", func(t *testing.T) {
		r := mustResult(t, st, id, "reconnaissance")
		all := demoGroup(t, r, "all").Indicators["ratio-effort-recompense"]
		lens := demoGroup(t, r, "unit:Direction Artois/Secteur Lens").Indicators["ratio-effort-recompense"]
		if all == nil || lens == nil || lens.Suppressed {
			t.Fatalf("ratio indicator missing or suppressed: all %+v, Lens %+v", all, lens)
		}
		if lens.ShareAbove < all.ShareAbove+0.3 {
			t.Errorf("Lens share above 1 = %.2f, want clearly above the overall %.2f", lens.ShareAbove, all.ShareAbove)
		}
	})

	t.Run("LittoralSoftwareHidesWork", func(t *testing.T) {
		r := mustResult(t, st, id, "numerique-travail-reel")
		littoral := demoGroup(t, r, "unit:Direction Littoral").Dimensions["fidelite-activite"]
		for _, other := range []string{"unit:Direction Métropole", "unit:Direction Artois"} {
			d := demoGroup(t, r, other).Dimensions["fidelite-activite"]
			if d == nil || d.Suppressed || littoral == nil || littoral.Suppressed {
				t.Fatalf("fidelite-activite missing or suppressed: Littoral %+v, %s %+v", littoral, other, d)
			}
			if littoral.Mean > d.Mean-10 {
				t.Errorf("fidelite-activite: Littoral %.1f, %s %.1f; want Littoral at least 10 points lower", littoral.Mean, other, d.Mean)
			}
		}
	})

	t.Run("ExpertiseCellHiddenEverywhere", func(t *testing.T) {
		for _, qid := range info.Closed.Questionnaires {
			r := mustResult(t, st, id, qid)
			g := demoGroup(t, r, "unit:Direction Artois/Cellule expertise")
			if !g.Suppressed || g.Reason != scoring.ReasonBelowThreshold || g.Respondents != 0 || g.Dimensions != nil {
				t.Errorf("%s: Cellule expertise = %+v, want suppressed below threshold without figures", qid, g)
			}
			// Three hidden people would be found by subtraction from the
			// direction; the engine hides one more team (secondary).
			secondary := 0
			for _, g := range r.Groups {
				if g.Parent == "unit:Direction Artois" && g.Reason == scoring.ReasonSecondary {
					secondary++
				}
			}
			if secondary == 0 {
				t.Errorf("%s: no secondary suppression in Direction Artois", qid)
			}
		}
	})

	t.Run("ArmentieresLowParticipation", func(t *testing.T) {
		counts, err := st.UnitCounts(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		got := counts["Direction Métropole/Secteur Armentières"]
		if got == 0 || got*100/30 >= 60 {
			t.Errorf("Armentières: %d respondents of 30, want a participation under 60 %%", got)
		}
	})
}

func TestDemoCommentsToModerate(t *testing.T) {
	st, info := mustDemo(t)
	list, err := st.CommentsForModeration(context.Background(), info.Closed.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 20 {
		t.Fatalf("%d comments to moderate, want several dozens", len(list))
	}
	identifying := 0
	for _, c := range list {
		if c.Status != vigie.CommentPending {
			t.Errorf("comment %q is %s, want pending", c.Text, c.Status)
		}
		if strings.Join(c.Unit, "/") == "Direction Artois/Cellule expertise" {
			t.Errorf("a comment is shown with the Cellule expertise (3 people), want its direction")
		}
		if strings.Contains(c.Text, "Mme Durand") || strings.Contains(c.Text, "seule assistante sociale de Saint-Omer") || strings.Contains(c.Text, "congé à Lens") {
			identifying++
		}
		// A comment naming a town comes from that town's team.
		for _, town := range []string{"Lens", "Saint-Omer"} {
			if strings.Contains(c.Text, town) && !strings.HasSuffix(strings.Join(c.Unit, "/"), "Secteur "+town) {
				t.Errorf("comment %q shown with %v, want Secteur %s", c.Text, c.Unit, town)
			}
		}
	}
	if identifying == 0 {
		t.Errorf("no comment with identifying details to redact")
	}
}

func TestDemoOpenCampaign(t *testing.T) {
	st, info := mustDemo(t)
	ctx := context.Background()
	c := info.Open
	if c.State != vigie.StateOpen || !reflect.DeepEqual(c.Questionnaires, []string{"numerique-travail-reel"}) {
		t.Fatalf("open campaign = %s with %v, want open with numerique-travail-reel", c.State, c.Questionnaires)
	}
	n, err := st.ResponseCount(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 || n > 40 {
		t.Errorf("open campaign has %d responses, want a handful", n)
	}
	err = st.EachResponse(ctx, c.ID, func(r *vigie.Response) error {
		if r.Week < c.OpenedWeek || r.Week > store.Week(demoNow) {
			t.Errorf("response of week %s, want between the opening (%s) and now (%s)", r.Week, c.OpenedWeek, store.Week(demoNow))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Codes) != 3 {
		t.Fatalf("printed codes = %v, want 3", info.Codes)
	}
	for _, code := range info.Codes {
		if unit, err := st.CheckCode(ctx, c.ID, code); err != nil || unit != nil {
			t.Errorf("CheckCode(%s) = %v, %v; want valid, no unit fixed (the employee picks it)", code, unit, err)
		}
	}
	r := &vigie.Response{
		Unit:    []string{"Direction Littoral", "Secteur Calais"},
		Answers: map[string]map[string]int{"numerique-travail-reel": {"cs1": 4}},
	}
	if q, ok := questionnaires.BuiltinByID("numerique-travail-reel"); ok {
		first := q.Items()[0]
		r.Answers["numerique-travail-reel"] = map[string]int{first.ID: first.Scale.Max}
	}
	if err := st.SubmitResponse(ctx, c.ID, info.Codes[0], r, demoNow); err != nil {
		t.Fatalf("submit with a printed code: %v", err)
	}
	if err := st.SubmitResponse(ctx, c.ID, info.Codes[0], r, demoNow); vigie.ErrorCode(err) != vigie.ECONFLICT {
		t.Errorf("second submit with the same code: %v, want ECONFLICT", err)
	}
}

func TestDemoLogins(t *testing.T) {
	st, info := mustDemo(t)
	ctx := context.Background()
	for _, l := range []demoLogin{demoConsultant, demoViewer} {
		u, err := st.Authenticate(ctx, l.Email, l.Password)
		if err != nil {
			t.Fatalf("Authenticate(%s): %v", l.Email, err)
		}
		if u.Role != l.Role {
			t.Errorf("%s has role %s, want %s", l.Email, u.Role, l.Role)
		}
	}
	viewer, err := st.UserByEmail(ctx, demoViewer.Email)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		campaign *vigie.Campaign
		want     bool
	}{{info.Closed, true}, {info.Open, false}} {
		if ok, err := st.CanRead(ctx, viewer, tc.campaign.ID); err != nil || ok != tc.want {
			t.Errorf("viewer can read %q = %v (%v), want %v", tc.campaign.Title, ok, err, tc.want)
		}
	}
}

func TestDemoResponsesDeterministic(t *testing.T) {
	qs := questionnaires.Builtin()
	a := demoResponses(demoSeed, qs, demoTeams())
	b := demoResponses(demoSeed, qs, demoTeams())
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs with the same seed differ")
	}
	c := demoResponses(demoSeed+1, qs, demoTeams())
	if reflect.DeepEqual(a, c) {
		t.Fatal("another seed gives the same answers")
	}
}

func TestDemoResume(t *testing.T) {
	st, info := mustDemo(t)
	got, err := resumeDemo(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if got.Closed.ID != info.Closed.ID || got.Open.ID != info.Open.ID {
		t.Errorf("resumeDemo found %s and %s, want %s and %s", got.Closed.ID, got.Open.ID, info.Closed.ID, info.Open.ID)
	}
	if len(got.Codes) != 3 || reflect.DeepEqual(got.Codes, info.Codes) {
		t.Errorf("resumeDemo codes = %v, want 3 new ones", got.Codes)
	}
}

// TestDemoServes runs the demo command's flow in-process on a free port,
// reads the login page and the open campaign's welcome page, then stops it
// the way Ctrl-C does (the context ends), and runs it again on the kept
// folder to check that the database is reused, not rebuilt.
func TestDemoServes(t *testing.T) {
	dir := t.TempDir()
	run := func(t *testing.T, reset bool, check func(base string, info *demoInfo)) string {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var out bytes.Buffer
		done := make(chan error, 1)
		opt := demoOptions{addr: "127.0.0.1:0", dir: dir, reset: reset, now: demoNow,
			started: func(base string, info *demoInfo) {
				check(base, info)
				cancel()
			}}
		go func() { done <- demo(ctx, opt, &out, io.Discard) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("demo: %v", err)
			}
		case <-time.After(time.Minute):
			t.Fatal("demo did not stop after its context ended")
		}
		return out.String()
	}
	get := func(t *testing.T, url, want string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Errorf("GET %s: %v", url, err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d, want 200 with %q", url, resp.StatusCode, want)
		}
	}

	var first *demoInfo
	out := run(t, false, func(base string, info *demoInfo) {
		first = info
		get(t, base+"/login", "password")
		get(t, base+"/r/"+info.Open.Slug, demoOpenTitle)
	})
	for _, want := range []string{"/login", "/r/" + first.Open.Slug, first.Codes[0], first.Codes[2],
		demoConsultant.Email, demoConsultant.Password, demoViewer.Email, demoViewer.Password, "démonstration"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}

	out = run(t, false, func(base string, info *demoInfo) {
		if info.Open.ID != first.Open.ID {
			t.Errorf("second run built a new open campaign %s, want %s kept", info.Open.ID, first.Open.ID)
		}
	})
	if !strings.Contains(out, "existe déjà") {
		t.Errorf("second run does not say the database exists:\n%s", out)
	}

	run(t, true, func(base string, info *demoInfo) {
		if info.Open.ID == first.Open.ID {
			t.Errorf("--reset kept the old database")
		}
	})
}

func TestDemoErrors(t *testing.T) {
	t.Run("ResetWithoutDir", func(t *testing.T) {
		var stderr bytes.Buffer
		if code := run([]string{"demo", "--reset"}, io.Discard, &stderr); code != 2 {
			t.Errorf("vigie demo --reset exits %d, want 2 (usage); stderr: %s", code, stderr.String())
		}
	})
	t.Run("ForeignDatabase", func(t *testing.T) {
		// A file of that name without the demo's campaigns (an interrupted
		// setup, another database) is not served as if it were the demo.
		dir := t.TempDir()
		st, err := store.Open(filepath.Join(dir, demoDBName))
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		err = demo(context.Background(), demoOptions{addr: "127.0.0.1:0", dir: dir, now: demoNow}, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "--reset") {
			t.Errorf("demo on a database without the demo = %v, want an error suggesting --reset", err)
		}
	})
}

// BenchmarkDemoSetup measures the database part of `vigie demo`'s start
// (the target is a start under 10 s). This package's tests use cheap
// argon2id parameters; the two production hashes add about 0.07 s
// (store's BenchmarkHashPassword).
func BenchmarkDemoSetup(b *testing.B) {
	for i := 0; i < b.N; i++ {
		st, err := store.Open(filepath.Join(b.TempDir(), demoDBName))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := setupDemo(context.Background(), st, demoNow); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}

func TestDemoActionPlanAndDUERP(t *testing.T) {
	st, info := mustDemo(t)
	ctx := context.Background()
	plan, err := st.Actions(ctx, info.Closed.ID)
	if err != nil || len(plan) != len(demoActions()) {
		t.Fatalf("demo plan = %d actions (%v), want %d", len(plan), err, len(demoActions()))
	}
	versions, err := st.DUERPVersions(ctx, info.Closed.ID)
	if err != nil || len(versions) != 1 || versions[0].Number != 1 {
		t.Fatalf("DUERP versions = %+v (%v), want one frozen version", versions, err)
	}
	_, d, file, err := st.DUERPVersion(ctx, info.Closed.ID, 1)
	if err != nil || len(file) == 0 || len(d.Actions) != len(plan) {
		t.Fatalf("version 1: %d bytes, %d actions (%v)", len(file), len(d.Actions), err)
	}
	lens, everyone := false, false
	for _, r := range d.Rows {
		lens = lens || (r.Unit == "Direction Artois/Secteur Lens" && r.Measures != "")
		everyone = everyone || (r.Unit == "" && r.Measures != "")
		if r.Unit == "Direction Artois/Cellule expertise" {
			t.Error("the team under k has a DUERP row")
		}
	}
	if !lens || !everyone {
		t.Errorf("existing measures on everyone: %v, on Lens: %v; want both", everyone, lens)
	}
}

func TestDemoPreviousWave(t *testing.T) {
	st, info := mustDemo(t)
	ctx := context.Background()
	c := info.Closed
	prev, err := st.Campaign(ctx, c.Previous)
	if err != nil || prev.Title != demoPreviousTitle || prev.State != vigie.StateClosed {
		t.Fatalf("previous wave = %+v, %v; want %q, closed", prev, err, demoPreviousTitle)
	}
	trends := func(qid string) *scoring.Trends {
		t.Helper()
		tr, err := st.Trends(ctx, c, qid, mustResult(t, st, c.ID, qid))
		if err != nil || tr == nil {
			t.Fatalf("Trends(%s) = %v, %v", qid, tr, err)
		}
		return tr
	}
	for _, tc := range []struct {
		qid, group, dim string
		want            scoring.Change
	}{
		{"numerique-travail-reel", "unit:Direction Littoral", "fidelite-activite", scoring.Worse},
		{"numerique-travail-reel", "unit:Direction Littoral", "charge-saisie", scoring.Worse},
		{"sens-du-travail", "unit:Direction Métropole", "autonomie", scoring.Better},
		{"reconnaissance", "unit:Direction Artois/Secteur Lens", "effort", scoring.Worse},
		{"sens-du-travail", "unit:Direction Artois", "utilite-sociale", scoring.Stable},
	} {
		g := trends(tc.qid).Groups[tc.group]
		if g == nil || g.Dimensions[tc.dim] == nil || g.Dimensions[tc.dim].Change != tc.want {
			t.Errorf("%s %s %s: trend %+v, want %s", tc.qid, tc.group, tc.dim, g, tc.want)
		}
	}
	// Antenne Saint-Omer became Secteur Saint-Omer: unit_map links them.
	if g := trends("sens-du-travail").Groups["unit:"+demoNewSaintOmer]; g == nil {
		t.Errorf("no trend for %s, renamed from %s", demoNewSaintOmer, demoOldSaintOmer)
	}
}

func TestDemoArchivedCampaign(t *testing.T) {
	st, info := mustDemo(t)
	ctx := context.Background()
	c := info.Archived
	if c == nil || !c.Archived() || c.State != vigie.StateClosed {
		t.Fatalf("archived campaign = %+v, want last year's barometer, closed and archived", c)
	}
	if n, err := st.ResponseCount(ctx, c.ID); err != nil || n != 0 {
		t.Fatalf("responses left = %d, %v; want 0", n, err)
	}
	for _, qid := range c.Questionnaires {
		res, err := st.Result(ctx, c.ID, qid)
		if err != nil || res.Respondents == 0 {
			t.Fatalf("Result(%s) of the archived campaign = %v, %v; want its frozen figures", qid, res, err)
		}
	}
}

// TestDemoPortfolio checks that the demo's barometer has portfolio
// references: seven fictitious clients and the demo organisation closed
// it, and a version is frozen.
func TestDemoPortfolio(t *testing.T) {
	st, info := mustDemo(t)
	ctx := context.Background()
	versions, err := st.PortfolioVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 1 || versions[0].Organisations != 8 {
		t.Fatalf("demo portfolio versions = %d, want one of 8 organisations", len(versions))
	}
	for _, qid := range info.Closed.Questionnaires {
		r := mustResult(t, st, info.Closed.ID, qid)
		ref, err := st.PortfolioReference(ctx, qid, r.Questionnaire.Version)
		if err != nil || ref == nil {
			t.Fatalf("%s: no portfolio reference (%v)", qid, err)
		}
		if !strings.HasPrefix(ref.Source, "portefeuille de 8 organisations, version 2026-1 du ") || len(ref.Dimensions) == 0 {
			t.Errorf("%s: reference %q with %d dimensions", qid, ref.Source, len(ref.Dimensions))
		}
		for id, v := range ref.Dimensions {
			if v.N < 6 || v.Q1 > v.Median || v.Median > v.Q3 || v.SD <= 0 {
				t.Errorf("%s/%s: reference %+v: want at least 6 organisations, ordered quartiles, a spread", qid, id, v)
			}
		}
	}
	if feeds, err := st.FeedsPortfolio(ctx, info.Closed.ID); err != nil || !feeds {
		t.Errorf("the barometer feeds the portfolio = %v (%v), want true", feeds, err)
	}
}
