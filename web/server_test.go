package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
	"github.com/vigie-sante/vigie/web"
)

// now is a fixed instant (ISO week 2027-W05).
var now = time.Date(2027, 2, 2, 14, 37, 12, 0, time.UTC)

// chargeYAML is a small questionnaire with a comment question: two
// dimensions of three items on a 1–4 scale.
const chargeYAML = `id: charge-et-soutien
version: 1
language: fr
title: {fr: "Charge de travail et soutien", en: "Workload and support"}
intro: {fr: "Répondez selon les trois derniers mois.", en: "Answer for the last three months."}
comment: {fr: "Voulez-vous ajouter quelque chose ?", en: "Would you like to add anything?"}
scales:
  accord:
    min: 1
    max: 4
    labels:
      fr: ["Pas du tout d'accord", "Plutôt pas d'accord", "Plutôt d'accord", "Tout à fait d'accord"]
      en: ["Strongly disagree", "Disagree", "Agree", "Strongly agree"]
dimensions:
  - id: charge
    title: {fr: "Charge de travail", en: "Workload"}
    description: {fr: "La quantité de travail.", en: "The amount of work."}
    direction: higher_is_worse
    cutoffs: [40, 70]
    items:
      - {id: charge1, text: {fr: "Je dois souvent me dépêcher.", en: "I often have to rush."}, scale: accord}
      - {id: charge2, text: {fr: "J'ai assez de temps.", en: "I have enough time."}, scale: accord, reverse: true}
      - {id: charge3, text: {fr: "Ma charge a augmenté.", en: "My workload has grown."}, scale: accord}
  - id: soutien
    title: {fr: "Soutien", en: "Support"}
    description: {fr: "L'aide reçue.", en: "Help received."}
    direction: higher_is_better
    cutoffs: [35, 65]
    items:
      - {id: soutien1, text: {fr: "Je peux compter sur mes collègues.", en: "I can count on my colleagues."}, scale: accord}
      - {id: soutien2, text: {fr: "Mon responsable m'aide.", en: "My manager helps me."}, scale: accord}
      - {id: soutien3, text: {fr: "Je me sens seul.", en: "I feel alone."}, scale: accord, reverse: true}
`

// climatYAML is a second questionnaire on a 0–4 scale, without comment,
// whose item "charge1" has the same id as one of chargeYAML's.
const climatYAML = `id: climat
version: 1
language: fr
title: {fr: "Climat", en: "Climate"}
scales:
  freq:
    min: 0
    max: 4
    labels:
      fr: ["Jamais", "Rarement", "Parfois", "Souvent", "Toujours"]
      en: ["Never", "Rarely", "Sometimes", "Often", "Always"]
dimensions:
  - id: tension
    title: {fr: "Tensions", en: "Tensions"}
    description: {fr: "Les tensions.", en: "Tensions."}
    direction: higher_is_worse
    cutoffs: [40, 70]
    items:
      - {id: charge1, text: {fr: "Il y a des conflits.", en: "There are conflicts."}, scale: freq}
      - {id: tension2, text: {fr: "On se parle mal.", en: "People speak rudely."}, scale: freq}
`

// testServer is a server on a fresh database with one campaign.
type testServer struct {
	Handler  http.Handler
	Store    *store.Store
	Campaign *vigie.Campaign
	Logs     *lockedBuffer
}

// serverOptions change what MustNewServer builds.
type serverOptions struct {
	access vigie.AccessMode
	state  vigie.CampaignState
	spec   func(*vigie.CampaignSpec)
	config func(*web.Config)
	extra  []string // more questionnaire files to upload
	db     string   // the database to open; default storetest.DB
}

// option is one change to the default test server.
type option func(*serverOptions)

func withAccess(a vigie.AccessMode) option   { return func(o *serverOptions) { o.access = a } }
func withState(s vigie.CampaignState) option { return func(o *serverOptions) { o.state = s } }
func withConfig(f func(*web.Config)) option  { return func(o *serverOptions) { o.config = f } }
func withQuestionnaire(src string) option {
	return func(o *serverOptions) { o.extra = append(o.extra, src) }
}
func withSpec(f func(*vigie.CampaignSpec)) option { return func(o *serverOptions) { o.spec = f } }
func withDB(db string) option                     { return func(o *serverOptions) { o.db = db } }

