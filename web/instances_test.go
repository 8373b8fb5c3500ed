package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
	"github.com/vigie-sante/vigie/web"
)

// propagation is how soon a change made through one instance must be
// seen through another (campaignCacheTTL), with a margin for a loaded
// test machine.
const (
	propagation = time.Second
	margin      = 250 * time.Millisecond
)

// manyAttempts lets one test client fail many code attempts: the tests
// below post used codes on purpose, from one address.
func manyAttempts(c *web.Config) { c.CodeAttempts = 10_000 }

// twoInstances returns two back-office servers on one database, as two
// `vigie serve` behind one load balancer: on PostgreSQL each has its own
// store (its connections, its caches) on the same database; on SQLite,
// which serves one instance only, the second shares the first's store,
// and only what each server keeps in its own memory differs.
func twoInstances(t testing.TB, opts ...option) (a, b *adminServer) {
	t.Helper()
	db := storetest.DB(t)
	a = MustNewAdminServer(t, append(opts, withDB(db))...)
	st := a.Store
	if storetest.Postgres() {
		var err error
		if st, err = store.Open(db); err != nil {
			t.Fatalf("store.Open, second instance: %v", err)
		}
		t.Cleanup(func() { st.Close() })
	}
	ts := *a.testServer
	ts.Store = st
	srv := mustNewAdminWeb(t, &ts, opts)
	ts.Handler = srv.Handler()
	b = &adminServer{testServer: &ts, Server: srv, Consultant: a.Consultant, Viewer: a.Viewer, Outsider: a.Outsider}
	return a, b
}

// requirePostgres skips tests of instances that share a database with
// their own stores: on SQLite there is one instance.
func requirePostgres(t testing.TB) {
	t.Helper()
	if !storetest.Postgres() {
		t.Skip("several instances share a database on PostgreSQL only (the PostgreSQL pass, with " + storetest.EnvURL + ", runs this)")
	}
}

