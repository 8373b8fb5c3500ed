package instrument

import (
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
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

// dimension makes a dimension of an array question.
func (c *lssConverter) dimension(q *lssQuestion, d *draft, scales map[string]*scaleDraft, subs []*lssQuestion, prefix bool, used map[string]bool) *dimensionDraft {
	at := q.place()
	if len(subs) == 0 {
		c.warn(at, "question tableau sans sous-question : non importée")
		return nil
	}
	code := q.get("title")
	dim := &dimensionDraft{ID: field{slug(code, 40), at}, Direction: field{lssDirection, at},
		Low: field{lssLow, at}, High: field{lssHigh, at}}
	dim.Title = c.text(q.get("qid"), at)
	dim.Description = c.text("help:"+q.get("qid"), at)
	if len(dim.Description) == 0 {
		dim.Description = dim.Title
	}
	scale := c.scale(q, d, scales)
	if scale == nil {
		return nil
	}
	if q.get("type") == lssDualScale {
		c.warn(at, "tableau à double échelle : seule la première échelle est importée")
	}
	for _, s := range subs {
		sat := Place{Line: s.row.line, What: "sous-question " + s.get("title") + " de " + code}
		if rel := s.get("relevance"); rel != "" && rel != "1" {
			c.warn(sat, "condition d'affichage ignorée (%s) : l'item sera posé à tous", rel)
		}
		id := slug(s.get("title"), 40)
		if used[id] || prefix {
			id = dim.ID.V + "-" + id
		}
		used[id] = true
		it := &itemDraft{ID: field{id, sat}, Scale: field{scale.ID.V, sat}}
		it.Text = c.text(s.get("qid"), sat)
		dim.Items = append(dim.Items, it)
	}
	return dim
}

// lssAnswer is an answer option of an array.
type lssAnswer struct {
	row   lssRow
	value int
	text  map[string]string
}

// scale returns the scale of an array question, shared with the arrays
// that have the same values and labels.
func (c *lssConverter) scale(q *lssQuestion, d *draft, scales map[string]*scaleDraft) *scaleDraft {
	at := q.place()
	qid := q.get("qid")
	var answers []*lssAnswer
	switch q.get("type") {
	case lssArray5, lssArray10:
		n := 5
		if q.get("type") == lssArray10 {
			n = 10
		}
		for v := 1; v <= n; v++ {
			a := &lssAnswer{row: q.row, value: v, text: map[string]string{}}
			for _, lang := range c.langs {
				a.text[lang] = strconv.Itoa(v)
			}
			answers = append(answers, a)
		}
	default:
		answers = c.answers(qid)
		if len(answers) < 2 {
			c.warn(at, "moins de deux options de réponse : question non importée")
			return nil
		}
		if !contiguous(answers, func(a *lssAnswer) string { return a.row.f["assessment_value"] }) &&
			!contiguous(answers, func(a *lssAnswer) string { return a.row.f["code"] }) {
			for i, a := range answers {
				a.value = i + 1
			}
			c.warn(at, "les options de réponse n'ont ni valeurs d'évaluation ni codes qui se suivent : elles valent 1 à %d dans leur ordre", len(answers))
		}
		slices.SortStableFunc(answers, func(a, b *lssAnswer) int { return a.value - b.value })
	}
	s := &scaleDraft{Min: field{strconv.Itoa(answers[0].value), at}, Max: field{strconv.Itoa(answers[len(answers)-1].value), at}}
	for _, lang := range c.langs {
		l := list{Lang: lang, At: Place{Line: answers[0].row.line, What: "options de réponse de " + q.get("title")}}
		for _, a := range answers {
			if a.text[lang] == "" {
				l.V = nil
				break
			}
			l.V = append(l.V, a.text[lang])
		}
		if l.V == nil {
			if lang == c.langs[0] {
				l.V = make([]string, len(answers))
				for i, a := range answers {
					l.V[i] = strings.TrimSpace(a.row.f["code"])
				}
				c.warn(at, "options de réponse sans libellé en %s : leurs codes en tiennent lieu", lang)
			} else {
				c.warn(at, "options de réponse incomplètes en %s : l'échelle n'aura pas cette langue", lang)
				continue
			}
		}
		s.Labels = append(s.Labels, l)
	}
	key := s.Min.V + " " + s.Max.V
	for _, l := range s.Labels {
		key += fmt.Sprintf(" %s:%q", l.Lang, l.V)
	}
	if shared, ok := scales[key]; ok {
		return shared
	}
	s.ID = field{"echelle-" + strconv.Itoa(len(scales)+1), at}
	scales[key] = s
	d.Scales = append(d.Scales, s)
	return s
}

// answers returns the answer options of an array's first scale in the
// order LimeSurvey shows them, their texts by language (answer_l10ns in
// LimeSurvey 4 and later, the answer rows themselves in LimeSurvey 3).
func (c *lssConverter) answers(qid string) []*lssAnswer {
	byAID := map[string]*lssAnswer{}
	byCode := map[string]*lssAnswer{}
	var out []*lssAnswer
	for _, r := range c.doc.tables["answers"] {
		if strings.TrimSpace(r.f["qid"]) != qid || atoi(r.f["scale_id"]) != 0 {
			continue
		}
		code := strings.TrimSpace(r.f["code"])
		a := byCode[code]
		if a == nil {
			a = &lssAnswer{row: r, text: map[string]string{}}
			byCode[code] = a
			out = append(out, a)
		}
		if aid := strings.TrimSpace(r.f["aid"]); aid != "" {
			byAID[aid] = a
		}
		if lang := strings.TrimSpace(r.f["language"]); lang != "" {
			a.text[lang] = clean(r.f["answer"])
		}
	}
	for _, r := range c.doc.tables["answer_l10ns"] {
		if a := byAID[strings.TrimSpace(r.f["aid"])]; a != nil {
			a.text[strings.TrimSpace(r.f["language"])] = clean(r.f["answer"])
		}
	}
	slices.SortStableFunc(out, func(a, b *lssAnswer) int { return atoi(a.row.f["sortorder"]) - atoi(b.row.f["sortorder"]) })
	return out
}

// contiguous gives each answer the integer of key when those integers
// are distinct and follow each other (in any order), and reports whether
// they do.
func contiguous(as []*lssAnswer, key func(*lssAnswer) string) bool {
	vs := make([]int, len(as))
	for i, a := range as {
		v, err := strconv.Atoi(strings.TrimSpace(key(a)))
		if err != nil || v < -1000 || v > 1000 {
			return false
		}
		vs[i] = v
	}
	sorted := slices.Clone(vs)
	slices.Sort(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i] != sorted[i-1]+1 {
			return false
		}
	}
	for i, a := range as {
		a.value = vs[i]
	}
	return true
}

var (
	ligatures   = strings.NewReplacer("œ", "oe", "æ", "ae", "ß", "ss")
	tags        = regexp.MustCompile(`<[^>]*>`)
	langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// clean turns LimeSurvey's HTML texts into plain text.
func clean(s string) string {
	s = tags.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// slug makes an identifier of a code or a title: lower case, accents
// removed, hyphens between words, at most n characters.
func slug(s string, n int) string {
	var b strings.Builder
	dash := false
runes:
	for _, r := range norm.NFD.String(ligatures.Replace(strings.ToLower(s))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= n {
			break runes
		}
	}
	return strings.TrimRight(b.String(), "-")
}
