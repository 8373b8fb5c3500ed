package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// apiWave is one campaign of a series in the API.
type apiWave struct {
	ID             string                    `json:"id"`
	Title          string                    `json:"title"`
	State          string                    `json:"state"`
	OpenedWeek     string                    `json:"opened_week,omitempty"`
	ClosedWeek     string                    `json:"closed_week,omitempty"`
	Questionnaires map[string]apiWaveFigures `json:"questionnaires"`
}

// apiWaveFigures are the published figures of one questionnaire in a wave.
type apiWaveFigures struct {
	Respondents int                `json:"respondents,omitempty"`
	Dimensions  map[string]float64 `json:"dimensions"` // dimension id -> mean for everyone
}

// apiSeries lists the waves of the series the campaign ends, oldest
// first, each with the mean of each dimension for everyone as that wave
// published it: the figures behind a line chart.
func (s *Server) apiSeries(c *gin.Context) {
	waves, err := s.store.Series(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.jsonError(c, err)
		return
	}
	out := make([]apiWave, 0, len(waves))
	for _, w := range waves {
		a := apiWave{ID: w.Campaign.ID, Title: w.Campaign.Title, State: string(w.Campaign.State),
			OpenedWeek: w.Campaign.OpenedWeek, ClosedWeek: w.Campaign.ClosedWeek, Questionnaires: map[string]apiWaveFigures{}}
		for qid, means := range w.Means {
			a.Questionnaires[qid] = apiWaveFigures{Respondents: w.Respondents[qid], Dimensions: means}
		}
		out = append(out, a)
	}
	c.JSON(http.StatusOK, gin.H{"waves": out})
}
