package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// welcomePage is the data of the campaign's entry page.
type welcomePage struct {
	Slug           string
	Title          string
	Organisation   string
	ConductedBy    string            // who runs the survey, in the page's language or French; "" when not said
	Purpose        []string          // why, one paragraph per entry; nil when not said
	ContextLang    map[string]string // "by", "purpose" -> language of that text when it differs from the page's
	Questionnaires []string          // titles, in answering order
	Minutes        int               // estimated answering time
	K, CommentK    int
	RetentionDays  int    // the raw answers are erased at the latest this long after closing
	Codes          bool   // codes mode: the page asks for the code
	Code           string // pre-filled (from ?code= on a printed slip, or after an error)
	Error          string
	Expired        bool   // sent back here because the session ended
	EndDate        string // the last day to answer, in words; "" when none
	// CodeFirst puts the code form at the top: the person scanned a
	// slip's QR code and the code is typed already; on a phone the form
	// would otherwise be some 1,800 px down.
	CodeFirst bool
}

// respondWelcome shows the entry page of a campaign: who asks, why, how
// long it takes and how anonymity is protected, then the code field (or a
// start button in link mode).
func (s *Server) respondWelcome(c *gin.Context) {
	cv, err := s.campaignBySlug(c)
	if err != nil {
		s.unavailable(c, err)
		return
	}
	p := s.welcome(c, cv)
	p.Code = c.Query("code")
	p.Expired = c.Query("expired") != ""
	p.CodeFirst = p.Codes && p.Code != ""
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
		Minutes:      answerMinutes(cv.Qs),
		ContextLang:  map[string]string{},
	}
	if cv.EndDate != "" {
		p.EndDate = dateWords(cv.EndDate, lang)
	}
	// Told before answering (CNIL, délibération 2025-028): the day is not
	// known while the survey is open, the delay after closing is.
	p.RetentionDays = cv.RetentionDays
	p.ConductedBy = vigie.InLanguage(cv.ConductedBy, lang)
	if p.ConductedBy != "" && cv.ConductedBy[lang] == "" {
		p.ContextLang["by"] = "fr" // a French fallback is marked as such for screen readers
	}
	if purpose := vigie.InLanguage(cv.Purpose, lang); purpose != "" {
		p.Purpose = paragraphs(purpose)
		if cv.Purpose[lang] == "" {
			p.ContextLang["purpose"] = "fr"
		}
	}
	for _, q := range cv.Qs {
		p.Questionnaires = append(p.Questionnaires, q.Title.In(lang, q.Language))
	}
	return p
}

// answerMinutes is the time answering a campaign takes, in minutes: a
// minute for the unit and segments, then each questionnaire's estimate.
// The welcome page and the invitations say it.
func answerMinutes(qs []*questionnaires.Questionnaire) int {
	n := 1
	for _, q := range qs {
		n += q.EstimatedMinutes()
	}
	return n
}

// paragraphs splits a text written in a textarea or a YAML block at its
// blank lines.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// unavailable answers the entry page of a campaign that cannot be
// answered: the usual error page, which for a campaign not open yet or
// closed also gives its end date, if it has one.
func (s *Server) unavailable(c *gin.Context, err error) {
	if err != errNotYetOpen && err != errClosed {
		s.htmlError(c, err)
		return
	}
	camp, cerr := s.store.CampaignBySlug(c.Request.Context(), c.Param("slug"))
	if cerr != nil || camp.EndDate == "" {
		s.htmlError(c, err)
		return
	}
	status, msg := s.classify(c, err)
	key := "error.enddate.notyet"
	if err == errClosed {
		key = "error.enddate.closed"
	}
	lang := langOf(c)
	s.render(c, status, "error", &errorPage{Message: msg, Detail: tr(lang, key, dateWords(camp.EndDate, lang))})
	c.Abort()
}
