package vigie_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pseudoPlural is « code(s) », « invité(e) »: Vigie writes real plurals
// (vigie.Plural) or restructures the sentence instead.
var pseudoPlural = regexp.MustCompile(`\p{L}\((s|e|es|x)\)`)

// TestNoPseudoPlurals scans every string literal of the non-test Go
// sources for « (s) »: a message reads « 2 questions », never
// « 2 question(s) », which screen readers also spell out.
func TestNoPseudoPlurals(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err == nil && pseudoPlural.MatchString(s) {
				t.Errorf("%s: %q: want a real plural (vigie.Plural) rather than %q", fset.Position(lit.Pos()), s, pseudoPlural.FindString(s))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
