package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Sign-in limits of the back office, kept in the database so that every
// instance sharing it counts the same attempts (web/ratelimit_login.go
// decides what they mean). An attempt takes one token from each of three
// buckets: the pair (account, client address), the client address, and
// the account, which a pair that signed in within KnownLoginTTL skips.
//
// Buckets and pairs are named by keyed hashes (HMAC-SHA-256 truncated to
// 16 bytes) under one random key kept in login_key, drawn on first use:
// it must be the same for every instance, so it cannot live in one
// instance's memory any more. Whoever holds the database therefore holds
// the key and can test a guessed address against the stored hashes; the
// rows expire to limit that (a bucket once full again, a known pair
// KnownLoginTTL after its last sign-in) and are swept at most once a
// minute by each instance.

// KnownLoginTTL is how long a successful sign-in lets its (account,
// address) pair skip the account's bucket.
const KnownLoginTTL = 30 * 24 * time.Hour

// loginSweepEvery is how often an instance deletes expired rows.
const loginSweepEvery = time.Minute

// LoginBucket is the shape of one kind of bucket: Burst tokens at most,
// one more every Period.
type LoginBucket struct {
	Burst  int
	Period time.Duration
}

// periodMS is the bucket's period in milliseconds, at least 1.
func (b LoginBucket) periodMS() int64 {
	return max(b.Period.Milliseconds(), 1)
}

// LoginLimits are the three kinds of buckets a sign-in attempt draws on.
type LoginLimits struct {
	Pair    LoginBucket // the account and the client address together
	Client  LoginBucket // the client address, all accounts together
	Account LoginBucket // the account, all addresses together
}

// LoginAttempt is a reservation made by ReserveLogin: its tokens stay
// taken (a failure) unless ReleaseLogin or RememberLogin gives them back.
type LoginAttempt struct {
	limits             LoginLimits
	pair, client, acct []byte // keyed hashes naming the buckets
	accountTaken       bool   // the pair was not known: the account's bucket was taken
}

// loginToken is one token of an attempt: the bucket's hash and its shape.
type loginToken struct {
	key []byte
	b   LoginBucket
}

