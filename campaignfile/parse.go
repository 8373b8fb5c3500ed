package campaignfile

import (
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/internal/yamlnode"
)

// maxAliases bounds YAML aliases so a small file cannot expand into a
// huge walk.
const maxAliases = 100

// Parse reads a campaign description in YAML or JSON (JSON is YAML),
// applies the defaults and validates it. filename only appears in
// messages. On failure it returns an EINVALID *vigie.Error whose Message
// lists every problem, one per line, as "file:line: message"; ETOOLARGE
// beyond vigie.MaxCampaignSpecSize.
func Parse(filename string, data []byte) (spec *vigie.CampaignSpec, err error) {
	d := &specDecoder{p: vigie.Problems{File: filename}, lines: vigie.SpecLines{Fields: map[string]int{}}}
	d.y = yamlnode.Decoder{MaxAliases: maxAliases, Terse: true, Report: func(line int, msg string) { d.p.Add(line, "%s", msg) }}
	defer func() {
		// yaml.v3 has panicked on malformed input in the past; this is user input.
		if r := recover(); r != nil {
			spec = nil
			d.p.Add(0, "fichier illisible")
			err = d.p.Err()
		}
	}()
	if len(data) > vigie.MaxCampaignSpecSize {
		return nil, vigie.Errorf(vigie.ETOOLARGE, "%s: la description dépasse %d octets", filename, vigie.MaxCampaignSpecSize)
	}
	root := d.y.Document(data)
	if root == nil {
		return nil, d.p.Err()
	}
	s := d.spec(root)
	s.SetDefaults()
	s.Check(&d.lines, &d.p)
	if err := d.p.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// specDecoder walks the YAML node tree, reporting every problem.
type specDecoder struct {
	y     yamlnode.Decoder
	p     vigie.Problems
	lines vigie.SpecLines
}

func (d *specDecoder) resolve(n *yaml.Node) *yaml.Node { return d.y.Resolve(n) }

// fields returns the values of mapping n by key, reporting keys that are
// not in known (nil known accepts any key) and repeated keys.
func (d *specDecoder) fields(n *yaml.Node, where string, known ...string) (map[string]*yaml.Node, []string) {
	f, order := d.y.Mapping(n, where, known...)
	if f == nil {
		return nil, nil
	}
	out := make(map[string]*yaml.Node, len(f))
	for k, v := range f {
		out[k] = v.Value
	}
	return out, order
}

// scalar returns the string value of a scalar node, reporting other kinds.
func (d *specDecoder) scalar(n *yaml.Node, where string) (string, bool) {
	n = d.resolve(n)
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.p.Add(n.Line, "%s : une valeur simple est attendue", where)
		return "", false
	}
	return n.Value, true
}

func (d *specDecoder) integer(n *yaml.Node, where string) int {
	s, ok := d.scalar(n, where)
	if !ok {
		return 0
	}
	v, err := strconv.Atoi(s)
	if err != nil || d.resolve(n).Tag != "!!int" {
		d.p.Add(n.Line, "%s : un nombre entier est attendu, pas « %s »", where, s)
		return 0
	}
	return v
}

// number reads a decimal number ("0.5", "0,5" is refused: YAML reads it as text).
func (d *specDecoder) number(n *yaml.Node, where string) float64 {
	s, ok := d.scalar(n, where)
	if !ok {
		return 0
	}
	tag := d.resolve(n).Tag
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || (tag != "!!float" && tag != "!!int") || math.IsNaN(v) || math.IsInf(v, 0) {
		d.p.Add(n.Line, "%s : un nombre décimal est attendu (par exemple 0.5), pas « %s »", where, s)
		return 0
	}
	return v
}

// list returns the elements of a sequence node, reporting other kinds.
func (d *specDecoder) list(n *yaml.Node, where string) []*yaml.Node { return d.y.Sequence(n, where) }

// strings reads a list of simple values and their lines.
func (d *specDecoder) strings(n *yaml.Node, where string) ([]string, []int) {
	var vals []string
	var lines []int
	for _, e := range d.list(n, where) {
		if v, ok := d.scalar(e, where); ok {
			vals = append(vals, v)
			lines = append(lines, e.Line)
		}
	}
	return vals, lines
}

