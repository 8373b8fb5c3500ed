package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/web"
)

// validBody is a complete JSON submission with code; the ambiguous item
// charge1 is given under its questionnaire.
func validBody(code string) string {
	return fmt.Sprintf(`{"code": %q, "unit": "Direction A/Service 2", "segments": {"metier": "Encadrement"},
		"answers": {"charge-et-soutien": {"charge1": 4, "charge2": null}, "charge3": 3, "soutien1": 2, "soutien2": 2, "soutien3": 1,
		            "climat": {"charge1": 0}, "tension2": 4},
		"comments": {"charge-et-soutien": "  Trop de dossiers.  "}}`, code)
}

func responsesPath(ts *testServer) string {
	return "/api/v1/campaigns/" + ts.Campaign.ID + "/responses"
}

func TestAPISubmit(t *testing.T) {
	ts := MustNewServer(t)
	code := ts.MustCodes(t, 1)[0]
	p := ts.browser(t).postJSON(responsesPath(ts), validBody(strings.ToLower(code)))
	wantStatus(t, p, http.StatusCreated)
	var got map[string]any
	if err := json.Unmarshal([]byte(p.Body), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, map[string]any{"status": "ok"}) {
		t.Fatalf("answer = %s, want only {\"status\":\"ok\"} (never the response id)", p.Body)
	}
	stored := ts.responses(t)
	want := wantResponse()
	want.ID, want.CampaignID = stored[0].ID, ts.Campaign.ID
	if len(stored) != 1 || !reflect.DeepEqual(stored[0], want) {
		t.Fatalf("stored %+v\nwant %+v", stored[0], want)
	}
}

func TestAPISubmitLinkMode(t *testing.T) {
	ts := MustNewServer(t, withAccess(vigie.AccessLink))
	b := ts.browser(t)
	wantStatus(t, b.postJSON(responsesPath(ts), `{"answers": {"tension2": 1}}`), http.StatusCreated)
	wantStatus(t, b.postJSON(responsesPath(ts), `{"answers": {"tension2": 1}}`), http.StatusCreated)
	p := b.postJSON(responsesPath(ts), `{"code": "ABCD-EFGH-JKLM", "answers": {}}`)
	wantStatus(t, p, http.StatusBadRequest)
	if n := ts.responseCount(t); n != 2 {
		t.Fatalf("%d responses, want 2", n)
	}
}

func TestAPISubmitErrors(t *testing.T) {
	ts := MustNewServer(t)
	codes := ts.MustCodes(t, 2)
	used := codes[1]
	wantStatus(t, ts.browser(t).postJSON(responsesPath(ts), validBody(used)), http.StatusCreated)
	code := codes[0]
	body := func(fields string) string {
		return fmt.Sprintf(`{"code": %q, %s}`, code, fields)
	}
	tests := []struct {
		name   string
		body   string
		status int
		msg    string // in the error message
	}{
		{"ErrUnknownItem", body(`"answers": {"nimporte": 3}`), 400, "answers.nimporte"},
		{"ErrUnknownQualifiedItem", body(`"answers": {"climat": {"charge2": 3}}`), 400, "answers.climat.charge2"},
		{"ErrAmbiguousItem", body(`"answers": {"charge1": 3}`), 400, "plusieurs questionnaires"},
		{"ErrOutOfScale", body(`"answers": {"soutien1": 5}`), 400, "hors de l'échelle 1–4"},
		{"ErrOutOfScaleZero", body(`"answers": {"soutien1": 0}`), 400, "answers.charge-et-soutien.soutien1"},
		{"ErrWrongTypeString", body(`"answers": {"soutien1": "4"}`), 400, "answers.soutien1"},
		{"ErrWrongTypeFloat", body(`"answers": {"soutien1": 2.5}`), 400, "answers.soutien1"},
		{"ErrWrongTypeBool", body(`"answers": {"climat": {"tension2": true}}`), 400, "answers.climat.tension2"},
		{"ErrWrongTypeSegments", body(`"segments": {"metier": 3}`), 400, "segments.metier"},
		{"ErrWrongTypeUnit", body(`"unit": ["Direction A"]`), 400, "unit"},
		{"ErrUnknownField", body(`"extra": 1`), 400, "extra"},
		{"ErrUnknownQuestionnaire", body(`"answers": {"autre": {"x": 1}}`), 400, "answers.autre"},
		{"ErrUnknownUnit", body(`"unit": "Direction Z"`), 400, "unit"},
		{"ErrUnknownSegment", body(`"segments": {"age": "jeune"}`), 400, "segments.age"},
		{"ErrUnknownCategory", body(`"segments": {"metier": "Astronaute"}`), 400, "segments.metier"},
		{"ErrCommentTooLong", body(`"comments": {"charge-et-soutien": "` + strings.Repeat("é", 2001) + `"}`), 400, "la limite est 2\u202f000"},
		{"ErrCommentNotAsked", body(`"comments": {"climat": "bonjour"}`), 400, "comments.climat"},
		{"ErrInvalidJSON", `{"code": `, 400, "JSON"},
		{"ErrNotAnObject", `[1, 2]`, 400, ""},
		{"ErrCodeMissing", `{"answers": {}}`, 400, "code"},
		{"ErrCodeUnknown", `{"code": "ABCD-EFGH-JKLM", "answers": {"tension2": 1}}`, 403, "code"},
		{"ErrCodeUsed", fmt.Sprintf(`{"code": %q, "answers": {"tension2": 1}}`, used), 409, "déjà servi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ts.browser(t).postJSON(responsesPath(ts), tt.body)
			wantStatus(t, p, tt.status)
			var got struct{ Error string }
			if err := json.Unmarshal([]byte(p.Body), &got); err != nil || got.Error == "" {
				t.Fatalf("body %q is not {\"error\": message}", p.Body)
			}
			if !strings.Contains(got.Error, tt.msg) {
				t.Fatalf("error %q does not mention %q", got.Error, tt.msg)
			}
			if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Fatalf("Content-Type = %q, want JSON", ct)
			}
		})
	}
	if n := ts.responseCount(t); n != 1 {
		t.Fatalf("%d responses stored after the errors, want 1", n)
	}
	// The code that met every error is still good.
	wantStatus(t, ts.browser(t).postJSON(responsesPath(ts), validBody(code)), http.StatusCreated)
}

