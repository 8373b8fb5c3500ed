package web

import (
	"net/http"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// maxLoginForm bounds the body of the sign-in and sign-out forms.
const maxLoginForm = 16 << 10

// loginPage is the data of the sign-in page.
type loginPage struct {
	Email string
	Next  string
	Error string
}

// errLoginThrottled is shown after too many failed attempts.
var errLoginThrottled = vigie.Errorf(vigie.ERATELIMIT,
	"Trop de tentatives de connexion échouées. Par sécurité, attendez une minute avant de réessayer.")

// msgLoginUnavailable is shown, with 503, when the sign-in limits cannot
// be read: the attempt is refused rather than let through unchecked.
const msgLoginUnavailable = "La connexion est momentanément indisponible. Réessayez dans un instant."

// loginForm shows the sign-in page, or goes straight to the back office
// when already signed in.
func (s *Server) loginForm(c *gin.Context) {
	if currentUser(c) != nil {
		c.Redirect(http.StatusSeeOther, safeNext(c.Query("next")))
		return
	}
	s.render(c, http.StatusOK, "login", &loginPage{Next: safeNext(c.Query("next"))})
}

// login checks an address and a password. The attempt is reserved in the
// sign-in limiter before the password is checked (ratelimit_login.go):
// per account and client address, per client address, and per account,
// all under keyed hashes in the database, shared by every instance. A
// guesser can neither hammer one account nor try many, nor lock the
// owner out from elsewhere.
func (s *Server) login(c *gin.Context) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	form := &loginPage{
		Email: strings.ToLower(strings.TrimSpace(c.PostForm("email"))),
		Next:  safeNext(c.PostForm("next")),
	}
	password := c.PostForm("password")
	addr := c.ClientIP()
	if len(form.Email) > 254 {
		form.Email = form.Email[:254]
	}
	ctx := c.Request.Context()
	attempt, ok, err := s.admin.logins.reserve(ctx, form.Email, addr)
	if err != nil {
		// Fail closed: without the limits, no password is checked.
		s.logger.Error("login: sign-in limits unavailable", "error", err.Error())
		form.Error = msgLoginUnavailable
		s.render(c, http.StatusServiceUnavailable, "login", form)
		return
	}
	if !ok {
		s.auditAs(c, form.Email, "login.throttled", "", "")
		form.Error = vigie.ErrorMessage(errLoginThrottled)
		s.render(c, http.StatusTooManyRequests, "login", form)
		return
	}
	user, err := s.store.Authenticate(ctx, form.Email, password)
	switch code := vigie.ErrorCode(err); {
	case code == vigie.EUNAUTHORIZED || code == vigie.EINVALID:
		// A failure: the attempt keeps its tokens.
		s.auditAs(c, form.Email, "login.failure", "", "")
		form.Error = "Adresse ou mot de passe incorrect."
		s.render(c, http.StatusUnauthorized, "login", form)
		return
	case code == vigie.EFORBIDDEN:
		// The right password of a disabled account: no failure.
		s.cancelAttempt(c, attempt)
		s.auditAs(c, form.Email, "login.disabled", "", "")
		form.Error = vigie.ErrorMessage(err)
		s.render(c, http.StatusForbidden, "login", form)
		return
	case code == vigie.ERATELIMIT:
		// Every hashing slot stayed busy: the password was not checked,
		// so the attempt is no failure. Operators should know.
		s.cancelAttempt(c, attempt)
		s.logger.Warn("login: password hashing saturated", "route", c.FullPath())
		form.Error = vigie.ErrorMessage(err)
		s.render(c, http.StatusTooManyRequests, "login", form)
		return
	case err != nil:
		s.cancelAttempt(c, attempt)
		s.htmlError(c, err)
		return
	}
	if err := attempt.succeeded(ctx); err != nil {
		// The password was right: the owner gets in. The attempt merely
		// keeps its tokens (it counts as a failure) and the pair is not
		// remembered.
		s.logger.Error("login", "error", err.Error())
	}
	// A new session token at every sign-in, so a token planted before
	// (session fixation) is worth nothing after.
	sctx := sessionCtx(c)
	if err := s.admin.sessions.RenewToken(sctx); err != nil {
		s.htmlError(c, err)
		return
	}
	s.admin.sessions.Put(sctx, sessionUserKey, user.ID)
	s.admin.sessions.Put(sctx, sessionGenKey, user.SessionGeneration)
	c.Set(ctxUser, user)
	s.audit(c, "login", "", string(user.Role))
	c.Redirect(http.StatusSeeOther, form.Next)
}

// cancelAttempt gives an attempt's tokens back; failing that, the attempt
// merely counts as a failure, which the log says.
func (s *Server) cancelAttempt(c *gin.Context, attempt *loginAttempt) {
	if err := attempt.cancel(c.Request.Context()); err != nil {
		s.logger.Error("login", "route", c.FullPath(), "error", err.Error())
	}
}

// logout ends the session. A request signed with an API token has no
// session loaded (tokens are not sessions): the cookie's session, if any,
// is loaded first, so that ending it works whatever signed the request.
func (s *Server) logout(c *gin.Context) {
	if currentUser(c) != nil {
		s.audit(c, "logout", "", "")
	}
	if err := s.loadSession(c); err != nil {
		s.htmlError(c, err)
		return
	}
	if err := s.admin.sessions.Destroy(sessionCtx(c)); err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/login")
}

// auditAs records an action by someone not (yet) signed in, such as a
// failed login, named by the address they typed (never the password).
// People often type their password in the address field: what does not
// look like an address (an "@", no space) is not kept.
func (s *Server) auditAs(c *gin.Context, who, action, target, detail string) {
	switch {
	case who == "":
		who = "(adresse vide)"
	case !strings.Contains(who, "@") || strings.ContainsFunc(who, unicode.IsSpace):
		who = "(adresse invalide)"
	}
	if err := s.store.Audit(c.Request.Context(), who, action, target, detail); err != nil {
		s.logger.Error("audit", "action", action, "error", err.Error())
	}
}
