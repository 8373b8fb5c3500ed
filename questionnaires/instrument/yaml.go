package instrument

import (
	"bytes"
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/vigie-sante/vigie/questionnaires"
)

// writer builds the YAML tree of a draft and remembers the place in the
// source of each node, so that what the parser finds wrong at a line of
// the YAML is reported at its cell or element.
type writer struct {
	places map[*yaml.Node]Place
}

// finish writes d as a questionnaire file and checks it with the
// questionnaire parser; its problems come back at their place in the
// source (name is the source file's name, for the YAML's head comment).
func finish(d *draft, warnings []string) (*Result, error) {
	w := &writer{places: map[*yaml.Node]Place{}}
	root := w.questionnaire(d)
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}, HeadComment: d.Head}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("instrument: write YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("instrument: write YAML: %w", err)
	}
	data := buf.Bytes()
	q, err := questionnaires.Parse("questionnaire.yaml", data)
	var le *questionnaires.LoadError
	if errors.As(err, &le) {
		return nil, w.locate(root, data, le)
	} else if err != nil {
		return nil, fmt.Errorf("instrument: check YAML: %w", err)
	}
	return &Result{YAML: data, Questionnaire: q, Warnings: warnings}, nil
}

// locate turns the parser's problems, located by line of the YAML, into
// problems at their place in the source.
func (w *writer) locate(root *yaml.Node, data []byte, le *questionnaires.LoadError) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return fmt.Errorf("instrument: read back YAML: %v", err)
	}
	byLine := map[int]Place{}
	var walk func(built, read *yaml.Node)
	walk = func(built, read *yaml.Node) {
		if at, ok := w.places[built]; ok {
			if _, seen := byLine[read.Line]; !seen {
				byLine[read.Line] = at
			}
		}
		for i := range min(len(built.Content), len(read.Content)) {
			walk(built.Content[i], read.Content[i])
		}
	}
	walk(root, doc.Content[0])
	var ps problems
	for _, p := range le.Problems {
		var at Place
		for line := p.Line; line > 0; line-- {
			if pl, ok := byLine[line]; ok {
				at = pl
				break
			}
		}
		ps.add(at, "%s", p.Message)
	}
	return ps.err()
}

// at records the place of a node and returns it.
func (w *writer) at(n *yaml.Node, p Place) *yaml.Node {
	if p != (Place{}) {
		w.places[n] = p
	}
	return n
}

// plain is an identifier, a number or a keyword, written as it is.
func (w *writer) plain(f field) *yaml.Node {
	return w.at(&yaml.Node{Kind: yaml.ScalarNode, Value: f.V}, f.At)
}

// quoted is a text, always a string.
func (w *writer) quoted(v string, at Place) *yaml.Node {
	return w.at(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: yaml.DoubleQuotedStyle}, at)
}

func key(k string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: k} }

// mapping is a block mapping whose empty entries (nil) are left out.
type mapping struct {
	n *yaml.Node
}

func (w *writer) mapping(at Place) mapping {
	return mapping{w.at(&yaml.Node{Kind: yaml.MappingNode}, at)}
}

func (m mapping) set(k string, v *yaml.Node) {
	if v != nil {
		m.n.Content = append(m.n.Content, key(k), v)
	}
}

// field sets k to a plain value unless the source left it empty.
func (m mapping) field(w *writer, k string, f field) {
	if f.V != "" {
		m.set(k, w.plain(f))
	}
}

// text writes a text as a table language → text; nil when empty.
func (w *writer) text(t text, flow bool) *yaml.Node {
	if len(t) == 0 {
		return nil
	}
	m := w.mapping(t[0].At)
	if flow {
		m.n.Style = yaml.FlowStyle
	}
	for _, lt := range t {
		m.set(lt.Lang, w.quoted(lt.V, lt.At))
	}
	return m.n
}

// lists writes lists of texts by language; flow lists when short is set.
func (w *writer) lists(ls []list, short bool) *yaml.Node {
	if len(ls) == 0 {
		return nil
	}
	m := w.mapping(ls[0].At)
	for _, l := range ls {
		seq := w.at(&yaml.Node{Kind: yaml.SequenceNode}, l.At)
		if short {
			seq.Style = yaml.FlowStyle
		}
		for _, v := range l.V {
			seq.Content = append(seq.Content, w.quoted(v, l.At))
		}
		m.set(l.Lang, seq)
	}
	return m.n
}

func (w *writer) questionnaire(d *draft) *yaml.Node {
	m := w.mapping(d.ID.At)
	m.set("id", w.plain(d.ID))
	m.field(w, "version", d.Version)
	m.field(w, "language", d.Language)
	m.set("title", w.text(d.Title, false))
	m.set("intro", w.text(d.Intro, false))
	m.set("comment", w.text(d.Comment, false))
	scales := w.mapping(Place{})
	for _, s := range d.Scales {
		sm := w.mapping(s.ID.At)
		sm.field(w, "min", s.Min)
		sm.field(w, "max", s.Max)
		sm.set("labels", w.lists(s.Labels, true))
		scales.n.Content = append(scales.n.Content, w.plain(s.ID), sm.n)
	}
	if len(d.Scales) > 0 {
		m.set("scales", scales.n)
	}
	dims := &yaml.Node{Kind: yaml.SequenceNode}
	for _, dim := range d.Dimensions {
		dims.Content = append(dims.Content, w.dimension(dim))
	}
	if len(d.Dimensions) > 0 {
		m.set("dimensions", dims)
	}
	inds := &yaml.Node{Kind: yaml.SequenceNode}
	for _, ind := range d.Indicators {
		im := w.mapping(ind.ID.At)
		im.set("id", w.plain(ind.ID))
		im.set("title", w.text(ind.Title, true))
		im.field(w, "kind", ind.Kind)
		im.field(w, "numerator", ind.Numerator)
		im.field(w, "denominator", ind.Denominator)
		im.field(w, "threshold", ind.Th)
		inds.Content = append(inds.Content, im.n)
	}
	if len(d.Indicators) > 0 {
		m.set("indicators", inds)
	}
	return m.n
}

func (w *writer) dimension(d *dimensionDraft) *yaml.Node {
	m := w.mapping(d.ID.At)
	m.set("id", w.plain(d.ID))
	m.set("title", w.text(d.Title, false))
	m.set("description", w.text(d.Description, false))
	m.field(w, "direction", d.Direction)
	m.field(w, "min_answered", d.MinAnswered)
	if d.Low.V != "" || d.High.V != "" {
		at := d.Low.At
		if d.Low.V == "" {
			at = d.High.At
		}
		cut := w.at(&yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}, at)
		for _, f := range []field{d.Low, d.High} {
			if f.V != "" {
				cut.Content = append(cut.Content, w.plain(f))
			}
		}
		m.set("cutoffs", cut)
	}
	m.field(w, "risk_family", d.RiskFamily)
	m.field(w, "signal_for", d.SignalFor)
	m.field(w, "reading", d.Read)
	m.set("discussion", w.lists(d.Discussion, false))
	items := &yaml.Node{Kind: yaml.SequenceNode}
	for _, it := range d.Items {
		im := w.mapping(it.ID.At)
		im.set("id", w.plain(it.ID))
		im.set("text", w.text(it.Text, true))
		im.field(w, "scale", it.Scale)
		if it.Reverse {
			im.set("reverse", w.at(&yaml.Node{Kind: yaml.ScalarNode, Value: "true"}, it.ReverseAt))
		}
		items.Content = append(items.Content, im.n)
	}
	if len(d.Items) > 0 {
		m.set("items", items)
	}
	return m.n
}
