package reports

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// The AIPD (analyse d'impact relative à la protection des données, RGPD
// art. 35) follows the structure of CNIL's PIA method: context, fundamental
// principles, risks, validation. Vigie fills what the campaign says and
// what the software does; what only the controller knows (hosting,
// processors, the DPO's opinion, the final risk levels) is marked « À
// COMPLÉTER » on a shaded background, so that nobody signs a pre-filled
// document unread.

// aipdBlock is one element of the document.
type aipdBlock struct {
	kind string // "h1", "h2", "p", "item" or "todo"
	text string
}

// aipdToComplete prefixes what the controller must complete.
const aipdToComplete = "À COMPLÉTER : "

// AIPDPDF writes the pre-filled impact assessment of a campaign.
func AIPDPDF(w io.Writer, p *Processing) error {
	f := processingDocument(p, "Analyse d'impact (AIPD) – "+p.Campaign, "Analyse d'impact · "+p.Campaign)
	f.SetFont(fontFamily, "B", 17)
	f.MultiCell(contentW-52, 8, frenchTypography("Analyse d'impact relative à la protection des données"), "", "L", false)
	f.SetFont(fontFamily, "", 11)
	f.MultiCell(contentW, 6, frenchTypography(p.Campaign+" · "+p.Organisation), "", "L", false)
	f.SetFont(fontFamily, "", 9)
	f.SetTextColor(90, 90, 90)
	f.MultiCell(contentW, 4.6, frenchTypography(fmt.Sprintf("Pré-remplie le %s à partir des réglages de la campagne, selon la méthode PIA de la CNIL. "+
		"Les passages sur fond grisé marqués « À COMPLÉTER » relèvent du responsable du traitement ; les estimations de gravité et de vraisemblance sont à valider.",
		dateWords("fr", p.GeneratedAt))), "", "L", false)
	f.SetTextColor(0, 0, 0)
	for _, b := range aipdBlocks(p) {
		writeAIPDBlock(f, b)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("reports: aipd: write: %w", err)
	}
	return nil
}

