package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// accountPage is the page where anyone signed in changes their own
// password.
type accountPage struct {
	Nav    adminNav
	Role   string
	Error  string
	Notice string
}

// adminAccount shows the signed-in account and its password form.
func (s *Server) adminAccount(c *gin.Context) {
	s.render(c, http.StatusOK, "admin_account", &accountPage{Nav: nav(c), Role: roleLabel(currentUser(c).Role)})
}

// adminAccountPassword changes the signed-in account's own password. The
// current password is required, and attempts are limited by the sign-in
// limits (a stolen session must not become a way to guess the password);
// every other session of the account ends, this browser's goes on.
func (s *Server) adminAccountPassword(c *gin.Context) {
	u := currentUser(c)
	p := &accountPage{Nav: nav(c), Role: roleLabel(u.Role)}
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	current, next := c.PostForm("current"), c.PostForm("password")
	if next != c.PostForm("confirm") {
		p.Error = "Les deux saisies du nouveau mot de passe diffèrent : rien n'a été changé."
		s.render(c, http.StatusBadRequest, "admin_account", p)
		return
	}
	ctx := c.Request.Context()
	attempt, ok, err := s.admin.logins.reserve(ctx, u.Email, c.ClientIP())
	if err != nil {
		s.logger.Error("password change: sign-in limits unavailable", "error", err.Error())
		p.Error = msgLoginUnavailable
		s.render(c, http.StatusServiceUnavailable, "admin_account", p)
		return
	}
	if !ok {
		s.audit(c, "password.throttled", "", "")
		p.Error = vigie.ErrorMessage(errLoginThrottled)
		s.render(c, http.StatusTooManyRequests, "admin_account", p)
		return
	}
	revoked, err := s.store.ChangePassword(ctx, u.ID, current, next)
	switch code := vigie.ErrorCode(err); {
	case code == vigie.EUNAUTHORIZED:
		s.audit(c, "password.failure", "", "")
		p.Error = vigie.ErrorMessage(err) + " Rien n'a été changé."
		// 400, not 401: the account is signed in; the form is wrong.
		s.render(c, http.StatusBadRequest, "admin_account", p)
		return
	case code == vigie.EINVALID || code == vigie.ERATELIMIT:
		s.cancelAttempt(c, attempt)
		p.Error = vigie.ErrorMessage(err)
		s.render(c, errorStatus(code), "admin_account", p)
		return
	case err != nil:
		s.cancelAttempt(c, attempt)
		s.htmlError(c, err)
		return
	}
	s.cancelAttempt(c, attempt)
	// Every session ended with the change; this browser's goes on, under
	// a new token and the new generation.
	fresh, err := s.store.User(ctx, u.ID)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	sctx := sessionCtx(c)
	if err := s.admin.sessions.RenewToken(sctx); err != nil {
		s.htmlError(c, err)
		return
	}
	s.admin.sessions.Put(sctx, sessionGenKey, fresh.SessionGeneration)
	s.audit(c, "password.change", "", plural(revoked, "jeton d'API révoqué", "jetons d'API révoqués"))
	p.Notice = "Votre mot de passe a été changé. Vos autres sessions sont fermées"
	if revoked > 0 {
		p.Notice += " et " + plural(revoked, "jeton d'API a été révoqué", "jetons d'API ont été révoqués")
	}
	p.Notice += "."
	s.render(c, http.StatusOK, "admin_account", p)
}