func (d *specDecoder) spec(root *yaml.Node) *vigie.CampaignSpec {
	s := &vigie.CampaignSpec{}
	f, order := d.fields(root, "campagne", "title", "organisation", "conducted_by", "purpose", "questionnaires",
		"units", "segments", "min_group_size", "comment_min_group_size", "priority_share", "languages", "access", "paper_double_entry", "previous", "unit_map", "retention_days",
		"controller", "dpo_contact", "legal_basis", "end_date")
	for _, key := range order {
		d.lines.Fields[key] = f[key].Line
	}
	if n := f["title"]; n != nil {
		s.Title, _ = d.scalar(n, "title")
	}
	if n := f["organisation"]; n != nil {
		s.Organisation, _ = d.scalar(n, "organisation")
	}
	if n := f["conducted_by"]; n != nil {
		s.ConductedBy = d.languageText(n, "conducted_by")
	}
	if n := f["purpose"]; n != nil {
		s.Purpose = d.languageText(n, "purpose")
	}
	if n := f["end_date"]; n != nil {
		s.EndDate, _ = d.scalar(n, "end_date")
	}
	if n := f["questionnaires"]; n != nil {
		s.Questionnaires, d.lines.Questionnaires = d.strings(n, "questionnaires")
	}
	if n := f["units"]; n != nil {
		for _, e := range d.list(n, "unités") {
			s.Units = append(s.Units, d.unit(e))
			d.lines.Units = append(d.lines.Units, e.Line)
		}
	}
	if n := f["segments"]; n != nil {
		for _, e := range d.list(n, "segments") {
			seg, lines := d.segment(e)
			s.Segments = append(s.Segments, seg)
			d.lines.Segments = append(d.lines.Segments, lines)
		}
	}
	if n := f["min_group_size"]; n != nil {
		// An explicit 0 is a mistake, not a request for the default.
		if s.MinGroupSize = d.integer(n, "min_group_size"); s.MinGroupSize == 0 {
			s.MinGroupSize = -1
		}
	}
	if n := f["comment_min_group_size"]; n != nil {
		if s.CommentMinGroupSize = d.integer(n, "comment_min_group_size"); s.CommentMinGroupSize == 0 {
			s.CommentMinGroupSize = -1
		}
	}
	if n := f["priority_share"]; n != nil {
		if s.PriorityShare = d.number(n, "priority_share"); s.PriorityShare == 0 {
			s.PriorityShare = -1 // an explicit 0 is a mistake, as for k
		}
	}
	if n := f["controller"]; n != nil {
		s.Controller, _ = d.scalar(n, "controller")
	}
	if n := f["dpo_contact"]; n != nil {
		s.DPOContact, _ = d.scalar(n, "dpo_contact")
	}
	if n := f["legal_basis"]; n != nil {
		s.LegalBasis, _ = d.scalar(n, "legal_basis")
	}
	if n := f["retention_days"]; n != nil {
		if s.RetentionDays = d.integer(n, "retention_days"); s.RetentionDays == 0 {
			s.RetentionDays = -1 // an explicit 0 is a mistake, not the default
		}
	}
	if n := f["languages"]; n != nil {
		s.Languages, d.lines.Languages = d.strings(n, "languages")
		if len(s.Languages) == 0 {
			s.Languages = []string{} // keeps "fr required" from being masked by the default
			d.p.Add(n.Line, "languages : au moins une langue (fr) est requise")
		}
	}
	if n := f["paper_double_entry"]; n != nil {
		// An explicit 0 is a mistake, not a request for the default.
		v, ok := d.scalar(n, "paper_double_entry")
		x, err := strconv.ParseFloat(v, 64)
		switch {
		case !ok:
		case err != nil:
			d.p.Add(n.Line, "paper_double_entry : un nombre entre 0 et 1 est attendu (0.2 pour une feuille sur cinq), pas « %s »", v)
		case x == 0:
			s.PaperDoubleEntry = -1
		default:
			s.PaperDoubleEntry = x
		}
	}
	if n := f["access"]; n != nil {
		a, _ := d.scalar(n, "access")
		s.Access = vigie.AccessMode(a)
		if a == "" {
			d.p.Add(n.Line, "access : mode d'accès vide (codes ou link)")
		}
	}
	if n := f["previous"]; n != nil {
		s.Previous, _ = d.scalar(n, "previous")
	}
	if n := f["unit_map"]; n != nil {
		m, order := d.fields(n, "unit_map")
		s.UnitMap = map[string]string{}
		for _, old := range order {
			s.UnitMap[old], _ = d.scalar(m[old], "unit_map."+old)
		}
	}
	return s
}

