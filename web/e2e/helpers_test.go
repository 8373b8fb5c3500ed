package e2e_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
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
func newSite(t *testing.T) *site {
	t.Helper()
	// Skip (or fail in CI) before any work when a tool is missing.
	sharedBrowser(t)
	axeScript(t)
	store.PasswordParams = store.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	st, err := store.Open(filepath.Join(t.TempDir(), "vigie.db"))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	logs := &lockedBuffer{}
	srv, err := web.New(web.Config{Store: st, Logger: slog.New(slog.NewTextHandler(logs, nil))})
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
// and English, one segment) and opens it unless state says draft.
func (s *site) createCampaign(t *testing.T, title string, qids []string, state vigie.CampaignState) *vigie.Campaign {
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
	spec.SetDefaults()
	ctx := context.Background()
	c, err := s.Store.CreateCampaign(ctx, spec)
	if err != nil {
		t.Fatalf("CreateCampaign: %v", err)
	}
	if state == vigie.StateDraft {
		return c
	}
	if err := s.Store.OpenCampaign(ctx, c.ID, time.Now()); err != nil {
		t.Fatalf("OpenCampaign: %v", err)
	}
	if state == vigie.StateClosed {
		defer func() {
			if err := s.Store.CloseCampaign(ctx, c.ID, time.Now()); err != nil {
				t.Fatalf("CloseCampaign: %v", err)
			}
		}()
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

// newTab opens a tab in a new browser context (no cookies from other
// tabs), bounded by scenarioTimeout and closed when the test ends.
func newTab(t *testing.T) context.Context {
	t.Helper()
	ctx, _ := newTabCancel(t)
	return ctx
}

// newTabCancel is newTab with a func that closes the tab and its browser
// context at once, as a person closing the browser.
func newTabCancel(t *testing.T) (context.Context, func()) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(sharedBrowser(t), chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// Attach the tab before the deadline applies, so that the deadline
	// ends this scenario's actions and not the tab itself.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("e2e: open tab: %v", err)
	}
	tctx, tcancel := context.WithTimeout(ctx, scenarioTimeout)
	t.Cleanup(tcancel)
	return tctx, func() { tcancel(); cancel() }
}

// do runs browser actions and fails the test on error, naming the step.
func do(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v (at %s)", step, err, location(ctx))
	}
}

// eval evaluates a JavaScript expression in the page, waiting for it
// when it is a promise.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v (at %s)", expr, err, location(ctx))
	}
	return v
}

// location is the address of the tab's page, for failure messages.
func location(ctx context.Context) string {
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "?"
	}
	return loc
}

// path is the tab's address without the server part.
func (s *site) path(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("location: %v", err)
	}
	return strings.TrimPrefix(loc, s.URL)
}

// open navigates to a path of the site and returns the HTTP status.
func (s *site) open(t *testing.T, ctx context.Context, path string) int64 {
	t.Helper()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(s.URL+path))
	if err != nil {
		t.Fatalf("navigate %s: %v", path, err)
	}
	return resp.Status
}

// bodyText is the visible text of the page.
func bodyText(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `document.body.innerText`)
}

// wantText fails unless the page shows text.
func wantText(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	if body := bodyText(t, ctx); !strings.Contains(body, text) {
		t.Fatalf("page %s does not show %q; it shows:\n%s", location(ctx), text, body)
	}
}

// ---- Keyboard ----

// maxTabs bounds the Tab presses that look for one element.
const maxTabs = 60

// tabTo presses Tab until the focused element matches the CSS selector.
func tabTo(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	match := fmt.Sprintf(`!!document.activeElement && document.activeElement.matches(%q)`, sel)
	for range maxTabs {
		if eval[bool](t, ctx, match) {
			return
		}
		do(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("no element %q reached after %d Tab presses on %s (focus on %s)", sel, maxTabs, location(ctx),
		eval[string](t, ctx, `document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : "nothing"`))
}

// press sends keys to the focused element.
func press(t *testing.T, ctx context.Context, keys string) {
	t.Helper()
	do(t, ctx, "press "+fmt.Sprintf("%q", keys), chromedp.KeyEvent(keys))
}

// pressAndLoad sends keys that submit a form or follow a link, and waits
// for the next page to load.
func pressAndLoad(t *testing.T, ctx context.Context, keys string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(keys)))
	if err != nil {
		t.Fatalf("press %q and wait for the next page: %v (at %s)", keys, err, location(ctx))
	}
}

// chooseFocusedRadio picks the choice-th radio (from 0) of the radio
// group that has the focus and nothing checked yet: Space checks the
// focused (first) radio, each arrow key moves to the next one and checks
// it, as a keyboard user does.
func chooseFocusedRadio(t *testing.T, ctx context.Context, choice int) {
	t.Helper()
	if choice == 0 {
		press(t, ctx, " ")
		return
	}
	for range choice {
		press(t, ctx, kb.ArrowDown)
	}
}

// continueByKeyboard reaches the step's "Continuer" button with Tab and
// presses Enter.
func continueByKeyboard(t *testing.T, ctx context.Context) {
	t.Helper()
	tabTo(t, ctx, `.stepnav button[type=submit]`)
	pressAndLoad(t, ctx, kb.Enter)
}

// ---- Screenshots ----

// screenshotDir is where VIGIE_SCREENSHOTS=1 writes the guides' images.
const screenshotDir = "../../docs/screenshots"

// Widths of the screenshots.
const (
	phoneWidth   = 390
	desktopWidth = 1280
)

// screenshot saves the whole page at width into docs/screenshots/name
// when VIGIE_SCREENSHOTS=1, so that ordinary runs never rewrite the
// committed images. The viewport is restored afterwards.
func screenshot(t *testing.T, ctx context.Context, name string, width int64) {
	t.Helper()
	if os.Getenv("VIGIE_SCREENSHOTS") != "1" {
		return
	}
	do(t, ctx, "set viewport for "+name, viewport(width))
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	do(t, ctx, "reset viewport", chromedp.ResetViewport())
	saveScreenshot(t, name, buf)
}

// screenshotElement is screenshot for one element of the page.
func screenshotElement(t *testing.T, ctx context.Context, name, sel string, width int64) {
	t.Helper()
	if os.Getenv("VIGIE_SCREENSHOTS") != "1" {
		return
	}
	do(t, ctx, "set viewport for "+name, viewport(width))
	buf, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	do(t, ctx, "reset viewport", chromedp.ResetViewport())
	saveScreenshot(t, name, buf)
}

// saveScreenshot writes a PNG into docs/screenshots.
func saveScreenshot(t *testing.T, name string, png []byte) {
	t.Helper()
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s (%d bytes)", name, len(png))
}

// viewport emulates a screen width in CSS pixels; below 600 px, a phone
// (meta viewport honoured, overlay scroll bars).
func viewport(width int64) chromedp.Action[chromedp.Void] {
	if width < 600 {
		return chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile)
	}
	return chromedp.EmulateViewport(width, 800)
}

// exists says whether the page has an element matching sel.
func exists(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	return eval[bool](t, ctx, fmt.Sprintf(`document.querySelector(%q) !== null`, sel))
}
