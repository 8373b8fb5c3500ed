package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/store"
)

// entryNoAnswer is the key typed for "Je préfère ne pas répondre" (the
// NR column of the paper form): on every keyboard, numeric pads included.
const entryNoAnswer = "-"

// entryPage is the data of the paper entry screen. The form is one
// page, so the typist goes from the sheet number to the last answer with
// the keyboard alone: one character per item, Enter to send.
type entryPage struct {
	Nav      adminNav
	C        *vigie.Campaign
	Units    []string
	Segments []entrySegment
	Qs       []entryQuestionnaire
	Sheet    string
	Unit     string
	Resolve  bool // the two entries differed: this one replaces both
	Diffs    []entryDiff
	Notice   string
	Error    string
	NoAnswer string
}

// entrySegment is one segment's choice on the entry screen.
type entrySegment struct {
	ID, Label, Value string
	Categories       []string
}

// entryQuestionnaire is one questionnaire's items and typed answers.
type entryQuestionnaire struct {
	ID, Title, Scale string
	Items            []string // texts, numbered as on paper
	Answers          string   // as typed: "4321-5…", or separated by spaces
	Comment          string
	HasComment       bool
}

// entryDiff is one field where two entries differ, both values shown.
type entryDiff struct {
	Field, First, Second string
}

