package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/store/storetest"
	"github.com/vigie-sante/vigie/web"
)

// draftMarker is a comment answer distinctive enough to be searched for
// in the database file.
const draftMarker = "Brouillon-tres-reconnaissable-4242"

// answerUntilComment takes b through the code and every step up to the
// first comment, which it fills with draftMarker.
func answerUntilComment(t *testing.T, ts *testServer, b *browser, code string) {
	t.Helper()
	slug := ts.Campaign.Slug
	wantRedirect(t, b.post("/r/"+slug+"/code", url.Values{"code": {code}}), "/unit")
	for _, step := range []string{"/unit", "/segments", "/q/charge-et-soutien/charge", "/q/charge-et-soutien/soutien"} {
		wantStatus(t, b.post("/r/"+slug+step, stepForm(step)), http.StatusSeeOther)
	}
	p := b.post("/r/"+slug+"/comment/charge-et-soutien", url.Values{"comment": {draftMarker}})
	wantStatus(t, p, http.StatusSeeOther)
}

// TestRespondDraftSealed checks that the database holds a draft's answers
// only encrypted: the marker appears nowhere in the database files, and
// the same browser still reads its draft back.
func TestRespondDraftSealed(t *testing.T) {
	ts := MustNewServer(t)
	code := ts.MustCodes(t, 1)[0]
	slug := ts.Campaign.Slug
	b := ts.browser(t)
	answerUntilComment(t, ts, b, code)
	if n, err := ts.Store.DraftCount(context.Background(), ts.Campaign.ID); err != nil || n != 1 {
		t.Fatalf("DraftCount = %d, %v; want 1", n, err)
	}

	// The files read are SQLite's; PostgreSQL's are the server's, out of
	// reach here, and only the logs and the read back are checked.
	suffixes := []string{"", "-wal"}
	if storetest.Postgres() {
		suffixes = nil
	}
	for _, suffix := range suffixes {
		data, err := os.ReadFile(ts.Store.Path() + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, clear := range []string{draftMarker, `"answers"`, `"Direction A/Service 2"`} {
			if bytes.Contains(data, []byte(clear)) {
				t.Fatalf("database file %s holds %q in clear", ts.Store.Path()+suffix, clear)
			}
		}
	}
	// The key never leaves the browser's cookie: not in the database, not
	// in the logs.
	key := draftKeyOf(t, b, slug)
	for _, suffix := range suffixes {
		data, _ := os.ReadFile(ts.Store.Path() + suffix)
		if bytes.Contains(data, key) {
			t.Fatalf("database file %s holds the draft key", ts.Store.Path()+suffix)
		}
	}
	if logs := ts.Logs.String(); strings.Contains(logs, base64.RawURLEncoding.EncodeToString(key)) {
		t.Fatalf("the logs hold the draft key:\n%s", logs)
	}

	p := b.get("/r/" + slug + "/comment/charge-et-soutien")
	wantContains(t, p, draftMarker)
}

// draftKeyOf returns the draft key held in b's session cookie.
func draftKeyOf(t *testing.T, b *browser, slug string) []byte {
	t.Helper()
	u, _ := url.Parse(baseURL + "/r/" + slug + "/unit")
	for _, ck := range b.jar.Cookies(u) {
		if ck.Name != "vigie_r" {
			continue
		}
		_, enc, ok := strings.Cut(ck.Value, ".")
		key, err := base64.RawURLEncoding.DecodeString(enc)
		if !ok || err != nil || len(key) != 32 {
			t.Fatalf("session cookie %q holds no 32-byte draft key", ck.Value)
		}
		return key
	}
	t.Fatal("no session cookie")
	return nil
}

// TestRespondDraftOtherBrowser checks that a draft is bound to the browser
// that wrote it: the code typed in another browser shows none of its
// answers, offers to start again, and the draft is erased.
func TestRespondDraftOtherBrowser(t *testing.T) {
	ts := MustNewServer(t)
	code := ts.MustCodes(t, 1)[0]
	slug := ts.Campaign.Slug
	first := ts.browser(t)
	answerUntilComment(t, ts, first, code)

	other := ts.browser(t) // a new cookie jar: another browser or device
	// First asked, nothing erased; going back keeps the draft.
	p := other.post("/r/"+slug+"/code", url.Values{"code": {code}})
	wantStatus(t, p, http.StatusOK)
	checkAccessible(t, p)
	wantContains(t, p, "Continuer ici efface vos réponses en cours", `name="erase" value="1"`, `value="`+code+`"`, `href="/r/`+slug+`" id="elsewhere-back"`)
	if n, _ := ts.Store.DraftCount(context.Background(), ts.Campaign.ID); n != 1 {
		t.Fatalf("%d drafts after being asked, want 1 (nothing erased yet)", n)
	}
	wantStatus(t, first.get("/r/"+slug+"/comment/charge-et-soutien"), http.StatusOK) // the first browser still resumes
	p = ts.browser(t).post("/r/"+slug+"/code?lang=en", url.Values{"code": {code}})
	wantContains(t, p, "Continuing here erases your answers in progress")
	// Confirmed: erased, and offered to start again.
	p = other.post("/r/"+slug+"/code", url.Values{"code": {code}, "erase": {"1"}})
	wantRedirect(t, p, "/r/"+slug+"/restart")
	if n, _ := ts.Store.DraftCount(context.Background(), ts.Campaign.ID); n != 0 {
		t.Fatalf("%d drafts after the code was typed in another browser, want 0 (erased)", n)
	}
	p = other.get(p.Location)
	wantStatus(t, p, http.StatusOK)
	checkAccessible(t, p)
	wantContains(t, p, "ont été effacées", "Recommencer le questionnaire", `href="/r/`+slug+`/unit"`)
	if strings.Contains(p.Body, draftMarker) {
		t.Fatal("the restart page shows the old draft")
	}
	for _, step := range []string{"/unit", "/segments", "/q/charge-et-soutien/charge", "/comment/charge-et-soutien"} {
		p := other.get("/r/" + slug + step)
		wantStatus(t, p, http.StatusOK)
		if strings.Contains(p.Body, "checked") || strings.Contains(p.Body, draftMarker) {
			t.Fatalf("step %s in another browser shows an old answer:\n%s", step, p.Body)
		}
	}
	// The first browser, back to its next step, learns its draft is gone
	// instead of finding a questionnaire half empty.
	p = first.get("/r/" + slug + "/q/climat/tension")
	wantRedirect(t, p, "/r/"+slug+"/restart")
	p = first.get(p.Location)
	wantContains(t, p, "ont été effacées", `href="/r/`+slug+`/unit"`)
	// The page in English says the same.
	p = first.get("/r/" + slug + "/restart?lang=en")
	wantContains(t, p, "have been erased", "Start the questionnaire again")

	// Whoever starts again answers normally.
	walk(t, other, "/r/"+slug+"/unit")
	submit(t, other, slug)
	if n := ts.responseCount(t); n != 1 {
		t.Fatalf("%d responses, want 1", n)
	}
}

// TestRespondResumeExplained checks that the welcome page says, in French
// and in English, that answers in progress resume only in the same
// browser.
func TestRespondResumeExplained(t *testing.T) {
	ts := MustNewServer(t)
	b := ts.browser(t)
	wantContains(t, b.get("/r/"+ts.Campaign.Slug), "une clé que seul ce navigateur garde", "revenez dans ce même navigateur", "seront effacées")
	wantContains(t, b.get("/r/"+ts.Campaign.Slug+"?lang=en"), "a key that only this browser keeps", "come back in this same browser", "will be erased")
}

// TestRespondDraftKeyCookie checks the cookie that carries the draft key:
// the same flags as the session cookie, a lifetime so that closing the
// browser keeps the answers in progress, the same key from one code entry
// to the next, and no key left once the answers are sent.
func TestRespondDraftKeyCookie(t *testing.T) {
	ts := MustNewServer(t, withConfig(func(c *web.Config) { c.Secure = true }))
	code := ts.MustCodes(t, 1)[0]
	slug := ts.Campaign.Slug
	b := ts.browser(t)
	cookie := func(p *page) *http.Cookie {
		t.Helper()
		cookies := (&http.Response{Header: p.Header}).Cookies()
		if len(cookies) != 1 || cookies[0].Name != "vigie_r" {
			t.Fatalf("got cookies %v, want vigie_r alone", cookies)
		}
		ck := cookies[0]
		if !ck.HttpOnly || !ck.Secure || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/r/"+slug {
			t.Fatalf("cookie %s: want HttpOnly, Secure, SameSite=Lax, Path=/r/<slug>", ck)
		}
		return ck
	}
	key := func(ck *http.Cookie) string {
		_, k, _ := strings.Cut(ck.Value, ".")
		return k
	}
	ck := cookie(b.post("/r/"+slug+"/code", url.Values{"code": {code}}))
	if ck.MaxAge < 7*24*3600 || len(key(ck)) != 43 {
		t.Fatalf("cookie %s: want a 32-byte key and a lifetime of weeks", ck)
	}
	// The test browser talks plain HTTP and would not send back a Secure
	// cookie: send it by hand, as a browser over TLS would.
	b.headers["Cookie"] = "vigie_r=" + ck.Value
	again := cookie(b.post("/r/"+slug+"/code", url.Values{"code": {code}}))
	if key(again) != key(ck) {
		t.Fatal("a new code entry in the same browser changed the draft key: the draft would be lost")
	}
	if strings.SplitN(again.Value, ".", 2)[0] == strings.SplitN(ck.Value, ".", 2)[0] {
		t.Fatal("a new code entry kept the session token")
	}
	b.headers["Cookie"] = "vigie_r=" + again.Value
	walk(t, b, "/r/"+slug+"/unit")
	p := b.post("/r/"+slug+"/submit", url.Values{})
	wantRedirect(t, p, "/thanks")
	done := cookie(p)
	if key(done) != "" || done.MaxAge != 0 {
		t.Fatalf("cookie after sending %s: want the token alone, for the browser's session", done)
	}
}
