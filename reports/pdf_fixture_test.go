package reports_test

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/vigie-sante/vigie/dossier"
	"github.com/vigie-sante/vigie/questionnaires"
	"github.com/vigie-sante/vigie/scoring"
)

// Names of groups that the fixture suppresses: they may appear in a
// report, but never next to a figure.
var pdfSecretNames = []string{"Equipe Secrete", "Direction Cachee", "Stagiaire Secret", "Atelier Discret"}

// pdfQuestionnaire builds by hand a small recognition questionnaire whose
// titles carry the accents, ligatures and guillemets French needs.
func pdfQuestionnaire(tb testing.TB) *questionnaires.Questionnaire {
	tb.Helper()
	accord := &questionnaires.Scale{ID: "accord", Min: 1, Max: 5, Labels: map[string][]string{
		"fr": {"Pas du tout d'accord", "Pas d'accord", "Ni l'un ni l'autre", "D'accord", "Tout à fait d'accord"},
		"en": {"Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"},
	}}
	item := func(id, fr, en string, reverse bool) *questionnaires.Item {
		return &questionnaires.Item{ID: id, Text: questionnaires.Text{"fr": fr, "en": en}, Scale: accord, Reverse: reverse}
	}
	q := &questionnaires.Questionnaire{
		ID: "reconnaissance", Version: 2, Language: "fr",
		Title:  questionnaires.Text{"fr": "Reconnaissance et efforts", "en": "Recognition and effort"},
		Scales: []*questionnaires.Scale{accord},
		Dimensions: []*questionnaires.Dimension{
			{ID: "effort", Title: questionnaires.Text{"fr": "Charge et cœur du métier", "en": "Workload and core of the job"},
				Direction: questionnaires.HigherIsWorse, Cutoffs: questionnaires.Cutoffs{Low: 40, High: 60},
				Items: []*questionnaires.Item{
					item("eff1", "Je suis souvent interrompu(e) dans mon travail.", "I am often interrupted.", false),
					item("eff2", "Mon travail est de plus en plus exigeant.", "My work is more and more demanding.", false),
					item("eff3", "J'ai le temps de faire mon travail correctement.", "I have time to do my work properly.", true),
				}},
			{ID: "recompense", Title: questionnaires.Text{"fr": "Reconnaissance reçue", "en": "Recognition received"},
				Direction: questionnaires.HigherIsBetter, Cutoffs: questionnaires.Cutoffs{Low: 40, High: 60},
				Items: []*questionnaires.Item{
					item("rec1", "Je reçois le respect que je mérite.", "I get the respect I deserve.", false),
					item("rec2", "Mes perspectives de promotion sont faibles.", "My prospects are poor.", true),
				}},
			{ID: "ethique", Title: questionnaires.Text{"fr": "Cohérence éthique", "en": "Ethical coherence"},
				Direction: questionnaires.HigherIsBetter, Cutoffs: questionnaires.Cutoffs{Low: 33.3, High: 66.7},
				Items: []*questionnaires.Item{
					item("eth1", "Accès à la qualité : je peux faire un travail dont je suis fier(e).", "I can do work I am proud of.", false),
					item("eth2", "Je dois faire des choses que je désapprouve.", "I must do things I disapprove of.", true),
				}},
			{ID: "soutien", Title: questionnaires.Text{"fr": "Soutien de l'équipe", "en": "Team support"},
				Direction: questionnaires.HigherIsBetter, Cutoffs: questionnaires.Cutoffs{Low: 40, High: 60},
				Items: []*questionnaires.Item{
					item("sou1", "Mes collègues m'aident quand c'est nécessaire.", "My colleagues help me when needed.", false),
					item("sou2", "Je me sens seul(e) face aux difficultés.", "I feel alone with difficulties.", true),
				}},
		},
		Indicators: []*questionnaires.Indicator{{
			ID: "ratio-effort-recompense", Kind: questionnaires.KindRatio,
			Title:     questionnaires.Text{"fr": "Ratio effort/récompense", "en": "Effort/reward ratio"},
			Numerator: "effort", Denominator: "recompense", Threshold: 1,
		}},
	}
	q.Finish()
	return q
}