func TestAPISubmitCampaignState(t *testing.T) {
	tests := []struct {
		name   string
		state  vigie.CampaignState
		status int
	}{
		{"ErrDraft", vigie.StateDraft, 409},
		{"ErrClosed", vigie.StateClosed, 409},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := MustNewServer(t, withState(tt.state))
			p := ts.browser(t).postJSON(responsesPath(ts), validBody("ABCD-EFGH-JKLM"))
			wantStatus(t, p, tt.status)
		})
	}
	t.Run("ErrUnknownCampaign", func(t *testing.T) {
		ts := MustNewServer(t)
		wantStatus(t, ts.browser(t).postJSON("/api/v1/campaigns/c_inconnue/responses", validBody("x")), 404)
	})
	t.Run("ErrBodyTooLarge", func(t *testing.T) {
		ts := MustNewServer(t, withConfig(func(c *web.Config) { c.MaxBodyBytes = 1 << 10 }))
		p := ts.browser(t).postJSON(responsesPath(ts), `{"comments": {"charge-et-soutien": "`+strings.Repeat("x", 2000)+`"}}`)
		wantStatus(t, p, http.StatusRequestEntityTooLarge)
		// Without a declared length too.
		p = ts.browser(t).do(http.MethodPost, responsesPath(ts),
			&noLen{strings.NewReader(`{"comments": {"charge-et-soutien": "` + strings.Repeat("x", 2000) + `"}}`)}, "application/json")
		wantStatus(t, p, http.StatusRequestEntityTooLarge)
	})
}

func TestAPIConcurrentSubmissions(t *testing.T) {
	ts := MustNewServer(t)
	const n = 200
	codes := ts.MustCodes(t, n)
	var wg sync.WaitGroup
	statuses := make([]int, n)
	for i := range n {
		wg.Go(func() {
			b := ts.browser(t)
			b.addr = fmt.Sprintf("198.51.100.%d:4000", i%250)
			statuses[i] = b.postJSON(responsesPath(ts), validBody(codes[i])).Status
		})
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusCreated {
			t.Fatalf("submission %d: status %d, want 201", i, s)
		}
	}
	if got := ts.responseCount(t); got != n {
		t.Fatalf("%d responses stored, want %d", got, n)
	}

	// The same code sent 20 times at once lands once. Each from its own
	// address: from one, the used code would count against the client and
	// the last ones would be refused by the rate limit instead.
	code := ts.MustCodes(t, 1)[0]
	var created, conflicts atomic.Int32
	for i := range 20 {
		wg.Go(func() {
			b := ts.browser(t)
			b.addr = fmt.Sprintf("198.51.100.%d:4001", i)
			switch b.postJSON(responsesPath(ts), validBody(code)).Status {
			case http.StatusCreated:
				created.Add(1)
			case http.StatusConflict:
				conflicts.Add(1)
			}
		})
	}
	wg.Wait()
	if created.Load() != 1 || conflicts.Load() != 19 {
		t.Fatalf("same code 20 times: %d created, %d conflicts; want 1 and 19", created.Load(), conflicts.Load())
	}
	if got := ts.responseCount(t); got != n+1 {
		t.Fatalf("%d responses stored, want %d", got, n+1)
	}
}

