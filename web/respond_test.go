package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/web"
)

// answerFirstScreens types code on the campaign's entry page and answers
// the unit, segments and first questionnaire screens, leaving br in the
// middle of the questionnaire.
func answerFirstScreens(t *testing.T, br *browser, slug, code string) {
	t.Helper()
	wantRedirect(t, br.post("/r/"+slug+"/code", url.Values{"code": {code}}), "/unit")
	for _, step := range []string{"/unit", "/segments", "/q/charge-et-soutien/charge"} {
		wantStatus(t, br.post("/r/"+slug+step, stepForm(step)), http.StatusSeeOther)
	}
}

// stepForm is what the test respondent answers on each step, by the end
// of the step's address.
func stepForm(path string) url.Values {
	switch {
	case strings.HasSuffix(path, "/unit"):
		return url.Values{"unit": {"Direction A/Service 2"}}
	case strings.HasSuffix(path, "/segments"):
		return url.Values{"s_metier": {"Encadrement"}}
	case strings.HasSuffix(path, "/q/charge-et-soutien/charge"):
		return url.Values{"i_charge1": {"4"}, "i_charge2": {"na"}, "i_charge3": {"3"}}
	case strings.HasSuffix(path, "/q/charge-et-soutien/soutien"):
		return url.Values{"i_soutien1": {"2"}, "i_soutien2": {"2"}, "i_soutien3": {"1"}}
	case strings.HasSuffix(path, "/comment/charge-et-soutien"):
		return url.Values{"comment": {"  Trop de dossiers.  "}}
	case strings.HasSuffix(path, "/q/climat/tension"):
		return url.Values{"i_charge1": {"0"}, "i_tension2": {"4"}}
	}
	return nil
}

// wantResponse is what stepForm's answers become once stored.
func wantResponse(unit ...string) *vigie.Response {
	if unit == nil {
		unit = []string{"Direction A", "Service 2"}
	}
	return &vigie.Response{
		Unit:     unit,
		Segments: map[string]string{"metier": "Encadrement"},
		Answers: map[string]map[string]int{
			"charge-et-soutien": {"charge1": 4, "charge3": 3, "soutien1": 2, "soutien2": 2, "soutien3": 1},
			"climat":            {"charge1": 0, "tension2": 4},
		},
		Comments: map[string]string{"charge-et-soutien": "Trop de dossiers."},
		Week:     "2027-W05",
	}
}

// walk answers every step from loc to the review page with stepForm,
// checking each page on the way, and returns the review page's address.
func walk(t *testing.T, b *browser, loc string) string {
	t.Helper()
	for range 20 {
		p := b.get(loc)
		wantStatus(t, p, http.StatusOK)
		checkAccessible(t, p)
		if strings.HasSuffix(loc, "/review") {
			return loc
		}
		form := stepForm(loc)
		if form == nil {
			t.Fatalf("no answers for step %s", loc)
		}
		p = b.post(loc, form)
		if p.Status != http.StatusSeeOther {
			t.Fatalf("POST %s: status %d, want 303; body:\n%s", loc, p.Status, p.Body)
		}
		loc = p.Location
	}
	t.Fatalf("no review page after 20 steps")
	return ""
}

// submit sends the review page's form and follows to the thank-you page.
func submit(t *testing.T, b *browser, slug string) {
	t.Helper()
	p := b.post("/r/"+slug+"/submit", url.Values{})
	wantRedirect(t, p, "/r/"+slug+"/thanks")
	p = b.get(p.Location)
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Vos réponses ont été enregistrées.")
}

// checkAccessible checks what every page must have: the language, a skip
// link, a label for every radio and text field, a legend for every fieldset.
func checkAccessible(t *testing.T, p *page) {
	t.Helper()
	if !regexp.MustCompile(`<html lang="(fr|en)">`).MatchString(p.Body) {
		t.Fatalf("page without <html lang>:\n%s", p.Body)
	}
	wantContains(t, p, `<a class="skip" href="#main">`, `<main id="main"`)
	if f, l := strings.Count(p.Body, "<fieldset"), strings.Count(p.Body, "<legend"); f != l {
		t.Fatalf("%d fieldsets but %d legends", f, l)
	}
	for _, m := range regexp.MustCompile(`<input type="(?:radio|text|search)"[^>]* id="([^"]+)"`).FindAllStringSubmatch(p.Body, -1) {
		if !strings.Contains(p.Body, `<label for="`+m[1]+`">`) {
			t.Fatalf("input %s has no label:\n%s", m[1], p.Body)
		}
	}
	for _, m := range regexp.MustCompile(`<textarea id="([^"]+)"`).FindAllStringSubmatch(p.Body, -1) {
		if !strings.Contains(p.Body, `<label for="`+m[1]+`">`) {
			t.Fatalf("textarea %s has no label", m[1])
		}
	}
}

