package web

import (
	"fmt"
	"strings"

	"github.com/vigie-sante/vigie"
)

// fieldLabel names a field of a paper entry ("answers.climat.tension2")
// the way the sheet shows it, so the typist finds the line on paper.
func (cv *campaignView) fieldLabel(field string) string {
	kind, rest, _ := strings.Cut(field, ".")
	switch kind {
	case "unit":
		return "Unité"
	case "segments":
		if g := cv.segment(rest); g != nil {
			return vigie.InLanguage(g.Label, "fr")
		}
	case "comments":
		if q := cv.questionnaire(rest); q != nil {
			return "Commentaire, « " + q.Title.In("fr", q.Language) + " »"
		}
	case "answers":
		qid, item, _ := strings.Cut(rest, ".")
		if q := cv.questionnaire(qid); q != nil {
			if it := q.Item(item); it != nil {
				return fmt.Sprintf("« %s », question %d : %s", q.Title.In("fr", q.Language), it.Index+1, it.Text.In("fr", q.Language))
			}
		}
	}
	return field
}

// fieldValue is the value of field in r, as the sheet shows it.
func (cv *campaignView) fieldValue(r *vigie.Response, field string) string {
	const none = "(pas de réponse)"
	kind, rest, _ := strings.Cut(field, ".")
	switch kind {
	case "unit":
		if len(r.Unit) == 0 {
			return none
		}
		return strings.Join(r.Unit, " / ")
	case "segments":
		if v := r.Segments[rest]; v != "" {
			return v
		}
	case "comments":
		if v := r.Comments[rest]; v != "" {
			return v
		}
	case "answers":
		qid, item, _ := strings.Cut(rest, ".")
		v, ok := r.Answers[qid][item]
		q := cv.questionnaire(qid)
		if !ok || q == nil || q.Item(item) == nil {
			break
		}
		return fmt.Sprintf("%d (%s)", v, q.Item(item).Scale.Label(v, "fr", q.Language))
	}
	return none
}
