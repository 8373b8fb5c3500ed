package vigie

import (
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxCampaignSpecSize bounds a campaign description file or body.
const MaxCampaignSpecSize = 1 << 20

// maxSpecAliases bounds YAML aliases so a small file cannot expand into a
// huge walk.
const maxSpecAliases = 100

// ParseCampaignSpec reads a campaign description in YAML or JSON (JSON is
// YAML), applies the defaults and validates it. filename only appears in
// messages. On failure it returns an EINVALID *Error whose Message lists
// every problem, one per line, as "file:line: message".
func ParseCampaignSpec(filename string, data []byte) (spec *CampaignSpec, err error) {
	d := &specDecoder{p: problems{file: filename}, lines: specLines{fields: map[string]int{}}}
	defer func() {
		// yaml.v3 has panicked on malformed input in the past; this is user input.
		if r := recover(); r != nil {
			spec = nil
			d.p.add(0, "fichier illisible")
			err = d.p.err()
		}
	}()
	if len(data) > MaxCampaignSpecSize {
		return nil, Errorf(ETOOLARGE, "%s: la description dépasse %d octets", filename, MaxCampaignSpecSize)
	}
	root := d.document(data)
	if root == nil {
		return nil, d.p.err()
	}
	s := d.spec(root)
	s.SetDefaults()
	validateSpec(s, &d.lines, &d.p)
	if err := d.p.err(); err != nil {
		return nil, err
	}
	return s, nil
}

var yamlErrorLine = regexp.MustCompile(`line (\d+): (.*)$`)

// specDecoder walks the YAML node tree, reporting every problem.
type specDecoder struct {
	p       problems
	lines   specLines
	aliases int
}

func (d *specDecoder) document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.p.add(0, "fichier vide")
		} else {
			d.syntaxError(err)
		}
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		d.p.add(0, "fichier vide")
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.p.add(extra.Line, "un seul document est attendu (retirer le second « --- »)")
		return nil
	} else if !errors.Is(err, io.EOF) {
		d.syntaxError(err)
		return nil
	}
	return doc.Content[0]
}

func (d *specDecoder) syntaxError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlErrorLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	d.p.add(line, "erreur de syntaxe : %s", msg)
}

func (d *specDecoder) resolve(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		return n
	}
	d.aliases++
	if d.aliases > maxSpecAliases {
		if d.aliases == maxSpecAliases+1 {
			d.p.add(n.Line, "trop d'alias YAML")
		}
		return nil
	}
	if n.Alias == nil || n.Alias.Kind == yaml.AliasNode {
		return nil
	}
	return n.Alias
}

// fields returns the values of mapping n by key, reporting keys that are
// not in known (nil known accepts any key) and repeated keys.
func (d *specDecoder) fields(n *yaml.Node, where string, known ...string) (map[string]*yaml.Node, []string) {
	n = d.resolve(n)
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		d.p.add(n.Line, "%s : une table « clé: valeur » est attendue", where)
		return nil, nil
	}
	out := map[string]*yaml.Node{}
	var order []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.resolve(n.Content[i]), n.Content[i+1]
		if k == nil || k.Kind != yaml.ScalarNode {
			d.p.add(n.Content[i].Line, "%s : clé invalide", where)
			continue
		}
		if known != nil && !contains(known, k.Value) {
			d.p.add(k.Line, "%s : clé inconnue « %s » (clés possibles : %s)", where, k.Value, strings.Join(known, ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			d.p.add(k.Line, "%s : clé « %s » en double", where, k.Value)
			continue
		}
		out[k.Value] = v
		order = append(order, k.Value)
	}
	return out, order
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// scalar returns the string value of a scalar node, reporting other kinds.
func (d *specDecoder) scalar(n *yaml.Node, where string) (string, bool) {
	n = d.resolve(n)
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.p.add(n.Line, "%s : une valeur simple est attendue", where)
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
		d.p.add(n.Line, "%s : un nombre entier est attendu, pas « %s »", where, s)
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
		d.p.add(n.Line, "%s : un nombre décimal est attendu (par exemple 0.5), pas « %s »", where, s)
		return 0
	}
	return v
}

// list returns the elements of a sequence node, reporting other kinds.
func (d *specDecoder) list(n *yaml.Node, where string) []*yaml.Node {
	n = d.resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.p.add(n.Line, "%s : une liste est attendue", where)
		return nil
	}
	return n.Content
}

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

