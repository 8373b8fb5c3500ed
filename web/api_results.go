package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// apiResults answers the scored, anonymised result of one questionnaire:
// exactly the JSON of `vigie score` (scoring.Result).
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
	s.audit(c, "results.export", id, qid)
	c.JSON(http.StatusOK, res)
}
