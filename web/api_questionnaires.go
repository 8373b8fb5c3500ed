package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// apiQuestionnaire describes a questionnaire a campaign can use.
type apiQuestionnaire struct {
	ID         string         `json:"id"`
	Version    int            `json:"version"`
	Title      string         `json:"title"`
	Builtin    bool           `json:"builtin"`
	Languages  []string       `json:"languages"`
	Items      int            `json:"items"`
	Dimensions []apiDimension `json:"dimensions"`
}

// apiDimension names one dimension.
type apiDimension struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// apiQuestionnaires lists built-in and uploaded questionnaires.
func (s *Server) apiQuestionnaires(c *gin.Context) {
	qs, err := s.store.Questionnaires(c.Request.Context())
	if err != nil {
		s.jsonError(c, err)
		return
	}
	out := make([]apiQuestionnaire, 0, len(qs))
	for _, q := range qs {
		_, builtin := builtinQuestionnaire(q.ID)
		a := apiQuestionnaire{ID: q.ID, Version: q.Version, Title: q.Title.In("fr", q.Language), Builtin: builtin,
			Languages: q.Languages(), Items: len(q.Items())}
		for _, d := range q.Dimensions {
			a.Dimensions = append(a.Dimensions, apiDimension{ID: d.ID, Title: d.Title.In("fr", q.Language)})
		}
		out = append(out, a)
	}
	c.JSON(http.StatusOK, gin.H{"questionnaires": out})
}
