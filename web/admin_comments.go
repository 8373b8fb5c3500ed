package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// commentsPage is the moderation page of a closed campaign.
type commentsPage struct {
	Nav      adminNav
	C        *vigie.Campaign
	Comments []commentRow
	Error    string
	Notice   string // what the last decision did, said after its redirect
	Filter   commentFilter
	// Choices of the filter form.
	Questionnaires []questionnaireChoice
	Units          []string
	Total          int // comments before filtering
	Flagged        int // comments shown that carry identifying hints
	SelectAll      bool
}

// commentFilter narrows the moderation list: a status ("pending",
// "published", "rejected"), a questionnaire id, a group (its label) and
// words searched in the text, "" for all.
type commentFilter struct {
	Status, Questionnaire, Unit, Search string
}

// commentFilterOf reads the filter from the query or the posted form (the
// moderation forms carry it, so a decision keeps the list as it was).
func commentFilterOf(c *gin.Context) commentFilter {
	get := c.Query
	if c.Request.Method == http.MethodPost {
		get = c.PostForm
	}
	f := commentFilter{Status: get("status"), Questionnaire: get("qid"), Unit: get("unit"), Search: strings.TrimSpace(get("q"))}
	switch f.Status {
	case "pending", "published", "rejected":
	default:
		f.Status = ""
	}
	return f
}

// keeps reports whether a comment passes the filter.
func (f commentFilter) keeps(cm vigie.Comment) bool {
	if f.Questionnaire != "" && cm.QuestionnaireID != f.Questionnaire {
		return false
	}
	if f.Unit != "" && unitLabel(cm.Unit) != f.Unit {
		return false
	}
	if f.Search != "" {
		q := strings.ToLower(f.Search)
		if !strings.Contains(strings.ToLower(cm.Original), q) && !strings.Contains(strings.ToLower(cm.Text), q) {
			return false
		}
	}
	switch f.Status {
	case "pending":
		return cm.Status != vigie.CommentPublished && cm.Status != vigie.CommentRejected
	case "published":
		return cm.Status == vigie.CommentPublished
	case "rejected":
		return cm.Status == vigie.CommentRejected
	}
	return true
}

// values is the filter as query parameters.
func (f commentFilter) values() url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"status": f.Status, "qid": f.Questionnaire, "unit": f.Unit, "q": f.Search} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v
}

// query is the filter as a query string ("" or "?status=...&qid=...").
func (f commentFilter) query() string {
	if v := f.values(); len(v) > 0 {
		return "?" + v.Encode()
	}
	return ""
}

// commentRow is one comment to moderate. It carries no date; the page
// orders comments by their random id, so the order says nothing of who
// wrote them or when, and stays the same from one decision to the next.
type commentRow struct {
	ID            string
	Questionnaire string // its title
	Group         string
	Text          string
	Original      string
	Status        string
	Redacted      bool
	Hints         []string // why the comment is flagged, in words
	Selected      bool     // checked for the group decision
	Next          string   // the anchor to come back to after deciding
	// A refused decision is shown again on its comment with its message,
	// as the consultant typed it.
	Action string // the radio to check; "" checks none
	Input  string // the textarea's text
	Error  string
}

// moderationInput is a decision the store refused, to show again.
type moderationInput struct {
	commentID, action, text, msg string
}

// commentStatusLabel names a moderation state in French.
func commentStatusLabel(st vigie.CommentStatus, redacted bool) string {
	switch {
	case st == vigie.CommentPublished && redacted:
		return "publié (caviardé)"
	case st == vigie.CommentPublished:
		return "publié"
	case st == vigie.CommentRejected:
		return "rejeté"
	}
	return "à modérer"
}

// adminComments lists the comments of a closed campaign whose group
// reaches the comment threshold, flagged ones first, without dates.
func (s *Server) adminComments(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	s.renderCommentsPage(c, http.StatusOK, camp, commentsView{notice: decisionNotice(c.Query("done"), c.Query("n")), selectAll: c.Query("select") == "all"})
}

// commentsView is what a moderation page shows besides the list: a
// refused decision, an error, a notice, the selection kept.
type commentsView struct {
	refused   *moderationInput
	msg       string
	notice    string
	selectAll bool
	selected  map[string]bool
}

