package questionnaires

// RiskFamily is one of the six families of psychosocial risk factors of
// the Gollac report (2011), the axes INRS's RPS-DU method assesses per
// work unit for the document unique (DUERP). A dimension names the family
// it informs (risk_family in the questionnaire file).
type RiskFamily string

// The six families, in the Gollac report's order.
const (
	IntensiteTemps         RiskFamily = "intensite-temps"
	ExigencesEmotionnelles RiskFamily = "exigences-emotionnelles"
	Autonomie              RiskFamily = "autonomie"
	RapportsSociaux        RiskFamily = "rapports-sociaux"
	ConflitsValeurs        RiskFamily = "conflits-valeurs"
	Insecurite             RiskFamily = "insecurite"
)

// RiskFamilies lists the families in display order.
var RiskFamilies = []RiskFamily{IntensiteTemps, ExigencesEmotionnelles, Autonomie, RapportsSociaux, ConflitsValeurs, Insecurite}

// riskFamilyLabels are the families' names in the INRS/Gollac wording.
var riskFamilyLabels = map[RiskFamily]Text{
	IntensiteTemps:         {"fr": "Intensité et temps de travail", "en": "Work intensity and working time"},
	ExigencesEmotionnelles: {"fr": "Exigences émotionnelles", "en": "Emotional demands"},
	Autonomie:              {"fr": "Manque d'autonomie", "en": "Lack of autonomy"},
	RapportsSociaux:        {"fr": "Rapports sociaux au travail dégradés", "en": "Poor social relations at work"},
	ConflitsValeurs:        {"fr": "Conflits de valeurs", "en": "Value conflicts"},
	Insecurite:             {"fr": "Insécurité de la situation de travail", "en": "Job insecurity"},
}

// Valid reports whether f is one of the six families.
func (f RiskFamily) Valid() bool {
	_, ok := riskFamilyLabels[f]
	return ok
}

// Label returns the family's name in lang (French when lang has none).
func (f RiskFamily) Label(lang string) string {
	return riskFamilyLabels[f].In(lang, "fr")
}
