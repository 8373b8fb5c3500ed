package instrument

import "github.com/vigie-sante/vigie/questionnaires"

// The template's sheets and columns, shared by the reader (xlsx.go) and
// the writer (template_write.go): a column moved in one is moved in both.
const (
	sheetInstructions  = "Instructions"
	sheetQuestionnaire = "Questionnaire"
	sheetScales        = "Échelles"
	sheetDimensions    = "Dimensions"
	sheetItems         = "Items"
	sheetIndicators    = "Indicateurs"
)

// column is a column of a sheet: its heading and the help shown in the
// instructions.
type column struct {
	Header string
	Help   string
}

// The template holds texts in French and English; the questionnaire's
// language says which one is the default (required everywhere).
var templateLanguages = []string{"fr", "en"}

// Rows of the Questionnaire sheet (a table of fields, one per row).
const (
	fieldID      = "identifiant"
	fieldVersion = "version"
	fieldLang    = "langue"
	fieldTitle   = "titre"
	fieldIntro   = "introduction"
	fieldComment = "commentaire"
)

var questionnaireFields = []column{
	{fieldID, "identifiant du questionnaire : lettres minuscules sans accent, chiffres et tirets"},
	{fieldVersion, "entier positif, à augmenter dès qu'un item ou un seuil change"},
	{fieldLang, "langue par défaut, fr ou en : tous les textes doivent exister dans cette langue"},
	{fieldTitle, "titre présenté aux répondants et dans les rapports"},
	{fieldIntro, "introduction affichée avant les questions (facultatif)"},
	{fieldComment, "question libre posée à la fin (facultatif ; vide : pas de question libre)"},
}

var questionnaireColumns = []column{
	{"Champ", ""},
	{"Valeur (français)", ""},
	{"English", ""},
}

var scaleColumns = []column{
	{"Échelle", "identifiant de l'échelle, répété sur chaque ligne de ses valeurs"},
	{"Valeur", "valeur entière ; les valeurs d'une échelle se suivent sans trou (1, 2, 3, 4, 5)"},
	{"Libellé (français)", "ce que le répondant lit pour cette valeur"},
	{"Label (English)", "the same label in English (optional)"},
}

const (
	colScaleID = iota
	colScaleValue
	colScaleFR
	colScaleEN
)

var dimensionColumns = []column{
	{"Dimension", "identifiant de la dimension"},
	{"Titre (français)", "nom de la dimension"},
	{"Title (English)", ""},
	{"Description (français)", "ce que mesure la dimension, pour les rapports"},
	{"Description (English)", ""},
	{"Sens", "« élevé = défavorable » ou « élevé = favorable » : que signifie un score élevé ?"},
	{"Seuil bas", "seuil bas sur l'échelle 0-100 (par exemple 37,5)"},
	{"Seuil haut", "seuil haut sur l'échelle 0-100, plus grand que le seuil bas"},
	{"Part minimale", "part des items à renseigner pour obtenir un score, de 0 à 1 (vide : 0,5)"},
	{"Famille de risques", "famille du rapport Gollac dont la dimension mesure l'exposition (facultatif)"},
	{"Signal pour", "famille pour laquelle la dimension est un signal à discuter (facultatif, exclut la famille de risques)"},
	{"Lecture", "« niveaux » (par défaut) ou « signal » pour une stratégie défensive"},
	{"Questions d'échange (français)", "3 à 6 questions pour le guide d'échange, une par ligne de la cellule (facultatif)"},
	{"Discussion questions (English)", ""},
}

const (
	colDimID = iota
	colDimTitleFR
	colDimTitleEN
	colDimDescFR
	colDimDescEN
	colDimDirection
	colDimLow
	colDimHigh
	colDimMinAnswered
	colDimFamily
	colDimSignalFor
	colDimReading
	colDimDiscussionFR
	colDimDiscussionEN
)

var itemColumns = []column{
	{"Dimension", "identifiant d'une dimension de la feuille Dimensions"},
	{"Item", "identifiant de l'item, unique dans tout le questionnaire"},
	{"Texte (français)", "la question posée"},
	{"Text (English)", ""},
	{"Échelle", "identifiant d'une échelle de la feuille Échelles"},
	{"Inversé", "« oui » si un accord élevé traduit un score bas (item inversé), sinon « non » ou vide"},
}

const (
	colItemDim = iota
	colItemID
	colItemFR
	colItemEN
	colItemScale
	colItemReverse
)

var indicatorColumns = []column{
	{"Indicateur", "identifiant de l'indicateur (facultatif : laissez la feuille vide)"},
	{"Titre (français)", ""},
	{"Title (English)", ""},
	{"Type", "ratio (seul type existant)"},
	{"Numérateur", "dimension au numérateur"},
	{"Dénominateur", "dimension au dénominateur"},
	{"Seuil", "seuil strictement positif : les résultats donnent la part des répondants au-dessus"},
}

const (
	colIndID = iota
	colIndTitleFR
	colIndTitleEN
	colIndKind
	colIndNum
	colIndDen
	colIndThreshold
)

// Words of the template for the YAML's keywords.
var (
	directionWords = map[questionnaires.Direction]string{
		questionnaires.HigherIsWorse:  "élevé = défavorable",
		questionnaires.HigherIsBetter: "élevé = favorable",
	}
	readingWords = map[questionnaires.Reading]string{
		questionnaires.ReadingLevels: "niveaux",
		questionnaires.ReadingSignal: "signal",
	}
	yesWords = []string{"oui", "non"}
)
