package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/web"
)

// countHashes makes every argon2id computation call hook while it holds
// its slot, until the test ends, and lets hashes wait for a slot as long
// as wait.
func countHashes(t *testing.T, wait time.Duration, hook func()) {
	t.Helper()
	savedWait := store.PasswordQueueWait
	store.PasswordQueueWait = wait
	store.PasswordHashHook = hook
	t.Cleanup(func() {
		store.PasswordHashHook = nil
		store.PasswordQueueWait = savedWait
	})
}

// login posts the sign-in form from addr with a fresh browser.
func (as *adminServer) login(t *testing.T, addr, email, password string) *page {
	b := as.browser(t)
	b.addr = addr
	return b.post("/login", url.Values{"email": {email}, "password": {password}})
}

func TestLoginConcurrentGuessesReserved(t *testing.T) {
	as := MustNewAdminServer(t) // defaults: 5 failures per account and address
	var hashes atomic.Int64
	countHashes(t, time.Minute, func() { hashes.Add(1) })

	const guesses = 100
	statuses := make(chan int, guesses)
	var owner *page
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range guesses {
		wg.Go(func() {
			<-start
			statuses <- as.login(t, "203.0.113.9:1000", consultantEmail, fmt.Sprintf("essai numéro %03d !", i)).Status
		})
		if i == guesses/2 {
			// The owner signs in from elsewhere in the middle of the flood.
			wg.Go(func() {
				<-start
				owner = as.login(t, "198.51.100.7:1234", consultantEmail, testPassword)
			})
		}
	}
	close(start)
	wg.Wait()
	close(statuses)

	count := map[int]int{}
	for st := range statuses {
		count[st]++
	}
	if count[http.StatusUnauthorized] != 5 || count[http.StatusTooManyRequests] != guesses-5 || len(count) != 2 {
		t.Fatalf("statuses of %d concurrent guesses = %v, want 5×401 and %d×429", guesses, count, guesses-5)
	}
	wantRedirect(t, owner, "/admin")
	// The owner's check and the five reserved guesses: nothing else hashed.
	if got := hashes.Load(); got != 6 {
		t.Fatalf("%d passwords checked, want 6 (5 guesses + the owner)", got)
	}
}

func TestLoginHashingBoundedByCores(t *testing.T) {
	as := MustNewAdminServer(t, withConfig(func(c *web.Config) {
		c.Admin.LoginAttempts = 1000 // only the hashing slots limit here
		c.Admin.LoginAddressAttempts = 1000
	}))
	cores := runtime.NumCPU()
	var inFlight, peak atomic.Int64
	entered, release := make(chan struct{}, cores+2), make(chan struct{})
	// The hook holds every hash until release: the extra attempts find no
	// free slot however long the machine takes, so their short wait ends
	// in 429 without any timing in the assertions.
	countHashes(t, 10*time.Millisecond, func() {
		n := inFlight.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		entered <- struct{}{}
		<-release
		inFlight.Add(-1)
	})

	const extra = 2
	answers := make(chan *page, cores+extra)
	for i := range cores + extra {
		go func() {
			answers <- as.login(t, fmt.Sprintf("203.0.113.%d:1000", i+1), consultantEmail, "mauvais mot de passe")
		}()
	}
	for range cores {
		<-entered
	}
	for range extra {
		p := <-answers
		wantStatus(t, p, http.StatusTooManyRequests)
		wantContains(t, p, "Le serveur vérifie déjà beaucoup de mots de passe en ce moment.")
	}
	close(release)
	for range cores {
		wantStatus(t, <-answers, http.StatusUnauthorized)
	}
	if got := peak.Load(); got != int64(cores) {
		t.Fatalf("%d hashes ran at once, want at most NumCPU = %d (and that many here)", got, cores)
	}

	// A busy server is no failure: the refused attempts gave their tokens
	// back, and with no hash held the right password goes through.
	store.PasswordHashHook = nil
	wantRedirect(t, as.login(t, "203.0.113.1:1000", consultantEmail, testPassword), "/admin")
}

func TestLoginBusyGivesAttemptsBack(t *testing.T) {
	as := MustNewAdminServer(t, withConfig(func(c *web.Config) { c.Admin.LoginAttempts = 1 }))
	// Every slot held by someone else's hash: nothing gets checked.
	release := make(chan struct{})
	var held sync.WaitGroup
	cores := runtime.NumCPU()
	holding := make(chan struct{}, cores)
	countHashes(t, 10*time.Millisecond, func() {
		holding <- struct{}{}
		<-release
	})
	for range cores {
		held.Go(func() { as.Store.Authenticate(context.Background(), viewerEmail, "mauvais mot de passe") })
	}
	for range cores {
		<-holding
	}
	for range 3 {
		wantStatus(t, as.login(t, "203.0.113.9:1000", consultantEmail, testPassword), http.StatusTooManyRequests)
	}
	close(release)
	held.Wait()
	store.PasswordHashHook = nil
	// With one attempt per pair, a counted 429 would have used it up.
	wantRedirect(t, as.login(t, "203.0.113.9:1000", consultantEmail, testPassword), "/admin")
}