// clock is a test clock that tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestAPIFailedCodesRateLimited(t *testing.T) {
	clk := &clock{t: now}
	ts := MustNewServer(t, withConfig(func(c *web.Config) {
		c.CodeAttempts, c.CodeAttemptPeriod, c.Now = 3, time.Minute, clk.Now
	}))
	codes := ts.MustCodes(t, 30)
	b := ts.browser(t) // one address: a whole organisation behind one NAT
	bad := validBody("ABCD-EFGH-JKLM")

	wantStatus(t, b.postJSON(responsesPath(ts), bad), http.StatusForbidden)
	wantStatus(t, b.postJSON(responsesPath(ts), bad), http.StatusForbidden)
	// Valid submissions from the same address are never counted.
	for _, code := range codes[:20] {
		wantStatus(t, b.postJSON(responsesPath(ts), validBody(code)), http.StatusCreated)
	}
	wantStatus(t, b.postJSON(responsesPath(ts), bad), http.StatusForbidden)
	p := b.postJSON(responsesPath(ts), bad)
	wantStatus(t, p, http.StatusTooManyRequests)
	if !strings.Contains(p.Body, "Trop de codes erronés") {
		t.Fatalf("429 without a clear message: %s", p.Body)
	}
	// The form path shares the limit.
	p = b.post("/r/"+ts.Campaign.Slug+"/code", map[string][]string{"code": {"ABCD-EFGH-JKLM"}})
	wantStatus(t, p, http.StatusTooManyRequests)
	wantContains(t, p, "Trop de codes erronés ont été essayés")

	// Another address is not affected.
	other := ts.browser(t)
	other.addr = "203.0.113.7:1234"
	wantStatus(t, other.postJSON(responsesPath(ts), bad), http.StatusForbidden)
	// An address cannot be forged with X-Forwarded-For (no trusted proxy).
	b.headers["X-Forwarded-For"] = "203.0.113.99"
	wantStatus(t, b.postJSON(responsesPath(ts), bad), http.StatusTooManyRequests)
	delete(b.headers, "X-Forwarded-For")

	// A valid code goes through all the same (TestColleagueCodeAfterTypos).
	wantStatus(t, b.postJSON(responsesPath(ts), validBody(codes[20])), http.StatusCreated)
	if n := ts.responseCount(t); n != 21 {
		t.Fatalf("%d responses, want 21", n)
	}
	// One refusal is told again per period.
	clk.Add(time.Minute)
	wantStatus(t, b.postJSON(responsesPath(ts), bad), http.StatusForbidden)
	wantStatus(t, b.postJSON(responsesPath(ts), bad), http.StatusTooManyRequests)
}

// FuzzSubmitJSON sends arbitrary bodies to the submission API: whatever
// the input, the answer is a client error or a success, never a 500 or a
// panic, and always {"error": ...} or {"status": "ok"}.
func FuzzSubmitJSON(f *testing.F) {
	ts := MustNewServer(f, withConfig(func(c *web.Config) { c.CodeAttempts = 1 << 30 }))
	codes := ts.MustCodes(f, 1)
	for _, seed := range []string{
		validBody(codes[0]), `{}`, `[]`, `null`, `{"answers": {"charge1": 3}}`,
		`{"code": "x", "answers": {"climat": {"tension2": 99999999999999999999}}}`,
		`{"code": 1}`, `{"segments": {"metier": null}}`, `{"answers": {"": {"": -2147483648}}}`,
		`{"comments": {"charge-et-soutien": "\u0000\ud800"}}`, "\xff\xfe", `{"unit": "/"}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		p := ts.browser(t).postJSON(responsesPath(ts), body)
		switch p.Status {
		case 201, 400, 403, 404, 409, 413, 429:
		default:
			t.Fatalf("status %d for %q: %s", p.Status, body, p.Body)
		}
		var got map[string]string
		if err := json.Unmarshal([]byte(p.Body), &got); err != nil || (got["error"] == "" && got["status"] != "ok") {
			t.Fatalf("answer %q for %q is neither an error nor ok", p.Body, body)
		}
	})
}