func TestRespondWholePathWithoutJavaScript(t *testing.T) {
	ts := MustNewServer(t)
	code := ts.MustCodes(t, 1)[0]
	slug := ts.Campaign.Slug
	b := ts.browser(t)

	p := b.get("/r/" + slug)
	wantStatus(t, p, http.StatusOK)
	checkAccessible(t, p)
	wantContains(t, p, "Service social régional", "au moins 5 personnes", "Charge de travail et soutien", "Climat",
		"Ce qui n’est pas enregistré", `name="code"`, `lang="fr"`)

	// Pasted in lower case with spaces: still the code.
	p = b.post("/r/"+slug+"/code", url.Values{"code": {"  " + strings.ToLower(code) + " "}})
	loc := wantRedirect(t, p, "/r/"+slug+"/unit")

	p = b.get(loc)
	wantContains(t, p, "Étape 1 sur 7", "Je préfère ne pas répondre", "Direction A › Service 2")
	walk(t, b, loc)
	p = b.get("/r/" + slug + "/review")
	wantContains(t, p, "Étape 7 sur 7", "Encadrement", "Direction A › Service 2", "2\u00a0réponses sur 3", "Commentaire rédigé")
	submit(t, b, slug)

	got := ts.responses(t)
	if len(got) != 1 {
		t.Fatalf("%d responses stored, want 1", len(got))
	}
	want := wantResponse()
	want.ID, want.CampaignID = got[0].ID, ts.Campaign.ID
	if !reflect.DeepEqual(got[0], want) {
		t.Fatalf("stored %+v\nwant %+v", got[0], want)
	}
	if n, _ := ts.Store.DraftCount(t.Context(), ts.Campaign.ID); n != 0 {
		t.Fatalf("%d drafts left after submitting, want 0", n)
	}
}

func TestRespondLinkMode(t *testing.T) {
	ts := MustNewServer(t, withAccess(vigie.AccessLink))
	slug := ts.Campaign.Slug
	b := ts.browser(t)
	p := b.get("/r/" + slug)
	wantStatus(t, p, http.StatusOK)
	if strings.Contains(p.Body, `name="code"`) {
		t.Fatalf("link mode asks for a code")
	}
	loc := wantRedirect(t, b.post("/r/"+slug+"/start", url.Values{}), "/r/"+slug+"/unit")
	walk(t, b, loc)
	submit(t, b, slug)
	if n := ts.responseCount(t); n != 1 {
		t.Fatalf("%d responses, want 1", n)
	}
	if n, _ := ts.Store.DraftCount(t.Context(), ts.Campaign.ID); n != 0 {
		t.Fatalf("link mode wrote %d drafts, want none", n)
	}
	// The same session cannot submit again.
	p = b.post("/r/"+slug+"/submit", url.Values{})
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "Vos réponses ont déjà été enregistrées.")
	if n := ts.responseCount(t); n != 1 {
		t.Fatalf("%d responses after a second submit, want 1", n)
	}
}