// ReserveLogin takes one token from each bucket of a sign-in attempt on
// account from client (an address already reduced as the caller counts
// it, e.g. IPv6 by /64), all or none, in one transaction: however many
// attempts arrive at once, on however many instances, no more are let
// through than the buckets hold. It returns nil, and takes nothing, when
// a bucket is empty.
func (s *Store) ReserveLogin(ctx context.Context, limits LoginLimits, account, client string, now time.Time) (*LoginAttempt, error) {
	a := &LoginAttempt{limits: limits}
	fresh := make([]byte, 32)
	rand.Read(fresh) // never returns an error (crypto/rand since Go 1.24)
	sweep := s.loginSweepDue(now)
	ms := now.UnixMilli()
	var ok bool
	err := s.updateUncompacted(ctx, func(tx *sql.Tx) error {
		ok, a.accountTaken = false, false
		secret, err := loginSecret(ctx, tx, fresh)
		if err != nil {
			return err
		}
		a.pair = loginHash(secret, "pair", account, client)
		a.client = loginHash(secret, "client", client)
		a.acct = loginHash(secret, "account", account)
		if sweep {
			if err := sweepLogins(ctx, tx, ms); err != nil {
				return err
			}
		}
		known, err := loginKnown(ctx, tx, a.pair, ms)
		if err != nil {
			return err
		}
		// The pair first: a flood from one address on one account stops
		// there and never eats into the account's ceiling (all or none
		// are taken anyway).
		take := []loginToken{{a.pair, limits.Pair}, {a.client, limits.Client}}
		if !known {
			take = append(take, loginToken{a.acct, limits.Account})
		}
		fulls := make([]int64, len(take))
		for i, t := range take {
			full, err := bucketFull(ctx, tx, t.key, ms)
			if err != nil {
				return err
			}
			if full-ms > int64(t.b.Burst-1)*t.b.periodMS() {
				return nil // empty: nothing taken
			}
			fulls[i] = full
		}
		for i, t := range take {
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_buckets (hash, full_ms) VALUES (?, ?)
				ON CONFLICT (hash) DO UPDATE SET full_ms = excluded.full_ms`, t.key, fulls[i]+t.b.periodMS()); err != nil {
				return fmt.Errorf("store: take a sign-in token: %w", err)
			}
		}
		ok, a.accountTaken = true, !known
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: reserve sign-in attempt: %w", err)
	}
	if !ok {
		return nil, nil
	}
	return a, nil
}

// ReleaseLogin gives back the tokens of a: its password was not checked
// (no hashing slot, an internal error), so it was no guess.
func (s *Store) ReleaseLogin(ctx context.Context, a *LoginAttempt, now time.Time) error {
	err := s.updateUncompacted(ctx, func(tx *sql.Tx) error { return a.giveBack(ctx, tx, now.UnixMilli()) })
	if err != nil {
		return fmt.Errorf("store: release sign-in attempt: %w", err)
	}
	return nil
}

// RememberLogin gives back the tokens of a, whose password was right (a
// success costs nothing), and remembers its pair as the owner's for
// KnownLoginTTL.
func (s *Store) RememberLogin(ctx context.Context, a *LoginAttempt, now time.Time) error {
	ms := now.UnixMilli()
	err := s.updateUncompacted(ctx, func(tx *sql.Tx) error {
		if err := a.giveBack(ctx, tx, ms); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_known (pair, at_ms) VALUES (?, ?)
			ON CONFLICT (pair) DO UPDATE SET at_ms = excluded.at_ms`, a.pair, ms); err != nil {
			return fmt.Errorf("store: remember signed-in pair: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: remember sign-in: %w", err)
	}
	return nil
}

// giveBack returns one token to each bucket a took; a bucket full again
// is deleted.
func (a *LoginAttempt) giveBack(ctx context.Context, tx *sql.Tx, ms int64) error {
	gives := []loginToken{{a.pair, a.limits.Pair}, {a.client, a.limits.Client}}
	if a.accountTaken {
		gives = append(gives, loginToken{a.acct, a.limits.Account})
	}
	for _, g := range gives {
		if _, err := tx.ExecContext(ctx, `UPDATE login_buckets SET full_ms = full_ms - ? WHERE hash = ?`, g.b.periodMS(), g.key); err != nil {
			return fmt.Errorf("store: give back a sign-in token: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_buckets WHERE hash = ? AND full_ms <= ?`, g.key, ms); err != nil {
			return fmt.Errorf("store: delete a full sign-in bucket: %w", err)
		}
	}
	return nil
}

// loginSecret returns the database's sign-in key, storing fresh as the key
// when there is none yet (the first sign-in on this database).
func loginSecret(ctx context.Context, tx *sql.Tx, fresh []byte) ([]byte, error) {
	var secret []byte
	err := tx.QueryRowContext(ctx, `SELECT secret FROM login_key WHERE id = 1`).Scan(&secret)
	if err == nil {
		return secret, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: read the sign-in key: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO login_key (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING`, fresh); err != nil {
		return nil, fmt.Errorf("store: create the sign-in key: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT secret FROM login_key WHERE id = 1`).Scan(&secret); err != nil {
		return nil, fmt.Errorf("store: read the new sign-in key: %w", err)
	}
	return secret, nil
}

// loginHash is the keyed hash naming a bucket or a pair: kind keeps the
// three kinds of buckets apart, parts are joined by NUL (which neither an
// e-mail address nor an IP address contains).
func loginHash(secret []byte, kind string, parts ...string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(kind))
	for _, p := range parts {
		m.Write([]byte{0})
		m.Write([]byte(p))
	}
	return m.Sum(nil)[:16]
}

// bucketFull returns when the bucket of key is full again, ms when it
// already is (or has no row).
func bucketFull(ctx context.Context, tx *sql.Tx, key []byte, ms int64) (int64, error) {
	var full int64
	err := tx.QueryRowContext(ctx, `SELECT full_ms FROM login_buckets WHERE hash = ?`, key).Scan(&full)
	if errors.Is(err, sql.ErrNoRows) {
		return ms, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: read a sign-in bucket: %w", err)
	}
	return max(full, ms), nil
}

// loginKnown reports whether pair signed in successfully within
// KnownLoginTTL of ms.
func loginKnown(ctx context.Context, tx *sql.Tx, pair []byte, ms int64) (bool, error) {
	var at int64
	err := tx.QueryRowContext(ctx, `SELECT at_ms FROM login_known WHERE pair = ?`, pair).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: read a known sign-in pair: %w", err)
	}
	return ms-at < KnownLoginTTL.Milliseconds(), nil
}

// sweepLogins deletes the buckets full again and the pairs past
// KnownLoginTTL.
func sweepLogins(ctx context.Context, tx *sql.Tx, ms int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM login_buckets WHERE full_ms <= ?`, ms); err != nil {
		return fmt.Errorf("store: sweep sign-in buckets: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM login_known WHERE at_ms <= ?`, ms-KnownLoginTTL.Milliseconds()); err != nil {
		return fmt.Errorf("store: sweep known sign-in pairs: %w", err)
	}
	return nil
}

// loginSweepDue reports whether this instance should sweep the sign-in
// tables now (at most once per loginSweepEvery), and if so claims it.
func (s *Store) loginSweepDue(now time.Time) bool {
	last := s.loginSweep.Load()
	ms := now.UnixMilli()
	if ms-last < loginSweepEvery.Milliseconds() && ms >= last {
		return false
	}
	return s.loginSweep.CompareAndSwap(last, ms)
}
