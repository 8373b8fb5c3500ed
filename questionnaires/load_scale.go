package questionnaires

import (
	"fmt"

	"github.com/vigie-sante/vigie/internal/yamlnode"
	"gopkg.in/yaml.v3"
)

// Limits on scales: answer scales are short, and bounded values keep every
// computation on them (max-min, recoding) far from integer overflow.
const (
	maxScaleBound  = 1000
	maxScaleValues = 101
)

// scales reads the "scales" table: scale id -> {min, max, labels}.
func (d *decoder) scales(root *yaml.Node, top map[string]field) []*Scale {
	f, ok := top["scales"]
	if !ok {
		d.errorf(root, "questionnaire : champ obligatoire « scales » manquant")
		return nil
	}
	n := d.Resolve(f.Value)
	entries, order := d.Mapping(n, "scales")
	if entries != nil && len(order) == 0 {
		d.errorf(n, "scales : aucune échelle définie")
	}
	var scales []*Scale
	for _, id := range order {
		e := entries[id]
		if !idPattern.MatchString(id) {
			d.errorf(e.Key, "scales : identifiant d'échelle invalide « %s » (lettres minuscules sans accent, chiffres et tirets seulement)", id)
			continue
		}
		if s := d.scale(id, e); s != nil {
			scales = append(scales, s)
		}
	}
	return scales
}

// scale reads one scale; it returns the scale even when its labels are
// wrong so that items using it are not also reported as using an unknown
// scale.
func (d *decoder) scale(id string, e field) *Scale {
	where := fmt.Sprintf("échelle %s", id)
	n := d.Resolve(e.Value)
	f := d.mapping(n, where, "min", "max", "labels")
	if f == nil {
		return &Scale{ID: id}
	}
	s := &Scale{ID: id}
	// Missing fields are reported on the line of the scale's name.
	minV, _, minOK := d.integer(e.Key, f, where, "min", true)
	maxV, maxN, maxOK := d.integer(e.Key, f, where, "max", true)
	s.Min, s.Max = minV, maxV
	bounds := minOK && maxOK
	if bounds && minV >= maxV {
		d.errorf(maxN, "%s : « min » (%d) doit être inférieur à « max » (%d)", where, minV, maxV)
		bounds = false
	}
	// Bounding min and max first keeps max-min from overflowing.
	if bounds && (minV < -maxScaleBound || maxV > maxScaleBound) {
		d.errorf(maxN, "%s : « min » et « max » doivent être compris entre %d et %d", where, -maxScaleBound, maxScaleBound)
		bounds = false
	}
	if bounds && maxV-minV > maxScaleValues-1 {
		d.errorf(maxN, "%s : trop de valeurs (%d), %d au plus", where, maxV-minV+1, maxScaleValues)
		bounds = false
	}
	s.Labels = d.labels(e.Key, f, where, s, bounds)
	return s
}

// labels reads {lang: [label...]}; counts are checked only when the bounds
// are valid.
func (d *decoder) labels(parent *yaml.Node, f map[string]field, where string, s *Scale, bounds bool) map[string][]string {
	lf, ok := f["labels"]
	if !ok {
		d.errorf(parent, "%s : champ obligatoire « labels » manquant", where)
		return nil
	}
	label := where + " : labels"
	n := d.Resolve(lf.Value)
	entries, order := d.Mapping(n, label)
	if entries == nil {
		return nil
	}
	want := s.Max - s.Min + 1
	out := make(map[string][]string, len(order))
	for lang, value := range d.languages(entries, order, label) {
		list := d.Resolve(value)
		items := d.Sequence(list, fmt.Sprintf("%s en « %s »", label, lang))
		if list == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		values := make([]string, 0, len(items))
		good := true
		for _, it := range items {
			it = d.Resolve(it)
			if it == nil {
				good = false
				continue
			}
			if it.Kind != yaml.ScalarNode || it.Tag == "!!null" || it.Value == "" {
				d.errorf(it, "%s en « %s » : chaque libellé doit être un texte non vide, pas %s", label, lang, yamlnode.Describe(it))
				good = false
				continue
			}
			values = append(values, it.Value)
		}
		if bounds && len(items) != want {
			d.errorf(list, "%s en « %s » : %d libellés pour %d valeurs (de %d à %d)", label, lang, len(items), want, s.Min, s.Max)
			good = false
		}
		if good {
			out[lang] = values
		}
	}
	if d.lang != "" {
		if _, ok := entries[d.lang]; !ok {
			d.errorf(n, "%s : libellés manquants dans la langue par défaut « %s »", label, d.lang)
		}
	}
	return out
}
