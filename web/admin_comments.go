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
	// A refused decision is shown again on its comment with its message,
	// as the consultant typed it.
	Action string // the radio to check; "" checks none
	Input  string // the textarea's text
	Error  string
}

// moderationInput is a decision the store refused, to show again.
type moderationInput struct {
	commentID, action, text, msg string
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
	s.renderComments(c, http.StatusOK, camp, nil)
}

// renderComments shows the moderation page; refused, when not nil, is
// shown again on its comment.
func (s *Server) renderComments(c *gin.Context, status int, camp *vigie.Campaign, refused *moderationInput) {
	p := &commentsPage{Nav: nav(c), C: camp}
	list, err := s.store.CommentsForModeration(c.Request.Context(), camp.ID, camp.CommentMinGroupSize)
	if vigie.ErrorCode(err) == vigie.ECONFLICT {
		p.Error = vigie.ErrorMessage(err)
		status = http.StatusConflict
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	for _, cm := range list {
		row := commentRow{
			ID: cm.ID, Questionnaire: cm.QuestionnaireID, Group: unitLabel(cm.Unit), Text: cm.Text,
			Original: cm.Original, Status: commentStatusLabel(cm.Status, cm.Redacted), Redacted: cm.Redacted,
			Input: cm.Text,
		}
		if refused != nil && refused.commentID == cm.ID {
			row.Action, row.Input, row.Error = refused.action, refused.text, refused.msg
		}
		p.Comments = append(p.Comments, row)
	}
	if refused != nil && p.Error == "" {
		// The list is shuffled again: say where to look.
		p.Error = "Une décision n'a pas été appliquée : voyez le message sur son commentaire ci-dessous."
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
	in := &moderationInput{commentID: c.Param("cid"), action: c.PostForm("action"), text: c.PostForm("text")}
	err = s.moderate(c, camp.ID, in.commentID, in.action, in.text)
	if vigie.ErrorCode(err) == vigie.EINVALID {
		in.msg = vigie.ErrorMessage(err)
		s.renderComments(c, http.StatusBadRequest, camp, in)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"/comments")
}