func TestRespondResumeWithCode(t *testing.T) {
	ts := MustNewServer(t)
	code := ts.MustCodes(t, 1)[0]
	slug := ts.Campaign.Slug

	b := ts.browser(t)
	answerFirstScreens(t, b, slug, code)

	// The same browser later, after the server restarted (every session
	// and anything in memory gone): the code and the key kept in the
	// browser's cookie resume.
	srv, err := web.New(web.Config{Store: ts.Store, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	b.h = srv.Handler()
	p := b.post("/r/"+slug+"/code", url.Values{"code": {code}})
	wantRedirect(t, p, "/r/"+slug+"/q/charge-et-soutien/soutien")
	p = b.get("/r/" + slug + "/q/charge-et-soutien/charge")
	wantContains(t, p, `name="i_charge1" id="q-0-3" value="4" checked`, `name="i_charge2" id="q-1-na" value="na" checked`)
	walk(t, b, "/r/"+slug+"/q/charge-et-soutien/soutien")
	submit(t, b, slug)
	if n := ts.responseCount(t); n != 1 {
		t.Fatalf("%d responses, want 1", n)
	}
}

func TestRespondWithoutSession(t *testing.T) {
	ts := MustNewServer(t)
	slug := ts.Campaign.Slug
	b := ts.browser(t)
	for _, path := range []string{"/unit", "/segments", "/q/charge-et-soutien/charge", "/review"} {
		wantRedirect(t, b.get("/r/"+slug+path), "/r/"+slug+"?expired=1")
	}
	wantRedirect(t, b.post("/r/"+slug+"/submit", url.Values{}), "/r/"+slug+"?expired=1")
	p := b.get("/r/" + slug + "?expired=1")
	wantContains(t, p, "Votre session a expiré")
	if n := ts.responseCount(t); n != 0 {
		t.Fatalf("%d responses, want 0", n)
	}
}

func TestRespondCodeErrors(t *testing.T) {
	ts := MustNewServer(t)
	slug := ts.Campaign.Slug
	used := ts.MustCodes(t, 1)[0]
	b := ts.browser(t)
	wantRedirect(t, b.post("/r/"+slug+"/code", url.Values{"code": {used}}), "/unit")
	walk(t, b, "/r/"+slug+"/unit")
	submit(t, b, slug)

	tests := []struct {
		name   string
		code   string
		status int
		msg    string
	}{
		{"ErrCodeMissing", "  ", http.StatusBadRequest, "Saisissez votre code d’accès."},
		{"ErrCodeUnknown", "ABCD-EFGH-JKLM", http.StatusForbidden, "Ce code n’est pas reconnu."},
		{"ErrCodeMalformed", "<b>bonjour</b>", http.StatusForbidden, "Ce code n’est pas reconnu."},
		{"ErrCodeUsed", used, http.StatusConflict, "vos réponses ont déjà été enregistrées."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ts.browser(t).post("/r/"+slug+"/code", url.Values{"code": {tt.code}})
			wantStatus(t, p, tt.status)
			wantContains(t, p, tt.msg, `role="alert"`, `aria-describedby="code-hint code-error"`, `aria-invalid="true"`)
			if tt.code != "  " {
				// What the person typed is kept, escaped.
				wantContains(t, p, `value="`+strings.ReplaceAll(strings.ReplaceAll(tt.code, "<", "&lt;"), ">", "&gt;")+`"`)
			}
		})
	}
	if n := ts.responseCount(t); n != 1 {
		t.Fatalf("%d responses, want 1", n)
	}
}

func TestRespondCampaignNotOpen(t *testing.T) {
	tests := []struct {
		name  string
		state vigie.CampaignState
		msg   string
	}{
		{"ErrDraft", vigie.StateDraft, "pas encore ouverte"},
		{"ErrClosed", vigie.StateClosed, "Cette enquête est close"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := MustNewServer(t, withState(tt.state))
			slug := ts.Campaign.Slug
			b := ts.browser(t)
			p := b.get("/r/" + slug)
			wantStatus(t, p, http.StatusConflict)
			wantContains(t, p, tt.msg)
			checkAccessible(t, p)
			p = b.post("/r/"+slug+"/code", url.Values{"code": {"ABCD-EFGH-JKLM"}})
			wantStatus(t, p, http.StatusConflict)
			wantContains(t, p, tt.msg)
		})
	}
	t.Run("ErrUnknownCampaign", func(t *testing.T) {
		ts := MustNewServer(t)
		p := ts.browser(t).get("/r/nimportequoi")
		wantStatus(t, p, http.StatusNotFound)
		checkAccessible(t, p)
	})
}

