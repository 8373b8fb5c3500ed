package vigie

// ActionStatus is where an action of the plan stands.
type ActionStatus string

// The statuses of an action.
const (
	ActionPlanned    ActionStatus = "planned"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
	ActionAbandoned  ActionStatus = "abandoned"
)

// ActionStatuses lists the statuses in the order of an action's life.
var ActionStatuses = []ActionStatus{ActionPlanned, ActionInProgress, ActionDone, ActionAbandoned}

// Valid reports whether st is one of the four statuses.
func (st ActionStatus) Valid() bool {
	switch st {
	case ActionPlanned, ActionInProgress, ActionDone, ActionAbandoned:
		return true
	}
	return false
}

// Label names the status in French, as pages and the DUERP show it.
func (st ActionStatus) Label() string {
	switch st {
	case ActionPlanned:
		return "prévue"
	case ActionInProgress:
		return "en cours"
	case ActionDone:
		return "réalisée"
	case ActionAbandoned:
		return "abandonnée"
	}
	return string(st)
}

// Action is one measure of a campaign's action plan, decided after the
// results: what will change in the work, for which unit, who carries it
// and by when. It is about work, never about a person.
type Action struct {
	ID          string
	CampaignID  string
	Title       string
	Description string
	Unit        string   // a unit path joined by "/", "" for everyone
	Dimensions  []string // "questionnaire/dimension" ids of the campaign
	RiskFamily  string   // a questionnaires.RiskFamily, "" when unknown
	Owner       string   // a role rather than a name ("Responsable de service")
	Due         string   // YYYY-MM-DD, "" when not set
	Budget      string
	Status      ActionStatus
	FollowUp    string // how the effect will be followed
}

// ActionPatch is a change to an action: nil fields stay as they are.
type ActionPatch struct {
	Title, Description, Unit *string
	Dimensions               *[]string
	RiskFamily, Owner, Due   *string
	Budget                   *string
	Status                   *ActionStatus
	FollowUp                 *string
}

// Apply returns a copy of a with the patch's fields set.
func (p *ActionPatch) Apply(a Action) Action {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&a.Title, p.Title)
	set(&a.Description, p.Description)
	set(&a.Unit, p.Unit)
	set(&a.RiskFamily, p.RiskFamily)
	set(&a.Owner, p.Owner)
	set(&a.Due, p.Due)
	set(&a.Budget, p.Budget)
	set(&a.FollowUp, p.FollowUp)
	if p.Dimensions != nil {
		a.Dimensions = append([]string(nil), (*p.Dimensions)...)
	}
	if p.Status != nil {
		a.Status = *p.Status
	}
	return a
}
