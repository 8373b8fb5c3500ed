package web

import (
	"sync"
	"time"
)

// loginLimiter decides which sign-in attempts may have their password
// checked. An attempt needs one token from each of three buckets:
//
//   - the pair (account, client address): what stops one guesser on one
//     account, without touching the owner who signs in from elsewhere;
//   - the client address, all accounts together: what stops one guesser
//     trying a few passwords on many accounts;
//   - the account, all addresses together: a ceiling against guessers
//     spread over many addresses. It is high, so that it takes many
//     addresses to reach it, and a pair that signed in successfully in
//     the last knownPairTTL skips it, so that even then the owner still
//     gets in from where they usually work.
//
// Tokens are taken before the password is checked, in the same locked
// step as the check that one is left, and given back when the password
// turns out right (or could not be checked): however many attempts arrive
// at once, no more passwords are checked than the buckets hold.
//
// Like failLimiter, it keeps only keyed hashes of addresses, in memory.
type loginLimiter struct {
	pair    *failLimiter
	addr    *failLimiter
	account *failLimiter
	now     func() time.Time

	mu        sync.Mutex
	known     map[[16]byte]time.Time // pair key -> last successful sign-in
	lastSweep time.Time
}

// knownPairTTL is how long a successful sign-in lets its (account,
// address) pair skip the account ceiling; maxKnownPairs bounds the memory
// this takes (a few hundred bytes per pair).
const (
	knownPairTTL  = 30 * 24 * time.Hour
	maxKnownPairs = 10_000
)

// newLoginLimiter builds the buckets of cfg (defaults already applied).
func newLoginLimiter(cfg AdminConfig, now func() time.Time) *loginLimiter {
	return &loginLimiter{
		pair:    newFailLimiter(cfg.LoginAttempts, cfg.LoginAttemptPeriod, now),
		addr:    newFailLimiter(cfg.LoginAddressAttempts, cfg.LoginAttemptPeriod, now),
		account: newFailLimiter(cfg.LoginAccountAttempts, cfg.LoginAccountPeriod/time.Duration(cfg.LoginAccountAttempts), now),
		now:     now,
		known:   map[[16]byte]time.Time{},
	}
}

// loginAttempt is a reserved attempt: its tokens are taken until it is
// settled by succeeded or cancelled, or kept (a failure) by doing nothing.
type loginAttempt struct {
	l                   *loginLimiter
	pair, addr, account [16]byte
	accountTaken        bool
}

// reserve takes the tokens of an attempt on account email from addr, or
// reports false, taking none, when one of the buckets is empty.
func (l *loginLimiter) reserve(email, addr string) (*loginAttempt, bool) {
	a := &loginAttempt{
		l:       l,
		pair:    l.pair.keyOf(email + "\x00" + clientAddr(addr)),
		addr:    l.addr.clientKey(addr),
		account: l.account.keyOf(email),
	}
	// The pair first: a flood from one address on one account stops here
	// and never eats into the account's ceiling, which its owner needs.
	if !l.pair.take(a.pair) {
		return nil, false
	}
	if !l.isKnown(a.pair) {
		if !l.account.take(a.account) {
			l.pair.giveBack(a.pair)
			return nil, false
		}
		a.accountTaken = true
	}
	if !l.addr.take(a.addr) {
		a.cancel()
		return nil, false
	}
	return a, true
}

// cancel gives the tokens back: the password was not checked (no hashing
// slot, an internal error), so the attempt was no guess.
func (a *loginAttempt) cancel() {
	a.l.pair.giveBack(a.pair)
	a.l.addr.giveBack(a.addr)
	if a.accountTaken {
		a.l.account.giveBack(a.account)
	}
}

// succeeded gives the tokens back, so that a right password costs
// nothing, and remembers the pair as the owner's.
func (a *loginAttempt) succeeded() {
	a.cancel()
	a.l.mu.Lock()
	defer a.l.mu.Unlock()
	now := a.l.now()
	a.l.sweep(now)
	if _, ok := a.l.known[a.pair]; ok || len(a.l.known) < maxKnownPairs {
		a.l.known[a.pair] = now
	}
}

// isKnown reports whether pair signed in successfully within knownPairTTL.
func (l *loginLimiter) isKnown(pair [16]byte) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	at, ok := l.known[pair]
	return ok && l.now().Sub(at) < knownPairTTL
}

// sweep forgets, at most once an hour, the pairs past knownPairTTL.
func (l *loginLimiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < time.Hour {
		return
	}
	l.lastSweep = now
	for k, at := range l.known {
		if now.Sub(at) >= knownPairTTL {
			delete(l.known, k)
		}
	}
}
