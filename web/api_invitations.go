package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// apiInvitations e-mails a new access code to each recipient
// (POST /api/v1/campaigns/:id/invitations): 200 {"sent", "failed"}.
func (s *Server) apiInvitations(c *gin.Context) {
	s.apiMailing(c, s.sendInvitations)
}

// apiReminders e-mails a reminder without a code to each recipient
// (POST /api/v1/campaigns/:id/reminders): 200 {"sent", "failed"}.
func (s *Server) apiReminders(c *gin.Context) {
	s.apiMailing(c, s.sendReminders)
}

// apiMailing reads a recipient list and runs send.
func (s *Server) apiMailing(c *gin.Context, send func(*gin.Context, *vigie.Campaign, *mailing) (int, []sendFailure, error)) {
	var m mailing
	camp, ok := s.postedJSONCampaign(c, &m)
	if !ok {
		return
	}
	sent, failed, err := send(c, camp, &m)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"sent": sent, "failed": failed})
}
