package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/store"
)

// actionsPage is the "Plan d'action" page of a campaign: the plan grouped
// by unit and risk family; for consultants, the forms to add, edit and
// move an action on. Viewers read the same list without forms.
type actionsPage struct {
	Nav     adminNav
	C       *vigie.Campaign
	Pending string // why there is no plan yet (the campaign is not closed)
	Groups  []actionGroup
	Error   string // a refused creation: shown above the creation form

	// The table of the plan, filtered; the action being edited (its form
	// under the table), nil when none.
	Rows    []actionRow
	Total   int
	Filter  actionFilter
	Owners  []string
	Editing *actionRow
	Today   string // YYYY-MM-DD, for "en retard"
	// ResultsNav links the campaign's result pages.
	ResultsNav *resultsNav

	// The choices of the forms.
	Units           []option
	DimensionGroups []dimensionGroup
	Families        []option
	Statuses        []option
	New             actionForm // the creation form, kept as typed when refused
}

// dimensionGroup is the dimensions of one questionnaire, offered as
// checkboxes under its title.
type dimensionGroup struct {
	Title   string
	Options []option
}

// actionFilter narrows the plan's table: a unit path ("-" for everyone,
// "" for all), an owner, a status, and overdue actions only.
type actionFilter struct {
	Unit, Owner, Status string
	Overdue             bool
}

// keeps reports whether an action passes the filter on day today.
func (f actionFilter) keeps(a vigie.Action, today string) bool {
	switch {
	case f.Unit == "-" && a.Unit != "", f.Unit != "" && f.Unit != "-" && a.Unit != f.Unit:
		return false
	case f.Owner != "" && a.Owner != f.Owner, f.Status != "" && string(a.Status) != f.Status:
		return false
	case f.Overdue && !overdue(a, today):
		return false
	}
	return true
}

// overdue reports whether an action's due day is past and it is neither
// done nor abandoned.
func overdue(a vigie.Action, today string) bool {
	return a.Due != "" && a.Due < today && a.Status != vigie.ActionDone && a.Status != vigie.ActionAbandoned
}

// option is one choice of a select.
type option struct{ Value, Label string }

// actionGroup is the actions of one (unit, risk family).
type actionGroup struct {
	Unit, Family string
	Actions      []actionRow
}

// actionRow is an action as the page lists it, with its edit form.
type actionRow struct {
	A           vigie.Action
	Status      string // in words
	Dimensions  []string
	Form        actionForm
	Error       string // a refused change of this action
	OpenEditing bool
	Unit        string // in words
	Family      string
	Overdue     bool
	Confirm     string // a refused deletion's message
}

// actionForm is the fields of an action form, as typed.
type actionForm struct {
	Title, Description, Unit, RiskFamily, Owner, Due, Budget, Status, FollowUp string
	Dimensions                                                                 []string
}

// actionFormView is what the "actionform" template takes.
type actionFormView struct {
	Page   *actionsPage
	F      actionForm
	Action string // the form's target
	P      string // prefix of the ids of its fields
}

// Has reports whether the form selected dimension d (for the template).
func (f actionForm) Has(d string) bool { return slices.Contains(f.Dimensions, d) }

func formOf(a *vigie.Action) actionForm {
	return actionForm{Title: a.Title, Description: a.Description, Unit: a.Unit, RiskFamily: a.RiskFamily, Owner: a.Owner,
		Due: a.Due, Budget: a.Budget, Status: string(a.Status), FollowUp: a.FollowUp, Dimensions: a.Dimensions}
}

// readActionForm reads a posted action form.
func readActionForm(c *gin.Context) actionForm {
	return actionForm{Title: c.PostForm("title"), Description: c.PostForm("description"), Unit: c.PostForm("unit"),
		RiskFamily: c.PostForm("risk_family"), Owner: c.PostForm("owner"), Due: c.PostForm("due"), Budget: c.PostForm("budget"),
		Status: c.PostForm("status"), FollowUp: c.PostForm("follow_up"), Dimensions: c.PostFormArray("dimensions")}
}

// refusedAction is a form the store refused, to show again with its message.
type refusedAction struct {
	id      string // "" for the creation form
	form    actionForm
	msg     string
	edit    string // the action whose form is open, when none was refused
	confirm string // a refused deletion's message
}

