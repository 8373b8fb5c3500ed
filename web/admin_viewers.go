package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// grantViewer lets an existing viewer account read a campaign.
func (s *Server) grantViewer(c *gin.Context, campaignID, email string) error {
	if _, err := s.store.Campaign(c.Request.Context(), campaignID); err != nil {
		return err
	}
	u, err := s.store.UserByEmail(c.Request.Context(), email)
	if vigie.ErrorCode(err) == vigie.ENOTFOUND {
		return vigie.Errorf(vigie.EINVALID, "Aucun compte pour l'adresse « %s » : créez-le d'abord sur la page Comptes.", email)
	} else if err != nil {
		return err
	}
	if err := s.store.GrantCampaign(c.Request.Context(), u.ID, campaignID); err != nil {
		return err
	}
	s.audit(c, "viewer.grant", campaignID, u.Email)
	return nil
}

// adminViewerGrant handles the form of the campaign page.
func (s *Server) adminViewerGrant(c *gin.Context) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	id := c.Param("id")
	err := s.grantViewer(c, id, c.PostForm("email"))
	if vigie.ErrorCode(err) == vigie.EINVALID {
		// Show the campaign page again, with the message next to the form.
		s.campaignPageRefused(c, err)
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+id)
}
