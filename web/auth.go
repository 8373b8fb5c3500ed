package web

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/gin-gonic/gin"
	"github.com/vigie-sante/vigie/store"

	"github.com/vigie-sante/vigie"
)

// AdminConfig holds the settings of the back office (consultants and
// viewers): sessions, login rate limits and the public address used in
// code slips. Every field has a default.
type AdminConfig struct {
	// BaseURL is the public address of the server ("https://vigie.example.org"),
	// printed on code slips and returned by the API; when empty it is
	// built from the request's Host.
	BaseURL string
	// Mailer sends access codes and reminders by e-mail (invitations.go);
	// nil when no SMTP relay is configured, and those routes refuse.
	Mailer Mailer
	// IdleTimeout ends a back-office session after this long without a
	// request (default 30 min); Lifetime ends it anyway (default 12 h).
	IdleTimeout time.Duration
	Lifetime    time.Duration
	// Sign-in limits (ratelimit_login.go; docs/deploiement.md explains
	// them to operators). A password is checked only if a token is left
	// in all three buckets below; a wrong password keeps its tokens, a
	// right one gives them back, so only failures count.
	//
	// LoginAttempts failures are allowed at once per account and client
	// address together, then one more every LoginAttemptPeriod; defaults 5
	// and 1 min. This is the limit a guesser meets first; the account's
	// owner, at another address, never shares it.
	LoginAttempts      int
	LoginAttemptPeriod time.Duration
	// LoginAddressAttempts failures are allowed at once per client
	// address, all accounts together, then one more every
	// LoginAttemptPeriod; default 20: above LoginAttempts, since a whole
	// office may sign in from one address, but it stops a guesser trying
	// a few passwords on each of many accounts.
	LoginAddressAttempts int
	// LoginAccountAttempts failures are allowed per account, all addresses
	// together, refilled in full over LoginAccountPeriod; defaults 100 and
	// 1 h (one more every 36 s). A ceiling against guessers spread over
	// many addresses: at most about 2,400 guesses a day, nothing against a
	// 12-character password. It is high so that reaching it takes several
	// addresses at full speed, and an address the account signed in from
	// in the last 30 days skips it, so it cannot lock the owner out.
	LoginAccountAttempts int
	LoginAccountPeriod   time.Duration
}

// backOffice is the state of the consultants' and viewers' side.
type backOffice struct {
	cfg      AdminConfig
	sessions *scs.SessionManager
	sqlStore store.SessionStore
	logins   *loginLimiter // sign-in attempts (ratelimit_login.go)

	mu     sync.RWMutex      // written while routes are declared, then only read
	access map[string]access // "METHOD /pattern" -> access required
	prefix map[string]access // route patterns declared with every sub-route
}

// sessionCookieAdmin names the back-office session cookie; the employee's
// answering session has its own (vigie_r), scoped to /r/.
const sessionCookieAdmin = "vigie_s"

// Keys of a back-office session: the account id, and the account's
// session generation at sign-in (vigie.User.SessionGeneration).
const (
	sessionUserKey = "uid"
	sessionGenKey  = "gen"
)

// initBackOffice prepares sessions, limiters and the access table.
func (s *Server) initBackOffice(cfg AdminConfig) {
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.Lifetime <= 0 {
		cfg.Lifetime = 12 * time.Hour
	}
	if cfg.LoginAttempts <= 0 {
		cfg.LoginAttempts = 5
	}
	if cfg.LoginAttemptPeriod <= 0 {
		cfg.LoginAttemptPeriod = time.Minute
	}
	if cfg.LoginAddressAttempts <= 0 {
		cfg.LoginAddressAttempts = 20
	}
	if cfg.LoginAccountAttempts <= 0 {
		cfg.LoginAccountAttempts = 100
	}
	if cfg.LoginAccountPeriod <= 0 {
		cfg.LoginAccountPeriod = time.Hour
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	b := &backOffice{
		cfg:    cfg,
		logins: newLoginLimiter(s.store, cfg, s.now),
		access: map[string]access{},
		prefix: map[string]access{},
	}
	b.sqlStore = s.store.SessionStore()
	sm := scs.New()
	sm.Store = b.sqlStore
	sm.IdleTimeout = cfg.IdleTimeout
	sm.Lifetime = cfg.Lifetime
	sm.Cookie.Name = sessionCookieAdmin
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Path = "/"
	b.sessions = sm
	s.admin = b
}

// Close interrupts the sendings of invitations and reminders and waits
// for them (each records the outcome of the message it was sending), then
// stops the background cleanup of expired back-office sessions, answering
// sessions and limiter buckets, and forgets the latter two. Call it before
// closing the store. Calling it again does nothing.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.sendings.close()
		if s.admin != nil && s.admin.sqlStore != nil {
			s.admin.sqlStore.StopCleanup()
		}
		s.limits.close()
		s.sessions.close()
	})
}

// Keys of back-office values kept in the gin context.
const (
	ctxUser    = "vigie.user"    // *vigie.User, when signed in
	ctxSession = "vigie.session" // true when the session is loaded
)

// currentUser returns the signed-in account, or nil.
func currentUser(c *gin.Context) *vigie.User {
	u, _ := c.Get(ctxUser)
	user, _ := u.(*vigie.User)
	return user
}

// actor is how the audit log names the person behind a request.
func actor(c *gin.Context) string {
	if u := currentUser(c); u != nil {
		return u.Email
	}
	return "anonyme"
}

