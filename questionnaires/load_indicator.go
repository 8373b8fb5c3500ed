package questionnaires

import (
	"gopkg.in/yaml.v3"
)

// indicators reads the optional "indicators" list.
func (d *decoder) indicators(top map[string]field, dims []*Dimension) []*Indicator {
	f, ok := top["indicators"]
	if !ok {
		return nil
	}
	list := d.Resolve(f.Value)
	if list != nil && list.Kind == yaml.ScalarNode && list.Tag == "!!null" {
		return nil
	}
	nodes := d.Sequence(list, "indicators")
	seen := map[string]int{}
	var out []*Indicator
	for i, n := range nodes {
		n = d.Resolve(n)
		where := named("indicateur", n, i)
		f := d.mapping(n, where, "id", "title", "kind", "numerator", "denominator", "threshold")
		if f == nil {
			continue
		}
		ind := &Indicator{}
		ind.ID = d.uniqueID(n, f, where, "d'indicateur", seen)
		ind.Title = d.text(n, f, where, "title", true)
		if kind, kn := d.str(n, f, where, "kind", true); kn != nil {
			ind.Kind = IndicatorKind(kind)
			if ind.Kind != KindRatio {
				d.errorf(kn, "%s : « kind » vaut « %s », seul « %s » existe", where, kind, KindRatio)
			}
		}
		num, numN := d.dimensionRef(n, f, where, "numerator", dims)
		den, denN := d.dimensionRef(n, f, where, "denominator", dims)
		ind.Numerator, ind.Denominator = num, den
		if numN != nil && denN != nil && num == den {
			d.errorf(denN, "%s : « numerator » et « denominator » sont la même dimension « %s »", where, num)
		}
		if v, vn, ok := d.float(n, f, where, "threshold", true); ok {
			if !(v > 0) {
				d.errorf(vn, "%s : « threshold » doit être un nombre strictement positif, pas %v", where, v)
			}
			ind.Threshold = v
		}
		out = append(out, ind)
	}
	return out
}

// dimensionRef reads a field naming a dimension of the file.
func (d *decoder) dimensionRef(parent *yaml.Node, f map[string]field, where, name string, dims []*Dimension) (string, *yaml.Node) {
	id, n := d.str(parent, f, where, name, true)
	if n == nil {
		return "", nil
	}
	for _, dim := range dims {
		if dim.ID == id {
			return id, n
		}
	}
	d.errorf(n, "%s : « %s » désigne une dimension inconnue « %s »", where, name, id)
	return "", nil
}