// adminActions shows the plan. The creation form may be prefilled from
// the query (?unit=...&dimension=q/d&title=...), so that a priority of the
// results becomes an action in one click.
func (s *Server) adminActions(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	form := actionForm{Unit: c.Query("unit"), Title: c.Query("title"), Status: string(vigie.ActionPlanned), Dimensions: c.QueryArray("dimension")}
	s.renderActions(c, http.StatusOK, camp, &refusedAction{form: form, edit: c.Query("edit")})
}

// renderActions renders the page; refused, when not nil, is a form to
// show again (the creation form when its id is "").
func (s *Server) renderActions(c *gin.Context, status int, camp *vigie.Campaign, refused *refusedAction) {
	p := &actionsPage{Nav: nav(c), C: camp, Today: s.now().In(vigie.Paris).Format(time.DateOnly),
		ResultsNav: s.resultsNavOf(c, camp, "actions"),
		Filter:     actionFilter{Unit: c.Query("unit_filter"), Owner: c.Query("owner"), Status: c.Query("status_filter"), Overdue: c.Query("overdue") == "1"}}
	if err := store.ResultsAvailable(camp); err != nil {
		p.Pending = vigie.ErrorMessage(err)
		s.render(c, status, "admin_actions", p)
		return
	}
	ctx := c.Request.Context()
	list, err := s.store.Actions(ctx, camp.ID)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	qs, err := s.store.CampaignQuestionnaires(ctx, camp.ID)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	p.Units = append(p.Units, option{"", dossier.UnitLabel("")})
	for _, u := range camp.Units {
		p.Units = append(p.Units, option{strings.Join(u.Path, "/"), unitLabel(u.Path)})
	}
	dimTitle := map[string]string{}
	for _, q := range qs {
		g := dimensionGroup{Title: q.Title.In("fr", q.Language)}
		for _, d := range q.Dimensions {
			id := q.ID + "/" + d.ID
			dimTitle[id] = g.Title + " – " + d.Title.In("fr", q.Language)
			g.Options = append(g.Options, option{id, d.Title.In("fr", q.Language)})
		}
		p.DimensionGroups = append(p.DimensionGroups, g)
	}
	p.Families = append(p.Families, option{"", "(celle de la première dimension)"})
	for _, f := range questionnaires.RiskFamilies {
		p.Families = append(p.Families, option{string(f), f.Label("fr")})
	}
	for _, st := range vigie.ActionStatuses {
		p.Statuses = append(p.Statuses, option{string(st), st.Label()})
	}
	if refused != nil && refused.id == "" {
		p.New, p.Error = refused.form, refused.msg
	}
	p.Groups = groupActions(camp, list, dimTitle, refused)
	p.Total = len(list)
	for _, g := range p.Groups {
		for _, a := range g.Actions {
			a.Unit, a.Family, a.Overdue = g.Unit, g.Family, overdue(a.A, p.Today)
			if a.A.Owner != "" && !slices.Contains(p.Owners, a.A.Owner) {
				p.Owners = append(p.Owners, a.A.Owner)
			}
			if refused != nil && (refused.id == a.A.ID || refused.edit == a.A.ID) {
				a.Confirm = refused.confirm
				editing := a
				p.Editing = &editing
			}
			if p.Filter.keeps(a.A, p.Today) {
				p.Rows = append(p.Rows, a)
			}
		}
	}
	slices.Sort(p.Owners)
	s.render(c, status, "admin_actions", p)
}

// groupActions groups the plan by unit (everyone first, then the
// campaign's order) and by family (the Gollac order, unclassified last).
func groupActions(camp *vigie.Campaign, list []vigie.Action, dimTitle map[string]string, refused *refusedAction) []actionGroup {
	unitRank := func(u string) int {
		if u == "" {
			return -1
		}
		return slices.IndexFunc(camp.Units, func(x vigie.Unit) bool { return strings.Join(x.Path, "/") == u })
	}
	familyRank := func(f string) int {
		if i := slices.Index(questionnaires.RiskFamilies, questionnaires.RiskFamily(f)); i >= 0 {
			return i
		}
		return len(questionnaires.RiskFamilies)
	}
	list = slices.Clone(list)
	slices.SortStableFunc(list, func(a, b vigie.Action) int {
		if d := unitRank(a.Unit) - unitRank(b.Unit); d != 0 {
			return d
		}
		return familyRank(a.RiskFamily) - familyRank(b.RiskFamily)
	})
	var out []actionGroup
	for _, a := range list {
		if n := len(out); n == 0 || out[n-1].Unit != dossier.UnitLabel(a.Unit) || out[n-1].Family != dossier.FamilyLabel(a.RiskFamily) {
			out = append(out, actionGroup{Unit: dossier.UnitLabel(a.Unit), Family: dossier.FamilyLabel(a.RiskFamily)})
		}
		row := actionRow{A: a, Status: a.Status.Label(), Form: formOf(&a)}
		for _, d := range a.Dimensions {
			row.Dimensions = append(row.Dimensions, orElse(dimTitle[d], d))
		}
		if refused != nil && refused.id == a.ID {
			row.Form, row.Error, row.OpenEditing = refused.form, refused.msg, true
		}
		out[len(out)-1].Actions = append(out[len(out)-1].Actions, row)
	}
	return out
}