func TestRespondClosedWhileAnswering(t *testing.T) {
	ts := MustNewServer(t)
	code := ts.MustCodes(t, 1)[0]
	slug := ts.Campaign.Slug
	b := ts.browser(t)
	wantRedirect(t, b.post("/r/"+slug+"/code", url.Values{"code": {code}}), "/unit")
	walk(t, b, "/r/"+slug+"/unit")
	if err := ts.Store.CloseCampaign(t.Context(), ts.Campaign.ID, now); err != nil {
		t.Fatal(err)
	}
	p := b.post("/r/"+slug+"/submit", url.Values{})
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "Cette enquête est close")
	if n := ts.responseCount(t); n != 0 {
		t.Fatalf("%d responses, want 0", n)
	}
}

// started returns a browser past the code step of a fresh server.
func started(t *testing.T, opts ...option) (*testServer, *browser, string) {
	t.Helper()
	ts := MustNewServer(t, opts...)
	code := ts.MustCodes(t, 1)[0]
	b := ts.browser(t)
	wantStatus(t, b.post("/r/"+ts.Campaign.Slug+"/code", url.Values{"code": {code}}), http.StatusSeeOther)
	return ts, b, "/r/" + ts.Campaign.Slug
}

func TestRespondItemErrorsKeepAnswers(t *testing.T) {
	_, b, base := started(t)
	tests := []struct {
		name  string
		form  url.Values
		msg   string
		kept  string // a radio that must still be checked
		field string // the fieldset described by the error
	}{
		{"ErrItemMissing", url.Values{"i_charge1": {"4"}, "i_charge3": {"1"}},
			"Choisissez une réponse, ou «\u00a0Je préfère ne pas répondre\u00a0».", `id="q-0-3" value="4" checked`, `id="q-1" aria-describedby="q-1-error"`},
		{"ErrItemOutOfScale", url.Values{"i_charge1": {"4"}, "i_charge2": {"9"}, "i_charge3": {"na"}},
			"Cette réponse n’est pas sur l’échelle (de 1 à 4).", `id="q-2-na" value="na" checked`, `id="q-1" aria-describedby="q-1-error"`},
		{"ErrItemWrongType", url.Values{"i_charge1": {"4"}, "i_charge2": {"beaucoup"}, "i_charge3": {"2"}},
			"Cette réponse n’est pas sur l’échelle", `id="q-2-1" value="2" checked`, `id="q-1" aria-describedby="q-1-error"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := b.post(base+"/q/charge-et-soutien/charge", tt.form)
			wantStatus(t, p, http.StatusBadRequest)
			wantContains(t, p, tt.msg, `role="alert"`, tt.kept, tt.field, `<p class="error" id="q-1-error">`)
			checkAccessible(t, p)
		})
	}
	t.Run("ErrUnknownDimension", func(t *testing.T) {
		wantStatus(t, b.get(base+"/q/charge-et-soutien/inconnue"), http.StatusNotFound)
		wantStatus(t, b.post(base+"/q/inconnu/charge", url.Values{}), http.StatusNotFound)
	})
}

func TestRespondUnitAndSegmentErrors(t *testing.T) {
	_, b, base := started(t)
	tests := []struct {
		name, path string
		form       url.Values
		msg        string
	}{
		{"ErrUnitMissing", "/unit", url.Values{}, "Choisissez une unité"},
		{"ErrUnitUnknown", "/unit", url.Values{"unit": {"Direction Z"}}, "Cette unité n’existe pas dans l’enquête."},
		{"ErrCategoryMissing", "/segments", url.Values{}, "Choisissez une réponse"},
		{"ErrCategoryUnknown", "/segments", url.Values{"s_metier": {"Astronaute"}}, "Cette réponse n’est pas dans la liste."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := b.post(base+tt.path, tt.form)
			wantStatus(t, p, http.StatusBadRequest)
			wantContains(t, p, tt.msg, `role="alert"`, `aria-describedby=`)
		})
	}
}

func TestRespondCommentTooLong(t *testing.T) {
	_, b, base := started(t)
	long := strings.Repeat("é", 2001)
	p := b.post(base+"/comment/charge-et-soutien", url.Values{"comment": {long}})
	wantStatus(t, p, http.StatusBadRequest)
	wantContains(t, p, "Votre commentaire est trop long\u00a0: 2\u202f000\u00a0caractères au plus.", long, `aria-describedby="comment-warning comment-hint comment-error"`)
	wantContains(t, b.get(base+"/comment/charge-et-soutien"), "N’écrivez aucun nom")
	wantRedirect(t, b.post(base+"/comment/charge-et-soutien", url.Values{"comment": {strings.Repeat("é", 2000)}}), "/unit")
}

// A control or bidirectional character (pasted, or sent by a script) is
// refused with its own message, the text kept.
func TestRespondCommentBadCharacter(t *testing.T) {
	_, b, base := started(t)
	for _, text := range []string{"Trop de \u202edossiers", "a\x00b"} {
		p := b.post(base+"/comment/charge-et-soutien", url.Values{"comment": {text}})
		wantStatus(t, p, http.StatusBadRequest)
		wantContains(t, p, "Votre commentaire contient un caractère invisible ou de contrôle")
	}
	wantRedirect(t, b.post(base+"/comment/charge-et-soutien", url.Values{"comment": {"Trop de dossiers\r\nà la fois 👩‍⚕️"}}), "/unit")
}

func TestRespondBodyTooLarge(t *testing.T) {
	ts, b, base := started(t, withConfig(func(c *web.Config) { c.MaxBodyBytes = 4 << 10 }))
	p := b.post(base+"/comment/charge-et-soutien", url.Values{"comment": {strings.Repeat("x", 5000)}})
	wantStatus(t, p, http.StatusRequestEntityTooLarge)
	wantContains(t, p, "La requête est trop volumineuse.")
	// A chunked body (no declared length) is cut by the reader.
	req := strings.NewReader(url.Values{"code": {strings.Repeat("x", 5000)}}.Encode())
	p = b.do(http.MethodPost, base+"/code", &noLen{req}, "application/x-www-form-urlencoded")
	wantStatus(t, p, http.StatusRequestEntityTooLarge)
	_ = ts
}

// noLen hides the length of a reader, so the request has none.
type noLen struct{ r *strings.Reader }

func (n *noLen) Read(p []byte) (int, error) { return n.r.Read(p) }

func TestRespondDoubleSubmit(t *testing.T) {
	ts := MustNewServer(t)
	code := ts.MustCodes(t, 1)[0]
	slug := ts.Campaign.Slug

	// Two devices with the same code, both past the code page; only the
	// first answers (had the second saved a step, it would have erased
	// the first one's draft, which it cannot read).
	a, b := ts.browser(t), ts.browser(t)
	for _, br := range []*browser{a, b} {
		wantStatus(t, br.post("/r/"+slug+"/code", url.Values{"code": {code}}), http.StatusSeeOther)
	}
	walk(t, a, "/r/"+slug+"/unit")
	submit(t, a, slug)
	p := b.post("/r/"+slug+"/submit", url.Values{})
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "Vos réponses ont déjà été enregistrées.")
	// The back button and a second click in the first tab.
	p = a.post("/r/"+slug+"/submit", url.Values{})
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, "Vos réponses ont déjà été enregistrées.")
	if n := ts.responseCount(t); n != 1 {
		t.Fatalf("%d responses, want 1", n)
	}
}

func TestRespondSubmitIncomplete(t *testing.T) {
	ts, b, base := started(t)
	wantStatus(t, b.post(base+"/unit", stepForm("/unit")), http.StatusSeeOther)
	wantRedirect(t, b.post(base+"/submit", url.Values{}), base+"/segments")
	p := b.get(base + "/review")
	wantContains(t, p, "5\u00a0étapes restent à compléter", "À compléter")
	if n := ts.responseCount(t); n != 0 {
		t.Fatalf("%d responses, want 0", n)
	}
}

func TestRespondUnitFixedByCode(t *testing.T) {
	ts := MustNewServer(t)
	code := ts.MustCodes(t, 1, "Direction B")[0]
	slug := ts.Campaign.Slug
	b := ts.browser(t)
	loc := wantRedirect(t, b.post("/r/"+slug+"/code", url.Values{"code": {code}}), "/r/"+slug+"/segments")
	wantContains(t, b.get(loc), "Étape 1 sur 6")
	walk(t, b, loc)
	submit(t, b, slug)
	got := ts.responses(t)
	if len(got) != 1 || !reflect.DeepEqual(got[0].Unit, []string{"Direction B"}) {
		t.Fatalf("stored %+v, want one response in Direction B", got)
	}
}

func TestRespondLanguage(t *testing.T) {
	ts := MustNewServer(t)
	slug := ts.Campaign.Slug
	b := ts.browser(t)
	p := b.get("/r/" + slug + "?lang=en")
	wantContains(t, p, `<html lang="en">`, "Your anonymity", "Workload and support", `href="/r/`+slug+`?lang=fr"`)
	// The choice is kept in a cookie.
	p = b.get("/r/" + slug)
	wantContains(t, p, `<html lang="en">`)
	p = b.get("/r/" + slug + "?lang=fr")
	wantContains(t, p, `<html lang="fr">`, "Votre anonymat")

	// The switch's choice wins over the browser's languages
	// (TestRespondAcceptLanguage covers a first visit).
	b.headers["Accept-Language"] = "en-GB,en;q=0.9"
	wantContains(t, b.get("/r/"+slug), `<html lang="fr">`)

	// A campaign in French only offers no switch and stays in French.
	fr := MustNewServer(t, withSpec(func(s *vigie.CampaignSpec) { s.Languages = []string{"fr"} }))
	p = fr.browser(t).get("/r/" + fr.Campaign.Slug + "?lang=en")
	wantContains(t, p, `<html lang="fr">`)
	if strings.Contains(p.Body, "?lang=") {
		t.Fatalf("French-only campaign shows a language switch")
	}
}

func TestRespondCodeFromSlip(t *testing.T) {
	ts := MustNewServer(t)
	p := ts.browser(t).get("/r/" + ts.Campaign.Slug + "?code=ABCD-EFGH-JKLM")
	wantContains(t, p, `value="ABCD-EFGH-JKLM"`)
}

func TestRespondEnglishPath(t *testing.T) {
	ts, b, base := started(t)
	p := b.get(base + "/q/charge-et-soutien/charge?lang=en")
	wantContains(t, p, `<html lang="en">`, "Step 3 of 7", "I often have to rush.", "Strongly agree", "I prefer not to answer")
	p = b.post(base+"/q/charge-et-soutien/charge", url.Values{})
	wantContains(t, p, "Choose an answer")
	_ = ts
}

func TestRespondSessionCookie(t *testing.T) {
	for _, secure := range []bool{false, true} {
		t.Run(fmt.Sprintf("Secure=%v", secure), func(t *testing.T) {
			ts := MustNewServer(t, withConfig(func(c *web.Config) { c.Secure = secure }))
			code := ts.MustCodes(t, 1)[0]
			p := ts.browser(t).post("/r/"+ts.Campaign.Slug+"/code", url.Values{"code": {code}})
			wantStatus(t, p, http.StatusSeeOther)
			cookies := (&http.Response{Header: p.Header}).Cookies()
			if len(cookies) != 1 {
				t.Fatalf("got %d cookies, want 1: %v", len(cookies), cookies)
			}
			ck := cookies[0]
			if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure != secure || ck.Path != "/r/"+ts.Campaign.Slug {
				t.Fatalf("cookie %s: want HttpOnly, SameSite=Lax, Secure=%v, Path=/r/<slug>", ck, secure)
			}
			if len(ck.Value) < 40 {
				t.Fatalf("session token %q is too short to be unguessable", ck.Value)
			}
			for _, form := range []string{code, strings.ReplaceAll(code, "-", "")} {
				if strings.Contains(strings.ToUpper(ck.Raw), form) {
					t.Fatalf("the cookie holds the access code: %s", ck.Raw)
				}
			}
			if secure && p.Header.Get("Strict-Transport-Security") == "" {
				t.Fatalf("no HSTS header behind TLS")
			}
		})
	}
}

func TestRespondErrorsInEnglish(t *testing.T) {
	ts := MustNewServer(t, withState(vigie.StateClosed))
	p := ts.browser(t).get("/r/" + ts.Campaign.Slug + "?lang=en")
	wantStatus(t, p, http.StatusConflict)
	wantContains(t, p, `<html lang="en">`, "This survey is closed")
}
