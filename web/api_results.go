package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/scoring"
)

// apiResults answers the scored, anonymised result of one questionnaire:
// exactly the JSON of `vigie score` (scoring.Result), with "trends" when
// the campaign has a previous wave that used the questionnaire and
// "reference" when a reference applies to it (references.go).
func (s *Server) apiResults(c *gin.Context) {
	qid := c.Query("questionnaire")
	if qid == "" {
		s.jsonError(c, vigie.Errorf(vigie.EINVALID, "questionnaire : indiquez l'identifiant du questionnaire (?questionnaire=ID)."))
		return
	}
	id := c.Param("id")
	res, err := s.store.Result(c.Request.Context(), id, qid)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	camp, err := s.store.Campaign(c.Request.Context(), id)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	trends, err := s.store.Trends(c.Request.Context(), camp, qid, res)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	ref, err := s.campaignReference(c.Request.Context(), camp, qid, res)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	s.audit(c, "results.export", id, qid)
	c.JSON(http.StatusOK, struct {
		*scoring.Result
		Trends    *scoring.Trends              `json:"trends,omitempty"`
		Reference *scoring.ReferenceComparison `json:"reference,omitempty"`
	}{res, trends, ref})
}
