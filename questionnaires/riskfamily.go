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

// riskFamilyQuestions say, for each family, what questions a survey needs
// to assess it: the DUERP row of a family no dimension of the campaign
// measures says so rather than reading the family from something else.
var riskFamilyQuestions = map[RiskFamily]Text{
	IntensiteTemps: {
		"fr": "des questions sur la quantité de travail, la pression du temps, les interruptions, les horaires et le débordement sur la vie personnelle",
		"en": "questions on the amount of work, time pressure, interruptions, working hours and work spilling over into private life"},
	ExigencesEmotionnelles: {
		"fr": "des questions sur le contact avec la détresse ou l'agressivité du public, le fait de devoir montrer d'autres émotions que les siennes, la peur au travail",
		"en": "questions on contact with the public's distress or aggression, having to show emotions other than one's own, fear at work"},
	Autonomie: {
		"fr": "des questions sur les marges de manœuvre, le choix de sa façon de faire et de son rythme, la participation aux décisions, l'usage et le développement des compétences",
		"en": "questions on leeway, choosing how and at what pace to work, taking part in decisions, using and developing one's skills"},
	RapportsSociaux: {
		"fr": "des questions sur le soutien des collègues et de l'encadrement, la reconnaissance, la justice de l'évaluation, les conflits et les violences au travail",
		"en": "questions on support from colleagues and managers, recognition, fair appraisal, conflicts and violence at work"},
	ConflitsValeurs: {
		"fr": "des questions sur le fait de devoir faire ce que l'on désapprouve, la qualité empêchée, le sentiment de faire un travail inutile",
		"en": "questions on having to do what one disapproves of, being prevented from doing good work, feeling one's work is pointless"},
	Insecurite: {
		"fr": "des questions sur la crainte de perdre son emploi, les changements subis, l'avenir du métier",
		"en": "questions on the fear of losing one's job, changes imposed, the future of the occupation"},
}

// AssessedBy says what questions a survey needs to assess the family, in
// lang (French when lang has none), without a capital or a full stop.
func (f RiskFamily) AssessedBy(lang string) string {
	return riskFamilyQuestions[f].In(lang, "fr")
}
