package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// testPNG is a w×h PNG image.
func testPNG(tb testing.TB, w, h int) string {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, h/2, color.NRGBA{20, 60, 110, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.String()
}

// TestLogoUpload pins the consultant's logo: uploaded for a campaign or
// for every campaign, checked (a real PNG or JPEG), drawn in the
// campaign's reports and notice, removable; refused to a viewer.
func TestLogoUpload(t *testing.T) {
	as := closedSmallUnitServer(t)
	base := "/admin/campaigns/" + as.Campaign.ID
	b := as.signedIn(t, consultantEmail)
	upload := func(b *browser, scope, name, content string) *page {
		body, ctype := multipartBody(t, url.Values{"scope": {scope}}, map[string][2]string{"logo": {name, content}})
		return b.do(http.MethodPost, base+"/logo", body, ctype)
	}
	hasImage := func(path string) bool {
		p := b.get(path)
		wantStatus(t, p, http.StatusOK)
		return strings.Contains(p.Body, "/Subtype /Image")
	}
	if hasImage(base + "/report.pdf?audience=committee") {
		t.Fatal("a report has an image before any logo")
	}

	t.Run("ErrNotAnImage", func(t *testing.T) {
		p := upload(b, "campaign", "logo.png", "<svg/>")
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "pas une image PNG ou JPEG lisible")
	})
	t.Run("ErrGIF", func(t *testing.T) {
		var buf bytes.Buffer
		gif.Encode(&buf, image.NewPaletted(image.Rect(0, 0, 40, 40), color.Palette{color.White, color.Black}), nil)
		p := upload(b, "campaign", "logo.gif", buf.String())
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "seuls les formats PNG et JPEG")
	})
	t.Run("ErrViewer", func(t *testing.T) {
		wantStatus(t, upload(as.signedIn(t, viewerEmail), "campaign", "logo.png", testPNG(t, 120, 40)), http.StatusForbidden)
	})

	wantRedirect(t, upload(b, "installation", "cabinet.png", testPNG(t, 120, 40)), base+"#h-logo")
	wantContains(t, b.get(base), "Pour toutes les campagnes&nbsp;: PNG, 120 × 40 pixels", "celui de toutes les campagnes s’applique")
	for _, path := range []string{base + "/report.pdf?audience=committee", base + "/report.pdf?audience=consultant", base + "/aipd.pdf",
		base + "/registre.pdf", "/r/" + as.Campaign.Slug + "/notice.pdf"} {
		if !hasImage(path) {
			t.Errorf("%s has no logo", path)
		}
	}
	wantRedirect(t, upload(b, "campaign", "client.png", testPNG(t, 60, 60)), base+"#h-logo")
	wantContains(t, b.get(base), "Pour cette campagne&nbsp;: PNG, 60 × 60 pixels")
	as.wantAudit(t, consultantEmail+" logo.set")

	for _, scope := range []string{"campaign", "installation"} {
		body, ctype := multipartBody(t, url.Values{"scope": {scope}, "delete": {"1"}}, nil)
		wantRedirect(t, b.do(http.MethodPost, base+"/logo", body, ctype), base+"#h-logo")
	}
	if hasImage(base + "/report.pdf?audience=committee") {
		t.Error("the report still has a logo after both were removed")
	}
}