// MustNewServer builds a server on a fresh database (storetest.DB: a
// SQLite file, or a PostgreSQL database on the second pass) with an open
// campaign in codes mode (two questionnaires, three units, one segment,
// French and English), unless options say otherwise.
func MustNewServer(tb testing.TB, opts ...option) *testServer {
	tb.Helper()
	o := serverOptions{access: vigie.AccessCodes, state: vigie.StateOpen}
	for _, f := range opts {
		f(&o)
	}
	if o.db == "" {
		o.db = storetest.DB(tb)
	}
	st, err := store.Open(o.db)
	if err != nil {
		tb.Fatalf("store.Open: %v", err)
	}
	tb.Cleanup(func() { st.Close() })
	ctx := context.Background()
	for _, src := range append([]string{chargeYAML, climatYAML}, o.extra...) {
		q, err := questionnaires.Parse("test.yaml", []byte(src))
		if err != nil {
			tb.Fatalf("questionnaires.Parse: %v", err)
		}
		if err := st.SaveQuestionnaire(ctx, q); err != nil {
			tb.Fatalf("SaveQuestionnaire: %v", err)
		}
	}
	spec := &vigie.CampaignSpec{
		Title:          "Baromètre 2027",
		Organisation:   "Service social régional",
		Questionnaires: []string{"charge-et-soutien", "climat"},
		Units: []vigie.UnitSpec{
			{Path: []string{"Direction A", "Service 1"}, Headcount: 12},
			{Path: []string{"Direction A", "Service 2"}, Headcount: 7},
			{Path: []string{"Direction B"}, Headcount: 20},
		},
		Segments: []vigie.Segment{{
			ID:         "metier",
			Label:      map[string]string{"fr": "Métier", "en": "Job"},
			Categories: []string{"Assistant social", "Encadrement", "Administratif"},
		}},
		MinGroupSize: 5,
		Languages:    []string{"fr", "en"},
		Access:       o.access,
	}
	if o.spec != nil {
		o.spec(spec)
	}
	camp, err := st.CreateCampaign(ctx, spec)
	if err != nil {
		tb.Fatalf("CreateCampaign: %v", err)
	}
	if o.state != vigie.StateDraft {
		if err := st.OpenCampaign(ctx, camp.ID, now); err != nil {
			tb.Fatalf("OpenCampaign: %v", err)
		}
	}
	if o.state == vigie.StateClosed {
		if err := st.CloseCampaign(ctx, camp.ID, now); err != nil {
			tb.Fatalf("CloseCampaign: %v", err)
		}
	}
	if camp, err = st.Campaign(ctx, camp.ID); err != nil {
		tb.Fatalf("Campaign: %v", err)
	}
	logs := &lockedBuffer{}
	cfg := web.Config{
		Store:  st,
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
		Now:    func() time.Time { return now },
	}
	if o.config != nil {
		o.config(&cfg)
	}
	srv, err := web.New(cfg)
	if err != nil {
		tb.Fatalf("web.New: %v", err)
	}
	// Before the store closes (cleanups run last first): the back office's
	// session cleanup would otherwise log "database is closed" when due.
	tb.Cleanup(srv.Close)
	return &testServer{Handler: srv.Handler(), Store: st, Campaign: camp, Logs: logs}
}

// MustCodes generates n access codes for the campaign (unit fixes their unit).
func (ts *testServer) MustCodes(tb testing.TB, n int, unit ...string) []string {
	tb.Helper()
	codes, err := ts.Store.GenerateCodes(context.Background(), ts.Campaign.ID, n, unit)
	if err != nil {
		tb.Fatalf("GenerateCodes: %v", err)
	}
	return codes
}

// responseCount returns how many responses the campaign holds.
func (ts *testServer) responseCount(tb testing.TB) int {
	tb.Helper()
	n, err := ts.Store.ResponseCount(context.Background(), ts.Campaign.ID)
	if err != nil {
		tb.Fatalf("ResponseCount: %v", err)
	}
	return n
}

// responses returns every stored response of the campaign.
func (ts *testServer) responses(tb testing.TB) []*vigie.Response {
	tb.Helper()
	var out []*vigie.Response
	err := ts.Store.EachResponse(context.Background(), ts.Campaign.ID, func(r *vigie.Response) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		tb.Fatalf("EachResponse: %v", err)
	}
	return out
}

// lockedBuffer is a log destination safe for concurrent handlers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// browser is a client without JavaScript: it keeps cookies, sends plain
// form posts and does not follow redirects by itself.
type browser struct {
	tb      testing.TB
	h       http.Handler
	jar     *cookiejar.Jar
	headers map[string]string
	addr    string // client address, host:port
}

// baseURL is the origin the test browser talks to.
const baseURL = "http://vigie.test"

func (ts *testServer) browser(tb testing.TB) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{tb: tb, h: ts.Handler, jar: jar, headers: map[string]string{}, addr: "192.0.2.10:5555"}
}

// page is an answer received by the browser.
type page struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

func (b *browser) do(method, path string, body io.Reader, ctype string) *page {
	b.tb.Helper()
	req := httptest.NewRequest(method, baseURL+path, body)
	req.RemoteAddr = b.addr
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range b.headers {
		req.Header.Set(k, v)
	}
	for _, ck := range b.jar.Cookies(req.URL) {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	b.h.ServeHTTP(rec, req)
	res := rec.Result()
	b.jar.SetCookies(req.URL, res.Cookies())
	return &page{Status: rec.Code, Body: rec.Body.String(), Location: res.Header.Get("Location"), Header: res.Header}
}

func (b *browser) get(path string) *page { return b.do(http.MethodGet, path, nil, "") }

func (b *browser) post(path string, form url.Values) *page {
	return b.do(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// postJSON sends a JSON body.
func (b *browser) postJSON(path, body string) *page {
	return b.do(http.MethodPost, path, strings.NewReader(body), "application/json")
}

// wantStatus fails unless p has the status.
func wantStatus(tb testing.TB, p *page, status int) {
	tb.Helper()
	if p.Status != status {
		tb.Fatalf("status = %d, want %d; body:\n%s", p.Status, status, p.Body)
	}
}

// wantRedirect fails unless p is a 303 to a path ending with suffix, and
// returns the path.
func wantRedirect(tb testing.TB, p *page, suffix string) string {
	tb.Helper()
	if p.Status != http.StatusSeeOther || !strings.HasSuffix(p.Location, suffix) {
		tb.Fatalf("got %d to %q, want 303 to …%s; body:\n%s", p.Status, p.Location, suffix, p.Body)
	}
	return p.Location
}

// wantContains fails unless the body contains every string.
func wantContains(tb testing.TB, p *page, subs ...string) {
	tb.Helper()
	for _, s := range subs {
		if !strings.Contains(p.Body, s) {
			tb.Fatalf("body does not contain %q:\n%s", s, p.Body)
		}
	}
}
