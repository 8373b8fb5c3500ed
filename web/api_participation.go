package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// apiUnitParticipation is one unit's participation: respondents and rate
// are null when the anonymity rules mask them.
type apiUnitParticipation struct {
	Unit        []string `json:"unit"`
	Respondents *int     `json:"respondents"`
	Headcount   *int     `json:"headcount"`
	Rate        *float64 `json:"rate"`
}

// apiParticipation answers the participation per unit, after suppression.
func (s *Server) apiParticipation(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	rows, err := s.store.Participation(c.Request.Context(), camp)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	out := make([]apiUnitParticipation, 0, len(rows))
	for _, r := range rows {
		u := apiUnitParticipation{Unit: r.Path, Respondents: r.Respondents, Rate: r.Rate}
		if r.Headcount > 0 {
			h := r.Headcount
			u.Headcount = &h
		}
		out = append(out, u)
	}
	c.JSON(http.StatusOK, gin.H{"min_group_size": camp.MinGroupSize, "units": out})
}
