package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// apiCodesRequest is the body of POST /api/v1/campaigns/:id/codes.
type apiCodesRequest struct {
	Count int    `json:"count"`
	Unit  string `json:"unit"` // "Direction A/Service 1", optional
}

// apiCodes generates codes and returns them, once: only their hashes are kept.
func (s *Server) apiCodes(c *gin.Context) {
	var req apiCodesRequest
	camp, ok := s.postedJSONCampaign(c, &req)
	if !ok {
		return
	}
	codes, err := s.generateCodes(c, camp, req.Count, req.Unit)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusCreated, gin.H{"codes": codes})
}
