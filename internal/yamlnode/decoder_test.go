package yamlnode_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/internal/yamlnode"
)

// decode walks every table of data's root with known keys "a" and "b"
// and returns the problems as "line: message".
func decode(data string, terse bool, maxAliases int) []string {
	var got []string
	d := &yamlnode.Decoder{MaxAliases: maxAliases, Terse: terse, Report: func(line int, msg string) {
		got = append(got, fmt.Sprintf("%d: %s", line, msg))
	}}
	root := d.Document([]byte(data))
	if root == nil {
		return got
	}
	for _, e := range d.Sequence(root, "racine") {
		d.Mapping(e, "table", "a", "b")
	}
	return got
}

func TestDecoderWording(t *testing.T) {
	for _, tc := range []struct {
		name, data    string
		terse, detail string
	}{
		{"Empty", "", "0: fichier vide", "0: fichier vide"},
		{"Syntax", "- [\n", "1: erreur de syntaxe : did not find expected node content", "1: erreur de syntaxe YAML : did not find expected node content"},
		{"TwoDocuments", "- a: 1\n---\n- b: 2\n", "2: un seul document est attendu (retirer le second « --- »)", "2: un seul document YAML est attendu (retirer le second « --- »)"},
		{"NotAList", "a: 1\n", "1: racine : une liste est attendue", "1: racine : une liste est attendue, pas une table"},
		{"NotATable", "- x\n", "1: table : une table « clé: valeur » est attendue", "1: table : une table « clé: valeur » est attendue, pas « x »"},
		{"UnknownKey", "- c: 1\n", "1: table : clé inconnue « c » (clés possibles : a, b)", "1: table : clé inconnue « c » (clés possibles : a, b)"},
		{"RepeatedKey", "- a: 1\n  a: 2\n", "2: table : clé « a » en double", "2: table : clé « a » en double (déjà à la ligne 1)"},
		{"KeyNotWord", "- [a]: 1\n", "1: table : clé invalide", "1: table : une clé doit être un simple mot, pas une liste"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, w := range []struct {
				terse bool
				want  string
			}{{true, tc.terse}, {false, tc.detail}} {
				got := decode(tc.data, w.terse, 10)
				if len(got) != 1 || got[0] != w.want {
					t.Errorf("terse=%v: problems = %q, want [%q]", w.terse, got, w.want)
				}
			}
		})
	}
}

// An alias bomb is cut at the budget, reported once, whatever its size.
func TestDecoderAliasBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("- &t {a: 1}\n")
	for range 50 {
		b.WriteString("- *t\n")
	}
	for _, tc := range []struct {
		terse bool
		want  string
	}{{true, "trop d'alias YAML"}, {false, "trop d'alias YAML (plus de 10)"}} {
		got := decode(b.String(), tc.terse, 10)
		if len(got) != 1 || !strings.HasSuffix(got[0], ": "+tc.want) || !strings.HasPrefix(got[0], "12: ") {
			t.Errorf("terse=%v: problems = %q, want one %q at line 12", tc.terse, got, tc.want)
		}
	}
}