func TestLoginOtherAddressNotBlocked(t *testing.T) {
	as := MustNewAdminServer(t)
	for range 20 {
		as.login(t, "203.0.113.9:1000", consultantEmail, "mauvais mot de passe")
	}
	// The guesser's address is throttled for this account, even with the
	// right password (the limiter does not tell whether it was right)...
	wantStatus(t, as.login(t, "203.0.113.9:1000", consultantEmail, testPassword), http.StatusTooManyRequests)
	// ...the owner, elsewhere, is not.
	wantRedirect(t, as.login(t, "198.51.100.7:1234", consultantEmail, testPassword), "/admin")
	// IPv6 addresses count per /64: another address of the block is the
	// same guesser.
	for range 5 {
		as.login(t, "[2001:db8:1:2::1]:1000", viewerEmail, "mauvais mot de passe")
	}
	wantStatus(t, as.login(t, "[2001:db8:1:2::99]:1000", viewerEmail, testPassword), http.StatusTooManyRequests)
	wantRedirect(t, as.login(t, "[2001:db8:1:3::1]:1000", viewerEmail, testPassword), "/admin")
}

func TestLoginAddressLimit(t *testing.T) {
	as := MustNewAdminServer(t, withConfig(func(c *web.Config) { c.Admin.LoginAddressAttempts = 4 }))
	// One address spraying accounts: a couple of guesses each, all counted
	// together.
	for _, email := range []string{"a@client.test", "b@client.test", "c@client.test", "d@client.test"} {
		wantStatus(t, as.login(t, "203.0.113.9:1000", email, "mauvais mot de passe"), http.StatusUnauthorized)
	}
	wantStatus(t, as.login(t, "203.0.113.9:1000", "e@client.test", "mauvais mot de passe"), http.StatusTooManyRequests)
	wantRedirect(t, as.login(t, "198.51.100.7:1234", viewerEmail, testPassword), "/admin")
}

func TestLoginAccountCeiling(t *testing.T) {
	clock := now
	as := MustNewAdminServer(t, withConfig(func(c *web.Config) {
		c.Now = func() time.Time { return clock }
		c.Admin.LoginAccountAttempts = 3
		c.Admin.LoginAccountPeriod = 3 * time.Minute
	}))
	// The owner's usual address.
	wantRedirect(t, as.login(t, "198.51.100.7:1234", consultantEmail, testPassword), "/admin")

	// Guessers spread over addresses use up the account's ceiling...
	for i := range 3 {
		wantStatus(t, as.login(t, fmt.Sprintf("203.0.113.%d:1000", i+1), consultantEmail, "mauvais mot de passe"), http.StatusUnauthorized)
	}
	wantStatus(t, as.login(t, "203.0.113.50:1000", consultantEmail, "mauvais mot de passe"), http.StatusTooManyRequests)
	// ...which stops any new address, right password or not...
	wantStatus(t, as.login(t, "192.0.2.77:1000", consultantEmail, testPassword), http.StatusTooManyRequests)
	// ...but not the owner where they signed in before.
	wantRedirect(t, as.login(t, "198.51.100.7:1234", consultantEmail, testPassword), "/admin")
	as.wantAudit(t, consultantEmail+" login.throttled")

	// One period later the ceiling has refilled by one attempt.
	clock = clock.Add(time.Minute)
	wantRedirect(t, as.login(t, "192.0.2.77:1000", consultantEmail, testPassword), "/admin")
}

func TestPasswordChangeEndsSessions(t *testing.T) {
	for _, keep := range []bool{false, true} {
		t.Run(fmt.Sprintf("KeepTokens=%v", keep), func(t *testing.T) {
			as := MustNewAdminServer(t)
			b := as.signedIn(t, consultantEmail)
			wantStatus(t, b.get("/admin"), http.StatusOK)
			_, token := as.token(t, as.Consultant)
			wantStatus(t, as.api(t, token, http.MethodGet, "/api/v1/campaigns", ""), http.StatusOK)

			const newPassword = "un tout nouveau mot de passe"
			revoked, err := as.Store.SetPassword(context.Background(), as.Consultant.ID, newPassword, store.PasswordChange{KeepTokens: keep})
			if err != nil {
				t.Fatalf("SetPassword: %v", err)
			}
			wantRedirect(t, b.get("/admin"), "/login?next=%2Fadmin")
			if keep {
				if revoked != 0 {
					t.Errorf("%d tokens revoked with KeepTokens", revoked)
				}
				wantStatus(t, as.api(t, token, http.MethodGet, "/api/v1/campaigns", ""), http.StatusOK)
			} else {
				if revoked != 1 {
					t.Errorf("%d tokens revoked, want 1", revoked)
				}
				wantStatus(t, as.api(t, token, http.MethodGet, "/api/v1/campaigns", ""), http.StatusUnauthorized)
			}
			// The same browser signs in again with the new password, and that
			// session lives on.
			wantRedirect(t, b.post("/login", url.Values{"email": {consultantEmail}, "password": {newPassword}}), "/admin")
			wantStatus(t, b.get("/admin"), http.StatusOK)
			wantStatus(t, b.get("/admin/audit"), http.StatusOK)
		})
	}
}
