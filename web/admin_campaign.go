package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// campaignPage is the data of a campaign's page. A viewer gets the same
// page without what the role does not allow: settings, codes, viewers,
// moderation.
type campaignPage struct {
	Nav            adminNav
	C              *vigie.Campaign
	State          string
	URL            string
	Participation  []participationRow
	Total          participationRow // the whole campaign
	CountedOn      string           // while open, the day the participation was counted, in words
	AnyLow         bool
	Questionnaires []questionnaireChoice
	Segments       []string
	Previous       *vigie.Campaign // the previous wave, nil when none

	// Life cycle: the day the raw data will be erased at the latest, or
	// the day it was and what went (store.Erased).
	RetentionEnd string
	ArchivedOn   string
	Erased       []string

	// Consultants only.
	Viewers    []*vigie.User
	CodesTotal int  // codes created; how many served is not shown (see template)
	Invited    int  // addresses sent a code by e-mail (store.InvitedCount)
	MailReady  bool // an SMTP relay is configured: the e-mail form is offered
	// PaperWaiting sheets were typed in once and wait for their second
	// entry, PaperDisputed of them after two entries that differed; the
	// closing form says they are erased, uncounted.
	PaperWaiting, PaperDisputed int
	Sending                     *sendingStatus
	SendingURL                  string
	Units                       []string
	Error                       string
	Rewrite                     *rewriteNotice // the file's rewrite pending or failing
	// The consultant's logos on the documents: the campaign's own and
	// the installation's (each "" when none, else its size in pixels).
	OwnLogo, InstallationLogo string
}

// adminCampaign shows a campaign: state, participation, results, and for
// consultants the controls (open, close, codes, viewers, moderation).
func (s *Server) adminCampaign(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	p, err := s.campaignPageData(c, camp)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	s.render(c, http.StatusOK, "admin_campaign", p)
}

// campaignPageData gathers what the campaign page shows to this account.
func (s *Server) campaignPageData(c *gin.Context, camp *vigie.Campaign) (*campaignPage, error) {
	p := &campaignPage{Nav: nav(c), C: camp, State: stateLabel(camp.State), URL: s.respondentURL(c, camp),
		RetentionEnd: retentionEnd("fr", camp), ArchivedOn: archivedOn("fr", camp)}
	if camp.Archived() {
		p.State, p.Erased = "Archivée", store.Erased
	}
	cp, err := s.store.ParticipationHidden(c.Request.Context(), camp, s.now())
	if err != nil {
		return nil, err
	}
	p.Participation = participationRows(cp.Units, cp.Hidden, camp.MinGroupSize)
	if cp.Day != "" {
		p.CountedOn = dateWords(cp.Day, "fr")
	}
	p.Total = totalRow(overall(cp), camp.MinGroupSize)
	for _, r := range p.Participation {
		p.AnyLow = p.AnyLow || r.Low
	}
	for _, id := range camp.Questionnaires {
		title := id
		if q, err := s.store.Questionnaire(c.Request.Context(), id); err == nil {
			title = q.Title.In("fr", q.Language)
		}
		p.Questionnaires = append(p.Questionnaires, questionnaireChoice{ID: id, Title: title})
	}
	for _, g := range camp.Segments {
		p.Segments = append(p.Segments, g.Label["fr"]+" ("+strings.Join(g.Categories, ", ")+")")
	}
	if camp.Previous != "" {
		if p.Previous, err = s.store.Campaign(c.Request.Context(), camp.Previous); err != nil {
			return nil, err
		}
	}
	if !p.Nav.Consultant {
		return p, nil
	}
	viewers, err := s.store.CampaignViewers(c.Request.Context(), camp.ID)
	if err != nil {
		return nil, err
	}
	p.Viewers = viewers
	own, inst, err := s.store.Logos(c.Request.Context(), camp.ID)
	if err != nil {
		return nil, err
	}
	p.OwnLogo, p.InstallationLogo = logoSize(own), logoSize(inst)
	if p.CodesTotal, _, err = s.store.CodeCounts(c.Request.Context(), camp.ID); err != nil {
		return nil, err
	}
	if p.Invited, err = s.store.InvitedCount(c.Request.Context(), camp.ID); err != nil {
		return nil, err
	}
	p.MailReady = s.admin.cfg.Mailer != nil
	if camp.State == vigie.StateOpen {
		if p.PaperWaiting, p.PaperDisputed, err = s.store.PendingPaper(c.Request.Context(), camp.ID); err != nil {
			return nil, err
		}
	}
	if sd := s.sendings.runningFor(camp.ID); sd != nil {
		p.Sending, p.SendingURL = sd.status(), "/admin"+sendingPath(camp.ID, sd.ID)
	}
	for _, u := range camp.Units {
		p.Units = append(p.Units, strings.Join(u.Path, "/"))
	}
	p.Rewrite = s.rewriteNoticeOf(c)
	return p, nil
}
