package web

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// respondCode checks the access code typed on the welcome page and opens
// a session. A code with a draft saved in this browser resumes where the
// employee left; a draft saved in another browser cannot be read here:
// the employee is first asked whether to go on here, which erases it
// (erase=1), or to go back; only then is it erased, and the employee
// offered to start again (restart page).
// A valid, unused code always goes through; refused codes, unknown or
// used, are limited (code_limits.go): beyond the limits an unknown code is
// answered 429, and a used one as an unused one, with a decoy session.
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
	unit, err := s.store.CheckCode(c.Request.Context(), cv.ID, code)
	decoy := false
	switch {
	case err == nil:
	case codeRefused(err) && !s.mayTell(c, cv.ID, err):
		if !errors.Is(err, store.ErrCodeUsed) {
			fail(http.StatusTooManyRequests, tr(langOf(c), "code.toomany"))
			return
		}
		decoy = true
	case vigie.ErrorCode(err) == vigie.EFORBIDDEN || vigie.ErrorCode(err) == vigie.ENOTFOUND:
		fail(http.StatusForbidden, tr(langOf(c), "code.unknown"))
		return
	case vigie.ErrorCode(err) == vigie.ECONFLICT:
		// The session this browser had, if any: its submission may have
		// been interrupted by an outage.
		switch err := s.explainConflict(c.Request.Context(), cv.ID, err, s.currentSession(c, cv.ID)); err {
		case errAlreadySubmitted:
			fail(http.StatusConflict, tr(langOf(c), "code.used"))
		case errRecordedAfter:
			fail(http.StatusConflict, tr(langOf(c), "error.recorded.after"))
		default:
			s.htmlError(c, err) // the campaign closed meanwhile
		}
		return
	default:
		s.htmlError(c, err)
		return
	}
	key, err := browserDraftKey(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	// Whoever glimpsed a slip must not wipe its owner's answers unasked.
	// A decoy session is not asked: its code has served, and has no draft.
	if !decoy && c.PostForm("erase") != "1" {
		elsewhere, err := s.store.DraftElsewhere(c.Request.Context(), cv.ID, code, key)
		if err != nil {
			s.htmlError(c, err)
			return
		}
		if elsewhere {
			s.render(c, http.StatusOK, "elsewhere", &elsewherePage{Slug: cv.Slug, Code: c.PostForm("code")})
			return
		}
	}
	sess, err := s.newSession(c, cv, key)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	sess.code, sess.unit, sess.unitFixed, sess.decoy = code, unit, len(unit) > 0, decoy
	d, err := s.loadDraft(c.Request.Context(), sess, key)
	if errors.Is(err, errDraftLost) {
		c.Redirect(http.StatusSeeOther, "/r/"+cv.Slug+"/restart")
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	rs := &respondent{cv: cv, sess: sess, key: key, draft: d, steps: cv.steps(sess)}
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
	sess, err := s.newSession(c, cv, nil)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	rs := &respondent{cv: cv, sess: sess, draft: &draft{}, steps: cv.steps(sess)}
	c.Redirect(http.StatusSeeOther, rs.url(rs.steps[0].Key))
}

// newSession replaces the request's session, if any, with a new one, and
// gives the browser its token with key (the draft key, nil in link mode).
func (s *Server) newSession(c *gin.Context, cv *campaignView, key []byte) (*session, error) {
	if token, _ := sessionCookieParts(c); token != "" {
		s.sessions.remove(token)
	}
	sess, err := s.sessions.create(cv.ID)
	if err != nil {
		return nil, err
	}
	s.setSessionCookie(c, cv.Slug, sess, key)
	return sess, nil
}
