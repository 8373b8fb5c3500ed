package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// commentPage is the data of a questionnaire's optional free-text question.
type commentPage struct {
	Action        string
	Questionnaire string
	Question      string
	Text          string
	Max           int
	Error         string
}

// respondComment shows the optional comment box of a questionnaire, with
// the warning not to write names.
func (s *Server) respondComment(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	st, ok := rs.step("comment/" + c.Param("qid"))
	if !ok {
		s.htmlError(c, errNotFound)
		return
	}
	s.renderComment(c, rs, st, http.StatusOK, rs.draft.Comments[st.Q.ID], "")
}

// respondCommentSave records the comment (an empty one is fine).
func (s *Server) respondCommentSave(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	st, ok := rs.step("comment/" + c.Param("qid"))
	if !ok {
		s.htmlError(c, errNotFound)
		return
	}
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	text := c.PostForm("comment")
	if err := checkComment("comment", text); err != nil {
		msg := tr(langOf(c), "comment.badchar")
		if utf8.RuneCountInString(text) > maxCommentRunes {
			msg = tr(langOf(c), "comment.toolong", grouped(langOf(c), maxCommentRunes))
		}
		s.renderComment(c, rs, st, http.StatusBadRequest, text, msg)
		return
	}
	if text = strings.TrimSpace(text); text == "" {
		delete(rs.draft.Comments, st.Q.ID)
	} else {
		rs.draft.Comments[st.Q.ID] = text
	}
	s.completeStep(c, rs, st.Key)
}

func (s *Server) renderComment(c *gin.Context, rs *respondent, st step, status int, text, msg string) {
	lang := langOf(c)
	p := &commentPage{
		Action:        rs.url(st.Key),
		Questionnaire: st.Q.Title.In(lang, st.Q.Language),
		Question:      st.Q.Comment.In(lang, st.Q.Language),
		Text:          text,
		Max:           maxCommentRunes,
		Error:         msg,
	}
	s.renderStep(c, status, "comment", p, rs.progress(st.Key))
}
