package main

import (
	"context"
	"fmt"
	"time"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/reports"
	"github.com/vigie-sante/vigie/store"
)

// demoActions is the example action plan of the closed barometer: what a
// committee might decide after reading its results, about work and never
// about people. Lens is the team whose imbalance the demo plants.
func demoActions() []vigie.Action {
	return []vigie.Action{
		{
			Title:       "Temps d'échange mensuel sur les dossiers complexes",
			Description: "Une réunion d'équipe par mois, sans ordre du jour imposé, pour parler des situations difficiles et de la façon de les traiter.",
			Unit:        "Direction Artois/Secteur Lens", Dimensions: []string{"numerique-travail-reel/temps-collectif"},
			RiskFamily: "autonomie", Owner: "Responsable de secteur", Due: "2027-03-31", Budget: "2 h par mois",
			Status: vigie.ActionInProgress, FollowUp: "Dimension « temps collectif » à la prochaine vague",
		},
		{
			Title:       "Revoir la répartition des dossiers entrants",
			Description: "Objectiver la charge par agent avec l'équipe et lisser les pics de fin de mois.",
			Unit:        "Direction Artois/Secteur Lens", Dimensions: []string{"reconnaissance/effort"},
			RiskFamily: "intensite-temps", Owner: "Direction Artois", Due: "2027-06-30", Budget: "Renfort de 0,5 ETP pendant 6 mois",
			Status: vigie.ActionPlanned, FollowUp: "Dimension « effort » et délais de traitement",
		},
		{
			Title:       "Retours réguliers de la hiérarchie sur le travail accompli",
			Description: "Un point individuel par trimestre consacré au travail réalisé et à ses difficultés, distinct de l'entretien annuel.",
			Dimensions:  []string{"reconnaissance/recompense", "reconnaissance/reconnaissance-investissement"},
			RiskFamily:  "rapports-sociaux", Owner: "Encadrement de proximité", Due: "2027-09-30",
			Status: vigie.ActionPlanned, FollowUp: "Dimensions « récompense » et « reconnaissance de l'investissement »",
		},
		{
			Title:       "Groupe de travail sur les outils numériques de suivi",
			Description: "Recenser ce que le logiciel ne permet pas de saisir et le remonter à l'éditeur.",
			Dimensions:  []string{"numerique-travail-reel/fidelite-activite"},
			RiskFamily:  "conflits-valeurs", Owner: "Référent numérique et CSSCT", Due: "2027-01-31",
			Status: vigie.ActionDone, FollowUp: "Compte rendu présenté au CSE",
		},
	}
}

// seedDemoPlan gives the closed barometer its example action plan, the
// existing measures of two DUERP rows and one frozen DUERP version, each
// written to the audit log as the back office would.
func seedDemoPlan(ctx context.Context, st *store.Store, c *vigie.Campaign, actor string, now time.Time) error {
	for _, a := range demoActions() {
		created, err := st.CreateAction(ctx, c.ID, a)
		if err != nil {
			return fmt.Errorf("démo : action « %s » : %w", a.Title, err)
		}
		if err := st.Audit(ctx, actor, "action.create", c.ID, created.ID+" « "+created.Title+" »"); err != nil {
			return err
		}
	}
	// Every published unit has a row for each of the six families.
	d, err := st.DUERP(ctx, c.ID, now)
	if err != nil {
		return fmt.Errorf("démo : DUERP : %w", err)
	}
	measures := map[dossier.DUERPKey]string{
		{Unit: "", RiskFamily: "exigences-emotionnelles"}:                      "Accès au psychologue du travail ; procédure de signalement des incivilités ; analyse de pratiques trimestrielle.",
		{Unit: "Direction Artois/Secteur Lens", RiskFamily: "intensite-temps"}: "Renfort ponctuel lors des pics d'activité ; réunion d'équipe hebdomadaire.",
	}
	for _, r := range d.Rows {
		text, ok := measures[dossier.DUERPKey{Unit: r.Unit, RiskFamily: r.RiskFamily}]
		if !ok {
			continue
		}
		if err := st.SetDUERPMeasures(ctx, c.ID, r.Unit, r.RiskFamily, text); err != nil {
			return fmt.Errorf("démo : mesures existantes : %w", err)
		}
		if err := st.Audit(ctx, actor, "duerp.measures", c.ID, r.UnitLabel+" – "+r.FamilyLabel); err != nil {
			return err
		}
	}
	v, err := st.FreezeDUERP(ctx, c.ID, actor, now, reports.DUERPWorkbook)
	if err != nil {
		return fmt.Errorf("démo : version du DUERP : %w", err)
	}
	return st.Audit(ctx, actor, "duerp.freeze", c.ID, fmt.Sprintf("version %d du %s", v.Number, v.FrozenOn))
}
