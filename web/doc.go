// Package web is Vigie's HTTP server: the employee's answering path under
// /r/<slug>, the JSON submission API under /api/v1, and (later) the
// consultant's back office. All handlers are methods on *Server and every
// route is declared in routes.go.
//
// Anonymity decisions that live here:
//
//   - Request logs carry the method, the route pattern, the status and the
//     latency only: no address, user agent, query string or referrer; and
//     a respondent's requests (/r/..., the API submission) leave no line
//     unless the server failed (5xx), since a line's time would date the
//     answer.
//   - Refused access codes, unknown or used, are limited per client under
//     a keyed hash of its address (HMAC with a key drawn at start and
//     never written anywhere), so the address itself is never kept, and
//     entries expire; used codes also per campaign, so that whoever holds
//     many codes cannot poll which have served, from however many
//     addresses; paper entries per account and campaign. A valid, unused
//     code always goes through. See code_limits.go.
//   - Between the steps of the questionnaire, the browser holds only an
//     opaque random token (cookie scoped to /r/<slug>, HttpOnly,
//     SameSite=Lax, Secure behind TLS). The token names a short-lived
//     in-memory session that holds the access code (codes mode) or the
//     answers in progress (link mode). The code never travels in a cookie;
//     in codes mode the draft itself is saved by the store under the code's
//     hash, sealed with a random key that the same cookie carries next to
//     the token and that the server reads per request and keeps nowhere.
//     An employee who leaves (or whose session expired, or whose server
//     restarted) resumes by typing the code again in the same browser; in
//     another browser the draft cannot be opened, is erased, and the
//     restart page offers to start again. In link mode nothing is written
//     to the database before the final submission.
//   - Several instances on one PostgreSQL database share everything but
//     that memory: the answering sessions, the failed code attempts and
//     a second's cache of open campaigns (campaign_cache.go). The load
//     balancer must therefore send one employee's /r/ requests to the same
//     instance (cookie or address affinity). An employee sent to another
//     instance meanwhile is told the session expired: in codes mode,
//     typing the code again there resumes from the draft; in link mode
//     the answers in progress are lost and the page says so. Address
//     affinity also keeps the code-attempt limit what it is configured
//     to be: spread over n instances, a client would get n times as many
//     attempts. The per-campaign ceilings are per instance whatever the
//     affinity.
package web
