package questionnaires

import (
	"fmt"
	"iter"
	"math"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
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
	file     string
	lang     string // the default language, "" while unknown
	problems []Problem
	aliases  int
}

// errorf records a problem at the line of n (or line 0 when n is nil).
func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.problems = append(d.problems, Problem{File: d.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// resolve follows an alias to the node it names.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		return n
	}
	d.aliases++
	if d.aliases == maxAliases+1 {
		d.errorf(n, "trop d'alias YAML (plus de %d)", maxAliases)
	}
	if d.aliases > maxAliases || n.Alias == nil || n.Alias.Kind == yaml.AliasNode {
		return nil
	}
	return n.Alias
}

// field is a key of a mapping with its value.
type field struct {
	key   *yaml.Node
	value *yaml.Node
}

// mapping checks that n is a mapping whose keys are all in known, reports
// unknown and repeated keys, and returns the values by key. It returns nil
// when n is not a mapping.
func (d *decoder) mapping(n *yaml.Node, where string, known ...string) map[string]field {
	fields, _ := d.orderedMapping(n, where, known...)
	return fields
}

// orderedMapping is mapping that also returns the keys in file order; a nil
// known accepts any key (used for maps keyed by ids or languages).
func (d *decoder) orderedMapping(n *yaml.Node, where string, known ...string) (map[string]field, []string) {
	n = d.resolve(n)
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s : une table « clé: valeur » est attendue, pas %s", where, describe(n))
		return nil, nil
	}
	fields := make(map[string]field, len(n.Content)/2)
	var order []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.resolve(n.Content[i]), n.Content[i+1]
		if k == nil {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s : une clé doit être un simple mot, pas %s", where, describe(k))
			continue
		}
		name := k.Value
		if known != nil && !contains(known, name) {
			d.errorf(k, "%s : clé inconnue « %s » (clés possibles : %s)", where, name, strings.Join(known, ", "))
			continue
		}
		if prev, dup := fields[name]; dup {
			d.errorf(k, "%s : clé « %s » en double (déjà à la ligne %d)", where, name, prev.key.Line)
			continue
		}
		fields[name] = field{key: k, value: v}
		order = append(order, name)
	}
	return fields, order
}

// languages yields the entries of a table keyed by language (texts,
// labels, discussion questions) in file order, as the language and its
// value; a key that is not a language code is reported and skipped.
func (d *decoder) languages(entries map[string]field, order []string, label string) iter.Seq2[string, *yaml.Node] {
	return func(yield func(string, *yaml.Node) bool) {
		for _, lang := range order {
			e := entries[lang]
			if !langPattern.MatchString(lang) {
				d.errorf(e.key, "%s : code de langue invalide « %s » (attendu : fr, en...)", label, lang)
				continue
			}
			if !yield(lang, e.value) {
				return
			}
		}
	}
}

// sequence checks that n is a list and returns its elements.
func (d *decoder) sequence(n *yaml.Node, where string) []*yaml.Node {
	n = d.resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s : une liste est attendue, pas %s", where, describe(n))
		return nil
	}
	return n.Content
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
	n := d.resolve(f.value)
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
		d.errorf(n, "%s : « %s » doit être une valeur simple, pas %s", where, name, describe(n))
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
	n := d.resolve(f.value)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && !required {
		return nil
	}
	label := where + " : " + name
	entries, order := d.orderedMapping(n, label)
	if entries == nil && n.Kind != yaml.MappingNode {
		return nil
	}
	t := make(Text, len(order))
	for lang, value := range d.languages(entries, order, label) {
		v := d.resolve(value)
		if v == nil {
			continue
		}
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			d.errorf(v, "%s : le texte en « %s » doit être une chaîne de caractères, pas %s", label, lang, describe(v))
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

// describe names the kind of a node for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "une table"
	case yaml.SequenceNode:
		return "une liste"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "une valeur vide"
		}
		return fmt.Sprintf("« %s »", n.Value)
	case yaml.AliasNode:
		return "un alias"
	}
	return "un document"
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
