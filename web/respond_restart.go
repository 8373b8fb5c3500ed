package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// restartPage is the data of the page that says a draft was lost.
type restartPage struct {
	Next string // the first step to answer again
}

// respondRestart tells the employee that the answers in progress for
// their code were saved in another browser, cannot be read here, and have
// been erased; it offers to start again. A draft is sealed with a key only
// the browser that wrote it holds (see store.SaveDraft), so that whoever
// else holds the code cannot read it.
func (s *Server) respondRestart(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	s.render(c, http.StatusOK, "restart", &restartPage{Next: rs.next()})
}

// elsewherePage asks, before anything is erased, whether to go on here
// with a code whose answers in progress were saved in another browser.
type elsewherePage struct {
	Slug string
	Code string // as typed, sent again with the confirmation
}
