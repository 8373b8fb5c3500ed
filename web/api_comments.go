package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// apiComment is a comment as moderation sees it: a random id, a group, no
// date.
type apiComment struct {
	ID            string              `json:"id"`
	Questionnaire string              `json:"questionnaire"`
	Unit          []string            `json:"unit"`
	Text          string              `json:"text"`
	Original      string              `json:"original"`
	Status        vigie.CommentStatus `json:"status"`
	Redacted      bool                `json:"redacted"`
	// Hints are the words that may identify someone (vigie.IdentifyingHints):
	// a reading aid, as on the moderation page.
	Hints []apiHint `json:"hints"`
}

// apiHint is one flagged word of a comment and why.
type apiHint struct {
	Kind vigie.HintKind `json:"kind"` // title, name, month or date
	Word string         `json:"word"`
}

// apiComments lists the comments of a closed campaign to moderate.
func (s *Server) apiComments(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	list, err := s.store.CommentsForModeration(c.Request.Context(), camp.ID, camp.CommentMinGroupSize)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	out := make([]apiComment, 0, len(list))
	for _, cm := range list {
		unit := cm.Unit
		if unit == nil {
			unit = []string{}
		}
		out = append(out, apiComment{ID: cm.ID, Questionnaire: cm.QuestionnaireID, Unit: unit, Text: cm.Text,
			Original: cm.Original, Status: cm.Status, Redacted: cm.Redacted, Hints: []apiHint{}})
		for _, h := range vigie.IdentifyingHints(cm.Original) {
			out[len(out)-1].Hints = append(out[len(out)-1].Hints, apiHint{Kind: h.Kind, Word: h.Word})
		}
	}
	c.JSON(http.StatusOK, gin.H{"comments": out})
}

// apiModerationRequest is the body of POST /api/v1/campaigns/:id/comments/:cid.
type apiModerationRequest struct {
	Action string `json:"action"` // publish, redact or reject
	Text   string `json:"text"`   // the redacted text, for redact
}

// apiCommentModerate publishes, redacts or rejects one comment.
func (s *Server) apiCommentModerate(c *gin.Context) {
	var req apiModerationRequest
	if err := decodeJSON(c.Request.Body, &req); err != nil {
		s.jsonError(c, err)
		return
	}
	if err := s.moderate(c, c.Param("id"), c.Param("cid"), req.Action, req.Text); err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}
