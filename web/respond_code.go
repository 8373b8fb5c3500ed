package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// respondCode checks the access code typed on the welcome page and opens
// a session. A code with a saved draft resumes where the employee left.
// Refused codes count against the client (rate limit, see ratelimit.go).
func (s *Server) respondCode(c *gin.Context) {
	cv, err := s.campaignBySlug(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	if cv.Access == vigie.AccessLink {
		c.Redirect(http.StatusSeeOther, "/r/"+cv.Slug)
		return
	}
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	code := store.NormaliseCode(c.PostForm("code"))
	fail := func(status int, msg string) {
		p := s.welcome(c, cv)
		p.Code, p.Error = c.PostForm("code"), msg
		s.render(c, status, "welcome", p)
	}
	if code == "" {
		fail(http.StatusBadRequest, tr(langOf(c), "code.missing"))
		return
	}
	if !s.limiter.Allow(c.ClientIP()) {
		fail(http.StatusTooManyRequests, tr(langOf(c), "code.toomany"))
		return
	}
	unit, err := s.store.CheckCode(c.Request.Context(), cv.ID, code)
	if err != nil {
		s.codeFailed(c, err)
		switch vigie.ErrorCode(err) {
		case vigie.EFORBIDDEN, vigie.ENOTFOUND:
			fail(http.StatusForbidden, tr(langOf(c), "code.unknown"))
		case vigie.ECONFLICT:
			if err := s.explainConflict(c.Request.Context(), cv.ID, err); err != errAlreadySubmitted {
				s.htmlError(c, err) // the campaign closed meanwhile
				return
			}
			fail(http.StatusConflict, tr(langOf(c), "code.used"))
		default:
			s.htmlError(c, err)
		}
		return
	}
	sess, err := s.newSession(c, cv)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	sess.code, sess.unit, sess.unitFixed = code, unit, len(unit) > 0
	d, err := s.loadDraft(c.Request.Context(), sess)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	rs := &respondent{cv: cv, sess: sess, draft: d, steps: cv.steps(sess)}
	c.Redirect(http.StatusSeeOther, rs.next())
}

// respondStart opens a session in link mode, where no code is asked.
func (s *Server) respondStart(c *gin.Context) {
	cv, err := s.campaignBySlug(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	if cv.Access != vigie.AccessLink {
		c.Redirect(http.StatusSeeOther, "/r/"+cv.Slug)
		return
	}
	sess, err := s.newSession(c, cv)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	rs := &respondent{cv: cv, sess: sess, draft: &draft{}, steps: cv.steps(sess)}
	c.Redirect(http.StatusSeeOther, rs.url(rs.steps[0].Key))
}

// newSession replaces the request's session, if any, with a new one.
func (s *Server) newSession(c *gin.Context, cv *campaignView) (*session, error) {
	if ck, err := c.Request.Cookie(sessionCookie); err == nil {
		s.sessions.remove(ck.Value)
	}
	sess, err := s.sessions.create(cv.ID)
	if err != nil {
		return nil, err
	}
	s.setSessionCookie(c, cv.Slug, sess)
	return sess, nil
}