// orElse returns a, or b when a is empty.
func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// adminActionCreate adds an action from the page's form.
func (s *Server) adminActionCreate(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	f := readActionForm(c)
	_, err := s.createAction(c, vigie.Action{Title: f.Title, Description: f.Description, Unit: f.Unit, Dimensions: f.Dimensions,
		RiskFamily: f.RiskFamily, Owner: f.Owner, Due: f.Due, Budget: f.Budget, Status: vigie.ActionStatus(f.Status), FollowUp: f.FollowUp})
	if s.actionRefused(c, camp, err, &refusedAction{form: f}) {
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"/actions")
}

// adminActionSave changes an action from its edit form, or only its
// status from the quick status form: the fields posted change, the
// others stay (the full form says it sends dimensions with
// "dimensions_sent", since an empty multiple select sends nothing).
func (s *Server) adminActionSave(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	aid := c.Param("aid")
	var p vigie.ActionPatch
	var fields []string
	for _, f := range []struct {
		name string
		dst  **string
	}{
		{"title", &p.Title}, {"description", &p.Description}, {"unit", &p.Unit}, {"risk_family", &p.RiskFamily},
		{"owner", &p.Owner}, {"due", &p.Due}, {"budget", &p.Budget}, {"follow_up", &p.FollowUp},
	} {
		if v, ok := c.GetPostForm(f.name); ok {
			*f.dst = &v
			fields = append(fields, f.name)
		}
	}
	if _, ok := c.GetPostForm("dimensions_sent"); ok {
		dims := c.PostFormArray("dimensions")
		p.Dimensions = &dims
		fields = append(fields, "dimensions")
	}
	if v, ok := c.GetPostForm("status"); ok {
		st := vigie.ActionStatus(v)
		p.Status = &st
		fields = append(fields, "status")
	}
	_, err := s.updateAction(c, aid, p, strings.Join(fields, ", "))
	if err != nil && vigie.ErrorCode(err) == vigie.EINVALID {
		cur, gerr := s.store.Action(c.Request.Context(), camp.ID, aid)
		if gerr != nil {
			s.htmlError(c, gerr)
			return
		}
		// The form comes back as typed: the action with the patch applied.
		patched := p.Apply(*cur)
		s.renderActions(c, http.StatusBadRequest, camp, &refusedAction{id: aid, form: formOf(&patched), msg: vigie.ErrorMessage(err)})
		return
	}
	if err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID+"/actions")
}

// adminActionDelete removes an action once its confirmation box is
// ticked; without it, the page comes back with the action's form open.
func (s *Server) adminActionDelete(c *gin.Context) {
	camp, ok := s.postedCampaign(c)
	if !ok {
		return
	}
	if c.PostForm("confirm") != "1" {
		s.renderActions(c, http.StatusBadRequest, camp, &refusedAction{edit: c.Param("aid"),
			confirm: "Rien n'a été supprimé : cochez la case de confirmation pour supprimer cette action."})
		return
	}
	if err := s.deleteAction(c, c.Param("aid")); err != nil {
		s.htmlError(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+c.Param("id")+"/actions")
}

// actionRefused shows the page again with the store's message when it
// refused the form's input, and reports whether the request is answered.
func (s *Server) actionRefused(c *gin.Context, camp *vigie.Campaign, err error, r *refusedAction) bool {
	switch {
	case err == nil:
		return false
	case vigie.ErrorCode(err) == vigie.EINVALID:
		r.msg = vigie.ErrorMessage(err)
		s.renderActions(c, http.StatusBadRequest, camp, r)
	default:
		s.htmlError(c, err)
	}
	return true
}
