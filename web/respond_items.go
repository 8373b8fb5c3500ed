package web

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// itemsPage is the data of one screen of items: one dimension.
type itemsPage struct {
	Action        string
	Questionnaire string // title
	Intro         string // the questionnaire's introduction, on its first screen
	Dimension     string // title
	Items         []itemQuestion
	Errors        int
}

// itemQuestion is one item with its scale.
type itemQuestion struct {
	ID       string // the form field is "i_" + ID
	Text     string
	Choices  []choice
	Declined bool
	Error    string
}

// respondItems shows the items of one dimension.
func (s *Server) respondItems(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	st, ok := rs.step("q/" + c.Param("qid") + "/" + c.Param("dim"))
	if !ok {
		s.htmlError(c, errNotFound)
		return
	}
	values := map[string]string{}
	for _, it := range st.Dim.Items {
		if v, ok := rs.draft.Answers[st.Q.ID][it.ID]; ok {
			values[it.ID] = formValue(v)
		}
	}
	s.renderItems(c, rs, st, http.StatusOK, values, nil)
}

// respondItemsSave records the answers of one dimension. Every item needs
// a choice ("Je préfère ne pas répondre" is one); on error the page comes
// back with what was answered kept and each error next to its item.
func (s *Server) respondItemsSave(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	st, ok := rs.step("q/" + c.Param("qid") + "/" + c.Param("dim"))
	if !ok {
		s.htmlError(c, errNotFound)
		return
	}
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	lang := langOf(c)
	values, errs := map[string]string{}, map[string]string{}
	answers := map[string]int{}
	for _, it := range st.Dim.Items {
		raw := c.PostForm("i_" + it.ID)
		v, err := itemValue(it, raw)
		switch {
		case raw == "":
			errs[it.ID] = tr(lang, "choice.missing")
		case err != nil:
			errs[it.ID] = tr(lang, "item.outofscale", it.Scale.Min, it.Scale.Max)
		default:
			values[it.ID] = raw
			answers[it.ID] = v
		}
	}
	if len(errs) > 0 {
		s.renderItems(c, rs, st, http.StatusBadRequest, values, errs)
		return
	}
	if rs.draft.Answers[st.Q.ID] == nil {
		rs.draft.Answers[st.Q.ID] = map[string]int{}
	}
	for id, v := range answers {
		rs.draft.Answers[st.Q.ID][id] = v
	}
	s.completeStep(c, rs, st.Key)
}

// itemValue reads a posted answer: a value of the item's scale, or "na".
func itemValue(it *questionnaires.Item, raw string) (int, error) {
	if raw == noAnswer {
		return declined, nil
	}
	v, err := strconv.Atoi(raw)
	if err != nil || !it.Scale.Contains(v) {
		return 0, vigie.Errorf(vigie.EINVALID, "valeur hors échelle")
	}
	return v, nil
}

// formValue is the radio value of a stored answer.
func formValue(v int) string {
	if v == declined {
		return noAnswer
	}
	return strconv.Itoa(v)
}

func (s *Server) renderItems(c *gin.Context, rs *respondent, st step, status int, values, errs map[string]string) {
	lang := langOf(c)
	q, fb := st.Q, st.Q.Language
	p := &itemsPage{
		Action:        rs.url(st.Key),
		Questionnaire: q.Title.In(lang, fb),
		Dimension:     st.Dim.Title.In(lang, fb),
		Errors:        len(errs),
	}
	if len(q.Dimensions) > 0 && q.Dimensions[0] == st.Dim {
		p.Intro = q.Intro.In(lang, fb)
	}
	for _, it := range st.Dim.Items {
		iq := itemQuestion{ID: it.ID, Text: it.Text.In(lang, fb), Declined: values[it.ID] == noAnswer, Error: errs[it.ID]}
		for v := it.Scale.Min; v <= it.Scale.Max; v++ {
			sv := strconv.Itoa(v)
			iq.Choices = append(iq.Choices, choice{Value: sv, Label: it.Scale.Label(v, lang, fb), Checked: values[it.ID] == sv})
		}
		p.Items = append(p.Items, iq)
	}
	s.renderStep(c, status, "items", p, rs.progress(st.Key))
}
