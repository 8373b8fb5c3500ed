package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
	"github.com/vigie-sante/vigie/web"
)

// Accounts of the test site.
const (
	consultantEmail = "conseil@cabinet.test"
	viewerEmail     = "cse@client.test"
	testPassword    = "un mot de passe assez long"
)

// site is a Vigie server on a fresh database, reached over loopback.
type site struct {
	URL        string
	Store      *store.Store
	Consultant *vigie.User
	Viewer     *vigie.User
	logs       *lockedBuffer
}

// lockedBuffer collects the server's log lines, printed when a test fails.
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

// newSite starts a server on a SQLite file under t.TempDir() with a
// consultant and a viewer account, once the browser and axe-core are
// known to be there. Password hashing is made cheap: these
// tests are about pages, not argon2.
func newSite(t *testing.T, opts ...func(*web.Config)) *site {
	t.Helper()
	// Skip (or fail in CI) before any work when a tool is missing.
	sharedBrowser(t)
	axeScript(t)
	store.PasswordParams = store.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	st, err := store.Open(storetest.DB(t))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	logs := &lockedBuffer{}
	// BaseURL: the public address printed on slips and pages, as in production
	// (and in the guides' screenshots), not the test server's random port.
	cfg := web.Config{Store: st, Logger: slog.New(slog.NewTextHandler(logs, nil)),
		Admin: web.AdminConfig{BaseURL: "https://vigie.example.org"}}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.Close()
		srv.Close()
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	s := &site{URL: ts.URL, Store: st, logs: logs}
	ctx := context.Background()
	if s.Consultant, err = st.CreateUser(ctx, consultantEmail, vigie.RoleConsultant, testPassword); err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	if s.Viewer, err = st.CreateUser(ctx, viewerEmail, vigie.RoleViewer, testPassword); err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	return s
}

// testUnits are the units of the campaigns built in code: two directions,
// three services, with headcounts.
var testUnits = []vigie.UnitSpec{
	{Path: []string{"Direction A", "Service 1"}, Headcount: 8},
	{Path: []string{"Direction A", "Service 2"}, Headcount: 9},
	{Path: []string{"Direction B", "Service 3"}, Headcount: 4},
}

// createCampaign creates a campaign through the store (codes mode, French
// and English, one segment, k = 5 for answers and comments), changed by
// the change funcs, and brings it to state.
func (s *site) createCampaign(t *testing.T, title string, qids []string, state vigie.CampaignState, change ...func(*vigie.CampaignSpec)) *vigie.Campaign {
	t.Helper()
	spec := &vigie.CampaignSpec{
		Title:          title,
		Organisation:   "Service social régional",
		Questionnaires: qids,
		Units:          testUnits,
		Segments: []vigie.Segment{{
			ID:         "metier",
			Label:      map[string]string{"fr": "Métier", "en": "Job"},
			Categories: []string{"Assistant social", "Encadrement", "Administratif"},
		}},
		MinGroupSize:        5,
		CommentMinGroupSize: 5,
		Languages:           []string{"fr", "en"},
		Access:              vigie.AccessCodes,
	}
	for _, f := range change {
		f(spec)
	}
	spec.SetDefaults()
	ctx := context.Background()
	c, err := s.Store.CreateCampaign(ctx, spec)
	if err != nil {
		t.Fatalf("CreateCampaign: %v", err)
	}
	if state != vigie.StateDraft {
		if err := s.Store.OpenCampaign(ctx, c.ID, time.Now()); err != nil {
			t.Fatalf("OpenCampaign: %v", err)
		}
	}
	if state == vigie.StateClosed {
		if err := s.Store.CloseCampaign(ctx, c.ID, time.Now()); err != nil {
			t.Fatalf("CloseCampaign: %v", err)
		}
	}
	if c, err = s.Store.Campaign(ctx, c.ID); err != nil {
		t.Fatalf("Campaign: %v", err)
	}
	return c
}

// codes generates n access codes for a campaign.
func (s *site) codes(t *testing.T, campaignID string, n int) []string {
	t.Helper()
	codes, err := s.Store.GenerateCodes(context.Background(), campaignID, n, nil)
	if err != nil {
		t.Fatalf("GenerateCodes: %v", err)
	}
	return codes
}

// writeFile writes a file under a temporary folder and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// login signs in through the login page.
func (s *site) login(t *testing.T, ctx context.Context, email string) {
	t.Helper()
	if !strings.HasPrefix(s.path(t, ctx), "/login") {
		s.open(t, ctx, "/login")
	}
	do(t, ctx, "fill the login form",
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
	)
	clickAndLoad(t, ctx, `form[action="/login"] button[type=submit]`)
}

// submitAPI sends one employee's answers through the JSON API: answer
// gives each item's value (clamped to the item's scale), and a comment
// if any.
func (s *site) submitAPI(t *testing.T, campaignID, code, unit string, q *questionnaires.Questionnaire, answer func(i int, it *questionnaires.Item) int, comment string) {
	t.Helper()
	answers := map[string]int{}
	for i, it := range q.Items() {
		answers[it.ID] = min(max(answer(i, it), it.Scale.Min), it.Scale.Max)
	}
	body := map[string]any{
		"code":     code,
		"unit":     unit,
		"segments": map[string]string{"metier": "Assistant social"},
		"answers":  map[string]any{q.ID: answers},
	}
	if comment != "" {
		body["comments"] = map[string]string{q.ID: comment}
	}
	data, _ := json.Marshal(body)
	resp, err := http.Post(s.URL+"/api/v1/campaigns/"+campaignID+"/responses", "application/json", bytes.NewReader(data))
	if err != nil {
		t.Fatalf("POST response: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		var msg bytes.Buffer
		msg.ReadFrom(resp.Body)
		t.Fatalf("POST response: status %d, want 201: %s", resp.StatusCode, msg.String())
	}
}

// around answers one step below level, at it or above it, varying with
// the item and with seed, so that groups have a spread.
func around(level, seed int) func(int, *questionnaires.Item) int {
	return func(i int, _ *questionnaires.Item) int { return level + (i+seed)%3 - 1 }
}