// languageText reads a text by language, {fr: "...", en: "..."}, and
// remembers the line of each language; a bare text is the French one. The
// map is never nil, so that validation knows the field was written.
func (d *specDecoder) languageText(n *yaml.Node, key string) map[string]string {
	out := map[string]string{}
	lines := map[string]int{}
	if d.lines.Texts == nil {
		d.lines.Texts = map[string]map[string]int{}
	}
	d.lines.Texts[key] = lines
	if r := d.resolve(n); r != nil && r.Kind == yaml.ScalarNode {
		if r.Tag != "!!null" {
			out["fr"] = r.Value
		}
		return out
	}
	texts, order := d.fields(n, key)
	for _, lang := range order {
		out[lang], _ = d.scalar(texts[lang], key+"."+lang)
		lines[lang] = texts[lang].Line
	}
	return out
}

// unit reads {path: "A/B", headcount: 12}; the path may also be a list of names.
func (d *specDecoder) unit(n *yaml.Node) vigie.UnitSpec {
	var u vigie.UnitSpec
	f, _ := d.fields(n, "unités", "path", "headcount")
	if f == nil {
		return u
	}
	p := d.resolve(f["path"])
	switch {
	case p == nil:
		d.p.Add(n.Line, "unités : « path » est requis")
	case p.Kind == yaml.SequenceNode:
		u.Path, _ = d.strings(p, "unités")
	default:
		if s, ok := d.scalar(p, "unités"); ok {
			u.Path = strings.Split(s, "/")
			for i := range u.Path {
				u.Path[i] = strings.TrimSpace(u.Path[i])
			}
		}
	}
	if h := f["headcount"]; h != nil {
		u.Headcount = d.integer(h, "unités : headcount")
	}
	return u
}

// segment reads {id, label: {fr, en}, categories: [...]}.
func (d *specDecoder) segment(n *yaml.Node) (vigie.Segment, vigie.SegmentLines) {
	var seg vigie.Segment
	l := vigie.SegmentLines{ID: n.Line, Label: n.Line, Categories: n.Line}
	f, _ := d.fields(n, "segments", "id", "label", "categories")
	if f == nil {
		return seg, l
	}
	if v := f["id"]; v != nil {
		seg.ID, _ = d.scalar(v, "segments : id")
		l.ID = v.Line
	}
	seg.Label = map[string]string{}
	if v := f["label"]; v != nil {
		l.Label = v.Line
		if r := d.resolve(v); r != nil && r.Kind == yaml.ScalarNode {
			seg.Label["fr"] = r.Value // a bare label is the French one
		} else {
			labels, order := d.fields(v, "segments : label")
			for _, lang := range order {
				seg.Label[lang], _ = d.scalar(labels[lang], "segments : label")
			}
		}
	}
	if v := f["categories"]; v != nil {
		l.Categories = v.Line
		d.categories(v, &seg, &l)
	}
	return seg, l
}

// categories reads a segment's categories, each a plain name (French) or
// a text by language {fr: "Cadre", en: "Manager"}. The French text stays
// the category's name everywhere results are computed; the others are
// only what the employee pages show.
func (d *specDecoder) categories(n *yaml.Node, seg *vigie.Segment, l *vigie.SegmentLines) {
	const where = "segments : categories"
	for _, e := range d.list(n, where) {
		r := d.resolve(e)
		if r == nil {
			continue
		}
		if r.Kind != yaml.MappingNode {
			if v, ok := d.scalar(e, where); ok {
				seg.Categories = append(seg.Categories, v)
				l.Category = append(l.Category, e.Line)
			}
			continue
		}
		texts, order := d.fields(r, where)
		labels := map[string]string{}
		for _, lang := range order {
			labels[lang], _ = d.scalar(texts[lang], where+"."+lang)
		}
		fr, ok := labels["fr"]
		if !ok || strings.TrimSpace(fr) == "" {
			l.MissingFrench = append(l.MissingFrench, e.Line)
			continue
		}
		seg.Categories = append(seg.Categories, fr)
		l.Category = append(l.Category, e.Line)
		if seg.CategoryLabels == nil {
			seg.CategoryLabels = map[string]map[string]string{}
		}
		seg.CategoryLabels[fr] = labels
	}
}
