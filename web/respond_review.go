package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// reviewPage is the data of the page shown before submitting.
type reviewPage struct {
	Action     string
	Lines      []reviewLine // unit and segments
	Sections   []reviewSection
	Incomplete int    // steps not completed yet
	Next       string // the first of them
	Error      string
}

// reviewSection summarises one questionnaire.
type reviewSection struct {
	Title string
	Lines []reviewLine
}

// reviewLine is one answer or one screen, with a link to change it.
type reviewLine struct {
	Label, Value, URL string
	Todo              bool // the step is not completed
}

// respondReview shows a summary of the answers, with links back to each
// step, and the submit button.
func (s *Server) respondReview(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	s.renderStep(c, http.StatusOK, "review", s.review(c, rs), rs.progress("review"))
}

// review builds the summary of rs in the page's language.
func (s *Server) review(c *gin.Context, rs *respondent) *reviewPage {
	lang := langOf(c)
	d := rs.draft
	p := &reviewPage{Action: rs.url("submit"), Next: rs.next()}
	notGiven := tr(lang, "review.notgiven")
	for _, st := range rs.steps {
		todo := st.Key != "review" && !d.Done[st.Key]
		if todo {
			p.Incomplete++
		}
		switch {
		case st.Key == "unit":
			v := strings.ReplaceAll(d.Unit, "/", " › ")
			if v == "" || todo {
				v = notGiven
			}
			p.Lines = append(p.Lines, reviewLine{Label: tr(lang, "word.unit"), Value: v, URL: rs.url(st.Key), Todo: todo})
		case st.Key == "segments":
			for _, seg := range rs.cv.Segments {
				label := seg.Label[lang]
				if label == "" {
					label = seg.Label[defaultLang]
				}
				v := seg.CategoryLabel(d.Segments[seg.ID], lang)
				if d.Segments[seg.ID] == "" || todo {
					v = notGiven
				}
				p.Lines = append(p.Lines, reviewLine{Label: label, Value: v, URL: rs.url(st.Key), Todo: todo})
			}
		case st.Dim != nil:
			if len(p.Sections) == 0 || p.Sections[len(p.Sections)-1].Title != st.Q.Title.In(lang, st.Q.Language) {
				p.Sections = append(p.Sections, reviewSection{Title: st.Q.Title.In(lang, st.Q.Language)})
			}
			answered := 0
			for _, it := range st.Dim.Items {
				if v, ok := d.Answers[st.Q.ID][it.ID]; ok && v != declined {
					answered++
				}
			}
			sec := &p.Sections[len(p.Sections)-1]
			sec.Lines = append(sec.Lines, reviewLine{
				Label: st.Dim.Title.In(lang, st.Q.Language),
				Value: trn(lang, "review.answered", answered, len(st.Dim.Items)),
				URL:   rs.url(st.Key), Todo: todo,
			})
		case st.Q != nil: // comment
			v := tr(lang, "review.nocomment")
			if d.Comments[st.Q.ID] != "" {
				v = tr(lang, "review.comment")
			}
			sec := &p.Sections[len(p.Sections)-1]
			sec.Lines = append(sec.Lines, reviewLine{Label: tr(lang, "word.comment"), Value: v, URL: rs.url(st.Key), Todo: todo})
		}
	}
	return p
}
