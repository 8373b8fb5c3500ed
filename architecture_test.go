package vigie_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestLayersImportOneWay keeps storage and presentation side by side:
// store assembles a dossier and reports renders it, and neither imports
// the other (docs/architecture.md); scoring imports neither.
func TestLayersImportOneWay(t *testing.T) {
	const module = "github.com/vigie-sante/vigie/"
	for _, tc := range []struct{ pkg, forbidden string }{
		{"store", "reports"},
		{"reports", "store"},
		{"dossier", "store"},
		{"dossier", "reports"},
		{"scoring", "store"},
		{"scoring", "reports"},
	} {
		out, err := exec.Command("go", "list", "-deps", "./"+tc.pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps ./%s: %v", tc.pkg, err)
		}
		if slices.Contains(strings.Fields(string(out)), module+tc.forbidden) {
			t.Errorf("%s imports %s", tc.pkg, tc.forbidden)
		}
	}
}

// TestRootImportsNoYAML keeps the root package on the standard library:
// it holds the domain types, rules and errors, and the campaign file's
// format lives in campaignfile (issue 23).
func TestRootImportsNoYAML(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps .: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.Contains(dep, "yaml") {
			t.Errorf("the root package imports %s", dep)
		}
	}
}
