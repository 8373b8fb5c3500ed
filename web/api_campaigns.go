package web

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/campaignfile"
	"github.com/vigie-sante/vigie/store"
)

// apiCampaign is a campaign in the API. Settings (units, segments, access,
// respondent URL) are given to consultants only: a viewer reads results,
// not how the survey is run.
type apiCampaign struct {
	ID                  string              `json:"id"`
	Title               string              `json:"title"`
	Organisation        string              `json:"organisation"`
	ConductedBy         map[string]string   `json:"conducted_by,omitempty"` // who runs the survey, by language
	Purpose             map[string]string   `json:"purpose,omitempty"`      // why, by language
	State               vigie.CampaignState `json:"state"`
	Questionnaires      []string            `json:"questionnaires"`
	MinGroupSize        int                 `json:"min_group_size"`
	CommentMinGroupSize int                 `json:"comment_min_group_size"`
	PriorityShare       float64             `json:"priority_share"`
	OpenedWeek          string              `json:"opened_week,omitempty"`
	ClosedWeek          string              `json:"closed_week,omitempty"`
	Previous            string              `json:"previous,omitempty"` // the previous wave's campaign id
	RetentionDays       int                 `json:"retention_days"`
	// RetentionEnd is the day (YYYY-MM-DD) the raw data is due for
	// archiving, once the campaign is closed.
	RetentionEnd string `json:"retention_end,omitempty"`
	// ArchivedAt is the day the raw data was erased; absent until then.
	ArchivedAt string `json:"archived_at,omitempty"`
	// Rewrite is "pending" in the answer to an archiving whose rewrite
	// of the database file has not finished (the erasure is done; the
	// server retries the rewrite); absent otherwise.
	Rewrite string `json:"rewrite,omitempty"`
	// The data-protection facts, as the campaign file has them.
	Controller string `json:"controller,omitempty"`
	DPOContact string `json:"dpo_contact,omitempty"`
	LegalBasis string `json:"legal_basis,omitempty"`

	URL       string            `json:"url,omitempty"`
	Access    vigie.AccessMode  `json:"access,omitempty"`
	Languages []string          `json:"languages,omitempty"`
	Units     []vigie.UnitSpec  `json:"units,omitempty"`
	Segments  []apiSegment      `json:"segments,omitempty"`
	UnitMap   map[string]string `json:"unit_map,omitempty"`
}

// apiSegment is a segment with the field names of the campaign file.
// Like the file, a category is its name, or {fr, en} when translated, so
// the answer can be sent back as a description unchanged.
type apiSegment struct {
	ID         string            `json:"id"`
	Label      map[string]string `json:"label"`
	Categories []any             `json:"categories"`
}

func apiCategories(g *vigie.Segment) []any {
	out := make([]any, len(g.Categories))
	for i, c := range g.Categories {
		if labels, ok := g.CategoryLabels[c]; ok {
			out[i] = labels
		} else {
			out[i] = c
		}
	}
	return out
}

// apiCampaignOf describes camp for the signed-in account.
func (s *Server) apiCampaignOf(c *gin.Context, camp *vigie.Campaign) *apiCampaign {
	a := &apiCampaign{
		ID: camp.ID, Title: camp.Title, Organisation: camp.Organisation, State: camp.State,
		ConductedBy: camp.ConductedBy, Purpose: camp.Purpose,
		Questionnaires: camp.Questionnaires, MinGroupSize: camp.MinGroupSize,
		CommentMinGroupSize: camp.CommentMinGroupSize, PriorityShare: camp.PriorityShare, OpenedWeek: camp.OpenedWeek, ClosedWeek: camp.ClosedWeek,
		Previous:      camp.Previous,
		RetentionDays: camp.RetentionDays, ArchivedAt: camp.ArchivedAt,
		Controller: camp.Controller, DPOContact: camp.DPOContact, LegalBasis: camp.LegalBasis,
	}
	if end, ok := store.RetentionEnd(camp); ok && !camp.Archived() {
		a.RetentionEnd = end.Format(time.DateOnly)
	}
	if currentUser(c).IsConsultant() {
		sp := camp.Spec()
		a.URL, a.Access, a.Languages, a.Units = s.respondentURL(c, camp), camp.Access, camp.Languages, sp.Units
		a.UnitMap = camp.UnitMap
		for _, g := range sp.Segments {
			a.Segments = append(a.Segments, apiSegment{ID: g.ID, Label: g.Label, Categories: apiCategories(&g)})
		}
	}
	return a
}

// apiCampaignCreate creates a draft campaign from the same description as
// `vigie campaign create --file` (JSON here): 201 {"id", "url"}.
func (s *Server) apiCampaignCreate(c *gin.Context) {
	data, err := readBody(c.Request.Body)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	spec, err := campaignfile.Parse("corps", data)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	camp, err := s.store.CreateCampaign(c.Request.Context(), spec)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	s.audit(c, "campaign.create", camp.ID, camp.Title)
	c.JSON(http.StatusCreated, gin.H{"id": camp.ID, "url": s.respondentURL(c, camp)})
}

// apiCampaigns lists the campaigns the account may read.
func (s *Server) apiCampaigns(c *gin.Context) {
	list, err := s.readableCampaigns(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	out := make([]*apiCampaign, 0, len(list))
	for _, camp := range list {
		out = append(out, s.apiCampaignOf(c, camp))
	}
	c.JSON(http.StatusOK, gin.H{"campaigns": out})
}

// apiCampaignGet describes one campaign.
func (s *Server) apiCampaignGet(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	c.JSON(http.StatusOK, s.apiCampaignOf(c, camp))
}

// apiCampaignOpen opens a draft campaign.
func (s *Server) apiCampaignOpen(c *gin.Context) {
	s.apiCampaignState(c, "campaign.open", s.store.OpenCampaign)
}

// apiCampaignClose closes an open campaign.
func (s *Server) apiCampaignClose(c *gin.Context) {
	s.apiCampaignState(c, "campaign.close", s.store.CloseCampaign)
}