// adminEntry shows the empty entry screen.
func (s *Server) adminEntry(c *gin.Context) {
	cv, err := s.campaignByID(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.htmlError(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_entry", s.entryPage(c, cv))
}

// entryPage returns the screen for cv with nothing typed.
func (s *Server) entryPage(c *gin.Context, cv *campaignView) *entryPage {
	p := &entryPage{Nav: nav(c), C: cv.Campaign, NoAnswer: entryNoAnswer}
	for _, u := range cv.Units {
		p.Units = append(p.Units, strings.Join(u.Path, "/"))
	}
	for _, g := range cv.Segments {
		p.Segments = append(p.Segments, entrySegment{ID: g.ID, Label: vigie.InLanguage(g.Label, "fr"), Categories: g.Categories})
	}
	for _, q := range cv.Qs {
		eq := entryQuestionnaire{ID: q.ID, Title: q.Title.In("fr", q.Language), HasComment: len(q.Comment) > 0}
		var scales []string
		for _, it := range q.Items() {
			eq.Items = append(eq.Items, it.Text.In("fr", q.Language))
			if sc := fmt.Sprintf("%d à %d", it.Scale.Min, it.Scale.Max); !contains(scales, sc) {
				scales = append(scales, sc)
			}
		}
		eq.Scale = strings.Join(scales, " ou ")
		p.Qs = append(p.Qs, eq)
	}
	return p
}

// adminEntrySave records one entry typed on the screen, or the corrected
// entry of a sheet whose two entries differed (resolve=1). Whatever
// happens, the screen comes back: empty after a success, as typed with
// the message otherwise, and with both values side by side on a mismatch.
func (s *Server) adminEntrySave(c *gin.Context) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	ctx := c.Request.Context()
	cv, err := s.campaignByID(ctx, c.Param("id"))
	if err != nil {
		s.htmlError(c, err)
		return
	}
	p := s.entryPage(c, cv)
	p.Sheet, p.Unit = strings.TrimSpace(c.PostForm("sheet")), c.PostForm("unit")
	p.Resolve = c.PostForm("resolve") != "" // kept through a refused correction
	for i := range p.Segments {
		p.Segments[i].Value = c.PostForm("seg." + p.Segments[i].ID)
	}
	for i := range p.Qs {
		p.Qs[i].Answers = c.PostForm("q." + p.Qs[i].ID)
		p.Qs[i].Comment = c.PostForm("c." + p.Qs[i].ID)
	}
	fail := func(err error) {
		status, msg := s.classify(c, err)
		p.Error = msg
		s.render(c, status, "admin_entry", p)
	}
	r, err := p.response(cv)
	if err != nil {
		fail(err)
		return
	}
	if p.Resolve {
		if _, err := s.enterPaper(c, cv, p.Sheet, r, true); err != nil {
			fail(err)
			return
		}
		s.entryDone(c, cv, "Feuille "+p.Sheet+" enregistrée avec la saisie corrigée.")
		return
	}
	res, err := s.enterPaper(c, cv, p.Sheet, r, false)
	if err != nil {
		fail(err)
		return
	}
	switch res.Status {
	case store.PaperAwaiting:
		s.entryDone(c, cv, "Feuille "+p.Sheet+" : première saisie gardée. Elle doit être saisie une seconde fois, de préférence par une autre personne.")
	case store.PaperRecorded:
		s.entryDone(c, cv, "Feuille "+p.Sheet+" enregistrée.")
	default:
		p.Resolve = true
		p.Error = "Les deux saisies de cette feuille diffèrent. Relisez la feuille pour les lignes ci-dessous, corrigez le formulaire (il montre la seconde saisie) et envoyez : cette saisie remplacera les deux."
		for _, f := range res.Fields {
			p.Diffs = append(p.Diffs, entryDiff{Field: cv.fieldLabel(f), First: cv.fieldValue(res.First, f), Second: cv.fieldValue(r, f)})
		}
		s.render(c, http.StatusConflict, "admin_entry", p)
	}
}

// entryDone shows an empty screen, ready for the next sheet.
func (s *Server) entryDone(c *gin.Context, cv *campaignView, notice string) {
	p := s.entryPage(c, cv)
	p.Notice = notice
	s.render(c, http.StatusOK, "admin_entry", p)
}

// response reads the typed answers: one character per item ("-" for no
// answer), or values separated by spaces when a scale goes past 9. Each
// value is checked against its item's scale, and the whole against the
// campaign as any submission is.
func (p *entryPage) response(cv *campaignView) (*vigie.Response, error) {
	if p.Sheet == "" {
		return nil, vigie.Errorf(vigie.EINVALID, "Tapez le numéro de feuille imprimé en haut de chaque page.")
	}
	a := &answerSet{Unit: p.Unit, Segments: map[string]string{}, Answers: map[string]map[string]int{}, Comments: map[string]string{}}
	for _, g := range p.Segments {
		a.Segments[g.ID] = g.Value
	}
	for i, eq := range p.Qs {
		q := cv.Qs[i]
		values, err := entryValues(q, eq.Title, eq.Answers)
		if err != nil {
			return nil, err
		}
		a.Answers[q.ID] = values
		if eq.HasComment {
			a.Comments[q.ID] = eq.Comment
		}
	}
	return cv.response(a, nil)
}

// entryValues reads the typed answers of one questionnaire.
func entryValues(q *questionnaires.Questionnaire, title, typed string) (map[string]int, error) {
	typed = strings.TrimSpace(typed)
	tokens := strings.Fields(typed)
	if len(tokens) <= 1 {
		tokens = strings.Split(typed, "")
	}
	items := q.Items()
	if len(tokens) != len(items) {
		return nil, vigie.Errorf(vigie.EINVALID, "« %s » : %d réponses tapées pour %d questions (tapez « %s » pour une question sans réponse).", title, len(tokens), len(items), entryNoAnswer)
	}
	out := map[string]int{}
	for i, tok := range tokens {
		it := items[i]
		if tok == entryNoAnswer {
			out[it.ID] = declined
			continue
		}
		v, err := strconv.Atoi(tok)
		if err != nil || !it.Scale.Contains(v) {
			return nil, vigie.Errorf(vigie.EINVALID, "« %s », question %d : « %s » n'est pas une réponse possible (de %d à %d, ou « %s » pour « Je préfère ne pas répondre »).",
				title, i+1, tok, it.Scale.Min, it.Scale.Max, entryNoAnswer)
		}
		out[it.ID] = v
	}
	return out, nil
}
