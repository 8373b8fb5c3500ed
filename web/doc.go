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
//   - Failed access-code attempts are counted per client under a keyed hash
//     of its address (HMAC with a key drawn at start and never written
//     anywhere), so the address itself is never kept, and entries expire.
//     Valid submissions are never counted.
//   - Between the steps of the questionnaire, the browser holds only an
//     opaque random token (cookie scoped to /r/<slug>, HttpOnly,
//     SameSite=Lax, Secure behind TLS). The token names a short-lived
//     in-memory session that holds the access code (codes mode) or the
//     answers in progress (link mode). The code never travels in a cookie;
//     in codes mode the draft itself is saved by the store under the code's
//     hash, so an employee who leaves (or whose session expired, or whose
//     server restarted) resumes by typing the code again. In link mode
//     nothing is written to the database before the final submission.
package web
