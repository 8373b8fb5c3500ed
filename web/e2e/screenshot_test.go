package e2e_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

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
