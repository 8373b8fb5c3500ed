package web

import (
	"sync"
	"testing"
	"time"
)

// TestFailLimiterForgets checks what the limiter keeps in memory: buckets
// under a keyed hash of the identity, never the identity itself, each
// forgotten once full again, and a key drawn afresh when none is left.
func TestFailLimiterForgets(t *testing.T) {
	var mu sync.Mutex
	clk := time.Date(2027, 2, 2, 14, 0, 0, 0, time.UTC)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clk }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); clk = clk.Add(d) }
	l := newFailLimiter(10, 30*time.Second, now)
	t.Cleanup(l.Close)
	id := addrID("192.0.2.1")
	for range 3 {
		l.Fail(id)
	}
	l.mu.Lock()
	key, hashed := l.key, l.keyOf(id)
	_, ok := l.buckets[hashed]
	scheduled := l.sweeper != nil
	l.mu.Unlock()
	if !ok || l.Len() != 1 || !scheduled {
		t.Fatalf("after 3 failures: bucket under the keyed hash %v, %d buckets, sweep scheduled %v; want true, 1, true", ok, l.Len(), scheduled)
	}

	advance(89 * time.Second) // 3 tokens take 90 s to come back
	l.sweep()
	if l.Len() != 1 {
		t.Fatalf("%d buckets before the refill, want 1", l.Len())
	}
	advance(time.Second)
	l.sweep()
	l.mu.Lock()
	newKey, scheduled := l.key, l.sweeper != nil
	l.mu.Unlock()
	if l.Len() != 0 || newKey == key || scheduled {
		t.Fatalf("once refilled: %d buckets, key redrawn %v, sweep scheduled %v; want 0, true, false", l.Len(), newKey != key, scheduled)
	}
}

// TestFailLimiterSweepsSoonest checks that a bucket due to be full soon
// brings the next sweep forward, rather than waiting for one scheduled
// for a bucket due later.
func TestFailLimiterSweepsSoonest(t *testing.T) {
	l := newFailLimiter(10, 30*time.Second, time.Now)
	t.Cleanup(l.Close)
	for range 10 {
		l.Fail(addrID("192.0.2.1")) // full in 5 min
	}
	l.Fail(addrID("192.0.2.2")) // full in 30 s
	l.mu.Lock()
	due := time.Until(l.due)
	l.mu.Unlock()
	if due > 35*time.Second {
		t.Fatalf("next sweep in %v, want within 31 s", due)
	}
}

// TestSweepsRunWithoutRequests checks that limiter buckets and expired
// sessions are forgotten on a timer, with no request coming.
func TestSweepsRunWithoutRequests(t *testing.T) {
	l := newFailLimiter(1, time.Millisecond, time.Now)
	t.Cleanup(l.Close)
	l.every = 5 * time.Millisecond
	l.Fail(addrID("192.0.2.1"))
	ss := newSessionStore(time.Millisecond, 10, time.Now)
	t.Cleanup(ss.close)
	ss.every = 5 * time.Millisecond
	sess, err := ss.create("c_1")
	if err != nil {
		t.Fatal(err)
	}
	sess.code = "K7QM-3XPA-HW9D"
	deadline := time.Now().Add(5 * time.Second)
	for l.Len() > 0 || ss.len() > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("after 5 s without requests: %d limiter buckets, %d sessions; want none", l.Len(), ss.len())
		}
		time.Sleep(5 * time.Millisecond)
	}
}
