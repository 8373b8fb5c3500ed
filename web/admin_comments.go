package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// commentsPage is the moderation page of a closed campaign.
type commentsPage struct {
	Nav      adminNav
	C        *vigie.Campaign
	Comments []commentRow
	Error    string
}

// commentRow is one comment to moderate. It carries no date and comes in
// a random order: nothing hints at who wrote it or when.
type commentRow struct {
	ID            string
	Questionnaire string
	Group         string
	Text          string
	Original      string
	Status        string
	Redacted      bool
}

// commentStatusLabel names a moderation state in French.
func commentStatusLabel(st vigie.CommentStatus, redacted bool) string {
	switch {
	case st == vigie.CommentPublished && redacted:
		return "publié (caviardé)"
	case st == vigie.CommentPublished:
		return "publié"
	case st == vigie.CommentRejected:
		return "rejeté"
	}
	return "à modérer"
}

// adminComments lists the comments of a closed campaign whose group
// reaches the comment threshold, shuffled, without dates.
func (s *Server) adminComments(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	s.renderComments(c, http.StatusOK, camp, "")
}

func (s *Server) renderComments(c *gin.Context, status int, camp *vigie.Campaign, msg string) {
	p := &commentsPage{Nav: nav(c), C: camp, Error: msg}
	list, err := s.store.CommentsForModeration(c.Request.Context(), camp.ID, camp.CommentMinGroupSize)
	if vigie.ErrorCode(err) == vigie.ECONFLICT {
		p.Error = vigie.ErrorMessage(err)
		status = http.StatusConflict
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	for _, cm := range list {
		p.Comments = append(p.Comments, commentRow{
			ID: cm.ID, Questionnaire: cm.QuestionnaireID, Group: unitLabel(cm.Unit), Text: cm.Text,
			Original: cm.Original, Status: commentStatusLabel(cm.Status, cm.Redacted), Redacted: cm.Redacted,
		})
	}
	s.render(c, status, "admin_comments", p)
}

// moderate applies a decision to a comment and logs it (the comment's
// random id, never its text).
func (s *Server) moderate(c *gin.Context, campaignID, commentID, action, text string) error {
	if err := s.store.ModerateComment(c.Request.Context(), campaignID, commentID, action, text); err != nil {
		return err
	}
	s.audit(c, "comment."+action, campaignID, commentID)
	return nil
}

// adminCommentModerate handles one moderation form.
func (s *Server) adminCommentModerate(c *gin.Context) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	err = s.moderate(c, camp.ID, c.Param("cid"), c.PostForm("action"), c.PostForm("text"))
	if vigie.ErrorCode(err) == vigie.EINVALID {
		s.renderComments(c, http.StatusBadRequest, camp, vigie.ErrorMessage(err))
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"/comments")
}
