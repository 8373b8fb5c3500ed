package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
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
	const lang = "fr"
	p := &previewPage{
		Nav: nav(c), ID: q.ID, Title: q.Title.In(lang, q.Language), Intro: q.Intro.In(lang, q.Language),
		Comment: q.Comment.In(lang, q.Language), Minutes: q.EstimatedMinutes(),
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
	s.render(c, http.StatusOK, "admin_preview", p)
}
