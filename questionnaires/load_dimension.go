package questionnaires

import (
	"fmt"

	"github.com/vigie-sante/vigie/internal/yamlnode"
	"gopkg.in/yaml.v3"
)

// dimensions reads the "dimensions" list and their items.
func (d *decoder) dimensions(root *yaml.Node, top map[string]field, scales []*Scale) []*Dimension {
	f, ok := top["dimensions"]
	if !ok {
		d.errorf(root, "questionnaire : champ obligatoire « dimensions » manquant")
		return nil
	}
	list := d.Resolve(f.Value)
	nodes := d.Sequence(list, "dimensions")
	if list != nil && list.Kind == yaml.SequenceNode && len(nodes) == 0 {
		d.errorf(list, "dimensions : aucune dimension définie")
	}
	seenDims := map[string]int{}
	seenItems := map[string]int{}
	var dims []*Dimension
	for i, n := range nodes {
		n = d.Resolve(n)
		dim := d.dimension(i, n, scales, seenItems)
		if dim == nil {
			continue
		}
		if dim.ID != "" {
			if line, dup := seenDims[dim.ID]; dup {
				d.errorf(n, "dimension %s : identifiant de dimension en double (déjà à la ligne %d)", dim.ID, line)
			} else {
				seenDims[dim.ID] = n.Line
			}
		}
		dims = append(dims, dim)
	}
	return dims
}

// dimension reads the i-th dimension (0-based).
func (d *decoder) dimension(i int, n *yaml.Node, scales []*Scale, seenItems map[string]int) *Dimension {
	where := named("dimension", n, i)
	f := d.mapping(n, where, "id", "title", "description", "direction", "min_answered", "cutoffs", "items", "risk_family", "signal_for", "reading", "discussion")
	if f == nil {
		return nil
	}
	dim := &Dimension{MinAnswered: DefaultMinAnswered}
	dim.ID, _ = d.id(n, f, where, "de dimension")
	dim.Title = d.text(n, f, where, "title", true)
	dim.Description = d.text(n, f, where, "description", true)
	if dir, dn := d.str(n, f, where, "direction", true); dn != nil {
		dim.Direction = Direction(dir)
		if dim.Direction != HigherIsWorse && dim.Direction != HigherIsBetter {
			d.errorf(dn, "%s : « direction » vaut « %s », attendu %s ou %s", where, dir, HigherIsWorse, HigherIsBetter)
		}
	}
	if v, vn, ok := d.float(n, f, where, "min_answered", false); ok {
		if !(v > 0 && v <= 1) {
			d.errorf(vn, "%s : « min_answered » doit être supérieur à 0 et au plus 1, pas %v", where, v)
		}
		dim.MinAnswered = v
	}
	dim.Cutoffs = d.cutoffs(n, f, where)
	dim.Items = d.items(n, f, where, scales, seenItems)
	dim.RiskFamily = d.riskFamily(n, f, where, "risk_family")
	dim.SignalFor = d.riskFamily(n, f, where, "signal_for")
	dim.Reading = d.reading(n, f, where)
	d.classification(n, dim, where)
	dim.Discussion = d.discussion(f, where)
	return dim
}

// cutoffs reads [low, high] with 0 <= low < high <= 100.
func (d *decoder) cutoffs(parent *yaml.Node, f map[string]field, where string) Cutoffs {
	cf, ok := f["cutoffs"]
	if !ok {
		d.errorf(parent, "%s : champ obligatoire « cutoffs » manquant", where)
		return Cutoffs{}
	}
	list := d.Resolve(cf.Value)
	nodes := d.Sequence(list, where+" : cutoffs")
	if list == nil || list.Kind != yaml.SequenceNode {
		return Cutoffs{}
	}
	if len(nodes) != 2 {
		d.errorf(list, "%s : « cutoffs » doit contenir exactement deux nombres [bas, haut], pas %d", where, len(nodes))
		return Cutoffs{}
	}
	var vals [2]float64
	for i, vn := range nodes {
		vn = d.Resolve(vn)
		if vn == nil {
			return Cutoffs{}
		}
		if vn.Kind != yaml.ScalarNode {
			d.errorf(vn, "%s : « cutoffs » doit contenir des nombres, pas %s", where, yamlnode.Describe(vn))
			return Cutoffs{}
		}
		v, ok := d.number(vn, where, "cutoffs")
		if !ok {
			return Cutoffs{}
		}
		vals[i] = v
	}
	c := Cutoffs{Low: vals[0], High: vals[1]}
	if !(0 <= c.Low && c.Low < c.High && c.High <= 100) {
		d.errorf(list, "%s : « cutoffs » [%v, %v] doit vérifier 0 <= bas < haut <= 100", where, c.Low, c.High)
	}
	return c
}

// items reads the items of a dimension; item ids are unique in the file.
func (d *decoder) items(parent *yaml.Node, f map[string]field, where string, scales []*Scale, seen map[string]int) []*Item {
	itf, ok := f["items"]
	if !ok {
		d.errorf(parent, "%s : champ obligatoire « items » manquant (une dimension a au moins un item)", where)
		return nil
	}
	list := d.Resolve(itf.Value)
	nodes := d.Sequence(list, where+" : items")
	if list != nil && list.Kind == yaml.SequenceNode && len(nodes) == 0 {
		d.errorf(list, "%s : aucun item (une dimension a au moins un item)", where)
	}
	var items []*Item
	for i, n := range nodes {
		n = d.Resolve(n)
		iw := where + " : " + named("item", n, i)
		f := d.mapping(n, iw, "id", "text", "scale", "reverse")
		if f == nil {
			continue
		}
		it := &Item{}
		it.ID = d.uniqueID(n, f, iw, "d'item", seen)
		it.Text = d.text(n, f, iw, "text", true)
		if name, sn := d.str(n, f, iw, "scale", true); sn != nil {
			for _, s := range scales {
				if s.ID == name {
					it.Scale = s
				}
			}
			if it.Scale == nil {
				d.errorf(sn, "%s : l'item %s utilise une échelle inconnue « %s »", where, orNumber(it.ID, i), name)
			}
		}
		it.Reverse = d.boolean(n, f, iw, "reverse")
		items = append(items, it)
	}
	return items
}

func orNumber(id string, i int) string {
	if id != "" {
		return id
	}
	return fmt.Sprintf("n°%d", i+1)
}
