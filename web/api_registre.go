package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/vigie-sante/vigie"
)

// toComplete marks what Vigie cannot know and the controller must fill in.
const toComplete = "À COMPLÉTER par le responsable du traitement"

// registre is a campaign's entry in the record of processing activities
// (RGPD article 30.1), pre-filled from the campaign; the fields Vigie
// cannot know say toComplete.
type registre struct {
	Name                 string            `json:"nom_du_traitement"`
	Controller           registreContact   `json:"responsable_du_traitement"`
	DPO                  string            `json:"delegue_protection_donnees"`
	JointControllers     string            `json:"responsables_conjoints"`
	Processor            string            `json:"sous_traitant"`
	Purposes             []string          `json:"finalites"`
	LegalBasis           string            `json:"base_legale"`
	DataSubjects         []string          `json:"categories_de_personnes"`
	DataCategories       []string          `json:"categories_de_donnees"`
	SensitiveData        string            `json:"donnees_sensibles"`
	Recipients           []string          `json:"categories_de_destinataires"`
	Transfers            string            `json:"transferts_hors_ue"`
	Retention            registreRetention `json:"durees_de_conservation"`
	SecurityMeasures     []string          `json:"mesures_de_securite"`
	Hosting              string            `json:"hebergement"`
	Campaign             registreCampaign  `json:"campagne"`
	GeneratedAt          string            `json:"etabli_le"`
	StillToComplete      []string          `json:"a_completer"`
	ImpactAssessmentLink string            `json:"aipd"`
}

type registreContact struct {
	Name    string `json:"nom"`
	Contact string `json:"coordonnees"`
}

type registreRetention struct {
	RawData       string `json:"reponses_individuelles"`
	Results       string `json:"resultats"`
	RetentionDays int    `json:"jours_apres_cloture"`
	RetentionEnd  string `json:"effacement_prevu,omitempty"`
	ArchivedAt    string `json:"archivee_le,omitempty"`
	Accounts      string `json:"comptes_et_journal"`
}

type registreCampaign struct {
	ID         string `json:"id"`
	Title      string `json:"titre"`
	State      string `json:"etat"`
	OpenedWeek string `json:"semaine_ouverture,omitempty"`
	ClosedWeek string `json:"semaine_cloture,omitempty"`
}

