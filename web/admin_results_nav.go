package web

import (
	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// resultsNav is the navigation between a campaign's result pages: one
// link per questionnaire, then the action plan and the DUERP once the
// results are out; the current page is marked (aria-current).
type resultsNav struct {
	CampaignID string
	Links      []resultsLink
}

// resultsLink is one entry of resultsNav.
type resultsLink struct {
	Href, Label string
	Current     bool
}

// resultsNavOf builds the navigation for the page current: a
// questionnaire id, "actions" or "duerp".
func (s *Server) resultsNavOf(c *gin.Context, camp *vigie.Campaign, current string) *resultsNav {
	base := "/admin/campaigns/" + camp.ID
	n := &resultsNav{CampaignID: camp.ID}
	for _, id := range camp.Questionnaires {
		title := id
		if q, err := s.store.Questionnaire(c.Request.Context(), id); err == nil {
			title = q.Title.In("fr", q.Language)
		}
		n.Links = append(n.Links, resultsLink{Href: base + "/results/" + id, Label: title, Current: id == current})
	}
	if store.ResultsAvailable(camp) == nil {
		n.Links = append(n.Links,
			resultsLink{Href: base + "/actions", Label: "Plan d’action", Current: current == "actions"},
			resultsLink{Href: base + "/duerp", Label: "Document unique", Current: current == "duerp"})
	}
	return n
}
