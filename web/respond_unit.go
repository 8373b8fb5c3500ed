package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// noAnswer is the form value of "Je préfère ne pas répondre".
const noAnswer = "na"

// unitPage is the data of the unit question.
type unitPage struct {
	Action   string
	Options  []unitOption
	Declined bool
	Error    string
}

// unitOption is one unit of the tree.
type unitOption struct {
	Value   string // path joined by "/"
	Label   string // path joined by " › "
	Name    string // the unit's own name
	Depth   int
	Checked bool
}

// respondUnit asks in which unit the employee works (skipped when the
// access code fixed it).
func (s *Server) respondUnit(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	if rs.index("unit") < 0 {
		c.Redirect(http.StatusSeeOther, rs.next())
		return
	}
	s.renderUnit(c, rs, http.StatusOK, rs.draft.Unit, rs.draft.Done["unit"], "")
}

// respondUnitSave records the unit chosen.
func (s *Server) respondUnitSave(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	if rs.index("unit") < 0 {
		c.Redirect(http.StatusSeeOther, rs.next())
		return
	}
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	v, given := c.GetPostForm("unit")
	switch _, known := rs.cv.units[v]; {
	case !given || v == "":
		s.renderUnit(c, rs, http.StatusBadRequest, "", false, tr(langOf(c), "unit.missing"))
		return
	case v == noAnswer:
		v = ""
	case !known:
		s.renderUnit(c, rs, http.StatusBadRequest, "", false, tr(langOf(c), "unit.unknown"))
		return
	}
	rs.draft.Unit = v
	s.completeStep(c, rs, "unit")
}

func (s *Server) renderUnit(c *gin.Context, rs *respondent, status int, chosen string, answered bool, msg string) {
	p := &unitPage{Action: rs.url("unit"), Error: msg, Declined: answered && chosen == ""}
	for _, u := range rs.cv.Units {
		v := strings.Join(u.Path, "/")
		p.Options = append(p.Options, unitOption{
			Value: v, Label: strings.Join(u.Path, " › "), Name: u.Path[len(u.Path)-1],
			Depth: len(u.Path) - 1, Checked: answered && v == chosen,
		})
	}
	s.renderStep(c, status, "unit", p, rs.progress("unit"))
}
