package main

import (
	"math"
	"math/rand/v2"
	"strings"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// The demo's synthetic answers come from a small, seeded model documented in
// docs/demo.md. Each respondent has a latent score per dimension:
//
//	score = base(dimension) + shift(direction) + shift(team) + 8·strain·sign + noise(σ=12)
//
// where strain ~ N(0,1) is one general factor per person (so dimensions
// correlate as they do in real surveys) and sign is +1 for higher_is_worse
// dimensions, -1 otherwise. Each item's raw answer is the score mapped back
// to the item's scale, plus noise (σ=0.7 scale point), rounded, clamped and
// reversed for reverse-keyed items; 2 % of answers are left out. The shifts
// plant the patterns the demo must show:
//   - Secteur Lens: strong effort/reward imbalance;
//   - Direction Littoral: the software is felt to hide the real work;
//   - Cellule expertise: a team under k that every output must hide.
const demoSeed = 2026

// demoTeam is one team of the demo organisation.
type demoTeam struct {
	direction   string
	name        string
	headcount   int
	respondents int
	shift       map[string]float64 // dimension id -> points added to the mean score
	// directionShift is the planted pattern of the team's direction
	// (demoDirectionShift), kept with the team so that the previous
	// wave can show a time before it.
	directionShift map[string]float64
}

// demoDirectionShift holds the planted direction-level patterns.
var demoDirectionShift = map[string]map[string]float64{
	"Direction Littoral": {
		"charge-saisie": 18, "fidelite-activite": -22, "pilotage-par-les-donnees": 18,
		"temps-collectif": -15, "qualite-empechee": 16, "marges-adaptation": -12,
		"souffrance-ethique": 10, "rationalisation": 8,
	},
}

// demoTeams is the demo organisation: a regional social service with three
// directions and twelve teams, about 400 agents.
func demoTeams() []demoTeam {
	imbalance := map[string]float64{"effort": 22, "recompense": -24, "reconnaissance-investissement": -15, "retrait": 10, "suractivite": 12}
	teams := []demoTeam{
		{"Direction Métropole", "Secteur Lille", 42, 33, nil, nil},
		{"Direction Métropole", "Secteur Roubaix", 38, 29, nil, nil},
		{"Direction Métropole", "Secteur Tourcoing", 35, 26, map[string]float64{"relations": 8}, nil},
		{"Direction Métropole", "Secteur Armentières", 30, 14, nil, nil}, // participation under 60 %
		{"Direction Littoral", "Secteur Dunkerque", 40, 31, nil, nil},
		{"Direction Littoral", "Secteur Calais", 36, 27, nil, nil},
		{"Direction Littoral", "Secteur Boulogne", 33, 25, nil, nil},
		{"Direction Littoral", "Secteur Saint-Omer", 28, 21, nil, nil},
		{"Direction Artois", "Secteur Arras", 39, 30, nil, nil},
		{"Direction Artois", "Secteur Lens", 37, 29, imbalance, nil},
		{"Direction Artois", "Secteur Béthune", 34, 26, nil, nil},
		{"Direction Artois", "Cellule expertise", 6, 3, nil, nil}, // under k: hidden everywhere
	}
	for i := range teams {
		teams[i].directionShift = demoDirectionShift[teams[i].direction]
	}
	return teams
}

// demoBase is the typical mean score (0-100) of each built-in dimension in
// the demo organisation; unknown dimensions get 50.
var demoBase = map[string]float64{
	"utilite-sociale": 78, "rectitude-morale": 58, "autonomie": 55, "apprentissage": 52, "relations": 66, "sens-global": 64,
	"effort": 50, "recompense": 58, "reconnaissance-personne": 58, "reconnaissance-pratique": 48,
	"reconnaissance-investissement": 45, "reconnaissance-resultats": 47,
	"rationalisation": 45, "deni": 35, "mefiance": 40, "retrait": 33, "suractivite": 50, "cynisme": 32, "souffrance-ethique": 42,
	"charge-saisie": 62, "fidelite-activite": 42, "pilotage-par-les-donnees": 55, "temps-collectif": 40,
	"qualite-empechee": 50, "marges-adaptation": 38,
	// A social service: contact with distress and tension every day; the
	// case-management software and the figures (Mailfert) feed a worry
	// about posts and the future of the job.
	"exigences-emotionnelles": 70, "insecurite": 52,
}

// demoSegments are the demo's segments: job and seniority band.
func demoSegments() []vigie.Segment {
	return []vigie.Segment{
		{ID: "metier", Label: map[string]string{"fr": "Métier", "en": "Job"},
			Categories: []string{"Assistant social", "Conseiller", "Encadrement", "Administratif"}},
		{ID: "anciennete", Label: map[string]string{"fr": "Ancienneté", "en": "Seniority"},
			Categories: []string{"Moins de 5 ans", "5 à 15 ans", "Plus de 15 ans"}},
	}
}

// demoComments are comments a respondent may leave, per questionnaire. Some
// carry identifying details on purpose, for the moderation step to redact.
var demoComments = map[string][]string{
	"sens-du-travail": {
		"J'aime mon métier, mais je n'ai plus le temps de le faire comme je le voudrais.",
		"Les usagers nous remercient, c'est ce qui me fait tenir.",
		"On nous demande d'aller vite alors que les situations sont de plus en plus complexes.",
		"Depuis mon retour de congé à Lens en mars, personne ne m'a demandé comment j'allais.",
	},
	"reconnaissance": {
		"Le travail invisible n'est jamais reconnu : seuls les chiffres comptent.",
		"Mes collègues sont mon premier soutien.",
		"Notre cheffe de service, Mme Durand, ne voit que les tableaux de bord.",
		"Aucune perspective d'évolution depuis des années.",
	},
	"strategies-defensives": {
		"On finit par ne plus en parler entre nous, à quoi bon.",
		"Je fais des heures en plus pour tenir les dossiers à jour.",
		"On rit de tout pour ne pas craquer.",
	},
	"numerique-travail-reel": {
		"Le logiciel ne montre pas le temps passé au téléphone avec les partenaires.",
		"Une situation complexe compte autant qu'un simple renseignement.",
		"La saisie me prend une matinée par semaine.",
		"En supervision, on parle du logiciel plus que des personnes accompagnées.",
		"Je suis la seule assistante sociale de Saint-Omer à faire les visites à domicile le vendredi.",
	},
}

// demoCommentsFor returns the comments a member of team t may write for a
// questionnaire: a comment naming a town is written only by someone of the
// team based there, so moderation reads like a real campaign's.
func demoCommentsFor(qid string, t demoTeam) []string {
	var out []string
	for _, text := range demoComments[qid] {
		fits := true
		for _, other := range demoTeams() {
			town := strings.TrimPrefix(other.name, "Secteur ")
			if other.name != t.name && town != other.name && strings.Contains(text, town) {
				fits = false
			}
		}
		if fits {
			out = append(out, text)
		}
	}
	return out
}

// demoResponses generates the demo's synthetic responses for the given
// questionnaires, deterministically from the seed. The answers to a
// questionnaire added to the barometer later (demoAddedQuestionnaire)
// come from a stream of their own: adding it left every other answer as
// it was.
func demoResponses(seed uint64, qs []*questionnaires.Questionnaire, teams []demoTeam) []*vigie.Response {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	added := rand.New(rand.NewPCG(seed^0x5bd1e995, seed))
	segments := demoSegments()
	var out []*vigie.Response
	for _, t := range teams {
		for i := 0; i < t.respondents; i++ {
			out = append(out, demoRespondent(rng, added, qs, t, segments))
		}
	}
	return out
}

// demoRespondent draws one person's answers, those to the added
// questionnaire from added.
func demoRespondent(rng, added *rand.Rand, qs []*questionnaires.Questionnaire, t demoTeam, segments []vigie.Segment) *vigie.Response {
	r := &vigie.Response{
		Unit:     []string{t.direction, t.name},
		Segments: map[string]string{},
		Answers:  map[string]map[string]int{},
		Comments: map[string]string{},
	}
	// Job: mostly social workers; seniority: roughly even.
	r.Segments["metier"] = pickWeighted(rng, segments[0].Categories, []float64{0.55, 0.2, 0.1, 0.15})
	r.Segments["anciennete"] = pickWeighted(rng, segments[1].Categories, []float64{0.3, 0.4, 0.3})
	if rng.Float64() < 0.04 {
		delete(r.Segments, "anciennete") // "Je préfère ne pas répondre"
	}
	strain := rng.NormFloat64()
	for _, q := range qs {
		draw := rng
		if q.ID == demoAddedQuestionnaire {
			draw = added
		}
		answers := map[string]int{}
		for _, d := range q.Dimensions {
			score := demoScore(draw, d, t, strain)
			for _, it := range d.Items {
				if draw.Float64() < 0.02 {
					continue
				}
				answers[it.ID] = demoAnswer(draw, it, score)
			}
		}
		r.Answers[q.ID] = answers
		if pool := demoCommentsFor(q.ID, t); len(pool) > 0 && q.Comment != nil && rng.Float64() < 0.12 {
			r.Comments[q.ID] = pool[rng.IntN(len(pool))]
		}
	}
	return r
}

// demoScore draws a respondent's latent 0-100 score on one dimension.
func demoScore(rng *rand.Rand, d *questionnaires.Dimension, t demoTeam, strain float64) float64 {
	base, ok := demoBase[d.ID]
	if !ok {
		base = 50
	}
	sign := -1.0
	if d.Direction == questionnaires.HigherIsWorse {
		sign = 1
	}
	s := base + t.directionShift[d.ID] + t.shift[d.ID] + 8*strain*sign + 12*rng.NormFloat64()
	return math.Max(0, math.Min(100, s))
}

// demoAnswer maps a latent score to a raw answer on the item's scale.
func demoAnswer(rng *rand.Rand, it *questionnaires.Item, score float64) int {
	sc := it.Scale
	span := float64(sc.Max - sc.Min)
	v := int(math.Round(float64(sc.Min) + score/100*span + 0.7*rng.NormFloat64()))
	v = max(sc.Min, min(sc.Max, v))
	if it.Reverse {
		v = sc.Min + sc.Max - v
	}
	return v
}

func pickWeighted(rng *rand.Rand, values []string, weights []float64) string {
	x := rng.Float64()
	for i, w := range weights {
		if x < w {
			return values[i]
		}
		x -= w
	}
	return values[len(values)-1]
}
