package instrument

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// LimeSurvey question types brought over: arrays whose rows are the items
// and whose columns are the answer scale.
const (
	lssArray         = "F" // array with its own answer options
	lssArrayByColumn = "H" // the same, shown transposed
	lssArray5        = "A" // array 1 to 5, no answer options
	lssArray10       = "B" // array 1 to 10
	lssDualScale     = "1" // array with two scales: the first is taken
	lssLongText      = "T" // long free text: the questionnaire's comment
	lssHugeText      = "U"
)

// lssTypeNames name the question types that are left out, for warnings.
var lssTypeNames = map[string]string{
	"5": "choix sur 5 points", ":": "tableau de nombres", ";": "tableau de textes",
	"C": "tableau oui/incertain/non", "E": "tableau plus/pareil/moins", "D": "date", "G": "genre", "I": "langue",
	"K": "plusieurs nombres", "L": "liste", "!": "liste déroulante", "M": "choix multiple", "P": "choix multiple avec commentaire",
	"N": "nombre", "O": "liste avec commentaire", "Q": "plusieurs textes courts", "R": "classement", "S": "texte court",
	"T": "texte long", "U": "texte très long", "X": "texte d'information", "Y": "oui/non", "*": "équation", "|": "envoi de fichier",
}

// The scoring choices a .lss file does not hold; the warnings say so.
const (
	lssDirection = "higher_is_worse"
	lssLow       = "37.5"
	lssHigh      = "62.5"
)

// FromLSS reads a LimeSurvey survey structure file (.lss, LimeSurvey 3
// to 6) and returns the questionnaire made of its array questions: each
// array a dimension, its subquestions the items, its answer options the
// scale. What could not be brought over (other question types,
// conditions, ...) and what had to be chosen (direction, cut-offs) comes
// back as warnings. name is the file's name, for the YAML's head comment.
func FromLSS(r io.Reader, name string) (*Result, error) {
	doc, err := readLSS(r)
	if err != nil {
		return nil, err
	}
	c := &lssConverter{doc: doc}
	d := &draft{Head: headComment("du fichier LimeSurvey", name)}
	if err := c.convert(d); err != nil {
		return nil, err
	}
	return finish(d, c.warnings)
}

// lssConverter makes a draft of the tables of a .lss file.
type lssConverter struct {
	doc      *lssDoc
	langs    []string // base language first
	texts    map[string]map[string]lssText
	random   map[string]bool // qids whose subquestions LimeSurvey shuffles
	warnings []string
}

// lssText is a translated text and the line of its row.
type lssText struct {
	v    string
	line int
}

func (c *lssConverter) warn(at Place, format string, args ...any) {
	c.warnings = append(c.warnings, Problem{Place: at, Message: fmt.Sprintf(format, args...)}.String())
}

// question is a question or subquestion: its row, by qid.
type lssQuestion struct {
	row   lssRow
	order int
}

func (q *lssQuestion) get(k string) string { return strings.TrimSpace(q.row.f[k]) }

