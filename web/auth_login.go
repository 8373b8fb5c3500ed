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
// all under keyed hashes kept in memory only. A guesser can neither
// hammer one account nor try many, nor lock the owner out from elsewhere.
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
	attempt, ok := s.admin.logins.reserve(form.Email, addr)
	if !ok {
		s.auditAs(c, form.Email, "login.throttled", "", "")
		form.Error = vigie.ErrorMessage(errLoginThrottled)
		s.render(c, http.StatusTooManyRequests, "login", form)
		return
	}
	user, err := s.store.Authenticate(c.Request.Context(), form.Email, password)
	switch code := vigie.ErrorCode(err); {
	case code == vigie.EUNAUTHORIZED || code == vigie.EINVALID:
		// A failure: the attempt keeps its tokens.
		s.auditAs(c, form.Email, "login.failure", "", "")
		form.Error = "Adresse ou mot de passe incorrect."
		s.render(c, http.StatusUnauthorized, "login", form)
		return
	case code == vigie.ERATELIMIT:
		// Every hashing slot stayed busy: the password was not checked,
		// so the attempt is no failure. Operators should know.
		attempt.cancel()
		s.logger.Warn("login: password hashing saturated", "route", c.FullPath())
		form.Error = vigie.ErrorMessage(err)
		s.render(c, http.StatusTooManyRequests, "login", form)
		return
	case err != nil:
		attempt.cancel()
		s.htmlError(c, err)
		return
	}
	attempt.succeeded()
	// A new session token at every sign-in, so a token planted before
	// (session fixation) is worth nothing after.
	ctx := sessionCtx(c)
	if err := s.admin.sessions.RenewToken(ctx); err != nil {
		s.htmlError(c, err)
		return
	}
	s.admin.sessions.Put(ctx, sessionUserKey, user.ID)
	s.admin.sessions.Put(ctx, sessionGenKey, user.SessionGeneration)
	c.Set(ctxUser, user)
	s.audit(c, "login", "", string(user.Role))
	c.Redirect(http.StatusSeeOther, form.Next)
}

// logout ends the session.
func (s *Server) logout(c *gin.Context) {
	if currentUser(c) != nil {
		s.audit(c, "logout", "", "")
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
