package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// adminQuestionnaireMove moves a questionnaire of a draft campaign one
// place up or down: employees answer them in this order. Once the
// campaign is open the order is frozen with the rest of its settings
// (UpdateCampaign refuses).
func (s *Server) adminQuestionnaireMove(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	spec := camp.Spec()
	i := slices.Index(spec.Questionnaires, c.PostForm("qid"))
	j := i - 1
	if c.PostForm("dir") == "down" {
		j = i + 1
	}
	if i < 0 || j < 0 || j >= len(spec.Questionnaires) {
		s.campaignPageRefused(c, vigie.Errorf(vigie.EINVALID, "Ce questionnaire ne peut pas être déplacé dans ce sens."))
		return
	}
	spec.Questionnaires[i], spec.Questionnaires[j] = spec.Questionnaires[j], spec.Questionnaires[i]
	if _, err := s.store.UpdateCampaign(c.Request.Context(), camp.ID, spec); err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "campaign.questionnaires", camp.ID, "ordre : "+strings.Join(spec.Questionnaires, ", "))
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"#h-order")
}
