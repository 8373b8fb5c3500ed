package web

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// session is one employee's passage through a campaign's steps. It lives
// in memory only and is named by an opaque random token in a cookie; see
// doc.go for why the code is kept here rather than in the cookie.
type session struct {
	mu sync.Mutex // serialises the requests of one session (two tabs)

	token      string
	campaignID string
	code       string   // the access code, codes mode only
	unit       []string // the unit fixed by the code, if any
	unitFixed  bool
	draft      *draft // link mode and decoys: codes mode keeps it in the store
	saved      bool   // codes mode: this session saved a draft in the store
	// decoy marks a session opened, or kept, for a used code beyond the
	// limits (code_limits.go): it answers as for an unused code, with its
	// draft in memory, until the submission tells the truth.
	decoy     bool
	submitted bool
	expires   time.Time
	// interrupted: a submission of this session failed without a
	// verdict (an outage), and may have been recorded all the same; a
	// code found used afterwards most likely served it (explainConflict).
	// Atomic: the code page reads it without the session's lock.
	interrupted atomic.Bool
}

// sessionStore holds the live sessions, each expiring after ttl without
// use. A session holds its code (and, in link mode and for decoys, the
// answers so far): expired ones are forgotten by a sweep that runs every
// sessionSweepEvery while there are sessions, even when no request comes.
type sessionStore struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu      sync.Mutex
	byID    map[string]*session
	every   time.Duration // sessionSweepEvery; tests shorten it
	sweeper *time.Timer   // the next sweep, nil when there is no session
	closed  bool
}

// sessionSweepEvery is how often expired sessions are forgotten: a
// session outlives its expiry by this much at most.
const sessionSweepEvery = time.Minute

func newSessionStore(ttl time.Duration, max int, now func() time.Time) *sessionStore {
	return &sessionStore{ttl: ttl, max: max, now: now, byID: map[string]*session{}, every: sessionSweepEvery}
}

// errBusy is returned when too many sessions are open at once.
var errBusy = vigie.Errorf(vigie.ERATELIMIT, "Trop de personnes répondent en ce moment : réessayez dans quelques minutes.")

// create opens a session for campaignID.
func (ss *sessionStore) create(campaignID string) (*session, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	now := ss.now()
	sess := &session{
		token:      base64.RawURLEncoding.EncodeToString(b[:]),
		campaignID: campaignID,
		expires:    now.Add(ss.ttl),
	}
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if len(ss.byID) >= ss.max {
		ss.expire(now)
		if len(ss.byID) >= ss.max {
			return nil, errBusy
		}
	}
	ss.byID[sess.token] = sess
	if ss.sweeper == nil && !ss.closed {
		ss.sweeper = time.AfterFunc(ss.every, ss.sweep)
	}
	return sess, nil
}

// expire forgets the sessions expired at now. The caller holds ss.mu.
func (ss *sessionStore) expire(now time.Time) {
	for id, s := range ss.byID {
		if now.After(s.expires) {
			delete(ss.byID, id)
		}
	}
}

// sweep forgets the expired sessions and comes back while any is left.
func (ss *sessionStore) sweep() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.sweeper = nil
	ss.expire(ss.now())
	if len(ss.byID) > 0 && !ss.closed {
		ss.sweeper = time.AfterFunc(ss.every, ss.sweep)
	}
}

// close stops the sweeps and forgets every session.
func (ss *sessionStore) close() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.closed = true
	if ss.sweeper != nil {
		ss.sweeper.Stop()
		ss.sweeper = nil
	}
	clear(ss.byID)
}

// get returns the live session named token for campaignID, extending its
// life, or nil.
func (ss *sessionStore) get(token, campaignID string) *session {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	sess := ss.byID[token]
	if sess == nil {
		return nil
	}
	now := ss.now()
	if now.After(sess.expires) {
		delete(ss.byID, token)
		return nil
	}
	if sess.campaignID != campaignID {
		return nil
	}
	sess.expires = now.Add(ss.ttl)
	return sess
}

// remove forgets the session named token.
func (ss *sessionStore) remove(token string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.byID, token)
}

// sessionCookie is the name of the cookie holding the session token and,
// in codes mode, the browser's draft key: "<token>.<key>", both base64url.
const sessionCookie = "vigie_r"

// draftKeyLifetime is how long a browser keeps its draft key without
// coming back: longer than a campaign usually stays open, so that closing
// the browser does not lose the answers in progress. The drafts themselves
// go when the campaign closes.
const draftKeyLifetime = 60 * 24 * time.Hour

// setSessionCookie gives the browser the token of sess, scoped to the
// campaign's pages, with key, the draft key of codes mode. The key lives
// only there: the server reads it from each request and keeps it nowhere
// (not in the session, not in a log). A cookie with a key outlives the
// browser's session (draftKeyLifetime); one without stays a session cookie.
func (s *Server) setSessionCookie(c *gin.Context, slug string, sess *session, key []byte) {
	ck := &http.Cookie{
		Name: sessionCookie, Value: sess.token, Path: "/r/" + slug,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	}
	if key != nil {
		ck.Value += "." + base64.RawURLEncoding.EncodeToString(key)
		ck.MaxAge = int(draftKeyLifetime / time.Second)
	}
	http.SetCookie(c.Writer, ck)
}

// sessionCookieParts returns the token and the draft key (nil when absent
// or malformed) of the request's session cookie.
func sessionCookieParts(c *gin.Context) (token string, key []byte) {
	ck, err := c.Request.Cookie(sessionCookie)
	if err != nil {
		return "", nil
	}
	token, enc, _ := strings.Cut(ck.Value, ".")
	if k, err := base64.RawURLEncoding.DecodeString(enc); err == nil && len(k) == store.DraftKeySize {
		key = k
	}
	return token, key
}

// browserDraftKey returns the draft key of the request's browser, drawing
// a new one when it has none: the key follows the browser from session to
// session, so that typing the code again in the same browser resumes.
func browserDraftKey(c *gin.Context) ([]byte, error) {
	if _, key := sessionCookieParts(c); key != nil {
		return key, nil
	}
	key := make([]byte, store.DraftKeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("web: draw draft key: %w", err)
	}
	return key, nil
}

// currentSession returns the request's session for campaignID, or nil.
func (s *Server) currentSession(c *gin.Context, campaignID string) *session {
	token, _ := sessionCookieParts(c)
	if token == "" {
		return nil
	}
	return s.sessions.get(token, campaignID)
}

// len returns the number of sessions held (tests).
func (ss *sessionStore) len() int {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return len(ss.byID)
}
