package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// adminCampaignOpen opens a draft campaign to answers.
func (s *Server) adminCampaignOpen(c *gin.Context) {
	id := c.Param("id")
	if err := s.store.OpenCampaign(c.Request.Context(), id, s.now()); err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "campaign.open", id, "")
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+id)
}

// adminCampaignClose closes an open campaign.
func (s *Server) adminCampaignClose(c *gin.Context) {
	id := c.Param("id")
	if err := s.store.CloseCampaign(c.Request.Context(), id, s.now()); err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "campaign.close", id, "")
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+id)
}
