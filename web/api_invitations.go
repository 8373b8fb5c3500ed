package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// apiInvitations starts e-mailing a new access code to each recipient
// (POST /api/v1/campaigns/:id/invitations): 202 with the sending's
// progress and its address (url, and Location), to follow with GET.
func (s *Server) apiInvitations(c *gin.Context) { s.apiMailing(c, kindInvitations) }

// apiReminders starts e-mailing a reminder without a code to each
// recipient (POST /api/v1/campaigns/:id/reminders), like apiInvitations.
func (s *Server) apiReminders(c *gin.Context) { s.apiMailing(c, kindReminders) }

// sendingAnswer is a sending's progress with its address in the API.
type sendingAnswer struct {
	*sendingStatus
	URL string `json:"url"`
}

// apiMailing checks the relay and the campaign, reads the recipient list
// and starts the sending. A second sending while one runs for the
// campaign answers 409 with the running one's address.
func (s *Server) apiMailing(c *gin.Context, kind string) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	if other, err := s.checkSending(camp, kind); err != nil {
		s.apiSendingError(c, other, err)
		return
	}
	var m mailing
	if err := decodeJSON(c.Request.Body, &m); err != nil {
		s.jsonError(c, err)
		return
	}
	sd, err := s.startSending(c, camp, kind, &m)
	if err != nil {
		s.apiSendingError(c, sd, err)
		return
	}
	url := "/api/v1" + sendingPath(camp.ID, sd.ID)
	c.Header("Location", url)
	c.JSON(http.StatusAccepted, sendingAnswer{sd.status(), url})
}

// apiSendingError answers a refused sending, with the running one's
// address when one runs.
func (s *Server) apiSendingError(c *gin.Context, running *sending, err error) {
	if running == nil {
		s.jsonError(c, err)
		return
	}
	_, msg := s.classify(c, err)
	url := "/api/v1" + sendingPath(running.CampaignID, running.ID)
	c.Header("Location", url)
	c.AbortWithStatusJSON(http.StatusConflict, gin.H{"error": msg, "url": url})
}

// apiSending returns a sending's progress
// (GET /api/v1/campaigns/:id/sendings/:sid).
func (s *Server) apiSending(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	sd := s.sendings.get(camp.ID, c.Param("sid"))
	if sd == nil {
		s.jsonError(c, errSendingUnknown)
		return
	}
	c.JSON(http.StatusOK, sendingAnswer{sd.status(), c.Request.URL.Path})
}
