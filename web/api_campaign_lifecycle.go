package web

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// apiCampaignArchive archives a closed campaign and answers it, now
// archived.
func (s *Server) apiCampaignArchive(c *gin.Context) {
	s.apiCampaignState(c, "campaign.archive", s.store.ArchiveCampaign)
}

// apiDeleteBody is the optional body of DELETE /api/v1/campaigns/{id}.
type apiDeleteBody struct {
	Confirm string `json:"confirm"` // the campaign's exact title; not needed for a draft
}

// apiCampaignDelete deletes a campaign: 204. A campaign past draft needs
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
	c.Status(http.StatusNoContent)
}
