package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"net/netip"
	"sync"
	"time"
)

// failLimiter limits failed access-code attempts per client, against code
// guessing and against polling which codes have served (a used code is a
// failure too, see codeFailed). Each client has a bucket of burst attempts
// that refills by one every period; a failure takes one, a success takes
// none, so a whole organisation answering from behind one address is never
// slowed down by its valid codes.
//
// Clients are keyed by an HMAC of their address under a random key drawn
// at start and kept only in memory: the address itself is never stored,
// and the keys cannot be reversed after a restart. IPv6 addresses count
// per /64, the block one subscriber usually holds.
//
// It stays in each instance's memory on purpose, even with several
// instances on one PostgreSQL database (unlike the back office's sign-in
// limits, store/login_limit.go): employees' addresses are never written to
// the database, even hashed, so a guesser behind a load balancer gets one
// allowance per instance. The codes' entropy, not this limiter, is what
// makes guessing hopeless; this only slows polling down.
type failLimiter struct {
	burst  float64
	period time.Duration
	now    func() time.Time

	mu        sync.Mutex
	key       [32]byte
	buckets   map[[16]byte]*bucket
	lastSweep time.Time
}

// bucket is the state of one client: tokens left at time last.
type bucket struct {
	tokens float64
	last   time.Time
}

// newFailLimiter returns a limiter allowing burst failures at once and one
// more every period.
func newFailLimiter(burst int, period time.Duration, now func() time.Time) *failLimiter {
	l := &failLimiter{burst: float64(burst), period: period, now: now, buckets: map[[16]byte]*bucket{}}
	if _, err := rand.Read(l.key[:]); err != nil {
		panic("web: no randomness for the rate limiter key: " + err.Error())
	}
	return l
}

// clientKey is the keyed hash of addr (an IP address, without port).
func (l *failLimiter) clientKey(addr string) [16]byte {
	return l.keyOf(clientAddr(addr))
}

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

// keyOf is the keyed hash of an arbitrary client identity.
func (l *failLimiter) keyOf(id string) [16]byte {
	m := hmac.New(sha256.New, l.key[:])
	m.Write([]byte(id))
	var k [16]byte
	copy(k[:], m.Sum(nil))
	return k
}

// refill returns the bucket of k with its tokens brought up to date, or
// nil when the client has a full bucket (no recent failure).
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

// Allow reports whether addr may try a code now.
func (l *failLimiter) Allow(addr string) bool {
	k := l.clientKey(addr)
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(k, l.now())
	return b == nil || b.tokens >= 1
}

// Fail records a failed attempt from addr.
func (l *failLimiter) Fail(addr string) {
	k := l.clientKey(addr)
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	b := l.refill(k, now)
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[k] = b
	}
	if b.tokens >= 1 {
		b.tokens--
	}
}

// sweep forgets, at most once a minute, every client whose bucket is full
// again, so entries expire and memory stays bounded.
func (l *failLimiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < time.Minute {
		return
	}
	l.lastSweep = now
	for k := range l.buckets {
		l.refill(k, now)
	}
}

// Len returns the number of clients remembered (for tests via export).
func (l *failLimiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}
