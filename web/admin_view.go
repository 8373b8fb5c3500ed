package web

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// adminNav is the header of every back-office page: who is signed in and
// what their role lets them reach.
type adminNav struct {
	Email      string
	Consultant bool
	Entry      bool // a data-entry account: its campaigns open on the entry screen
}

// nav returns the header data of the current account.
func nav(c *gin.Context) adminNav {
	u := currentUser(c)
	if u == nil {
		return adminNav{}
	}
	return adminNav{Email: u.Email, Consultant: u.IsConsultant(), Entry: u.Role == vigie.RoleEntry}
}

// campaignOf loads the campaign named by :id.
func (s *Server) campaignOf(c *gin.Context) (*vigie.Campaign, error) {
	return s.store.Campaign(c.Request.Context(), c.Param("id"))
}

// postedCampaign reads a back-office form posted about the campaign of the
// route, and that campaign; on a malformed form or an unknown campaign it
// has already answered with the error page, and returns false.
func (s *Server) postedCampaign(c *gin.Context) (*vigie.Campaign, bool) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return nil, false
	}
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return nil, false
	}
	return camp, true
}

// postedJSONCampaign is postedCampaign for the API: it reads the JSON body
// into v, then the campaign of the route; on a malformed body or an
// unknown campaign it has already answered with the JSON error, and
// returns false.
func (s *Server) postedJSONCampaign(c *gin.Context, v any) (*vigie.Campaign, bool) {
	if err := decodeJSON(c.Request.Body, v); err != nil {
		s.jsonError(c, err)
		return nil, false
	}
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return nil, false
	}
	return camp, true
}

// stateLabel is the French name of a campaign state.
func stateLabel(st vigie.CampaignState) string {
	switch st {
	case vigie.StateDraft:
		return "Brouillon"
	case vigie.StateOpen:
		return "Ouverte"
	case vigie.StateClosed:
		return "Close"
	}
	return string(st)
}

// unitLabel writes a unit path for people.
func unitLabel(path []string) string {
	if len(path) == 0 {
		return "Toute la campagne"
	}
	return strings.Join(path, " / ")
}
