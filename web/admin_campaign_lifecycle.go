package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// errArchiveUnconfirmed asks for the confirmation box of the archive form.
var errArchiveUnconfirmed = vigie.Errorf(vigie.EINVALID, "Cochez la case de confirmation : l'archivage efface définitivement les réponses individuelles.")

// errDeleteUnconfirmed asks for the confirmation box of a draft's deletion.
var errDeleteUnconfirmed = vigie.Errorf(vigie.EINVALID, "Cochez la case de confirmation pour supprimer ce brouillon.")

// adminCampaignArchive archives a closed campaign once the consultant has
// ticked the confirmation box: its results stay, its raw data is erased.
func (s *Server) adminCampaignArchive(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	if c.PostForm("confirm") != "1" {
		s.campaignPageWithError(c, camp, errArchiveUnconfirmed)
		return
	}
	if err := s.store.ArchiveCampaign(c.Request.Context(), camp.ID, s.now()); err != nil {
		s.campaignPageWithError(c, camp, err)
		return
	}
	s.audit(c, "campaign.archive", camp.ID, "")
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID)
}

// adminCampaignDelete deletes a campaign: a draft once the confirmation
// box is ticked, any other only with its title typed back.
func (s *Server) adminCampaignDelete(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	if camp.State == vigie.StateDraft && c.PostForm("confirm") != "1" {
		s.campaignPageWithError(c, camp, errDeleteUnconfirmed)
		return
	}
	deleted, err := s.store.DeleteCampaign(c.Request.Context(), camp.ID, c.PostForm("title"), s.now())
	if err != nil {
		s.campaignPageWithError(c, camp, err)
		return
	}
	s.audit(c, "campaign.delete", camp.ID, deletedDetail(deleted))
	c.Redirect(http.StatusSeeOther, "/admin")
}

// deletedDetail is the audit detail of a deletion: the state the campaign
// was in, and whether its DUERP versions stay (a tombstone).
func deletedDetail(c *vigie.Campaign) string {
	if c.Deleted() {
		return string(c.State) + ", versions du DUERP conservées"
	}
	return string(c.State)
}

// campaignPageWithError shows the campaign page again with the message of
// a refused action (invalid input, wrong state, no room on the disk for an
// erasure's rewrite); other errors go to the error page.
func (s *Server) campaignPageWithError(c *gin.Context, camp *vigie.Campaign, cause error) {
	status := errorStatus(vigie.ErrorCode(cause))
	switch vigie.ErrorCode(cause) {
	case vigie.EINVALID, vigie.ECONFLICT, vigie.EUNAVAILABLE:
	default:
		s.htmlError(c, cause)
		return
	}
	p, err := s.campaignPageData(c, camp)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	p.Error = vigie.ErrorMessage(cause)
	s.render(c, status, "admin_campaign", p)
}
