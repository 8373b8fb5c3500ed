package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie/scoring"
)

// apiPriorities answers the campaign's priorities (scoring.Priorities at
// the campaign's priority_share): published figures only, so a viewer of
// the campaign may read them as it reads the results. Before the closing
// the store refuses (409), as for results.
func (s *Server) apiPriorities(c *gin.Context) {
	id := c.Param("id")
	cr, err := s.store.CampaignResults(c.Request.Context(), id)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	ps := cr.Priorities()
	if ps == nil {
		ps = []scoring.Priority{} // [] rather than null: a list, possibly empty
	}
	s.audit(c, "priorities.export", id, "")
	c.JSON(http.StatusOK, gin.H{"priorities": ps})
}
