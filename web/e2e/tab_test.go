package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

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

// newTabSameBrowser opens another tab in the browser context of ctx, so
// with its cookies, as a person coming back in the same browser. The tab
// has its own scenarioTimeout (not what is left of ctx's) and closes when
// the test ends; the browser context stays with the tab that made it.
func newTabSameBrowser(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(context.WithoutCancel(ctx))
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("e2e: open tab: %v", err)
	}
	tctx, tcancel := context.WithTimeout(tab, scenarioTimeout)
	t.Cleanup(tcancel)
	return tctx
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

// exists says whether the page has an element matching sel.
func exists(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	return eval[bool](t, ctx, fmt.Sprintf(`document.querySelector(%q) !== null`, sel))
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

// ---- Mouse and downloads (back office) ----

// clickAndLoad clicks the element and waits for the next page.
func clickAndLoad(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel))))
	if err != nil {
		t.Fatalf("click %s and wait for the next page: %v (at %s)", sel, err, location(ctx))
	}
}

// download runs trigger (a click on a download button) and returns the
// file the browser saved.
func download(t *testing.T, ctx context.Context, dir string, trigger chromedp.Action[chromedp.Void]) []byte {
	t.Helper()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorAllowAndName,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID,
		DownloadPath:     dir,
		EventsEnabled:    new(true),
	})
	if err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	do(t, ctx, "start the download", trigger)
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("download: %v (page %s shows:\n%s)", err, location(ctx), bodyText(t, ctx))
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			path := ev.FilePath
			if path == "" {
				path = filepath.Join(dir, ev.GUID)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read the download: %v", err)
			}
			return data
		case browser.DownloadProgressStateCanceled:
			t.Fatalf("download canceled")
		}
	}
	t.Fatalf("download: no end")
	return nil
}