func (q *lssQuestion) place() Place {
	return Place{Line: q.row.line, What: "question " + q.get("title")}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

func (c *lssConverter) convert(d *draft) error {
	survey := Place{}
	var base string
	if rows := c.doc.tables["surveys"]; len(rows) > 0 {
		survey.Line = rows[0].line
		base = strings.TrimSpace(rows[0].f["language"])
		c.langs = append(c.langs, base)
		c.langs = append(c.langs, strings.Fields(rows[0].f["additional_languages"])...)
	}
	for _, l := range c.doc.languages {
		if !slices.Contains(c.langs, l) {
			c.langs = append(c.langs, l)
		}
	}
	c.langs = slices.DeleteFunc(c.langs, func(l string) bool {
		if l != "" && !langPattern.MatchString(l) {
			c.warn(survey, "langue « %s » ignorée : code de langue non reconnu", l)
			return true
		}
		return l == ""
	})
	if len(c.langs) == 0 {
		return &Error{Problems: []Problem{{Place: survey, Message: "le fichier ne dit pas la langue du questionnaire (<surveys> ou <languages>)"}}}
	}
	base = c.langs[0]
	d.Language = field{base, survey}
	d.Version = field{"1", survey}
	c.surveyTexts(d, survey)
	c.questionTexts()

	questions, subs := c.questions()
	c.otherTables()
	scales := map[string]*scaleDraft{}
	usedItems := map[string]bool{}
	prefix := duplicateCodes(subs)
	for _, q := range questions {
		at := q.place()
		typ := q.get("type")
		switch typ {
		case lssArray, lssArrayByColumn, lssArray5, lssArray10, lssDualScale:
		case lssLongText, lssHugeText:
			if len(d.Comment) == 0 {
				d.Comment = c.text(q.get("qid"), at)
				continue
			}
			fallthrough
		default:
			name := lssTypeNames[typ]
			if name == "" {
				name = "type inconnu"
			}
			c.warn(at, "non importée (type %s, %s) : seules les questions tableau (types F, H, A, B et 1) deviennent des dimensions", typ, name)
			continue
		}
		c.conditions(q)
		dim := c.dimension(q, d, scales, subs[q.get("qid")], prefix, usedItems)
		if dim != nil {
			d.Dimensions = append(d.Dimensions, dim)
		}
	}
	if len(d.Dimensions) == 0 {
		ps := problems{}
		ps.add(Place{}, "aucune question tableau (types F, H, A, B ou 1) avec des sous-questions : rien à importer")
		for _, w := range c.warnings {
			ps.add(Place{}, "%s", w)
		}
		return ps.err()
	}
	c.warn(Place{}, "LimeSurvey ne dit ni le sens des scores ni les seuils : chaque dimension a reçu direction %s et cutoffs [%s, %s] ; vérifiez-les dans le fichier YAML", lssDirection, lssLow, lssHigh)
	c.warn(Place{}, "LimeSurvey ne dit pas quels items sont inversés : aucun ne l'est (reverse) ; corrigez le fichier YAML s'il le faut")
	return nil
}

// surveyTexts reads the title and introduction of each language.
func (c *lssConverter) surveyTexts(d *draft, survey Place) {
	byLang := map[string]lssRow{}
	for _, r := range c.doc.tables["surveys_languagesettings"] {
		byLang[strings.TrimSpace(r.f["surveyls_language"])] = r
	}
	for _, lang := range c.langs {
		r, ok := byLang[lang]
		if !ok {
			continue
		}
		at := Place{Line: r.line, What: "titre du questionnaire"}
		d.Title.add(lang, clean(r.f["surveyls_title"]), at)
		intro := clean(r.f["surveyls_description"])
		if intro == "" {
			intro = clean(r.f["surveyls_welcometext"])
		}
		d.Intro.add(lang, intro, Place{Line: r.line, What: "description du questionnaire"})
		if d.ID.V == "" && lang == c.langs[0] {
			d.ID = field{slug(clean(r.f["surveyls_title"]), 40), at}
		}
	}
	if d.ID.V == "" {
		sid := ""
		if rows := c.doc.tables["surveys"]; len(rows) > 0 {
			sid = slug(rows[0].f["sid"], 20)
		}
		d.ID = field{"limesurvey-" + sid, survey}
	}
}

// questionTexts reads the texts of questions and subquestions: from
// question_l10ns (LimeSurvey 4 and later), or from the rows of the
// questions themselves (one per language, LimeSurvey 3).
func (c *lssConverter) questionTexts() {
	c.texts = map[string]map[string]lssText{}
	add := func(qid, lang, v string, line int) {
		if c.texts[qid] == nil {
			c.texts[qid] = map[string]lssText{}
		}
		c.texts[qid][lang] = lssText{clean(v), line}
		if h := clean(v); h == "" {
			delete(c.texts[qid], lang)
		}
	}
	for _, table := range []string{"question_l10ns", "questions", "subquestions"} {
		for _, r := range c.doc.tables[table] {
			if lang := strings.TrimSpace(r.f["language"]); lang != "" {
				if _, ok := r.f["question"]; ok {
					add(strings.TrimSpace(r.f["qid"]), lang, r.f["question"], r.line)
				}
				if h := clean(r.f["help"]); h != "" {
					add("help:"+strings.TrimSpace(r.f["qid"]), lang, h, r.line)
				}
			}
		}
	}
}

// text returns the text of qid in every language.
func (c *lssConverter) text(qid string, at Place) text {
	var t text
	for _, lang := range c.langs {
		if lt, ok := c.texts[qid][lang]; ok {
			p := at
			p.Line = lt.line
			t.add(lang, lt.v, p)
		}
	}
	return t
}

// questions returns the questions in the order respondents see them
// (group, then question order) and the subquestions of each, by qid.
func (c *lssConverter) questions() ([]*lssQuestion, map[string][]*lssQuestion) {
	groupOrder := map[string]int{}
	for _, r := range c.doc.tables["groups"] {
		groupOrder[strings.TrimSpace(r.f["gid"])] = atoi(r.f["group_order"])
		if rel := strings.TrimSpace(r.f["grelevance"]); rel != "" && rel != "1" {
			c.warn(Place{Line: r.line, What: "groupe " + strings.TrimSpace(r.f["gid"])}, "condition du groupe ignorée (%s) : ses questions seront posées à tous", rel)
		}
		if rg := strings.TrimSpace(r.f["randomization_group"]); rg != "" {
			c.warn(Place{Line: r.line, What: "groupe " + strings.TrimSpace(r.f["gid"])}, "ordre aléatoire des groupes ignoré")
		}
	}
	seen := map[string]bool{}
	var qs []*lssQuestion
	subs := map[string][]*lssQuestion{}
	for _, table := range []string{"questions", "subquestions"} {
		for _, r := range c.doc.tables[table] {
			qid := strings.TrimSpace(r.f["qid"])
			if seen[qid] { // LimeSurvey 3: one row per language
				continue
			}
			seen[qid] = true
			q := &lssQuestion{row: r, order: atoi(r.f["question_order"])}
			if parent := strings.TrimSpace(r.f["parent_qid"]); parent != "" && parent != "0" {
				if atoi(r.f["scale_id"]) == 0 {
					subs[parent] = append(subs[parent], q)
				}
				continue
			}
			qs = append(qs, q)
		}
	}
	slices.SortStableFunc(qs, func(a, b *lssQuestion) int {
		if ga, gb := groupOrder[a.get("gid")], groupOrder[b.get("gid")]; ga != gb {
			return ga - gb
		}
		return a.order - b.order
	})
	for _, s := range subs {
		slices.SortStableFunc(s, func(a, b *lssQuestion) int { return a.order - b.order })
	}
	return qs, subs
}

// otherTables warns about tables whose content has no place in Vigie.
func (c *lssConverter) otherTables() {
	for _, t := range []struct{ table, what string }{
		{"conditions", "conditions d'affichage ignorées : toutes les questions seront posées"},
		{"quota", "quotas ignorés"},
		{"assessments", "évaluations (assessments) ignorées : Vigie calcule ses propres scores"},
		{"defaultvalues", "valeurs par défaut ignorées"},
	} {
		if rows := c.doc.tables[t.table]; len(rows) > 0 {
			c.warn(Place{Line: rows[0].line}, "%d %s", len(rows), t.what)
		}
	}
	c.random = map[string]bool{}
	for _, r := range c.doc.tables["question_attributes"] {
		if strings.TrimSpace(r.f["attribute"]) == "random_order" && strings.TrimSpace(r.f["value"]) == "1" {
			c.random[strings.TrimSpace(r.f["qid"])] = true
		}
	}
}

// conditions warns about a question's condition and obligation.
func (c *lssConverter) conditions(q *lssQuestion) {
	if rel := q.get("relevance"); rel != "" && rel != "1" {
		c.warn(q.place(), "condition d'affichage ignorée (%s) : la question sera posée à tous", rel)
	}
	if c.random[q.get("qid")] {
		c.warn(q.place(), "ordre aléatoire des sous-questions ignoré : les items sont posés dans l'ordre du fichier")
	}
	if q.get("mandatory") == "Y" {
		c.warn(q.place(), "réponse obligatoire ignorée : dans Vigie, chacun peut passer une question")
	}
}

// duplicateCodes reports whether two subquestions of arrays share a code
// (SQ001 in every array, as LimeSurvey numbers them), in which case every
// item id is prefixed with its dimension's: item ids are unique in a
// questionnaire.
func duplicateCodes(subs map[string][]*lssQuestion) bool {
	seen := map[string]bool{}
	for _, s := range subs {
		for _, q := range s {
			id := slug(q.get("title"), 40)
			if seen[id] {
				return true
			}
			seen[id] = true
		}
	}
	return false
}
