package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// segmentsPage is the data of the segment questions (job, seniority...).
type segmentsPage struct {
	Action    string
	Questions []segmentQuestion
	Errors    int
}

// segmentQuestion is one segment with its categories.
type segmentQuestion struct {
	ID         string
	Label      string
	Categories []choice
	Declined   bool
	Error      string
}

// choice is one radio button.
type choice struct {
	Value, Label string
	Checked      bool
}

// respondSegments asks the segment questions.
func (s *Server) respondSegments(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	if rs.index("segments") < 0 {
		c.Redirect(http.StatusSeeOther, rs.next())
		return
	}
	values := map[string]string{}
	if rs.draft.Done["segments"] {
		for _, seg := range rs.cv.Segments {
			v := rs.draft.Segments[seg.ID]
			if v == "" {
				v = noAnswer
			}
			values[seg.ID] = v
		}
	}
	s.renderSegments(c, rs, http.StatusOK, values, nil)
}

// respondSegmentsSave records the segment answers; every question needs a
// choice, "Je préfère ne pas répondre" included.
func (s *Server) respondSegmentsSave(c *gin.Context) {
	rs, done, ok := s.respondent(c)
	if !ok {
		return
	}
	defer done()
	if rs.index("segments") < 0 {
		c.Redirect(http.StatusSeeOther, rs.next())
		return
	}
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	lang := langOf(c)
	values, errs := map[string]string{}, map[string]string{}
	for _, seg := range rs.cv.Segments {
		v := c.PostForm("s_" + seg.ID)
		switch {
		case v == "":
			errs[seg.ID] = tr(lang, "choice.missing")
		case v != noAnswer && !contains(seg.Categories, v):
			errs[seg.ID] = tr(lang, "choice.unknown")
		default:
			values[seg.ID] = v
		}
	}
	if len(errs) > 0 {
		s.renderSegments(c, rs, http.StatusBadRequest, values, errs)
		return
	}
	for id, v := range values {
		if v == noAnswer {
			v = ""
		}
		rs.draft.Segments[id] = v
	}
	s.completeStep(c, rs, "segments")
}

func (s *Server) renderSegments(c *gin.Context, rs *respondent, status int, values, errs map[string]string) {
	lang := langOf(c)
	p := &segmentsPage{Action: rs.url("segments"), Errors: len(errs)}
	for _, seg := range rs.cv.Segments {
		label := seg.Label[lang]
		if label == "" {
			label = seg.Label[defaultLang]
		}
		if label == "" {
			label = seg.ID
		}
		sq := segmentQuestion{ID: seg.ID, Label: label, Declined: values[seg.ID] == noAnswer, Error: errs[seg.ID]}
		for _, cat := range seg.Categories {
			sq.Categories = append(sq.Categories, choice{Value: cat, Label: seg.CategoryLabel(cat, lang), Checked: values[seg.ID] == cat})
		}
		p.Questions = append(p.Questions, sq)
	}
	s.renderStep(c, status, "segments", p, rs.progress("segments"))
}
