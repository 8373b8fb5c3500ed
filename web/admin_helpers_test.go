package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/web"
)

// Accounts of the back-office test server.
const (
	consultantEmail = "conseil@cabinet.test"
	viewerEmail     = "cse@client.test"
	outsiderEmail   = "autre@client.test"
	testPassword    = "un mot de passe assez long"
)

// adminServer is a test server with a consultant, a viewer granted the
// campaign and a viewer who is not.
type adminServer struct {
	*testServer
	Server     *web.Server
	Consultant *vigie.User
	Viewer     *vigie.User
	Outsider   *vigie.User
}

// MustNewAdminServer builds MustNewServer's server and database, then a
// back-office server on the same store with three accounts. Password
// hashing is made cheap: these tests are about access, not argon2.
func MustNewAdminServer(tb testing.TB, opts ...option) *adminServer {
	tb.Helper()
	store.PasswordParams = store.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	ts := MustNewServer(tb, opts...)
	srv := mustNewAdminWeb(tb, ts, opts)
	ts.Handler = srv.Handler()
	as := &adminServer{testServer: ts, Server: srv}
	ctx := context.Background()
	for _, a := range []struct {
		u     **vigie.User
		email string
		role  vigie.Role
	}{{&as.Consultant, consultantEmail, vigie.RoleConsultant}, {&as.Viewer, viewerEmail, vigie.RoleViewer}, {&as.Outsider, outsiderEmail, vigie.RoleViewer}} {
		u, err := ts.Store.CreateUser(ctx, a.email, a.role, testPassword)
		if err != nil {
			tb.Fatalf("CreateUser %s: %v", a.email, err)
		}
		*a.u = u
	}
	if err := ts.Store.GrantCampaign(ctx, as.Viewer.ID, ts.Campaign.ID); err != nil {
		tb.Fatalf("GrantCampaign: %v", err)
	}
	return as
}

// mustNewAdminWeb builds the back-office server of MustNewAdminServer on
// ts's store, closed when the test ends.
func mustNewAdminWeb(tb testing.TB, ts *testServer, opts []option) *web.Server {
	tb.Helper()
	cfg := web.Config{
		Store:  ts.Store,
		Logger: slog.New(slog.NewTextHandler(ts.Logs, nil)),
		Now:    func() time.Time { return now },
		Admin:  web.AdminConfig{BaseURL: "https://vigie.example.org"},
	}
	for _, o := range opts {
		var so serverOptions
		o(&so)
		if so.config != nil {
			so.config(&cfg)
		}
	}
	srv, err := web.New(cfg)
	if err != nil {
		tb.Fatalf("web.New: %v", err)
	}
	tb.Cleanup(srv.Close)
	return srv
}

// signedIn returns a browser signed in as email.
func (as *adminServer) signedIn(tb testing.TB, email string) *browser {
	tb.Helper()
	b := as.browser(tb)
	p := b.post("/login", url.Values{"email": {email}, "password": {testPassword}})
	wantRedirect(tb, p, "/admin")
	return b
}

// token creates an API token for a user.
func (as *adminServer) token(tb testing.TB, u *vigie.User) (id, token string) {
	tb.Helper()
	id, token, err := as.Store.CreateToken(context.Background(), u.ID, "tests")
	if err != nil {
		tb.Fatalf("CreateToken: %v", err)
	}
	return id, token
}

// api sends a JSON API request with a bearer token ("" for none).
func (as *adminServer) api(tb testing.TB, token, method, path, body string) *page {
	tb.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, baseURL+path, r)
	req.RemoteAddr = "192.0.2.20:4444"
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	as.Handler.ServeHTTP(rec, req)
	return &page{Status: rec.Code, Body: rec.Body.String(), Header: rec.Result().Header, Location: rec.Result().Header.Get("Location")}
}

// decode parses a JSON answer.
func decode(tb testing.TB, p *page, v any) {
	tb.Helper()
	if err := json.Unmarshal([]byte(p.Body), v); err != nil {
		tb.Fatalf("decode %q: %v", p.Body, err)
	}
}

// submitN stores n responses to the campaign in unit (with a code in
// codes mode), each answering every item of charge-et-soutien and climat,
// with an optional comment.
func (as *adminServer) submitN(tb testing.TB, n int, unit []string, comment string) {
	tb.Helper()
	ctx := context.Background()
	var codes []string
	if as.Campaign.Access == vigie.AccessCodes {
		codes = as.MustCodes(tb, n)
	}
	for i := range n {
		r := &vigie.Response{
			CampaignID: as.Campaign.ID,
			Unit:       unit,
			Segments:   map[string]string{"metier": []string{"Assistant social", "Encadrement"}[i%2]},
			Answers: map[string]map[string]int{
				"charge-et-soutien": {"charge1": 1 + i%4, "charge2": 2, "charge3": 4 - i%3, "soutien1": 3, "soutien2": 1 + i%4, "soutien3": 2},
				"climat":            {"charge1": i % 5, "tension2": 3},
			},
			Comments: map[string]string{},
		}
		if comment != "" {
			r.Comments["charge-et-soutien"] = comment + " n°" + strconv.Itoa(i+1)
		}
		code := ""
		if codes != nil {
			code = codes[i]
		}
		if err := as.Store.SubmitResponse(ctx, as.Campaign.ID, code, r, now); err != nil {
			tb.Fatalf("SubmitResponse: %v", err)
		}
	}
}

// closeCampaign closes the test campaign: results and reports exist only
// then.
func (as *adminServer) closeCampaign(tb testing.TB) {
	tb.Helper()
	if err := as.Store.CloseCampaign(context.Background(), as.Campaign.ID, now); err != nil {
		tb.Fatalf("CloseCampaign: %v", err)
	}
	as.Campaign.State = vigie.StateClosed
}

// auditActions returns the actions of the audit log, newest first.
func (as *adminServer) auditActions(tb testing.TB) []string {
	tb.Helper()
	entries, err := as.Store.AuditLog(context.Background(), 0, "")
	if err != nil {
		tb.Fatalf("AuditLog: %v", err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Actor+" "+e.Action)
	}
	return out
}

// wantAudit fails unless the audit log has an entry "actor action".
func (as *adminServer) wantAudit(tb testing.TB, entry string) {
	tb.Helper()
	for _, a := range as.auditActions(tb) {
		if a == entry {
			return
		}
	}
	tb.Fatalf("audit log lacks %q: %q", entry, as.auditActions(tb))
}

var _ = http.StatusOK
