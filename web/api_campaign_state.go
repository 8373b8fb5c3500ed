package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// apiCampaignState applies a change of state and answers the campaign.
func (s *Server) apiCampaignState(c *gin.Context, action string, change func(context.Context, string, time.Time) error) {
	id := c.Param("id")
	if err := change(c.Request.Context(), id, s.now()); err != nil {
		s.jsonError(c, err)
		return
	}
	s.audit(c, action, id, "api")
	camp, err := s.store.Campaign(c.Request.Context(), id)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusOK, s.apiCampaignOf(c, camp))
}
