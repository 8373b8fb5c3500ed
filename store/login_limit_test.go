package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/store"
	"github.com/vigie-sante/vigie/store/storetest"
)

// testLimits are small buckets: 3 per pair, 5 per client a minute each,
// 4 per account refilled over 4 minutes.
var testLimits = store.LoginLimits{
	Pair:    store.LoginBucket{Burst: 3, Period: time.Minute},
	Client:  store.LoginBucket{Burst: 5, Period: time.Minute},
	Account: store.LoginBucket{Burst: 4, Period: time.Minute},
}

var t0 = time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)

// loginStep is one call of a scenario: reserve an attempt on account
// from client at t0+at, and settle it (fail keeps the tokens).
type loginStep struct {
	account, client string
	at              time.Duration
	settle          string // "fail", "release" or "success"
	want            bool   // whether the reservation is granted
}

func TestLoginLimits(t *testing.T) {
	const acct, other = "conseil@cabinet.test", "autre@cabinet.test"
	fails := func(n int, account, client string, at time.Duration) []loginStep {
		var out []loginStep
		for range n {
			out = append(out, loginStep{account, client, at, "fail", true})
		}
		return out
	}
	// spread uses up the account's ceiling from new addresses at at.
	spread := func(account string, at time.Duration) []loginStep {
		var out []loginStep
		for i := range testLimits.Account.Burst {
			out = append(out, loginStep{account, fmt.Sprintf("192.0.2.%d", i+1), at, "fail", true})
		}
		return append(out, loginStep{account, "192.0.2.99", at, "fail", false})
	}
	cat := func(parts ...[]loginStep) []loginStep {
		var out []loginStep
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		steps []loginStep
	}{
		{"PairBurstThenRefill", cat(
			fails(3, acct, "203.0.113.9", 0),
			[]loginStep{{acct, "203.0.113.9", 0, "fail", false}},
			// The owner elsewhere is not touched.
			[]loginStep{{acct, "198.51.100.7", 0, "success", true}},
			// One period later, one more attempt.
			[]loginStep{{acct, "203.0.113.9", time.Minute, "fail", true}, {acct, "203.0.113.9", time.Minute, "fail", false}},
		)},
		{"ReleaseAndSuccessCostNothing", cat(
			[]loginStep{
				{acct, "203.0.113.9", 0, "release", true}, {acct, "203.0.113.9", 0, "success", true},
				{acct, "203.0.113.9", 0, "release", true}, {acct, "203.0.113.9", 0, "success", true},
			},
			fails(3, acct, "203.0.113.9", 0),
			[]loginStep{{acct, "203.0.113.9", 0, "fail", false}},
		)},
		{"ClientAcrossAccounts", cat(
			fails(3, acct, "203.0.113.9", 0),
			fails(2, other, "203.0.113.9", 0),
			// The client's bucket is empty: refused, and nothing taken from
			// the pair's either (all or none).
			[]loginStep{{"troisieme@cabinet.test", "203.0.113.9", 0, "fail", false}},
			[]loginStep{{other, "192.0.2.1", 0, "fail", true}},
		)},
		{"AccountCeilingSkippedByKnownPair", cat(
			[]loginStep{{acct, "198.51.100.7", 0, "success", true}},
			fails(1, acct, "203.0.113.1", 0), fails(1, acct, "203.0.113.2", 0),
			fails(1, acct, "203.0.113.3", 0), fails(1, acct, "203.0.113.4", 0),
			[]loginStep{{acct, "203.0.113.5", 0, "fail", false}},
			// The owner's known address skips the ceiling...
			[]loginStep{{acct, "198.51.100.7", 0, "fail", true}},
			// ...for 30 days after its last success.
			[]loginStep{{acct, "198.51.100.7", store.KnownLoginTTL - time.Minute, "success", true}},
			// Guesses right before the pair expires use the ceiling up again.
			spread(acct, store.KnownLoginTTL+time.Hour),
			[]loginStep{{acct, "198.51.100.7", store.KnownLoginTTL + time.Hour, "fail", true}},
			// Past that, the owner's address is one more.
			spread(acct, 2*store.KnownLoginTTL+time.Hour),
			[]loginStep{{acct, "198.51.100.7", 2*store.KnownLoginTTL + time.Hour, "fail", false}},
		)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := MustOpenStore(t)
			ctx := context.Background()
			for i, st := range tc.steps {
				now := t0.Add(st.at)
				a, err := s.ReserveLogin(ctx, testLimits, st.account, st.client, now)
				if err != nil {
					t.Fatalf("step %d: ReserveLogin: %v", i, err)
				}
				if got := a != nil; got != st.want {
					t.Fatalf("step %d (%s from %s at +%v): granted = %v, want %v", i, st.account, st.client, st.at, got, st.want)
				}
				if a == nil {
					continue
				}
				switch st.settle {
				case "release":
					err = s.ReleaseLogin(ctx, a, now)
				case "success":
					err = s.RememberLogin(ctx, a, now)
				}
				if err != nil {
					t.Fatalf("step %d: settle %s: %v", i, st.settle, err)
				}
			}
		})
	}
}

