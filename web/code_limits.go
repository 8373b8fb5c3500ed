package web

import (
	"errors"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// codeLimits decide how refused access codes are answered. They refuse
// failures, not people:
//
//   - A valid, unused code always goes through, whatever its address did
//     before: a whole office may answer from behind one address, and one
//     person's typos must not lock out their colleagues. Checking a valid
//     code gives nothing to whoever holds it; the codes' 60 bits are what
//     stop guessing.
//   - An unknown code takes a token from the client address's bucket
//     (client: 10 at once, then one every 30 s) and is answered 429 when
//     none is left, without telling whether the code exists.
//   - A used code is the oracle of a poller who holds codes (the
//     consultant sees them all at creation): "used" tells that its holder
//     has answered, and polling tells when. It is told as such only with a
//     token from the address's bucket and one from the campaign's (used:
//     30 at once, then one every 5 min, all addresses together, so that
//     many addresses buy nothing). Beyond, a 429 would tell "used" just as
//     well to someone who knows the code is valid, so the welcome page
//     answers as it does for an unused code, and the session that follows
//     keeps its draft in memory (a decoy) until the submission, which
//     tells the truth; the API, whose only answer to an unused code is to
//     spend it, answers 429. A decoy makes the store calls a real session
//     makes, but its saves write nothing, a few milliseconds less: told
//     in docs/anonymat.md.
//   - Paper entries are typed by back-office accounts: a refused entry
//     (unknown sheet, sheet used, entries that differ, correction refused)
//     takes a token from the account's bucket (client, 10 then one every
//     30 s) and from the campaign's (paper: 30 then one a minute, all
//     accounts together, since a consultant can create accounts), and an
//     account or a campaign without tokens gets 429 for every entry. Every
//     mismatch counts, since a second entry on a sheet used online is one
//     (store.PaperResult): were only those counted, the first 429 would
//     tell which sheets had served. Each refusal goes to the audit log,
//     and the 429s, one a minute (paper_limits.go).
type codeLimits struct {
	client *failLimiter // per client address (web, API) and per data-entry account (paper)
	used   *failLimiter // per campaign: used codes told as such (web, API)
	paper  *failLimiter // per campaign: refused paper entries
	notes  *failLimiter // per account: 429s written to the audit log, one a minute
}

// newCodeLimits builds the limits of cfg, with the defaults above.
func newCodeLimits(cfg Config, now func() time.Time) codeLimits {
	or := func(n, def int) int {
		if n <= 0 {
			return def
		}
		return n
	}
	orDur := func(d, def time.Duration) time.Duration {
		if d <= 0 {
			return def
		}
		return d
	}
	return codeLimits{
		client: newFailLimiter(or(cfg.CodeAttempts, 10), orDur(cfg.CodeAttemptPeriod, 30*time.Second), now),
		used:   newFailLimiter(or(cfg.UsedCodeAnswers, 30), orDur(cfg.UsedCodePeriod, 5*time.Minute), now),
		paper:  newFailLimiter(or(cfg.PaperRefusals, 30), orDur(cfg.PaperRefusalPeriod, time.Minute), now),
		notes:  newFailLimiter(1, time.Minute, now),
	}
}

// close stops the limiters' sweeps and forgets their buckets.
func (l codeLimits) close() {
	l.client.Close()
	l.used.Close()
	l.paper.Close()
	l.notes.Close()
}

// Answers once a limit is reached.
var (
	errTooManyAttempts = vigie.Errorf(vigie.ERATELIMIT, "Trop de codes erronés ont été essayés depuis votre connexion : attendez quelques minutes avant de réessayer.")
	errPaperLimited    = vigie.Errorf(vigie.ERATELIMIT, "Trop de saisies refusées (numéros inconnus ou déjà enregistrés, saisies différentes) : attendez quelques minutes avant de reprendre.")
)

// codeRefused reports whether err refuses the code itself: unknown (or
// malformed) or used. Other errors (a closed campaign, invalid answers, a
// code fixing another unit) say nothing about the code and cost nothing.
func codeRefused(err error) bool {
	code := vigie.ErrorCode(err)
	return code == vigie.EFORBIDDEN || code == vigie.ENOTFOUND || errors.Is(err, store.ErrCodeUsed)
}

// mayTell reports whether the refusal err of a code (codeRefused) may be
// told as such to the request's client, taking the tokens it costs. When
// it may not, an unknown code is answered 429, and a used one 429 (API)
// or as an unused one (welcome page, open session).
func (s *Server) mayTell(c *gin.Context, campaignID string, err error) bool {
	addr := addrID(c.ClientIP())
	if !errors.Is(err, store.ErrCodeUsed) {
		return s.limits.client.Take(addr)
	}
	if !s.limits.client.Allow(addr) || !s.limits.used.Take(campaignID) {
		return false
	}
	s.limits.client.Fail(addr)
	return true
}

// codeFailed counts a refused code that is told anyway (a submission,
// whose answer to an unused code would have been to spend it), so that
// the next refusals are limited.
func (s *Server) codeFailed(c *gin.Context, campaignID string, err error) {
	if codeRefused(err) {
		s.mayTell(c, campaignID, err)
	}
}
