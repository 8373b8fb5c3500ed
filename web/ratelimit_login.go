package web

import (
	"context"
	"fmt"
	"time"

	"github.com/vigie-sante/vigie/store"
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
//     the last store.KnownLoginTTL (30 days) skips it, so that even then
//     the owner still gets in from where they usually work.
//
// Tokens are taken before the password is checked, in the same
// transaction as the check that one is left, and given back when the
// password turns out right (or could not be checked): however many
// attempts arrive at once, no more passwords are checked than the buckets
// hold.
//
// The buckets and the known pairs live in the database
// (store/login_limit.go), so that every instance sharing it counts the
// same attempts: with counters in memory, a load balancer in front of n
// instances gave a guesser n times the allowance. They are named by keyed
// hashes of the account and address, never the address itself, but the
// key is in the same database, so whoever holds the database can test a
// guessed address against them; rows expire (a bucket once full again, a
// known pair after 30 days) and are swept. A database error refuses the
// attempt (errLoginUnavailable): a limit that cannot be checked must not
// let guesses through.
//
// What stays in memory, per instance, on purpose: the hashing slots
// (store/password.go), which protect this instance's CPU; and the
// employees' access-code limits (Server.limits, code_limits.go), because
// employees' addresses are never written to the database, even hashed.
type loginLimiter struct {
	store  *store.Store
	limits store.LoginLimits
	now    func() time.Time
}

// newLoginLimiter builds the limits of cfg (defaults already applied).
func newLoginLimiter(st *store.Store, cfg AdminConfig, now func() time.Time) *loginLimiter {
	return &loginLimiter{
		store: st,
		limits: store.LoginLimits{
			Pair:    store.LoginBucket{Burst: cfg.LoginAttempts, Period: cfg.LoginAttemptPeriod},
			Client:  store.LoginBucket{Burst: cfg.LoginAddressAttempts, Period: cfg.LoginAttemptPeriod},
			Account: store.LoginBucket{Burst: cfg.LoginAccountAttempts, Period: cfg.LoginAccountPeriod / time.Duration(cfg.LoginAccountAttempts)},
		},
		now: now,
	}
}

// loginAttempt is a reserved attempt: its tokens are taken until it is
// settled by succeeded or cancelled, or kept (a failure) by doing nothing.
type loginAttempt struct {
	l *loginLimiter
	a *store.LoginAttempt
}

// reserve takes the tokens of an attempt on account email from addr, or
// reports false, taking none, when one of the buckets is empty.
func (l *loginLimiter) reserve(ctx context.Context, email, addr string) (*loginAttempt, bool, error) {
	a, err := l.store.ReserveLogin(ctx, l.limits, email, clientAddr(addr), l.now())
	if err != nil {
		return nil, false, fmt.Errorf("web: sign-in limits: %w", err)
	}
	if a == nil {
		return nil, false, nil
	}
	return &loginAttempt{l: l, a: a}, true, nil
}

// cancel gives the tokens back: the password was not checked (no hashing
// slot, an internal error), so the attempt was no guess. It runs even when
// the request was cancelled meanwhile, since the tokens were taken anyway.
func (a *loginAttempt) cancel(ctx context.Context) error {
	if err := a.l.store.ReleaseLogin(context.WithoutCancel(ctx), a.a, a.l.now()); err != nil {
		return fmt.Errorf("web: give back sign-in tokens: %w", err)
	}
	return nil
}

// succeeded gives the tokens back, so that a right password costs
// nothing, and remembers the pair as the owner's.
func (a *loginAttempt) succeeded(ctx context.Context) error {
	if err := a.l.store.RememberLogin(context.WithoutCancel(ctx), a.a, a.l.now()); err != nil {
		return fmt.Errorf("web: remember sign-in: %w", err)
	}
	return nil
}