func (s *Server) renderCommentsPage(c *gin.Context, status int, camp *vigie.Campaign, v commentsView) {
	p := &commentsPage{Nav: nav(c), C: camp, Filter: commentFilterOf(c), Error: v.msg, Notice: v.notice, SelectAll: v.selectAll}
	titles := map[string]string{}
	for _, id := range camp.Questionnaires {
		title := id
		if q, err := s.store.Questionnaire(c.Request.Context(), id); err == nil {
			title = q.Title.In("fr", q.Language)
		}
		titles[id] = title
		p.Questionnaires = append(p.Questionnaires, questionnaireChoice{ID: id, Title: title})
	}
	list, err := s.store.CommentsForModeration(c.Request.Context(), camp.ID, camp.CommentMinGroupSize)
	if vigie.ErrorCode(err) == vigie.ECONFLICT {
		p.Error = vigie.ErrorMessage(err)
		status = http.StatusConflict
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	p.Total = len(list)
	refused := v.refused
	for _, cm := range list {
		if g := unitLabel(cm.Unit); !slices.Contains(p.Units, g) {
			p.Units = append(p.Units, g)
		}
		if !p.Filter.keeps(cm) {
			continue
		}
		row := commentRow{
			ID: cm.ID, Questionnaire: titles[cm.QuestionnaireID], Group: unitLabel(cm.Unit), Text: cm.Text,
			Original: cm.Original, Status: commentStatusLabel(cm.Status, cm.Redacted), Redacted: cm.Redacted,
			Input: cm.Text, Hints: hintLines(vigie.IdentifyingHints(cm.Original)),
			Selected: v.selectAll || v.selected[cm.ID],
		}
		if refused != nil && refused.commentID == cm.ID {
			row.Action, row.Input, row.Error = refused.action, refused.text, refused.msg
		}
		p.Comments = append(p.Comments, row)
	}
	slices.Sort(p.Units)
	sortComments(p.Comments)
	for i := range p.Comments {
		if len(p.Comments[i].Hints) > 0 {
			p.Flagged++
		}
		// After a decision, the page comes back to the comment that
		// follows (the decided one may leave a filtered list).
		p.Comments[i].Next = "list"
		if i+1 < len(p.Comments) {
			p.Comments[i].Next = "c-" + p.Comments[i+1].ID
		}
	}
	if refused != nil && p.Error == "" {
		p.Error = "Une décision n'a pas été appliquée : voyez le message sur son commentaire ci-dessous."
	}
	s.render(c, status, "admin_comments", p)
}

// sortComments puts the flagged comments first, then orders by the
// comments' random ids: a stable order that reveals nothing.
func sortComments(rows []commentRow) {
	slices.SortStableFunc(rows, func(a, b commentRow) int {
		if fa, fb := len(a.Hints) > 0, len(b.Hints) > 0; fa != fb {
			if fa {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// decisionNotice says what the decision just applied did, from the
// redirect's query ("publish" and a count...); "" when nothing was.
func decisionNotice(action, count string) string {
	n, err := strconv.Atoi(count)
	if err != nil || n < 1 {
		return ""
	}
	switch action {
	case "publish":
		return vigie.Plural(n, "commentaire publié tel quel", "commentaires publiés tels quels") + "."
	case "redact":
		return vigie.Plural(n, "commentaire publié caviardé", "commentaires publiés caviardés") + "."
	case "reject":
		return vigie.Plural(n, "commentaire rejeté", "commentaires rejetés") + "."
	}
	return ""
}

// afterDecision is where a decision sends the consultant back: the same
// filters, the notice of what was done, and the anchor to resume at.
func afterDecision(c *gin.Context, campaignID, action string, n int, anchor string) string {
	v := commentFilterOf(c).values()
	v.Set("done", action)
	v.Set("n", strconv.Itoa(n))
	if anchor == "" || !validAnchor(anchor) {
		anchor = "list"
	}
	return "/admin/campaigns/" + campaignID + "/comments?" + v.Encode() + "#" + anchor
}

// validAnchor reports whether a posted anchor is one the page makes
// ("list" or "c-" and a comment id), so a redirect carries nothing else.
func validAnchor(a string) bool {
	id, ok := strings.CutPrefix(a, "c-")
	if a == "list" {
		return true
	}
	if !ok || id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// moderate applies a decision to a comment and logs it (the comment's
// random id, never its text).
func (s *Server) moderate(c *gin.Context, campaignID, commentID, action, text string) error {
	if err := s.store.ModerateComment(c.Request.Context(), campaignID, commentID, action, text); err != nil {
		return err
	}
	s.audit(c, "comment."+action, campaignID, commentID)
	return nil
}

// adminCommentModerate handles one moderation form.
func (s *Server) adminCommentModerate(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	in := &moderationInput{commentID: c.Param("cid"), action: c.PostForm("action"), text: c.PostForm("text")}
	err := s.moderate(c, camp.ID, in.commentID, in.action, in.text)
	if vigie.ErrorCode(err) == vigie.EINVALID {
		in.msg = vigie.ErrorMessage(err)
		s.renderCommentsPage(c, http.StatusBadRequest, camp, commentsView{refused: in})
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, afterDecision(c, camp.ID, in.action, 1, c.PostForm("next")))
}

// adminCommentsBulk publishes or rejects, as they are, every comment
// selected on the moderation page. Redacting needs a text per comment and
// stays one at a time. Publishing a selection that holds flagged comments
// needs the box « j'ai relu les commentaires signalés ».
func (s *Server) adminCommentsBulk(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	action, ids := c.PostForm("action"), c.PostFormArray("cid")
	selected := map[string]bool{}
	for _, id := range ids {
		selected[id] = true
	}
	var msg string
	switch {
	case action != "publish" && action != "reject":
		msg = "Choisissez « Publier la sélection telle quelle » ou « Rejeter la sélection »."
	case len(ids) == 0:
		msg = "Aucun commentaire sélectionné : cochez « Sélectionner » sur les commentaires à traiter."
	case action == "publish" && c.PostForm("reviewed") != "1":
		n, err := s.flaggedAmong(c, camp, selected)
		if err != nil {
			s.htmlError(c, err)
			return
		}
		if n > 0 {
			msg = "Rien n'a été publié : " + vigie.Plural(n, "commentaire sélectionné est signalé", "commentaires sélectionnés sont signalés") +
				" (nom, lieu, date possibles, en tête de liste). Relisez-les, caviardez ou décochez ce qui doit l'être, puis cochez « J'ai relu les commentaires signalés » et publiez à nouveau."
		}
	}
	if msg != "" {
		s.renderCommentsPage(c, http.StatusBadRequest, camp, commentsView{msg: msg, selected: selected})
		return
	}
	// All or none: a refused id (already decided elsewhere, unknown) leaves
	// the whole selection as it was, with its message.
	if err := s.store.ModerateComments(c.Request.Context(), camp.ID, ids, action); vigie.ErrorCode(err) == vigie.EINVALID || vigie.ErrorCode(err) == vigie.ENOTFOUND {
		s.renderCommentsPage(c, http.StatusBadRequest, camp, commentsView{msg: vigie.ErrorMessage(err), selected: selected})
		return
	} else if err != nil {
		s.htmlError(c, err)
		return
	}
	for _, id := range ids {
		s.audit(c, "comment."+action, camp.ID, id)
	}
	c.Redirect(http.StatusSeeOther, afterDecision(c, camp.ID, action, len(ids), "list"))
}

// flaggedAmong counts the selected comments that carry identifying hints.
func (s *Server) flaggedAmong(c *gin.Context, camp *vigie.Campaign, selected map[string]bool) (int, error) {
	list, err := s.store.CommentsForModeration(c.Request.Context(), camp.ID, camp.CommentMinGroupSize)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, cm := range list {
		if selected[cm.ID] && len(vigie.IdentifyingHints(cm.Original)) > 0 {
			n++
		}
	}
	return n, nil
}

// hintLines explains, in French, why a comment is flagged.
func hintLines(hints []vigie.Hint) []string {
	var out []string
	for _, h := range hints {
		var why string
		switch h.Kind {
		case vigie.HintTitle:
			why = "civilité ou titre : un nom peut suivre"
		case vigie.HintName:
			why = "majuscule au milieu d'une phrase : nom de personne, de lieu ou de service ?"
		case vigie.HintMonth:
			why = "mois ou jour : situe un événement vécu"
		case vigie.HintDate:
			why = "date ou année"
		}
		out = append(out, "« "+h.Word+" » : "+why)
	}
	return out
}

// Query is the filter as a query string, for templates.
func (f commentFilter) Query() string { return f.query() }

// SelectAllURL is the page with every comment shown checked for the
// group decision (works without JavaScript).
func (f commentFilter) SelectAllURL(campaignID string) string {
	v := f.values()
	v.Set("select", "all")
	return "/admin/campaigns/" + campaignID + "/comments?" + v.Encode() + "#bulk"
}
