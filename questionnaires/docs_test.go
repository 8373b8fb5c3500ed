package questionnaires_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vigie-sante/vigie/questionnaires"
)

// TestDocumentedExampleValidates keeps the format documentation honest: the
// example file and the copy shown in docs/questionnaires.md both load.
func TestDocumentedExampleValidates(t *testing.T) {
	example := filepath.Join("..", "docs", "examples", "questionnaire-exemple.yaml")
	q, err := questionnaires.Load(example)
	if err != nil {
		t.Fatalf("%s:\n%v", example, err)
	}
	if len(q.Items()) != 6 || len(q.Indicators) != 1 {
		t.Errorf("%d items and %d indicators, want 6 and 1", len(q.Items()), len(q.Indicators))
	}
	doc, err := os.ReadFile(filepath.Join("..", "docs", "questionnaires.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(doc), "```yaml\n")
	block, _, closed := strings.Cut(block, "```")
	if !ok || !closed {
		t.Fatal("docs/questionnaires.md has no ```yaml block")
	}
	if _, err := questionnaires.Parse("docs/questionnaires.md", []byte(block)); err != nil {
		t.Fatalf("the example in docs/questionnaires.md is invalid:\n%v", err)
	}
	file, _ := os.ReadFile(example)
	if block != string(file) {
		t.Error("the example in docs/questionnaires.md differs from docs/examples/questionnaire-exemple.yaml")
	}
}