func TestLoginLimitsSharedBetweenStores(t *testing.T) {
	db := storetest.DB(t)
	var stores [2]*store.Store
	for i := range stores {
		s, err := store.Open(db)
		if err != nil {
			t.Fatalf("Open %d: %v", i, err)
		}
		t.Cleanup(func() { s.Close() })
		stores[i] = s
	}
	ctx := context.Background()
	// Failures through either instance use the same bucket.
	for i := range 3 {
		a, err := stores[i%2].ReserveLogin(ctx, testLimits, "autre@cabinet.test", "203.0.113.9", t0)
		if err != nil || a == nil {
			t.Fatalf("attempt %d on instance %d = %v, %v; want granted", i, i%2, a, err)
		}
	}
	for i, s := range stores {
		if a, err := s.ReserveLogin(ctx, testLimits, "autre@cabinet.test", "203.0.113.9", t0); err != nil || a != nil {
			t.Fatalf("fourth attempt on instance %d = %v, %v; want refused", i, a, err)
		}
	}
	// A pair remembered by one is known to the other.
	a, err := stores[0].ReserveLogin(ctx, testLimits, "conseil@cabinet.test", "198.51.100.7", t0)
	if err != nil || a == nil {
		t.Fatalf("owner's attempt = %v, %v; want granted", a, err)
	}
	if err := stores[0].RememberLogin(ctx, a, t0); err != nil {
		t.Fatalf("RememberLogin: %v", err)
	}
	for i := range 4 {
		client := fmt.Sprintf("192.0.2.%d", i+1)
		if a, err := stores[1].ReserveLogin(ctx, testLimits, "conseil@cabinet.test", client, t0); err != nil || a == nil {
			t.Fatalf("guess from %s = %v, %v; want granted", client, a, err)
		}
	}
	if a, err := stores[1].ReserveLogin(ctx, testLimits, "conseil@cabinet.test", "192.0.2.99", t0); err != nil || a != nil {
		t.Fatalf("guess past the account's ceiling = %v, %v; want refused", a, err)
	}
	if a, err := stores[1].ReserveLogin(ctx, testLimits, "conseil@cabinet.test", "198.51.100.7", t0); err != nil || a == nil {
		t.Fatalf("owner's known address on the other instance = %v, %v; want granted", a, err)
	}
}

func TestLoginLimitsConcurrent(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	const attempts = 100
	var wg sync.WaitGroup
	granted := make(chan bool, attempts)
	start := make(chan struct{})
	for i := range attempts {
		wg.Go(func() {
			<-start
			a, err := s.ReserveLogin(ctx, testLimits, "conseil@cabinet.test", "203.0.113.9", t0)
			if err != nil {
				t.Errorf("ReserveLogin: %v", err)
			}
			granted <- a != nil
		})
		if i == attempts/2 {
			// The owner, elsewhere, in the middle of the flood: on
			// PostgreSQL the conflicting transactions are retried, not
			// refused.
			wg.Go(func() {
				<-start
				if a, err := s.ReserveLogin(ctx, testLimits, "conseil@cabinet.test", "198.51.100.7", t0); err != nil || a == nil {
					t.Errorf("owner's attempt during the flood = %v, %v; want granted", a, err)
				}
			})
		}
	}
	close(start)
	wg.Wait()
	close(granted)
	n := 0
	for g := range granted {
		if g {
			n++
		}
	}
	if n != testLimits.Pair.Burst {
		t.Fatalf("%d of %d concurrent attempts granted, want the pair's burst %d", n, attempts, testLimits.Pair.Burst)
	}
}

func TestLoginLimitsSweep(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	reserve := func(account, client string, now time.Time) *store.LoginAttempt {
		t.Helper()
		a, err := s.ReserveLogin(ctx, testLimits, account, client, now)
		if err != nil || a == nil {
			t.Fatalf("ReserveLogin(%s, %s) = %v, %v; want granted", account, client, a, err)
		}
		return a
	}
	reserve("conseil@cabinet.test", "203.0.113.9", t0) // a failure: three buckets
	if err := s.RememberLogin(ctx, reserve("conseil@cabinet.test", "198.51.100.7", t0), t0); err != nil {
		t.Fatalf("RememberLogin: %v", err)
	}
	wantRows := func(buckets, known int) {
		t.Helper()
		b, k, err := store.LoginRows(ctx, s)
		if err != nil {
			t.Fatalf("LoginRows: %v", err)
		}
		if b != buckets || k != known {
			t.Fatalf("rows = %d buckets, %d known pairs; want %d and %d", b, k, buckets, known)
		}
	}
	// The failure's pair, client and account buckets; the success gave
	// its tokens back (its client's bucket full again, deleted).
	wantRows(3, 1)
	// Once full again, the buckets are swept by the next attempt (which
	// writes its own three); past KnownLoginTTL, the pair too.
	reserve("autre@cabinet.test", "192.0.2.1", t0.Add(time.Hour))
	wantRows(3, 1)
	reserve("autre@cabinet.test", "192.0.2.2", t0.Add(store.KnownLoginTTL+time.Hour))
	wantRows(3, 0)
}
