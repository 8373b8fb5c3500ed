package questionnaires

import (
	"fmt"
	"iter"
	"math"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/vigie-sante/vigie/internal/yamlnode"
)

// maxAliases bounds how many YAML aliases (*name) one file may use: the
// walk follows aliases, and a file repeating them could otherwise make it
// do an amount of work far beyond the file's size.
const maxAliases = 1000

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9-]+$`)
	langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// decoder walks the YAML node tree of one file and collects every problem
// instead of stopping at the first one.
type decoder struct {
	*yamlnode.Decoder
	file     string
	lang     string // the default language, "" while unknown
	problems []Problem
}

// newDecoder returns the decoder of one file.
func newDecoder(file string) *decoder {
	d := &decoder{file: file}
	d.Decoder = &yamlnode.Decoder{MaxAliases: maxAliases, Report: func(line int, msg string) {
		d.problems = append(d.problems, Problem{File: d.file, Line: line, Message: msg})
	}}
	return d
}

// errorf records a problem at the line of n (or line 0 when n is nil).
func (d *decoder) errorf(n *yaml.Node, format string, args ...any) { d.Errorf(n, format, args...) }

// field is a key of a table with its value.
type field = yamlnode.Field

// mapping is yamlnode's Mapping without the order of the keys.
func (d *decoder) mapping(n *yaml.Node, where string, known ...string) map[string]field {
	fields, _ := d.Mapping(n, where, known...)
	return fields
}

// languages yields the entries of a table keyed by language (texts,
// labels, discussion questions) in file order, as the language and its
// value; a key that is not a language code is reported and skipped.
func (d *decoder) languages(entries map[string]field, order []string, label string) iter.Seq2[string, *yaml.Node] {
	return func(yield func(string, *yaml.Node) bool) {
		for _, lang := range order {
			e := entries[lang]
			if !langPattern.MatchString(lang) {
				d.errorf(e.Key, "%s : code de langue invalide « %s » (attendu : fr, en...)", label, lang)
				continue
			}
			if !yield(lang, e.Value) {
				return
			}
		}
	}
}

// scalar returns the resolved scalar node of f, or nil after reporting a
// problem when it is something else. A null value counts as missing.
func (d *decoder) scalar(parent *yaml.Node, f field, ok bool, where, name string, required bool) *yaml.Node {
	if !ok {
		if required {
			d.errorf(parent, "%s : champ obligatoire « %s » manquant", where, name)
		}
		return nil
	}
	n := d.Resolve(f.Value)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		if required {
			d.errorf(n, "%s : champ obligatoire « %s » vide", where, name)
		}
		return nil
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s : « %s » doit être une valeur simple, pas %s", where, name, yamlnode.Describe(n))
		return nil
	}
	return n
}

// str reads a string field; any non-null scalar is accepted as text, so a
// label such as 10 or a title such as "Oui" need no quotes.
func (d *decoder) str(parent *yaml.Node, fields map[string]field, where, name string, required bool) (string, *yaml.Node) {
	f, ok := fields[name]
	n := d.scalar(parent, f, ok, where, name, required)
	if n == nil {
		return "", nil
	}
	return n.Value, n
}

// integer reads an integer field.
func (d *decoder) integer(parent *yaml.Node, fields map[string]field, where, name string, required bool) (int, *yaml.Node, bool) {
	f, ok := fields[name]
	n := d.scalar(parent, f, ok, where, name, required)
	if n == nil {
		return 0, nil, false
	}
	var v int
	if n.Tag != "!!int" || n.Decode(&v) != nil {
		d.errorf(n, "%s : « %s » doit être un nombre entier, pas « %s »", where, name, n.Value)
		return 0, n, false
	}
	return v, n, true
}

// number reads a finite number from an already resolved scalar node.
func (d *decoder) number(n *yaml.Node, where, name string) (float64, bool) {
	var v float64
	if (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&v) != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		d.errorf(n, "%s : « %s » doit être un nombre, pas « %s »", where, name, n.Value)
		return 0, false
	}
	return v, true
}

// float reads a number field.
func (d *decoder) float(parent *yaml.Node, fields map[string]field, where, name string, required bool) (float64, *yaml.Node, bool) {
	f, ok := fields[name]
	n := d.scalar(parent, f, ok, where, name, required)
	if n == nil {
		return 0, nil, false
	}
	v, ok := d.number(n, where, name)
	return v, n, ok
}

// boolean reads a true/false field.
func (d *decoder) boolean(parent *yaml.Node, fields map[string]field, where, name string) bool {
	f, ok := fields[name]
	n := d.scalar(parent, f, ok, where, name, false)
	if n == nil {
		return false
	}
	var v bool
	if n.Tag != "!!bool" || n.Decode(&v) != nil {
		d.errorf(n, "%s : « %s » doit valoir true ou false, pas « %s »", where, name, n.Value)
		return false
	}
	return v
}

// id reads an identifier field and checks its form; kind names what it
// identifies in the message ("d'item", "de dimension").
func (d *decoder) id(parent *yaml.Node, fields map[string]field, where, kind string) (string, *yaml.Node) {
	v, n := d.str(parent, fields, where, "id", true)
	if n != nil && !idPattern.MatchString(v) {
		d.errorf(n, "%s : identifiant %s invalide « %s » (lettres minuscules sans accent, chiffres et tirets seulement)", where, kind, v)
		return "", n
	}
	return v, n
}

// uniqueID reads an id like id does and reports it when seen (id -> line)
// already holds it; kind names the object in the message ("d'item").
func (d *decoder) uniqueID(parent *yaml.Node, fields map[string]field, where, kind string, seen map[string]int) string {
	id, n := d.id(parent, fields, where, kind)
	if id == "" {
		return ""
	}
	if line, dup := seen[id]; dup {
		d.errorf(n, "%s : identifiant %s en double (déjà à la ligne %d)", where, kind, line)
	} else {
		seen[id] = n.Line
	}
	return id
}

// text reads a multilingual text: a table from language code to string. The
// default language is required whenever the field is present or required.
func (d *decoder) text(parent *yaml.Node, fields map[string]field, where, name string, required bool) Text {
	f, ok := fields[name]
	if !ok {
		if required {
			d.errorf(parent, "%s : champ obligatoire « %s » manquant", where, name)
		}
		return nil
	}
	n := d.Resolve(f.Value)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && !required {
		return nil
	}
	label := where + " : " + name
	entries, order := d.Mapping(n, label)
	if entries == nil && n.Kind != yaml.MappingNode {
		return nil
	}
	t := make(Text, len(order))
	for lang, value := range d.languages(entries, order, label) {
		v := d.Resolve(value)
		if v == nil {
			continue
		}
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			d.errorf(v, "%s : le texte en « %s » doit être une chaîne de caractères, pas %s", label, lang, yamlnode.Describe(v))
			continue
		}
		if strings.TrimSpace(v.Value) == "" {
			d.errorf(v, "%s : texte vide en « %s »", label, lang)
			continue
		}
		t[lang] = v.Value
	}
	if _, present := entries[d.lang]; d.lang != "" && !present {
		d.errorf(n, "%s : texte manquant dans la langue par défaut « %s »", label, d.lang)
	}
	return t
}

// named returns "<kind> <id>" when the mapping n has a valid scalar id,
// else "<kind> n°<i+1>": messages then name the object even for problems
// found before its id is read.
func named(kind string, n *yaml.Node, i int) string {
	if n != nil && n.Kind == yaml.MappingNode {
		for j := 0; j+1 < len(n.Content); j += 2 {
			k, v := n.Content[j], n.Content[j+1]
			if k.Kind == yaml.ScalarNode && k.Value == "id" && v.Kind == yaml.ScalarNode && idPattern.MatchString(v.Value) {
				return kind + " " + v.Value
			}
		}
	}
	return fmt.Sprintf("%s n°%d", kind, i+1)
}
