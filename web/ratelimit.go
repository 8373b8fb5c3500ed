package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"net/netip"
	"sync"
	"time"
)

// failLimiter is a set of token buckets, one per identity (a client
// address, a data-entry account, a campaign): burst tokens at once, one
// more every period. What takes a token, and what happens when none is
// left, is the caller's policy (code_limits.go).
//
// Identities are kept only as an HMAC under a random key drawn at start
// and kept only in memory: no map holds an address, an account or a code.
// A bucket is forgotten once full again (a sweep runs, on a timer, within
// sweepEvery of that moment even when no request comes), and when the
// last one goes the key is drawn afresh, overwriting the old one: the
// hashes left in freed memory can then no longer be tested against a
// guessed address.
//
// It stays in each instance's memory on purpose, even with several
// instances on one PostgreSQL database (unlike the back office's sign-in
// limits, store/login_limit.go): employees' addresses are never written to
// the database, even hashed, so a client behind a load balancer gets one
// allowance per instance. The codes' entropy, not this limiter, is what
// makes guessing hopeless.
type failLimiter struct {
	burst  float64
	period time.Duration
	now    func() time.Time

	mu      sync.Mutex
	key     [32]byte
	buckets map[[16]byte]*bucket
	every   time.Duration // sweepEvery; tests shorten it
	sweeper *time.Timer   // the next sweep, nil when there is no bucket
	due     time.Time     // when sweeper fires (wall clock)
	closed  bool
}

// bucket is the state of one identity: tokens left at time last.
type bucket struct {
	tokens float64
	last   time.Time
}

// sweepEvery bounds how often the buckets are swept, hence how long a
// full bucket may outlive its refill.
const sweepEvery = 10 * time.Second

// newFailLimiter returns a limiter allowing burst failures at once and one
// more every period.
func newFailLimiter(burst int, period time.Duration, now func() time.Time) *failLimiter {
	l := &failLimiter{burst: float64(burst), period: period, now: now, buckets: map[[16]byte]*bucket{}, every: sweepEvery}
	l.drawKey()
	return l
}

// drawKey draws the HMAC key in place, overwriting the previous one.
func (l *failLimiter) drawKey() {
	if _, err := rand.Read(l.key[:]); err != nil {
		panic("web: no randomness for the rate limiter key: " + err.Error())
	}
}

// addrID is the identity of a client address (an IP address, without
// port): IPv4-mapped addresses as IPv4, IPv6 addresses by /64, the block
// one subscriber usually holds.
func addrID(addr string) string { return "addr\x00" + clientAddr(addr) }

// accountID is the identity of a back-office account.
func accountID(userID string) string { return "account\x00" + userID }

// clientAddr is addr as the limiters count it: IPv4-mapped addresses as
// IPv4, IPv6 addresses by /64.
func clientAddr(addr string) string {
	if ip, err := netip.ParseAddr(addr); err == nil {
		ip = ip.Unmap()
		if ip.Is6() {
			p, _ := ip.Prefix(64)
			ip = p.Addr()
		}
		addr = ip.String()
	}
	return addr
}

// keyOf is the keyed hash of an identity. The caller holds l.mu: the key
// may be drawn again.
func (l *failLimiter) keyOf(id string) [16]byte {
	m := hmac.New(sha256.New, l.key[:])
	m.Write([]byte(id))
	var k [16]byte
	copy(k[:], m.Sum(nil))
	return k
}

// refill returns the bucket of k with its tokens brought up to date, or
// nil when the identity has a full bucket (no recent failure).
func (l *failLimiter) refill(k [16]byte, now time.Time) *bucket {
	b := l.buckets[k]
	if b == nil {
		return nil
	}
	b.tokens += float64(now.Sub(b.last)) / float64(l.period)
	b.last = now
	if b.tokens >= l.burst {
		delete(l.buckets, k)
		return nil
	}
	return b
}

// Allow reports whether id has a token left.
func (l *failLimiter) Allow(id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(l.keyOf(id), l.now())
	return b == nil || b.tokens >= 1
}

// Fail takes a token from id, if it has one left.
func (l *failLimiter) Fail(id string) { l.Take(id) }

// Take takes a token from id and reports whether there was one.
func (l *failLimiter) Take(id string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	k := l.keyOf(id)
	b := l.refill(k, now)
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[k] = b
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	l.schedule(l.untilFull(b))
	return true
}

// untilFull is how long b takes to refill, and a second more so that
// the sweep finds it full despite rounding.
func (l *failLimiter) untilFull(b *bucket) time.Duration {
	return time.Duration((l.burst-b.tokens)*float64(l.period)) + time.Second
}

// schedule arranges a sweep after d (at least l.every), unless one is
// due sooner.
func (l *failLimiter) schedule(d time.Duration) {
	d = max(d, l.every)
	when := time.Now().Add(d)
	if l.closed || (l.sweeper != nil && !when.Before(l.due)) {
		return
	}
	if l.sweeper != nil {
		l.sweeper.Stop()
	}
	l.sweeper, l.due = time.AfterFunc(d, l.sweep), when
}

// sweep forgets every bucket full again, draws a new key once none is
// left, and otherwise comes back when the next one is due to be full.
func (l *failLimiter) sweep() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sweeper != nil {
		l.sweeper.Stop() // when called before its time (tests)
		l.sweeper = nil
	}
	now := l.now()
	var next time.Duration
	for k := range l.buckets {
		if b := l.refill(k, now); b != nil {
			if d := l.untilFull(b); next == 0 || d < next {
				next = d
			}
		}
	}
	if len(l.buckets) == 0 {
		l.drawKey()
		return
	}
	l.schedule(next)
}

// Close stops the sweeps and forgets every bucket and the key.
func (l *failLimiter) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	if l.sweeper != nil {
		l.sweeper.Stop()
		l.sweeper = nil
	}
	clear(l.buckets)
	l.drawKey()
}

// Len returns the number of identities remembered (tests).
func (l *failLimiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
