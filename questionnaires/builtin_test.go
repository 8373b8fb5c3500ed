package questionnaires_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/questionnaires"
)

// TestBuiltinValid parses each embedded file by name so that a mistake in
// one is reported with its lines rather than as Builtin's panic.
func TestBuiltinValid(t *testing.T) {
	files, err := filepath.Glob("*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no built-in file found (%v)", err)
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			q, err := questionnaires.Load(f)
			if err != nil {
				t.Fatalf("invalid built-in file:\n%v", err)
			}
			if q.ID+".yaml" != f {
				t.Errorf("file %s holds questionnaire %q; name it %s.yaml", f, q.ID, q.ID)
			}
			if m := q.EstimatedMinutes(); m >= 10 {
				t.Errorf("EstimatedMinutes() = %d, every instrument must take under 10 minutes", m)
			}
		})
	}
}

func TestBuiltin(t *testing.T) {
	qs := questionnaires.Builtin()
	var ids []string
	for _, q := range qs {
		ids = append(ids, q.ID)
	}
	if !slices.IsSorted(ids) {
		t.Errorf("Builtin() ids = %v, want sorted", ids)
	}
	for _, want := range []string{"exigences-et-insecurite", "numerique-travail-reel", "reconnaissance", "sens-du-travail", "strategies-defensives"} {
		q, ok := questionnaires.BuiltinByID(want)
		if !ok {
			t.Errorf("BuiltinByID(%q) not found among %v", want, ids)
			continue
		}
		if q.ID != want || len(q.Items()) == 0 || len(q.Source) == 0 {
			t.Errorf("BuiltinByID(%q) = %q with %d items", want, q.ID, len(q.Items()))
		}
	}
	if _, ok := questionnaires.BuiltinByID("inexistant"); ok {
		t.Error("BuiltinByID(inexistant) found something")
	}
}

func TestResolve(t *testing.T) {
	q, err := questionnaires.Resolve("sens-du-travail")
	if err != nil || q.ID != "sens-du-travail" {
		t.Fatalf("Resolve(builtin id) = %v, %v", q, err)
	}
	q, err = questionnaires.Resolve(filepath.Join("testdata", "valide.yaml"))
	if err != nil || q.ID != "charge-et-soutien" {
		t.Fatalf("Resolve(path) = %v, %v", q, err)
	}
	_, err = questionnaires.Resolve("pas-un-questionnaire")
	if vigie.ErrorCode(err) != vigie.EINVALID {
		t.Fatalf("Resolve(unknown) error = %v, want a domain error %s", err, vigie.EINVALID)
	}
	bad := filepath.Join(t.TempDir(), "faux.yaml")
	if err := os.WriteFile(bad, []byte("id: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := questionnaires.Resolve(bad); err == nil {
		t.Fatal("Resolve(invalid file) succeeded")
	}
}
