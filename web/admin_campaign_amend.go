package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

// amendForm is the form of an open campaign: what may still change
// (store.Amendment), and what no longer does, each with its reason.
type amendForm struct {
	Nav           adminNav
	C             *vigie.Campaign
	Title         string
	ConductedByFR string
	ConductedByEN string
	PurposeFR     string
	PurposeEN     string
	Controller    string
	DPOContact    string
	EndDate       string
	Today         string // the earliest end date, "YYYY-MM-DD"
	AddUnits      string // one "path;headcount" per line
	Units         []string
	Locked        []lockedSetting
	Errors        []string
}

// lockedSetting is a setting shown but no longer editable.
type lockedSetting struct {
	Label, Value, Reason string
}

// amendFormOf fills the form of camp with its current values.
func (s *Server) amendFormOf(c *gin.Context, camp *vigie.Campaign) *amendForm {
	f := &amendForm{
		Title: camp.Title, ConductedByFR: camp.ConductedBy["fr"], ConductedByEN: camp.ConductedBy["en"],
		PurposeFR: camp.Purpose["fr"], PurposeEN: camp.Purpose["en"],
		Controller: camp.Controller, DPOContact: camp.DPOContact, EndDate: camp.EndDate,
	}
	s.lockedOf(c, f, camp)
	return f
}

// lockedOf fills what the form shows without letting it change.
func (s *Server) lockedOf(c *gin.Context, f *amendForm, camp *vigie.Campaign) {
	f.Nav, f.C, f.Today = nav(c), camp, s.now().Format("2006-01-02")
	f.Units = nil
	for _, u := range camp.Units {
		line := strings.Join(u.Path, "/")
		if u.Headcount > 0 {
			line += " (" + plural(u.Headcount, "personne", "personnes") + ")"
		}
		f.Units = append(f.Units, line)
	}
	var titles []string
	for _, id := range camp.Questionnaires {
		title := id
		if q, err := s.store.Questionnaire(c.Request.Context(), id); err == nil {
			title = q.Title.In("fr", q.Language)
		}
		titles = append(titles, title)
	}
	var segs []string
	for _, g := range camp.Segments {
		segs = append(segs, g.Label["fr"]+" ("+strings.Join(g.Categories, ", ")+")")
	}
	access := "codes d’accès à usage unique"
	if camp.Access == vigie.AccessLink {
		access = "lien ouvert"
	}
	f.Locked = []lockedSetting{
		{"Organisation cliente", camp.Organisation, store.LockedReason("organisation")},
		{"Questionnaires", strings.Join(titles, " ; "), store.LockedReason("questionnaires")},
		{"Unités existantes et leurs effectifs", plural(len(camp.Units), "unité", "unités"), store.LockedReason("units")},
		{"Segments", cmpOr(strings.Join(segs, " ; "), "aucun"), store.LockedReason("segments")},
		{"Taille minimale des groupes (k)", strconv.Itoa(camp.MinGroupSize), store.LockedReason("min_group_size")},
		{"Seuil des commentaires", strconv.Itoa(camp.CommentMinGroupSize), store.LockedReason("comment_min_group_size")},
		{"Part qui fait une priorité", formatShare(camp.PriorityShare), store.LockedReason("priority_share")},
		{"Langues", strings.Join(camp.Languages, ", "), store.LockedReason("languages")},
		{"Mode d’accès", access, store.LockedReason("access")},
		{"Conservation des réponses", plural(camp.RetentionDays, "jour", "jours") + " après la clôture", store.LockedReason("retention_days")},
		{"Base légale", cmpOr(camp.LegalBasis, "intérêt légitime (par défaut)"), store.LockedReason("legal_basis")},
		{"Vague précédente", cmpOr(camp.Previous, "aucune"), store.LockedReason("previous")},
	}
	for i := range f.Locked {
		f.Locked[i].Reason = upperFirst(f.Locked[i].Reason) + "."
	}
}

// adminCampaignAmend saves the form of an open campaign: the settings that
// may still change (store.AmendCampaign); each change goes to the audit
// log with its old and new values.
func (s *Server) adminCampaignAmend(c *gin.Context, camp *vigie.Campaign) {
	if err := parseForm(c); err != nil {
		s.htmlError(c, err)
		return
	}
	f := &amendForm{
		Title:         c.PostForm("title"),
		ConductedByFR: c.PostForm("conducted_by_fr"), ConductedByEN: c.PostForm("conducted_by_en"),
		PurposeFR: c.PostForm("purpose_fr"), PurposeEN: c.PostForm("purpose_en"),
		Controller: c.PostForm("controller"), DPOContact: c.PostForm("dpo_contact"),
		EndDate:  strings.TrimSpace(c.PostForm("end_date")),
		AddUnits: c.PostForm("add_units"),
	}
	a := &store.Amendment{
		Title: f.Title, ConductedBy: formText(f.ConductedByFR, f.ConductedByEN), Purpose: formText(f.PurposeFR, f.PurposeEN),
		Controller: f.Controller, DPOContact: f.DPOContact, EndDate: f.EndDate,
	}
	units, problems := parseUnitsText(f.AddUnits)
	for _, p := range problems {
		f.Errors = append(f.Errors, "Unités à ajouter, "+strings.ToLower(p.String()[:1])+p.String()[1:])
	}
	a.AddUnits = units
	var changes []store.Change
	var err error
	if len(f.Errors) == 0 {
		camp, changes, err = s.store.AmendCampaign(c.Request.Context(), camp.ID, a, s.now())
	}
	switch code := vigie.ErrorCode(err); {
	case err == nil && len(f.Errors) == 0:
	case err == nil || code == vigie.EINVALID || code == vigie.ECONFLICT:
		if err != nil {
			for _, m := range strings.Split(vigie.ErrorMessage(err), "\n") {
				f.Errors = append(f.Errors, formMessage(m))
			}
		}
		if cur, cerr := s.store.Campaign(c.Request.Context(), c.Param("id")); cerr == nil {
			camp = cur
		}
		s.lockedOf(c, f, camp)
		s.render(c, errorStatus(cmpOr(code, vigie.EINVALID)), "admin_campaign_amend", f)
		return
	default:
		s.htmlError(c, err)
		return
	}
	s.auditChanges(c, camp.ID, changes)
	c.Redirect(http.StatusSeeOther, "/admin/campaigns/"+camp.ID)
}

// auditChanges records each change of an amendment: the setting, its old
// value and its new one (campaign settings hold no secret).
func (s *Server) auditChanges(c *gin.Context, campaignID string, changes []store.Change) {
	quoted := func(v string) string {
		if v == "" {
			return "(vide)"
		}
		return "« " + v + " »"
	}
	for _, ch := range changes {
		detail := fmt.Sprintf("%s : %s → %s", ch.Field, quoted(ch.Old), quoted(ch.New))
		if ch.Field == "units" {
			detail = "units : ajout de " + ch.New
		}
		s.audit(c, "campaign.amend", campaignID, detail)
	}
}
