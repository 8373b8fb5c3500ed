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
	// LowRate is true when the rate is under 60 %, or, for a unit whose
	// count is masked, when even k-1 respondents would be under 60 % of
	// its headcount: such units need reminders too.
	LowRate bool `json:"low_rate"`
	// Hidden says why respondents is null: "below_k" (fewer than k, none
	// included) or "secondary" (k or more, hidden to protect another
	// group).
	Hidden string `json:"hidden,omitempty"`
}

// apiOverall is the whole campaign's participation: respondents and
// rate are null under k, headcount null when a top-level unit lacks one.
type apiOverall struct {
	Respondents *int     `json:"respondents"`
	Headcount   *int     `json:"headcount"`
	Rate        *float64 `json:"rate"`
	LowRate     bool     `json:"low_rate"`
}

// apiParticipation answers the participation per unit, after suppression:
// while the campaign is open, the day's counts (as_of says which day).
func (s *Server) apiParticipation(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	cp, err := s.store.ParticipationHidden(c.Request.Context(), camp, s.now())
	if err != nil {
		s.jsonError(c, err)
		return
	}
	k := camp.MinGroupSize
	rows := participationRows(cp.Units, cp.Hidden, k)
	out := make([]apiUnitParticipation, 0, len(cp.Units))
	for i, r := range cp.Units {
		u := apiUnitParticipation{Unit: r.Path, Respondents: r.Respondents, Rate: r.Rate, Headcount: positive(r.Headcount), LowRate: rows[i].Low}
		if i < len(cp.Hidden) {
			u.Hidden = cp.Hidden[i]
		}
		out = append(out, u)
	}
	o := overall(cp)
	ov := apiOverall{Respondents: o.Respondents, Headcount: positive(o.Headcount), Rate: o.Rate, LowRate: totalRow(o, k).Low}
	body := gin.H{"min_group_size": k, "overall": ov, "units": out}
	if cp.Day != "" {
		// While the campaign is open: the day these figures were counted
		// (they change at most once a day, store.ParticipationHidden).
		body["as_of"] = cp.Day
	}
	c.JSON(http.StatusOK, body)
}

// positive is n, or nil when n is not a known count (0).
func positive(n int) *int {
	if n <= 0 {
		return nil
	}
	return &n
}
