package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// adminCampaignNextWave prepares the next wave of a campaign: a new draft
// with its units, segments, questionnaires, texts and contacts, and the
// campaign as previous wave when it is closed (store.NextWave); the
// consultant lands on the draft's form to change what changed.
func (s *Server) adminCampaignNextWave(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	next, err := s.store.NextWave(c.Request.Context(), camp.ID)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	s.audit(c, "campaign.next_wave", next.ID, "reprend "+camp.ID+" ("+camp.Title+")")
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+next.ID+"/edit")
}

// apiCampaignNextWave is adminCampaignNextWave in the API: 201 {"id", "url"}.
func (s *Server) apiCampaignNextWave(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	next, err := s.store.NextWave(c.Request.Context(), camp.ID)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	s.audit(c, "campaign.next_wave", next.ID, "reprend "+camp.ID+" ("+camp.Title+")")
	c.JSON(http.StatusCreated, gin.H{"id": next.ID, "url": s.respondentURL(c, next), "previous": next.Previous})
}

// prefillFromWave fills an empty new-campaign form with the next wave of
// prev (store.NextWaveSpec), and returns the questionnaires to check.
func prefillFromWave(f *campaignForm, prev *vigie.Campaign) []string {
	sp := store.NextWaveSpec(prev)
	f.Title, f.Organisation = sp.Title, sp.Organisation
	f.ConductedByFR, f.ConductedByEN = sp.ConductedBy["fr"], sp.ConductedBy["en"]
	f.PurposeFR, f.PurposeEN = sp.Purpose["fr"], sp.Purpose["en"]
	f.Controller, f.DPOContact, f.LegalBasis = sp.Controller, sp.DPOContact, sp.LegalBasis
	f.Units, f.Segments = formatUnits(sp.Units), formatSegments(sp.Segments)
	f.MinGroupSize, f.CommentMinGroupSize = strconv.Itoa(sp.MinGroupSize), strconv.Itoa(sp.CommentMinGroupSize)
	f.PriorityShare, f.RetentionDays = formatShare(sp.PriorityShare), strconv.Itoa(sp.RetentionDays)
	f.LangEN, f.Access, f.Previous = contains(sp.Languages, "en"), string(sp.Access), sp.Previous
	return sp.Questionnaires
}

// inheritWave gives a new campaign whose previous wave is chosen what the
// form left empty: the previous wave's units, segments, questionnaires,
// texts and contacts. It returns the questionnaires chosen.
func inheritWave(spec *vigie.CampaignSpec, f *campaignForm, prev *vigie.Campaign, chosen []string) []string {
	sp := prev.Spec()
	if len(spec.Units) == 0 {
		spec.Units, f.Units = sp.Units, formatUnits(sp.Units)
	}
	if len(spec.Segments) == 0 {
		spec.Segments, f.Segments = sp.Segments, formatSegments(sp.Segments)
	}
	if len(chosen) == 0 {
		chosen = sp.Questionnaires
		spec.Questionnaires = chosen
	}
	if spec.ConductedBy == nil {
		spec.ConductedBy = sp.ConductedBy
		f.ConductedByFR, f.ConductedByEN = sp.ConductedBy["fr"], sp.ConductedBy["en"]
	}
	if spec.Purpose == nil {
		spec.Purpose = sp.Purpose
		f.PurposeFR, f.PurposeEN = sp.Purpose["fr"], sp.Purpose["en"]
	}
	for _, p := range []struct {
		dst, form *string
		v         string
	}{
		{&spec.Controller, &f.Controller, sp.Controller}, {&spec.DPOContact, &f.DPOContact, sp.DPOContact}, {&spec.LegalBasis, &f.LegalBasis, sp.LegalBasis},
	} {
		if *p.dst == "" {
			*p.dst, *p.form = p.v, p.v
		}
	}
	return chosen
}
