package instrument

// The dimensions and scales made of a .lss file's arrays.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

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
