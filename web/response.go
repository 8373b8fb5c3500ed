package web

import (
	"strings"
	"unicode/utf8"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// maxCommentRunes is the longest comment accepted, in characters.
const maxCommentRunes = store.MaxCommentLength

// answerSet is a complete submission before validation, from the form's
// draft or from the JSON API: the same checks apply to both.
type answerSet struct {
	Unit     string                    // path joined by "/"; "" not given
	Segments map[string]string         // segment id -> category; "" not given
	Answers  map[string]map[string]int // questionnaire id -> item id -> value
	Comments map[string]string         // questionnaire id -> text
}

// response checks a against the campaign and returns the response to
// store. fixedUnit is the unit the access code is tied to, if any. Each
// error names the field at fault, so that a script's author can fix it.
func (cv *campaignView) response(a *answerSet, fixedUnit []string) (*vigie.Response, error) {
	r := &vigie.Response{
		CampaignID: cv.ID,
		Segments:   map[string]string{},
		Answers:    map[string]map[string]int{},
		Comments:   map[string]string{},
	}
	switch {
	case len(fixedUnit) > 0:
		if a.Unit != "" && a.Unit != strings.Join(fixedUnit, "/") {
			return nil, vigie.Errorf(vigie.EINVALID, "unit : ce code d'accès est rattaché à l'unité « %s ».", strings.Join(fixedUnit, "/"))
		}
		r.Unit = fixedUnit
	case a.Unit != "":
		path, ok := cv.units[a.Unit]
		if !ok {
			return nil, vigie.Errorf(vigie.EINVALID, "unit : l'unité « %s » n'existe pas dans cette enquête.", a.Unit)
		}
		r.Unit = path
	}
	for id, cat := range a.Segments {
		seg := cv.segment(id)
		if seg == nil {
			return nil, vigie.Errorf(vigie.EINVALID, "segments.%s : cette enquête n'a pas de question « %s ».", id, id)
		}
		if cat == "" {
			continue
		}
		if !contains(seg.Categories, cat) {
			return nil, vigie.Errorf(vigie.EINVALID, "segments.%s : « %s » n'est pas une réponse possible (%s).", id, cat, strings.Join(seg.Categories, ", "))
		}
		r.Segments[id] = cat
	}
	for qid, answers := range a.Answers {
		q := cv.questionnaire(qid)
		if q == nil {
			return nil, vigie.Errorf(vigie.EINVALID, "answers.%s : cette enquête n'a pas de questionnaire « %s ».", qid, qid)
		}
		for item, v := range answers {
			it := q.Item(item)
			if it == nil {
				return nil, vigie.Errorf(vigie.EINVALID, "answers.%s.%s : le questionnaire « %s » n'a pas d'item « %s ».", qid, item, qid, item)
			}
			if v == declined {
				continue
			}
			if !it.Scale.Contains(v) {
				return nil, vigie.Errorf(vigie.EINVALID, "answers.%s.%s : la valeur %d est hors de l'échelle %d–%d.", qid, item, v, it.Scale.Min, it.Scale.Max)
			}
			if r.Answers[qid] == nil {
				r.Answers[qid] = map[string]int{}
			}
			r.Answers[qid][item] = v
		}
	}
	for qid, text := range a.Comments {
		q := cv.questionnaire(qid)
		if q == nil {
			return nil, vigie.Errorf(vigie.EINVALID, "comments.%s : cette enquête n'a pas de questionnaire « %s ».", qid, qid)
		}
		if len(q.Comment) == 0 {
			return nil, vigie.Errorf(vigie.EINVALID, "comments.%s : ce questionnaire ne demande pas de commentaire.", qid)
		}
		if err := checkComment("comments."+qid, text); err != nil {
			return nil, err
		}
		if text = strings.TrimSpace(text); text != "" {
			r.Comments[qid] = text
		}
	}
	return r, nil
}

// checkComment refuses a comment that is too long or not valid text.
func checkComment(field, text string) error {
	if err := vigie.CheckText(field+" : le texte", text); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(text); n > maxCommentRunes {
		return vigie.Errorf(vigie.EINVALID, "%s : le commentaire fait %s caractères, la limite est %s.", field, vigie.Grouped(n), vigie.Grouped(maxCommentRunes))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
