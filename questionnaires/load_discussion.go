package questionnaires

import (
	"strings"

	"github.com/vigie-sante/vigie/internal/yamlnode"
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

// riskFamily reads the optional family named by key (risk_family or
// signal_for) of a dimension.
func (d *decoder) riskFamily(parent *yaml.Node, f map[string]field, where, key string) RiskFamily {
	v, n := d.str(parent, f, where, key, false)
	if n == nil {
		return ""
	}
	fam := RiskFamily(v)
	if !fam.Valid() {
		ids := make([]string, len(RiskFamilies))
		for i, rf := range RiskFamilies {
			ids[i] = string(rf)
		}
		if key != "risk_family" {
			where += " : " + key
		}
		d.errorf(n, "%s : famille de risques inconnue « %s » (familles possibles : %s)", where, v, strings.Join(ids, ", "))
		return ""
	}
	return fam
}

// reading reads the optional reading of a dimension: levels (the
// default) or signal.
func (d *decoder) reading(parent *yaml.Node, f map[string]field, where string) Reading {
	v, n := d.str(parent, f, where, "reading", false)
	if n == nil {
		return ReadingLevels
	}
	r := Reading(v)
	if r != ReadingLevels && r != ReadingSignal {
		d.errorf(n, "%s : « reading » vaut « %s », attendu %s ou %s", where, v, ReadingLevels, ReadingSignal)
		return ReadingLevels
	}
	return r
}

// classification checks that a dimension is an exposure of one family or
// a signal for one, never both, and that a signal (a defensive strategy)
// is never an exposure: the DUERP reads exposures from risk_family only.
func (d *decoder) classification(n *yaml.Node, dim *Dimension, where string) {
	switch {
	case dim.RiskFamily != "" && dim.SignalFor != "":
		d.errorf(n, "%s : « risk_family » et « signal_for » ensemble : une dimension mesure l'exposition d'une famille (risk_family) ou signale une famille à discuter (signal_for), pas les deux", where)
	case dim.RiskFamily != "" && dim.Reading == ReadingSignal:
		d.errorf(n, "%s : une dimension lue comme un signal (reading: signal) ne mesure pas l'exposition d'une famille : remplacez « risk_family » par « signal_for »", where)
	}
}

// discussion reads the optional discussion questions of a dimension: a
// table from language to a list of MinDiscussion to MaxDiscussion texts,
// with the default language present.
func (d *decoder) discussion(f map[string]field, where string) TextList {
	df, ok := f["discussion"]
	if !ok {
		return nil
	}
	n := d.Resolve(df.Value)
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	label := where + " : discussion"
	entries, order := d.Mapping(n, label)
	if entries == nil {
		return nil
	}
	t := make(TextList, len(order))
	for lang, value := range d.languages(entries, order, label) {
		list := d.Resolve(value)
		nodes := d.Sequence(list, label+" "+lang)
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
			qn = d.Resolve(qn)
			if qn == nil {
				continue
			}
			if qn.Kind != yaml.ScalarNode || qn.Tag == "!!null" {
				d.errorf(qn, "%s : une question en « %s » doit être une chaîne de caractères, pas %s", label, lang, yamlnode.Describe(qn))
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
