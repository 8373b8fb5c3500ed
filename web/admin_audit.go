package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// auditPage is the data of the audit log page.
type auditPage struct {
	Nav      adminNav
	Campaign string // the campaign id the log is narrowed to, "" for all
	Title    string // its title
	Entries  []auditRow
}

// auditRow is one entry as a person reads it: the action in words, the
// campaign by its title, and no random identifier (comment, token) that
// would mean nothing to the reader.
type auditRow struct {
	At, Actor, Action string
	CampaignID        string // set when the object is a campaign
	Object, Detail    string
}

// auditActions says each action in words; an unknown one is shown as it
// is stored.
var auditActions = map[string]string{
	"login":                   "Connexion",
	"login.failure":           "Échec de connexion",
	"login.throttled":         "Connexion bloquée (trop d'essais)",
	"logout":                  "Déconnexion",
	"campaign.create":         "Campagne créée",
	"campaign.update":         "Réglages modifiés",
	"campaign.open":           "Campagne ouverte aux réponses",
	"campaign.close":          "Campagne close",
	"campaign.close.auto":     "Campagne close à sa date de fin",
	"campaign.delete":         "Brouillon supprimé",
	"codes.generate":          "Codes d'accès créés",
	"comment.publish":         "Commentaire publié tel quel",
	"comment.redact":          "Commentaire publié caviardé",
	"comment.reject":          "Commentaire rejeté",
	"viewer.grant":            "Accès aux résultats donné",
	"viewer.revoke":           "Accès aux résultats retiré",
	"user.grant":              "Accès aux résultats donné",
	"user.revoke":             "Accès aux résultats retiré",
	"user.add":                "Compte créé",
	"user.create":             "Compte créé",
	"user.password":           "Mot de passe changé",
	"user.password_reset":     "Mot de passe réinitialisé",
	"token.create":            "Jeton d'API créé",
	"token.revoke":            "Jeton d'API révoqué",
	"questionnaire.upload":    "Questionnaire importé",
	"report.export":           "Rapport téléchargé",
	"results.export":          "Résultats exportés",
	"campaign.questionnaires": "Ordre des questionnaires changé",
	"campaign.archive":        "Campagne archivée (réponses individuelles effacées)",
	"action.create":           "Action du plan créée",
	"action.update":           "Action du plan modifiée",
	"action.delete":           "Action du plan supprimée",
	"aipd.export":             "AIPD téléchargée",
	"registre.export":         "Registre des traitements téléchargé",
	"duerp.export":            "DUERP téléchargé",
	"duerp.freeze":            "Version du DUERP figée",
	"duerp.measures":          "Mesures du DUERP modifiées",
	"guide.export":            "Guide d'entretien téléchargé",
	"priorities.export":       "Priorités exportées",
	"invitations.start":       "Envoi d'invitations lancé",
	"invitations.send":        "Envoi d'invitations terminé",
	"reminders.start":         "Envoi de relances lancé",
	"reminders.send":          "Envoi de relances terminé",
	"paper.generate":          "Questionnaires papier créés",
	"paper.refused":           "Saisie papier refusée",
	"paper.limited":           "Saisie papier bloquée (trop de refus)",
	"portfolio.on":            "Portefeuille activé",
	"portfolio.off":           "Portefeuille désactivé",
	"portfolio.minimum":       "Minimum du portefeuille changé",
	"portfolio.include":       "Campagne incluse dans le portefeuille",
	"portfolio.exclude":       "Campagne exclue du portefeuille",
	"portfolio.freeze":        "Version du portefeuille figée",
}

// hiddenDetails are the actions whose detail is a random identifier (a
// comment's, a token's): the log keeps it for an investigation, the page
// leaves it out.
var hiddenDetails = map[string]bool{
	"comment.publish": true, "comment.redact": true, "comment.reject": true, "token.create": true,
}

// adminAudit shows the latest entries of the audit log, all of them or
// those of one campaign (?campaign=ID).
func (s *Server) adminAudit(c *gin.Context) {
	ctx := c.Request.Context()
	p := &auditPage{Nav: nav(c), Campaign: c.Query("campaign")}
	entries, err := s.store.AuditLog(ctx, 500, p.Campaign)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	camps, err := s.store.Campaigns(ctx)
	if err != nil {
		s.htmlError(c, err)
		return
	}
	titles := map[string]string{}
	for _, cp := range camps {
		titles[cp.ID] = cp.Title
	}
	p.Title = titles[p.Campaign]
	for _, e := range entries {
		p.Entries = append(p.Entries, auditRowOf(e, titles))
	}
	s.render(c, http.StatusOK, "admin_audit", p)
}

// auditRowOf writes an entry for people.
func auditRowOf(e vigie.AuditEntry, titles map[string]string) auditRow {
	r := auditRow{At: timeWords(e.At, "fr"), Actor: e.Actor, Action: e.Action, Object: e.Target, Detail: e.Detail}
	if words, ok := auditActions[e.Action]; ok {
		r.Action = words
	}
	switch e.Actor {
	case "cli":
		r.Actor = "ligne de commande (serveur)"
	case "serveur":
		r.Actor = "Vigie (automatique)"
	}
	if title, ok := titles[e.Target]; ok {
		r.CampaignID, r.Object = e.Target, title
	} else if strings.HasPrefix(e.Target, "c_") {
		r.Object = "campagne supprimée"
	}
	if hiddenDetails[e.Action] {
		r.Detail = ""
	}
	switch e.Action {
	case "login":
		r.Detail = roleLabel(vigie.Role(e.Detail))
	case "campaign.create", "campaign.update":
		if r.Detail == r.Object {
			r.Detail = "" // the title, already in the object column
		}
	}
	return r
}
