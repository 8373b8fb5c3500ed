package web

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// apiCampaignArchive archives a closed campaign and answers it, now
// archived: 200 once the erasure has committed, with "rewrite": "pending"
// when the rewrite of the file that follows has not finished.
func (s *Server) apiCampaignArchive(c *gin.Context) {
	id := c.Param("id")
	if err := s.store.ArchiveCampaign(c.Request.Context(), id, s.now()); err != nil {
		s.jsonError(c, err)
		return
	}
	s.audit(c, "campaign.archive", id, "api")
	camp, err := s.store.Campaign(c.Request.Context(), id)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	a := s.apiCampaignOf(c, camp)
	a.Rewrite = s.rewriteHeader(c)
	c.JSON(http.StatusOK, a)
}

// rewriteHeader says, in the Vigie-Rewrite header of an erasure's answer,
// whether the rewrite of the file that follows it is still pending, and
// returns "pending" then, "" otherwise.
func (s *Server) rewriteHeader(c *gin.Context) string {
	if !s.store.Compaction().ErasurePending {
		return ""
	}
	c.Header("Vigie-Rewrite", "pending")
	return "pending"
}

// apiDeleteBody is the optional body of DELETE /api/v1/campaigns/{id}.
type apiDeleteBody struct {
	Confirm string `json:"confirm"` // the campaign's exact title; not needed for a draft
}

// apiCampaignDelete deletes a campaign: 204 once the deletion has
// committed, with the header Vigie-Rewrite: pending when the rewrite of
// the file that follows has not finished. A campaign past draft needs
// {"confirm": "its exact title"}.
func (s *Server) apiCampaignDelete(c *gin.Context) {
	var body apiDeleteBody
	data, err := readBody(c.Request.Body)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	if len(data) > 0 {
		if err := json.Unmarshal(data, &body); err != nil {
			s.jsonError(c, vigie.Errorf(vigie.EINVALID, `Le corps attendu est {"confirm": "titre exact de la campagne"}.`))
			return
		}
	}
	id := c.Param("id")
	camp, err := s.store.DeleteCampaign(c.Request.Context(), id, body.Confirm, s.now())
	if err != nil {
		s.jsonError(c, err)
		return
	}
	s.audit(c, "campaign.delete", id, "api, "+deletedDetail(camp))
	s.rewriteHeader(c)
	c.Status(http.StatusNoContent)
}