// pdfDimStat builds a dimension's figures with a coherent interval and shares.
func pdfDimStat(n int, mean, sd float64, level scoring.Level, fav, inter float64) *scoring.DimensionStats {
	half := 1.96 * sd / math.Sqrt(float64(n))
	return &scoring.DimensionStats{N: n, Mean: mean, SD: sd,
		CI95:  [2]float64{math.Max(0, mean-half), math.Min(100, mean+half)},
		Level: level,
		Shares: map[scoring.Level]float64{scoring.Favourable: fav, scoring.Intermediate: inter,
			scoring.Unfavourable: 1 - fav - inter}}
}

// pdfGroup builds a group with figures for every dimension, item and
// indicator of q; shift moves its means so that groups differ.
func pdfGroup(q *questionnaires.Questionnaire, id string, kind scoring.GroupKind, label string, n int, shift float64) *scoring.Group {
	g := &scoring.Group{ID: id, Kind: kind, Label: label, Respondents: n,
		Dimensions: map[string]*scoring.DimensionStats{},
		Indicators: map[string]*scoring.IndicatorStats{},
		Items:      map[string]*scoring.ItemStats{}}
	levels := []scoring.Level{scoring.Unfavourable, scoring.Intermediate, scoring.Favourable, scoring.Intermediate}
	for i, d := range q.Dimensions {
		mean := math.Max(5, math.Min(95, 62-9*float64(i)+shift))
		g.Dimensions[d.ID] = pdfDimStat(n, mean, 18, levels[i%len(levels)], 0.2+0.05*float64(i), 0.35)
		for _, it := range d.Items {
			counts := map[string]int{}
			left, sum := n, 15+5*i
			for v := 1; v <= 5; v++ {
				c := n * (v + i) / sum
				if v == 5 {
					c = left
				}
				counts[strconv.Itoa(v)] = c
				left -= c
			}
			g.Items[it.ID] = &scoring.ItemStats{N: n, Counts: counts}
		}
	}
	for _, ind := range q.Indicators {
		g.Indicators[ind.ID] = &scoring.IndicatorStats{N: n, Mean: 1.12 + shift/100, ShareAbove: 0.38}
	}
	return g
}

func pdfSuppressed(id string, kind scoring.GroupKind, label, reason string) *scoring.Group {
	return &scoring.Group{ID: id, Kind: kind, Label: label, Suppressed: true, Reason: reason}
}

