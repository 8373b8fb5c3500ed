package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/store"
)

// campaignView is an open campaign with its questionnaires, as the
// answering pages and the submission API need it.
type campaignView struct {
	*vigie.Campaign
	Qs    []*questionnaires.Questionnaire
	units map[string][]string // unit path joined by "/" -> path
}

// questionnaire returns the campaign's questionnaire with id, or nil.
func (cv *campaignView) questionnaire(id string) *questionnaires.Questionnaire {
	for _, q := range cv.Qs {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// segment returns the campaign's segment with id, or nil.
func (cv *campaignView) segment(id string) *vigie.Segment {
	for i := range cv.Segments {
		if cv.Segments[i].ID == id {
			return &cv.Segments[i]
		}
	}
	return nil
}

// campaignBySlug loads the open campaign named in the URL and restricts
// the page's languages to the campaign's.
//
// Store calls get c.Request.Context(), never the *gin.Context itself: gin
// reuses its contexts once a handler returns, while database/sql may still
// watch the context of a query for a moment (a data race otherwise).
func (s *Server) campaignBySlug(c *gin.Context) (*campaignView, error) {
	if cv := s.campaigns.getSlug(c.Param("slug")); cv != nil {
		s.useCampaignLanguages(c, cv.Campaign)
		return cv, nil
	}
	camp, err := s.store.CampaignBySlug(c.Request.Context(), c.Param("slug"))
	if err != nil {
		return nil, err
	}
	s.useCampaignLanguages(c, camp)
	return s.openCampaign(c.Request.Context(), camp)
}

// useCampaignLanguages offers only the campaign's languages on its pages.
func (s *Server) useCampaignLanguages(c *gin.Context, camp *vigie.Campaign) {
	var langs []string
	for _, l := range camp.Languages {
		if isLang(l) {
			langs = append(langs, l)
		}
	}
	if len(langs) == 0 {
		langs = []string{defaultLang}
	}
	c.Set(ctxLangs, langs)
	if !c.GetBool(ctxLangChosen) {
		// A first visit follows the browser: an employee whose browser
		// asks for English gets it when the campaign offers it. The page
		// then depends on the header, which caches must know.
		c.Writer.Header().Add("Vary", "Accept-Language")
		if l := preferredLanguage(c.GetHeader("Accept-Language"), langs); l != "" {
			c.Set(ctxLang, l)
			return
		}
	}
	lang := langOf(c)
	for _, l := range langs {
		if l == lang {
			return
		}
	}
	c.Set(ctxLang, langs[0])
}

// draft is what an employee has answered so far.
type draft struct {
	Unit     string                    `json:"unit,omitempty"`     // joined path; "" declined
	Segments map[string]string         `json:"segments,omitempty"` // id -> category; "" declined
	Answers  map[string]map[string]int `json:"answers,omitempty"`  // qid -> item -> value or declined
	Comments map[string]string         `json:"comments,omitempty"`
	Done     map[string]bool           `json:"done,omitempty"` // keys of completed steps
}

// declined marks an item answered with "Je préfère ne pas répondre": it
// counts as missing, but the step is complete.
const declined = -1 << 31

// step is one screen of the answering path.
type step struct {
	Key string // "unit", "segments", "q/<qid>/<dim>", "comment/<qid>", "review"
	Q   *questionnaires.Questionnaire
	Dim *questionnaires.Dimension
}

// steps lists the screens of cv for sess, in order, the review last.
func (cv *campaignView) steps(sess *session) []step {
	var st []step
	if len(cv.Units) > 0 && !sess.unitFixed {
		st = append(st, step{Key: "unit"})
	}
	if len(cv.Segments) > 0 {
		st = append(st, step{Key: "segments"})
	}
	for _, q := range cv.Qs {
		for _, d := range q.Dimensions {
			if len(d.Items) > 0 {
				st = append(st, step{Key: "q/" + q.ID + "/" + d.ID, Q: q, Dim: d})
			}
		}
		if len(q.Comment) > 0 {
			st = append(st, step{Key: "comment/" + q.ID, Q: q})
		}
	}
	return append(st, step{Key: "review"})
}

// respondent is the state a step handler works on.
type respondent struct {
	cv    *campaignView
	sess  *session
	key   []byte // the browser's draft key, from this request's cookie only
	draft *draft
	steps []step
}

// url returns the address of a step of this campaign.
func (rs *respondent) url(key string) string { return "/r/" + rs.cv.Slug + "/" + key }

// index returns the position of the step named key, or -1.
func (rs *respondent) index(key string) int {
	for i, st := range rs.steps {
		if st.Key == key {
			return i
		}
	}
	return -1
}

// step returns the step named key, if the path has it.
func (rs *respondent) step(key string) (step, bool) {
	i := rs.index(key)
	if i < 0 {
		return step{}, false
	}
	return rs.steps[i], true
}

// next returns the address of the first step not completed yet: the
// review once every step is.
func (rs *respondent) next() string {
	for _, st := range rs.steps {
		if st.Key != "review" && !rs.draft.Done[st.Key] {
			return rs.url(st.Key)
		}
	}
	return rs.url("review")
}

// progress returns the "step i of n" of the step named key.
func (rs *respondent) progress(key string) *progress {
	i := rs.index(key)
	p := &progress{Step: i + 1, Steps: len(rs.steps)}
	if i > 0 {
		p.Back = rs.url(rs.steps[i-1].Key)
	}
	return p
}

// progress is the position of a page in the path.
type progress struct {
	Step, Steps int
	Back        string // the previous step, if any
}

// respondent loads the campaign, the session and the draft of the
// request, and locks the session until done is called. When ok is false
// the answer has been sent (an error, or a redirect to the welcome page
// when there is no session).
func (s *Server) respondent(c *gin.Context) (rs *respondent, done func(), ok bool) {
	cv, err := s.campaignBySlug(c)
	if err != nil {
		s.htmlError(c, err)
		return nil, nil, false
	}
	sess := s.currentSession(c, cv.ID)
	if sess == nil {
		c.Redirect(http.StatusSeeOther, "/r/"+cv.Slug+"?expired=1")
		return nil, nil, false
	}
	sess.mu.Lock()
	if sess.submitted {
		sess.mu.Unlock()
		s.htmlError(c, errAlreadySubmitted)
		return nil, nil, false
	}
	_, key := sessionCookieParts(c)
	d, err := s.loadDraft(c.Request.Context(), sess, key)
	if errors.Is(err, errDraftLost) {
		// The lost draft is gone: the restart page finds none and does
		// not come back here.
		sess.mu.Unlock()
		c.Redirect(http.StatusSeeOther, "/r/"+cv.Slug+"/restart")
		return nil, nil, false
	}
	if errors.Is(err, store.ErrCodeUsed) && !s.mayTell(c, cv.ID, err) {
		// A session's code that has served meanwhile is a used code
		// typed again: beyond the limits, the session goes on as a decoy
		// rather than tell it, so that sessions opened for many codes
		// cannot watch for the moment each serves.
		sess.decoy, sess.saved, sess.draft = true, false, nil
		d, err = s.loadDraft(c.Request.Context(), sess, key)
	} else if errors.Is(err, store.ErrCodeUsed) {
		// Told, and the session ends, with the code it held.
		s.sessions.remove(sess.token)
	}
	if err != nil {
		if vigie.ErrorCode(err) == vigie.ECONFLICT {
			err = s.explainConflict(c.Request.Context(), cv.ID, err, sess)
		}
		sess.mu.Unlock()
		s.htmlError(c, err)
		return nil, nil, false
	}
	rs = &respondent{cv: cv, sess: sess, key: key, draft: d, steps: cv.steps(sess)}
	return rs, sess.mu.Unlock, true
}

// errAlreadySubmitted is shown when answers are sent a second time.
var errAlreadySubmitted = vigie.Errorf(vigie.ECONFLICT, "Vos réponses ont déjà été enregistrées.")

// errRecordedAfter is shown instead when this browser's last submission
// failed on an outage before the code turned out used: that submission
// most likely went through after all.
var errRecordedAfter = vigie.Errorf(vigie.ECONFLICT, "Votre envoi précédent a été interrompu par une panne, mais il a sans doute abouti : ce code a servi depuis, très probablement à enregistrer vos réponses. Vous n'avez rien d'autre à faire.")

// explainConflict turns the store's conflict on a code into the message
// the employee needs: the campaign closed meanwhile, or the code was used
// (from another tab or device) and the answers are already recorded; or,
// when sess (the browser's session, nil when none) saw its submission
// interrupted by an outage, that this submission most likely went
// through. The campaign is read afresh, not from the cache.
func (s *Server) explainConflict(ctx context.Context, campaignID string, err error, sess *session) error {
	camp, cerr := s.store.Campaign(ctx, campaignID)
	if cerr != nil {
		return err
	}
	if camp.State != vigie.StateOpen {
		_, err = s.openCampaign(ctx, camp)
		return err
	}
	if sess != nil && sess.interrupted.Load() {
		return errRecordedAfter
	}
	return errAlreadySubmitted
}

// errDraftLost says that the draft of the session's code could not be
// read in this browser and is gone: it was written in another browser
// (the store erased it), or this session had saved one and another
// browser erased it. The employee is offered to start again.
var errDraftLost = errors.New("web: draft written in another browser, erased")

// loadDraft returns the answers saved so far: from the store under the
// code, opened with the browser's key (codes mode), or from the session
// (link mode, decoys). A decoy reads the store as a real session does, so
// that it takes the same time, and keeps only what says the campaign is
// no longer open.
func (s *Server) loadDraft(ctx context.Context, sess *session, key []byte) (*draft, error) {
	d := &draft{}
	if sess.decoy {
		if _, err := s.store.Draft(ctx, sess.campaignID, sess.code, key); err != nil && !errors.Is(err, store.ErrCodeUsed) {
			return nil, fmt.Errorf("web: load draft: %w", err)
		}
	}
	if sess.code == "" || sess.decoy {
		if sess.draft != nil {
			d = sess.draft
		}
	} else {
		data, err := s.store.Draft(ctx, sess.campaignID, sess.code, key)
		if errors.Is(err, store.ErrDraftErased) || (err == nil && data == nil && sess.saved) {
			sess.saved = false
			return nil, errDraftLost
		}
		if err != nil && vigie.ErrorCode(err) != vigie.ENOTFOUND {
			return nil, fmt.Errorf("web: load draft: %w", err)
		}
		if len(data) > 0 {
			if err := json.Unmarshal(data, d); err != nil {
				// A draft we cannot read is started again rather than
				// blocking the employee.
				d = &draft{}
			}
		}
	}
	if d.Segments == nil {
		d.Segments = map[string]string{}
	}
	if d.Answers == nil {
		d.Answers = map[string]map[string]int{}
	}
	if d.Comments == nil {
		d.Comments = map[string]string{}
	}
	if d.Done == nil {
		d.Done = map[string]bool{}
	}
	return d, nil
}

// saveDraft keeps rs.draft for the next step: in the store under the
// code, sealed with the browser's key (codes mode), or in the session
// (link mode, decoys). A decoy goes through the store's checks as a real
// save does; they refuse its code before anything is written.
func (s *Server) saveDraft(ctx context.Context, rs *respondent) error {
	if rs.sess.code == "" {
		rs.sess.draft = rs.draft
		return nil
	}
	data, err := json.Marshal(rs.draft)
	if err != nil {
		return fmt.Errorf("web: encode draft: %w", err)
	}
	err = s.store.SaveDraft(ctx, rs.sess.campaignID, rs.sess.code, rs.key, data)
	if rs.sess.decoy && errors.Is(err, store.ErrCodeUsed) {
		rs.sess.draft, err = rs.draft, nil
	} else if err == nil {
		rs.sess.saved = true
	}
	if err != nil {
		return fmt.Errorf("web: save draft: %w", err)
	}
	return nil
}

// completeStep marks the step named key done, keeps the draft and sends
// the employee on to the next step not completed yet.
func (s *Server) completeStep(c *gin.Context, rs *respondent, key string) {
	rs.draft.Done[key] = true
	if err := s.saveDraft(c.Request.Context(), rs); err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, rs.next())
}

// redirectToWelcome sends a GET on a form-only address to the campaign's
// welcome page.
func (s *Server) redirectToWelcome(c *gin.Context) {
	c.Redirect(http.StatusSeeOther, "/r/"+c.Param("slug"))
}