// audit records a back-office action; a failure to write it is logged
// and does not undo the action (which has already happened).
func (s *Server) audit(c *gin.Context, action, target, detail string) {
	if err := s.store.Audit(c.Request.Context(), actor(c), action, target, detail); err != nil {
		s.logger.Error("audit", "action", action, "error", err.Error())
	}
}

// loadSession loads the back-office session of the request (from the
// cookie) into its context, and arranges for it to be saved, with its
// cookie, before the answer's headers leave.
func (s *Server) loadSession(c *gin.Context) error {
	if c.GetBool(ctxSession) {
		return nil
	}
	sm := s.admin.sessions
	token := ""
	if ck, err := c.Request.Cookie(sm.Cookie.Name); err == nil {
		token = ck.Value
	}
	ctx, err := sm.Load(c.Request.Context(), token)
	if err != nil {
		return err
	}
	c.Request = c.Request.WithContext(ctx)
	c.Set(ctxSession, true)
	c.Writer = &sessionWriter{ResponseWriter: c.Writer, s: s, c: c}
	return nil
}

// sessionCtx is the context holding the loaded session.
func sessionCtx(c *gin.Context) context.Context { return c.Request.Context() }

// saveSession commits the session when it changed (an idle timeout makes
// every loaded session change: its expiry moves) and sets or clears the
// cookie. Secure when the server is configured so or the request came
// over TLS.
func (s *Server) saveSession(c *gin.Context, w http.ResponseWriter) {
	sm := s.admin.sessions
	ctx := sessionCtx(c)
	ck := &http.Cookie{
		Name: sm.Cookie.Name, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.secure || c.Request.TLS != nil,
	}
	switch sm.Status(ctx) {
	case scs.Modified:
		if sm.GetString(ctx, sessionUserKey) == "" && sm.Token(ctx) == "" {
			return // a fresh, empty session: no cookie for anonymous visitors
		}
		token, _, err := sm.Commit(ctx)
		if err != nil {
			s.logger.Error("commit session", "error", err.Error())
			return
		}
		ck.Value = token
	case scs.Destroyed:
		ck.MaxAge = -1
	default:
		return
	}
	w.Header().Add("Set-Cookie", ck.String())
	w.Header().Add("Vary", "Cookie")
}

// sessionWriter saves the session just before the first byte of the
// answer (headers included) is written.
type sessionWriter struct {
	gin.ResponseWriter
	s     *Server
	c     *gin.Context
	saved bool
}

func (w *sessionWriter) save() {
	if !w.saved {
		w.saved = true
		w.s.saveSession(w.c, w.ResponseWriter)
	}
}

func (w *sessionWriter) Write(b []byte) (int, error) {
	w.save()
	return w.ResponseWriter.Write(b)
}

func (w *sessionWriter) WriteString(str string) (int, error) {
	w.save()
	return w.ResponseWriter.WriteString(str)
}

func (w *sessionWriter) WriteHeaderNow() {
	w.save()
	w.ResponseWriter.WriteHeaderNow()
}

func (w *sessionWriter) Flush() {
	w.save()
	w.ResponseWriter.Flush()
}

// finishSession saves the session when the handler wrote nothing (a
// redirect, an empty answer): gin writes those headers after the chain.
func (s *Server) finishSession(c *gin.Context) {
	if w, ok := c.Writer.(*sessionWriter); ok {
		w.save()
	}
}

// identify finds who sends the request: an API token (Authorization:
// Bearer) or, failing that, the session cookie. It sets ctxUser; a bad
// token is an error (401), no credentials at all is not.
func (s *Server) identify(c *gin.Context) error {
	if h := c.GetHeader("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return vigie.Errorf(vigie.EUNAUTHORIZED, "En-tête Authorization invalide : utilisez « Bearer <jeton> ».")
		}
		u, err := s.store.TokenUser(c.Request.Context(), strings.TrimSpace(token))
		if err != nil {
			return err
		}
		c.Set(ctxUser, u)
		return nil
	}
	if err := s.loadSession(c); err != nil {
		return err
	}
	uid := s.admin.sessions.GetString(sessionCtx(c), sessionUserKey)
	if uid == "" {
		return nil
	}
	u, err := s.store.User(c.Request.Context(), uid)
	if vigie.ErrorCode(err) == vigie.ENOTFOUND {
		// The account was deleted: forget the session.
		return s.admin.sessions.Destroy(sessionCtx(c))
	} else if err != nil {
		return err
	}
	if u.Disabled {
		// Disabling ended the session already (generation); kept for
		// a session written back by a request in flight.
		return s.admin.sessions.Destroy(sessionCtx(c))
	}
	if s.admin.sessions.GetInt64(sessionCtx(c), sessionGenKey) != u.SessionGeneration {
		// The password changed after this session began (vigie user
		// password): it is over, whoever holds it.
		return s.admin.sessions.Destroy(sessionCtx(c))
	}
	c.Set(ctxUser, u)
	return nil
}

// canRead reports whether the signed-in account may read campaign id.
func (s *Server) canRead(c *gin.Context, id string) (bool, error) {
	return s.store.CanRead(c.Request.Context(), currentUser(c), id)
}

// baseURL is the public origin of the server, for slips and the API.
func (s *Server) baseURL(c *gin.Context) string {
	if s.admin.cfg.BaseURL != "" {
		return s.admin.cfg.BaseURL
	}
	scheme := "http"
	if s.secure || c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}

// respondentURL is the address employees open for campaign camp.
func (s *Server) respondentURL(c *gin.Context, camp *vigie.Campaign) string {
	return s.baseURL(c) + "/r/" + camp.Slug
}
