package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie/reports"
)

// apiRegistre answers the campaign's entry in the record of processing.
func (s *Server) apiRegistre(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	p, err := s.processing(c, camp)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	s.audit(c, "registre.export", camp.ID, "")
	c.JSON(http.StatusOK, reports.NewRecord(p))
}
