// Package e2e_test drives Vigie in a real browser: Debian's Chromium in
// headless mode, through the Chrome DevTools Protocol (chromedp), against
// an httptest server on a real SQLite file. The scenarios are the ones of
// issue 6: an employee answering by keyboard only, a consultant running a
// campaign from start to finish, a viewer kept to what the role allows;
// axe-core audits every page they visit (WCAG 2.2 AA).
//
// Outside CI a missing browser or a missing axe-core skips the tests with
// a loud message; in CI (CI set) it fails them. docs/testing.md says how
// to run them.
package e2e_test

import (
	"context"
	"fmt"
	"github.com/vigie-sante/vigie/store/storetest"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// scenarioTimeout bounds every tab: a broken page fails fast instead of
// hanging until go test's own timeout.
const scenarioTimeout = 45 * time.Second

// The browser is started once for the package and shared by every test;
// each test works in its own browser contexts (like private windows), so
// no cookie leaks from one test to another.
var (
	browserOnce sync.Once
	browserRoot context.Context // a chromedp context whose browser runs
	browserErr  error
	browserStop = func() {}
)

func TestMain(m *testing.M) {
	code := storetest.Run(m) // SQLite, then PostgreSQL when VIGIE_TEST_POSTGRES is set
	browserStop()
	os.Exit(code)
}

// chromiumPath finds the browser: VIGIE_CHROMIUM, then Debian's
// /usr/bin/chromium, then the usual names in PATH; "" when none is found.
func chromiumPath() string {
	if p := os.Getenv("VIGIE_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// missing skips the test loudly outside CI and fails it in CI, where the
// browser and axe-core must be installed (.ci/run does it).
func missing(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("e2e: %s (CI is set, so this is a failure: .ci/run installs it)", what)
	}
	msg := fmt.Sprintf("\n"+
		"************************************************************\n"+
		"*  BROWSER TESTS SKIPPED: %s\n"+
		"*  Install it (see docs/testing.md) to run %s.\n"+
		"************************************************************\n", what, t.Name())
	// go test ./... hides the output of passing packages, skips
	// included: without -v, say it on the terminal itself, once.
	if !testing.Verbose() {
		bannerOnce.Do(func() {
			if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
				fmt.Fprint(tty, msg)
				tty.Close()
			}
		})
	}
	t.Skip(msg)
}

// bannerOnce prints the skip banner on the terminal once per run.
var bannerOnce sync.Once

// sharedBrowser returns the package's running browser, starting it on
// first use.
func sharedBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		missing(t, "no Chromium found (set VIGIE_CHROMIUM, or apt-get install chromium)")
	}
	browserOnce.Do(func() {
		dir, err := os.MkdirTemp("", "vigie-e2e-profile-")
		if err != nil {
			browserErr = err
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			// A French browser: the employee pages follow Accept-Language
			// on a first visit, and the scenarios are a French employee's
			// (who then switches to English by keyboard).
			chromedp.Flag("lang", "fr-FR"),
			chromedp.Flag("accept-lang", "fr-FR,fr"),
			chromedp.UserDataDir(dir),
			chromedp.WindowSize(1280, 900),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		browserStop = func() {
			cancelCtx()
			cancelAlloc()
			os.RemoveAll(dir)
		}
		// Start the browser with a context without deadline: the first
		// Run binds the browser's life to the context it is given.
		if err := chromedp.Do(ctx); err != nil {
			browserErr = fmt.Errorf("start %s: %w", path, err)
			return
		}
		browserRoot = ctx
	})
	if browserErr != nil {
		t.Fatalf("e2e: browser: %v", browserErr)
	}
	return browserRoot
}