// within polls ok until it holds, failing after d.
func within(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after %v", what, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestRespondSwitchedInstance checks what an employee sees when the load
// balancer sends the next step of their answering to another instance,
// which does not hold their session (it lives in the first one's memory,
// see doc.go): the welcome page saying the session expired; typing the
// code again there resumes from the draft, as after a restart.
func TestRespondSwitchedInstance(t *testing.T) {
	a, b := twoInstances(t)
	code := a.MustCodes(t, 1)[0]
	slug := a.Campaign.Slug

	br := a.browser(t)
	answerFirstScreens(t, br, slug, code)

	br.h = b.Handler // the load balancer switches
	step := "/q/charge-et-soutien/soutien"
	p := br.post("/r/"+slug+step, stepForm(step))
	wantRedirect(t, p, "/r/"+slug+"?expired=1")
	p = br.get(p.Location)
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Votre session a expiré. Saisissez de nouveau votre code", `name="code"`)

	p = br.post("/r/"+slug+"/code", url.Values{"code": {code}})
	wantRedirect(t, p, "/r/"+slug+step)
	p = br.get("/r/" + slug + "/q/charge-et-soutien/charge")
	wantContains(t, p, `name="i_charge1" id="q-0-3" value="4" checked`, `name="i_charge2" id="q-1-na" value="na" checked`)
	walk(t, br, "/r/"+slug+step)
	submit(t, br, slug)
	if n := b.responseCount(t); n != 1 {
		t.Fatalf("%d responses, want 1", n)
	}

	// Back on the first instance, whose session still holds the code: it
	// cannot send the answers a second time.
	br.h = a.Handler
	p = br.post("/r/"+slug+"/submit", url.Values{})
	if p.Status == http.StatusSeeOther && strings.HasSuffix(p.Location, "/thanks") {
		t.Fatalf("the first instance accepted a second submission")
	}
	if n := a.responseCount(t); n != 1 {
		t.Fatalf("%d responses after going back to the first instance, want 1", n)
	}
}

// TestRespondSwitchedInstanceLinkMode checks the same switch in link
// mode, where the answers in progress live only in the first instance's
// memory: the employee is told plainly that they were not kept and starts
// again, and nothing was written to the database.
func TestRespondSwitchedInstanceLinkMode(t *testing.T) {
	a, b := twoInstances(t, withAccess(vigie.AccessLink))
	slug := a.Campaign.Slug
	br := a.browser(t)
	loc := wantRedirect(t, br.post("/r/"+slug+"/start", url.Values{}), "/r/"+slug+"/unit")
	for _, step := range []string{"/unit", "/segments"} {
		p := br.post("/r/"+slug+step, stepForm(step))
		wantStatus(t, p, http.StatusSeeOther)
		loc = p.Location
	}

	br.h = b.Handler
	p := br.post(loc, stepForm(loc))
	wantRedirect(t, p, "/r/"+slug+"?expired=1")
	p = br.get(p.Location)
	wantContains(t, p, "les réponses en cours n’ont pas été conservées", "Recommencez le questionnaire")
	if strings.Contains(p.Body, "Saisissez de nouveau votre code") || strings.Contains(p.Body, `name="code"`) {
		t.Fatalf("link mode asks for a code after a switch:\n%s", p.Body)
	}
	if n, _ := b.Store.DraftCount(t.Context(), b.Campaign.ID); n != 0 {
		t.Fatalf("link mode wrote %d drafts, want none", n)
	}
	loc = wantRedirect(t, br.post("/r/"+slug+"/start", url.Values{}), "/r/"+slug+"/unit")
	walk(t, br, loc)
	submit(t, br, slug)
	if n := b.responseCount(t); n != 1 {
		t.Fatalf("%d responses, want 1", n)
	}
}

// TestTwoInstances drives two instances with their own stores on one
// PostgreSQL database: what is done through one is seen through the
// other within a second, and a code serves once whichever instance
// receives it.
func TestTwoInstances(t *testing.T) {
	requirePostgres(t)
	a, b := twoInstances(t, withConfig(manyAttempts))
	_, token := a.token(t, a.Consultant)
	srvA, srvB := httptest.NewServer(a.Handler), httptest.NewServer(b.Handler)
	t.Cleanup(srvA.Close)
	t.Cleanup(srvB.Close)

	t.Run("ConsultantSessionShared", func(t *testing.T) {
		cons := a.signedIn(t, consultantEmail)
		cons.h = b.Handler
		p := cons.get("/admin")
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, consultantEmail)
		cons.h = a.Handler
		wantStatus(t, cons.post("/logout", url.Values{}), http.StatusSeeOther)
		cons.h = b.Handler
		if p := cons.get("/admin"); p.Status == http.StatusOK {
			t.Fatalf("signed out through A, still signed in on B")
		}
	})

	t.Run("CampaignOpenedOnA", func(t *testing.T) {
		p := a.api(t, token, http.MethodPost, "/api/v1/campaigns", apiCampaignBody)
		wantStatus(t, p, http.StatusCreated)
		var created struct{ ID, URL string }
		decode(t, p, &created)
		slug := created.URL[strings.LastIndex(created.URL, "/")+1:]
		br := b.browser(t)
		wantContains(t, br.get("/r/"+slug), "pas encore ouverte")
		wantStatus(t, a.api(t, token, http.MethodPost, "/api/v1/campaigns/"+created.ID+"/open", ""), http.StatusOK)
		within(t, propagation+margin, "campaign opened through A answers on B", func() bool {
			return strings.Contains(br.get("/r/"+slug).Body, `name="code"`)
		})
		p = a.api(t, token, http.MethodPost, "/api/v1/campaigns/"+created.ID+"/codes", `{"count": 1}`)
		wantStatus(t, p, http.StatusCreated)
		var codes struct{ Codes []string }
		decode(t, p, &codes)
		body := fmt.Sprintf(`{"code": %q, "unit": "Pôle B", "answers": {"charge1": 2}}`, codes.Codes[0])
		wantStatus(t, br.postJSON("/api/v1/campaigns/"+created.ID+"/responses", body), http.StatusCreated)
	})

	t.Run("SameCodeOnBoth", func(t *testing.T) {
		const perCode = 8 // half to A, half to B
		codes := a.MustCodes(t, 6)
		before := a.responseCount(t)
		type result struct {
			code   string
			status int
		}
		results := make(chan result, len(codes)*perCode)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for _, code := range codes {
			for i := range perCode {
				base := []string{srvA.URL, srvB.URL}[i%2]
				wg.Go(func() {
					<-start
					res, err := http.Post(base+responsesPath(a.testServer), "application/json", strings.NewReader(validBody(code)))
					if err != nil {
						t.Error(err)
						return
					}
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					results <- result{code, res.StatusCode}
				})
			}
		}
		close(start)
		t0 := time.Now()
		wg.Wait()
		t.Logf("%d submissions in %v", len(codes)*perCode, time.Since(t0))
		close(results)
		accepted := map[string]int{}
		for r := range results {
			switch r.status {
			case http.StatusCreated:
				accepted[r.code]++
			case http.StatusConflict:
			default:
				t.Errorf("code %s: status %d, want 201 once and 409 otherwise", r.code, r.status)
			}
		}
		for _, code := range codes {
			if accepted[code] != 1 {
				t.Errorf("code %s accepted %d times, want once", code, accepted[code])
			}
		}
		if n := b.responseCount(t) - before; n != len(codes) {
			t.Fatalf("%d responses stored, want %d", n, len(codes))
		}
	})

	t.Run("AllOrNothing", func(t *testing.T) {
		code := a.MustCodes(t, 1)[0]
		before := a.responseCount(t)
		// Valid but for the last answer, out of the scale: nothing is
		// stored and the code stays unused, on either instance.
		bad := strings.Replace(validBody(code), `"tension2": 4`, `"tension2": 9`, 1)
		wantStatus(t, b.browser(t).postJSON(responsesPath(b.testServer), bad), http.StatusBadRequest)
		if n := a.responseCount(t); n != before {
			t.Fatalf("%d responses after a refused submission, want %d", n, before)
		}
		wantStatus(t, a.browser(t).postJSON(responsesPath(a.testServer), validBody(code)), http.StatusCreated)
		wantStatus(t, b.browser(t).postJSON(responsesPath(b.testServer), validBody(code)), http.StatusConflict)
	})

	t.Run("ClosedOnA", func(t *testing.T) {
		// Comments enough to moderate once closed (CommentMinGroupSize).
		a.submitN(t, 12, []string{"Direction B"}, "Direction B")
		code := a.MustCodes(t, 1)[0]
		entry, sheet := entryToken(t, a, "saisie@cabinet.test", true), a.MustCodes(t, 1)[0]
		slug := a.Campaign.Slug
		br := b.browser(t)
		wantContains(t, br.get("/r/"+slug), `name="code"`) // B caches the open campaign
		wantStatus(t, a.api(t, token, http.MethodPost, "/api/v1/campaigns/"+a.Campaign.ID+"/close", ""), http.StatusOK)
		closed := time.Now()
		// The store checks the state in the transaction: no answer gets
		// in, whatever B's caches still say.
		wantStatus(t, br.postJSON(responsesPath(b.testServer), validBody(code)), http.StatusConflict)
		// Nor a paper sheet's first entry, which B would otherwise keep
		// (B's caches still have the campaign open) linked to its code,
		// after the closing erased the others.
		p := b.api(t, entry, http.MethodPost, "/api/v1/campaigns/"+b.Campaign.ID+"/paper-entries", paperBody(sheet, "Direction A/Service 2", 4))
		wantStatus(t, p, http.StatusConflict)
		if n := b.pending(t); n != 0 {
			t.Fatalf("%d paper entries kept after closing, want 0", n)
		}
		within(t, propagation+margin-time.Since(closed), "campaign closed through A refused on B", func() bool {
			return strings.Contains(br.get("/r/"+slug).Body, "Cette enquête est close")
		})
	})

	t.Run("ModerationOnA", func(t *testing.T) {
		p := a.api(t, token, http.MethodGet, "/api/v1/campaigns/"+a.Campaign.ID+"/comments", "")
		wantStatus(t, p, http.StatusOK)
		var got struct{ Comments []struct{ ID, Status string } }
		decode(t, p, &got)
		if len(got.Comments) == 0 {
			t.Fatalf("no comment to moderate: %s", p.Body)
		}
		id := got.Comments[0].ID
		wantStatus(t, a.api(t, token, http.MethodPost, "/api/v1/campaigns/"+a.Campaign.ID+"/comments/"+id, `{"action": "publish"}`), http.StatusOK)
		within(t, propagation+margin, "moderation through A seen on B", func() bool {
			p := b.api(t, token, http.MethodGet, "/api/v1/campaigns/"+b.Campaign.ID+"/comments", "")
			var seen struct{ Comments []struct{ ID, Status string } }
			decode(t, p, &seen)
			for _, c := range seen.Comments {
				if c.ID == id {
					return c.Status == string(vigie.CommentPublished)
				}
			}
			return false
		})
	})
}
