package web_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/web"
)

// secondInstance is another server, on its own store opened on the same
// database as as: two instances behind one load balancer. admin is its
// back-office configuration and clock its time, which the test moves.
func secondInstance(t *testing.T, as *adminServer, admin web.AdminConfig, clock *time.Time) (*adminServer, *store.Store) {
	t.Helper()
	st, err := store.Open(as.Store.Path())
	if err != nil {
		t.Fatalf("store.Open of the same database: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	srv, err := web.New(web.Config{
		Store:  st,
		Logger: slog.New(slog.NewTextHandler(as.Logs, nil)),
		Now:    func() time.Time { return *clock },
		Admin:  admin,
	})
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	t.Cleanup(srv.Close)
	ts := *as.testServer
	ts.Handler, ts.Store = srv.Handler(), st
	return &adminServer{testServer: &ts, Server: srv}, st
}

func TestLoginLimitsSharedByInstances(t *testing.T) {
	clock := now
	admin := web.AdminConfig{BaseURL: "https://vigie.example.org", LoginAccountAttempts: 8, LoginAccountPeriod: 8 * time.Minute}
	one := MustNewAdminServer(t, withConfig(func(c *web.Config) {
		c.Now = func() time.Time { return clock }
		c.Admin = admin
	}))
	two, _ := secondInstance(t, one, admin, &clock)
	instances := []*adminServer{one, two}

	// Five failures per account and address (the default), whichever
	// instance each one reaches.
	for i := range 5 {
		wantStatus(t, instances[i%2].login(t, "203.0.113.9:1000", consultantEmail, "mauvais mot de passe"), http.StatusUnauthorized)
	}
	for i, as := range instances {
		p := as.login(t, "203.0.113.9:1000", consultantEmail, testPassword)
		if p.Status != http.StatusTooManyRequests {
			t.Fatalf("sixth attempt on instance %d: status %d, want 429", i+1, p.Status)
		}
	}
	// The owner signs in through the first instance from their address...
	wantRedirect(t, one.login(t, "198.51.100.7:1234", consultantEmail, testPassword), "/admin")
	// ...guessers from many addresses use up the account's ceiling (8,
	// five already taken) through the second...
	for i := range 3 {
		wantStatus(t, two.login(t, fmt.Sprintf("192.0.2.%d:1000", i+1), consultantEmail, "mauvais mot de passe"), http.StatusUnauthorized)
	}
	wantStatus(t, one.login(t, "192.0.2.99:1000", consultantEmail, testPassword), http.StatusTooManyRequests)
	// ...and the second knows the owner's address all the same.
	wantRedirect(t, two.login(t, "198.51.100.7:1234", consultantEmail, testPassword), "/admin")

	// One period later the pair has one more attempt, on both.
	clock = clock.Add(time.Minute)
	wantRedirect(t, two.login(t, "203.0.113.9:1000", consultantEmail, testPassword), "/admin")
}

func TestLoginRefusedWhenLimitsUnavailable(t *testing.T) {
	clock := now
	one := MustNewAdminServer(t)
	two, st := secondInstance(t, one, web.AdminConfig{}, &clock)
	var hashes int
	countHashes(t, time.Minute, func() { hashes++ })
	st.Close() // the second instance loses its database
	p := two.login(t, "198.51.100.7:1234", consultantEmail, testPassword)
	wantStatus(t, p, http.StatusServiceUnavailable)
	wantContains(t, p, "La connexion est momentanément indisponible.")
	if hashes != 0 {
		t.Fatalf("%d passwords checked without limits, want none", hashes)
	}
	wantRedirect(t, one.login(t, "198.51.100.7:1234", consultantEmail, testPassword), "/admin")
}
