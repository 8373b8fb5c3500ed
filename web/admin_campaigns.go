package web

import (
	"net/http"
	"slices"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/unicode/norm"

	"github.com/vigie-sante/vigie"
)

// campaignsPage is the data of the back office's home page.
type campaignsPage struct {
	Nav       adminNav
	Campaigns []campaignRow
	// Deleted are the campaigns deleted with frozen DUERP versions, whose
	// versions consultants can still download (State holds the day).
	Deleted []campaignRow
	// Rewrite: the file's rewrite pending or failing (after a deletion,
	// the consultant lands here).
	Rewrite *rewriteNotice
	// The search (GET parameters, kept in the form) and what it offers.
	Query, State, Organisation string
	Organisations              []string
	Total                      int // campaigns readable, before the search
}

// campaignRow is one campaign in the list.
type campaignRow struct {
	ID, Title, Organisation, State string
	Dates                          string // when, in words
	Participation                  string // "62 %", "14 répondants", "–"
}

// campaignStates are the states the list can be filtered by, with their
// labels (stateLabel, and archived).
var campaignStates = []stateChoice{
	{"draft", "Brouillon"}, {"open", "Ouverte"}, {"closed", "Close"}, {"archived", "Archivée"},
}

// stateChoice is one state offered by the list's filter.
type stateChoice struct{ Value, Label string }

// States are the states offered by the filter.
func (p *campaignsPage) States() []stateChoice { return campaignStates }

// adminCampaigns lists the campaigns the account may read: all of them
// for a consultant, those granted for a viewer; searched by words of the
// title or organisation (q), filtered by state and organisation.
func (s *Server) adminCampaigns(c *gin.Context) {
	list, err := s.readableCampaigns(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	p := &campaignsPage{Nav: nav(c), Rewrite: s.rewriteNoticeOf(c), Total: len(list),
		Query: strings.TrimSpace(c.Query("q")), State: c.Query("state"), Organisation: c.Query("organisation")}
	for _, camp := range list {
		if !slices.Contains(p.Organisations, camp.Organisation) {
			p.Organisations = append(p.Organisations, camp.Organisation)
		}
		if !p.matches(camp) {
			continue
		}
		row, err := s.campaignRowOf(c, camp)
		if err != nil {
			s.htmlError(c, err)
			return
		}
		p.Campaigns = append(p.Campaigns, row)
	}
	slices.Sort(p.Organisations)
	if p.Nav.Consultant {
		tombs, err := s.store.Tombstones(c.Request.Context())
		if err != nil {
			s.htmlError(c, err)
			return
		}
		for _, t := range tombs {
			p.Deleted = append(p.Deleted, campaignRow{ID: t.ID, Title: t.Title, Organisation: t.Organisation, State: t.DeletedAt})
		}
	}
	s.render(c, http.StatusOK, "admin_campaigns", p)
}

// matches reports whether camp passes the page's search and filters.
func (p *campaignsPage) matches(camp *vigie.Campaign) bool {
	switch {
	case p.State == "archived" && !camp.Archived():
		return false
	case p.State != "" && p.State != "archived" && (string(camp.State) != p.State || camp.Archived()):
		return false
	case p.Organisation != "" && camp.Organisation != p.Organisation:
		return false
	}
	text := searchFold(camp.Title + " " + camp.Organisation)
	for _, w := range strings.Fields(searchFold(p.Query)) {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// campaignRowOf describes one campaign of the list: its dates in words
// and its overall participation, under the same rules as its page.
func (s *Server) campaignRowOf(c *gin.Context, camp *vigie.Campaign) (campaignRow, error) {
	row := campaignRow{ID: camp.ID, Title: camp.Title, Organisation: camp.Organisation, State: stateLabel(camp.State), Participation: "–"}
	if camp.Archived() {
		row.State = "Archivée"
	}
	dates := []string{"pas encore ouverte"}
	if camp.OpenedWeek != "" {
		dates = []string{"ouverte " + weekWords(camp.OpenedWeek, "fr")}
	}
	switch {
	case camp.ClosedWeek != "":
		dates = append(dates, "close "+weekWords(camp.ClosedWeek, "fr"))
	case camp.EndDate != "":
		dates = append(dates, "réponses jusqu’au "+dateWords(camp.EndDate, "fr"))
	}
	row.Dates = upperFirst(strings.Join(dates, ", "))
	if camp.State == vigie.StateDraft {
		return row, nil
	}
	cp, err := s.store.ParticipationHidden(c.Request.Context(), camp, s.now())
	if err != nil {
		return row, err
	}
	// The page's own total row: what it hides stays hidden here.
	o := overall(cp)
	t := totalRow(o, camp.MinGroupSize)
	switch {
	case o.Respondents == nil:
		row.Participation = t.Respondents // « moins de 5 réponses »
	case t.Rate != "–":
		row.Participation = t.Rate + " (" + plural(*o.Respondents, "répondant", "répondants") + ")"
	default:
		row.Participation = plural(*o.Respondents, "répondant", "répondants")
	}
	return row, nil
}

// readableCampaigns returns the campaigns the signed-in account may read.
func (s *Server) readableCampaigns(c *gin.Context) ([]*vigie.Campaign, error) {
	all, err := s.store.Campaigns(c.Request.Context())
	if err != nil {
		return nil, err
	}
	user := currentUser(c)
	if user.IsConsultant() {
		return all, nil
	}
	granted, err := s.store.GrantedCampaigns(c.Request.Context(), user.ID)
	if err != nil {
		return nil, err
	}
	var out []*vigie.Campaign
	for _, camp := range all {
		if contains(granted, camp.ID) {
			out = append(out, camp)
		}
	}
	return out, nil
}

// searchFold lower-cases s and drops its accents, so that « metallerie »
// finds « Métallerie ».
func searchFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
