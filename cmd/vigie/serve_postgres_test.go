package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/store/storetest"
	"github.com/vigie-sante/vigie/web"
)

// TestServePostgres runs "vigie serve --db postgres://…" in-process on the
// demo, set up in a new PostgreSQL database: the employee's welcome page,
// a sign-in (its session kept in PostgreSQL) and the results of the closed
// campaign answer; the database is named without its password.
func TestServePostgres(t *testing.T) {
	if onPostgres {
		t.Skip("not one of bothEngines")
	}
	db := storetest.NewPostgres(t)
	info := setupDemoIn(t, db)

	const secret = "mot-de-passe-jamais-affiche"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, logs bytes.Buffer
	done := make(chan error, 1)
	opt := serveOptions{addr: "127.0.0.1:0", db: withPassword(t, db, secret), web: web.Config{Version: Version},
		started: func(base string) {
			defer cancel()
			checkServedDemo(t, base, info)
		}}
	go func() { done <- serve(ctx, opt, &out, &logs) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not stop after its context ended")
	}
	if !strings.Contains(out.String(), "Vigie écoute sur") || !strings.Contains(out.String(), "postgres://vigie:xxxxx@") || strings.Contains(out.String(), secret) {
		t.Errorf("serve printed %q, want the address and the database without its password", out.String())
	}
	// The test cluster runs with fsync off (.ci/postgres): a warning, and
	// the server served all the same.
	if fsyncOff(t, db) && !strings.Contains(logs.String(), "fsync=off") {
		t.Errorf("serve logged %q, want a warning naming fsync=off", logs.String())
	}
}

// fsyncOff tells whether the PostgreSQL server of db runs with fsync off.
func fsyncOff(t *testing.T, db string) bool {
	t.Helper()
	raw, err := sql.Open("pgx", db) // registered by storetest
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var setting string
	if err := raw.QueryRow(`SHOW fsync`).Scan(&setting); err != nil {
		t.Fatalf("SHOW fsync: %v", err)
	}
	return setting == "off"
}

// checkServedDemo reads pages of the demo served at base.
func checkServedDemo(t *testing.T, base string, info *demoInfo) {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path, cookie, want string) {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: "vigie_s", Value: cookie})
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("GET %s: %v", path, err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d, want 200 with %q", path, resp.StatusCode, want)
		}
	}
	get("/r/"+info.Open.Slug, "", demoOpenTitle)
	get("/login", "", "password")

	form := url.Values{"email": {demoConsultant.Email}, "password": {demoConsultant.Password}}
	req, _ := http.NewRequest(http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err := client.Do(req)
	if err != nil {
		t.Errorf("POST /login: %v", err)
		return
	}
	resp.Body.Close()
	var session string
	for _, c := range resp.Cookies() {
		if c.Name == "vigie_s" {
			session = c.Value
		}
	}
	if resp.StatusCode != http.StatusSeeOther || session == "" {
		t.Errorf("POST /login = %d, cookie %q; want 303 and a session", resp.StatusCode, session)
		return
	}
	get("/admin", session, demoClosedTitle)
	get("/admin/campaigns/"+info.Closed.ID+"/results/sens-du-travail", session, demoClosedTitle)
}
