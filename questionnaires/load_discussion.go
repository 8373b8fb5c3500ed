package questionnaires

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Bounds on the discussion questions of a dimension, per language: fewer
// than three does not fill a session, more than six is not read out.
const (
	MinDiscussion = 3
	MaxDiscussion = 6
)

// TextList is a list of texts in several languages, keyed by language code.
type TextList map[string][]string

// In returns the list in lang, or in fallback when lang has none.
func (t TextList) In(lang, fallback string) []string {
	if l := t[lang]; len(l) > 0 {
		return l
	}
	return t[fallback]
}

// riskFamily reads the optional risk_family of a dimension.
func (d *decoder) riskFamily(parent *yaml.Node, f map[string]field, where string) RiskFamily {
	v, n := d.str(parent, f, where, "risk_family", false)
	if n == nil {
		return ""
	}
	fam := RiskFamily(v)
	if !fam.Valid() {
		ids := make([]string, len(RiskFamilies))
		for i, rf := range RiskFamilies {
			ids[i] = string(rf)
		}
		d.errorf(n, "%s : famille de risques inconnue « %s » (familles possibles : %s)", where, v, strings.Join(ids, ", "))
		return ""
	}
	return fam
}

// discussion reads the optional discussion questions of a dimension: a
// table from language to a list of MinDiscussion to MaxDiscussion texts,
// with the default language present.
func (d *decoder) discussion(f map[string]field, where string) TextList {
	df, ok := f["discussion"]
	if !ok {
		return nil
	}
	n := d.resolve(df.value)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	label := where + " : discussion"
	entries, order := d.orderedMapping(n, label)
	if entries == nil {
		return nil
	}
	t := make(TextList, len(order))
	for lang, value := range d.languages(entries, order, label) {
		list := d.resolve(value)
		nodes := d.sequence(list, label+" "+lang)
		if list == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		if len(nodes) < MinDiscussion || len(nodes) > MaxDiscussion {
			questions := "questions" // a real plural, not « question(s) »
			if len(nodes) < 2 {
				questions = "question"
			}
			d.errorf(list, "%s : %d %s en « %s », il en faut de %d à %d", label, len(nodes), questions, lang, MinDiscussion, MaxDiscussion)
		}
		var qs []string
		for _, qn := range nodes {
			qn = d.resolve(qn)
			if qn == nil {
				continue
			}
			if qn.Kind != yaml.ScalarNode || qn.Tag == "!!null" {
				d.errorf(qn, "%s : une question en « %s » doit être une chaîne de caractères, pas %s", label, lang, describe(qn))
				continue
			}
			if strings.TrimSpace(qn.Value) == "" {
				d.errorf(qn, "%s : question vide en « %s »", label, lang)
				continue
			}
			qs = append(qs, qn.Value)
		}
		t[lang] = qs
	}
	if _, present := entries[d.lang]; d.lang != "" && !present {
		d.errorf(n, "%s : questions manquantes dans la langue par défaut « %s »", label, d.lang)
	}
	return t
}
