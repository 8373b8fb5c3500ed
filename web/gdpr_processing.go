package web

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/reports"
)

// processing gathers the facts of a campaign that its record of
// processing and its AIPD state, from the campaign itself: nothing here
// is typed twice.
func (s *Server) processing(c *gin.Context, camp *vigie.Campaign) (*reports.Processing, error) {
	ctx := c.Request.Context()
	qs, err := s.store.CampaignQuestionnaires(ctx, camp.ID)
	if err != nil {
		return nil, err
	}
	viewers, err := s.store.CampaignViewers(ctx, camp.ID)
	if err != nil {
		return nil, err
	}
	logo, err := s.store.DocumentLogo(ctx, camp.ID)
	if err != nil {
		return nil, err
	}
	p := &reports.Processing{
		ID:                  camp.ID,
		Campaign:            camp.Title,
		Organisation:        camp.Organisation,
		Controller:          camp.DataController(),
		DPOContact:          camp.DPOContact,
		LegalBasis:          camp.LegalBasisText(),
		ConductedBy:         camp.ConductedBy["fr"],
		Purpose:             camp.Purpose["fr"],
		State:               strings.ToLower(stateLabel(camp.State)),
		OpenedWeek:          camp.OpenedWeek,
		ClosedWeek:          camp.ClosedWeek,
		Languages:           camp.Languages,
		MinGroupSize:        camp.MinGroupSize,
		CommentMinGroupSize: camp.CommentMinGroupSize,
		Codes:               camp.Access != vigie.AccessLink,
		RetentionDays:       camp.RetentionDays,
		RetentionEnd:        retentionEnd("fr", camp),
		ArchivedAt:          archivedOn("fr", camp),
		Viewers:             len(viewers),
		GeneratedAt:         s.now(),
		Version:             s.version,
		Logo:                logo,
	}
	if camp.Archived() {
		p.State = "archivée"
	}
	for _, q := range qs {
		pq := reports.ProcessingQuestionnaire{ID: q.ID, Title: q.Title.In("fr", q.Language), Comment: len(q.Comment) > 0}
		for _, d := range q.Dimensions {
			pq.Themes = append(pq.Themes, d.Title.In("fr", q.Language))
		}
		p.Questionnaires = append(p.Questionnaires, pq)
	}
	counted := map[string]bool{} // units whose headcount is in the total
	for _, u := range camp.Units {
		path := strings.Join(u.Path, "/")
		p.Units = append(p.Units, reports.ProcessingUnit{Path: strings.Join(u.Path, " / "), Headcount: u.Headcount})
		if u.Headcount == 0 || ancestorCounted(counted, u.Path) {
			continue
		}
		counted[path] = true
		p.Headcount += u.Headcount
	}
	for _, g := range camp.Segments {
		p.Segments = append(p.Segments, g.Label["fr"]+" ("+strings.Join(g.Categories, ", ")+")")
	}
	return p, nil
}

// ancestorCounted reports whether a unit above path already counts its
// people in the total.
func ancestorCounted(counted map[string]bool, path []string) bool {
	for i := 1; i < len(path); i++ {
		if counted[strings.Join(path[:i], "/")] {
			return true
		}
	}
	return false
}