// apiRegistre answers the campaign's entry in the record of processing.
func (s *Server) apiRegistre(c *gin.Context) {
	camp, err := s.campaignOf(c)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	p, err := s.processing(c, camp)
	if err != nil {
		s.jsonError(c, err)
		return
	}
	purpose := "Évaluer les conditions de travail et les risques psychosociaux par une enquête anonyme, pour les prévenir (document unique, plan d'action)."
	if p.Purpose != "" {
		purpose = p.Purpose
	}
	var qs []string
	for _, q := range p.Questionnaires {
		qs = append(qs, q.Title+" : "+strings.Join(q.Themes, ", "))
	}
	subjects := "Salariés et agents de " + p.Organisation
	if p.Headcount > 0 {
		subjects += fmt.Sprintf(" (effectif déclaré : %d personnes)", p.Headcount)
	}
	data := []string{
		"Réponses aux questionnaires, sans identité : " + strings.Join(qs, " ; "),
		"Unité de travail choisie ou fixée par le code d'accès",
		"Semaine de la réponse (jamais l'heure)",
	}
	if len(p.Segments) > 0 {
		data = append(data, "Catégories larges choisies par la personne : "+strings.Join(p.Segments, " ; "))
	}
	data = append(data, "Commentaires libres facultatifs, modérés avant publication",
		"Comptes du back-office : adresse e-mail, rôle, mot de passe haché (argon2id), journal d'audit")
	retention := registreRetention{
		RawData:       fmt.Sprintf("Au plus %d jours après la clôture, puis archivage : effacement des réponses, des codes, des brouillons et du texte original des commentaires.", p.RetentionDays),
		Results:       "Résultats agrégés (groupes d'au moins k personnes) et commentaires publiés, conservés jusqu'à la suppression de la campagne.",
		RetentionDays: p.RetentionDays,
		RetentionEnd:  p.RetentionEnd,
		ArchivedAt:    p.ArchivedAt,
		Accounts:      toComplete + " (durée de conservation des comptes et du journal d'audit)",
	}
	dpo := p.DPOContact
	if dpo == "" {
		dpo = toComplete
	}
	out := registre{
		Name:             "Enquête anonyme de santé au travail : " + p.Campaign,
		Controller:       registreContact{Name: p.Controller, Contact: toComplete + " (adresse du siège)"},
		DPO:              dpo,
		JointControllers: toComplete + " (le cas échéant)",
		Processor:        toComplete + " (le cabinet qui mène l'enquête et l'hébergeur, le cas échéant)",
		Purposes:         []string{purpose},
		LegalBasis:       p.LegalBasis,
		DataSubjects:     []string{subjects, "Consultants et membres du comité qui consultent les résultats (comptes du back-office)"},
		DataCategories:   data,
		SensitiveData:    "Perceptions sur la santé et les conditions de travail, recueillies sans identité ; les commentaires libres peuvent en contenir malgré la consigne, d'où leur modération.",
		Recipients: []string{
			"Le consultant qui mène l'enquête (résultats, commentaires à modérer ; jamais une réponse individuelle)",
			fmt.Sprintf("Le comité de suivi (%s) : résultats agrégés et commentaires publiés", vigie.Plural(p.Viewers, "compte lecteur", "comptes lecteurs")),
			"La direction et les représentants du personnel : rapports agrégés",
		},
		Transfers: "Aucun par Vigie, qui n'appelle aucun service extérieur ; " + toComplete + " selon l'hébergement.",
		Retention: retention,
		SecurityMeasures: []string{
			fmt.Sprintf("Aucun résultat pour un groupe de moins de %d personnes, ni pour un groupe déductible par soustraction (masquage secondaire)", p.MinGroupSize),
			fmt.Sprintf("Commentaires lus après la clôture seulement, pour des groupes d'au moins %d personnes, caviardés si besoin", p.CommentMinGroupSize),
			"Ni nom, ni adresse IP, ni heure exacte enregistrés ; semaine seulement",
			"Codes d'accès gardés sous empreinte HMAC, sans lien avec les réponses ; brouillons chiffrés avec une clé que seul le navigateur garde",
			"Base sans historique : journal d'annulation vidé à chaque validation, effacement sécurisé, réécriture du fichier (VACUUM)",
			"Résultats disponibles seulement après la clôture",
			"Comptes nominatifs, mots de passe hachés (argon2id), limitation des tentatives, journal d'audit des accès",
			"Fichiers de la base et des sauvegardes lisibles par le seul compte de service (0600)",
		},
		Hosting:              toComplete + " (hébergeur, pays, chiffrement du disque, sauvegardes)",
		Campaign:             registreCampaign{ID: camp.ID, Title: p.Campaign, State: p.State, OpenedWeek: p.OpenedWeek, ClosedWeek: p.ClosedWeek},
		GeneratedAt:          p.GeneratedAt.Format("2006-01-02"),
		ImpactAssessmentLink: "/api/v1/campaigns/" + camp.ID + "/aipd.pdf",
	}
	out.StillToComplete = stillToComplete(out)
	s.audit(c, "registre.export", camp.ID, "")
	c.JSON(http.StatusOK, out)
}

// stillToComplete lists the fields that say toComplete.
func stillToComplete(r registre) []string {
	var out []string
	for name, v := range map[string]string{
		"responsable_du_traitement.coordonnees":     r.Controller.Contact,
		"delegue_protection_donnees":                r.DPO,
		"responsables_conjoints":                    r.JointControllers,
		"sous_traitant":                             r.Processor,
		"transferts_hors_ue":                        r.Transfers,
		"durees_de_conservation.comptes_et_journal": r.Retention.Accounts,
		"hebergement":                               r.Hosting,
	} {
		if strings.Contains(v, toComplete) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
