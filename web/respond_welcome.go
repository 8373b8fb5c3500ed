package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// welcomePage is the data of the campaign's entry page.
type welcomePage struct {
	Slug           string
	Title          string
	Organisation   string
	Questionnaires []string // titles, in answering order
	Minutes        int      // estimated answering time
	K, CommentK    int
	Codes          bool   // codes mode: the page asks for the code
	Code           string // pre-filled (from ?code= on a printed slip, or after an error)
	Error          string
	Expired        bool // sent back here because the session ended
}

// respondWelcome shows the entry page of a campaign: who asks, why, how
// long it takes and how anonymity is protected, then the code field (or a
// start button in link mode).
func (s *Server) respondWelcome(c *gin.Context) {
	cv, err := s.campaignBySlug(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	p := s.welcome(c, cv)
	p.Code = c.Query("code")
	p.Expired = c.Query("expired") != ""
	s.render(c, http.StatusOK, "welcome", p)
}

// welcome builds the entry page of cv in the page's language.
func (s *Server) welcome(c *gin.Context, cv *campaignView) *welcomePage {
	lang := langOf(c)
	p := &welcomePage{
		Slug:         cv.Slug,
		Title:        cv.Title,
		Organisation: cv.Organisation,
		K:            cv.MinGroupSize,
		CommentK:     cv.CommentMinGroupSize,
		Codes:        cv.Access != vigie.AccessLink,
		Minutes:      1, // unit and segments
	}
	for _, q := range cv.Qs {
		p.Questionnaires = append(p.Questionnaires, q.Title.In(lang, q.Language))
		p.Minutes += q.EstimatedMinutes()
	}
	return p
}
