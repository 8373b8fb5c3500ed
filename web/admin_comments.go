package web

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// commentsPage is the moderation page of a closed campaign.
type commentsPage struct {
	Nav      adminNav
	C        *vigie.Campaign
	Comments []commentRow
	Error    string
	Notice   string
	Filter   commentFilter
	// Choices of the filter form.
	Questionnaires []questionnaireChoice
	Total          int // comments before filtering
}

// commentFilter narrows the moderation list: a status ("pending",
// "published", "rejected") and a questionnaire id, "" for all.
type commentFilter struct {
	Status, Questionnaire string
}

// commentFilterOf reads the filter from the query or the posted form (the
// moderation forms carry it, so a decision keeps the list as it was).
func commentFilterOf(c *gin.Context) commentFilter {
	f := commentFilter{Status: c.Query("status"), Questionnaire: c.Query("qid")}
	if c.Request.Method == http.MethodPost {
		f = commentFilter{Status: c.PostForm("status"), Questionnaire: c.PostForm("qid")}
	}
	switch f.Status {
	case "pending", "published", "rejected":
	default:
		f.Status = ""
	}
	return f
}

// keeps reports whether a comment passes the filter.
func (f commentFilter) keeps(cm vigie.Comment) bool {
	if f.Questionnaire != "" && cm.QuestionnaireID != f.Questionnaire {
		return false
	}
	switch f.Status {
	case "pending":
		return cm.Status != vigie.CommentPublished && cm.Status != vigie.CommentRejected
	case "published":
		return cm.Status == vigie.CommentPublished
	case "rejected":
		return cm.Status == vigie.CommentRejected
	}
	return true
}

// query is the filter as a query string ("" or "?status=...&qid=...").
func (f commentFilter) query() string {
	v := url.Values{}
	if f.Status != "" {
		v.Set("status", f.Status)
	}
	if f.Questionnaire != "" {
		v.Set("qid", f.Questionnaire)
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
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
	s.renderCommentsPage(c, status, camp, refused, "")
}

// renderCommentsError shows the moderation page with msg at the top.
func (s *Server) renderCommentsError(c *gin.Context, status int, camp *vigie.Campaign, msg string) {
	s.renderCommentsPage(c, status, camp, nil, msg)
}

func (s *Server) renderCommentsPage(c *gin.Context, status int, camp *vigie.Campaign, refused *moderationInput, msg string) {
	p := &commentsPage{Nav: nav(c), C: camp, Filter: commentFilterOf(c), Error: msg}
	for _, id := range camp.Questionnaires {
		title := id
		if q, err := s.store.Questionnaire(c.Request.Context(), id); err == nil {
			title = q.Title.In("fr", q.Language)
		}
		p.Questionnaires = append(p.Questionnaires, questionnaireChoice{ID: id, Title: title})
	}
	list, err := s.store.CommentsForModeration(c.Request.Context(), camp.ID, camp.CommentMinGroupSize)
	if vigie.ErrorCode(err) == vigie.ECONFLICT {
		p.Error = vigie.ErrorMessage(err)
		status = http.StatusConflict
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	p.Total = len(list)
	for _, cm := range list {
		if !p.Filter.keeps(cm) {
			continue
		}
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
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	in := &moderationInput{commentID: c.Param("cid"), action: c.PostForm("action"), text: c.PostForm("text")}
	err := s.moderate(c, camp.ID, in.commentID, in.action, in.text)
	if vigie.ErrorCode(err) == vigie.EINVALID {
		in.msg = vigie.ErrorMessage(err)
		s.renderComments(c, http.StatusBadRequest, camp, in)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"/comments"+commentFilterOf(c).query())
}

// adminCommentsBulk publishes or rejects, as they are, every comment
// selected on the moderation page. Redacting needs a text per comment and
// stays one at a time.
func (s *Server) adminCommentsBulk(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	action, ids := c.PostForm("action"), c.PostFormArray("cid")
	var msg string
	switch {
	case action != "publish" && action != "reject":
		msg = "Choisissez « Publier la sélection telle quelle » ou « Rejeter la sélection »."
	case len(ids) == 0:
		msg = "Aucun commentaire sélectionné : cochez « Sélectionner » sur les commentaires à traiter."
	}
	if msg != "" {
		s.renderCommentsError(c, http.StatusBadRequest, camp, msg)
		return
	}
	// All or none: a refused id (already decided elsewhere, unknown) leaves
	// the whole selection as it was, with its message.
	if err := s.store.ModerateComments(c.Request.Context(), camp.ID, ids, action); vigie.ErrorCode(err) == vigie.EINVALID || vigie.ErrorCode(err) == vigie.ENOTFOUND {
		s.renderCommentsError(c, http.StatusBadRequest, camp, vigie.ErrorMessage(err))
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	for _, id := range ids {
		s.audit(c, "comment."+action, camp.ID, id)
	}
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"/comments"+commentFilterOf(c).query())
}
