package web

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
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
	draft      *draft // link mode only: codes mode keeps it in the store
	submitted  bool
	expires    time.Time
}

// sessionStore holds the live sessions, each expiring after ttl without use.
type sessionStore struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu        sync.Mutex
	byID      map[string]*session
	lastSweep time.Time
}

func newSessionStore(ttl time.Duration, max int, now func() time.Time) *sessionStore {
	return &sessionStore{ttl: ttl, max: max, now: now, byID: map[string]*session{}}
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
	if len(ss.byID) >= ss.max || now.Sub(ss.lastSweep) > time.Minute {
		ss.lastSweep = now
		for id, s := range ss.byID {
			if now.After(s.expires) {
				delete(ss.byID, id)
			}
		}
		if len(ss.byID) >= ss.max {
			return nil, errBusy
		}
	}
	ss.byID[sess.token] = sess
	return sess, nil
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

// sessionCookie is the name of the cookie holding the session token.
const sessionCookie = "vigie_r"

// setSessionCookie gives the browser the token of sess, scoped to the
// campaign's pages.
func (s *Server) setSessionCookie(c *gin.Context, slug string, sess *session) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: sessionCookie, Value: sess.token, Path: "/r/" + slug,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	})
}

// clearSessionCookie removes the session cookie.
func (s *Server) clearSessionCookie(c *gin.Context, slug string) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/r/" + slug, MaxAge: -1,
		HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode,
	})
}

// currentSession returns the request's session for campaignID, or nil.
func (s *Server) currentSession(c *gin.Context, campaignID string) *session {
	ck, err := c.Request.Cookie(sessionCookie)
	if err != nil || ck.Value == "" {
		return nil
	}
	return s.sessions.get(ck.Value, campaignID)
}