// pdfResult builds by hand a result with published and suppressed groups
// and measures: the whole population, a unit tree, segments.
func pdfResult(tb testing.TB, q *questionnaires.Questionnaire, k int) *scoring.Result {
	tb.Helper()
	all := pdfGroup(q, "all", scoring.KindAll, "Ensemble", 146, 0)
	dirA := pdfGroup(q, "unit:Direction des soins", scoring.KindUnit, "Direction des soins", 71, 6)
	serv := pdfGroup(q, "unit:Direction des soins/Service d'urgences", scoring.KindUnit, "Service d'urgences", 23, 12)
	serv.Parent = dirA.ID
	// A published unit with one dimension and the indicator suppressed.
	dirB := pdfGroup(q, "unit:Pôle logistique", scoring.KindUnit, "Pôle logistique", 62, -8)
	dirB.Dimensions["soutien"] = &scoring.DimensionStats{Suppressed: true, Reason: scoring.ReasonBelowThreshold}
	dirB.Indicators["ratio-effort-recompense"] = &scoring.IndicatorStats{Suppressed: true, Reason: scoring.ReasonBelowThreshold}
	secret := pdfSuppressed("unit:Direction des soins/Equipe Secrete", scoring.KindUnit, "Equipe Secrete", scoring.ReasonBelowThreshold)
	secret.Parent = dirA.ID
	hidden := pdfSuppressed("unit:Direction Cachee", scoring.KindUnit, "Direction Cachee", scoring.ReasonSecondary)
	atelier := pdfSuppressed("unit:Pôle logistique/Atelier Discret", scoring.KindUnit, "Atelier Discret", scoring.ReasonBelowThreshold)
	atelier.Parent = dirB.ID
	nurse := pdfGroup(q, "segment:metier=Infirmier·ère", scoring.KindSegment, "Infirmier·ère", 88, 4)
	nurse.Segment = "metier"
	exec := pdfGroup(q, "segment:metier=Cadre de santé", scoring.KindSegment, "Cadre de santé", 51, -3)
	exec.Segment = "metier"
	intern := pdfSuppressed("segment:metier=Stagiaire Secret", scoring.KindSegment, "Stagiaire Secret", scoring.ReasonBelowThreshold)
	intern.Segment = "metier"
	alpha := func(a float64) *float64 { return &a }
	return &scoring.Result{
		Questionnaire: scoring.QuestionnaireRef{ID: q.ID, Version: q.Version},
		MinGroupSize:  k,
		Respondents:   146,
		Groups:        []*scoring.Group{all, dirA, serv, secret, dirB, atelier, hidden, nurse, exec, intern},
		Reliability: map[string]scoring.Reliability{
			"effort": {Alpha: alpha(0.81), N: 139}, "recompense": {Alpha: alpha(0.74), N: 140},
			"ethique": {Alpha: alpha(0.62), N: 141}, "soutien": {N: 8},
		},
	}
}

// pdfReport builds a complete report around the hand-made result.
func pdfReport(tb testing.TB, lang string, audience dossier.Audience, k int) *dossier.Report {
	tb.Helper()
	q := pdfQuestionnaire(tb)
	ip := func(n int) *int { return &n }
	fp := func(f float64) *float64 { return &f }
	r := &dossier.Report{
		Organisation:        "Centre hospitalier de Montbéliard",
		Campaign:            "Baromètre qualité de vie au travail 2027",
		Period:              "2027-W03 – 2027-W07",
		GeneratedAt:         time.Date(2027, 2, 20, 10, 0, 0, 0, time.UTC),
		Audience:            audience,
		Lang:                lang,
		MinGroupSize:        k,
		CommentMinGroupSize: 10,
		IncludeItemAnnex:    audience == dossier.AudienceConsultant,
		Version:             "0.1.0-test",
		Participation: []scoring.UnitParticipation{
			{Path: []string{"Direction des soins"}, Respondents: ip(71), Headcount: 90, Rate: fp(71.0 / 90)},
			{Path: []string{"Direction des soins", "Service d'urgences"}, Respondents: ip(23), Headcount: 45, Rate: fp(23.0 / 45)},
			{Path: []string{"Direction des soins", "Equipe Secrete"}, Headcount: 6},
			{Path: []string{"Pôle logistique"}, Respondents: ip(62), Headcount: 80, Rate: fp(62.0 / 80)},
			{Path: []string{"Pôle logistique", "Atelier Discret"}, Headcount: 4},
			{Path: []string{"Direction Cachee"}, Headcount: 12},
		},
		Sections: []dossier.Section{{Questionnaire: q, Result: pdfResult(tb, q, k)}},
	}
	if audience == dossier.AudienceConsultant {
		r.Sections[0].Comments = []dossier.Comment{
			{Group: "Direction des soins", Text: "On court après les chiffres; le logiciel ne voit pas le soin!"},
			{Group: "Direction des soins", Text: "Les « transmissions » prennent plus de temps que les patients."},
			{Group: "Pôle logistique", Text: "Bonne entraide dans l'équipe."},
			{Group: "Pôle logistique", Text: "Œuvre collective, malgré tout: ça tient."},
		}
	}
	return r
}
