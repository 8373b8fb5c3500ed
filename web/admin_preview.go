package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie/questionnaires"
)

// previewPage shows a questionnaire as an employee sees it, read-only.
type previewPage struct {
	Nav        adminNav
	ID         string
	Title      string
	Intro      string
	Comment    string
	Minutes    int
	Dimensions []previewDimension
	Decline    string // the "prefer not to answer" choice
}

// previewDimension is one screen of the questionnaire.
type previewDimension struct {
	Title string
	Items []previewItem
}

// previewItem is one question with its answer choices.
type previewItem struct {
	ID      string
	Text    string
	Choices []string
}

// adminQuestionnairePreview renders a questionnaire's screens, in French,
// with the same fieldsets and choices as the answering pages, disabled.
func (s *Server) adminQuestionnairePreview(c *gin.Context) {
	q, err := s.store.Questionnaire(c.Request.Context(), c.Param("qid"))
	if err != nil {
		s.htmlError(c, err)
		return
	}
	p := previewOf(q)
	p.Nav = nav(c)
	s.render(c, http.StatusOK, "admin_preview", p)
}

// previewOf lays out q's screens in French, as an employee sees them.
func previewOf(q *questionnaires.Questionnaire) *previewPage {
	const lang = "fr"
	p := &previewPage{
		ID: q.ID, Title: q.Title.In(lang, q.Language), Intro: q.Intro.In(lang, q.Language),
		Comment: q.Comment.In(lang, q.Language), Minutes: q.EstimatedMinutes(), Decline: tr(lang, "choice.decline"),
	}
	for _, d := range q.Dimensions {
		pd := previewDimension{Title: d.Title.In(lang, q.Language)}
		for _, it := range d.Items {
			pi := previewItem{ID: it.ID, Text: it.Text.In(lang, q.Language)}
			for v := it.Scale.Min; v <= it.Scale.Max; v++ {
				pi.Choices = append(pi.Choices, it.Scale.Label(v, lang, q.Language))
			}
			pd.Items = append(pd.Items, pi)
		}
		p.Dimensions = append(p.Dimensions, pd)
	}
	return p
}
