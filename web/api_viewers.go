package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// apiViewerRequest is the body of POST /api/v1/campaigns/:id/viewers.
type apiViewerRequest struct {
	Email string `json:"email"`
}

// apiViewerGrant lets an existing viewer account read the campaign.
func (s *Server) apiViewerGrant(c *gin.Context) {
	var req apiViewerRequest
	if err := decodeJSON(c.Request.Body, &req); err != nil {
		s.jsonError(c, err)
		return
	}
	if err := s.grantViewer(c, c.Param("id"), req.Email); err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}
