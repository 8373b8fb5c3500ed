package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// campaignsPage is the data of the back office's home page.
type campaignsPage struct {
	Nav       adminNav
	Campaigns []campaignRow
	// Deleted are the campaigns deleted with frozen DUERP versions, whose
	// versions consultants can still download (State holds the day).
	Deleted []campaignRow
	// Rewrite: the file's rewrite pending or failing (after a deletion,
	// the consultant lands here).
	Rewrite *rewriteNotice
}

// campaignRow is one campaign in the list.
type campaignRow struct {
	ID, Title, Organisation, State string
}

// adminCampaigns lists the campaigns the account may read: all of them
// for a consultant, those granted for a viewer.
func (s *Server) adminCampaigns(c *gin.Context) {
	list, err := s.readableCampaigns(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	p := &campaignsPage{Nav: nav(c), Rewrite: s.rewriteNoticeOf(c)}
	for _, camp := range list {
		state := stateLabel(camp.State)
		if camp.Archived() {
			state = "Archivée"
		}
		p.Campaigns = append(p.Campaigns, campaignRow{ID: camp.ID, Title: camp.Title, Organisation: camp.Organisation, State: state})
	}
	if p.Nav.Consultant {
		tombs, err := s.store.Tombstones(c.Request.Context())
		if err != nil {
			s.htmlError(c, err)
			return
		}
		for _, t := range tombs {
			p.Deleted = append(p.Deleted, campaignRow{ID: t.ID, Title: t.Title, Organisation: t.Organisation, State: t.DeletedAt})
		}
	}
	s.render(c, http.StatusOK, "admin_campaigns", p)
}

// readableCampaigns returns the campaigns the signed-in account may read.
func (s *Server) readableCampaigns(c *gin.Context) ([]*vigie.Campaign, error) {
	all, err := s.store.Campaigns(c.Request.Context())
	if err != nil {
		return nil, err
	}
	user := currentUser(c)
	if user.IsConsultant() {
		return all, nil
	}
	granted, err := s.store.GrantedCampaigns(c.Request.Context(), user.ID)
	if err != nil {
		return nil, err
	}
	var out []*vigie.Campaign
	for _, camp := range all {
		if contains(granted, camp.ID) {
			out = append(out, camp)
		}
	}
	return out, nil
}
