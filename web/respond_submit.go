package web

import (
	"errors"
	"fmt"
	"maps"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// respondSubmit stores the answers as one anonymous response. The session
// is locked for the whole request and the store refuses a used code, so
// a double submit (two clicks, back button, two tabs) stores one response.
func (s *Server) respondSubmit(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	if next := rs.next(); next != rs.url("review") {
		c.Redirect(http.StatusSeeOther, next)
		return
	}
	d := rs.draft
	a := &answerSet{Unit: d.Unit, Segments: d.Segments, Answers: map[string]map[string]int{}, Comments: d.Comments}
	for qid, answers := range d.Answers {
		a.Answers[qid] = maps.Clone(answers)
	}
	r, err := rs.cv.response(a, rs.sess.unit)
	if err == nil {
		err = s.store.SubmitResponse(c.Request.Context(), rs.cv.ID, rs.sess.code, r, s.now())
	}
	if err != nil {
		// A used code is told here even beyond the limits, decoys
		// included: for an unused code the answer would have been to
		// spend it, which its holder would see. It still counts.
		s.codeFailed(c, rs.cv.ID, err)
		if errors.Is(err, store.ErrCodeUsed) {
			s.sessions.remove(rs.sess.token) // and the code it held
		}
		if vigie.ErrorCode(err) == vigie.EINVALID {
			p := s.review(c, rs)
			p.Error = vigie.ErrorMessage(err)
			s.renderStep(c, http.StatusBadRequest, "review", p, rs.progress("review"))
			return
		}
		switch vigie.ErrorCode(err) {
		case vigie.ECONFLICT:
			err = s.explainConflict(c.Request.Context(), rs.cv.ID, err, rs.sess)
		case vigie.EINTERNAL:
			// An outage, or worse: the commit may have reached the
			// database and its acknowledgement been lost. The page says
			// so; should a retry find the code used, it says that this
			// submission most likely went through.
			rs.sess.interrupted.Store(true)
			err = fmt.Errorf("%w: %w", errSubmitUncertain, err)
		}
		s.htmlError(c, err)
		return
	}
	// The session stays, emptied, until it expires, so that a second
	// submit says the answers are already recorded.
	rs.sess.submitted = true
	rs.sess.code, rs.sess.draft = "", nil
	// The draft key has nothing left to open: the browser forgets it
	// when it closes, rather than keeping it for weeks.
	s.setSessionCookie(c, rs.cv.Slug, rs.sess, nil)
	c.Redirect(http.StatusSeeOther, "/r/"+rs.cv.Slug+"/thanks")
}

// respondThanks thanks the employee.
func (s *Server) respondThanks(c *gin.Context) {
	camp, err := s.store.CampaignBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		s.htmlError(c, err)
		return
	}
	s.useCampaignLanguages(c, camp)
	s.render(c, http.StatusOK, "thanks", &thanksPage{Title: camp.Title, Organisation: camp.Organisation, K: camp.MinGroupSize})
}

// thanksPage is the data of the last page.
type thanksPage struct {
	Title, Organisation string
	K                   int
}
