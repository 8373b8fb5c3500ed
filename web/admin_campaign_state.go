package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// Opening and closing cannot be undone, so each form carries a required
// checkbox ("confirm") stating what will be lost; the server checks it
// too, since a form posted without a browser (or an old page) skips the
// browser's check.
var (
	errConfirmOpen  = vigie.Errorf(vigie.EINVALID, "Cochez la case de confirmation pour ouvrir la campagne : une fois ouverte, ses questionnaires, son seuil k et ses segments ne pourront plus être modifiés.")
	errConfirmClose = vigie.Errorf(vigie.EINVALID, "Cochez la case de confirmation pour clore la campagne : une fois close, elle ne pourra plus recevoir de réponses et les brouillons seront effacés.")
)

// adminCampaignOpen opens a draft campaign to answers.
func (s *Server) adminCampaignOpen(c *gin.Context) {
	s.changeCampaignState(c, errConfirmOpen, "campaign.open", s.store.OpenCampaign)
}

// adminCampaignClose closes an open campaign.
func (s *Server) adminCampaignClose(c *gin.Context) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	// Sheets typed in once are erased at closing, never counted: the
	// consultant confirms that too, having been told how many (the page
	// lists them next to the confirmation).
	waiting, _, err := s.store.PendingPaper(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.htmlError(c, err)
		return
	}
	if waiting > 0 && c.PostForm("confirm") == "1" && c.PostForm("confirm_paper") != "1" {
		s.campaignPageRefused(c, vigie.Errorf(vigie.EINVALID, "Rien n'a été clos : %s seconde saisie. Faites-la saisir, ou cochez la case qui confirme qu'elles seront effacées sans être comptées.",
			plural(waiting, "feuille papier attend encore sa", "feuilles papier attendent encore leur")))
		return
	}
	detail := ""
	if waiting > 0 {
		detail = plural(waiting, "feuille papier en attente de seconde saisie effacée", "feuilles papier en attente de seconde saisie effacées")
	}
	s.changeCampaignStateDetail(c, errConfirmClose, "campaign.close", detail, s.store.CloseCampaign)
}

// changeCampaignState applies an irreversible state change once the
// consultant has confirmed it; without the confirmation the campaign page
// is shown again with unconfirmed as its message.
func (s *Server) changeCampaignState(c *gin.Context, unconfirmed error, action string, change func(ctx context.Context, id string, at time.Time) error) {
	s.changeCampaignStateDetail(c, unconfirmed, action, "", change)
}

// changeCampaignStateDetail is changeCampaignState with a detail for the
// audit log.
func (s *Server) changeCampaignStateDetail(c *gin.Context, unconfirmed error, action, detail string, change func(ctx context.Context, id string, at time.Time) error) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	id := c.Param("id")
	if c.PostForm("confirm") != "1" {
		s.campaignPageRefused(c, unconfirmed)
		return
	}
	if err := change(c.Request.Context(), id, s.now()); err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, action, id, detail)
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+id)
}

// campaignPageRefused shows the campaign page of :id again with a
// refused form's message at the top (campaignPageWithError).
func (s *Server) campaignPageRefused(c *gin.Context, err error) {
	camp, cerr := s.campaignOf(c)
	if cerr != nil {
		s.htmlError(c, cerr)
		return
	}
	s.campaignPageWithError(c, camp, err)
}