// processingDocument starts a data-protection document of p (the AIPD,
// the record): its properties, a footer with the document, the campaign,
// the firm that runs the survey and the page, and the first page with the
// consultant's logo on the right (the title beside it must leave it
// 52 mm).
func processingDocument(p *Processing, title, footer string) *fpdf.Fpdf {
	f := newDocument("fr", 16, 18)
	f.SetTitle(frenchTypography(title), true)
	f.SetAuthor(p.Controller, true)
	f.SetCreator(strings.TrimSpace("Vigie "+versionShown(p.Version)), true)
	if !p.GeneratedAt.IsZero() {
		f.SetCreationDate(p.GeneratedAt)
		f.SetModificationDate(p.GeneratedAt)
	}
	f.SetFooterFunc(func() {
		f.SetY(-13)
		f.SetFont(fontFamily, "", 7.5)
		f.SetTextColor(90, 90, 90)
		left := footer
		if p.ConductedBy != "" {
			left += " · " + fmt.Sprintf(tr("fr", "footer_conducted_by"), clause(p.ConductedBy))
		}
		f.CellFormat(contentW-20, 4, fitText(f, frenchTypography(left), contentW-20), "", 0, "L", false, 0, "")
		f.CellFormat(20, 4, fmt.Sprintf("page %d", f.PageNo()), "", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	drawLogo(f, p.Logo, pageW-marginRight-50, 10, 50, 16, true)
	return f
}

// writeAIPDBlock draws one block.
func writeAIPDBlock(f *fpdf.Fpdf, b aipdBlock) {
	text := frenchTypography(b.text)
	switch b.kind {
	case "h1":
		f.Ln(5)
		f.SetFont(fontFamily, "B", 13.5)
		f.MultiCell(contentW, 7, text, "", "L", false)
	case "h2":
		f.Ln(2)
		f.SetFont(fontFamily, "B", 11)
		f.MultiCell(contentW, 6, text, "", "L", false)
	case "item":
		f.SetFont(fontFamily, "", 9.6)
		f.SetX(marginLeft + 4)
		f.MultiCell(contentW-4, 4.7, "• "+text, "", "L", false)
	case "todo":
		f.Ln(1)
		f.SetFont(fontFamily, "B", 9.6)
		f.SetFillColor(235, 235, 235)
		f.MultiCell(contentW, 5, text, "1", "L", true)
		f.Ln(1)
	default:
		f.SetFont(fontFamily, "", 9.6)
		f.MultiCell(contentW, 4.7, text, "", "L", false)
		f.Ln(0.8)
	}
}

// aipdBlocks writes the document's content from the campaign's facts.
func aipdBlocks(p *Processing) []aipdBlock {
	var out []aipdBlock
	add := func(kind, format string, args ...any) {
		out = append(out, aipdBlock{kind, fmt.Sprintf(format, args...)})
	}
	todo := func(text string) { out = append(out, aipdBlock{"todo", aipdToComplete + text}) }

	add("h1", "1. Contexte")
	add("h2", "1.1 Présentation du traitement")
	add("item", "Traitement : enquête anonyme de santé au travail « %s », état : %s.", p.Campaign, p.State)
	add("item", "Responsable du traitement : %s", sentence(p.Controller))
	if p.ConductedBy != "" {
		add("item", "Menée par : %s", sentence(p.ConductedBy))
	}
	purpose := "évaluer les conditions de travail et les risques psychosociaux, pour les prévenir (document unique, plan d'action)"
	if p.Purpose != "" {
		purpose = p.Purpose
	}
	add("item", "Finalité : %s", sentence(purpose))
	add("item", "Base légale : %s", sentence(p.LegalBasis))
	if p.DPOContact != "" {
		add("item", "Délégué à la protection des données : %s", sentence(p.DPOContact))
	} else {
		todo("coordonnées du délégué à la protection des données.")
	}
	todo("sous-traitants (cabinet qui mène l'enquête, hébergeur) et contrats (article 28 du RGPD) ; normes et référentiels applicables (accord d'entreprise, document unique).")

	add("h2", "1.2 Données, processus et supports")
	headcount := "non déclaré"
	if p.Headcount > 0 {
		headcount = fmt.Sprintf("%d personnes", p.Headcount)
	}
	add("p", "Personnes concernées : le personnel (salariés et agents) de l'organisation cliente, %s, invité à répondre (effectif déclaré : %s) ; les consultants et membres du comité qui consultent les résultats (comptes nominatifs).", clause(p.Organisation), headcount)
	add("p", "Données recueillies, sans nom ni adresse IP ni heure : les réponses aux questionnaires suivants, l'unité de travail, la semaine de réponse%s, et un commentaire libre facultatif là où le questionnaire en propose un.", segmentsClause(p))
	for _, q := range p.Questionnaires {
		c := ""
		if q.Comment {
			c = " (avec commentaire libre)"
		}
		add("item", "%s%s : %s.", q.Title, c, strings.Join(q.Themes, ", "))
	}
	add("p", "Ces thèmes touchent à la santé au travail et au vécu professionnel : des réponses rattachées à une personne seraient sensibles, d'où les mesures de la partie 3.")
	if len(p.Units) > 0 {
		var units []string
		for _, u := range p.Units {
			if u.Headcount > 0 {
				units = append(units, fmt.Sprintf("%s (%d)", u.Path, u.Headcount))
			} else {
				units = append(units, u.Path)
			}
		}
		add("p", "Unités (effectifs) : %s.", strings.Join(units, " ; "))
	}
	access := "un code à usage unique par personne, gardé sous une empreinte sans lien avec les réponses"
	if !p.Codes {
		access = "un lien ouvert, sans code (une personne peut répondre deux fois : à réserver à de petits groupes de confiance)"
	}
	add("p", "Cycle de vie : ouverture, réponses par %s ; clôture (plus de réponse, brouillons effacés) ; calcul des résultats et modération des commentaires ; archivage au plus tard %d jours après la clôture%s (effacement des réponses, des codes et du texte original des commentaires) ; suppression de la campagne sur décision.", access, p.RetentionDays, retentionClause(p))
	add("p", "Supports : le serveur du logiciel d'enquête (Vigie : un programme, un fichier SQLite, aucun service extérieur appelé), les navigateurs des répondants, les coupons de codes imprimés, les rapports PDF et Excel.")
	todo("hébergement (prestataire, pays, chiffrement du disque, sauvegardes et leur durée de conservation, personnes ayant accès au serveur).")

	add("h1", "2. Principes fondamentaux")
	add("h2", "2.1 Proportionnalité et nécessité")
	add("item", "Finalité déterminée, explicite et légitime : voir 1.1 ; les résultats ne servent pas à évaluer des personnes.")
	add("item", "Minimisation : ni nom, ni adresse e-mail, ni adresse IP, ni heure exacte ; la semaine seulement ; des catégories larges (au plus 5 segments de 2 à 8 catégories), jamais d'âge exact ni de texte libre d'identification.")
	add("item", "Exactitude : %s Les questionnaires sont figés à l'ouverture de l'enquête ; les réponses ne sont pas corrigibles une à une, faute de lien avec les personnes (article 11).", tr("fr", "limits_instruments"))
	add("item", "Durées de conservation : réponses individuelles au plus %d jours après la clôture, puis archivage automatique ; résultats agrégés jusqu'à la suppression de la campagne.", p.RetentionDays)
	add("h2", "2.2 Mesures protectrices des droits")
	add("item", "Information : notice d'information en ligne (lien sur la page d'accueil de l'enquête, en %s) et à afficher (PDF), qui dit qui mène l'enquête, pourquoi, ce qui est et n'est pas enregistré, le seuil de %d personnes, la durée de conservation et les droits.", strings.Join(p.Languages, ", "), p.MinGroupSize)
	add("item", "Participation facultative, y compris question par question (« Je préfère ne pas répondre ») ; ne pas répondre vaut opposition et n'a aucune conséquence.")
	add("item", "Droits d'accès, de rectification et d'effacement : les réponses n'étant liées à personne, ils ne peuvent s'exercer sur elles (article 11) ; la notice l'explique. Ils s'exercent pleinement sur les comptes du back-office.")
	add("item", "Transferts hors de l'Union européenne : aucun par le logiciel d'enquête.")
	todo("encadrement contractuel des sous-traitants et localisation de l'hébergement.")

	add("h1", "3. Risques")
	add("p", "Mesures existantes, communes aux trois risques :")
	for _, m := range []string{
		fmt.Sprintf("aucun résultat pour un groupe de moins de %d personnes, ni pour un groupe qu'on pourrait déduire d'autres par soustraction (masquage secondaire), la participation suivant les mêmes règles", p.MinGroupSize),
		fmt.Sprintf("commentaires lus après la clôture seulement, pour des groupes d'au moins %d personnes, publiés tels quels, caviardés ou rejetés par le consultant", p.CommentMinGroupSize),
		"résultats calculés seulement après la clôture, pour qu'une comparaison avant et après une réponse ne la révèle pas",
		"base sans historique : journal d'annulation vidé à chaque validation, effacement sécurisé, réécriture complète du fichier après les écritures ; brouillons chiffrés avec une clé que seul le navigateur du répondant garde",
		"accès au back-office par comptes nominatifs (consultant, lecteurs), mots de passe hachés (argon2id), limitation des tentatives, journal d'audit ; fichiers lisibles par le seul compte de service",
		fmt.Sprintf("archivage au plus tard %d jours après la clôture : les données individuelles disparaissent du fichier", p.RetentionDays),
	} {
		add("item", "%s.", m)
	}
	if small := p.SmallUnits(); len(small) > 0 {
		var names []string
		for _, u := range small {
			names = append(names, fmt.Sprintf("%s (%d)", u.Path, u.Headcount))
		}
		add("p", "Point d'attention : ces unités comptent moins de %d personnes, leurs résultats ne seront jamais montrés seuls et leurs membres sont les plus exposés à une ré-identification par recoupement : %s.", p.MinGroupSize, strings.Join(names, " ; "))
	}
	risks := []struct{ name, impacts, threats, sources, gravity, likelihood string }{
		{"Accès illégitime aux données",
			"ré-identification d'un répondant et de ses réponses sur sa santé ou sa hiérarchie ; perte de confiance dans la démarche",
			"copie du fichier ou d'une sauvegarde, recoupement d'une petite unité et de catégories, commentaire identifiant, lecture des résultats avant la clôture",
			"administrateur du serveur ou de l'hébergeur, encadrement curieux, personne ayant accès à un compte lecteur",
			"importante (données relatives à la santé au travail)", "limitée (mesures ci-dessus)"},
		{"Modification non désirée des données",
			"résultats faussés, décisions de prévention mal orientées",
			"réponses multiples (accès par lien), modification du fichier, caviardage qui change le sens d'un commentaire",
			"répondant de mauvaise foi, administrateur du serveur",
			"limitée", p.linkLikelihood()},
		{"Disparition des données",
			"enquête à refaire, perte du diagnostic",
			"panne ou perte du serveur, suppression par erreur",
			"incident technique, erreur de manipulation",
			"limitée (les rapports exportés subsistent)", "limitée (sauvegardes ; suppression confirmée par le titre)"},
	}
	for i, r := range risks {
		add("h2", "3.%d %s", i+1, r.name)
		add("item", "Impacts sur les personnes : %s.", r.impacts)
		add("item", "Menaces : %s.", r.threats)
		add("item", "Sources de risque : %s.", r.sources)
		add("item", "Gravité estimée : %s ; vraisemblance estimée : %s.", r.gravity, r.likelihood)
		todo("valider ou corriger ces estimations, et ajouter les mesures propres à l'hébergement (chiffrement, sauvegardes, contrôle d'accès au serveur).")
	}

	add("h1", "4. Validation")
	todo("plan d'action (mesures complémentaires, responsables, échéances).")
	todo("avis du délégué à la protection des données, daté et signé.")
	todo("avis des personnes concernées ou de leurs représentants (CSE), le cas échéant.")
	todo("décision du responsable du traitement, datée et signée.")
	return out
}

// segmentsClause lists the segments as the data section says them.
func segmentsClause(p *Processing) string {
	if len(p.Segments) == 0 {
		return ""
	}
	return ", les catégories choisies par la personne (" + strings.Join(p.Segments, " ; ") + ")"
}

// retentionClause gives the archiving day once it is known.
func retentionClause(p *Processing) string {
	switch {
	case p.ArchivedAt != "":
		return " (archivée le " + p.ArchivedAt + ")"
	case p.RetentionEnd != "":
		return " (soit le " + p.RetentionEnd + ")"
	}
	return ""
}

// linkLikelihood is the likelihood of double answers: real in link mode.
func (p *Processing) linkLikelihood() string {
	if p.Codes {
		return "négligeable (un code ne sert qu'une fois)"
	}
	return "significative (accès par lien : une personne peut répondre deux fois)"
}
