package reports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vigie-sante/vigie"
)

// RecordToComplete marks what the survey tool cannot know and the
// controller must fill in.
const RecordToComplete = "À COMPLÉTER par le responsable du traitement"

// Record is a campaign's entry in the record of processing activities
// (RGPD article 30.1), pre-filled from the campaign; the fields the
// survey tool cannot know say RecordToComplete. The API answers it as
// JSON (French keys) and RecordPDF prints it.
type Record struct {
	Name                 string          `json:"nom_du_traitement"`
	Controller           RecordContact   `json:"responsable_du_traitement"`
	DPO                  string          `json:"delegue_protection_donnees"`
	JointControllers     string          `json:"responsables_conjoints"`
	Processor            string          `json:"sous_traitant"`
	Purposes             []string        `json:"finalites"`
	LegalBasis           string          `json:"base_legale"`
	DataSubjects         []string        `json:"categories_de_personnes"`
	DataCategories       []string        `json:"categories_de_donnees"`
	SensitiveData        string          `json:"donnees_sensibles"`
	Recipients           []string        `json:"categories_de_destinataires"`
	Transfers            string          `json:"transferts_hors_ue"`
	Retention            RecordRetention `json:"durees_de_conservation"`
	SecurityMeasures     []string        `json:"mesures_de_securite"`
	Hosting              string          `json:"hebergement"`
	Campaign             RecordCampaign  `json:"campagne"`
	GeneratedAt          string          `json:"etabli_le"`
	StillToComplete      []string        `json:"a_completer"`
	ImpactAssessmentLink string          `json:"aipd"`
}

// RecordContact is a name and how to reach it.
type RecordContact struct {
	Name    string `json:"nom"`
	Contact string `json:"coordonnees"`
}

// RecordRetention says how long each kind of data is kept.
type RecordRetention struct {
	RawData       string `json:"reponses_individuelles"`
	Results       string `json:"resultats"`
	RetentionDays int    `json:"jours_apres_cloture"`
	RetentionEnd  string `json:"effacement_prevu,omitempty"`
	ArchivedAt    string `json:"archivee_le,omitempty"`
	Accounts      string `json:"comptes_et_journal"`
}

// RecordCampaign identifies the campaign.
type RecordCampaign struct {
	ID         string `json:"id"`
	Title      string `json:"titre"`
	State      string `json:"etat"`
	OpenedWeek string `json:"semaine_ouverture,omitempty"`
	ClosedWeek string `json:"semaine_cloture,omitempty"`
}

// NewRecord writes the campaign's entry in the record of processing from
// the facts of p.
func NewRecord(p *Processing) *Record {
	purpose := "Évaluer les conditions de travail et les risques psychosociaux par une enquête anonyme, pour les prévenir (document unique, plan d'action)."
	if p.Purpose != "" {
		purpose = sentence(p.Purpose)
	}
	var qs []string
	for _, q := range p.Questionnaires {
		qs = append(qs, q.Title+" : "+strings.Join(q.Themes, ", "))
	}
	subjects := "Personnel (salariés et agents) de l'organisation cliente : " + clause(p.Organisation)
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
	retention := RecordRetention{
		RawData:       fmt.Sprintf("Au plus %d jours après la clôture, puis archivage : effacement des réponses, des codes, des brouillons et du texte original des commentaires.", p.RetentionDays),
		Results:       "Résultats agrégés (groupes d'au moins k personnes) et commentaires publiés, conservés jusqu'à la suppression de la campagne.",
		RetentionDays: p.RetentionDays,
		RetentionEnd:  p.RetentionEnd,
		ArchivedAt:    p.ArchivedAt,
		Accounts:      RecordToComplete + " (durée de conservation des comptes et du journal d'audit)",
	}
	dpo := p.DPOContact
	if dpo == "" {
		dpo = RecordToComplete
	}
	out := &Record{
		Name:             "Enquête anonyme de santé au travail : " + p.Campaign,
		Controller:       RecordContact{Name: p.Controller, Contact: RecordToComplete + " (adresse du siège)"},
		DPO:              dpo,
		JointControllers: RecordToComplete + " (le cas échéant)",
		Processor:        RecordToComplete + " (le cabinet qui mène l'enquête et l'hébergeur, le cas échéant)",
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
		Transfers: "Aucun par le logiciel d'enquête, qui n'appelle aucun service extérieur ; " + RecordToComplete + " selon l'hébergement.",
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
		Hosting:              RecordToComplete + " (hébergeur, pays, chiffrement du disque, sauvegardes)",
		Campaign:             RecordCampaign{ID: p.ID, Title: p.Campaign, State: p.State, OpenedWeek: p.OpenedWeek, ClosedWeek: p.ClosedWeek},
		GeneratedAt:          p.GeneratedAt.Format("2006-01-02"),
		ImpactAssessmentLink: "/api/v1/campaigns/" + p.ID + "/aipd.pdf",
	}
	out.StillToComplete = stillToComplete(out)
	return out
}

// stillToComplete lists the fields that say RecordToComplete.
func stillToComplete(r *Record) []string {
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
		if strings.Contains(v, RecordToComplete) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
