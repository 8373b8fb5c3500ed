package reports

import (
	"fmt"
	"io"
	"strings"
)

// RecordPDF writes a campaign's entry in the record of processing
// activities (RGPD art. 30) as a PDF, with the same text as the JSON the
// API answers: what only the controller knows is on a shaded background,
// marked « À COMPLÉTER », as in the AIPD.
func RecordPDF(w io.Writer, p *Processing) error {
	r := NewRecord(p)
	const title = "Registre des activités de traitement"
	f := processingDocument(p, "fr", title+" – "+p.Campaign, "Registre (article 30 du RGPD) · "+p.Campaign)
	f.SetFont(fontFamily, "B", 17)
	f.MultiCell(contentW-52, 8, frenchTypography(title), "", "L", false)
	f.SetFont(fontFamily, "", 11)
	f.MultiCell(contentW, 6, frenchTypography("Fiche du traitement : "+p.Campaign+" · "+p.Organisation), "", "L", false)
	f.SetFont(fontFamily, "", 9)
	f.SetTextColor(90, 90, 90)
	f.MultiCell(contentW, 4.6, frenchTypography(fmt.Sprintf("Établie le %s à partir des réglages de la campagne (article 30.1 du RGPD). "+
		"Les passages sur fond grisé marqués « À COMPLÉTER » relèvent du responsable du traitement.", dateWords("fr", p.GeneratedAt))), "", "L", false)
	f.SetTextColor(0, 0, 0)
	for _, b := range recordBlocks(r) {
		writeAIPDBlock(f, b, frenchTypography)
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("reports: record: write: %w", err)
	}
	return nil
}

// recordBlocks lays the record out: one heading per article 30 field.
func recordBlocks(r *Record) []aipdBlock {
	var out []aipdBlock
	field := func(heading string, values ...string) {
		out = append(out, aipdBlock{"h2", heading})
		for _, v := range values {
			if strings.Contains(v, RecordToComplete) {
				out = append(out, aipdBlock{"todo", v})
				continue
			}
			kind := "p"
			if len(values) > 1 {
				kind = "item"
			}
			out = append(out, aipdBlock{kind, v})
		}
	}
	field("Nom du traitement", r.Name)
	field("Responsable du traitement", r.Controller.Name, r.Controller.Contact)
	field("Délégué à la protection des données", r.DPO)
	field("Responsables conjoints", r.JointControllers)
	field("Sous-traitants", r.Processor)
	field("Finalités", r.Purposes...)
	field("Base légale", r.LegalBasis)
	field("Catégories de personnes concernées", r.DataSubjects...)
	field("Catégories de données", r.DataCategories...)
	field("Données sensibles", r.SensitiveData)
	field("Catégories de destinataires", r.Recipients...)
	field("Transferts hors de l'Union européenne", r.Transfers)
	retention := []string{"Réponses individuelles : " + r.Retention.RawData, "Résultats : " + r.Retention.Results}
	if r.Retention.RetentionEnd != "" {
		retention = append(retention, "Effacement prévu le "+r.Retention.RetentionEnd+".")
	}
	if r.Retention.ArchivedAt != "" {
		retention = append(retention, "Archivée le "+r.Retention.ArchivedAt+".")
	}
	field("Durées de conservation", append(retention, r.Retention.Accounts)...)
	field("Mesures de sécurité", r.SecurityMeasures...)
	field("Hébergement", r.Hosting)
	field("Analyse d'impact (AIPD)", "Pré-remplie pour la même campagne : à télécharger depuis la page de la campagne.")
	return out
}