func (d *specDecoder) spec(root *yaml.Node) *CampaignSpec {
	s := &CampaignSpec{}
	f, order := d.fields(root, "campagne", "title", "organisation", "conducted_by", "purpose", "questionnaires",
		"units", "segments", "min_group_size", "comment_min_group_size", "priority_share", "languages", "access", "paper_double_entry", "previous", "unit_map", "retention_days",
		"controller", "dpo_contact", "legal_basis", "end_date")
	for _, key := range order {
		d.lines.fields[key] = f[key].Line
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
		s.Questionnaires, d.lines.questionnaires = d.strings(n, "questionnaires")
	}
	if n := f["units"]; n != nil {
		for _, e := range d.list(n, "unités") {
			s.Units = append(s.Units, d.unit(e))
			d.lines.units = append(d.lines.units, e.Line)
		}
	}
	if n := f["segments"]; n != nil {
		for _, e := range d.list(n, "segments") {
			seg, lines := d.segment(e)
			s.Segments = append(s.Segments, seg)
			d.lines.segments = append(d.lines.segments, lines)
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
		s.Languages, d.lines.languages = d.strings(n, "languages")
		if len(s.Languages) == 0 {
			s.Languages = []string{} // keeps "fr required" from being masked by the default
			d.p.add(n.Line, "languages : au moins une langue (fr) est requise")
		}
	}
	if n := f["paper_double_entry"]; n != nil {
		// An explicit 0 is a mistake, not a request for the default.
		v, ok := d.scalar(n, "paper_double_entry")
		x, err := strconv.ParseFloat(v, 64)
		switch {
		case !ok:
		case err != nil:
			d.p.add(n.Line, "paper_double_entry : un nombre entre 0 et 1 est attendu (0.2 pour une feuille sur cinq), pas « %s »", v)
		case x == 0:
			s.PaperDoubleEntry = -1
		default:
			s.PaperDoubleEntry = x
		}
	}
	if n := f["access"]; n != nil {
		a, _ := d.scalar(n, "access")
		s.Access = AccessMode(a)
		if a == "" {
			d.p.add(n.Line, "access : mode d'accès vide (codes ou link)")
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
	if d.lines.texts == nil {
		d.lines.texts = map[string]map[string]int{}
	}
	d.lines.texts[key] = lines
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
func (d *specDecoder) unit(n *yaml.Node) UnitSpec {
	var u UnitSpec
	f, _ := d.fields(n, "unités", "path", "headcount")
	if f == nil {
		return u
	}
	p := d.resolve(f["path"])
	switch {
	case p == nil:
		d.p.add(n.Line, "unités : « path » est requis")
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
func (d *specDecoder) segment(n *yaml.Node) (Segment, segmentLines) {
	var seg Segment
	l := segmentLines{id: n.Line, label: n.Line, categories: n.Line}
	f, _ := d.fields(n, "segments", "id", "label", "categories")
	if f == nil {
		return seg, l
	}
	if v := f["id"]; v != nil {
		seg.ID, _ = d.scalar(v, "segments : id")
		l.id = v.Line
	}
	seg.Label = map[string]string{}
	if v := f["label"]; v != nil {
		l.label = v.Line
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
		l.categories = v.Line
		d.categories(v, &seg, &l)
	}
	return seg, l
}

// categories reads a segment's categories, each a plain name (French) or
// a text by language {fr: "Cadre", en: "Manager"}. The French text stays
// the category's name everywhere results are computed; the others are
// only what the employee pages show.
func (d *specDecoder) categories(n *yaml.Node, seg *Segment, l *segmentLines) {
	const where = "segments : categories"
	for _, e := range d.list(n, where) {
		r := d.resolve(e)
		if r == nil {
			continue
		}
		if r.Kind != yaml.MappingNode {
			if v, ok := d.scalar(e, where); ok {
				seg.Categories = append(seg.Categories, v)
				l.category = append(l.category, e.Line)
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
			l.missingFrench = append(l.missingFrench, e.Line)
			continue
		}
		seg.Categories = append(seg.Categories, fr)
		l.category = append(l.category, e.Line)
		if seg.CategoryLabels == nil {
			seg.CategoryLabels = map[string]map[string]string{}
		}
		seg.CategoryLabels[fr] = labels
	}
}
