package store_test

import (
	"context"
	"testing"

	"github.com/vigie-sante/vigie"
	"github.com/vigie-sante/vigie/store"
)

func TestReferenceFiles(t *testing.T) {
	s := MustOpenStore(t)
	ctx := context.Background()
	if _, err := s.ReferenceFile(ctx, "copsoq", 1); vigie.ErrorCode(err) != vigie.ENOTFOUND {
		t.Fatalf("ReferenceFile before any = %v, want ENOTFOUND", err)
	}
	for _, content := range []string{"first", "second"} {
		if err := s.SaveReferenceFile(ctx, &store.ReferenceFile{Questionnaire: "copsoq", Version: 1, Filename: "norme.csv", Content: []byte(content)}); err != nil {
			t.Fatal(err)
		}
	}
	f, err := s.ReferenceFile(ctx, "copsoq", 1)
	if err != nil || string(f.Content) != "second" || f.Filename != "norme.csv" || f.UploadedAt.IsZero() {
		t.Fatalf("ReferenceFile = %+v, %v; want the second upload, replacing the first", f, err)
	}
	if _, err := s.ReferenceFile(ctx, "copsoq", 2); vigie.ErrorCode(err) != vigie.ENOTFOUND {
		t.Fatalf("another version = %v, want ENOTFOUND: a file is attached to one version", err)
	}
	if err := s.DeleteReferenceFile(ctx, "copsoq", 1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReferenceFile(ctx, "copsoq", 1); vigie.ErrorCode(err) != vigie.ENOTFOUND {
		t.Fatalf("after delete = %v, want ENOTFOUND", err)
	}
	if err := s.DeleteReferenceFile(ctx, "copsoq", 1); vigie.ErrorCode(err) != vigie.ENOTFOUND {
		t.Fatalf("second delete = %v, want ENOTFOUND", err)
	}
}
