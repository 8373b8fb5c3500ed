package yamlnode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Decoder walks the node tree of one file. The zero value is not usable:
// Report is required.
type Decoder struct {
	// Report receives every problem: its line (0 when it concerns the
	// whole file) and its message.
	Report func(line int, msg string)
	// MaxAliases bounds how many aliases (*name) the walk follows.
	MaxAliases int
	// Terse words the problems as campaign files always have: without
	// what was found instead (", pas une liste"), the first line of a
	// repeated key or the alias limit. Questionnaire files, longer and
	// written by hand, get the detailed wording.
	Terse bool

	aliases int
}

// Errorf reports a problem at the line of n (line 0 when n is nil).
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.Report(line, fmt.Sprintf(format, args...))
}

var syntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Document parses data as exactly one YAML document and returns its root,
// or nil after reporting why there is none (empty file, syntax error, a
// second document).
func (d *Decoder) Document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			d.Errorf(nil, "fichier vide")
		} else {
			d.syntaxError(err)
		}
		return nil
	}
	empty := doc.Kind != yaml.DocumentNode || len(doc.Content) == 0
	if empty && d.Terse {
		d.Errorf(nil, "fichier vide")
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.Errorf(&extra, "un seul document %sest attendu (retirer le second « --- »)", d.detail("YAML "))
		return nil
	} else if !errors.Is(err, io.EOF) {
		d.syntaxError(err)
		return nil
	}
	if empty {
		d.Errorf(nil, "fichier vide")
		return nil
	}
	return doc.Content[0]
}

// syntaxError reports a YAML syntax error at the line yaml.v3 gives.
func (d *Decoder) syntaxError(err error) {
	msg := err.Error()
	line := 0
	for _, part := range strings.Split(msg, "\n") {
		if m := syntaxLine.FindStringSubmatch(strings.TrimSpace(part)); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
			break
		}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	d.Report(line, "erreur de syntaxe "+d.detail("YAML ")+": "+msg)
}

// detail returns s, or "" in the terse wording.
func (d *Decoder) detail(s string) string {
	if d.Terse {
		return ""
	}
	return s
}

// Resolve follows an alias to the node it names; nil once the alias
// budget is spent (reported once) or for an alias of an alias.
func (d *Decoder) Resolve(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		return n
	}
	d.aliases++
	if d.aliases == d.MaxAliases+1 {
		if d.Terse {
			d.Errorf(n, "trop d'alias YAML")
		} else {
			d.Errorf(n, "trop d'alias YAML (plus de %d)", d.MaxAliases)
		}
	}
	if d.aliases > d.MaxAliases || n.Alias == nil || n.Alias.Kind == yaml.AliasNode {
		return nil
	}
	return n.Alias
}

// Field is a key of a table with its value (not resolved).
type Field struct {
	Key   *yaml.Node
	Value *yaml.Node
}

// Mapping checks that n is a table whose keys are all in known (a nil
// known accepts any key: tables keyed by ids or languages), reports
// unknown and repeated keys, and returns the values by key with the keys
// in file order. It returns nil when n is not a table. where starts each
// message ("campagne", "dimension effort").
func (d *Decoder) Mapping(n *yaml.Node, where string, known ...string) (map[string]Field, []string) {
	n = d.Resolve(n)
	if n == nil {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s : une table « clé: valeur » est attendue%s", where, d.found(n))
		return nil, nil
	}
	fields := make(map[string]Field, len(n.Content)/2)
	var order []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.Resolve(n.Content[i]), n.Content[i+1]
		switch {
		case d.Terse && (k == nil || k.Kind != yaml.ScalarNode):
			d.Errorf(n.Content[i], "%s : clé invalide", where)
			continue
		case k == nil:
			continue
		case k.Kind != yaml.ScalarNode:
			d.Errorf(k, "%s : une clé doit être un simple mot, pas %s", where, Describe(k))
			continue
		}
		name := k.Value
		if known != nil && !slices.Contains(known, name) {
			d.Errorf(k, "%s : clé inconnue « %s » (clés possibles : %s)", where, name, strings.Join(known, ", "))
			continue
		}
		if prev, dup := fields[name]; dup {
			if d.Terse {
				d.Errorf(k, "%s : clé « %s » en double", where, name)
			} else {
				d.Errorf(k, "%s : clé « %s » en double (déjà à la ligne %d)", where, name, prev.Key.Line)
			}
			continue
		}
		fields[name] = Field{Key: k, Value: v}
		order = append(order, name)
	}
	return fields, order
}

// Sequence checks that n is a list and returns its elements (not
// resolved); nil when it is not a list.
func (d *Decoder) Sequence(n *yaml.Node, where string) []*yaml.Node {
	n = d.Resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.Errorf(n, "%s : une liste est attendue%s", where, d.found(n))
		return nil
	}
	return n.Content
}

// found is ", pas <what n is>", or "" in the terse wording.
func (d *Decoder) found(n *yaml.Node) string {
	if d.Terse {
		return ""
	}
	return ", pas " + Describe(n)
}

// Describe names the kind of a node for messages: "une table", "une
// liste", "une valeur vide", "« texte »", "un alias".
func Describe(n *yaml.Node) string {
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
